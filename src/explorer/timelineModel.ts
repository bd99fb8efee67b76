/**
 * The data behind the timeline of one resource's restore options (no `vscode`): the continuous
 * window as a bar, snapshots as marks, restore jobs as events, "now" and the restore lag.
 */
import type { BackupApi } from '../aws/backupApi';
import { RESTORE_LAG_MINUTES, windowOfRecoveryPoint } from '../restore/restorableWindow';
import { isContinuousArn } from './model';

export interface TimelineData {
  resourceArn: string;
  resourceName: string;
  resourceType?: string;
  now: number;
  lagMinutes?: number;
  /** The axis, in epoch ms. */
  start: number;
  end: number;
  windows: { vault: string; earliest: number; latest: number; status: string; notes: string[] }[];
  snapshots: { at: number; vault: string; status: string; arn: string }[];
  jobs: { at: number; status: string; id: string; message?: string }[];
}

const DAY = 86_400_000;

export async function loadTimeline(
  api: BackupApi,
  resourceArn: string,
  resourceType: string | undefined,
  now: Date,
  signal?: AbortSignal,
): Promise<TimelineData> {
  const points = [];
  for await (const page of api.listRecoveryPointsByResource(resourceArn, { signal }))
    points.push(...page.items);
  const windows: TimelineData['windows'] = [];
  const snapshots: TimelineData['snapshots'] = [];
  for (const p of points) {
    if (isContinuousArn(p.RecoveryPointArn)) {
      // The listing by resource carries no lifecycle: read it from the point itself.
      const d = await api.describeRecoveryPoint(p.BackupVaultName ?? '', p.RecoveryPointArn ?? '', {
        signal,
      });
      const w = windowOfRecoveryPoint(
        { ...d, RecoveryPointArn: p.RecoveryPointArn, ResourceType: d.ResourceType ?? resourceType },
        now,
      );
      // An open-ended window (stopped, end unknown) is drawn from its start only.
      if (w.kind === 'continuous' || w.kind === 'continuous-open-end')
        windows.push({
          vault: p.BackupVaultName ?? '',
          earliest: w.earliest.getTime(),
          latest: w.kind === 'continuous' ? w.latest.getTime() : w.earliest.getTime(),
          status: d.Status ?? '',
          notes: w.notes,
        });
    } else if (p.CreationDate) {
      snapshots.push({
        at: p.CreationDate.getTime(),
        vault: p.BackupVaultName ?? '',
        status: p.Status ?? '',
        arn: p.RecoveryPointArn ?? '',
      });
    }
  }
  const jobs: TimelineData['jobs'] = [];
  const since = new Date(now.getTime() - 35 * DAY);
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
  const lag = resourceType ? RESTORE_LAG_MINUTES[resourceType] : undefined;
  return {
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
}
