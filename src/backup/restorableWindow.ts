/**
 * The restorable window of a recovery point: from which second to which second it can be restored,
 * or why it cannot. Domain core: no `vscode`, no SDK, no I/O; "now" comes in. The limits and lags it
 * uses, with their AWS pages, are in ./limits.
 *
 * The AWS Backup API exposes no restorable window for continuous points (service model: no such member
 * on DescribeRecoveryPointOutput, RecoveryPointByBackupVault or RecoveryPointByResource),
 * so most bounds are DERIVED from documented rules, and each result says which:
 *  - earliest = the later of the point's creation and now − retention (DeleteAfterDays, at most 35
 *    days; https://docs.aws.amazon.com/aws-backup/latest/devguide/point-in-time-recovery-retention-period.html), derived;
 *  - latest = now − the restore lag (S3 15 minutes, RDS 5 minutes; Aurora assumed 5 as RDS, since
 *    its figure is NOT FOUND; https://docs.aws.amazon.com/aws-backup/latest/devguide/point-in-time-recovery.html), derived;
 *  - a STOPPED point's window ends where it stopped: the API gives no "stopped at" field, so its
 *    CompletionDate is taken when present, and the end is unknown otherwise;
 *  - SAP HANA: read from the restore metadata's EarliestRestorablePitrTimestamp and
 *    LatestRestorablePitrTimestamp (epoch milliseconds as strings;
 *    https://docs.aws.amazon.com/aws-backup/latest/devguide/saphana-restore.html).
 */

import { CONTINUOUS_MAX_RETENTION_DAYS, resourceType } from './resourceTypes';
import { isContinuousRecoveryPoint } from './recoveryPoint';

const MINUTE = 60_000;
const DAY = 86_400_000;

export interface RecoveryPointFacts {
  recoveryPointArn: string;
  resourceType?: string;
  status?: string;
  creationDate?: Date;
  completionDate?: Date;
  /** Lifecycle.DeleteAfterDays of the point (its rule's retention). */
  deleteAfterDays?: number;
  /** From GetRecoveryPointRestoreMetadata, when it was fetched. */
  restoreMetadata?: Record<string, string>;
}

export type BoundSource = 'read' | 'derived';

export type RestorableWindow =
  | {
      kind: 'continuous';
      earliest: Date;
      latest: Date;
      earliestSource: BoundSource;
      latestSource: BoundSource;
      /** Notes a person should see with the window (assumptions, stopped points). */
      notes: string[];
    }
  | { kind: 'continuous-open-end'; earliest: Date; earliestSource: BoundSource; notes: string[] }
  | { kind: 'snapshot'; at: Date }
  | { kind: 'none'; reason: string };

function epochMs(v: string | undefined): Date | undefined {
  if (v === undefined || !/^\d{10,16}$/.test(v)) return undefined;
  return new Date(Number(v));
}

export function restorableWindow(p: RecoveryPointFacts, now: Date): RestorableWindow {
  const status = p.status ?? 'COMPLETED';
  if (status === 'DELETING') return { kind: 'none', reason: 'The recovery point is being deleted.' };
  if (status === 'EXPIRED')
    return {
      kind: 'none',
      reason: 'The recovery point has expired: it is past its retention and can no longer be restored.',
    };
  if (status === 'CREATING') return { kind: 'none', reason: 'The recovery point is still being created.' };

  if (!isContinuousRecoveryPoint(p)) {
    const at = p.creationDate ?? p.completionDate;
    return at
      ? { kind: 'snapshot', at }
      : { kind: 'none', reason: 'The recovery point has no creation date.' };
  }

  // SAP HANA carries its bounds in the restore metadata: read, not derived.
  const hanaEarliest = epochMs(p.restoreMetadata?.EarliestRestorablePitrTimestamp);
  const hanaLatest = epochMs(p.restoreMetadata?.LatestRestorablePitrTimestamp);
  if (hanaEarliest && hanaLatest) {
    if (hanaLatest < hanaEarliest)
      return {
        kind: 'none',
        reason: 'The restore metadata gives a latest restorable time before the earliest.',
      };
    return {
      kind: 'continuous',
      earliest: hanaEarliest,
      latest: hanaLatest,
      earliestSource: 'read',
      latestSource: 'read',
      notes: [],
    };
  }

  if (!p.creationDate)
    return {
      kind: 'none',
      reason: 'The recovery point has no creation date, so its window cannot be worked out.',
    };
  const notes: string[] = [];
  const retentionDays = Math.min(
    p.deleteAfterDays ?? CONTINUOUS_MAX_RETENTION_DAYS,
    CONTINUOUS_MAX_RETENTION_DAYS,
  );
  if (p.deleteAfterDays === undefined)
    notes.push(`Retention unknown: assumed the ${CONTINUOUS_MAX_RETENTION_DAYS}-day maximum.`);
  const earliest = new Date(Math.max(p.creationDate.getTime(), now.getTime() - retentionDays * DAY));

  const continuous = resourceType(p.resourceType)?.continuous;
  const lagMinutes = continuous?.restoreLagMinutes;
  if (continuous?.restoreLagNote) notes.push(continuous.restoreLagNote);
  if (lagMinutes === undefined)
    notes.push(`Restore lag for ${p.resourceType ?? 'this resource type'} is not documented: none assumed.`);
  let latest = new Date(now.getTime() - (lagMinutes ?? 0) * MINUTE);

  if (status === 'STOPPED') {
    if (!p.completionDate) {
      notes.push('Continuous backup stopped; AWS does not say when, so the end of the window is unknown.');
      return { kind: 'continuous-open-end', earliest, earliestSource: 'derived', notes };
    }
    notes.push(
      `Continuous backup stopped at ${p.completionDate.toISOString()}: nothing after it can be restored.`,
    );
    if (p.completionDate < latest) latest = p.completionDate;
  }
  if (latest < earliest) {
    return {
      kind: 'none',
      reason:
        status === 'STOPPED'
          ? 'Continuous backup stopped before any restorable second is still retained.'
          : `Nothing is restorable yet: the first restorable second is ${new Date(earliest.getTime() + (lagMinutes ?? 0) * MINUTE).toISOString()}, after the restore lag.`,
    };
  }
  return { kind: 'continuous', earliest, latest, earliestSource: 'derived', latestSource: 'derived', notes };
}

/** A recovery point as the AWS Backup API describes or lists it (the fields the window needs). */
export interface ApiRecoveryPoint {
  RecoveryPointArn?: string;
  ResourceType?: string;
  Status?: string;
  CreationDate?: Date;
  CompletionDate?: Date;
  Lifecycle?: { DeleteAfterDays?: number };
}

/** The restorable window of a recovery point in the API's own shape. */
export function windowOfRecoveryPoint(p: ApiRecoveryPoint, now: Date): RestorableWindow {
  return restorableWindow(
    {
      recoveryPointArn: p.RecoveryPointArn ?? '',
      ...(p.ResourceType ? { resourceType: p.ResourceType } : {}),
      ...(p.Status ? { status: p.Status } : {}),
      ...(p.CreationDate ? { creationDate: p.CreationDate } : {}),
      ...(p.CompletionDate ? { completionDate: p.CompletionDate } : {}),
      ...(p.Lifecycle?.DeleteAfterDays !== undefined ? { deleteAfterDays: p.Lifecycle.DeleteAfterDays } : {}),
    },
    now,
  );
}

/** Whether `t` can be restored to, with the reason when not. */
export function checkRestoreTime(w: RestorableWindow, t: Date): { ok: true } | { ok: false; reason: string } {
  if (w.kind === 'none') return { ok: false, reason: w.reason };
  if (w.kind === 'snapshot')
    return {
      ok: false,
      reason: 'A snapshot restores to the moment it was taken; it has no point-in-time window.',
    };
  if (t < w.earliest)
    return {
      ok: false,
      reason: `${t.toISOString()} is before the earliest restorable time ${w.earliest.toISOString()}.`,
    };
  if (w.kind === 'continuous' && t > w.latest)
    return {
      ok: false,
      reason: `${t.toISOString()} is after the latest restorable time ${w.latest.toISOString()}.`,
    };
  return { ok: true };
}
