/**
 * SAP HANA on Amazon EC2: continuous recovery points that restore to a point in time
 * (EarliestRestorablePitrTimestamp…, https://docs.aws.amazon.com/aws-backup/latest/devguide/saphana-restore.html);
 * its restore lag is NOT FOUND in AWS's pages. Restores are destructive: they overwrite the target.
 */
import { REQUEST_ID, type MetadataKey, type ResourceTypeRecord } from './record';

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

const KEYS: MetadataKey[] = [
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

export const SAP_HANA: ResourceTypeRecord = {
  name: 'SAP HANA on Amazon EC2',
  optInName: 'SAP HANA on Amazon EC2',
  continuous: {},
  arn: { resource: /^arn:[^:]+:ssm-sap:/ },
  restore: {
    metadataKeys: KEYS,
    // Not aws:backup:request-id: AWS documents it for several types (see REQUEST_ID).
    markers:
      /^(aws:backup:targetdatabasearn|catalogrestoreoption|localcatalogpath|recoverytype|hanabackupid|hanaversion|systemdatabasesid)$/,
    fileName: /hana/,
    destinationKeys: ['aws:backup:TargetDatabaseArn'],
    destinationSummary: (named) => `the database ${named('aws:backup:TargetDatabaseArn')} (overwritten)`,
    notes: () => ['A SAP HANA restore overwrites the target database.'],
  },
};
