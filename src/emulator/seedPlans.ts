/**
 * The seeded account's plans, selections and past jobs (see seed.ts): a plan with a continuous and a snapshot
 * rule, a weekly EBS plan, one completed and one failed restore, backup jobs (one failed because the bucket
 * is continuous in another vault) and copies into the air-gapped vault.
 */
import type { AccountState } from './state';

const DAY = 86_400_000;
const HOUR = 3_600_000;
export const SEED_ROLE = 'arn:aws:iam::123456789012:role/service-role/AWSBackupDefaultServiceRole';

/** What the recovery points' seeding already decided, that the plans and jobs refer to. */
export interface SeededIds {
  now: number;
  pitrPlanId: string;
  pitrPlanArn: string;
  continuousRuleId: string;
  dailyRuleId: string;
  weeklyPlanId: string;
  s3Bucket: string;
}

export function seedPlansAndJobs(state: AccountState, ids: SeededIds): void {
  const { pitrPlanId, pitrPlanArn, continuousRuleId, dailyRuleId, weeklyPlanId, s3Bucket } = ids;
  const ago = (ms: number): Date => new Date(ids.now - ms);
  const pitr = state.vaults.get('prod-pitr')!;
  const lag = state.vaults.get('airgapped-lag')!;
  state.plans.set(pitrPlanId, {
    BackupPlanId: pitrPlanId,
    BackupPlanArn: pitrPlanArn,
    VersionId: state.id('version'),
    CreationDate: ago(200 * DAY),
    LastExecutionDate: ago(21 * HOUR),
    BackupPlan: {
      BackupPlanName: 'pitr-orders',
      Rules: [
        {
          RuleName: 'continuous-35d',
          RuleId: continuousRuleId,
          TargetBackupVaultName: 'prod-pitr',
          ScheduleExpression: 'cron(0 5 ? * * *)',
          ScheduleExpressionTimezone: 'Etc/UTC',
          StartWindowMinutes: 480,
          CompletionWindowMinutes: 10080,
          EnableContinuousBackup: true,
          Lifecycle: { DeleteAfterDays: 35 },
        },
        {
          RuleName: 'daily-snapshots',
          RuleId: dailyRuleId,
          TargetBackupVaultName: 'prod-pitr',
          ScheduleExpression: 'cron(0 3 ? * * *)',
          ScheduleExpressionTimezone: 'Etc/UTC',
          StartWindowMinutes: 60,
          CompletionWindowMinutes: 1440,
          Lifecycle: { MoveToColdStorageAfterDays: 30, DeleteAfterDays: 365 },
          CopyActions: [
            { DestinationBackupVaultArn: lag.BackupVaultArn, Lifecycle: { DeleteAfterDays: 90 } },
          ],
        },
      ],
    },
  });
  state.plans.set(weeklyPlanId, {
    BackupPlanId: weeklyPlanId,
    BackupPlanArn: state.arn('backup', `backup-plan:${weeklyPlanId}`),
    VersionId: state.id('version'),
    CreationDate: ago(380 * DAY),
    LastExecutionDate: ago(2 * DAY),
    BackupPlan: {
      BackupPlanName: 'weekly-ebs',
      Rules: [
        {
          RuleName: 'weekly',
          RuleId: state.id('rule'),
          TargetBackupVaultName: 'Default',
          ScheduleExpression: 'cron(0 4 ? * SUN *)',
          StartWindowMinutes: 480,
          CompletionWindowMinutes: 10080,
          Lifecycle: { DeleteAfterDays: 90 },
        },
      ],
    },
  });
  const sel1 = state.id('selection');
  state.selections.set(sel1, {
    SelectionId: sel1,
    BackupPlanId: pitrPlanId,
    CreationDate: ago(200 * DAY),
    BackupSelection: {
      SelectionName: 'orders-resources',
      IamRoleArn: SEED_ROLE,
      Resources: [
        s3Bucket,
        state.arn('rds', 'db:orders-db'),
        state.arn('rds', 'cluster:analytics-cluster'),
        'arn:aws:s3:::logs-bucket',
      ],
    },
  });
  const sel2 = state.id('selection');
  state.selections.set(sel2, {
    SelectionId: sel2,
    BackupPlanId: weeklyPlanId,
    CreationDate: ago(380 * DAY),
    BackupSelection: {
      SelectionName: 'tagged-volumes',
      IamRoleArn: SEED_ROLE,
      ListOfTags: [{ ConditionType: 'STRINGEQUALS', ConditionKey: 'backup', ConditionValue: 'weekly' }],
    },
  });

  // Past restore jobs: one completed, one failed.
  const rdsPoint = [...state.recoveryPoints.values()].find(
    (p) => p.ResourceType === 'RDS' && p.RecoveryPointArn.includes('continuous'),
  )!;
  const s3Point = [...state.recoveryPoints.values()].find(
    (p) => p.ResourceName === 'orders-bucket' && p.RecoveryPointArn.includes('continuous'),
  )!;
  const done = state.id('restore');
  state.restoreJobs.set(done, {
    AccountId: state.accountId,
    RestoreJobId: done,
    RecoveryPointArn: rdsPoint.RecoveryPointArn,
    SourceResourceArn: rdsPoint.ResourceArn,
    BackupVaultArn: pitr.BackupVaultArn,
    CreationDate: ago(3 * DAY),
    IamRoleArn: SEED_ROLE,
    ResourceType: 'RDS',
    RecoveryPointCreationDate: rdsPoint.CreationDate,
    BackupSizeInBytes: rdsPoint.BackupSizeInBytes,
    durationMs: 42 * 60_000,
    outcome: { status: 'COMPLETED', createdResourceArn: state.arn('rds', 'db:orders-db-restore-0611') },
    metadata: {
      DBInstanceIdentifier: 'orders-db-restore-0611',
      Engine: 'postgres',
      RestoreTime: ago(3 * DAY + 2 * HOUR)
        .toISOString()
        .replace(/\.\d+Z$/, 'Z'),
    },
  });
  const failed = state.id('restore');
  state.restoreJobs.set(failed, {
    AccountId: state.accountId,
    RestoreJobId: failed,
    RecoveryPointArn: s3Point.RecoveryPointArn,
    SourceResourceArn: s3Point.ResourceArn,
    BackupVaultArn: pitr.BackupVaultArn,
    CreationDate: ago(DAY),
    IamRoleArn: 'arn:aws:iam::123456789012:role/restore-operator',
    ResourceType: 'S3',
    RecoveryPointCreationDate: s3Point.CreationDate,
    BackupSizeInBytes: s3Point.BackupSizeInBytes,
    durationMs: 6 * 60_000,
    outcome: {
      status: 'FAILED',
      message:
        'Access Denied: role restore-operator is not allowed to perform s3:PutObject on arn:aws:s3:::orders-restore-test. Grant it the AWSBackupServiceRolePolicyForS3Restore permissions.',
    },
    metadata: { DestinationBucketName: 'orders-restore-test', NewBucket: 'true' },
  });

  // Backup and copy jobs.
  for (const p of [...state.recoveryPoints.values()]
    .filter((x) => x.BackupVaultName === 'prod-pitr')
    .slice(0, 6)) {
    state.backupJobs.push({
      AccountId: state.accountId,
      BackupJobId: state.id('backup-job'),
      BackupVaultName: p.BackupVaultName,
      BackupVaultArn: p.BackupVaultArn,
      RecoveryPointArn: p.RecoveryPointArn,
      ResourceArn: p.ResourceArn,
      ResourceType: p.ResourceType,
      ResourceName: p.ResourceName,
      CreationDate: p.CreationDate,
      CompletionDate: p.CompletionDate ?? new Date(p.CreationDate.getTime() + HOUR),
      State: 'COMPLETED',
      PercentDone: '100.0',
      BackupSizeInBytes: p.BackupSizeInBytes,
      IamRoleArn: SEED_ROLE,
      CreatedBy: p.CreatedBy,
    });
  }
  state.backupJobs.push({
    AccountId: state.accountId,
    BackupJobId: state.id('backup-job'),
    BackupVaultName: 'Default',
    BackupVaultArn: state.vaultArn('Default'),
    ResourceArn: 'arn:aws:s3:::reports-bucket',
    ResourceType: 'S3',
    ResourceName: 'reports-bucket',
    CreationDate: ago(2 * DAY),
    CompletionDate: ago(2 * DAY - 300_000),
    State: 'FAILED',
    StatusMessage:
      'Bucket reports-bucket already has continuous backup enabled for another vault Backup job failed.',
    IamRoleArn: SEED_ROLE,
  });
  for (const p of [...state.recoveryPoints.values()].filter((x) => x.BackupVaultName === 'airgapped-lag')) {
    state.copyJobs.push({
      AccountId: state.accountId,
      CopyJobId: state.id('copy-job'),
      SourceBackupVaultArn: pitr.BackupVaultArn,
      SourceRecoveryPointArn: p.RecoveryPointArn,
      DestinationBackupVaultArn: lag.BackupVaultArn,
      DestinationRecoveryPointArn: p.RecoveryPointArn,
      ResourceArn: p.ResourceArn,
      ResourceType: p.ResourceType,
      CreationDate: p.CreationDate,
      CompletionDate: p.CompletionDate,
      State: 'COMPLETED',
      BackupSizeInBytes: p.BackupSizeInBytes,
      IamRoleArn: SEED_ROLE,
    });
  }
}
