/**
 * Backup vaults and their recovery points (with each point's restorable window, and "load more").
 */
import { vaultTypeWords } from '../../backup/vaultTypes';
import type { BackupApi, RecoveryPointFilters } from '../../aws/backupApi';
import { formatBytes, formatUtc, windowText } from '../../backup/format';
import { isContinuousRecoveryPointArn } from '../../backup/recoveryPoint';
import { resourceType } from '../../backup/resourceTypes';
import { windowOfRecoveryPoint, type RestorableWindow } from '../../backup/restorableWindow';
import {
  type Icon,
  type NodeView,
  type ExplorerContext,
  ExplorerNode,
  ErrorNode,
  MessageNode,
  errorChildren,
} from './base';

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

export class VaultNode extends ExplorerNode {
  readonly id: string;
  private points: RecoveryPointSummary[] = [];
  private nextToken: string | undefined;
  private loaded = false;
  private error: unknown;
  /** The count DescribeBackupVault gave on the last refresh, over the listing's (see reset). */
  private count: number | undefined;
  private recount = false;
  /** Bumped by every reset: a count read for an older refresh is dropped. */
  private generation = 0;
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
    const type = vaultTypeWords(v.VaultType);
    const lock = v.Locked
      ? `locked ${v.MinRetentionDays ?? '?'}–${v.MaxRetentionDays ?? '?'} days`
      : undefined;
    const count = this.count ?? v.NumberOfRecoveryPoints ?? 0;
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
    this.generation++;
    // A refresh (the button, or after a stop or delete) reads the vault's count again too: the
    // listing of vaults that gave it is older than the points about to be listed.
    this.recount = true;
  }
  /** The vault's count of recovery points now (DescribeBackupVault): true when it moved. */
  private async readCount(signal?: AbortSignal): Promise<boolean> {
    this.recount = false;
    const asked = this.generation;
    const v = await this.ctx.api.describeBackupVault(this.name, { signal }).catch(() => undefined);
    const n = v?.NumberOfRecoveryPoints;
    if (asked !== this.generation) return false; // a newer refresh reads its own
    if (n === undefined || n === (this.count ?? this.vault.NumberOfRecoveryPoints)) return false;
    this.count = n;
    return true;
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
      for (const p of page.items) this.points.push(p);
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
        const [, moved] = await Promise.all([
          this.loadFirst(signal),
          this.recount ? this.readCount(signal) : false,
        ]);
        // The label is redrawn once the points are in (so the redraw lists nothing again).
        if (moved) this.ctx.changed(this);
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

/** The codicon of a resource type's recovery points, from the record per type ('package' when none). */
export function typeIcon(type: string | undefined): string {
  return resourceType(type)?.icon ?? 'package';
}

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
        id: this.continuous ? 'history' : typeIcon(p.ResourceType),
        ...(this.continuous ? { color: 'charts.green' } : {}),
      },
      // A STOPPED or DELETING point says so, for the stop and delete menus.
      contextValue: `${this.continuous ? 'awsBackupPitr.recoveryPoint.continuous' : 'awsBackupPitr.recoveryPoint'}${p.Status === 'STOPPED' ? '.stopped' : p.Status === 'DELETING' ? '.deleting' : ''}`,
      collapsible: 'none',
    };
  }
}
