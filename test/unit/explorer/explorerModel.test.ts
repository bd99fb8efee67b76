import { strict as assert } from 'node:assert';
import { openBackupApi } from '../../../src/aws/backupApi';
import { BackupClientFactory } from '../../../src/aws/clientFactory';
import type { Connection } from '../../../src/aws/connection';
import { ErrorNode, type ExplorerContext, type ExplorerNode } from '../../../src/explorer/nodes/base';
import { ConnectionNode } from '../../../src/explorer/nodes/connection';
import { RestoreJobNode } from '../../../src/explorer/nodes/jobs';
import { PlanNode } from '../../../src/explorer/nodes/plan';
import { LoadMoreNode, RecoveryPointNode, VaultNode } from '../../../src/explorer/nodes/vault';
import { startEmulator, type Emulator } from '../../../src/emulator/server';
import { isolateAwsEnvironment } from '../aws/awsTestEnv';

describe('explorer tree model, against the emulator', function () {
  this.timeout(30_000);
  let emu: Emulator;
  let env: ReturnType<typeof isolateAwsEnvironment>;
  let factory: BackupClientFactory;
  let ctx: ExplorerContext;
  let root: ConnectionNode;
  const changed: (ExplorerNode | undefined)[] = [];

  before(async () => {
    env = isolateAwsEnvironment();
    emu = await startEmulator({ bulkRecoveryPoints: 250 });
    factory = new BackupClientFactory({ maxAttempts: 1 });
    const conn: Connection = { profile: 'emulator', region: 'us-east-1', endpoint: emu.url };
    ctx = {
      api: await openBackupApi(factory, conn),
      now: () => new Date(),
      pageSize: 100,
      timeZone: 'UTC',
      changed: (n) => changed.push(n),
    };
    root = new ConnectionNode(ctx);
  });
  after(async () => {
    factory.dispose();
    await emu.close();
    env.restore();
  });
  afterEach(() => emu.setFaults({}));

  const labels = async (n: ExplorerNode) => (await n.children()).map((c) => c.view().label);
  const vault = async (name: string) => {
    const [vaults] = await root.children();
    return (await vaults!.children()).find((v) => v instanceof VaultNode && v.name === name) as VaultNode;
  };

  it('shows the connection, then vaults, plans and restore jobs', async () => {
    assert.deepEqual(root.view().label, 'emulator');
    assert.match(root.view().description ?? '', /us-east-1/);
    assert.deepEqual(await labels(root), [
      'Backup vaults',
      'Protected resources',
      'Backup plans',
      'Restore jobs',
      'Backup jobs',
      'Copy jobs',
      'Restore testing',
    ]);
    const [vaults] = await root.children();
    assert.deepEqual(await labels(vaults!), [
      'Default',
      'prod-pitr',
      'compliance-locked',
      'airgapped-lag',
      'empty-vault',
      'bulk-archive',
    ]);
  });

  it('describes vaults: type, lock and count', async () => {
    assert.match(
      (await vault('compliance-locked')).view().description!,
      /standard · locked 7–3650 days · 3 recovery points/,
    );
    assert.match((await vault('airgapped-lag')).view().description!, /logically air-gapped/);
    assert.equal((await vault('compliance-locked')).view().icon?.id, 'lock');
  });

  it('lists continuous points first, marked, with their restorable window', async () => {
    const points = (await (await vault('prod-pitr')).children()) as RecoveryPointNode[];
    const firstFour = points.slice(0, 4);
    assert.ok(
      firstFour.every((p) => p.continuous),
      'continuous points come first',
    );
    const orders = firstFour.find((p) => p.point.ResourceName === 'orders-bucket')!;
    assert.match(
      orders.view().description!,
      /^PITR · S3 · restorable \d{4}-\d\d-\d\d \d\d:\d\d:\d\d → \d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/,
    );
    assert.match(orders.view().tooltip!, /Restorable from .* UTC to .* UTC/);
    const stopped = firstFour.find((p) => p.point.Status === 'STOPPED')!;
    assert.match(stopped.view().description!, /STOPPED/);
    assert.equal(stopped.view().icon?.color, 'list.warningForeground');
    assert.ok(!points.slice(4).some((p) => p.continuous));
    assert.match(points[4]!.view().description!, /snapshot/);
  });

  it('pages a large vault: first page in one request, then "Load more" to the end, one request each', async () => {
    const bulk = await vault('bulk-archive');
    const before = emu.requestCount('ListRecoveryPointsByBackupVault');
    let kids = await bulk.children();
    assert.equal(emu.requestCount('ListRecoveryPointsByBackupVault') - before, 1);
    assert.equal(kids.length, 101);
    const more = kids[100] as LoadMoreNode;
    assert.ok(more instanceof LoadMoreNode);
    assert.match(more.view().description!, /100 shown \(100\+\)/);
    await bulk.loadMore();
    await bulk.loadMore();
    kids = await bulk.children();
    assert.equal(kids.filter((k) => k instanceof RecoveryPointNode).length, 250);
    assert.ok(!kids.some((k) => k instanceof LoadMoreNode), 'no "Load more" at the end');
    assert.equal(emu.requestCount('ListRecoveryPointsByBackupVault') - before, 3);
    assert.ok(changed.includes(bulk));
  });

  it('filters on the server and shows the filter on the node', async () => {
    const pitr = await vault('prod-pitr');
    pitr.filter = { ByResourceType: 'RDS' };
    pitr.reset();
    const kids = (await pitr.children()) as RecoveryPointNode[];
    assert.ok(kids.length > 0 && kids.every((k) => k.point.ResourceType === 'RDS'));
    assert.match(pitr.view().description!, /filtered: type RDS/);
    assert.equal(pitr.view().contextValue, 'awsBackupPitr.vault.filtered');
    const listed = emu.state.requests.filter((r) => r.operation === 'ListRecoveryPointsByBackupVault');
    assert.equal(listed.at(-1)?.input.ByResourceType, 'RDS');
    pitr.filter = {};
    pitr.reset();
  });

  it('turns failures into error nodes with a retry, and a sign-in action for expired credentials', async () => {
    const pitr = await vault('prod-pitr');
    pitr.reset();
    emu.setFaults({ expiredCredentials: true });
    const [err] = await pitr.children();
    assert.ok(err instanceof ErrorNode);
    assert.equal(err.view().contextValue, 'awsBackupPitr.error.signIn');
    assert.match(
      err.view().label,
      /Could not list the recovery points of prod-pitr: The credentials for profile "emulator" have expired/,
    );
    assert.equal(err.view().command?.command, 'awsBackupPitr.explorer.retry');
    emu.setFaults({});
    pitr.reset();
    assert.ok((await pitr.children()).every((c) => c instanceof RecoveryPointNode));
  });

  it('one failing vault does not hide the others', async () => {
    emu.setFaults({ accessDenied: ['ListRecoveryPointsByBackupVault'] });
    const a = await vault('Default');
    a.reset();
    assert.ok((await a.children())[0] instanceof ErrorNode);
    emu.setFaults({});
    const b = await vault('compliance-locked');
    b.reset();
    assert.ok((await b.children())[0] instanceof RecoveryPointNode);
  });

  it('shows plans with their rules, the continuous one marked', async () => {
    const [, , plans] = await root.children();
    const plan = (await plans!.children()).find((p) => p.view().label === 'pitr-orders') as PlanNode;
    const kids = await plan.children();
    // The rules, then the plan's resource assignments.
    const rules = kids.slice(0, -1);
    assert.deepEqual(
      rules.map((r) => r.view().description),
      [
        'continuous (PITR) · cron(0 5 ? * * *) · keep 35 days · → prod-pitr',
        'snapshots · cron(0 3 ? * * *) · keep 365 days · → prod-pitr · 1 copy',
      ],
    );
    assert.equal(rules[0]!.view().icon?.color, 'charts.green');
    const assigned = kids.at(-1)!;
    assert.equal(assigned.view().label, 'Resource assignments');
    assert.ok((await assigned.children()).length >= 1, 'the seeded plan has a selection');
    assert.ok((await assigned.children()).every((s) => s.view().contextValue === 'awsBackupPitr.selection'));
  });

  it('shows restore jobs with status, the failed one with its message', async () => {
    const [, , , jobs] = await root.children();
    const kids = (await jobs!.children()) as RestoreJobNode[];
    const failed = kids.find((k) => k.job.Status === 'FAILED')!;
    assert.match(failed.view().tooltip!, /Access Denied/);
    assert.equal(failed.view().icon?.id, 'error');
    assert.doesNotMatch(failed.view().description!, /started here/);
    // A job this extension started says so.
    const marked = new RestoreJobNode(
      failed.parent,
      { ...ctx, startedHere: (id) => id === failed.job.RestoreJobId },
      failed.job,
    );
    assert.match(marked.view().description!, /FAILED · started here$/);
  });

  it('shows protected resources, each with its continuous point (and window) and snapshots across vaults', async () => {
    const [, resources] = await root.children();
    const orders = (await resources!.children()).find((r) => r.view().label === 'orders-bucket')!;
    assert.match(orders.view().description!, /^S3 · last backup /);
    const points = (await orders.children()) as RecoveryPointNode[];
    assert.ok(points[0]!.continuous, 'the continuous point first');
    assert.match(points[0]!.view().description!, /PITR · S3 · restorable/);
    assert.deepEqual([...new Set(points.map((p) => p.view().label))].sort(), ['airgapped-lag', 'prod-pitr']);
  });

  it('shows backup and copy jobs of the period, a failed backup job with its message', async () => {
    const [, , , , backups, copies] = await root.children();
    const b = await backups!.children();
    const failed = b.find((j) => /FAILED/.test(j.view().description ?? ''))!;
    assert.match(failed.view().tooltip!, /already has continuous backup enabled for another vault/);
    const c = await copies!.children();
    assert.ok(c.length >= 2 && c.every((j) => /COMPLETED/.test(j.view().description ?? '')));
  });
  it('a refreshed vault (after a delete) says its new count; a first listing reads no count', async () => {
    const v = await vault('Default');
    assert.match(v.view().description!, /· 4 recovery points/);
    const before = emu.state.requests.length;
    await v.children();
    assert.deepEqual(
      emu.state.requests.slice(before).map((r) => r.operation),
      ['ListRecoveryPointsByBackupVault'],
    );
    const gone = [...emu.state.recoveryPoints.values()].find((p) => p.BackupVaultName === 'Default')!;
    emu.state.recoveryPoints.delete(gone.RecoveryPointArn);
    changed.length = 0;
    v.reset(); // what the tree's refresh does, as after Delete Recovery Point…
    const kids = await v.children();
    assert.equal(kids.length, 3);
    assert.match(v.view().description!, /· 3 recovery points/);
    assert.match(v.view().tooltip!, /3 recovery points/);
    assert.deepEqual(changed, [v], 'the label is redrawn once');
    changed.length = 0;
    v.reset();
    await v.children();
    assert.deepEqual(changed, [], 'an unchanged count redraws nothing');
  });
});
