/**
 * The emulator's other accounts: member accounts with their own keys, and the organisation's
 * cross-account job listings (ByAccountId), as AWS Backup's cross-account monitoring serves them to the
 * management account (https://docs.aws.amazon.com/aws-backup/latest/devguide/manage-cross-account.html).
 */
import { ServiceError } from './errors';
import { HANDLERS } from './handlers';
import { page, type HandlerContext } from './handlers/common';
import { DR_CENTRAL_ACCOUNT, DR_PROD_ACCOUNT, seedDr, seedDrCopies } from './seedDr';
import { seedPostureAccount } from './seedPosture';
import type { Credentials } from './sigv4';
import type { AccountState } from './state';

/** Another account the emulator serves: its own access key, its own resources in every Region. */
export interface EmulatorAccount {
  accountId: string;
  credentials: Credentials;
  /** Seeds the account in a Region on its first request there (default: the posture seed, seedPosture.ts). */
  seed?: (state: AccountState, now: Date) => void;
}

/**
 * Member accounts 1…n with deterministic public keys (AKIAEMULATORMEMBER01, …) and the posture seed of
 * `resources` resources per Region: for tests, the sandbox and the bench.
 */
export function memberAccounts(
  n: number,
  resources?: number,
  /** The Regions whose live resources are copied each to the next (seedDr.ts: seedDrCopies), for the bench. */
  drCopies?: readonly string[],
): EmulatorAccount[] {
  return Array.from({ length: n }, (_, i) => {
    const k = String(i + 1).padStart(2, '0');
    return {
      accountId: `2100000000${k}`,
      credentials: {
        accessKeyId: `AKIAEMULATORMEMBER${k}`,
        secretAccessKey: `emulator/member/${k}/secret/000000000000000000`,
      },
      seed: (state, now) => {
        seedPostureAccount(state, { now, ...(resources !== undefined ? { resources } : {}) });
        if (drCopies) seedDrCopies(state, now, drCopies, resources ?? 16);
      },
    };
  });
}

/** The disaster-recovery accounts of seedDr.ts, with their own keys. */
export function drAccounts(): EmulatorAccount[] {
  return [
    {
      accountId: DR_PROD_ACCOUNT,
      credentials: {
        accessKeyId: 'AKIAEMULATORDRPROD01',
        secretAccessKey: 'emulator/dr/prod/secret/0000000000000000000',
      },
      seed: seedDr,
    },
    {
      accountId: DR_CENTRAL_ACCOUNT,
      credentials: {
        accessKeyId: 'AKIAEMULATORDRVAULT1',
        secretAccessKey: 'emulator/dr/central/secret/000000000000000000',
      },
      seed: seedDr,
    },
  ];
}

const LISTS: Record<string, string> = {
  ListBackupJobs: 'BackupJobs',
  ListCopyJobs: 'CopyJobs',
  ListRestoreJobs: 'RestoreJobs',
};

/**
 * ByAccountId naming another account than the caller's: the management account of an organisation
 * reads its members' jobs (one member, or "*" for every account); anyone else is refused (emulator's
 * wording).
 */
export function listAcrossAccounts(
  op: string,
  input: Record<string, unknown>,
  o: {
    target: string;
    callerId: string;
    /** The organisation's management account, when the emulator models one. */
    managementId: string | undefined;
    accountIds: readonly string[];
    stateOf(accountId: string): AccountState;
    ctx: HandlerContext;
  },
): Record<string, unknown> | undefined {
  const listName = LISTS[op];
  const known = o.target === '*' || o.accountIds.includes(o.target);
  if (!listName || o.managementId === undefined || o.callerId !== o.managementId || !known)
    throw new ServiceError(
      'AccessDeniedException',
      403,
      `Account ${o.callerId} may not list the jobs of ${o.target === '*' ? 'the organization' : `account ${o.target}`}: only the organization's management account or a delegated administrator can.`,
    );
  const filters = Object.fromEntries(
    Object.entries(input).filter(([k]) => !['ByAccountId', 'NextToken', 'MaxResults'].includes(k)),
  );
  const ids = o.target === '*' ? o.accountIds : [o.target];
  const items = ids.flatMap(
    (id) =>
      (HANDLERS[op]!(
        { ...filters, MaxResults: Number.MAX_SAFE_INTEGER },
        { ...o.ctx, state: o.stateOf(id) },
      )?.[listName] as unknown[] | undefined) ?? [],
  );
  return page(items, input, `org:${op}:${o.target}:${JSON.stringify(filters)}`, listName);
}
