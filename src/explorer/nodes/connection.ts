/**
 * The explorer's root: a connection (account and Region) and its groups.
 */
import { connectionLabel, describeConnection } from '../../aws/connection';
import { type NodeView, type ExplorerContext, ExplorerNode, ListGroupNode } from './base';
import { VaultNode } from './vault';
import { PlanNode } from './plan';
import { RestoreJobsNode, OtherJobsNode } from './jobs';
import { ResourceNode } from './resource';

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
