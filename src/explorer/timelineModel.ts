/**
 * The data behind the timeline of one resource's restore options (no `vscode`): the continuous
 * window as a bar, snapshots as marks, restore jobs as events, "now" and the restore lag.
 */
import type { BackupApi } from '../aws/backupApi';
import { CONTINUOUS_MAX_RETENTION_DAYS, restoreLagMinutes } from '../backup/resourceTypes';
import {
  RESTORABLE_STATUSES,
  isContinuousRecoveryPointArn,
  type PointSummary,
} from '../backup/recoveryPoint';
import { windowOfRecoveryPoint } from '../backup/restorableWindow';

export interface TimelineData {
  resourceArn: string;
  resourceName: string;
  resourceType?: string;
  now: number;
  lagMinutes?: number;
  /** The axis, in epoch ms. */
  start: number;
  end: number;
  windows: {
    arn: string;
    vault: string;
    earliest: number;
    latest: number;
    status: string;
    notes: string[];
  }[];
  snapshots: { at: number; vault: string; status: string; arn: string; restorable: boolean }[];
  jobs: { at: number; status: string; id: string; message?: string }[];
}

const DAY = 86_400_000;

/** The timeline's data for the webview, and, kept in the extension, each drawn point to restore from. */
export interface Timeline {
  data: TimelineData;
  points: ReadonlyMap<string, { vault: string; point: PointSummary }>;
}

export async function loadTimeline(
  api: BackupApi,
  resourceArn: string,
  resourceType: string | undefined,
  now: Date,
  signal?: AbortSignal,
): Promise<Timeline> {
  const points = [];
  const restorable = new Map<string, { vault: string; point: PointSummary }>();
  for await (const page of api.listRecoveryPointsByResource(resourceArn, { signal }))
    for (const p of page.items) points.push(p);
  const windows: TimelineData['windows'] = [];
  const snapshots: TimelineData['snapshots'] = [];
  for (const p of points) {
    if (isContinuousRecoveryPointArn(p.RecoveryPointArn)) {
      // The listing by resource carries no lifecycle: read it from the point itself.
      const d = await api.describeRecoveryPoint(p.BackupVaultName ?? '', p.RecoveryPointArn ?? '', {
        signal,
      });
      const w = windowOfRecoveryPoint(
        { ...d, RecoveryPointArn: p.RecoveryPointArn, ResourceType: d.ResourceType ?? resourceType },
        now,
      );
      // An open-ended window (stopped, end unknown) is drawn from its start only.
      if (w.kind === 'continuous' || w.kind === 'continuous-open-end') {
        windows.push({
          arn: p.RecoveryPointArn ?? '',
          vault: p.BackupVaultName ?? '',
          earliest: w.earliest.getTime(),
          latest: w.kind === 'continuous' ? w.latest.getTime() : w.earliest.getTime(),
          status: d.Status ?? '',
          notes: w.notes,
        });
        restorable.set(p.RecoveryPointArn ?? '', {
          vault: p.BackupVaultName ?? '',
          point: {
            ...d,
            RecoveryPointArn: p.RecoveryPointArn,
            BackupVaultName: p.BackupVaultName,
            ResourceType: d.ResourceType ?? resourceType,
          },
        });
      }
    } else if (p.CreationDate) {
      const ok = RESTORABLE_STATUSES.has(p.Status ?? '');
      snapshots.push({
        at: p.CreationDate.getTime(),
        vault: p.BackupVaultName ?? '',
        status: p.Status ?? '',
        arn: p.RecoveryPointArn ?? '',
        restorable: ok,
      });
      if (ok)
        restorable.set(p.RecoveryPointArn ?? '', {
          vault: p.BackupVaultName ?? '',
          point: { ...p, ResourceArn: resourceArn, ...(resourceType ? { ResourceType: resourceType } : {}) },
        });
    }
  }
  const jobs: TimelineData['jobs'] = [];
  const since = new Date(now.getTime() - CONTINUOUS_MAX_RETENTION_DAYS * DAY);
  for await (const page of api.listRestoreJobs({ ByCreatedAfter: since }, { signal }))
    for (const j of page.items)
      if (j.CreationDate && points.some((p) => p.RecoveryPointArn === j.RecoveryPointArn))
        jobs.push({
          at: j.CreationDate.getTime(),
          status: j.Status ?? '',
          id: j.RestoreJobId ?? '',
          ...(j.StatusMessage ? { message: j.StatusMessage } : {}),
        });
  const times = [
    ...windows.flatMap((w) => [w.earliest, w.latest]),
    ...snapshots.map((s) => s.at),
    ...jobs.map((j) => j.at),
    now.getTime(),
  ];
  const start = Math.min(...times, now.getTime() - 7 * DAY);
  const end = now.getTime() + Math.max(3_600_000, (now.getTime() - start) * 0.03);
  const lag = restoreLagMinutes(resourceType);
  const data: TimelineData = {
    resourceArn,
    resourceName: resourceArn.split(/[:/]/).pop() ?? resourceArn,
    ...(resourceType ? { resourceType } : {}),
    now: now.getTime(),
    ...(lag !== undefined ? { lagMinutes: lag } : {}),
    start,
    end,
    windows,
    snapshots: snapshots.sort((a, b) => a.at - b.at),
    jobs: jobs.sort((a, b) => a.at - b.at),
  };
  return { data, points: restorable };
}
