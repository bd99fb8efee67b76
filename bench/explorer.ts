/**
 * The explorer on a vault of 10,000 recovery points (issue 4): the first page must show after exactly
 * one request; and the memory the explorer model holds after paging through all of it, against before.
 * Runs the extension's own explorer model in this Node process, against the emulator over HTTP; the
 * memory is this process's heap after a forced GC (run with --expose-gc), as the extension host's
 * would hold the same objects.
 */
import { openBackupApi } from '../src/aws/backupApi';
import { BackupClientFactory } from '../src/aws/clientFactory';
import { ConnectionNode } from '../src/explorer/nodes/connection';
import { LoadMoreNode, VaultNode } from '../src/explorer/nodes/vault';
import { startEmulator } from '../src/emulator/server';

function heapMb(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) {
    gc();
    gc();
  }
  return process.memoryUsage().heapUsed / 1_048_576;
}

export async function benchExplorer(): Promise<void> {
  const emu = await startEmulator({ bulkRecoveryPoints: 10_000 });
  const factory = new BackupClientFactory();
  const api = await openBackupApi(factory, { region: emu.region, endpoint: emu.url, localEmulator: true });
  const root = new ConnectionNode({ api, now: () => new Date(), pageSize: 100, changed: () => undefined });
  const [vaults] = await root.children();
  const bulk = (await vaults!.children()).find(
    (v) => v instanceof VaultNode && v.name === 'bulk-archive',
  ) as VaultNode;
  const pageAll = async (): Promise<number> => {
    let kids = await bulk.children();
    while (kids.at(-1) instanceof LoadMoreNode) {
      await bulk.loadMore();
      kids = await bulk.children();
    }
    return kids.length;
  };
  const before = heapMb();
  const requests0 = emu.requestCount('ListRecoveryPointsByBackupVault');
  const t0 = performance.now();
  await bulk.children();
  const firstPageMs = performance.now() - t0;
  const firstRequests = emu.requestCount('ListRecoveryPointsByBackupVault') - requests0;
  const shown = await pageAll();
  const total = emu.requestCount('ListRecoveryPointsByBackupVault') - requests0;
  const after = heapMb();
  bulk.reset();
  await pageAll();
  const again = heapMb();
  console.log(`\nExplorer on a vault of 10,000 recovery points (page size 100)`);
  console.log(
    `first page: ${firstRequests} request${firstRequests === 1 ? '' : 's'} (goal: exactly 1), ${firstPageMs.toFixed(1)} ms; all ${shown} nodes after ${total} requests`,
  );
  console.log(
    `heap ${(globalThis as { gc?: unknown }).gc ? 'after GC' : '(run with --expose-gc for settled figures)'}: before expanding ${before.toFixed(1)} MB; after paging through all ${after.toFixed(1)} MB (+${(after - before).toFixed(1)} MB); after a refresh and paging through all again ${again.toFixed(1)} MB (+${(again - after).toFixed(1)} MB: nothing kept from the first pass)`,
  );
  factory.dispose();
  await emu.close();
}
