/**
 * The restore metadata the emulator says AWS Backup infers for a restore test, per resource type
 * (emulator data, like the seed: GetRestoreTestingInferredMetadata and the restore testing run use it).
 */
import type { AccountState, RecoveryPoint } from './state';

/**
 * What AWS Backup would infer to restore a point in a test. S3, DynamoDB and EBS follow
 * https://docs.aws.amazon.com/aws-backup/latest/devguide/restore-testing-inferred-metadata.html
 * (a random name starting "awsbackup-restore-test-", encryption on); for other types the emulator
 * keeps the point's own restore metadata with a fresh name where it has an identifier key.
 */
export function inferredMetadata(state: AccountState, p: RecoveryPoint): Record<string, string> {
  const name = `awsbackup-restore-test-${state.id('inferred', 'hex').slice(0, 12)}`;
  switch (p.ResourceType) {
    case 'S3':
      return {
        destinationBucketName: name,
        encrypted: 'true',
        encryptionType: 'SSE-S3',
        newBucket: 'true',
        restoreACLs: 'false',
      };
    case 'DynamoDB':
      return { deletionProtection: 'false', encryptionType: 'Default', targetTableName: name };
    case 'EBS':
      return { availabilityZone: `${state.region}a`, encrypted: 'true' };
    default: {
      const out = { ...p.restoreMetadata };
      for (const k of Object.keys(out))
        if (/^(DBInstanceIdentifier|dbClusterIdentifier|DBClusterIdentifier)$/.test(k)) out[k] = name;
      return out;
    }
  }
}
