/**
 * The disaster-recovery RPO of each resource: the RPO it would have if its Region (or its account)
 * were lost, from the copies outside it among the accounts and Regions read. No vscode, no I/O.
 *
 * A continuous backup lives in its resource's Region and cannot be copied as itself: a plan's copy
 * action on a continuous rule takes a snapshot and copies it on the rule's schedule, and the copy is
 * that snapshot, restorable to its own time only
 * (https://docs.aws.amazon.com/aws-backup/latest/devguide/point-in-time-recovery-copying.html). So the
 * DR RPO is now − the creation time of the newest restorable copy outside the Region ("Copies retain
 * their source configuration, including creation dates",
 * https://docs.aws.amazon.com/aws-backup/latest/devguide/recov-point-create-a-copy.html).
 *
 * What is read stays per account–Region, never per resource: the recovery points of every vault
 * (already read for the RPO) hold the copies, and one ListCopyJobs listing per account–Region holds
 * the jobs that made them, failed, or went to a Region or account not read.
 */
import type { CopyJob, RecoveryPointByBackupVault } from '@aws-sdk/client-backup';
import { COPY_JOB_DAYS, type PostureFacts, type PostureTarget } from '../aws/postureApi';
import { parseArn } from '../backup/arn';
import { MIN_SNAPSHOT_INTERVAL_MS } from '../backup/limits';
import { continuousTypes, copySourceSnapshotDeletedTypes } from '../backup/resourceTypes';
import { isContinuousRecoveryPointArn, RESTORABLE_STATUSES } from '../backup/recoveryPoint';
import { history, type DayRpo } from './compliance';
import type { PostureFailure, PostureRow } from './compute';
import { formatDuration, targetsFrom } from './targets';

/** A copy outside the resource's Region or account, as the JSON report shows it. */
export interface DrCopy {
  region: string;
  accountId: string;
  vault: string;
  recoveryPointArn: string;
  createdAt: string;
  /** "unverified": a completed copy job says it is there, but its account–Region was not read. */
  status: 'restorable' | 'unverified';
}

/** copy: a restorable copy; no copy: none among what was read; unknown: a part that could hold one was not read. */
export type DrStatus = 'copy' | 'no copy' | 'unknown' | 'unverified';

export interface DrFields {
  /** Now − the newest restorable copy outside the Region; null when there is none (see drStatus). */
  drRpoMs: number | null;
  drCopy: DrCopy | null;
  drTargetMs: number | null;
  drVerdict: 'meets' | 'misses' | 'no target';
  drStatus: DrStatus;
  /** Why there is no DR RPO, in words (unknown, no copy, unverified). */
  drReason?: string;
  /** The RPO if the account is lost (a copy in another account): only when more than one account is read. */
  accountLossRpoMs?: number | null;
  accountLossCopy?: DrCopy | null;
  /** The DR RPO over the last days (./compliance.ts), from the copies' creation times and failed copy jobs. */
  drRpoCompliance: number | null;
  drRpoComplianceWhy?: string;
  drRpoDays: DayRpo[];
}

/** DR RPO targets: a duration per type, and for every other type (none: no target). */
export interface DrTargets {
  byType: Record<string, number>;
  other: number | null;
}

export const NO_DR_TARGETS: DrTargets = { byType: {}, other: null };

/** Targets from specs such as "1d" and "RDS=4h" (as --rpo-target's); the error in words otherwise. */
export function drTargetsFrom(specs: readonly string[]): DrTargets | string {
  const t = targetsFrom(specs, { byType: {}, other: Infinity });
  if (typeof t === 'string') return t;
  return { byType: t.byType, other: Number.isFinite(t.other) ? t.other : null };
}

const drTargetFor = (t: DrTargets, type: string | undefined): number | null =>
  (type !== undefined ? t.byType[type] : undefined) ?? t.other;

interface Seen {
  t: number;
  region: string;
  accountId: string;
  vault: string;
  arn: string;
}

interface JobSeen {
  t: number;
  state: string;
  message?: string;
  dest: string;
  destRegion: string;
  destAccount: string;
  destVault: string;
  destArn?: string;
}

/** What one account–Region shows about copies: compact, kept after its facts are let go. */
export interface DrEvidence {
  account: string;
  accountId?: string;
  region: string;
  /** Restorable snapshots by resource ARN: a copy, when the resource lives elsewhere. */
  snapshots: Map<string, Seen[]>;
  /** Copy jobs started here, by resource ARN; undefined when they could not be read. */
  jobs?: Map<string, JobSeen[]>;
  /** EXPIRED points a copy job started from, by resource ARN. */
  expiredSources: Map<string, { count: number; vault: string; role?: string }>;
  /** Resources whose every point here is a copy from another account or Region. */
  copyOnly: Set<string>;
}

const push = <K, V>(m: Map<K, V[]>, k: K, v: V): void => {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
};

/** The account–Region of a point, from its vault's ARN (else the target's). */
function placeOf(p: { BackupVaultArn?: string }, target: PostureTarget, accountId: string | undefined) {
  const a = parseArn(p.BackupVaultArn);
  return { region: a?.region || target.connection.region, accountId: a?.accountId || accountId || '' };
}

/** Reads the DR evidence out of one account–Region's facts. */
export function drEvidence(target: PostureTarget, facts: PostureFacts): DrEvidence {
  const region = target.connection.region;
  const ev: DrEvidence = {
    account: target.account,
    ...(facts.accountId ? { accountId: facts.accountId } : {}),
    region,
    snapshots: new Map(),
    expiredSources: new Map(),
    copyOnly: new Set(),
  };
  const notCopy = new Set<string>();
  const sources = new Set((facts.copyJobs ?? []).map((j) => j.SourceRecoveryPointArn));
  for (const p of facts.points) {
    const arn = p.ResourceArn;
    if (!arn || !p.RecoveryPointArn) continue;
    const place = placeOf(p, target, facts.accountId);
    if (isCopyFromElsewhere(p, place)) ev.copyOnly.add(arn);
    else notCopy.add(arn);
    if (p.Status === 'EXPIRED' && sources.has(p.RecoveryPointArn)) {
      const cur = ev.expiredSources.get(arn);
      ev.expiredSources.set(arn, {
        count: (cur?.count ?? 0) + 1,
        vault: p.BackupVaultName ?? '',
        ...(p.IamRoleArn ? { role: p.IamRoleArn } : {}),
      });
    }
    if (isContinuousRecoveryPointArn(p.RecoveryPointArn) || !p.CreationDate) continue;
    if (!RESTORABLE_STATUSES.has(p.Status ?? '') || p.Status === 'STOPPED') continue;
    push(ev.snapshots, arn, {
      t: p.CreationDate.getTime(),
      ...place,
      vault: p.BackupVaultName ?? '',
      arn: p.RecoveryPointArn,
    });
  }
  for (const arn of notCopy) ev.copyOnly.delete(arn);
  if (facts.copyJobs) {
    ev.jobs = new Map();
    for (const j of facts.copyJobs) {
      const seen = jobSeen(j);
      if (seen && j.ResourceArn) push(ev.jobs, j.ResourceArn, seen);
    }
  }
  return ev;
}

/** A point that was copied here from another account or Region (its source vault, or its resource, is elsewhere). */
function isCopyFromElsewhere(
  p: RecoveryPointByBackupVault,
  here: { region: string; accountId: string },
): boolean {
  const from = parseArn(p.SourceBackupVaultArn);
  if (from && (from.region !== here.region || from.accountId !== here.accountId)) return true;
  const r = parseArn(p.ResourceArn);
  return (
    !!r && ((!!r.region && r.region !== here.region) || (!!r.accountId && r.accountId !== here.accountId))
  );
}

function jobSeen(j: CopyJob): JobSeen | undefined {
  const d = parseArn(j.DestinationBackupVaultArn);
  if (!d || !j.CreationDate) return undefined;
  return {
    t: j.CreationDate.getTime(),
    state: j.State ?? '',
    ...(j.StatusMessage ? { message: j.StatusMessage } : {}),
    dest: j.DestinationBackupVaultArn!,
    destRegion: d.region,
    destAccount: d.accountId,
    destVault: d.resource.replace(/^backup-vault:/, ''),
    ...(j.DestinationRecoveryPointArn ? { destArn: j.DestinationRecoveryPointArn } : {}),
  };
}

const iso = (t: number): string => new Date(t).toISOString();
const copyOf = (s: Seen, status: DrCopy['status']): DrCopy => ({
  region: s.region,
  accountId: s.accountId,
  vault: s.vault,
  recoveryPointArn: s.arn,
  createdAt: iso(s.t),
  status,
});
const newest = (list: Seen[]): Seen | undefined =>
  list.reduce<Seen | undefined>((a, b) => (!a || b.t > a.t ? b : a), undefined);

export interface DrOptions {
  failures: readonly PostureFailure[];
  targets: DrTargets;
  now: Date;
  /** Days of history (./compliance.ts). */
  days: number;
}

/**
 * The DR fields of every row, from the evidence of every account–Region read. Rows that only hold
 * copies of a resource listed elsewhere are dropped: a copy is not a resource.
 */
export function applyDr<T extends PostureRow>(
  rows: T[],
  evidence: readonly DrEvidence[],
  o: DrOptions,
): (T & DrFields)[] {
  const byResource = new Map<string, Seen[]>();
  const evOf = new Map<string, DrEvidence>();
  for (const ev of evidence) {
    evOf.set(`${ev.account}|${ev.region}`, ev);
    for (const [arn, list] of ev.snapshots) for (const s of list) push(byResource, arn, s);
  }
  const read = new Set(evidence.map((e) => `${e.accountId ?? e.account}|${e.region}`));
  const accounts = new Set([
    ...evidence.map((e) => e.accountId ?? e.account),
    ...o.failures.map((f) => f.account),
  ]);
  const regions = [...new Set(evidence.map((e) => e.region))].sort();
  const homeRows = new Set(
    rows
      .filter((r) => !evOf.get(`${r.account}|${r.region}`)?.copyOnly.has(r.resourceArn))
      .map((r) => r.resourceArn),
  );
  const kept = rows.filter(
    (r) =>
      !(evOf.get(`${r.account}|${r.region}`)?.copyOnly.has(r.resourceArn) && homeRows.has(r.resourceArn)),
  );
  return kept.map((r) => {
    const dr = drOf(r, byResource.get(r.resourceArn) ?? [], evOf.get(`${r.account}|${r.region}`), {
      ...o,
      read,
      regions,
      multiAccount: accounts.size > 1,
    });
    return { ...r, ...dr.fields, todo: [...r.todo, ...dr.todo] };
  });
}

function drOf(
  r: PostureRow,
  seen: Seen[],
  ev: DrEvidence | undefined,
  o: DrOptions & { read: Set<string>; regions: string[]; multiAccount: boolean },
): { fields: DrFields; todo: string[] } {
  const now = o.now.getTime();
  const home = { region: r.region, accountId: r.accountId ?? '' };
  const usable = seen.filter((s) => s.t <= now + 15 * 60_000);
  const outsideRegion = newest(usable.filter((s) => s.region !== home.region));
  const outsideAccount = newest(usable.filter((s) => home.accountId && s.accountId !== home.accountId));
  const jobs = ev?.jobs?.get(r.resourceArn) ?? [];
  // A completed job to an account–Region that was not read: the copy may be there, unverified.
  const unread = jobs
    .filter((j) => j.state === 'COMPLETED' && j.destArn && !o.read.has(`${j.destAccount}|${j.destRegion}`))
    .filter((j) => j.destRegion !== home.region)
    .reduce<JobSeen | undefined>((a, b) => (!a || b.t > a.t ? b : a), undefined);
  const todo: string[] = [];
  const targetMs = drTargetFor(o.targets, r.resourceType);
  let status: DrStatus = 'no copy';
  let reason: string | undefined;
  let copy: DrCopy | null = null;
  let rpo: number | null = null;
  if (outsideRegion) {
    status = 'copy';
    copy = copyOf(outsideRegion, 'restorable');
    rpo = Math.max(0, now - outsideRegion.t);
  }
  if (unread && (!outsideRegion || unread.t > outsideRegion.t)) {
    const note = `a copy job completed ${iso(unread.t)} into ${unread.destVault} (${unread.destRegion}, account ${unread.destAccount}), which was not read: unverified`;
    if (!outsideRegion) {
      status = 'unverified';
      reason = note;
      copy = copyOf(
        {
          t: unread.t,
          region: unread.destRegion,
          accountId: unread.destAccount,
          vault: unread.destVault,
          arn: unread.destArn!,
        },
        'unverified',
      );
    }
    todo.push(
      `Read ${unread.destRegion}${unread.destAccount !== home.accountId ? ` of account ${unread.destAccount}` : ''} too, to verify its newest copy (${note}).`,
    );
  }
  if (status === 'no copy') {
    const elsewhere = o.failures.filter((f) => f.region !== home.region || f.account !== r.account);
    if (elsewhere.length) {
      status = 'unknown';
      reason = `not read: ${elsewhere.map((f) => `${f.account} · ${f.region} (${f.message})`).join('; ')}`;
    } else if (!ev?.jobs && o.regions.length < 2) {
      status = 'unknown';
      reason = `its copy jobs could not be read and no other Region was read`;
    } else
      reason =
        o.regions.length < 2
          ? `no copy job from ${home.region} in the last ${COPY_JOB_DAYS} days, and no other Region was read`
          : `no copy in ${o.regions.filter((x) => x !== home.region).join(', ')}, and no copy job from ${home.region} in the last ${COPY_JOB_DAYS} days to another Region`;
  }
  // A copy that keeps failing: the newest job to a destination failed.
  const byDest = new Map<string, JobSeen[]>();
  for (const j of jobs) push(byDest, j.dest, j);
  for (const list of byDest.values()) {
    list.sort((a, b) => b.t - a.t);
    const failing = list.findIndex((j) => j.state !== 'FAILED');
    const n = failing < 0 ? list.length : failing;
    if (n === 0) continue;
    const last = list[0]!;
    todo.push(
      `Copies to ${last.destVault} (${last.destRegion}, account ${last.destAccount}) keep failing: ${n} failed since ${iso(list[n - 1]!.t)}, the newest with "${last.message ?? 'no message'}".`,
    );
  }
  const expired = ev?.expiredSources.get(r.resourceArn);
  if (expired && r.resourceType !== undefined && copySourceSnapshotDeletedTypes().includes(r.resourceType))
    todo.push(
      `${expired.count} source snapshot${expired.count === 1 ? '' : 's'} of its copies ${expired.count === 1 ? 'is' : 'are'} left EXPIRED in ${expired.vault}: the role${expired.role ? ` ${expired.role}` : ''} lacks rds:DeleteDBSnapshot, so AWS Backup could not delete the snapshot it took for each copy. Add the permission, and delete the EXPIRED recovery points by hand.`,
    );
  const verdict: DrFields['drVerdict'] =
    targetMs === null ? 'no target' : rpo !== null && rpo <= targetMs ? 'meets' : 'misses';
  if (verdict === 'misses' && targetMs !== null) todo.push(missAdvice(r, rpo, targetMs, status));
  const past = history(
    {
      snapshots: usable.filter((s) => s.region !== home.region).map((s) => s.t),
      continuous: [],
      failures: jobs.filter((j) => j.state === 'FAILED' && j.destRegion !== home.region).map((j) => j.t),
    },
    now,
    o.days,
    targetMs,
  );
  const fields: DrFields = {
    drRpoMs: rpo,
    drCopy: copy,
    drTargetMs: targetMs,
    drVerdict: verdict,
    drStatus: status,
    ...(reason ? { drReason: reason } : {}),
    ...(o.multiAccount
      ? {
          accountLossRpoMs: outsideAccount ? Math.max(0, now - outsideAccount.t) : null,
          accountLossCopy: outsideAccount ? copyOf(outsideAccount, 'restorable') : null,
        }
      : {}),
    drRpoCompliance: past.compliance,
    ...(past.why ? { drRpoComplianceWhy: past.why } : {}),
    drRpoDays: past.days,
  };
  return { fields, todo };
}

/** What to do when the DR RPO misses its target, in the documents' terms. */
function missAdvice(r: PostureRow, rpo: number | null, targetMs: number, status: DrStatus): string {
  if (status === 'unknown') return 'Its DR RPO is unknown until the account–Regions not read are read.';
  if (r.protection === 'none')
    return 'Nothing of it is restorable here, so nothing can be copied: make its backups succeed first, then give the rule that backs it up a copy action to a vault in another Region.';
  const continuous = r.resourceType !== undefined && continuousTypes().includes(r.resourceType);
  const schedule =
    targetMs < MIN_SNAPSHOT_INTERVAL_MS
      ? `snapshot rules run at most hourly, so no copy outside the Region is fresher than an hour: set a DR target of 1 h or more`
      : `add a snapshot rule that runs at least every ${formatDuration(targetMs)} with a copy action to a vault in another Region`;
  const now =
    rpo === null
      ? 'It has no restorable copy outside its Region'
      : `Its newest copy outside ${r.region} is ${formatDuration(rpo)} old`;
  return continuous
    ? `${now}. A continuous backup cannot be copied as itself: a continuous rule's copy action copies a snapshot on the rule's schedule, so for a DR RPO of ${formatDuration(targetMs)}, ${schedule}.`
    : `${now}: for a DR RPO of ${formatDuration(targetMs)}, ${schedule}.`;
}
