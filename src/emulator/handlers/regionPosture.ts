/**
 * A minimal DescribeRegionSettings, for the recovery posture's tests (issue 15): which resource types
 * the account opts in for the Region. The opt-ins live beside each account's state (the seeds set
 * them); every type AWS Backup knows is opted in unless a seed says otherwise (emulator's choice:
 * AWS does not document each type's default).
 *
 * NOTE for the merge: another branch adds DescribeRegionSettings in handlers/region.ts with a field on
 * AccountState; when both land, that one should serve the operation and the seeds' opt-outs below
 * move to its field.
 */
import { RESTORE_RESOURCE_TYPES } from '../../lint/metadataKeys';
import type { AccountState } from '../state';
import type { Handler } from './common';

/** The resource types the service model documents (the lint engine keeps the list). */
const OPT_IN_TYPES = RESTORE_RESOURCE_TYPES;

const optOuts = new WeakMap<AccountState, Set<string>>();

/** Turns a resource type's opt-in off for this account and Region. */
export function optOut(state: AccountState, type: string): void {
  let s = optOuts.get(state);
  if (!s) optOuts.set(state, (s = new Set()));
  s.add(type);
}

export const REGION_POSTURE_HANDLERS: Record<string, Handler> = {
  DescribeRegionSettings(_input, ctx) {
    const out = optOuts.get(ctx.state);
    return {
      ResourceTypeOptInPreference: Object.fromEntries(OPT_IN_TYPES.map((t) => [t, !out?.has(t)])),
    };
  },
};
