/**
 * Amazon DynamoDB. AWS Backup has NO continuous backup for it: continuous backup covers S3, RDS,
 * Aurora and SAP HANA on Amazon EC2 (https://docs.aws.amazon.com/aws-backup/latest/devguide/point-in-time-recovery.html);
 * a continuous rule falls back to snapshots for other types ("If AWS Backup is unable to perform a
 * continuous backup, it tries to perform a snapshot backup instead", same page). DynamoDB's own
 * point-in-time recovery is DynamoDB's, not AWS Backup's.
 * ARN: `arn:${Partition}:dynamodb:${Region}:${Account}:table/${TableName}`; its backups:
 * `table/<name>/backup/<id>` (https://docs.aws.amazon.com/aws-backup/latest/devguide/recovery-points.html).
 * Restore: "New table name" (https://docs.aws.amazon.com/aws-backup/latest/devguide/restoring-dynamodb.html);
 * the metadata key that carries it is NOT FOUND in the facts this project keeps, so none is listed.
 */
import type { ResourceTypeRecord } from './record';

export const DYNAMODB: ResourceTypeRecord = {
  name: 'DynamoDB',
  optInName: 'DynamoDB',
  arn: {
    service: 'dynamodb',
    resource: /^arn:[^:]+:dynamodb:/,
    recoveryPoint: /^arn:[^:]+:dynamodb:[^:]*:\d*:table\/[^/]+\/backup\//,
    nameOfRecoveryPoint: (arn) => /:table\/([^/]+)\/backup\//.exec(arn)?.[1],
  },
  noun: 'table',
  icon: 'table',
};
