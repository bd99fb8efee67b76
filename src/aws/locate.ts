import type { DescribeRecoveryPointCommandOutput } from '@aws-sdk/client-backup';
import { collect, type BackupApi } from './backupApi';
import { AwsAccessError } from './errors';

/**
 * Finds the vault that holds a recovery point. Its ARN does not name the vault: each vault of the
 * account is asked with DescribeRecoveryPoint until one knows it (`vaultNames` saves the listing).
 */
export async function locateRecoveryPoint(
  api: BackupApi,
  recoveryPointArn: string,
  vaultNames?: Iterable<string>,
): Promise<{ vault: string; point: DescribeRecoveryPointCommandOutput } | undefined> {
  const names =
    vaultNames ?? (await collect(api.listBackupVaults())).map((v) => v.BackupVaultName ?? '').filter(Boolean);
  for (const vault of names) {
    try {
      return { vault, point: await api.describeRecoveryPoint(vault, recoveryPointArn) };
    } catch (e) {
      if (e instanceof AwsAccessError && (e.kind === 'not-found' || e.kind === 'vault-not-found')) continue;
      throw e;
    }
  }
  return undefined;
}
