/**
 * Watching restore jobs in the editor: a progress notification per job, following it to its end
 * (src/restore/followJob.ts does the asking), then what the person can do with the result. Closing
 * the notification stops the watching, never the job.
 */
import * as vscode from 'vscode';
import type { BackupApi } from '../../aws/backupApi';
import { messageOf, noLinks } from '../../aws/awsText';
import { AwsAccessError } from '../../aws/errors';
import { followRestoreJob, watchTitle, type JobProgress } from '../followJob';
import type { RememberedJob, RememberedJobs } from '../jobStore';
import { S3 } from '../../backup/resourceTypes';

function consoleJobUrl(region: string, jobId: string): string {
  return `https://${region}.console.aws.amazon.com/backup/home?region=${region}#/jobs/restore/details/${encodeURIComponent(jobId)}`;
}

export class JobWatcher {
  private readonly followed = new Map<string, Promise<JobProgress | undefined>>();

  constructor(
    private readonly jobs: RememberedJobs,
    /** After a job ended in `region` (the explorer lists restore jobs). */
    private readonly jobsChanged: (region: string) => void,
  ) {}

  /** Resolves when the job has been followed to its end (or watching stopped). */
  whenFollowed(jobId: string): Promise<JobProgress | undefined> {
    return this.followed.get(jobId) ?? Promise.resolve(undefined);
  }

  /** Follows a job in a progress notification; closing it stops the watching, not the job. */
  follow(job: RememberedJob & { jobId: string }, api: BackupApi): void {
    if (this.followed.has(job.jobId)) return;
    const done = vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: noLinks(watchTitle(job.label)),
        cancellable: true,
      },
      async (progress, token) => {
        const controller = new AbortController();
        const sub = token.onCancellationRequested(() => controller.abort());
        let last = 0;
        try {
          const end = await followRestoreJob(api, job.jobId, {
            signal: controller.signal,
            onUpdate: (p) => {
              const pct = p.percentDone ? Number.parseFloat(p.percentDone) : undefined;
              const increment =
                pct !== undefined && Number.isFinite(pct) ? Math.max(0, pct - last) : undefined;
              if (pct !== undefined && Number.isFinite(pct)) last = pct;
              progress.report({
                message: noLinks(
                  [
                    p.status,
                    pct !== undefined ? `${pct.toFixed(0)}%` : undefined,
                    p.expectedCompletionMinutes !== undefined
                      ? `about ${p.expectedCompletionMinutes} min left`
                      : undefined,
                  ]
                    .filter(Boolean)
                    .join(' · '),
                ),
                ...(increment ? { increment } : {}),
              });
            },
          });
          await this.jobs.ended(job.token, end.status);
          this.jobsChanged(api.connection.region);
          void this.announce(job, end, api);
          return end;
        } catch (e) {
          if (e instanceof AwsAccessError && e.kind === 'cancelled') {
            void vscode.window.showInformationMessage(
              noLinks(
                `Stopped watching restore job ${job.jobId}; the job goes on. It is listed under "Restore jobs" in the AWS Backup explorer.`,
              ),
            );
            return undefined;
          }
          void vscode.window.showErrorMessage(
            noLinks(
              `Could not follow restore job ${job.jobId}: ${messageOf(e)} The job goes on; it will be watched again when the window reloads.`,
            ),
          );
          return undefined;
        } finally {
          sub.dispose();
        }
      },
    );
    this.followed.set(job.jobId, Promise.resolve(done));
  }

  private async announce(
    job: RememberedJob & { jobId: string },
    end: JobProgress,
    api: BackupApi,
  ): Promise<void> {
    const region = api.connection.region;
    const copy = 'Copy ARN';
    const show = 'Show Job';
    const open = 'Open in Console';
    const picked =
      end.status === 'COMPLETED'
        ? await vscode.window.showInformationMessage(
            noLinks(`Restore of ${job.label} completed: ${end.createdResourceArn ?? `job ${job.jobId}`}`),
            ...(end.createdResourceArn ? [copy] : []),
            show,
            open,
          )
        : await vscode.window.showErrorMessage(
            noLinks(
              `Restore job ${job.jobId} (${job.label}) ${end.status}: ${end.statusMessage ?? 'the service gave no message'}. Check the IAM role's permissions for this resource type, that the destination name is unused (or, for ${S3.name}, that the bucket exists with versioning on), and the restore time.`,
            ),
            show,
            open,
          );
    if (picked === copy && end.createdResourceArn)
      await vscode.env.clipboard.writeText(end.createdResourceArn);
    else if (picked === show) {
      const d = await api.describeRestoreJob(job.jobId);
      const shown: Partial<typeof d> = { ...d };
      delete shown.$metadata;
      const doc = await vscode.workspace.openTextDocument({
        language: 'json',
        content: JSON.stringify(shown, null, 2),
      });
      await vscode.window.showTextDocument(doc, { preview: true });
    } else if (picked === open)
      await vscode.env.openExternal(vscode.Uri.parse(consoleJobUrl(region, job.jobId)));
  }
}
