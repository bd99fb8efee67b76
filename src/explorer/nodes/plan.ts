/**
 * Backup plans and their rules.
 */
import { formatLocal } from '../../backup/format';
import { type NodeView, type ExplorerContext, ExplorerNode, errorChildren } from './base';

export interface RuleSummary {
  RuleName?: string;
  TargetBackupVaultName?: string;
  ScheduleExpression?: string;
  EnableContinuousBackup?: boolean;
  Lifecycle?: { DeleteAfterDays?: number; MoveToColdStorageAfterDays?: number };
  CopyActions?: unknown[];
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
