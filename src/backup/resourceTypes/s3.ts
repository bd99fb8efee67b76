/**
 * Amazon S3. Sources: continuous backup and its 15-minute lag
 * (https://docs.aws.amazon.com/aws-backup/latest/devguide/point-in-time-recovery.html), the restore
 * metadata (https://docs.aws.amazon.com/aws-backup/latest/devguide/restoring-s3.html#s3-restore-cli),
 * stopping (https://docs.aws.amazon.com/aws-backup/latest/devguide/point-in-time-recovery-stopping.html),
 * copies ("cross-Region or cross-account destination copies will not have PITR … the copies will be
 * snapshot copies", https://docs.aws.amazon.com/aws-backup/latest/devguide/point-in-time-recovery-copying.html),
 * restore testing (https://docs.aws.amazon.com/aws-backup/latest/devguide/restore-testing-inferred-metadata.html).
 */
import type { MetadataKey, ResourceTypeRecord } from './record';

const KEYS: MetadataKey[] = [
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

export const S3: ResourceTypeRecord = {
  name: 'S3',
  optInName: 'S3',
  continuous: {
    restoreLagMinutes: 15,
    // The STOPPED status's causes: "removal of permissions, turning off versioning, turning off events
    // being sent to EventBridge, or disabling the EventBridge rules" (DescribeRecoveryPoint, service model).
    stoppedCauses:
      'check the bucket’s versioning, its events to EventBridge, AWS Backup’s EventBridge rules and the role’s permissions',
  },
  defaultRpoMinutes: 60,
  arn: { service: 's3', resource: /^arn:[^:]+:s3:::/ },
  noun: 'bucket',
  icon: 'folder-library',
  restore: {
    metadataKeys: KEYS,
    markers: /^(destinationbucketname|itemstorestore|restorelatestversionsupto|restoreacls)$/,
    fileName: /(^|[^a-z0-9])s3([^a-z0-9]|$)/,
    destinationKeys: [
      'DestinationBucketName',
      'NewBucket',
      'ItemsToRestore',
      'RestoreLatestVersionsUpTo',
      'KMSKey',
    ],
    destinationSummary: (named, value) =>
      `${value('NewBucket')?.toLowerCase() === 'true' ? 'a new S3 bucket' : 'the S3 bucket'} ${named('DestinationBucketName')}`,
    notes: (value) => [
      'An S3 restore never overwrites: objects that already exist in the destination bucket are skipped.',
      ...(value('NewBucket')?.toLowerCase() === 'true'
        ? ['The new bucket is billed from its creation.']
        : []),
    ],
    destination: { key: 'DestinationBucketName', what: 'bucket name', nameKind: 'bucket', alwaysNew: false },
    options: 's3',
    explicitTime: true,
  },
  lifecycle: {
    stop: (name, retentionDays) => [
      `AWS Backup stops the continuous backup of bucket ${name}. The recovery point becomes STOPPED and stays restorable, to any second of its window up to now, until its retention ends${retentionDays !== undefined ? ` (${retentionDays} days)` : ''}.`,
    ],
    delete: (name) => [
      `The backup data of bucket ${name} is deleted and can no longer be restored: no second of its window can be restored afterwards.`,
    ],
  },
  copy: { continuousCopyIs: 'snapshot', sourceSnapshotDeleted: false },
  restoreTesting: { overridableKeys: ['encryptionType', 'kmsKey', 'restoreACLs'] },
};
