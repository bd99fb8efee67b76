/**
 * Restore jobs (started here or elsewhere), and backup and copy jobs.
 */
import { formatLocal } from '../../backup/format';
import {
  type Icon,
  type NodeView,
  type ExplorerContext,
  ExplorerNode,
  MessageNode,
  errorChildren,
} from './base';

export const JOB_ICON: Record<string, Icon> = {
  COMPLETED: { id: 'pass', color: 'testing.iconPassed' },
  FAILED: { id: 'error', color: 'list.errorForeground' },
  ABORTED: { id: 'circle-slash', color: 'list.warningForeground' },
  RUNNING: { id: 'sync~spin' },
  PENDING: { id: 'watch' },
};

export class RestoreJobsNode extends ExplorerNode {
  readonly id: string;
  private cache?: RestoreJobNode[];
  /** Days of jobs listed. */
  readonly days: number;
  constructor(
    override readonly parent: ExplorerNode,
    private readonly ctx: ExplorerContext,
  ) {
    super();
    this.id = `${parent.id}/restore-jobs`;
    this.days = ctx.jobsDays ?? 14;
  }
  view(): NodeView {
    const running = this.cache?.filter((j) => j.running).length ?? 0;
    return {
      label: 'Restore jobs',
      description: `last ${this.days} days${running ? ` · ${running} running` : ''}`,
      icon: { id: 'history' },
      contextValue: 'awsBackupPitr.restoreJobs',
      collapsible: 'collapsed',
    };
  }
  override reset(): void {
    this.cache = undefined;
  }
  /** True while a listed job has not ended: the view refreshes this node, with backoff. */
  get hasRunning(): boolean {
    return this.cache?.some((j) => j.running) ?? false;
  }
  override async children(signal?: AbortSignal): Promise<ExplorerNode[]> {
    if (this.cache) return this.cache;
    try {
      const since = new Date(this.ctx.now().getTime() - this.days * 86_400_000);
      const jobs: RestoreJobNode[] = [];
      for await (const page of this.ctx.api.listRestoreJobs({ ByCreatedAfter: since }, { signal }))
        for (const j of page.items) jobs.push(new RestoreJobNode(this, this.ctx, j));
      this.cache = jobs;
      return jobs.length
        ? jobs
        : [new MessageNode(`${this.id}/none`, `No restore jobs in the last ${this.days} days`)];
    } catch (e) {
      return errorChildren(this, 'list restore jobs', e);
    }
  }
}

export interface RestoreJobSummary {
  RestoreJobId?: string;
  Status?: string;
  StatusMessage?: string;
  PercentDone?: string;
  ResourceType?: string;
  CreationDate?: Date;
  CompletionDate?: Date;
  CreatedResourceArn?: string;
  RecoveryPointArn?: string;
}

export class RestoreJobNode extends ExplorerNode {
  readonly id: string;
  constructor(
    override readonly parent: RestoreJobsNode,
    private readonly ctx: ExplorerContext,
    readonly job: RestoreJobSummary,
  ) {
    super();
    this.id = `${parent.id}/${job.RestoreJobId ?? '?'}`;
  }
  get running(): boolean {
    return this.job.Status === 'PENDING' || this.job.Status === 'RUNNING';
  }
  override details(): unknown {
    return this.job;
  }
  view(): NodeView {
    const j = this.job;
    const target = j.CreatedResourceArn?.split(/[:/]/).pop();
    return {
      label:
        `${j.ResourceType ?? ''} restore ${j.CreationDate ? formatLocal(j.CreationDate, this.ctx.timeZone) : ''}`.trim(),
      description: [
        j.Status,
        this.running ? j.PercentDone : undefined,
        target ? `→ ${target}` : undefined,
        j.RestoreJobId && this.ctx.startedHere?.(j.RestoreJobId) ? 'started here' : undefined,
      ]
        .filter(Boolean)
        .join(' · '),
      tooltip: [
        `Restore job ${j.RestoreJobId}`,
        `Status: ${j.Status}${j.StatusMessage ? ` — ${j.StatusMessage}` : ''}`,
        j.CreatedResourceArn ? `Created ${j.CreatedResourceArn}` : undefined,
        `From ${j.RecoveryPointArn}`,
      ]
        .filter(Boolean)
        .join('\n'),
      icon: JOB_ICON[j.Status ?? ''] ?? { id: 'circle-outline' },
      contextValue: 'awsBackupPitr.restoreJob',
      collapsible: 'none',
    };
  }
}

/** Backup or copy jobs of the chosen period, with their state. */
export class OtherJobsNode extends ExplorerNode {
  readonly id: string;
  private cache?: ExplorerNode[];
  constructor(
    override readonly parent: ExplorerNode,
    private readonly ctx: ExplorerContext,
    readonly which: 'backup' | 'copy',
  ) {
    super();
    this.id = `${parent.id}/${which}-jobs`;
  }
  private get days(): number {
    return this.ctx.jobsDays ?? 14;
  }
  view(): NodeView {
    return {
      label: this.which === 'backup' ? 'Backup jobs' : 'Copy jobs',
      description: `last ${this.days} days`,
      icon: { id: this.which === 'backup' ? 'cloud-upload' : 'copy' },
      contextValue: `awsBackupPitr.${this.which}Jobs`,
      collapsible: 'collapsed',
    };
  }
  override reset(): void {
    this.cache = undefined;
  }
  override async children(signal?: AbortSignal): Promise<ExplorerNode[]> {
    if (this.cache) return this.cache;
    const since = new Date(this.ctx.now().getTime() - this.days * 86_400_000);
    try {
      const jobs: ExplorerNode[] = [];
      if (this.which === 'backup') {
        for await (const page of this.ctx.api.listBackupJobs({ ByCreatedAfter: since }, { signal }))
          for (const j of page.items)
            jobs.push(
              new JobNode(this, j.BackupJobId ?? '?', {
                label: `${j.ResourceName ?? j.ResourceArn?.split(/[:/]/).pop() ?? '?'} → ${j.BackupVaultName ?? '?'}`,
                state: j.State ?? '',
                percent: j.PercentDone,
                when: j.CreationDate,
                message: j.StatusMessage,
                details: j,
                timeZone: this.ctx.timeZone,
              }),
            );
      } else {
        for await (const page of this.ctx.api.listCopyJobs({ ByCreatedAfter: since }, { signal }))
          for (const j of page.items)
            jobs.push(
              new JobNode(this, j.CopyJobId ?? '?', {
                label: `${j.ResourceArn?.split(/[:/]/).pop() ?? '?'} → ${j.DestinationBackupVaultArn?.split(':').pop() ?? '?'}`,
                state: j.State ?? '',
                when: j.CreationDate,
                message: j.StatusMessage,
                details: j,
                timeZone: this.ctx.timeZone,
              }),
            );
      }
      this.cache = jobs.length
        ? jobs
        : [new MessageNode(`${this.id}/none`, `No ${this.which} jobs in the last ${this.days} days`)];
    } catch (e) {
      return errorChildren(this, `list ${this.which} jobs`, e);
    }
    return this.cache;
  }
}

export class JobNode extends ExplorerNode {
  readonly id: string;
  constructor(
    override readonly parent: ExplorerNode,
    jobId: string,
    private readonly job: {
      label: string;
      state: string;
      percent?: string;
      when?: Date;
      message?: string;
      details: unknown;
      timeZone?: string;
    },
  ) {
    super();
    this.id = `${parent.id}/${jobId}`;
  }
  override details(): unknown {
    return this.job.details;
  }
  view(): NodeView {
    const j = this.job;
    const running = j.state === 'RUNNING' || j.state === 'CREATED' || j.state === 'PENDING';
    return {
      label: j.label,
      description: [
        j.state,
        running ? j.percent : undefined,
        j.when ? formatLocal(j.when, j.timeZone) : undefined,
      ]
        .filter(Boolean)
        .join(' · '),
      tooltip: `${j.state}${j.message ? ` — ${j.message}` : ''}`,
      icon:
        JOB_ICON[j.state] ??
        (j.state === 'PARTIAL' || j.state === 'EXPIRED'
          ? { id: 'warning', color: 'list.warningForeground' }
          : { id: 'circle-outline' }),
      contextValue: 'awsBackupPitr.job',
      collapsible: 'none',
    };
  }
}
