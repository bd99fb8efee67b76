/**
 * What the recovery posture reads of an account and Region, and only through the AWS Backup list calls:
 * ListProtectedResources, ListBackupVaults with ListRecoveryPointsByBackupVault (one listing per vault,
 * which carries CompletionDate, Lifecycle and CreatedBy that ListRecoveryPointsByResource lacks, and
 * costs requests per thousand points, not per resource), ListBackupPlans with GetBackupPlan,
 * ListBackupSelections and GetBackupSelection, ListBackupJobs (FAILED, the last days; or the
 * organisation's one listing per Region, OrganizationJobs), ListRestoreJobs (for the measured RTO) and DescribeRegionSettings. Every request goes through a gate per account (all its Regions share it), with
 * the client's adaptive retries (clientFactory.ts). A failing account or Region is a result with its
 * reason; it never hides the others.
 */
import {
  DescribeRegionSettingsCommand,
  type BackupJob,
  type CopyJob,
  type ProtectedResource,
  type RecoveryPointByBackupVault,
  type RestoreJobsListMember,
} from '@aws-sdk/client-backup';
import { CONTINUOUS_MAX_RETENTION_DAYS } from '../backup/resourceTypes';
import { BackupApi, collect, openBackupApi, pages } from './backupApi';
import type { BackupClientFactory } from './clientFactory';
import { connectionKey, type Connection } from './connection';
import { AwsAccessError, toAccessError } from './errors';
import { aborted, PAGE, type OrganizationJobs } from './organizationJobs';

/** Requests at once per account when the caller names no bound (all its Regions together). */
const DEFAULT_REQUESTS_PER_ACCOUNT = 8;
/** Failed backup jobs are read for this many days back unless the caller says otherwise. */
const DEFAULT_FAILED_JOB_DAYS = 14;
/** Copy jobs are read this many days back: the longest history the posture reconstructs (35 days). */
export const COPY_JOB_DAYS = CONTINUOUS_MAX_RETENTION_DAYS;
const DAY = 86_400_000;

/** The start of the window failed jobs are read in. */
const failedSince = (now: Date, days = DEFAULT_FAILED_JOB_DAYS): Date => new Date(now.getTime() - days * DAY);

/** One account and Region to read: a connection and the name people know the account by. */
export interface PostureTarget {
  /** The profile's name, or "default credentials". */
  account: string;
  connection: Connection;
}

export interface PostureRule {
  planId: string;
  planName: string;
  ruleName: string;
  continuous: boolean;
  vault: string;
  schedule?: string;
}

export interface PostureSelection {
  planId: string;
  name: string;
  resources: string[];
  notResources: string[];
  /**
   * Whether the selection also picks by tags, which the posture cannot resolve: it reads no resource's
   * tags (ListProtectedResources and the recovery point listings carry none). `or`: by ListOfTags, which
   * is OR-ed with Resources (a resource the ARNs name is selected whatever its tags); `and`: by
   * Conditions, which are AND-ed with Resources (a resource the ARNs name is selected only if its tags
   * match). Per https://repost.aws/knowledge-center/backup-assign-resources (examples 1 and 2) and
   * https://docs.aws.amazon.com/aws-backup/latest/devguide/assigning-resources-json.html.
   */
  byTags: false | 'or' | 'and';
}

/** Everything read of one account and Region, as the service returned it. */
export interface PostureFacts {
  accountId?: string;
  resources: ProtectedResource[];
  points: RecoveryPointByBackupVault[];
  rules: PostureRule[];
  selections: PostureSelection[];
  failedJobs: BackupJob[];
  /** The restore jobs (ListRestoreJobs, every status; restore testing jobs too), for the measured RTO. */
  restoreJobs?: RestoreJobsListMember[];
  /**
   * Copy jobs started here in the last COPY_JOB_DAYS days (one listing per account–Region, for the
   * disaster-recovery RPO: src/posture/dr.ts); undefined when they could not be read.
   */
  copyJobs?: CopyJob[];
  /** ResourceTypeOptInPreference of DescribeRegionSettings; undefined when it could not be read. */
  optIn?: Record<string, boolean>;
  /** Parts that could not be read (the rest is still shown), in words. */
  warnings: string[];
  /** Requests sent (the first attempt of each; retries are the SDK's). */
  requests: number;
}

export type PostureRead =
  | { ok: true; target: PostureTarget; facts: PostureFacts }
  | { ok: false; target: PostureTarget; error: AwsAccessError };

export interface PostureProgress {
  account: string;
  region: string;
  phase: 'started' | 'resources' | 'done' | 'failed';
  /** Protected resources found so far in this account and Region. */
  resources: number;
  /** Account–Regions finished, of all. */
  finished: number;
  total: number;
}

export interface ReadPostureOptions {
  factory: BackupClientFactory;
  now: Date;
  requestsPerAccount?: number;
  failedJobDays?: number;
  signal?: AbortSignal;
  onProgress?(p: PostureProgress): void;
  /** The failed jobs of every account from the organisation's one listing per Region (see OrganizationJobs). */
  organization?: OrganizationJobs;
  /** false: no copy jobs are read (the posture without its DR part, as the bench compares). */
  copyJobs?: boolean;
}

/** A bound on requests in flight: callers queue, in order, for one of `size` slots. */
class Gate {
  private free: number;
  private readonly queue: (() => void)[] = [];
  sent = 0;
  constructor(size: number) {
    this.free = Math.max(1, size);
  }
  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.free > 0) this.free--;
    else await new Promise<void>((go) => this.queue.push(go));
    this.sent++;
    try {
      return await task();
    } finally {
      const wake = this.queue.shift();
      if (wake) wake();
      else this.free++;
    }
  }
}

/** The account id in an ARN (its fifth field), if it has one. */
function accountOf(arn: string | undefined): string | undefined {
  const id = arn?.split(':')[4];
  return id && /^\d{12}$/.test(id) ? id : undefined;
}

/** Reads one account and Region. Throws an AwsAccessError when a part the posture cannot do without fails. */
async function readPostureFacts(
  api: BackupApi,
  gate: { run<T>(task: () => Promise<T>): Promise<T> },
  o: {
    now: Date;
    failedJobDays?: number;
    signal?: AbortSignal;
    onResources?(n: number): void;
    /** Sends DescribeRegionSettings (the one call BackupApi does not have). */
    regionSettings(signal: AbortSignal): Promise<Record<string, boolean> | undefined>;
    /** The organisation's failed jobs in this Region, when they are read across it. */
    organizationJobs?: () => Promise<BackupJob[] | undefined>;
    copyJobs?: boolean;
  },
): Promise<PostureFacts> {
  // This account–Region's own signal, linked to the caller's: the first part that fails aborts it, so
  // its sibling listings stop (their requests still queued at the account's gate are never sent, and
  // those in flight are aborted) instead of spending the bound the account's other Regions share.
  const ac = new AbortController();
  const follow = (): void => ac.abort();
  if (o.signal?.aborted) ac.abort();
  else o.signal?.addEventListener('abort', follow, { once: true });
  const signal = ac.signal;
  try {
    return await readParts(api, gate, { ...o, signal });
  } catch (e) {
    ac.abort();
    throw e;
  } finally {
    o.signal?.removeEventListener('abort', follow);
  }
}

/** How readParts reads: one request through the account's gate, or every page of a listing. */
interface Reader {
  run: <T>(task: () => Promise<T>) => Promise<T>;
  all: <T>(page: (token: string | undefined) => Promise<{ items: T[]; nextToken?: string }>) => Promise<T[]>;
  call: { signal: AbortSignal; pageSize: number };
}

/** Every plan's rules and selections (each plan read whole: its rules, then each selection). */
async function readPlans(
  api: BackupApi,
  { run, all, call }: Reader,
): Promise<{ rules: PostureRule[]; selections: PostureSelection[] }> {
  const o = { signal: call.signal };
  const plans = await all((t) => api.listBackupPlansPage(t, call));
  const rules: PostureRule[] = [];
  const selections: PostureSelection[] = [];
  await Promise.all(
    plans.map(async (p) => {
      const id = p.BackupPlanId;
      if (!id) return;
      const [plan, sels] = await Promise.all([
        run(() => api.getBackupPlan(id, { signal: o.signal })),
        all((t) => api.listBackupSelectionsPage(id, t, call)),
      ]);
      for (const r of plan.BackupPlan?.Rules ?? [])
        rules.push({
          planId: id,
          planName: plan.BackupPlan?.BackupPlanName ?? p.BackupPlanName ?? id,
          ruleName: r.RuleName ?? '',
          continuous: r.EnableContinuousBackup === true,
          vault: r.TargetBackupVaultName ?? '',
          ...(r.ScheduleExpression ? { schedule: r.ScheduleExpression } : {}),
        });
      const details = await Promise.all(
        sels.map((s) =>
          s.SelectionId
            ? run(() => api.getBackupSelection(id, s.SelectionId!, { signal: o.signal }))
            : Promise.resolve(undefined),
        ),
      );
      for (const d of details) {
        const b = d?.BackupSelection;
        if (!b) continue;
        const c = b.Conditions;
        selections.push({
          planId: id,
          name: b.SelectionName ?? '',
          resources: b.Resources ?? [],
          notResources: b.NotResources ?? [],
          byTags: [c?.StringEquals, c?.StringLike, c?.StringNotEquals, c?.StringNotLike].some(
            (x) => (x?.length ?? 0) > 0,
          )
            ? 'and'
            : (b.ListOfTags?.length ?? 0) > 0
              ? 'or'
              : false,
        });
      }
    }),
  );
  return { rules, selections };
}

/** The copy jobs the posture reads: those of the days it reconstructs. */
const copyJobsSince = (now: Date) => ({ ByCreatedAfter: new Date(now.getTime() - COPY_JOB_DAYS * DAY) });

const NO_RTO = 'Restore jobs could not be read, so no RTO is measured';
const NO_JOBS: RestoreJobsListMember[] = [];

async function readParts(
  api: BackupApi,
  gate: { run<T>(task: () => Promise<T>): Promise<T> },
  o: {
    now: Date;
    failedJobDays?: number;
    signal: AbortSignal;
    onResources?(n: number): void;
    regionSettings(signal: AbortSignal): Promise<Record<string, boolean> | undefined>;
    organizationJobs?: () => Promise<BackupJob[] | undefined>;
    copyJobs?: boolean;
  },
): Promise<PostureFacts> {
  const call = { signal: o.signal, pageSize: PAGE };
  const warnings: string[] = [];
  let requests = 0;
  const run = <T>(task: () => Promise<T>): Promise<T> =>
    gate.run(() => {
      if (o.signal.aborted) return Promise.reject(aborted());
      requests++;
      return task();
    });
  /** Follows a listing's pages, each page through the gate. */
  const all = async <T>(
    page: (token: string | undefined) => Promise<{ items: T[]; nextToken?: string }>,
  ): Promise<T[]> => collect(pages((token) => run(() => page(token)), undefined, api.pagingBound));
  /** A part the posture can do without: on failure, a warning and a fallback. */
  const optional = async <T>(what: string, task: () => Promise<T>, fallback: T): Promise<T> => {
    try {
      return await task();
    } catch (e) {
      if (o.signal.aborted) throw e;
      warnings.push(`${what}: ${e instanceof Error ? e.message : String(e)}`);
      return fallback;
    }
  };

  const resourcesP = all((t) => api.listProtectedResourcesPage(t, call)).then((r) => {
    o.onResources?.(r.length);
    return r;
  });
  const pointsP = all((t) => api.listBackupVaultsPage(t, call)).then(async (vaults) => {
    const lists = await Promise.all(
      vaults.map((v) =>
        v.BackupVaultName
          ? all((t) => api.listRecoveryPointsPage(v.BackupVaultName!, {}, t, call))
          : Promise.resolve([]),
      ),
    );
    return { vaults, points: lists.flat() };
  });
  const plansP = optional(
    'Backup plans could not be read, so the plans covering each resource are not shown',
    () => readPlans(api, { run, all, call }),
    { rules: [], selections: [] },
  );
  const ownJobs = (): Promise<BackupJob[]> =>
    optional(
      'Failed backup jobs could not be read',
      () =>
        all((t) =>
          api.listBackupJobsPage(
            {
              ByState: 'FAILED',
              ByCreatedAfter: failedSince(o.now, o.failedJobDays),
            },
            t,
            call,
          ),
        ),
      [] as BackupJob[],
    );
  /** This account's jobs out of the organisation's listing; its own listing when that has none to give. */
  const organizationJobs = async (read: () => Promise<BackupJob[] | undefined>): Promise<BackupJob[]> => {
    const [jobs, account] = await Promise.all([
      read(),
      pointsP.then(
        ({ vaults, points }) => accountOf(vaults[0]?.BackupVaultArn) ?? accountOf(points[0]?.BackupVaultArn),
        () => undefined,
      ),
    ]);
    if (o.signal.aborted) throw aborted();
    return jobs && account ? jobs.filter((j) => j.AccountId === account) : ownJobs();
  };
  const jobsP = o.organizationJobs ? organizationJobs(o.organizationJobs) : ownJobs();
  const copyJobsP =
    o.copyJobs === false
      ? Promise.resolve(undefined)
      : optional(
          'Copy jobs could not be read, so failing copies and copies to Regions not read are not shown',
          () => all((t) => api.listCopyJobsPage(copyJobsSince(o.now), t, call)),
          undefined,
        );
  const optInP = optional(
    'The Region settings (which resource types are opted in) could not be read',
    () => run(() => o.regionSettings(o.signal)),
    undefined,
  );
  const restoreJobsP = optional(NO_RTO, () => all((t) => api.listRestoreJobsPage({}, t, call)), NO_JOBS);
  const reads = [resourcesP, pointsP, plansP, jobsP, optInP, restoreJobsP, copyJobsP] as const;
  const [resources, { vaults, points }, plans, failedJobs, optIn, restoreJobs, copyJobs] =
    await Promise.all(reads);
  const accountId =
    accountOf(vaults[0]?.BackupVaultArn) ??
    accountOf(points[0]?.BackupVaultArn) ??
    accountOf(failedJobs[0]?.BackupVaultArn);
  return {
    ...(accountId ? { accountId } : {}),
    resources,
    points,
    ...plans,
    failedJobs,
    restoreJobs,
    ...(copyJobs ? { copyJobs } : {}),
    ...(optIn ? { optIn } : {}),
    warnings,
    requests,
  };
}

/**
 * Reads every target at once: a gate per account bounds its requests (all its Regions share it), and
 * each target ends as its facts or its error, in the order given. With `each`, a target's read is
 * handed to it as soon as it ends and only what it returns is kept: the caller's work on one target
 * overlaps the others' requests, and the facts of a target are let go once it is done with them.
 */
export async function readPosture(
  targets: readonly PostureTarget[],
  o: ReadPostureOptions,
): Promise<PostureRead[]>;
export async function readPosture<T>(
  targets: readonly PostureTarget[],
  o: ReadPostureOptions,
  each: (read: PostureRead) => T,
): Promise<T[]>;
export async function readPosture(
  targets: readonly PostureTarget[],
  o: ReadPostureOptions,
  each: (read: PostureRead) => unknown = (read) => read,
): Promise<unknown[]> {
  const gates = new Map<string, Gate>();
  const gateOf = (c: Connection): Gate => {
    // One account per set of credentials: the same profile (or chain) and endpoint, any Region.
    const key = connectionKey({ ...c, region: '' });
    let g = gates.get(key);
    if (!g) gates.set(key, (g = new Gate(o.requestsPerAccount ?? DEFAULT_REQUESTS_PER_ACCOUNT)));
    return g;
  };
  let finished = 0;
  const progress = (t: PostureTarget, phase: PostureProgress['phase'], resources: number): void =>
    o.onProgress?.({
      account: t.account,
      region: t.connection.region,
      phase,
      resources,
      finished,
      total: targets.length,
    });
  const readOne = async (target: PostureTarget): Promise<PostureRead> => {
    const c = target.connection;
    const client = o.factory.get(c);
    let found = 0;
    progress(target, 'started', 0);
    try {
      // The profile's kind too, so an expired SSO sign-in says "aws sso login --profile …".
      const api = await openBackupApi(o.factory, c);
      const facts = await readPostureFacts(api, gateOf(c), {
        now: o.now,
        ...(o.failedJobDays !== undefined ? { failedJobDays: o.failedJobDays } : {}),
        ...(o.signal ? { signal: o.signal } : {}),
        ...(o.copyJobs === false ? { copyJobs: false } : {}),
        onResources: (n) => {
          found = n;
          progress(target, 'resources', n);
        },
        ...(o.organization
          ? {
              organizationJobs: () =>
                o.organization!.failedJobs(c.region, {
                  factory: o.factory,
                  since: failedSince(o.now, o.failedJobDays),
                  gateOf,
                  ...(o.signal ? { signal: o.signal } : {}),
                }),
            }
          : {}),
        regionSettings: async (signal) => {
          try {
            const r = await client.send(new DescribeRegionSettingsCommand({}), { abortSignal: signal });
            return r.ResourceTypeOptInPreference;
          } catch (e) {
            throw toAccessError(e, { operation: 'DescribeRegionSettings', connection: c });
          }
        },
      });
      finished++;
      progress(target, 'done', found);
      return { ok: true, target, facts };
    } catch (e) {
      finished++;
      progress(target, 'failed', found);
      const error =
        e instanceof AwsAccessError
          ? e
          : toAccessError(e, { operation: 'ListProtectedResources', connection: c });
      return { ok: false, target, error };
    }
  };
  return Promise.all(targets.map(async (target) => each(await readOne(target))));
}
