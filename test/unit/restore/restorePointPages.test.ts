import { strict as assert } from 'node:assert';
import type { BackupApi, Page } from '../../../src/aws/backupApi';
import type { PointSummary } from '../../../src/backup/recoveryPoint';
import { makeFlow } from '../../../src/restore/wizardSteps/flow';
import { pointPages } from '../../../src/restore/wizardSteps/pointSteps';
import type { WizardUi } from '../../../src/restore/wizard';

const now = new Date('2025-08-01T12:00:00Z');
const rp = (name: string, continuous: boolean, daysAgo: number): PointSummary => ({
  RecoveryPointArn: `arn:aws:backup:us-east-1:123456789012:recovery-point:${continuous ? 'continuous:' : ''}${name}`,
  ResourceName: name,
  ResourceType: 'S3',
  Status: 'COMPLETED',
  CreationDate: new Date(now.getTime() - daysAgo * 86_400_000),
  Lifecycle: { DeleteAfterDays: 35 },
});

/** A vault listed in pages; every request is counted. */
function pagedApi(pages: PointSummary[][]): { api: BackupApi; requests: () => number } {
  let requests = 0;
  const api = {
    connection: { region: 'us-east-1' },
    async *listRecoveryPoints(): AsyncGenerator<Page<PointSummary>> {
      for (const [i, items] of pages.entries()) {
        requests++;
        await new Promise((r) => setTimeout(r, 1));
        yield { items, ...(i < pages.length - 1 ? { nextToken: String(i + 1) } : {}) };
      }
    },
  } as unknown as BackupApi;
  return { api, requests: () => requests };
}

describe('the restore flow lists recovery points a page at a time (issue 11)', () => {
  const ui = {} as WizardUi;

  it('shows the first page after one request, continuous first; later pages keep what is shown', async () => {
    const { api, requests } = pagedApi([
      [rp('snap-a', false, 2), rp('pitr-b', true, 30)],
      [rp('pitr-c', true, 10), rp('snap-d', false, 1), { ...rp('gone', false, 1), Status: 'EXPIRED' }],
      [rp('snap-e', false, 3)],
    ]);
    const f = makeFlow(ui, { apis: [api], now: () => now }, { api, vault: 'v' });
    const { first, more } = pointPages(f, 'v');
    const shown = await first;
    assert.equal(requests(), 1, 'one request before the first items');
    assert.deepEqual(
      shown.map((c) => c.value.ResourceName),
      ['pitr-b', 'snap-a'],
    );
    const batches: string[][] = [];
    let last = shown;
    for await (const batch of more) {
      batches.push(batch.map((c) => c.value.ResourceName ?? ''));
      last = batch;
    }
    assert.deepEqual(batches, [
      ['pitr-b', 'pitr-c', 'snap-a', 'snap-d'],
      ['pitr-b', 'pitr-c', 'snap-a', 'snap-d', 'snap-e'],
    ]);
    // The choices already shown are the same objects: the quick pick keeps the one under the cursor.
    assert.equal(last[0], shown[0]);
    assert.equal(last[2], shown[1]);
    assert.equal(requests(), 3);
  });

  it('reads on past pages with nothing restorable, and says so when the vault has none', async () => {
    const expired = { ...rp('x', false, 1), Status: 'EXPIRED' };
    const some = pagedApi([[expired], [rp('snap', false, 1)]]);
    const f = makeFlow(ui, { apis: [some.api], now: () => now }, { api: some.api, vault: 'v' });
    assert.deepEqual(
      (await pointPages(f, 'v').first).map((c) => c.value.ResourceName),
      ['snap'],
    );
    const none = pagedApi([[expired]]);
    const g = makeFlow(ui, { apis: [none.api], now: () => now }, { api: none.api, vault: 'v' });
    await assert.rejects(pointPages(g, 'v').first, /Vault "v" has no recovery point to restore/);
  });
});
