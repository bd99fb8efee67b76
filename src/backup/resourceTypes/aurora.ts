/**
 * Amazon Aurora (DB clusters). Sources: the restore
 * (https://docs.aws.amazon.com/aws-backup/latest/devguide/restoring-aur.html: "AWS Backup restores your
 * Aurora cluster; it does not create or attach an Amazon RDS instance"), continuous backup
 * (https://docs.aws.amazon.com/aws-backup/latest/devguide/point-in-time-recovery.html; an Aurora
 * restore lag is NOT FOUND there: Aurora restores through the same RDS point-in-time mechanism, so
 * the RDS figure is assumed), stopping and deleting
 * (https://docs.aws.amazon.com/aws-backup/latest/devguide/point-in-time-recovery-stopping.html),
 * copies (as RDS: snapshot, copy, source snapshot deleted,
 * https://docs.aws.amazon.com/aws-backup/latest/devguide/point-in-time-recovery-copying.html).
 * Its cluster ARN (`arn:aws:rds:…:cluster:…`) is Neptune's and DocumentDB's too: it decides nothing.
 */
import type { MetadataKey, ResourceTypeRecord } from './record';
import { RDS, RDS_PITR } from './rds';

/** The PascalCase spelling the Aurora page's example uses for its camelCase keys. */
function pascal(key: string): string {
  return key.startsWith('db') ? `DB${key.slice(2)}` : key[0]!.toUpperCase() + key.slice(1);
}

const KEYS: MetadataKey[] = [
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
for (const k of RDS_PITR) KEYS.push(k);

export const AURORA: ResourceTypeRecord = {
  name: 'Aurora',
  optInName: 'Aurora',
  continuous: {
    restoreLagMinutes: RDS.continuous!.restoreLagMinutes!,
    restoreLagNote: `Aurora restore lag assumed ${RDS.continuous!.restoreLagMinutes!} minutes, as RDS (AWS does not document it).`,
  },
  defaultRpoMinutes: 60,
  arn: { service: 'rds' },
  noun: 'cluster',
  icon: 'server-environment',
  restore: {
    metadataKeys: KEYS,
    markers: /^(dbclusteridentifier|restoretotime)$/,
    fileName: /aurora/,
    destinationKeys: [
      'DBClusterIdentifier',
      'DBSubnetGroupName',
      'AvailabilityZones',
      'VpcSecurityGroupIds',
      'KmsKeyId',
    ],
    destinationSummary: (named) => `a new Aurora DB cluster ${named('DBClusterIdentifier')}`,
    notes: () => [
      'An Aurora restore creates the cluster only, with no DB instances: add one (aws rds create-db-instance) before you connect.',
      'The new cluster is billed from its creation.',
    ],
    destination: {
      key: 'dbClusterIdentifier',
      what: 'new Aurora DB cluster identifier',
      nameKind: 'db-identifier',
      alwaysNew: true,
    },
    options: 'db-cluster',
  },
  lifecycle: {
    stop: (name) => [
      `AWS Backup releases control of the continuous backup of cluster ${name} to Amazon Aurora. The recovery point leaves AWS Backup; the backup data stays in Aurora (the cluster's automated backups) and can be restored from Aurora.`,
    ],
    delete: (name) => [
      `The data of cluster ${name} is not fully deleted: it stays restorable from Aurora, and AWS Backup sets the cluster's automated-backup retention to 1 day. Aurora backups cannot be completely deleted until the cluster itself is deleted.`,
    ],
  },
  copy: { continuousCopyIs: 'snapshot', sourceSnapshotDeleted: true, oneHop: true },
};
