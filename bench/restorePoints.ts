/**
 * The restore flow's recovery-point step on a vault of 10,000 recovery points (issue 11): the first
 * items must show after one request (ListRecoveryPointsByBackupVault, a page of 1,000), the rest
 * arriving while the person reads. Runs the flow's own steps in this Node process with a window UI
 * that records when the pick's first items arrive, against the emulator over HTTP.
 */
import { openBackupApi } from '../src/aws/backupApi';
import { BackupClientFactory } from '../src/aws/clientFactory';
import { startEmulator } from '../src/emulator/server';
import { runRestoreWizard, type Choice, type PickOptions, type WizardUi } from '../src/restore/wizard';

export async function benchRestorePoints(): Promise<void> {
  const emu = await startEmulator({ bulkRecoveryPoints: 10_000 });
  const factory = new BackupClientFactory();
  const api = await openBackupApi(factory, { region: emu.region, endpoint: emu.url, localEmulator: true });
  const list = (): number => emu.requestCount('ListRecoveryPointsByBackupVault');
  let first: { requests: number; items: number; ms: number } | undefined;
  let all: { requests: number; items: number; batches: number; ms: number } | undefined;
  const ui: WizardUi = {
    async pick<T>(_h: unknown, o: PickOptions<T>) {
      const items: Choice<T>[] = await o.items;
      if (!o.placeholder.startsWith('Which recovery point')) {
        const bulk = items.find((i) => i.label === 'bulk-archive');
        return bulk?.value;
      }
      const t0 = performance.now() - started;
      first = { requests: list(), items: items.length, ms: t0 };
      let batches = 0;
      let last = items;
      for await (const batch of o.more ?? []) {
        batches++;
        last = batch;
      }
      all = { requests: list(), items: last.length, batches, ms: performance.now() - started };
      return undefined; // cancel: nothing restores
    },
    input: () => Promise.resolve(undefined),
  };
  const before = list();
  const started = performance.now();
  await runRestoreWizard(ui, { apis: [api] });
  factory.dispose();
  await emu.close();
  if (!first || !all) throw new Error('the recovery-point step was not reached');
  const requests = first.requests - before;
  console.log('');
  console.log(
    'Restore flow, recovery-point step, vault of 10,000 recovery points (goal: first items after 1 request)',
  );
  console.log(
    `first items: ${first.items} after ${requests} request${requests === 1 ? '' : 's'} (${first.ms.toFixed(0)} ms); all ${all.items} after ${all.requests - before} requests (${all.ms.toFixed(0)} ms, ${all.batches} more batches while the person reads)`,
  );
  console.log(
    `requests before the first items: ${requests} ${requests <= 1 ? 'meets' : 'MISSES'} the goal of 1`,
  );
}
