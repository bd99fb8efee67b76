import { REQUEST_ID, type MetadataKey, type ResourceTypeRecord } from './record';

/**
 * EFS restore keys, as the EFS restore page lists them
 * (https://docs.aws.amazon.com/aws-backup/latest/devguide/restoring-efs.html#efs-restore-cli):
 * file-system-id, Encrypted, KmsKeyId, PerformanceMode, CreationToken, newFileSystem,
 * ItemsToRestore, "You may also include aws:backup:request-id", and for a One Zone restore
 * singleAzFilesystem and availabilityZoneName.
 */
const KEYS: MetadataKey[] = [
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

/** Amazon EFS: snapshots only in AWS Backup (continuous backup covers S3, RDS, Aurora and SAP HANA). */
export const EFS: ResourceTypeRecord = {
  name: 'EFS',
  optInName: 'EFS',
  arn: { service: 'elasticfilesystem', resource: /^arn:[^:]+:elasticfilesystem:/ },
  icon: 'files',
  restore: {
    metadataKeys: KEYS,
    markers: /^(file-system-id|newfilesystem|performancemode|singleazfilesystem)$/,
    fileName: /(^|[^a-z])efs([^a-z]|$)/,
    destinationKeys: ['file-system-id', 'newFileSystem', 'ItemsToRestore', 'KmsKeyId'],
  },
};
