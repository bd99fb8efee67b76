import type { BackupApi } from '../aws/backupApi';
import { AwsAccessError } from '../aws/errors';

export interface JobProgress {
  status: string;
  percentDone?: string;
  expectedCompletionMinutes?: number;
  createdResourceArn?: string;
  statusMessage?: string;
}

const TERMINAL = new Set(['COMPLETED', 'FAILED', 'ABORTED']);

/**
 * Follows a restore job with DescribeRestoreJob until it ends, backing off (initial delay doubling to
 * `maxDelayMs`). Throttling and dropped connections are retried, not fatal: the job is never lost.
 * Aborting the signal stops the watching, never the job.
 */
export async function followRestoreJob(
  api: BackupApi,
  jobId: string,
  opts: {
    signal?: AbortSignal;
    onUpdate?: (p: JobProgress) => void;
    initialDelayMs?: number;
    maxDelayMs?: number;
  } = {},
): Promise<JobProgress> {
  let delay = opts.initialDelayMs ?? 2_000;
  const max = opts.maxDelayMs ?? 30_000;
  for (;;) {
    if (opts.signal?.aborted)
      throw new AwsAccessError(
        'cancelled',
        'Stopped watching the restore job (the job goes on).',
        'DescribeRestoreJob',
      );
    try {
      const j = await api.describeRestoreJob(jobId, { ...(opts.signal ? { signal: opts.signal } : {}) });
      const p: JobProgress = {
        status: j.Status ?? 'UNKNOWN',
        ...(j.PercentDone ? { percentDone: j.PercentDone } : {}),
        ...(j.ExpectedCompletionTimeMinutes !== undefined
          ? { expectedCompletionMinutes: j.ExpectedCompletionTimeMinutes }
          : {}),
        ...(j.CreatedResourceArn ? { createdResourceArn: j.CreatedResourceArn } : {}),
        ...(j.StatusMessage ? { statusMessage: j.StatusMessage } : {}),
      };
      opts.onUpdate?.(p);
      if (TERMINAL.has(p.status)) return p;
    } catch (e) {
      if (e instanceof AwsAccessError && e.kind === 'cancelled') continue; // reported at the top
      if (!(e instanceof AwsAccessError) || !e.retryable) throw e;
    }
    if (opts.signal?.aborted) continue; // the check at the top reports it
    await new Promise<void>((resolve) => {
      const t = setTimeout(resolve, delay);
      opts.signal?.addEventListener(
        'abort',
        () => {
          clearTimeout(t);
          resolve();
        },
        { once: true },
      );
    });
    delay = Math.min(delay * 2, max);
  }
}

/**
 * The title of the notification that follows a job. Its one button is VS Code's "Cancel", which
 * cannot be renamed (window.withProgress): the title says what it does, and what it does not.
 */
export function watchTitle(label: string): string {
  return `Restore ${label} · "Cancel" stops watching; the restore job goes on`;
}
