/**
 * A seeded account that looks real, deterministic and relative to "now": vaults of every kind,
 * continuous (PITR) points for S3, RDS and Aurora (one STOPPED), snapshots around them, plans with
 * continuous and snapshot rules, past jobs (one failed restore), and a vault with many points.
 */
import { SEED_ROLE, seedPlansAndJobs } from './seedPlans';
import { seedRestoreTesting } from './seedRto';
import type { AccountState, RecoveryPoint, Vault } from './state';

const DAY = 86_400_000;
const HOUR = 3_600_000;

export interface SeedOptions {
  now: Date;
  /** Recovery points in the `bulk-archive` vault (default 10,000). */
  bulkRecoveryPoints?: number;
}

export function seedAccount(state: AccountState, opts: SeedOptions): void {
  const now = opts.now.getTime();
  const ago = (ms: number): Date => new Date(now - ms);
  const vault = (name: string, extra: Partial<Vault> = {}): Vault => {
    const v: Vault = {
      BackupVaultName: name,
      BackupVaultArn: state.vaultArn(name),
      VaultType: 'BACKUP_VAULT',
      VaultState: 'AVAILABLE',
      CreationDate: ago(400 * DAY),
      EncryptionKeyArn: state.arn('kms', `key/${state.id('kms-' + name).toLowerCase()}`),
      EncryptionKeyType: 'AWS_OWNED_KMS_KEY',
      Locked: false,
      ...extra,
    };
    state.vaults.set(name, v);
    return v;
  };
  vault('Default');
  const pitr = vault('prod-pitr', {
    EncryptionKeyType: 'CUSTOMER_MANAGED_KMS_KEY',
    CreationDate: ago(200 * DAY),
  });
  const locked = vault('compliance-locked', {
    Locked: true,
    MinRetentionDays: 7,
    MaxRetentionDays: 3650,
    LockDate: ago(30 * DAY),
  });
  const lag = vault('airgapped-lag', {
    VaultType: 'LOGICALLY_AIR_GAPPED_BACKUP_VAULT',
    Locked: true,
    MinRetentionDays: 7,
    MaxRetentionDays: 365,
    LockDate: ago(100 * DAY),
  });
  vault('empty-vault', { CreationDate: ago(5 * DAY) });
  const bulk = vault('bulk-archive', { CreationDate: ago(1000 * DAY) });

  const pitrPlanId = state.id('plan');
  const pitrPlanArn = state.arn('backup', `backup-plan:${pitrPlanId}`);
  const continuousRuleId = state.id('rule');
  const dailyRuleId = state.id('rule');
  const weeklyPlanId = state.id('plan');

  const add = (
    v: Vault,
    rp: Omit<
      RecoveryPoint,
      | 'BackupVaultName'
      | 'BackupVaultArn'
      | 'VaultType'
      | 'IamRoleArn'
      | 'IsParent'
      | 'StorageClass'
      | 'IsEncrypted'
    > &
      Partial<RecoveryPoint>,
  ): RecoveryPoint => {
    const full: RecoveryPoint = {
      BackupVaultName: v.BackupVaultName,
      BackupVaultArn: v.BackupVaultArn,
      VaultType: v.VaultType,
      IamRoleArn: SEED_ROLE,
      IsParent: false,
      StorageClass: 'WARM',
      IsEncrypted: true,
      EncryptionKeyArn: v.EncryptionKeyArn,
      ...rp,
    };
    if (full.Lifecycle?.DeleteAfterDays && !full.CalculatedLifecycle)
      full.CalculatedLifecycle = {
        DeleteAt: new Date(full.CreationDate.getTime() + full.Lifecycle.DeleteAfterDays * DAY),
      };
    state.recoveryPoints.set(full.RecoveryPointArn, full);
    return full;
  };
  const continuousBy = {
    BackupPlanId: pitrPlanId,
    BackupPlanArn: pitrPlanArn,
    BackupPlanName: 'pitr-orders',
    BackupPlanVersion: 'v1',
    BackupRuleId: continuousRuleId,
    BackupRuleName: 'continuous-35d',
    BackupRuleCron: 'cron(0 5 ? * * *)',
    BackupRuleTimezone: 'Etc/UTC',
  };
  const dailyBy = {
    ...continuousBy,
    BackupRuleId: dailyRuleId,
    BackupRuleName: 'daily-snapshots',
    BackupRuleCron: 'cron(0 3 ? * * *)',
  };

  // Continuous points: S3, RDS, Aurora, and a STOPPED S3 one.
  const s3Bucket = 'arn:aws:s3:::orders-bucket';
  add(pitr, {
    RecoveryPointArn: state.arn(
      'backup',
      `recovery-point:continuous:orders-bucket-${state.id('s3', 'hex').slice(0, 8)}`,
    ),
    ResourceArn: s3Bucket,
    ResourceType: 'S3',
    ResourceName: 'orders-bucket',
    CreatedBy: continuousBy,
    Status: 'COMPLETED',
    CreationDate: ago(60 * DAY),
    BackupSizeInBytes: 48_318_382_080,
    Lifecycle: { DeleteAfterDays: 35 },
    restoreMetadata: {
      DestinationBucketName: 'orders-bucket',
      NewBucket: 'false',
      Encrypted: 'true',
      EncryptionType: 'SSE-S3',
      RestoreACLs: 'false',
    },
  });
  add(pitr, {
    RecoveryPointArn: state.arn('backup', `recovery-point:continuous:db-${state.id('rds', 'hex')}`),
    ResourceArn: state.arn('rds', 'db:orders-db'),
    ResourceType: 'RDS',
    ResourceName: 'orders-db',
    CreatedBy: continuousBy,
    Status: 'COMPLETED',
    CreationDate: ago(10 * DAY),
    BackupSizeInBytes: 214_748_364_800,
    Lifecycle: { DeleteAfterDays: 14 },
    restoreMetadata: {
      DBInstanceIdentifier: 'orders-db',
      Engine: 'postgres',
      EngineVersion: '16.3',
      DBInstanceClass: 'db.r6g.large',
      MultiAZ: 'false',
      Port: '5432',
      DBSubnetGroupName: 'prod-db-subnets',
      VpcSecurityGroupIds: '["sg-0a1b2c3d4e5f60718"]',
      StorageType: 'gp3',
      Encrypted: 'true',
    },
  });
  add(pitr, {
    RecoveryPointArn: state.arn('backup', `recovery-point:continuous:cluster-${state.id('aurora', 'hex')}`),
    ResourceArn: state.arn('rds', 'cluster:analytics-cluster'),
    ResourceType: 'Aurora',
    ResourceName: 'analytics-cluster',
    CreatedBy: continuousBy,
    Status: 'COMPLETED',
    CreationDate: ago(90 * DAY),
    BackupSizeInBytes: 536_870_912_000,
    Lifecycle: { DeleteAfterDays: 35 },
    restoreMetadata: {
      dbClusterIdentifier: 'analytics-cluster',
      engine: 'aurora-mysql',
      engineVersion: '8.0.mysql_aurora.3.05.2',
      dbSubnetGroupName: 'analytics-subnets',
      vpcSecurityGroupIds: '["sg-0f1e2d3c4b5a69788"]',
      port: '3306',
    },
  });
  add(pitr, {
    RecoveryPointArn: state.arn(
      'backup',
      `recovery-point:continuous:logs-bucket-${state.id('s3-logs', 'hex').slice(0, 8)}`,
    ),
    ResourceArn: 'arn:aws:s3:::logs-bucket',
    ResourceType: 'S3',
    ResourceName: 'logs-bucket',
    CreatedBy: continuousBy,
    Status: 'STOPPED',
    StatusMessage:
      'Continuous backup stopped: Amazon S3 events to Amazon EventBridge were turned off for bucket logs-bucket.',
    CreationDate: ago(20 * DAY),
    CompletionDate: ago(6 * DAY),
    BackupSizeInBytes: 7_516_192_768,
    Lifecycle: { DeleteAfterDays: 35 },
    restoreMetadata: {
      DestinationBucketName: 'logs-bucket',
      NewBucket: 'false',
      Encrypted: 'true',
      EncryptionType: 'SSE-S3',
    },
  });

  // Snapshots around them: daily S3 and RDS snapshots for the last week.
  for (let d = 1; d <= 7; d++) {
    add(pitr, {
      RecoveryPointArn: state.arn('backup', `recovery-point:${state.id('s3-snap').toLowerCase()}`),
      ResourceArn: s3Bucket,
      ResourceType: 'S3',
      ResourceName: 'orders-bucket',
      CreatedBy: dailyBy,
      Status: 'COMPLETED',
      CreationDate: ago(d * DAY + 21 * HOUR),
      CompletionDate: ago(d * DAY + 20 * HOUR),
      BackupSizeInBytes: 48_000_000_000 - d * 100_000_000,
      Lifecycle: { MoveToColdStorageAfterDays: 30, DeleteAfterDays: 365 },
      restoreMetadata: {
        DestinationBucketName: 'orders-bucket',
        NewBucket: 'false',
        Encrypted: 'true',
        EncryptionType: 'SSE-S3',
      },
    });
    add(pitr, {
      RecoveryPointArn: state.arn('rds', `snapshot:awsbackup:job-${state.id('rds-snap').toLowerCase()}`),
      ResourceArn: state.arn('rds', 'db:orders-db'),
      ResourceType: 'RDS',
      ResourceName: 'orders-db',
      CreatedBy: dailyBy,
      Status: 'COMPLETED',
      CreationDate: ago(d * DAY + 21 * HOUR),
      CompletionDate: ago(d * DAY + 20 * HOUR),
      BackupSizeInBytes: 214_000_000_000,
      Lifecycle: { MoveToColdStorageAfterDays: 30, DeleteAfterDays: 365 },
      restoreMetadata: {
        DBInstanceIdentifier: 'orders-db',
        Engine: 'postgres',
        EngineVersion: '16.3',
        DBInstanceClass: 'db.r6g.large',
        Port: '5432',
      },
    });
  }
  // Default vault: EBS snapshots, one EXPIRED.
  for (let d = 0; d < 4; d++) {
    add(state.vaults.get('Default')!, {
      RecoveryPointArn: `arn:aws:ec2:${state.region}::snapshot/snap-${state.id('ebs', 'hex')}0`,
      ResourceArn: state.arn('ec2', 'volume/vol-0123456789abcdef0'),
      ResourceType: 'EBS',
      ResourceName: 'web-root',
      Status: d === 3 ? 'EXPIRED' : 'COMPLETED',
      ...(d === 3
        ? { StatusMessage: 'The recovery point could not be deleted: the IAM role lacks ec2:DeleteSnapshot.' }
        : {}),
      CreationDate: ago((7 * d + 2) * DAY),
      CompletionDate: ago((7 * d + 2) * DAY - HOUR),
      BackupSizeInBytes: 8_589_934_592,
      Lifecycle: { DeleteAfterDays: 90 },
      restoreMetadata: {
        volumeId: 'vol-0123456789abcdef0',
        availabilityZone: `${state.region}a`,
        volumeType: 'gp3',
        encrypted: 'true',
      },
    });
  }
  // Locked vault: DynamoDB backups.
  for (let d = 0; d < 3; d++) {
    add(locked, {
      RecoveryPointArn: state.arn(
        'dynamodb',
        `table/ledger/backup/0${1700000000000 + d}-${state.id('ddb', 'hex').slice(0, 8)}`,
      ),
      ResourceArn: state.arn('dynamodb', 'table/ledger'),
      ResourceType: 'DynamoDB',
      ResourceName: 'ledger',
      Status: 'COMPLETED',
      // The newest is younger than the vault lock's 7-day minimum retention.
      CreationDate: ago(d === 0 ? 2 * DAY : d * 30 * DAY),
      CompletionDate: ago(d === 0 ? 2 * DAY - HOUR : d * 30 * DAY - HOUR),
      BackupSizeInBytes: 1_073_741_824,
      Lifecycle: { DeleteAfterDays: 3650 },
      restoreMetadata: { targetTableName: 'ledger-restored' },
    });
  }
  // Air-gapped vault: copies of the S3 snapshots.
  for (let d = 1; d <= 2; d++) {
    add(lag, {
      RecoveryPointArn: state.arn('backup', `recovery-point:${state.id('lag').toLowerCase()}`),
      ResourceArn: s3Bucket,
      ResourceType: 'S3',
      ResourceName: 'orders-bucket',
      Status: 'COMPLETED',
      CreationDate: ago(d * DAY + 18 * HOUR),
      CompletionDate: ago(d * DAY + 17 * HOUR),
      BackupSizeInBytes: 48_000_000_000,
      Lifecycle: { DeleteAfterDays: 90 },
      restoreMetadata: { DestinationBucketName: 'orders-bucket', NewBucket: 'false' },
    });
  }
  // A vault with many points, for paging.
  const n = opts.bulkRecoveryPoints ?? 10_000;
  for (let i = 0; i < n; i++) {
    const id = (i + 1).toString(16).padStart(17, '0');
    add(bulk, {
      RecoveryPointArn: `arn:aws:ec2:${state.region}::snapshot/snap-${id}`,
      ResourceArn: state.arn('ec2', `volume/vol-${(i % 50).toString(16).padStart(17, '0')}`),
      ResourceType: 'EBS',
      ResourceName: `batch-volume-${i % 50}`,
      Status: 'COMPLETED',
      CreationDate: ago(i * HOUR + 3 * DAY),
      CompletionDate: ago(i * HOUR + 3 * DAY - 600_000),
      BackupSizeInBytes: 1_073_741_824 * (1 + (i % 8)),
      Lifecycle: { DeleteAfterDays: 3650 },
      restoreMetadata: { volumeId: `vol-${(i % 50).toString(16).padStart(17, '0')}`, volumeType: 'gp3' },
    });
  }

  seedPlansAndJobs(state, {
    now,
    pitrPlanId,
    pitrPlanArn,
    continuousRuleId,
    dailyRuleId,
    weeklyPlanId,
    s3Bucket,
  });
  seedRestoreTesting(state, now);
}

/** Buckets the seeded account has without versioning: restoring into one fails, as S3 restores need versioning. */
export const UNVERSIONED_BUCKETS: ReadonlySet<string> = new Set(['legacy-unversioned-bucket']);
