/**
 * Restore history for the RTO (issue 24), added to the seeds without changing what they already hold.
 *
 * The sample account (seed.ts): a restore testing plan, orders_weekly_restore_test, with two
 * selections (the analytics-cluster Aurora cluster by ARN, every RDS instance by "*") and its weekly
 * history. The Aurora cluster's tests take longer each week and the latest (about 5 hours) misses a
 * 4-hour target; orders-db restores fast (its manual 42-minute restore, seedPlans.ts, and restore
 * tests); orders-bucket has only a failed restore, so it was never restored, like every other resource.
 *
 * A posture account (seedPosture.ts): its first S3 bucket with live continuous backup restored in
 * minutes two days ago, its first RDS instance's point-in-time restore slow (4 h 30 min: RDS replays
 * the transaction logs, https://repost.aws/knowledge-center/rds-point-in-time-restore-issues), its
 * first Aurora cluster never restored.
 */
import { restoreDurationMs } from './seedRestoreDurations';
import type { AccountState, RecoveryPoint, RestoreJob } from './state';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const MINUTE = 60_000;

export const SEEDED_RESTORE_TESTING_PLAN = 'orders_weekly_restore_test';

function job(
  state: AccountState,
  p: RecoveryPoint,
  o: { at: Date; durationMs: number; role: string; planArn?: string; failed?: string },
): void {
  const id = state.id('restore');
  const testName = `awsbackup-restore-test-${state.id('seed-test', 'hex').slice(0, 12)}`;
  const j: RestoreJob = {
    AccountId: state.accountId,
    RestoreJobId: id,
    RecoveryPointArn: p.RecoveryPointArn,
    SourceResourceArn: p.ResourceArn,
    BackupVaultArn: p.BackupVaultArn,
    CreationDate: o.at,
    IamRoleArn: o.role,
    ResourceType: p.ResourceType,
    RecoveryPointCreationDate: p.CreationDate,
    BackupSizeInBytes: p.BackupSizeInBytes,
    durationMs: o.durationMs,
    outcome: o.failed
      ? { status: 'FAILED', message: o.failed }
      : { status: 'COMPLETED', createdResourceArn: `${p.ResourceArn}-${o.planArn ? testName : 'restored'}` },
    metadata: {},
    ...(o.planArn
      ? {
          CreatedBy: { RestoreTestingPlanArn: o.planArn },
          testing: o.failed
            ? {}
            : {
                ValidationStatus: 'SUCCESSFUL' as const,
                ValidationStatusMessage: 'Validation script exited 0.',
                DeletionStatus: 'SUCCESSFUL' as const,
              },
        }
      : {}),
  };
  state.restoreJobs.set(id, j);
}

export function seedRestoreTesting(state: AccountState, nowMs: number): void {
  const ago = (ms: number): Date => new Date(nowMs - ms);
  const role = state.arn('iam', 'role/service-role/AWSBackupDefaultServiceRole', false);
  const vault = state.vaults.get('prod-pitr')!;
  const name = SEEDED_RESTORE_TESTING_PLAN;
  const planArn = state.arn('backup', `restore-testing-plan:${name}-${state.id('rtp', 'hex').slice(0, 6)}`);
  state.restoreTestingPlans.set(name, {
    RestoreTestingPlanName: name,
    RestoreTestingPlanArn: planArn,
    CreationTime: ago(60 * DAY),
    LastExecutionTime: ago(DAY),
    ScheduleExpression: 'cron(0 1 ? * SUN *)',
    ScheduleExpressionTimezone: 'Etc/UTC',
    StartWindowHours: 24,
    RecoveryPointSelection: {
      Algorithm: 'LATEST_WITHIN_WINDOW',
      IncludeVaults: [vault.BackupVaultArn],
      RecoveryPointTypes: ['CONTINUOUS', 'SNAPSHOT'],
      SelectionWindowDays: 7,
    },
  });
  const cluster = [...state.recoveryPoints.values()].find(
    (p) => p.ResourceName === 'analytics-cluster' && p.BackupVaultName === 'prod-pitr',
  )!;
  const db = [...state.recoveryPoints.values()].find(
    (p) => p.ResourceName === 'orders-db' && p.RecoveryPointArn.includes(':continuous:'),
  )!;
  const selection = (selectionName: string, type: string, arns: string[], hours: number): void =>
    void state.restoreTestingSelections.set(`${name}/${selectionName}`, {
      RestoreTestingPlanName: name,
      RestoreTestingSelectionName: selectionName,
      CreationTime: ago(60 * DAY),
      IamRoleArn: role,
      ProtectedResourceType: type,
      ProtectedResourceArns: arns,
      ValidationWindowHours: hours,
    });
  selection('aurora_clusters', cluster.ResourceType, [cluster.ResourceArn], 4);
  selection('rds_instances', db.ResourceType, ['*'], 2);
  // Weekly runs, oldest first: the cluster's restores grow slower week by week.
  const weeks = [29, 22, 15, 8, 1];
  const spread = [1, 0.85, 0.92, 1, 1.08];
  weeks.forEach((d, i) => {
    const at = ago(d * DAY);
    job(state, cluster, {
      at,
      durationMs: restoreDurationMs(cluster.ResourceType, cluster.BackupSizeInBytes, spread[i]),
      role,
      planArn,
      ...(i === 0
        ? {
            failed:
              'DBClusterQuotaExceededFault: the account has reached its DB cluster quota; the restore test could not create its cluster.',
          }
        : {}),
    });
    if (i >= 2)
      job(state, db, {
        at: new Date(at.getTime() + 5 * MINUTE),
        durationMs: restoreDurationMs(db.ResourceType, db.BackupSizeInBytes, spread[i]),
        role,
        planArn,
      });
  });
}

export function seedPostureRestores(state: AccountState, nowMs: number): void {
  const first = (prefix: string): RecoveryPoint | undefined =>
    [...state.recoveryPoints.values()].find(
      (p) => p.ResourceName?.startsWith(prefix) && p.ResourceName.endsWith('-0'),
    );
  const role = state.arn('iam', 'role/service-role/AWSBackupDefaultServiceRole', false);
  const bucket = first('live-bucket-');
  if (bucket)
    job(state, bucket, {
      at: new Date(nowMs - 2 * DAY),
      durationMs: restoreDurationMs(bucket.ResourceType, bucket.BackupSizeInBytes),
      role,
    });
  const db = first('live-db-');
  if (db) job(state, db, { at: new Date(nowMs - 3 * DAY), durationMs: 4 * HOUR + 30 * MINUTE, role });
}
