import type { LiveFacts } from '../lint/live';
import { locateRecoveryPoint } from './locate';
import { windowOfRecoveryPoint } from '../backup/restorableWindow';
import { isContinuousRecoveryPointArn } from '../backup/recoveryPoint';
import { collect, type BackupApi } from './backupApi';
import { PlanApi } from './planApi';

/** How long an answer from the account is reused. */
const TTL_MS = 60_000;
/** Requests in flight at once for one account and Region, however many documents ask. */
export const MAX_CONCURRENT_REQUESTS = 4;
/** Answers kept per kind (the oldest go first). */
const MAX_CACHED = 2_000;

/** Answers by key for TTL_MS: one request per key however often it is asked; failures are not kept. */
class TtlCache<V> {
  private readonly entries = new Map<string, { at: number; value: Promise<V> }>();

  constructor(private readonly now: () => number) {}

  get(key: string, load: () => Promise<V>): Promise<V> {
    const hit = this.entries.get(key);
    if (hit && this.now() - hit.at <= TTL_MS) return hit.value;
    this.entries.delete(key);
    const entry = { at: this.now(), value: load() };
    this.entries.set(key, entry);
    entry.value.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    while (this.entries.size > MAX_CACHED) this.entries.delete(this.entries.keys().next().value!);
    return entry.value;
  }
}

/** Runs at most `max` tasks at once; the rest wait their turn, in order. */
function limiter(max: number): <T>(run: () => Promise<T>) => Promise<T> {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async (run) => {
    if (active < max) active++;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await run();
    } finally {
      // The slot passes straight to the next task, so none can slip in between.
      const next = waiting.shift();
      if (next) next();
      else active--;
    }
  };
}

type Vaults = Awaited<ReturnType<LiveFacts['vaults']>>;

/**
 * LiveFacts from the door to AWS, for one account and Region (the extension makes one per
 * connection): every answer is cached for a minute, so re-linting as one types, or opening many
 * documents, asks again only for what is new; at most MAX_CONCURRENT_REQUESTS requests run at once.
 */
export function liveFactsFrom(api: BackupApi, now: () => number = Date.now): LiveFacts {
  const limit = limiter(MAX_CONCURRENT_REQUESTS);
  const vaults = new TtlCache<Vaults>(now);
  const holders = new TtlCache<string | undefined>(now);
  const plans = new TtlCache<string[] | undefined>(now);
  const optIn = new TtlCache<Record<string, boolean> | undefined>(now);
  return {
    region: api.connection.region,
    vaults() {
      return vaults.get('', () =>
        limit(() => collect(api.listBackupVaults())).then((list) => {
          const arns = new Set(list.map((v) => v.BackupVaultArn ?? ''));
          const accountId = list
            .map((v) => /:(\d{12}):backup-vault:/.exec(v.BackupVaultArn ?? '')?.[1])
            .find(Boolean);
          return {
            names: new Set(list.map((v) => v.BackupVaultName ?? '')),
            arns,
            ...(accountId ? { accountId } : {}),
          };
        }),
      );
    },
    continuousVaultOf(resourceArn) {
      return holders.get(resourceArn, async () => {
        const points = await limit(() => collect(api.listRecoveryPointsByResource(resourceArn)));
        return points.find((p) => isContinuousRecoveryPointArn(p.RecoveryPointArn) && p.Status !== 'STOPPED')
          ?.BackupVaultName;
      });
    },
    async windowOf(recoveryPointArn) {
      const { names } = await this.vaults();
      const found = await limit(() => locateRecoveryPoint(api, recoveryPointArn, names));
      return found
        ? windowOfRecoveryPoint({ ...found.point, RecoveryPointArn: recoveryPointArn }, new Date(now()))
        : undefined;
    },
    regionOptIn() {
      // Unreadable (no backup:DescribeRegionSettings permission, say): no LIVE005, rather than a guess.
      return optIn.get('', () =>
        limit(() => new PlanApi(api).describeRegionSettings()).catch(() => undefined),
      );
    },
    planContinuousVaults(planId) {
      return plans.get(planId, async () => {
        try {
          const plan = await limit(() => api.getBackupPlan(planId));
          return (plan.BackupPlan?.Rules ?? [])
            .filter((r) => r.EnableContinuousBackup)
            .map((r) => r.TargetBackupVaultName ?? '');
        } catch {
          return undefined;
        }
      });
    },
  };
}
