/**
 * What the emulator's operations share: the context they run in, paging, and the vault and recovery-point
 * look-ups. Behaviour follows AWS's documentation (the AWS Backup Developer Guide,
 * https://docs.aws.amazon.com/aws-backup/latest/devguide/, and the service model,
 * schemas/aws-backup-model/service-2.json) and service messages users have reported in GitHub issues;
 * where those record no service message (marked "emulator's wording"), the text is ours.
 */
import { createHash } from 'node:crypto';
import { invalid, notFound, vaultAccessDenied } from '../errors';
import type { AccountState, RecoveryPoint } from '../state';
import { CONTINUOUS_MAX_RETENTION_DAYS, restoreLagMinutes } from '../../backup/resourceTypes';

export interface HandlerContext {
  state: AccountState;
  now: Date;
  /** How long a new restore job takes from start to end (and a new copy job: handlers/copy.ts). */
  restoreJobDurationMs: number;
  /** Every account and Region the emulator serves, for operations that reach another (copies). */
  world?: EmulatorWorld;
}

/** The accounts and Regions the emulator serves, as one place a copy can go to. */
export interface EmulatorWorld {
  regions: readonly string[];
  accountIds: readonly string[];
  /** Whether the accounts are one organisation's (cross-account copies need it). */
  organization: boolean;
  stateOf(accountId: string, region: string): AccountState;
}

export type Input = Record<string, unknown>;
export type Handler = (input: Input, ctx: HandlerContext) => Record<string, unknown> | undefined;

export const DAY = 86_400_000;
export const MINUTE = 60_000;

// ---- paging -------------------------------------------------------------------------------

/** MaxResults default when a caller gives none: the service's is NOT FOUND; the emulator uses 1000. */
const DEFAULT_PAGE = 1000;

export function page<T>(
  items: T[],
  input: Input,
  key: string,
  listName: string,
  view: (item: T) => unknown = (x) => x,
): Record<string, unknown> {
  const max = (input.MaxResults as number | undefined) ?? DEFAULT_PAGE;
  let start = 0;
  const token = input.NextToken as string | undefined;
  if (token !== undefined) {
    const m = /^([0-9]+)\.([0-9a-f]{8})$/.exec(Buffer.from(token, 'base64url').toString());
    if (!m || m[2] !== tokenTag(key, Number(m[1]))) throw invalid(`Invalid NextToken for ${listName}.`);
    start = Number(m[1]);
  }
  const slice = items.slice(start, start + max).map(view);
  const next =
    start + max < items.length
      ? Buffer.from(`${start + max}.${tokenTag(key, start + max)}`).toString('base64url')
      : undefined;
  return { [listName]: slice, NextToken: next };
}

/** Ties a token to the list it came from, so a token from another listing is refused. */
function tokenTag(key: string, offset: number): string {
  return createHash('sha256').update(`${key}:${offset}`).digest('hex').slice(0, 8);
}

export const inRange = (d: Date | undefined, after: unknown, before: unknown): boolean =>
  (!(after instanceof Date) || (d !== undefined && d >= after)) &&
  (!(before instanceof Date) || (d !== undefined && d <= before));

// ---- vaults and recovery points ----------------------------------------------------------

export function vaultOrDeny(
  ctx: HandlerContext,
  name: unknown,
): ReturnType<AccountState['vaults']['get']> & object {
  const v = ctx.state.vaults.get(String(name));
  if (!v) throw vaultAccessDenied();
  return v;
}

export function pointInVault(ctx: HandlerContext, vaultName: unknown, arn: unknown): RecoveryPoint {
  const v = vaultOrDeny(ctx, vaultName);
  const p = ctx.state.recoveryPoints.get(String(arn));
  if (!p || p.BackupVaultName !== v.BackupVaultName)
    throw notFound(`Recovery point ${String(arn)} was not found in backup vault ${v.BackupVaultName}.`);
  return p;
}

export function countPoints(ctx: HandlerContext, vault: string): number {
  let n = 0;
  for (const p of ctx.state.recoveryPoints.values()) if (p.BackupVaultName === vault) n++;
  return n;
}

export function pointOut(p: RecoveryPoint): Record<string, unknown> {
  const { restoreMetadata: _m, ...api } = p;
  void _m;
  return api;
}

export function isContinuous(p: { RecoveryPointArn: string }): boolean {
  return p.RecoveryPointArn.includes(':recovery-point:continuous:');
}

/** The emulator's own view of a continuous point's window (the API does not expose it). */
export function restorableWindow(p: RecoveryPoint, now: Date): { earliest: Date; latest: Date } | undefined {
  if (!isContinuous(p)) return undefined;
  const retention = (p.Lifecycle?.DeleteAfterDays ?? CONTINUOUS_MAX_RETENTION_DAYS) * DAY;
  const earliest = new Date(Math.max(p.CreationDate.getTime(), now.getTime() - retention));
  const end =
    p.Status === 'STOPPED' && p.CompletionDate
      ? p.CompletionDate.getTime()
      : now.getTime() - (restoreLagMinutes(p.ResourceType) ?? 0) * MINUTE;
  return { earliest, latest: new Date(end) };
}
