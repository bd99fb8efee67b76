/**
 * The emulator's Region settings: which resource types AWS Backup protects in this account's Region
 * (DescribeRegionSettings, UpdateRegionSettings; service model: ResourceTypeOptInPreference, a map of
 * resource type to boolean, https://docs.aws.amazon.com/aws-backup/latest/devguide/API_DescribeRegionSettings.html).
 * "If service opt-in is enabled for a service, AWS Backup tries to protect that service's resources in
 * this Region … Otherwise, AWS Backup does not try to protect that service's resources in this Region."
 */
import { invalid } from '../errors';
import { SEEDED_OPT_IN } from '../seedRegion';
import type { AccountState } from '../state';
import type { Handler } from './common';

/** The account's settings, seeded on first use (every emulated account starts from the same Region). */
function optIn(state: AccountState): Map<string, boolean> {
  if (state.optIn.size === 0) for (const [k, v] of Object.entries(SEEDED_OPT_IN)) state.optIn.set(k, v);
  return state.optIn;
}

/** Turns a resource type's opt-in off for this account and Region (the seeds' opt-outs). */
export function optOut(state: AccountState, type: string): void {
  optIn(state).set(type, false);
}

export const REGION_HANDLERS: Record<string, Handler> = {
  DescribeRegionSettings(_input, ctx) {
    return { ResourceTypeOptInPreference: Object.fromEntries(optIn(ctx.state)) };
  },
  /**
   * Only the types named change (whether the service replaces the whole map or merges it is not
   * documented: NOT FOUND; the extension always sends the whole map, so either way it is right).
   */
  UpdateRegionSettings(input, ctx) {
    const prefs = optIn(ctx.state);
    const asked = (input.ResourceTypeOptInPreference ?? {}) as Record<string, unknown>;
    for (const [type, on] of Object.entries(asked)) {
      if (!prefs.has(type)) throw invalid(`Resource type ${type} is not supported in ${ctx.state.region}.`); // emulator's wording
      if (typeof on !== 'boolean') throw invalid(`The opt-in preference of ${type} must be true or false.`); // emulator's wording
    }
    for (const [type, on] of Object.entries(asked)) prefs.set(type, on as boolean);
    return {};
  },
};
