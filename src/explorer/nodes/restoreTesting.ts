/**
 * Restore testing under a connection: its plans → each plan's selections, and the restore jobs it
 * started in the last 30 days with their status, validation status, duration and deletion status
 * (https://docs.aws.amazon.com/aws-backup/latest/devguide/restore-testing.html).
 */
import type {
  RestoreJobsListMember,
  RestoreTestingPlanForList,
  RestoreTestingSelectionForList,
} from '@aws-sdk/client-backup';
import { formatLocal } from '../../backup/format';
import { RestoreTestingApi } from '../../aws/restoreTestingApi';
import { type NodeView, type ExplorerContext, ExplorerNode, ListGroupNode } from './base';
import { JOB_ICON } from './jobs';

const DAY = 86_400_000;
/** Days of a plan's jobs listed. */
const JOB_DAYS = 30;

/** "4 h 58 min", "36 min", "40 s". */
function duration(ms: number): string {
  const m = Math.round(ms / 60_000);
  if (m < 1) return `${Math.round(ms / 1000)} s`;
  const h = Math.floor(m / 60);
  return h ? `${h} h${m % 60 ? ` ${m % 60} min` : ''}` : `${m} min`;
}

export function restoreTestingGroup(parent: ExplorerNode, ctx: ExplorerContext): ExplorerNode {
  const api = new RestoreTestingApi(ctx.api);
  return new ListGroupNode(parent, {
    id: 'restore-testing',
    view: { label: 'Restore testing', icon: { id: 'beaker' }, contextValue: 'awsBackupPitr.restoreTesting' },
    what: 'list restore testing plans',
    empty: 'No restore testing plans',
    list: (signal) => api.listPlans({ signal }),
    make: (g, p) => new RestoreTestingPlanNode(g, ctx, api, p),
  });
}

export class RestoreTestingPlanNode extends ExplorerNode {
  readonly id: string;
  private readonly kids: ExplorerNode[];
  constructor(
    override readonly parent: ExplorerNode,
    private readonly ctx: ExplorerContext,
    api: RestoreTestingApi,
    readonly plan: RestoreTestingPlanForList,
  ) {
    super();
    const name = plan.RestoreTestingPlanName ?? '?';
    this.id = `${parent.id}/${name}`;
    this.kids = [
      new ListGroupNode<RestoreTestingSelectionForList>(this, {
        id: 'selections',
        view: {
          label: 'Selections',
          icon: { id: 'list-selection' },
          contextValue: 'awsBackupPitr.restoreTestingSelections',
        },
        what: `list the selections of ${name}`,
        empty: 'No selections: the plan restores nothing',
        list: (signal) => api.listSelections(name, { signal }),
        make: (g, s) => new RestoreTestingSelectionNode(g, s),
      }),
      new ListGroupNode<RestoreJobsListMember>(this, {
        id: 'jobs',
        view: {
          label: 'Restore jobs',
          description: `last ${JOB_DAYS} days`,
          icon: { id: 'history' },
          contextValue: 'awsBackupPitr.restoreTestingJobs',
        },
        what: `list the restore jobs of ${name}`,
        empty: `No restore jobs in the last ${JOB_DAYS} days`,
        list: (signal) =>
          api.listPlanJobs(plan.RestoreTestingPlanArn ?? '', new Date(ctx.now().getTime() - JOB_DAYS * DAY), {
            signal,
          }),
        make: (g, j) => new RestoreTestingJobNode(g, ctx, j),
      }),
    ];
  }
  override arn(): string | undefined {
    return this.plan.RestoreTestingPlanArn;
  }
  override details(): unknown {
    return this.plan;
  }
  view(): NodeView {
    const p = this.plan;
    return {
      label: p.RestoreTestingPlanName ?? '?',
      description: [
        p.ScheduleExpression,
        p.LastExecutionTime ? `last run ${formatLocal(p.LastExecutionTime, this.ctx.timeZone)}` : 'never run',
      ]
        .filter(Boolean)
        .join(' · '),
      tooltip: `${p.RestoreTestingPlanArn ?? ''}\nSchedule: ${p.ScheduleExpression ?? '?'}${p.ScheduleExpressionTimezone ? ` (${p.ScheduleExpressionTimezone})` : ''}\nStart window: ${p.StartWindowHours ?? 24} h`,
      icon: { id: 'beaker' },
      contextValue: 'awsBackupPitr.restoreTestingPlan',
      collapsible: 'collapsed',
    };
  }
  override children(): Promise<ExplorerNode[]> {
    return Promise.resolve(this.kids);
  }
  override reset(): void {
    for (const k of this.kids) k.reset();
  }
}

class RestoreTestingSelectionNode extends ExplorerNode {
  readonly id: string;
  constructor(
    override readonly parent: ExplorerNode,
    readonly selection: RestoreTestingSelectionForList,
  ) {
    super();
    this.id = `${parent.id}/${selection.RestoreTestingSelectionName ?? '?'}`;
  }
  override details(): unknown {
    return this.selection;
  }
  view(): NodeView {
    const s = this.selection;
    return {
      label: s.RestoreTestingSelectionName ?? '?',
      description: `${s.ProtectedResourceType ?? '?'} · validation window ${s.ValidationWindowHours ?? 0} h`,
      tooltip: `Restores as ${s.IamRoleArn ?? '?'}`,
      icon: { id: 'filter' },
      contextValue: 'awsBackupPitr.restoreTestingSelection',
      collapsible: 'none',
    };
  }
}

export class RestoreTestingJobNode extends ExplorerNode {
  readonly id: string;
  constructor(
    override readonly parent: ExplorerNode,
    private readonly ctx: ExplorerContext,
    readonly job: RestoreJobsListMember,
  ) {
    super();
    this.id = `${parent.id}/${job.RestoreJobId ?? '?'}`;
  }
  override details(): unknown {
    return this.job;
  }
  view(): NodeView {
    const j = this.job;
    const resource = j.SourceResourceArn?.split(/[:/]/).pop() ?? '?';
    const took =
      j.Status === 'COMPLETED' && j.CreationDate && j.CompletionDate && j.CompletionDate >= j.CreationDate
        ? duration(j.CompletionDate.getTime() - j.CreationDate.getTime())
        : undefined;
    return {
      label: `${resource} ${j.CreationDate ? formatLocal(j.CreationDate, this.ctx.timeZone) : ''}`.trim(),
      description: [
        j.Status,
        took,
        j.ValidationStatus ? `validation ${j.ValidationStatus}` : undefined,
        j.DeletionStatus ? `deletion ${j.DeletionStatus}` : undefined,
      ]
        .filter(Boolean)
        .join(' · '),
      tooltip: [
        `Restore job ${j.RestoreJobId ?? '?'} of ${j.SourceResourceArn ?? '?'}`,
        `Status: ${j.Status ?? '?'}${j.StatusMessage ? ` — ${j.StatusMessage}` : ''}`,
        j.ValidationStatusMessage ? `Validation: ${j.ValidationStatusMessage}` : undefined,
        j.DeletionStatusMessage ? `Deletion: ${j.DeletionStatusMessage}` : undefined,
      ]
        .filter(Boolean)
        .join('\n'),
      icon: JOB_ICON[j.Status ?? ''] ?? { id: 'circle-outline' },
      contextValue: 'awsBackupPitr.restoreTestingJob',
      collapsible: 'none',
    };
  }
}
