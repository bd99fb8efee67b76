import { strict as assert } from 'node:assert';
import { openBackupApi } from '../../../src/aws/backupApi';
import { BackupClientFactory } from '../../../src/aws/clientFactory';
import type { ExplorerNode } from '../../../src/explorer/nodes/base';
import { ConnectionNode } from '../../../src/explorer/nodes/connection';
import { startEmulator, type Emulator } from '../../../src/emulator/server';
import { isolateAwsEnvironment } from '../aws/awsTestEnv';

/** The explorer's Restore testing group against the emulator's seeded plan: its selections and its jobs. */
describe('explorer: restore testing plans, selections and their jobs', function () {
  this.timeout(30_000);
  let emu: Emulator;
  let env: ReturnType<typeof isolateAwsEnvironment>;
  let factory: BackupClientFactory;
  let root: ConnectionNode;

  before(async () => {
    env = isolateAwsEnvironment();
    emu = await startEmulator({ bulkRecoveryPoints: 5 });
    factory = new BackupClientFactory({ maxAttempts: 1 });
    root = new ConnectionNode({
      api: await openBackupApi(factory, { profile: 'emulator', region: 'us-east-1', endpoint: emu.url }),
      now: () => new Date(),
      pageSize: 100,
      timeZone: 'UTC',
      changed: () => undefined,
    });
  });
  after(async () => {
    factory.dispose();
    await emu.close();
    env.restore();
  });

  const child = async (n: ExplorerNode, label: string | RegExp): Promise<ExplorerNode> => {
    const kids = await n.children();
    const found = kids.find((k) =>
      typeof label === 'string' ? k.view().label === label : label.test(k.view().label),
    );
    assert.ok(found, `${String(label)} among ${kids.map((k) => k.view().label).join(', ')}`);
    return found;
  };

  it('lists the seeded plan, its selections, and its jobs with status, duration, validation and deletion', async () => {
    const plan = await child(await child(root, 'Restore testing'), 'orders_weekly_restore_test');
    assert.match(plan.view().description ?? '', /^cron\(0 1 \? \* SUN \*\) · last run \d{4}-/);
    const selections = await (await child(plan, 'Selections')).children();
    assert.deepEqual(
      selections.map((s) => `${s.view().label}: ${s.view().description ?? ''}`),
      ['aurora_clusters: Aurora · validation window 4 h', 'rds_instances: RDS · validation window 2 h'],
    );
    const jobs = (await (await child(plan, 'Restore jobs')).children()).map(
      (j) => `${j.view().label.split(' ')[0]!}: ${j.view().description ?? ''}`,
    );
    assert.ok(
      jobs.includes(
        'analytics-cluster: COMPLETED · 4 h 58 min · validation SUCCESSFUL · deletion SUCCESSFUL',
      ),
      jobs.join('\n'),
    );
    assert.ok(
      jobs.some((j) => /^orders-db: COMPLETED · 3\d min · validation SUCCESSFUL/.test(j)),
      jobs.join('\n'),
    );
    assert.ok(
      jobs.some((j) => /^analytics-cluster: FAILED$/.test(j)),
      'the failed run: no duration, no validation',
    );
  });

  it('a plan started now shows its new job pending, with no duration yet', async () => {
    await fetch(`${emu.url}/__emulator/restore-testing/run`, {
      method: 'POST',
      body: JSON.stringify({ plan: 'orders_weekly_restore_test' }),
    });
    root.reset();
    const group = await child(root, 'Restore testing');
    group.reset();
    const plan = await child(group, 'orders_weekly_restore_test');
    const jobs = (await (await child(plan, 'Restore jobs')).children()).map(
      (j) => j.view().description ?? '',
    );
    assert.ok(jobs.filter((d) => d === 'PENDING').length >= 1, jobs.join('\n'));
  });
});
