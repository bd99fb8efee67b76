/**
 * The explorer's tree, without `vscode`: nodes know their label, icon, menus and children, and load
 * their children through the door to AWS. The vscode layer only turns them into TreeItems.
 */
import { messageOf } from '../aws/awsText';
import type { BackupApi, Page, RecoveryPointFilters } from '../aws/backupApi';
import { connectionLabel, describeConnection } from '../aws/connection';
import { AwsAccessError } from '../aws/errors';
import { formatBytes, formatLocal, formatUtc, windowText } from '../backup/format';
import { isContinuousRecoveryPointArn } from '../backup/recoveryPoint';
import { windowOfRecoveryPoint, type RestorableWindow } from '../backup/restorableWindow';

export interface Icon {
  /** A codicon id. */
  id: string;
  /** A theme colour id. */
  color?: string;
}

export interface NodeView {
  label: string;
  description?: string;
  tooltip?: string;
  icon?: Icon;
  /** Drives the context menus (`viewItem == …`). */
  contextValue: string;
  collapsible: 'none' | 'collapsed' | 'expanded';
  /** A command run on click (load more, retry). */
  command?: { command: string; title: string; arguments: unknown[] };
}

export interface ExplorerContext {
  api: BackupApi;
  /** Days of jobs the Jobs groups list (default 14). */
  jobsDays?: number;
  now: () => Date;
  pageSize: number;
  /** The user's time zone (undefined: the runtime's). */
  timeZone?: string;
  /** Called when a node's children changed without a new load (load more, filter). */
  changed(node: ExplorerNode | undefined): void;
  /** Whether a restore job was started from this extension (marked "started here"). */
  startedHere?(restoreJobId: string): boolean;
}

export abstract class ExplorerNode {
  abstract readonly id: string;
  abstract view(): NodeView;
  /** Loads the children; an AwsAccessError becomes an error node with a retry. */
  children(_signal?: AbortSignal): Promise<ExplorerNode[]> {
    return Promise.resolve([]);
  }
  parent?: ExplorerNode;
  /** Drops what this node loaded, so the next expansion loads again. */
  reset(): void {}
  /** An ARN to copy, a JSON document to show. */
  arn?(): string | undefined;
  details?(): unknown;
}

function errorChildren(parent: ExplorerNode, what: string, e: unknown): ExplorerNode[] {
  return [new ErrorNode(parent, what, e)];
}

export class ErrorNode extends ExplorerNode {
  readonly id: string;
  constructor(
    override readonly parent: ExplorerNode,
    readonly what: string,
    readonly error: unknown,
  ) {
    super();
    this.id = `${parent.id}/error`;
  }
  view(): NodeView {
    const e = this.error;
    const message = messageOf(e);
    const action = e instanceof AwsAccessError && e.action ? e.action : undefined;
    const expired =
      e instanceof AwsAccessError && (e.kind === 'credentials-expired' || e.kind === 'credentials-missing');
    return {
      label: `Could not ${this.what}: ${message}`,
      description: action ? `${action} · click to retry` : 'click to retry',
      tooltip: `${message}${action ? `\n\nWhat to do: ${action}` : ''}\n\nClick to retry.`,
      icon: { id: 'error', color: 'list.errorForeground' },
      contextValue: expired ? 'awsBackupPitr.error.signIn' : 'awsBackupPitr.error',
      collapsible: 'none',
      command: { command: 'awsBackupPitr.explorer.retry', title: 'Retry', arguments: [this.parent] },
    };
  }
}

export class MessageNode extends ExplorerNode {
  constructor(
    readonly id: string,
    private readonly text: string,
    private readonly icon = 'info',
  ) {
    super();
  }
  view(): NodeView {
    return {
      label: this.text,
      icon: { id: this.icon },
      contextValue: 'awsBackupPitr.message',
      collapsible: 'none',
    };
  }
}

/**
 * A group that lists one kind of thing, all pages, once: cached until refreshed; a failure becomes an
 * error node with a retry.
 */
export class ListGroupNode<T> extends ExplorerNode {
  readonly id: string;
  private cache?: ExplorerNode[];
  constructor(
    override readonly parent: ExplorerNode,
    private readonly spec: {
      id: string;
      view: Omit<NodeView, 'collapsible'> & { collapsible?: NodeView['collapsible'] };
      /** What failed, in words: "list backup vaults". */
      what: string;
      empty: string;
      list: (signal?: AbortSignal) => AsyncIterable<Page<T>>;
      make: (group: ListGroupNode<T>, item: T) => ExplorerNode;
    },
  ) {
    super();
    this.id = `${parent.id}/${spec.id}`;
  }
  view(): NodeView {
    return { collapsible: 'collapsed', ...this.spec.view };
  }
  override reset(): void {
    this.cache = undefined;
  }
  override async children(signal?: AbortSignal): Promise<ExplorerNode[]> {
    if (this.cache) return this.cache;
    try {
      const out: ExplorerNode[] = [];
      for await (const page of this.spec.list(signal))
        for (const item of page.items) out.push(this.spec.make(this, item));
      this.cache = out.length ? out : [new MessageNode(`${this.id}/none`, this.spec.empty)];
    } catch (e) {
      return errorChildren(this, this.spec.what, e);
    }
    return this.cache;
  }
}

export class ConnectionNode extends ExplorerNode {
  readonly id: string;
  private readonly groups: ExplorerNode[];
  readonly restoreJobs: RestoreJobsNode;
  constructor(readonly ctx: ExplorerContext) {
    super();
    this.id = `conn:${describeConnection(ctx.api.connection)}`;
    this.restoreJobs = new RestoreJobsNode(this, ctx);
    this.groups = [
      new ListGroupNode(this, {
        id: 'vaults',
        view: {
          label: 'Backup vaults',
          icon: { id: 'archive' },
          contextValue: 'awsBackupPitr.vaults',
          collapsible: 'expanded',
        },
        what: 'list backup vaults',
        empty: 'No backup vaults in this Region',
        list: (signal) => ctx.api.listBackupVaults({ signal }),
        make: (g, v) => new VaultNode(g, ctx, v),
      }),
      new ListGroupNode(this, {
        id: 'resources',
        view: {
          label: 'Protected resources',
          icon: { id: 'shield' },
          contextValue: 'awsBackupPitr.resources',
        },
        what: 'list protected resources',
        empty: 'No protected resources',
        list: (signal) => ctx.api.listProtectedResources({ signal }),
        make: (g, r) => new ResourceNode(g, ctx, r),
      }),
      new ListGroupNode(this, {
        id: 'plans',
        view: { label: 'Backup plans', icon: { id: 'calendar' }, contextValue: 'awsBackupPitr.plans' },
        what: 'list backup plans',
        empty: 'No backup plans',
        list: (signal) => ctx.api.listBackupPlans({ signal }),
        make: (g, p) =>
          new PlanNode(
            g,
            ctx,
            p.BackupPlanId ?? '',
            p.BackupPlanName ?? p.BackupPlanId ?? '?',
            p.LastExecutionDate,
          ),
      }),
      this.restoreJobs,
      new OtherJobsNode(this, ctx, 'backup'),
      new OtherJobsNode(this, ctx, 'copy'),
    ];
  }
  view(): NodeView {
    const c = this.ctx.api.connection;
    return {
      label: connectionLabel(c),
      description: c.sample
        ? `${c.region} · a sample, not AWS`
        : `${c.region}${c.endpoint ? ` · ${c.endpoint}` : ''}`,
      tooltip: `Connected: ${describeConnection(c)}`,
      icon: { id: c.sample ? 'beaker' : 'cloud' },
      contextValue: 'awsBackupPitr.connection',
      collapsible: 'expanded',
    };
  }
  override children(): Promise<ExplorerNode[]> {
    return Promise.resolve(this.groups);
  }
}
export interface VaultSummary {
  BackupVaultName?: string;
  BackupVaultArn?: string;
  VaultType?: string;
  Locked?: boolean;
  MinRetentionDays?: number;
  MaxRetentionDays?: number;
  LockDate?: Date;
  NumberOfRecoveryPoints?: number;
  CreationDate?: Date;
}

export interface RecoveryPointSummary {
  RecoveryPointArn?: string;
  ResourceArn?: string;
  ResourceType?: string;
  ResourceName?: string;
  Status?: string;
  StatusMessage?: string;
  CreationDate?: Date;
  CompletionDate?: Date;
  BackupSizeInBytes?: number;
  Lifecycle?: { DeleteAfterDays?: number; MoveToColdStorageAfterDays?: number };
  BackupVaultName?: string;
}

export interface RuleSummary {
  RuleName?: string;
  TargetBackupVaultName?: string;
  ScheduleExpression?: string;
  EnableContinuousBackup?: boolean;
  Lifecycle?: { DeleteAfterDays?: number; MoveToColdStorageAfterDays?: number };
  CopyActions?: unknown[];
}

export class VaultNode extends ExplorerNode {
  readonly id: string;
  private points: RecoveryPointSummary[] = [];
  private nextToken: string | undefined;
  private loaded = false;
  private error: unknown;
  filter: RecoveryPointFilters = {};

  constructor(
    override readonly parent: ExplorerNode,
    private readonly ctx: ExplorerContext,
    readonly vault: VaultSummary,
  ) {
    super();
    this.id = `${parent.id}/${vault.BackupVaultName ?? '?'}`;
  }
  get name(): string {
    return this.vault.BackupVaultName ?? '';
  }
  override arn(): string | undefined {
    return this.vault.BackupVaultArn;
  }
  override details(): unknown {
    return this.vault;
  }
  filterText(): string | undefined {
    const f = this.filter;
    const parts = [
      f.ByResourceType ? `type ${f.ByResourceType}` : '',
      f.ByResourceArn ? `resource ${f.ByResourceArn}` : '',
      f.ByCreatedAfter ? `after ${f.ByCreatedAfter.toISOString().slice(0, 10)}` : '',
      f.ByCreatedBefore ? `before ${f.ByCreatedBefore.toISOString().slice(0, 10)}` : '',
    ].filter(Boolean);
    return parts.length ? parts.join(', ') : undefined;
  }
  view(): NodeView {
    const v = this.vault;
    const type =
      v.VaultType === 'LOGICALLY_AIR_GAPPED_BACKUP_VAULT'
        ? 'logically air-gapped'
        : v.VaultType === 'RESTORE_ACCESS_BACKUP_VAULT'
          ? 'restore access'
          : 'standard';
    const lock = v.Locked
      ? `locked ${v.MinRetentionDays ?? '?'}–${v.MaxRetentionDays ?? '?'} days`
      : undefined;
    const count = v.NumberOfRecoveryPoints ?? 0;
    const filter = this.filterText();
    return {
      label: this.name,
      description: [
        type,
        lock,
        `${count} recovery point${count === 1 ? '' : 's'}`,
        filter ? `filtered: ${filter}` : undefined,
      ]
        .filter(Boolean)
        .join(' · '),
      tooltip: [
        `${this.name} (${type} vault)`,
        v.BackupVaultArn,
        v.Locked
          ? `Vault lock: minimum ${v.MinRetentionDays ?? '—'} days, maximum ${v.MaxRetentionDays ?? '—'} days${v.LockDate ? `, locked since ${formatUtc(v.LockDate)}` : ''}`
          : 'No vault lock',
        `${count} recovery points`,
        filter ? `Filter: ${filter}` : undefined,
      ]
        .filter(Boolean)
        .join('\n'),
      icon: {
        id: v.Locked ? 'lock' : v.VaultType === 'LOGICALLY_AIR_GAPPED_BACKUP_VAULT' ? 'shield' : 'database',
      },
      contextValue: filter ? 'awsBackupPitr.vault.filtered' : 'awsBackupPitr.vault',
      collapsible: 'collapsed',
    };
  }
  override reset(): void {
    this.points = [];
    this.nextToken = undefined;
    this.loaded = false;
    this.error = undefined;
  }
  /** The first page: one request. */
  private async loadFirst(signal?: AbortSignal): Promise<void> {
    const page = await this.ctx.api.listRecoveryPointsPage(this.name, this.filter, undefined, {
      pageSize: this.ctx.pageSize,
      signal,
    });
    this.points = page.items;
    this.nextToken = page.nextToken;
    this.loaded = true;
  }
  /** The next page, appended: one request. */
  async loadMore(signal?: AbortSignal): Promise<void> {
    if (!this.nextToken) return;
    try {
      const page = await this.ctx.api.listRecoveryPointsPage(this.name, this.filter, this.nextToken, {
        pageSize: this.ctx.pageSize,
        signal,
      });
      this.points.push(...page.items);
      this.nextToken = page.nextToken;
      this.error = undefined;
    } catch (e) {
      this.error = e;
    }
    this.ctx.changed(this);
  }
  override async children(signal?: AbortSignal): Promise<ExplorerNode[]> {
    if (!this.loaded) {
      try {
        await this.loadFirst(signal);
      } catch (e) {
        return errorChildren(this, `list the recovery points of ${this.name}`, e);
      }
    }
    const now = this.ctx.now();
    // Continuous (PITR) points first, then newest first.
    const sorted = [...this.points].sort((a, b) => {
      const ca = isContinuousRecoveryPointArn(a.RecoveryPointArn) ? 0 : 1;
      const cb = isContinuousRecoveryPointArn(b.RecoveryPointArn) ? 0 : 1;
      return ca - cb || (b.CreationDate?.getTime() ?? 0) - (a.CreationDate?.getTime() ?? 0);
    });
    const out: ExplorerNode[] = sorted.map((p) => new RecoveryPointNode(this, this.ctx, p, now));
    if (out.length === 0)
      out.push(
        new MessageNode(
          `${this.id}/empty`,
          this.filterText() ? 'No recovery points match the filter' : 'No recovery points',
        ),
      );
    if (this.error) out.push(new ErrorNode(this, 'load more recovery points', this.error));
    if (this.nextToken) out.push(new LoadMoreNode(this, this.points.length));
    return out;
  }
}

export class LoadMoreNode extends ExplorerNode {
  readonly id: string;
  constructor(
    override readonly parent: VaultNode,
    private readonly shown: number,
  ) {
    super();
    this.id = `${parent.id}/more`;
  }
  view(): NodeView {
    return {
      label: 'Load more…',
      description: `${this.shown} shown (${this.shown}+)`,
      icon: { id: 'ellipsis' },
      contextValue: 'awsBackupPitr.loadMore',
      collapsible: 'none',
      command: { command: 'awsBackupPitr.explorer.loadMore', title: 'Load more', arguments: [this.parent] },
    };
  }
}

const STATUS_ICON: Record<string, Icon> = {
  STOPPED: { id: 'debug-pause', color: 'list.warningForeground' },
  EXPIRED: { id: 'error', color: 'list.errorForeground' },
  DELETING: { id: 'trash', color: 'list.errorForeground' },
  PARTIAL: { id: 'warning', color: 'list.warningForeground' },
  CREATING: { id: 'loading~spin' },
};

const TYPE_ICON: Record<string, string> = {
  S3: 'folder-library',
  RDS: 'database',
  Aurora: 'server-environment',
  EBS: 'save',
  EC2: 'vm',
  DynamoDB: 'table',
  EFS: 'files',
};

export class RecoveryPointNode extends ExplorerNode {
  readonly id: string;
  readonly window: RestorableWindow;
  constructor(
    override readonly parent: VaultNode,
    private readonly ctx: ExplorerContext,
    readonly point: RecoveryPointSummary,
    now: Date,
  ) {
    super();
    this.id = `${parent.id}/${point.RecoveryPointArn ?? '?'}`;
    this.window = windowOfRecoveryPoint(point, now);
  }
  /** The door this point was listed through (the restore flow starts from it). */
  get api(): BackupApi {
    return this.ctx.api;
  }
  get continuous(): boolean {
    return isContinuousRecoveryPointArn(this.point.RecoveryPointArn);
  }
  override arn(): string | undefined {
    return this.point.RecoveryPointArn;
  }
  override details(): unknown {
    return this.point;
  }
  view(): NodeView {
    const p = this.point;
    const name = p.ResourceName ?? p.ResourceArn?.split(/[:/]/).pop() ?? p.RecoveryPointArn ?? '?';
    const w = windowText(this.window, this.ctx.timeZone);
    const status = p.Status && p.Status !== 'COMPLETED' && p.Status !== 'AVAILABLE' ? p.Status : undefined;
    return {
      label: name,
      description: [this.continuous ? 'PITR' : undefined, p.ResourceType, status, w.label]
        .filter(Boolean)
        .join(' · '),
      tooltip: [
        `${this.continuous ? 'Continuous (point-in-time) backup' : 'Snapshot'} of ${p.ResourceArn ?? name}`,
        `Recovery point: ${p.RecoveryPointArn}`,
        `Status: ${p.Status ?? 'unknown'}${p.StatusMessage ? ` — ${p.StatusMessage}` : ''}`,
        p.CreationDate ? `Created ${formatUtc(p.CreationDate)}` : undefined,
        p.BackupSizeInBytes !== undefined ? `Size ${formatBytes(p.BackupSizeInBytes)}` : undefined,
        w.tooltip,
      ]
        .filter(Boolean)
        .join('\n'),
      icon: (p.Status ? STATUS_ICON[p.Status] : undefined) ?? {
        id: this.continuous ? 'history' : (TYPE_ICON[p.ResourceType ?? ''] ?? 'package'),
        ...(this.continuous ? { color: 'charts.green' } : {}),
      },
      contextValue: this.continuous
        ? 'awsBackupPitr.recoveryPoint.continuous'
        : 'awsBackupPitr.recoveryPoint',
      collapsible: 'none',
    };
  }
}
export class PlanNode extends ExplorerNode {
  readonly id: string;
  private plan?: { BackupPlanArn?: string; BackupPlan?: { Rules?: RuleSummary[] } } & Record<string, unknown>;
  constructor(
    override readonly parent: ExplorerNode,
    private readonly ctx: ExplorerContext,
    readonly planId: string,
    readonly name: string,
    private readonly lastRun?: Date,
  ) {
    super();
    this.id = `${parent.id}/${planId}`;
  }
  view(): NodeView {
    return {
      label: this.name,
      description: this.lastRun ? `last run ${formatLocal(this.lastRun, this.ctx.timeZone)}` : undefined,
      tooltip: `Backup plan ${this.name} (${this.planId})`,
      icon: { id: 'checklist' },
      contextValue: 'awsBackupPitr.plan',
      collapsible: 'collapsed',
    };
  }
  override arn(): string | undefined {
    return this.plan?.BackupPlanArn;
  }
  override details(): unknown {
    return this.plan;
  }
  override reset(): void {
    this.plan = undefined;
  }
  /** The plan as get-backup-plan returns it. */
  async load(signal?: AbortSignal): Promise<NonNullable<PlanNode['plan']>> {
    if (!this.plan) {
      const { $metadata: _m, ...rest } = await this.ctx.api.getBackupPlan(this.planId, { signal });
      void _m;
      this.plan = rest;
    }
    return this.plan;
  }
  override async children(signal?: AbortSignal): Promise<ExplorerNode[]> {
    try {
      const plan = await this.load(signal);
      return (plan.BackupPlan?.Rules ?? []).map((r) => new RuleNode(this, r));
    } catch (e) {
      return errorChildren(this, `read backup plan ${this.name}`, e);
    }
  }
}

export class RuleNode extends ExplorerNode {
  readonly id: string;
  constructor(
    override readonly parent: PlanNode,
    readonly rule: RuleSummary,
  ) {
    super();
    this.id = `${parent.id}/${rule.RuleName ?? '?'}`;
  }
  view(): NodeView {
    const r = this.rule;
    const days = r.Lifecycle?.DeleteAfterDays;
    return {
      label: r.RuleName ?? '?',
      description: [
        r.EnableContinuousBackup ? 'continuous (PITR)' : 'snapshots',
        r.ScheduleExpression,
        days !== undefined ? `keep ${days} days` : 'keep forever',
        `→ ${r.TargetBackupVaultName ?? '?'}`,
        r.CopyActions?.length
          ? `${r.CopyActions.length} cop${r.CopyActions.length === 1 ? 'y' : 'ies'}`
          : undefined,
      ]
        .filter(Boolean)
        .join(' · '),
      icon: r.EnableContinuousBackup ? { id: 'history', color: 'charts.green' } : { id: 'clock' },
      contextValue: r.EnableContinuousBackup ? 'awsBackupPitr.rule.continuous' : 'awsBackupPitr.rule',
      collapsible: 'none',
    };
  }
  override details(): unknown {
    return this.rule;
  }
}

const JOB_ICON: Record<string, Icon> = {
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
export class ResourceNode extends ExplorerNode {
  readonly id: string;
  private cache?: ExplorerNode[];
  constructor(
    override readonly parent: ExplorerNode,
    private readonly ctx: ExplorerContext,
    readonly resource: {
      ResourceArn?: string;
      ResourceType?: string;
      ResourceName?: string;
      LastBackupTime?: Date;
    },
  ) {
    super();
    this.id = `${parent.id}/${resource.ResourceArn ?? '?'}`;
  }
  override arn(): string | undefined {
    return this.resource.ResourceArn;
  }
  override details(): unknown {
    return this.resource;
  }
  view(): NodeView {
    const r = this.resource;
    return {
      label: r.ResourceName ?? r.ResourceArn?.split(/[:/]/).pop() ?? '?',
      description: [
        r.ResourceType,
        r.LastBackupTime ? `last backup ${formatLocal(r.LastBackupTime, this.ctx.timeZone)}` : undefined,
      ]
        .filter(Boolean)
        .join(' · '),
      tooltip: r.ResourceArn,
      icon: { id: TYPE_ICON[r.ResourceType ?? ''] ?? 'package' },
      contextValue: 'awsBackupPitr.resource',
      collapsible: 'collapsed',
    };
  }
  override reset(): void {
    this.cache = undefined;
  }
  override async children(signal?: AbortSignal): Promise<ExplorerNode[]> {
    if (this.cache) return this.cache;
    const arn = this.resource.ResourceArn;
    if (!arn) return [];
    try {
      const points: RecoveryPointSummary[] = [];
      for await (const page of this.ctx.api.listRecoveryPointsByResource(arn, { signal }))
        for (const p of page.items) {
          let lifecycle: RecoveryPointSummary['Lifecycle'];
          let completion: Date | undefined;
          if (isContinuousRecoveryPointArn(p.RecoveryPointArn) && p.BackupVaultName && p.RecoveryPointArn) {
            // The listing by resource has no lifecycle; the window needs the point's retention.
            const d = await this.ctx.api.describeRecoveryPoint(p.BackupVaultName, p.RecoveryPointArn, {
              signal,
            });
            lifecycle = d.Lifecycle;
            completion = d.CompletionDate;
          }
          points.push({
            RecoveryPointArn: p.RecoveryPointArn,
            ResourceArn: arn,
            ResourceType: this.resource.ResourceType,
            ResourceName: p.BackupVaultName,
            Status: p.Status,
            StatusMessage: p.StatusMessage,
            CreationDate: p.CreationDate,
            CompletionDate: completion,
            BackupSizeInBytes: p.BackupSizeBytes,
            Lifecycle: lifecycle,
            BackupVaultName: p.BackupVaultName,
          });
        }
      const now = this.ctx.now();
      const vaultless = new VaultNode(this, this.ctx, { BackupVaultName: '' });
      points.sort(
        (a, b) =>
          (isContinuousRecoveryPointArn(a.RecoveryPointArn) ? 0 : 1) -
            (isContinuousRecoveryPointArn(b.RecoveryPointArn) ? 0 : 1) ||
          (b.CreationDate?.getTime() ?? 0) - (a.CreationDate?.getTime() ?? 0),
      );
      this.cache = points.length
        ? points.map((p) => new RecoveryPointNode(vaultless, this.ctx, p, now))
        : [new MessageNode(`${this.id}/none`, 'No recovery points')];
      for (const c of this.cache) c.parent = this;
    } catch (e) {
      return errorChildren(this, 'list its recovery points', e);
    }
    return this.cache;
  }
}
