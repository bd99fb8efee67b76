/**
 * Amazon RDS (DB instances). Sources: continuous backup and its 5-minute lag
 * (https://docs.aws.amazon.com/aws-backup/latest/devguide/point-in-time-recovery.html), the restore
 * (https://docs.aws.amazon.com/aws-backup/latest/devguide/restoring-rds.html), stopping and deleting
 * (https://docs.aws.amazon.com/aws-backup/latest/devguide/point-in-time-recovery-stopping.html), copies:
 * "AWS Backup creates a snapshot and copies it", then deletes the source snapshot (without
 * rds:DeleteDBSnapshot it is left EXPIRED,
 * https://docs.aws.amazon.com/aws-backup/latest/devguide/point-in-time-recovery-copying.html).
 */
import type { MetadataKey, ResourceTypeRecord } from './record';

export const RDS_PITR: MetadataKey[] = [
  {
    key: 'RestoreTime',
    doc: 'The point in time to restore to, ISO 8601 UTC. Required if UseLatestRestorableTime is "false".',
  },
  {
    key: 'UseLatestRestorableTime',
    values: ['true', 'false'],
    doc: 'Restore to the latest restorable time. Cannot be "true" together with RestoreTime.',
  },
];

/**
 * RDS accepts the parameters of RDS `RestoreDBInstanceFromDBSnapshot` / `RestoreDBInstanceToPointInTime`
 * (https://docs.aws.amazon.com/aws-backup/latest/devguide/restoring-rds.html). This list is not taken
 * from that page: it is those RDS API request parameters as the RDS API reference documents them
 * (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_RestoreDBInstanceToPointInTime.html).
 * Because it was not checked against AWS Backup itself, an unknown key is a warning, not an error.
 */
const RDS_PARAMETERS = [
  'AllocatedStorage',
  'AutoMinorVersionUpgrade',
  'AvailabilityZone',
  'BackupTarget',
  'CACertificateIdentifier',
  'CopyTagsToSnapshot',
  'CustomIamInstanceProfile',
  'DBClusterSnapshotIdentifier',
  'DBInstanceClass',
  'DBName',
  'DBParameterGroupName',
  'DBSubnetGroupName',
  'DedicatedLogVolume',
  'DeletionProtection',
  'Domain',
  'DomainAuthSecretArn',
  'DomainDnsIps',
  'DomainFqdn',
  'DomainIAMRoleName',
  'DomainOu',
  'EnableCloudwatchLogsExports',
  'EnableCustomerOwnedIp',
  'EnableIAMDatabaseAuthentication',
  'EngineLifecycleSupport',
  'Iops',
  'LicenseModel',
  'ManageMasterUserPassword',
  'MasterUserSecretKmsKeyId',
  'MaxAllocatedStorage',
  'MultiAZ',
  'NetworkType',
  'OptionGroupName',
  'Port',
  'ProcessorFeatures',
  'PubliclyAccessible',
  'StorageThroughput',
  'StorageType',
  'TdeCredentialArn',
  'TdeCredentialPassword',
  'UseDefaultProcessorFeatures',
  'VpcSecurityGroupIds',
  'EnablePerformanceInsights',
  'PerformanceInsightsKMSKeyId',
  'PerformanceInsightsRetentionPeriod',
  'MonitoringInterval',
  'MonitoringRoleArn',
  'SourceDbiResourceId',
  'SourceDBInstanceAutomatedBackupsArn',
];

const KEYS: MetadataKey[] = [
  {
    key: 'DBInstanceIdentifier',
    required: true,
    doc: 'Required. The name of the new DB instance: RDS restores never overwrite an existing instance.',
  },
  {
    // https://docs.aws.amazon.com/aws-backup/latest/devguide/point-in-time-recovery.html lists Engine
    // as "Required" for a point-in-time restore; a snapshot restore is RDS
    // RestoreDBInstanceFromDBSnapshot, whose Engine defaults to the source's ("Default: The same as
    // source", https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_RestoreDBInstanceFromDBSnapshot.html).
    key: 'Engine',
    requiredForPointInTime: true,
    doc: 'The database engine, e.g. "mysql" or "postgres". Required for a point-in-time restore (RestoreTime or UseLatestRestorableTime); a snapshot restore defaults to the source\'s engine.',
  },
  ...RDS_PITR,
  { key: 'EngineVersion', doc: 'Information only: including it does not affect the restore.' },
  { key: 'KmsKeyId', doc: 'Information only: including it does not affect the restore.' },
  { key: 'Encrypted', doc: 'Information only: including it does not affect the restore.' },
  { key: 'vpcId', doc: 'Information only: including it does not affect the restore.' },
  ...RDS_PARAMETERS.map((key) => ({
    key,
    doc: `The RDS \`${key}\` parameter of RestoreDBInstanceToPointInTime / RestoreDBInstanceFromDBSnapshot.`,
  })),
];

export const RDS: ResourceTypeRecord = {
  name: 'RDS',
  optInName: 'RDS',
  continuous: { restoreLagMinutes: 5 },
  defaultRpoMinutes: 60,
  arn: {
    service: 'rds',
    resource: /^arn:[^:]+:rds:[^:]*:\d*:db:/,
    recoveryPoint: /^arn:[^:]+:rds:[^:]*:\d*:snapshot:/,
  },
  icon: 'database',
  restore: {
    metadataKeys: KEYS,
    markers: /^dbinstanceidentifier$/,
    // Not a name with "aurora" in it (`aurora-rds.json` is Aurora's).
    fileName: /^(?!.*aurora).*(^|[^a-z])rds([^a-z]|$)/,
    destinationKeys: [
      'DBInstanceIdentifier',
      'DBClusterIdentifier',
      'DBSubnetGroupName',
      'AvailabilityZone',
      'VpcSecurityGroupIds',
      'MultiAZ',
      'PubliclyAccessible',
    ],
    destinationSummary: (named) => `a new DB instance ${named('DBInstanceIdentifier')}`,
    notes: () => [
      'The restore creates a new DB instance, billed from its creation; the source is left as it is.',
    ],
    destination: {
      key: 'DBInstanceIdentifier',
      what: 'new DB instance identifier',
      nameKind: 'db-identifier',
      alwaysNew: true,
    },
    options: 'db-instance',
  },
  lifecycle: {
    stop: (name) => [
      `AWS Backup releases control of the continuous backup of ${name} to Amazon RDS. The recovery point leaves AWS Backup; the backup data stays in RDS (its automated backups) and can be restored from RDS. RDS goes on creating and keeping continuous backups with the retention of your plan.`,
    ],
    delete: (name) => [
      `The backup data of ${name} is permanently deleted, and RDS automated backups of ${name} are turned off (point-in-time recovery disabled). RDS applies the change in its maintenance window, which can take up to 7 days; storage may be billed until then.`,
      'A Multi-AZ instance set to Always On should not have its backup retention set to zero: AWS advises Stop Continuous Backup (disassociate) instead.',
    ],
  },
  copy: { continuousCopyIs: 'snapshot', sourceSnapshotDeleted: true, oneHop: true },
};
