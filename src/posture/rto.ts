/**
 * The measured RTO of each resource: how long its most recent completed restore took, from the job's
 * creation to its completion, as AWS Config's `*_MEETS_RESTORE_TIME_TARGET` rules judge it (compliant
 * when the latest restore's duration is at most the maximum restore time:
 * https://docs.aws.amazon.com/config/latest/developerguide/aurora-meets-restore-time-target.html).
 * Restore testing jobs (https://docs.aws.amazon.com/aws-backup/latest/devguide/restore-testing.html,
 * CreatedBy.RestoreTestingPlanArn) count as restores. No vscode, no I/O.
 *
 * - Only COMPLETED jobs count: a FAILED, ABORTED, PENDING or RUNNING job measures no recovery.
 * - A job that completed before it was created (clock skew) is left out, with a note.
 * - A resource with no completed restore is "never restored": its backups are untested. The typical
 *   restore of its type in the same account and Region is shown as a hint, never as its RTO.
 * - With an RTO target, the verdict is "meets" or "misses" by the latest restore, and "untested" when
 *   there is none (an RTO nobody measured is not met: pitr-posture exits 1 for it).
 */
import type { RestoreJobsListMember } from '@aws-sdk/client-backup';
import { formatDuration, targetsFrom } from './targets';

const DAY = 86_400_000;
/** "The longest in the last 30 days" (issue 24). */
const RECENT_DAYS = 30;

export type RtoBasis = 'last restore' | 'restore test' | 'never restored';
export type RtoVerdict = 'meets' | 'misses' | 'untested' | 'no target';

/** The RTO columns of a posture row. */
export interface RtoFields {
  /** Milliseconds the most recent completed restore took; null when it was never restored. */
  rtoMs: number | null;
  rtoBasis: RtoBasis;
  /** When the most recent completed restore completed (ISO 8601). */
  lastRestoreAt?: string;
  /** The longest completed restore of the last 30 days, in milliseconds. */
  longestRestore30dMs?: number;
  /** The typical (median) restore of its type in this account and Region: a hint for a resource never restored. */
  typicalRestoreMs?: number;
  /** The hint in words, labelled as such. */
  rtoHint?: string;
  /** Null when no RTO target applies to its type. */
  rtoTargetMs: number | null;
  rtoVerdict: RtoVerdict;
}

/** RTO targets: per type, and for every other type (none by default). */
export interface RtoTargets {
  byType: Record<string, number>;
  other: number | null;
}

export const NO_RTO_TARGETS: RtoTargets = { byType: {}, other: null };

/** Targets from specs as --rpo-target takes them ("4h", "Aurora=8h"); the error in words otherwise. */
export function rtoTargetsFrom(specs: readonly string[]): RtoTargets | string {
  const t = targetsFrom(specs, { byType: {}, other: Number.POSITIVE_INFINITY });
  if (typeof t === 'string') return t;
  return { byType: t.byType, other: Number.isFinite(t.other) ? t.other : null };
}

interface Restore {
  jobId: string;
  createdMs: number;
  completedMs: number;
  ms: number;
  test: boolean;
}

/** The restores of an account–Region, by resource, with the notes about jobs left out. */
export interface RestoreIndex {
  byResource: Map<string, Restore[]>;
  /** Median duration and count of each type's completed restores. */
  typical: Map<string, { ms: number; n: number }>;
  notes: Map<string, string[]>;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export function indexRestores(jobs: readonly RestoreJobsListMember[]): RestoreIndex {
  const byResource = new Map<string, Restore[]>();
  const notes = new Map<string, string[]>();
  const byType = new Map<string, number[]>();
  for (const j of jobs) {
    const arn = j.SourceResourceArn;
    if (!arn || j.Status !== 'COMPLETED' || !j.CreationDate || !j.CompletionDate) continue;
    const createdMs = j.CreationDate.getTime();
    const completedMs = j.CompletionDate.getTime();
    if (completedMs < createdMs) {
      const list = notes.get(arn) ?? [];
      list.push(
        `Restore job ${j.RestoreJobId ?? '?'} is dated as completed ${formatDuration(createdMs - completedMs)} before it was created (clock skew): its duration is not counted.`,
      );
      notes.set(arn, list);
      continue;
    }
    const r: Restore = {
      jobId: j.RestoreJobId ?? '',
      createdMs,
      completedMs,
      ms: completedMs - createdMs,
      test: !!j.CreatedBy?.RestoreTestingPlanArn,
    };
    let list = byResource.get(arn);
    if (!list) byResource.set(arn, (list = []));
    list.push(r);
    if (j.ResourceType) {
      let d = byType.get(j.ResourceType);
      if (!d) byType.set(j.ResourceType, (d = []));
      d.push(r.ms);
    }
  }
  const typical = new Map<string, { ms: number; n: number }>();
  for (const [type, ds] of byType) typical.set(type, { ms: median(ds), n: ds.length });
  return { byResource, typical, notes };
}

/** The RTO of one resource, with what to do and notes for its row. */
export function rtoOf(
  r: { arn: string; type: string | undefined },
  index: RestoreIndex,
  targets: RtoTargets,
  now: Date,
): RtoFields & { todo: string[]; notes: string[] } {
  const restores = index.byResource.get(r.arn) ?? [];
  const notes = [...(index.notes.get(r.arn) ?? [])];
  const todo: string[] = [];
  const target = (r.type !== undefined ? targets.byType[r.type] : undefined) ?? targets.other;
  let latest: Restore | undefined;
  let longest: number | undefined;
  const since = now.getTime() - RECENT_DAYS * DAY;
  for (const x of restores) {
    if (!latest || x.completedMs > latest.completedMs) latest = x;
    if (x.completedMs >= since) longest = Math.max(longest ?? 0, x.ms);
  }
  const targetText = target !== null ? formatDuration(target) : '';
  if (!latest) {
    const typical = r.type !== undefined ? index.typical.get(r.type) : undefined;
    if (target !== null)
      todo.push(
        `Never restored: its RTO target of ${targetText} is unproven. Run a restore drill, or add it to a restore testing plan's selection.`,
      );
    return {
      rtoMs: null,
      rtoBasis: 'never restored',
      ...(typical
        ? {
            typicalRestoreMs: typical.ms,
            rtoHint: `hint, not its RTO: a typical ${r.type} restore here takes ${formatDuration(typical.ms)} (median of ${typical.n} restore${typical.n === 1 ? '' : 's'} of other resources)`,
          }
        : {}),
      rtoTargetMs: target,
      rtoVerdict: target === null ? 'no target' : 'untested',
      todo,
      notes,
    };
  }
  const verdict: RtoVerdict = target === null ? 'no target' : latest.ms <= target ? 'meets' : 'misses';
  const basis: RtoBasis = latest.test ? 'restore test' : 'last restore';
  if (verdict === 'misses')
    todo.push(
      `Its latest restore (${basis}, completed ${new Date(latest.completedMs).toISOString().replace(/\.\d{3}Z$/, 'Z')}) took ${formatDuration(latest.ms)}, over its RTO target of ${targetText}: plan recovery around that time, or make restores shorter and measure again with a restore drill.`,
    );
  return {
    rtoMs: latest.ms,
    rtoBasis: basis,
    lastRestoreAt: new Date(latest.completedMs).toISOString(),
    ...(longest !== undefined ? { longestRestore30dMs: longest } : {}),
    rtoTargetMs: target,
    rtoVerdict: verdict,
    todo,
    notes,
  };
}

/** The RTO as a cell: "42 min", "5 h (test)", "never restored". */
export function rtoText(r: Pick<RtoFields, 'rtoMs' | 'rtoBasis'>): string {
  if (r.rtoMs === null) return 'never restored';
  return `${formatDuration(r.rtoMs)}${r.rtoBasis === 'restore test' ? ' (test)' : ''}`;
}

export const rtoTargetText = (r: Pick<RtoFields, 'rtoTargetMs'>): string =>
  r.rtoTargetMs === null ? '' : formatDuration(r.rtoTargetMs);

/** A breach of the RTO target: a restore over it, or no restore to show it is met. */
export const rtoBreached = (r: Pick<RtoFields, 'rtoVerdict'>): boolean =>
  r.rtoVerdict === 'misses' || r.rtoVerdict === 'untested';
