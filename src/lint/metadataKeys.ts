import type { MetadataResourceType } from './types';

/**
 * Restore metadata keys per resource type, as AWS's restore pages list them
 * (https://docs.aws.amazon.com/aws-backup/latest/devguide/restoring-s3.html, restoring-rds.html,
 * restoring-aur.html, saphana-restore.html). A key is known when it is spelled
 * as AWS documents it for StartRestoreJob, or as another spelling AWS documents for the same key
 * (`aliases`: the Aurora page writes `dbClusterIdentifier` in its list and `DBClusterIdentifier` in
 * its example). Any other spelling that differs only in case is reported (RST006, with a rename):
 * case-insensitive keys are documented only for restore testing, not for StartRestoreJob.
 */
export interface MetadataKey {
  key: string;
  aliases?: readonly string[];
  doc: string;
  required?: boolean;
  /**
   * Required only for a point-in-time restore (RestoreTime or UseLatestRestorableTime given, or a
   * continuous recovery point): RDS's `Engine`.
   */
  requiredForPointInTime?: boolean;
  /**
   * Returned by GetRecoveryPointRestoreMetadata (AWS's example output for the type), so the restore
   * flow keeps it in the documents it writes: known, never reported.
   */
  returnedByService?: boolean;
  /**
   * Seen in working restores but not in today's documented list
   * (https://docs.aws.amazon.com/aws-backup/latest/devguide/restoring-s3.html#s3-restore-cli).
   */
  undocumented?: boolean;
  values?: readonly string[];
}

const S3: MetadataKey[] = [
  {
    key: 'DestinationBucketName',
    required: true,
    doc: 'The destination bucket for your restore. It must have versioning turned on.',
  },
  {
    key: 'RestoreTime',
    doc: 'The point in time to restore to, ISO 8601 UTC (e.g. `2021-11-27T03:30:27Z`). Only valid for continuous recovery points, where it is required.',
  },
  {
    key: 'RestoreACLs',
    values: ['true', 'false'],
    doc: 'If ACLs were part of the backup, include and set to "true". If the backup does not include ACLs and this key is included, set to "false".',
  },
  {
    key: 'EncryptionType',
    values: ['original', 'SSE-S3', 'SSE-KMS'],
    doc: 'Encryption of the restored objects: "original", "SSE-S3" or "SSE-KMS".',
  },
  { key: 'KMSKey', doc: 'The KMS key for "SSE-KMS" encryption. Only needed if EncryptionType is "SSE-KMS".' },
  {
    key: 'ItemsToRestore',
    doc: 'Item-level restore: a JSON array, as a string, of up to five `s3://` paths of objects to restore.',
  },
  {
    key: 'RestoreLatestVersionsUpTo',
    doc: '"1" (the default: the latest version only), a number of versions above 1, or "all".',
  },
  {
    key: 'NewBucket',
    undocumented: true,
    values: ['true', 'false'],
    doc: 'Whether to create the destination bucket. Used in working restores and by restore testing; not in the current S3 CLI metadata list.',
  },
  {
    key: 'Encrypted',
    undocumented: true,
    values: ['true', 'false'],
    doc: 'Used in working restores and by restore testing; not in the current S3 CLI metadata list.',
  },
  {
    key: 'CreationToken',
    undocumented: true,
    doc: 'An idempotency token used in working restores; not in the current S3 CLI metadata list.',
  },
];

const RDS_PITR: MetadataKey[] = [
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

const RDS: MetadataKey[] = [
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

/** The PascalCase spelling the Aurora page's example uses for its camelCase keys. */
function pascal(key: string): string {
  return key.startsWith('db') ? `DB${key.slice(2)}` : key[0]!.toUpperCase() + key.slice(1);
}

const AURORA: MetadataKey[] = [
  {
    key: 'dbClusterIdentifier',
    required: true,
    doc: 'Required. The name of the new cluster: the restore creates a cluster, with no DB instances.',
  },
  { key: 'engine', required: true, doc: 'Required. "aurora-mysql" or "aurora-postgresql".' },
  {
    key: 'restoreToTime',
    doc: 'The point in time to restore to, ISO 8601 UTC (the Aurora restore page spells it `restoreToTime`). Required unless UseLatestRestorableTime is given.',
  },
  ...[
    'availabilityZones',
    'backtrackWindow',
    'copyTagsToSnapshot',
    'databaseName',
    'dbClusterParameterGroupName',
    'dbSubnetGroupName',
    'enableCloudwatchLogsExports',
    'enableIAMDatabaseAuthentication',
    'engineMode',
    'engineVersion',
    'kmsKeyId',
    'optionGroupName',
    'port',
    'scalingConfiguration',
    'vpcSecurityGroupIds',
  ].map((key) => ({
    key,
    doc: `Optional Aurora restore key \`${key}\`. Lists and objects are JSON encoded as strings.`,
  })),
].map((k) => ({ ...k, aliases: [pascal(k.key)] }));
for (const k of RDS_PITR) AURORA.push(k);

/**
 * `aws:backup:request-id`: "any UUID string used for idempotency". AWS documents it in the restore
 * metadata of several types, not only SAP HANA: EFS ("You may also include `aws:backup:request-id`",
 * https://docs.aws.amazon.com/aws-backup/latest/devguide/restoring-efs.html#efs-restore-cli), EBS
 * (restoring-ebs.html), DynamoDB (restoring-dynamodb.html), EC2 (the start-restore-job example of
 * https://docs.aws.amazon.com/aws-backup/latest/devguide/restoring-a-backup.html), SAP HANA
 * (saphana-restore.html). It says nothing about the resource type.
 */
const REQUEST_ID: MetadataKey = {
  key: 'aws:backup:request-id',
  doc: 'Any UUID, for idempotency. It does not change the restore.',
};

/**
 * EFS restore keys, as the EFS restore page lists them
 * (https://docs.aws.amazon.com/aws-backup/latest/devguide/restoring-efs.html#efs-restore-cli):
 * file-system-id, Encrypted, KmsKeyId, PerformanceMode, CreationToken, newFileSystem,
 * ItemsToRestore, "You may also include aws:backup:request-id", and for a One Zone restore
 * singleAzFilesystem and availabilityZoneName.
 */
const EFS: MetadataKey[] = [
  {
    key: 'file-system-id',
    doc: 'The ID of the Amazon EFS file system that is backed up by AWS Backup (returned by GetRecoveryPointRestoreMetadata). Ignored when newFileSystem is "true".',
  },
  {
    key: 'Encrypted',
    values: ['true', 'false'],
    doc: 'If "true", the restored file system is encrypted. If KmsKeyId is given, Encrypted must be "true".',
  },
  { key: 'KmsKeyId', doc: 'The KMS key used to encrypt the restored file system.' },
  {
    key: 'PerformanceMode',
    values: ['generalPurpose', 'maxIO'],
    doc: 'The performance mode of the file system: "generalPurpose" (the default) or "maxIO". A One Zone restore supports only "generalPurpose".',
  },
  {
    key: 'CreationToken',
    doc: 'A user-supplied value that ensures the uniqueness (idempotency) of the request.',
  },
  {
    key: 'newFileSystem',
    values: ['true', 'false'],
    doc: 'If "true", the recovery point is restored to a new file system; if "false", to the original one.',
  },
  {
    key: 'ItemsToRestore',
    doc: 'An array of up to five strings, each a path to a file or directory to restore (item-level restore).',
  },
  {
    key: 'singleAzFilesystem',
    values: ['true', 'false'],
    doc: 'One Zone restore: "true" restores to a file system in one Availability Zone (availabilityZoneName).',
  },
  {
    key: 'availabilityZoneName',
    doc: 'One Zone restore: the Availability Zone of the restored file system, with singleAzFilesystem "true".',
  },
  REQUEST_ID,
];

/**
 * What GetRecoveryPointRestoreMetadata returns for an SAP HANA recovery point (AWS's two example
 * outputs, standard and continuous, on
 * https://docs.aws.amazon.com/aws-backup/latest/devguide/saphana-restore.html). The restore flow puts
 * them into the start-restore-job documents it writes, as the service returned them.
 */
const SAP_HANA_RETURNED: readonly string[] = [
  'AvailableRestoreBases',
  'BackupSize',
  'DatabaseName',
  'DatabaseType',
  'EarliestRestorablePitrTimestamp',
  'HanaBackupEndTime',
  'HanaBackupId',
  'HanaBackupPrefix',
  'HanaBackupStartTime',
  'HanaVersion',
  'IsCompressedBySap',
  'IsEncryptedBySap',
  'LatestRestorablePitrTimestamp',
  'SourceDatabaseArn',
  'SystemDatabaseSid',
];

const SAP_HANA: MetadataKey[] = [
  REQUEST_ID,
  {
    key: 'aws:backup:TargetDatabaseArn',
    doc: 'The ARN of the database to restore into. SAP HANA restores are destructive: they overwrite it.',
  },
  {
    key: 'CatalogRestoreOption',
    values: ['NO_CATALOG', 'LATEST_CATALOG_FROM_AWS_BACKUP', 'CATALOG_FROM_LOCAL_PATH'],
    doc: 'Which backup catalog the restore uses.',
  },
  {
    key: 'LocalCatalogPath',
    doc: 'The local catalog path, with CatalogRestoreOption "CATALOG_FROM_LOCAL_PATH".',
  },
  {
    key: 'RecoveryType',
    values: ['FULL_DATA_BACKUP_RECOVERY', 'POINT_IN_TIME_RECOVERY', 'MOST_RECENT_TIME_RECOVERY'],
    doc: 'The kind of recovery. The key that carries the point in time is not documented (NOT FOUND in the facts).',
  },
  ...SAP_HANA_RETURNED.map((key) => ({
    key,
    returnedByService: true,
    doc: `Returned by GetRecoveryPointRestoreMetadata for this recovery point (\`${key}\`); kept as the service gave it.`,
  })),
];

export const METADATA_KEYS: Readonly<
  Record<Exclude<MetadataResourceType, 'generic'>, readonly MetadataKey[]>
> = {
  S3,
  RDS,
  Aurora: AURORA,
  EFS,
  'SAP HANA on Amazon EC2': SAP_HANA,
};

const exact = new Map<MetadataResourceType, Map<string, MetadataKey>>();
const folded = new Map<MetadataResourceType, Map<string, MetadataKey>>();
for (const [type, keys] of Object.entries(METADATA_KEYS) as [MetadataResourceType, MetadataKey[]][]) {
  exact.set(
    type,
    new Map(keys.flatMap((k) => [k.key, ...(k.aliases ?? [])].map((name) => [name, k] as const))),
  );
  folded.set(type, new Map(keys.map((k) => [k.key.toLowerCase(), k])));
}

/** The key as documented for this type, spelled exactly so (or as a documented alias). */
export function findMetadataKey(type: MetadataResourceType, key: string): MetadataKey | undefined {
  return exact.get(type)?.get(key);
}

/** The documented key this one differs from only in case, if any. */
export function findMetadataKeyIgnoringCase(
  type: MetadataResourceType,
  key: string,
): MetadataKey | undefined {
  return folded.get(type)?.get(key.toLowerCase());
}

export function metadataKeysOf(type: MetadataResourceType): readonly MetadataKey[] {
  return type === 'generic' ? [] : METADATA_KEYS[type];
}

/** Keys that say which resource type a bare metadata file restores. */
const TYPE_MARKERS: [MetadataResourceType, RegExp][] = [
  ['S3', /^(destinationbucketname|itemstorestore|restorelatestversionsupto|restoreacls)$/],
  ['RDS', /^dbinstanceidentifier$/],
  ['Aurora', /^(dbclusteridentifier|restoretotime)$/],
  ['EFS', /^(file-system-id|newfilesystem|performancemode|singleazfilesystem)$/],
  // Not aws:backup:request-id: AWS documents it for several types (see REQUEST_ID).
  [
    'SAP HANA on Amazon EC2',
    /^(aws:backup:targetdatabasearn|catalogrestoreoption|localcatalogpath|recoverytype|hanabackupid|hanaversion|systemdatabasesid)$/,
  ],
];

/** The resource type the metadata keys point at, or undefined when none or several do. */
export function resourceTypeFromKeys(keys: Iterable<string>): MetadataResourceType | undefined {
  const found = new Set<MetadataResourceType>();
  for (const k of keys) {
    const lower = k.toLowerCase();
    for (const [type, re] of TYPE_MARKERS) if (re.test(lower)) found.add(type);
  }
  return found.size === 1 ? [...found][0] : undefined;
}

/** Keys that mark an object as restore metadata on their own: no other file uses them. */
export const METADATA_MARKER =
  /^(destinationbucketname|dbinstanceidentifier|dbclusteridentifier|restoretotime|uselatestrestorabletime|aws:backup:targetdatabasearn|aws:backup:request-id|catalogrestoreoption|file-system-id|newfilesystem)$/i;
/** A key that marks restore metadata only in a flat object of string-like values. */
export const WEAK_METADATA_MARKER = /^RestoreTime$/;

/** The resource type named by a file name such as `s3-restore-metadata.json`. */
export function resourceTypeFromFileName(name: string): MetadataResourceType | undefined {
  const n = name.toLowerCase();
  if (/(^|[^a-z0-9])s3([^a-z0-9]|$)/.test(n)) return 'S3';
  if (/aurora/.test(n)) return 'Aurora';
  if (/(^|[^a-z])rds([^a-z]|$)/.test(n)) return 'RDS';
  if (/hana/.test(n)) return 'SAP HANA on Amazon EC2';
  if (/(^|[^a-z])efs([^a-z]|$)/.test(n)) return 'EFS';
  return undefined;
}

/** Maps a StartRestoreJob ResourceType to the metadata rules that apply. */
export function metadataTypeOfResourceType(
  resourceType: string | undefined,
): MetadataResourceType | undefined {
  switch (resourceType) {
    case 'S3':
      return 'S3';
    case 'RDS':
      return 'RDS';
    case 'Aurora':
      return 'Aurora';
    case 'EFS':
      return 'EFS';
    case 'SAP HANA on Amazon EC2':
      return 'SAP HANA on Amazon EC2';
    default:
      return undefined;
  }
}

/**
 * Every StartRestoreJob ResourceType value the service documents (service model:
 * StartRestoreJobInput.ResourceType, plus 'SAP HANA on Amazon EC2' from
 * GetSupportedResourceTypesOutput.ResourceTypes).
 */
export const RESTORE_RESOURCE_TYPES: readonly string[] = [
  'Aurora',
  'CloudFormation',
  'DocumentDB',
  'DynamoDB',
  'EBS',
  'EC2',
  'EFS',
  'EKS',
  'FSx',
  'Neptune',
  'RDS',
  'Redshift',
  'S3',
  'SAP HANA on Amazon EC2',
  'Storage Gateway',
  'Timestream',
  'VirtualMachine',
];
