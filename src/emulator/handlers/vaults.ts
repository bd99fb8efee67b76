/**
 * The emulator's vaults, recovery points and protected resources. Behaviour follows AWS's documentation and the service model; where no service message is recorded
 * (marked "emulator's wording"), the text is ours.
 */
import { alreadyExists, invalidRequest, notFound } from '../errors';
import type { RecoveryPoint } from '../state';
import {
  DAY,
  type Handler,
  countPoints,
  inRange,
  isContinuous,
  page,
  pointInVault,
  pointOut,
  vaultOrDeny,
} from './common';

export const VAULT_HANDLERS: Record<string, Handler> = {
  ListBackupVaults(input, ctx) {
    const vaults = [...ctx.state.vaults.values()]
      .filter((v) => input.ByVaultType === undefined || v.VaultType === input.ByVaultType)
      .map((v) => ({ ...v, NumberOfRecoveryPoints: countPoints(ctx, v.BackupVaultName) }));
    return page(vaults, input, `vaults:${String(input.ByVaultType)}`, 'BackupVaultList');
  },
  DescribeBackupVault(input, ctx) {
    const v = vaultOrDeny(ctx, input.BackupVaultName);
    return { ...v, NumberOfRecoveryPoints: countPoints(ctx, v.BackupVaultName) };
  },
  CreateBackupVault(input, ctx) {
    const name = String(input.BackupVaultName);
    if (ctx.state.vaults.has(name)) throw alreadyExists(`Backup vault with the same name already exists`);
    const v = {
      BackupVaultName: name,
      BackupVaultArn: ctx.state.vaultArn(name),
      VaultType: 'BACKUP_VAULT' as const,
      VaultState: 'AVAILABLE' as const,
      CreationDate: ctx.now,
      Locked: false,
      EncryptionKeyArn: input.EncryptionKeyArn as string | undefined,
      CreatorRequestId: input.CreatorRequestId as string | undefined,
    };
    ctx.state.vaults.set(name, v);
    return { BackupVaultName: name, BackupVaultArn: v.BackupVaultArn, CreationDate: v.CreationDate };
  },
  ListRecoveryPointsByBackupVault(input, ctx) {
    const v = vaultOrDeny(ctx, input.BackupVaultName);
    const points = [...ctx.state.recoveryPoints.values()].filter(
      (p) =>
        p.BackupVaultName === v.BackupVaultName &&
        (input.ByResourceArn === undefined || p.ResourceArn === input.ByResourceArn) &&
        (input.ByResourceType === undefined || p.ResourceType === input.ByResourceType) &&
        (input.ByBackupPlanId === undefined || p.CreatedBy?.BackupPlanId === input.ByBackupPlanId) &&
        inRange(p.CreationDate, input.ByCreatedAfter, input.ByCreatedBefore),
    );
    const key = `rp:${v.BackupVaultName}:${String(input.ByResourceArn)}:${String(input.ByResourceType)}:${String(input.ByBackupPlanId)}`;
    return page(points, input, key, 'RecoveryPoints', pointOut);
  },
  ListRecoveryPointsByResource(input, ctx) {
    const points = [...ctx.state.recoveryPoints.values()]
      .filter((p) => p.ResourceArn === input.ResourceArn)
      .map((p) => ({
        RecoveryPointArn: p.RecoveryPointArn,
        CreationDate: p.CreationDate,
        Status: p.Status,
        StatusMessage: p.StatusMessage,
        EncryptionKeyArn: p.EncryptionKeyArn,
        BackupSizeBytes: p.BackupSizeInBytes,
        BackupVaultName: p.BackupVaultName,
        IsParent: p.IsParent,
        ResourceName: p.ResourceName,
        VaultType: p.VaultType,
      }));
    return page(points, input, `rpr:${String(input.ResourceArn)}`, 'RecoveryPoints');
  },
  DescribeRecoveryPoint(input, ctx) {
    return pointOut(pointInVault(ctx, input.BackupVaultName, input.RecoveryPointArn));
  },
  GetRecoveryPointRestoreMetadata(input, ctx) {
    const p = pointInVault(ctx, input.BackupVaultName, input.RecoveryPointArn);
    return {
      BackupVaultArn: p.BackupVaultArn,
      RecoveryPointArn: p.RecoveryPointArn,
      RestoreMetadata: p.restoreMetadata,
      ResourceType: p.ResourceType,
    };
  },
  DeleteRecoveryPoint(input, ctx) {
    const p = pointInVault(ctx, input.BackupVaultName, input.RecoveryPointArn);
    const v = ctx.state.vaults.get(p.BackupVaultName)!;
    if (
      v.Locked &&
      v.MinRetentionDays !== undefined &&
      ctx.now.getTime() - p.CreationDate.getTime() < v.MinRetentionDays * DAY
    )
      throw invalidRequest(
        `Recovery point ${p.RecoveryPointArn} cannot be deleted: vault ${v.BackupVaultName} is locked with a minimum retention of ${v.MinRetentionDays} days.`,
      ); // emulator's wording
    // A continuous point: "deletes the existing continuous backup and stops future continuous backup" ([BC]).
    ctx.state.recoveryPoints.delete(p.RecoveryPointArn);
    return undefined;
  },
  DisassociateRecoveryPoint(input, ctx) {
    const p = pointInVault(ctx, input.BackupVaultName, input.RecoveryPointArn);
    if (!isContinuous(p)) throw invalidRequest('Only continuous backups can be disassociated.'); // emulator's wording
    if (ctx.state.vaults.get(p.BackupVaultName)!.Locked)
      throw invalidRequest(
        'Recovery points in a locked vault cannot be disassociated; wait for the recovery point to expire.',
      ); // emulator's wording
    // Control passes back to the source service: the point leaves AWS Backup.
    ctx.state.recoveryPoints.delete(p.RecoveryPointArn);
    return undefined;
  },
  ListProtectedResources(input, ctx) {
    const latest = new Map<string, RecoveryPoint>();
    for (const p of ctx.state.recoveryPoints.values()) {
      const cur = latest.get(p.ResourceArn);
      if (!cur || p.CreationDate > cur.CreationDate) latest.set(p.ResourceArn, p);
    }
    const results = [...latest.values()].map((p) => ({
      ResourceArn: p.ResourceArn,
      ResourceType: p.ResourceType,
      ResourceName: p.ResourceName,
      LastBackupTime: p.CreationDate,
      LastBackupVaultArn: p.BackupVaultArn,
      LastRecoveryPointArn: p.RecoveryPointArn,
    }));
    return page(results, input, 'resources', 'Results');
  },
  DescribeProtectedResource(input, ctx) {
    const points = [...ctx.state.recoveryPoints.values()].filter((p) => p.ResourceArn === input.ResourceArn);
    if (points.length === 0)
      throw notFound(`Resource ${String(input.ResourceArn)} is not protected by AWS Backup.`); // emulator's wording
    const last = points.reduce((a, b) => (b.CreationDate > a.CreationDate ? b : a));
    return {
      ResourceArn: last.ResourceArn,
      ResourceType: last.ResourceType,
      ResourceName: last.ResourceName,
      LastBackupTime: last.CreationDate,
      LastBackupVaultArn: last.BackupVaultArn,
      LastRecoveryPointArn: last.RecoveryPointArn,
    };
  },
};
