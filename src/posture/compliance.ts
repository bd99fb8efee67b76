/**
 * The RPO over the last N days, reconstructed from what AWS still reports, with no history of our own:
 * a continuous point's creation and end (a STOPPED one's CompletionDate), snapshot and copy creation
 * times, and failed jobs. Each day (a rolling 24 hours ending "now" − i days) gets its worst RPO and the
 * share of it during which the RPO met its target. No vscode, no I/O.
 *
 * What cannot be reconstructed is said, not counted as met: a snapshot deleted when its retention ended
 * leaves no trace, so the days before the oldest trace AWS still holds are unknown (null). The same
 * holds for continuous backup: its point's CreationDate says when it began, but a continuous backup
 * deleted and recreated in between leaves only the newest.
 */
import type { BackupJob, RecoveryPointByBackupVault } from '@aws-sdk/client-backup';
import { CONTINUOUS_MAX_RETENTION_DAYS, restoreLagMinutes } from '../backup/resourceTypes';
import { isContinuousRecoveryPointArn, RESTORABLE_STATUSES } from '../backup/recoveryPoint';
import type { PostureRow } from './compute';

const DAY = 86_400_000;
export const DEFAULT_DAYS = 30;
/** At most as far back as continuous backup reaches (35 days). */
export const MAX_DAYS = CONTINUOUS_MAX_RETENTION_DAYS;

export interface DayRpo {
  /** The day's start (ISO); it ends 24 hours later, the newest at "now". */
  start: string;
  /** The worst RPO during the day; null when the day cannot be reconstructed. */
  worstRpoMs: number | null;
  /** Share of the day the RPO met its target (0–1); null when unknown or there is no target. */
  met: number | null;
  /** Failed jobs (backup or copy) that day. */
  failedJobs: number;
}

export interface History {
  /** Share of the reconstructable time the RPO met its target (0–1); null with `why` when none. */
  compliance: number | null;
  why?: string;
  /** Oldest first. */
  days: DayRpo[];
}

/** What a resource's history is made of: instants restorable from, and spans of continuous backup. */
export interface Trace {
  /** Creation times of restorable snapshots (or copies), ms. */
  snapshots: number[];
  /** Continuous backup from `start` to `end` (now when running), with its restore lag. */
  continuous: { start: number; end: number; lagMs: number }[];
  /** Times of failed jobs. */
  failures: number[];
}

/** The RPO at `t` from a trace: undefined when nothing restorable is known before t. */
function rpoAt(tr: Trace, t: number): number | undefined {
  let best: number | undefined;
  for (const c of tr.continuous) {
    if (c.start <= t && t <= c.end) return c.lagMs;
    if (c.end < t) best = Math.max(best ?? -Infinity, c.end);
  }
  // Snapshots sorted (history() sorts them): the newest at or before t by binary search.
  let lo = 0;
  let hi = tr.snapshots.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tr.snapshots[mid]! <= t) lo = mid + 1;
    else hi = mid;
  }
  if (lo > 0) best = Math.max(best ?? -Infinity, tr.snapshots[lo - 1]!);
  return best === undefined ? undefined : t - best;
}

/** Spans during which the RPO is at most `target`, merged. */
function metSpans(tr: Trace, target: number): [number, number][] {
  const spans: [number, number][] = [];
  for (const c of tr.continuous) {
    if (c.lagMs <= target) spans.push([c.start, c.end]);
    spans.push([c.end, c.end + target]);
  }
  for (const s of tr.snapshots) spans.push([s, s + target]);
  spans.sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const s of spans) {
    const last = out.at(-1);
    if (last && s[0] <= last[1]) last[1] = Math.max(last[1], s[1]);
    else out.push([s[0], s[1]]);
  }
  return out;
}

const overlap = (spans: [number, number][], a: number, b: number): number =>
  spans.reduce((n, [x, y]) => n + Math.max(0, Math.min(b, y) - Math.max(a, x)), 0);

/** The days' starts in words: the same for every row of a report, so written once (30,000 rows × 30 days). */
const starts = new Map<number, string>();
function dayStart(t: number): string {
  let s = starts.get(t);
  if (s === undefined) {
    if (starts.size > 1000) starts.clear();
    starts.set(t, (s = new Date(t).toISOString()));
  }
  return s;
}

/** The last `days` days of a trace against `target` (null: no target). */
export function history(trace: Trace, now: number, days: number, target: number | null): History {
  const tr = { ...trace, snapshots: [...trace.snapshots].sort((x, y) => x - y) };
  const oldest = tr.continuous.reduce((m, c) => Math.min(m, c.start), tr.snapshots[0] ?? Infinity);
  const spans = target === null ? [] : metSpans(tr, target);
  const out: DayRpo[] = [];
  let known = 0;
  let met = 0;
  for (let i = days - 1; i >= 0; i--) {
    const b = now - i * DAY;
    const a = b - DAY;
    const from = Math.max(a, oldest);
    const failedJobs = tr.failures.filter((f) => f >= a && f < b).length;
    if (!Number.isFinite(oldest) || from >= b) {
      out.push({ start: dayStart(a), worstRpoMs: null, met: null, failedJobs });
      continue;
    }
    // The worst moment is the day's end or just before a new restorable instant appears.
    const moments = [
      b,
      ...tr.snapshots.filter((s) => s > from && s <= b),
      ...tr.continuous.map((c) => c.start).filter((s) => s > from && s <= b),
    ];
    let worst = 0;
    for (const m of moments) {
      const before = rpoAt(tr, m === b ? m : m - 1);
      if (before !== undefined) worst = Math.max(worst, before);
    }
    const dayMet = target === null ? null : overlap(spans, from, b) / (b - from);
    if (target !== null) {
      known += b - from;
      met += overlap(spans, from, b);
    }
    out.push({ start: dayStart(a), worstRpoMs: worst, met: dayMet, failedJobs });
  }
  if (target === null) return { compliance: null, why: 'no target', days: out };
  if (known === 0)
    return {
      compliance: null,
      why: Number.isFinite(oldest)
        ? 'nothing AWS still holds reaches into these days'
        : 'AWS holds no recovery point of it: expired snapshots leave no trace',
      days: out,
    };
  const unknownDays = out.filter((d) => d.worstRpoMs === null).length;
  return {
    compliance: met / known,
    ...(unknownDays
      ? {
          why: `${unknownDays} of ${days} days cannot be reconstructed (before the oldest recovery point AWS still holds; expired snapshots leave no trace) and are not counted`,
        }
      : {}),
    days: out,
  };
}

/** The history fields of a report row (JSON: rpoCompliance, rpoDays; drRpoCompliance, drRpoDays). */
export interface HistoryFields {
  rpoCompliance: number | null;
  rpoComplianceWhy?: string;
  rpoDays: DayRpo[];
}

/** Each resource's trace in one account–Region, from its points and failed backup jobs. */
export function tracesOf(
  points: readonly RecoveryPointByBackupVault[],
  failedJobs: readonly BackupJob[],
  now: number,
): Map<string, Trace> {
  const out = new Map<string, Trace>();
  const of = (arn: string): Trace => {
    let t = out.get(arn);
    if (!t) out.set(arn, (t = { snapshots: [], continuous: [], failures: [] }));
    return t;
  };
  for (const p of points) {
    const created = p.CreationDate?.getTime();
    if (!p.ResourceArn || created === undefined || !RESTORABLE_STATUSES.has(p.Status ?? '')) continue;
    if (isContinuousRecoveryPointArn(p.RecoveryPointArn)) {
      const end = p.Status === 'STOPPED' ? (p.CompletionDate?.getTime() ?? created) : now;
      const lag = restoreLagMinutes(p.ResourceType) ?? 0;
      of(p.ResourceArn).continuous.push({ start: created, end, lagMs: lag * 60_000 });
    } else of(p.ResourceArn).snapshots.push(created);
  }
  for (const j of failedJobs)
    if (j.ResourceArn && j.CreationDate) of(j.ResourceArn).failures.push(j.CreationDate.getTime());
  return out;
}

/** The RPO history of each row of one account–Region. */
export function withHistory<T extends PostureRow>(
  rows: T[],
  traces: ReadonlyMap<string, Trace>,
  now: number,
  days: number,
): (T & HistoryFields)[] {
  return rows.map((r) => {
    const h = history(
      traces.get(r.resourceArn) ?? { snapshots: [], continuous: [], failures: [] },
      now,
      days,
      r.targetMs,
    );
    return {
      ...r,
      rpoCompliance: h.compliance,
      ...(h.why ? { rpoComplianceWhy: h.why } : {}),
      rpoDays: h.days,
    };
  });
}
