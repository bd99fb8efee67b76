/**
 * Protected resources and their recovery points, across vaults.
 */
import { formatLocal } from '../../backup/format';
import { isContinuousRecoveryPointArn } from '../../backup/recoveryPoint';
import { type NodeView, type ExplorerContext, ExplorerNode, MessageNode, errorChildren } from './base';
import { RecoveryPointSummary, VaultNode, RecoveryPointNode, typeIcon } from './vault';

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
      icon: { id: typeIcon(r.ResourceType) },
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
