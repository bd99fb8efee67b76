/**
 * Backup plans: their rules, and their resource assignments (selections).
 */
import type { BackupApi } from '../../aws/backupApi';
import { formatLocal } from '../../backup/format';
import { type NodeView, type ExplorerContext, ExplorerNode, ListGroupNode, errorChildren } from './base';

export interface RuleSummary {
  RuleName?: string;
  TargetBackupVaultName?: string;
  ScheduleExpression?: string;
  EnableContinuousBackup?: boolean;
  Lifecycle?: { DeleteAfterDays?: number; MoveToColdStorageAfterDays?: number };
  CopyActions?: unknown[];
}

type SelectionSummary = { SelectionId?: string; SelectionName?: string; IamRoleArn?: string };

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
    this.selections = new ListGroupNode(this, {
      id: '#selections',
      view: {
        label: 'Resource assignments',
        icon: { id: 'target' },
        contextValue: 'awsBackupPitr.selections',
        tooltip: 'The backup selections that assign resources to this plan (ListBackupSelections)',
      },
      what: 'list the resource assignments',
      empty: 'No resources assigned: "Assign resources" on a backup-selection file',
      list: (signal) => this.ctx.api.listBackupSelections(this.planId, { signal }),
      make: (g, sel) => new SelectionNode(g, this, sel),
    });
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
  /** The door the plan was read through ("Edit Backup Plan" updates it there). */
  get api(): BackupApi {
    return this.ctx.api;
  }
  override arn(): string | undefined {
    return this.plan?.BackupPlanArn;
  }
  override details(): unknown {
    return this.plan;
  }
  override reset(): void {
    this.plan = undefined;
    this.selections.reset();
  }
  /** The plan's resource assignments, listed when expanded. */
  readonly selections: ListGroupNode<SelectionSummary>;
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
      const rules: ExplorerNode[] = (plan.BackupPlan?.Rules ?? []).map((r) => new RuleNode(this, r));
      return [...rules, this.selections];
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

export class SelectionNode extends ExplorerNode {
  readonly id: string;
  constructor(
    override readonly parent: ExplorerNode,
    private readonly plan: PlanNode,
    readonly selection: SelectionSummary,
  ) {
    super();
    this.id = `${parent.id}/${selection.SelectionId ?? '?'}`;
  }
  view(): NodeView {
    const s = this.selection;
    return {
      label: s.SelectionName ?? s.SelectionId ?? '?',
      description: s.IamRoleArn ? `as ${s.IamRoleArn.split('/').pop() ?? ''}` : undefined,
      tooltip: `Backup selection ${s.SelectionName ?? ''} (${s.SelectionId ?? '?'}) of plan ${this.plan.name}${s.IamRoleArn ? `\nRole: ${s.IamRoleArn}` : ''}`,
      icon: { id: 'symbol-array' },
      contextValue: 'awsBackupPitr.selection',
      collapsible: 'none',
    };
  }
  override details(): unknown {
    return this.selection;
  }
}
