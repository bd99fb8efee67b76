import type { LiveFacts } from '../lint/live';
import { locateRecoveryPoint } from './locate';
import { windowOfRecoveryPoint } from '../backup/restorableWindow';
import { collect, type BackupApi } from './backupApi';

const TTL_MS = 60_000;

/** LiveFacts from the door to AWS, with the vault list cached for a minute. */
export function liveFactsFrom(api: BackupApi, now: () => number = Date.now): LiveFacts {
  let vaults:
    { at: number; value: Promise<{ names: Set<string>; arns: Set<string>; accountId?: string }> } | undefined;
  return {
    region: api.connection.region,
    vaults() {
      if (!vaults || now() - vaults.at > TTL_MS) {
        const value = collect(api.listBackupVaults()).then((list) => {
          const arns = new Set(list.map((v) => v.BackupVaultArn ?? ''));
          const accountId = list
            .map((v) => /:(\d{12}):backup-vault:/.exec(v.BackupVaultArn ?? '')?.[1])
            .find(Boolean);
          return {
            names: new Set(list.map((v) => v.BackupVaultName ?? '')),
            arns,
            ...(accountId ? { accountId } : {}),
          };
        });
        vaults = { at: now(), value };
        value.catch(() => (vaults = undefined));
      }
      return vaults.value;
    },
    async continuousVaultOf(resourceArn) {
      const points = await collect(api.listRecoveryPointsByResource(resourceArn));
      return points.find(
        (p) => p.RecoveryPointArn?.includes(':recovery-point:continuous:') && p.Status !== 'STOPPED',
      )?.BackupVaultName;
    },
    async windowOf(recoveryPointArn) {
      const { names } = await this.vaults();
      const found = await locateRecoveryPoint(api, recoveryPointArn, names);
      return found
        ? windowOfRecoveryPoint({ ...found.point, RecoveryPointArn: recoveryPointArn }, new Date(now()))
        : undefined;
    },
    async planContinuousVaults(planId) {
      try {
        const plan = await api.getBackupPlan(planId);
        return (plan.BackupPlan?.Rules ?? [])
          .filter((r) => r.EnableContinuousBackup)
          .map((r) => r.TargetBackupVaultName ?? '');
      } catch {
        return undefined;
      }
    },
  };
}
