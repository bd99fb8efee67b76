/**
 * The emulator's copy jobs: StartCopyJob, DescribeCopyJob and ListCopyJobs (service model
 * schemas/aws-backup-model/service-2.json; https://docs.aws.amazon.com/aws-backup/latest/devguide/recov-point-create-a-copy.html).
 * A job is listed in the account and Region it was started from; when it ends, its copy appears in
 * the destination vault, which may be another Region's or another account's the emulator serves.
 * Where no service message is recorded (marked "emulator's wording"), the text is ours.
 */
import { AURORA, oneHopCopyTypes, RDS } from '../../backup/resourceTypes';
import { invalid, invalidRequest, notFound } from '../errors';
import type { AccountState, CopyJob, Lifecycle, RecoveryPoint } from '../state';
import {
  DAY,
  type EmulatorWorld,
  type Handler,
  type HandlerContext,
  inRange,
  isContinuous,
  page,
  pointInVault,
} from './common';

/** A destination vault ARN's parts: arn:aws:backup:REGION:ACCOUNT:backup-vault:NAME. */
function parseVaultArn(arn: string): { region: string; accountId: string; name: string } | undefined {
  const m = /^arn:aws[a-z-]*:backup:([a-z0-9-]+):(\d{12}):backup-vault:([a-zA-Z0-9_-]{2,50})$/.exec(arn);
  return m ? { region: m[1]!, accountId: m[2]!, name: m[3]! } : undefined;
}

/** Copies still running, per emulator: their copy appears in the destination when they end. */
const pending = new WeakMap<
  EmulatorWorld,
  { job: CopyJob; due: Date; to: AccountState; point: RecoveryPoint }[]
>();

/** Brings every copy that has ended into its destination vault (the server calls it before each request). */
export function settleCopies(world: EmulatorWorld, now: Date): void {
  const list = pending.get(world);
  if (!list?.length) return;
  pending.set(
    world,
    list.filter((c) => {
      if (c.due > now) return true;
      if (c.job.State === 'COMPLETED' && c.to.vaults.has(c.point.BackupVaultName))
        c.to.recoveryPoints.set(c.point.RecoveryPointArn, c.point);
      return false;
    }),
  );
}

/** A lifecycle the service refuses outright: cold storage fewer than 90 days before deletion. */
function checkLifecycle(l: Lifecycle | undefined): void {
  if (
    l?.MoveToColdStorageAfterDays !== undefined &&
    l.MoveToColdStorageAfterDays >= 0 &&
    l.DeleteAfterDays !== undefined &&
    l.DeleteAfterDays >= 0 &&
    l.DeleteAfterDays < l.MoveToColdStorageAfterDays + 90
  )
    // The service's text for a plan rule (https://github.com/hashicorp/terraform-provider-aws/issues/7350).
    throw invalid(
      'Invalid lifecycle. DeleteAfterDays cannot be less than 90 days apart from MoveToColdStorageAfterDays',
    );
}

/** Why the copy fails once it runs, or undefined when it succeeds. */
function failureOf(
  ctx: HandlerContext,
  p: RecoveryPoint,
  to: { region: string; accountId: string; name: string },
  toState: AccountState,
  lifecycle: Lifecycle | undefined,
): { message: string; category: string } | undefined {
  const crossAccount = to.accountId !== ctx.state.accountId;
  const crossRegion = to.region !== ctx.state.region;
  if (crossAccount && !ctx.world?.organization)
    // https://repost.aws/knowledge-center/backup-troubleshoot-cross-account-copy
    return {
      message:
        'Copy job failed. Both source and destination account must be a member of the same organization',
      category: 'AccessDenied',
    };
  if (crossAccount && crossRegion && oneHopCopyTypes().includes(p.ResourceType))
    // "AWS Backup only supports automating either cross-account or cross-Region copies" for RDS and
    // Aurora (recov-point-create-a-copy.html); the job's message is NOT FOUND: emulator's wording.
    return {
      message: `Copy job failed. ${p.ResourceType} snapshots can be copied cross-Region or cross-account, not both in one copy.`,
      category: 'INVALIDPARAMETERS',
    };
  const vault = toState.vaults.get(to.name);
  if (!vault)
    return {
      message: `Copy job failed. Backup vault ${to.name} does not exist in account ${to.accountId}, Region ${to.region}.`, // emulator's wording
      category: 'INVALIDPARAMETERS',
    };
  const days = lifecycle?.DeleteAfterDays;
  // A vault lock refuses copies whose retention is outside its bounds
  // (https://docs.aws.amazon.com/aws-backup/latest/devguide/vault-lock.html); the message is NOT FOUND.
  if (
    vault.Locked &&
    ((vault.MinRetentionDays !== undefined && (days === undefined || days < vault.MinRetentionDays)) ||
      (vault.MaxRetentionDays !== undefined && (days === undefined || days > vault.MaxRetentionDays)))
  )
    return {
      message: `Copy job failed. The copy's retention (${days === undefined ? 'none' : `${days} days`}) is outside the lock of backup vault ${to.name} (${vault.MinRetentionDays ?? 0} to ${vault.MaxRetentionDays ?? '∞'} days).`, // emulator's wording
      category: 'INVALIDPARAMETERS',
    };
  return undefined;
}

/** The copy's recovery point: a snapshot in the destination with the source's creation date. */
function copiedPoint(
  p: RecoveryPoint,
  to: AccountState,
  vaultName: string,
  sourceVaultArn: string,
  lifecycle: Lifecycle | undefined,
): RecoveryPoint {
  const id = to.id(`copy-${p.RecoveryPointArn}`).toLowerCase();
  const arn =
    p.ResourceType === RDS.name
      ? to.arn('rds', `snapshot:awsbackup:copyjob-${id}`)
      : p.ResourceType === AURORA.name
        ? to.arn('rds', `cluster-snapshot:awsbackup:copyjob-${id}`)
        : to.arn('backup', `recovery-point:${id}`);
  const vault = to.vaults.get(vaultName);
  const days = lifecycle?.DeleteAfterDays;
  return {
    ...p,
    RecoveryPointArn: arn,
    BackupVaultName: vaultName,
    BackupVaultArn: to.vaultArn(vaultName),
    VaultType: vault?.VaultType ?? 'BACKUP_VAULT',
    SourceBackupVaultArn: sourceVaultArn,
    // "Copies retain their source configuration, including creation dates" (recov-point-create-a-copy.html).
    CreationDate: p.CreationDate,
    Lifecycle: lifecycle,
    CalculatedLifecycle:
      days !== undefined && days >= 0
        ? { DeleteAt: new Date(p.CreationDate.getTime() + days * DAY) }
        : undefined,
    EncryptionKeyArn: vault?.EncryptionKeyArn,
    StorageClass: 'WARM',
    LastRestoreTime: undefined,
    restoreMetadata: { ...p.restoreMetadata },
  };
}

/** A job as the API shows it at `now`: CREATED, then RUNNING, then how it ended. */
function copyJobView(j: CopyJob, now: Date): Omit<CopyJob, 'run'> {
  const { run, ...api } = j;
  if (!run) return api;
  const elapsed = now.getTime() - j.CreationDate.getTime();
  if (elapsed >= run.durationMs) return api;
  const {
    CompletionDate: _c,
    DestinationRecoveryPointArn: _d,
    StatusMessage: _s,
    MessageCategory: _m,
    ...open
  } = api;
  void _c;
  void _d;
  void _s;
  void _m;
  return { ...open, State: elapsed < run.durationMs * 0.1 ? 'CREATED' : 'RUNNING' };
}

export const COPY_HANDLERS: Record<string, Handler> = {
  StartCopyJob(input, ctx) {
    const token = input.IdempotencyToken as string | undefined;
    if (token) {
      const same = ctx.state.copyJobs.find((j) => j.run?.idempotencyToken === token);
      if (same) return { CopyJobId: same.CopyJobId, CreationDate: same.CreationDate, IsParent: false };
    }
    const p = pointInVault(ctx, input.SourceBackupVaultName, input.RecoveryPointArn);
    // "AWS Backup does not support on-demand copies of continuous backups"
    // (https://docs.aws.amazon.com/aws-backup/latest/devguide/point-in-time-recovery-copying.html;
    // StartCopyJob: "Does not support continuous backups"). The service's message is NOT FOUND.
    if (isContinuous(p))
      throw invalidRequest(
        "AWS Backup does not support on-demand copies of continuous backups. A backup plan rule with a copy action copies a snapshot of the resource on the rule's schedule.",
      ); // emulator's wording
    if (p.Status !== 'COMPLETED' && p.Status !== 'AVAILABLE')
      throw invalidRequest(`Recovery point ${p.RecoveryPointArn} is ${p.Status} and cannot be copied.`); // emulator's wording
    // "backups in cold storage or archive tiers cannot be copied" (recov-point-create-a-copy.html).
    if (p.StorageClass === 'COLD')
      throw invalidRequest(`Recovery point ${p.RecoveryPointArn} is in cold storage and cannot be copied.`); // emulator's wording
    const destArn = String(input.DestinationBackupVaultArn);
    const to = parseVaultArn(destArn);
    if (!to) throw invalid(`Invalid DestinationBackupVaultArn: ${destArn}`); // emulator's wording
    const world = ctx.world;
    if (!world?.regions.includes(to.region) || !world.accountIds.includes(to.accountId))
      throw invalid(`The emulator serves no backup vault in account ${to.accountId}, Region ${to.region}.`); // emulator's wording
    const lifecycle = (input.Lifecycle as Lifecycle | undefined) ?? p.Lifecycle;
    checkLifecycle(lifecycle);
    const toState = world.stateOf(to.accountId, to.region);
    const failed = failureOf(ctx, p, to, toState, lifecycle);
    const point = copiedPoint(p, toState, to.name, p.BackupVaultArn, lifecycle);
    const durationMs = ctx.restoreJobDurationMs;
    const job: CopyJob = {
      AccountId: ctx.state.accountId,
      CopyJobId: ctx.state.id('copy-job'),
      SourceBackupVaultArn: p.BackupVaultArn,
      SourceRecoveryPointArn: p.RecoveryPointArn,
      DestinationBackupVaultArn: destArn,
      ...(failed ? {} : { DestinationRecoveryPointArn: point.RecoveryPointArn }),
      ...(lifecycle ? { DestinationRecoveryPointLifecycle: lifecycle } : {}),
      ResourceArn: p.ResourceArn,
      ResourceType: p.ResourceType,
      ...(p.ResourceName ? { ResourceName: p.ResourceName } : {}),
      CreationDate: ctx.now,
      CompletionDate: new Date(ctx.now.getTime() + durationMs),
      State: failed ? 'FAILED' : 'COMPLETED',
      ...(failed ? { StatusMessage: failed.message } : {}),
      MessageCategory: failed ? failed.category : 'SUCCESS',
      BackupSizeInBytes: p.BackupSizeInBytes,
      IamRoleArn: String(input.IamRoleArn),
      run: { durationMs, ...(token ? { idempotencyToken: token } : {}) },
    };
    ctx.state.copyJobs.push(job);
    let list = pending.get(world);
    if (!list) pending.set(world, (list = []));
    list.push({ job, due: job.CompletionDate!, to: toState, point });
    settleCopies(world, ctx.now);
    return { CopyJobId: job.CopyJobId, CreationDate: job.CreationDate, IsParent: false };
  },
  DescribeCopyJob(input, ctx) {
    const j = ctx.state.copyJobs.find((x) => x.CopyJobId === input.CopyJobId);
    if (!j) throw notFound(`Copy job ${String(input.CopyJobId)} was not found.`); // emulator's wording
    return { CopyJob: copyJobView(j, ctx.now) as unknown as Record<string, unknown> };
  },
  ListCopyJobs(input, ctx) {
    const jobs = ctx.state.copyJobs
      .map((j) => copyJobView(j, ctx.now))
      .filter(
        (j) =>
          (input.ByResourceArn === undefined || j.ResourceArn === input.ByResourceArn) &&
          (input.ByState === undefined || j.State === input.ByState) &&
          (input.ByResourceType === undefined || j.ResourceType === input.ByResourceType) &&
          (input.ByDestinationVaultArn === undefined ||
            j.DestinationBackupVaultArn === input.ByDestinationVaultArn) &&
          (input.BySourceRecoveryPointArn === undefined ||
            j.SourceRecoveryPointArn === input.BySourceRecoveryPointArn) &&
          (input.ByAccountId === undefined || j.AccountId === input.ByAccountId) &&
          (input.ByMessageCategory === undefined ||
            input.ByMessageCategory === 'ANY' ||
            j.MessageCategory === input.ByMessageCategory) &&
          // Composite (parent) jobs are not modelled: no job has a parent.
          input.ByParentJobId === undefined &&
          inRange(j.CreationDate, input.ByCreatedAfter, input.ByCreatedBefore) &&
          (input.ByCompleteAfter === undefined && input.ByCompleteBefore === undefined
            ? true
            : j.State !== 'CREATED' &&
              j.State !== 'RUNNING' &&
              inRange(j.CompletionDate, input.ByCompleteAfter, input.ByCompleteBefore)),
      );
    const key = [
      'copy-jobs',
      input.ByResourceArn,
      input.ByState,
      input.ByResourceType,
      input.ByDestinationVaultArn,
      input.BySourceRecoveryPointArn,
      input.ByMessageCategory,
      (input.ByCreatedAfter as Date | undefined)?.getTime(),
      (input.ByCreatedBefore as Date | undefined)?.getTime(),
    ]
      .map(String)
      .join(':');
    return page(jobs, input, key, 'CopyJobs');
  },
};
