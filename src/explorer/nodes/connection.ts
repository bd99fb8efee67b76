/**
 * The explorer's root: a connection (account and Region) and its groups.
 */
import { messageOf } from '../../aws/awsText';
import { connectionLabel, describeConnection } from '../../aws/connection';
import { PlanApi } from '../../aws/planApi';
import { type NodeView, type ExplorerContext, ExplorerNode, ListGroupNode } from './base';
import { VaultNode } from './vault';
import { PlanNode } from './plan';
import { RestoreJobsNode, OtherJobsNode } from './jobs';
import { ResourceNode } from './resource';
import { restoreTestingGroup } from './restoreTesting';

export class ConnectionNode extends ExplorerNode {
  readonly id: string;
  private readonly groups: ExplorerNode[];
  readonly restoreJobs: RestoreJobsNode;
  readonly plans: ExplorerNode;
  /** The Region's service opt-in (DescribeRegionSettings), read when the node is first expanded. */
  private optIn?: { types: Record<string, boolean> } | { error: string };
  private readingOptIn = false;
  constructor(readonly ctx: ExplorerContext) {
    super();
    this.id = `conn:${describeConnection(ctx.api.connection)}`;
    this.restoreJobs = new RestoreJobsNode(this, ctx);
    this.plans = new ListGroupNode(this, {
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
    });
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
      this.plans,
      this.restoreJobs,
      new OtherJobsNode(this, ctx, 'backup'),
      new OtherJobsNode(this, ctx, 'copy'),
      restoreTestingGroup(this, ctx),
    ];
  }
  view(): NodeView {
    const c = this.ctx.api.connection;
    return {
      label: connectionLabel(c),
      description: c.sample
        ? `${c.region} · a sample, not AWS`
        : `${c.region}${c.endpoint ? ` · ${c.endpoint}` : ''}`,
      tooltip: `Connected: ${describeConnection(c)}\n${this.optInText()}`,
      icon: { id: c.sample ? 'beaker' : 'cloud' },
      contextValue: 'awsBackupPitr.connection',
      collapsible: 'expanded',
    };
  }
  /** Which resource types AWS Backup protects in this Region (LIVE005 says where it matters). */
  optInText(): string {
    const o = this.optIn;
    if (!o) return 'Service opt-in: expand to read it.';
    if ('error' in o) return `Service opt-in: could not read it (${o.error}).`;
    const on = Object.keys(o.types)
      .filter((t) => o.types[t])
      .sort();
    const off = Object.keys(o.types)
      .filter((t) => !o.types[t])
      .sort();
    return [
      `Opted in for AWS Backup here: ${on.join(', ') || 'none'}.`,
      off.length
        ? `Not opted in: ${off.join(', ')} ("AWS Backup: Opt In a Resource Type in This Region…").`
        : 'Every resource type is opted in.',
    ].join('\n');
  }
  override reset(): void {
    this.optIn = undefined;
  }
  override children(): Promise<ExplorerNode[]> {
    if (!this.optIn && !this.readingOptIn) {
      this.readingOptIn = true;
      new PlanApi(this.ctx.api)
        .describeRegionSettings()
        .then(
          (types) => (this.optIn = { types }),
          (e: unknown) => (this.optIn = { error: messageOf(e) }),
        )
        .finally(() => {
          this.readingOptIn = false;
          this.ctx.changed(this);
        })
        .catch(() => undefined);
    }
    return Promise.resolve(this.groups);
  }
}
