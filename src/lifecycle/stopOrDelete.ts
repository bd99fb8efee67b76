/**
 * Stop Continuous Backup… and Delete Recovery Point…, without `vscode`: gather what decides the
 * consequences (the point, its vault's lock, the plans that still select its resource with a
 * continuous rule, its copies elsewhere), refuse before sending when the lock forbids it, ask
 * (a modal; for a permanent deletion the resource name typed), and only then send one request.
 * Escape, a closed dialog or a wrong name send nothing.
 */
import type { BackupApi } from '../aws/backupApi';
import { messageOf } from '../aws/awsText';
import type { LifecycleApi } from '../aws/lifecycleApi';
import { isContinuousRecoveryPointArn } from '../backup/recoveryPoint';
import {
  checkTypedName,
  consequencesOf,
  patternSelects,
  type Consequences,
  type KnownCopy,
  type LifecycleAction,
  type LockFacts,
  type PlanCoverage,
  type PointFacts,
} from './consequences';

/** What the flow reads and sends (an AWS connection in the product, the emulator in tests). */
export interface LifecycleDoor {
  point(vault: string, arn: string): Promise<PointFacts>;
  lock(vault: string): Promise<LockFacts>;
  plansSelecting(resourceArn: string): Promise<PlanCoverage[]>;
  copiesOf(point: PointFacts): Promise<KnownCopy[]>;
  send(action: LifecycleAction, vault: string, arn: string): Promise<void>;
}

/** How the flow asks: a modal, and a box to type the name in. */
export interface LifecycleUi {
  /** The modal: the confirm button, "Open Backup Plan", or undefined (Escape, closed). */
  confirm(c: Consequences): Promise<'confirm' | 'open-plan' | undefined>;
  /** The type-the-name box; `check` says what is wrong with a text (undefined: it matches). */
  typeName(name: string, check: (text: string) => string | undefined): Promise<string | undefined>;
}

export type Outcome =
  | { kind: 'refused'; consequences: Consequences }
  | { kind: 'cancelled'; consequences: Consequences }
  | { kind: 'open-plan'; consequences: Consequences; plan: PlanCoverage }
  | { kind: 'sent'; consequences: Consequences }
  | { kind: 'failed'; consequences: Consequences; message: string };

export async function runStopOrDelete(
  action: LifecycleAction,
  target: { vaultName: string; recoveryPointArn: string; where?: string },
  door: LifecycleDoor,
  ui: LifecycleUi,
  now: Date,
): Promise<Outcome> {
  const point = await door.point(target.vaultName, target.recoveryPointArn);
  const continuous = isContinuousRecoveryPointArn(point.recoveryPointArn);
  const [lock, coverage, copies] = await Promise.all([
    door.lock(point.vaultName),
    continuous && point.resourceArn ? door.plansSelecting(point.resourceArn) : Promise.resolve([]),
    action === 'delete' ? door.copiesOf(point) : Promise.resolve([]),
  ]);
  const consequences = consequencesOf(action, point, lock, coverage, copies, now, target.where);
  if (consequences.refusal) return { kind: 'refused', consequences };
  const answer = await ui.confirm(consequences);
  if (answer === 'open-plan' && consequences.openPlan)
    return { kind: 'open-plan', consequences, plan: consequences.openPlan };
  if (answer !== 'confirm') return { kind: 'cancelled', consequences };
  const name = consequences.typedName;
  if (name !== undefined) {
    const typed = await ui.typeName(name, (text) => checkTypedName(name, text));
    // Checked again here: the box's own check only advises.
    if (typed === undefined || checkTypedName(name, typed) !== undefined)
      return { kind: 'cancelled', consequences };
  }
  try {
    await door.send(action, point.vaultName, point.recoveryPointArn);
  } catch (e) {
    return { kind: 'failed', consequences, message: messageOf(e) };
  }
  return { kind: 'sent', consequences };
}

/** Every item of a paged listing. */
async function all<T>(pages: AsyncIterable<{ items: T[] }>): Promise<T[]> {
  const out: T[] = [];
  for await (const p of pages) for (const item of p.items) out.push(item);
  return out;
}

/**
 * The door over a connection: reads through the explorer's BackupApi, sends through LifecycleApi.
 * The plans are read whole (list, get, selections): a person deletes one point at a time, and an
 * account has few plans. Selections by tag or condition are not matched: only ARNs are.
 */
export function connectionDoor(api: BackupApi, lifecycle: LifecycleApi): LifecycleDoor {
  return {
    async point(vault, arn) {
      const d = await api.describeRecoveryPoint(vault, arn);
      return {
        recoveryPointArn: d.RecoveryPointArn ?? arn,
        vaultName: d.BackupVaultName ?? vault,
        resourceArn: d.ResourceArn,
        resourceType: d.ResourceType,
        resourceName: d.ResourceName,
        status: d.Status,
        creationDate: d.CreationDate,
        deleteAt: d.CalculatedLifecycle?.DeleteAt,
        retentionDays: d.Lifecycle?.DeleteAfterDays,
      };
    },
    async lock(vault) {
      const v = await api.describeBackupVault(vault);
      return {
        locked: v.Locked ?? false,
        minRetentionDays: v.MinRetentionDays,
        maxRetentionDays: v.MaxRetentionDays,
        lockDate: v.LockDate,
      };
    },
    async plansSelecting(resourceArn) {
      const out: PlanCoverage[] = [];
      for (const listed of await all(api.listBackupPlans())) {
        if (!listed.BackupPlanId || listed.DeletionDate) continue;
        const plan = await api.getBackupPlan(listed.BackupPlanId);
        const rule = plan.BackupPlan?.Rules?.find((r) => r.EnableContinuousBackup);
        if (!rule) continue;
        for (const s of await all(api.listBackupSelections(listed.BackupPlanId))) {
          if (!s.SelectionId) continue;
          const sel = (await api.getBackupSelection(listed.BackupPlanId, s.SelectionId)).BackupSelection;
          const selects = (sel?.Resources ?? []).some((r) => patternSelects(r, resourceArn));
          const excluded = (sel?.NotResources ?? []).some((r) => patternSelects(r, resourceArn));
          if (selects && !excluded) {
            out.push({
              planId: listed.BackupPlanId,
              planName: plan.BackupPlan?.BackupPlanName ?? listed.BackupPlanName ?? listed.BackupPlanId,
              ruleName: rule.RuleName ?? '?',
              selectionName: sel?.SelectionName ?? s.SelectionName ?? s.SelectionId,
            });
            break;
          }
        }
      }
      return out;
    },
    async copiesOf(point) {
      if (!point.resourceArn) return [];
      const [jobs, points, vaults] = await Promise.all([
        all(api.listCopyJobs({ ByResourceArn: point.resourceArn })),
        all(api.listRecoveryPointsByResource(point.resourceArn)),
        all(api.listBackupVaults()),
      ]);
      const airGapped = new Set(
        vaults
          .filter((v) => v.VaultType === 'LOGICALLY_AIR_GAPPED_BACKUP_VAULT')
          .map((v) => v.BackupVaultName),
      );
      const fromHere = new Set(
        jobs
          .filter((j) => j.SourceRecoveryPointArn === point.recoveryPointArn && j.DestinationRecoveryPointArn)
          .map((j) => j.DestinationRecoveryPointArn),
      );
      return points
        .filter((p) => p.RecoveryPointArn && p.BackupVaultName && p.BackupVaultName !== point.vaultName)
        .filter((p) => p.Status !== 'DELETING')
        .map((p) => ({
          vaultName: p.BackupVaultName!,
          airGapped: p.VaultType === 'LOGICALLY_AIR_GAPPED_BACKUP_VAULT' || airGapped.has(p.BackupVaultName),
          recoveryPointArn: p.RecoveryPointArn!,
          fromThisPoint: fromHere.has(p.RecoveryPointArn),
        }));
    },
    send(action, vault, arn) {
      return action === 'stop'
        ? lifecycle.disassociateRecoveryPoint(vault, arn)
        : lifecycle.deleteRecoveryPoint(vault, arn);
    },
  };
}
