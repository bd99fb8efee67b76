import { strict as assert } from 'node:assert';
import { BackupApi } from '../../../src/aws/backupApi';
import { BackupClientFactory } from '../../../src/aws/clientFactory';
import type { Connection } from '../../../src/aws/connection';
import { openLifecycleApi } from '../../../src/aws/lifecycleApi';
import { DELETING_MS, RERUN_DELAY_MS } from '../../../src/emulator/handlers/vaults';
import { startEmulator, type Emulator } from '../../../src/emulator/server';
import type { RecoveryPoint } from '../../../src/emulator/state';
import type { Consequences } from '../../../src/lifecycle/consequences';
import {
  connectionDoor,
  runStopOrDelete,
  type LifecycleDoor,
  type LifecycleUi,
} from '../../../src/lifecycle/stopOrDelete';
import { isolateAwsEnvironment } from '../aws/awsTestEnv';

/** The modal and the name box answered by a script, recording what they were shown. */
class ScriptedUi implements LifecycleUi {
  readonly shown: Consequences[] = [];
  readonly typedInto: string[] = [];
  constructor(
    private readonly answer: 'confirm' | 'open-plan' | undefined,
    private readonly typed?: string,
  ) {}
  confirm(c: Consequences): Promise<'confirm' | 'open-plan' | undefined> {
    this.shown.push(c);
    return Promise.resolve(this.answer);
  }
  typeName(name: string, check: (t: string) => string | undefined): Promise<string | undefined> {
    this.typedInto.push(name);
    if (this.typed !== undefined && this.typed === name) assert.equal(check(this.typed), undefined);
    return Promise.resolve(this.typed);
  }
}

/**
 * Stop and delete, through the flow, the door and the real SDK, against the emulator over HTTP:
 * what reaches the service (nothing on Escape, a closed dialog, a wrong name, or a lock that
 * forbids it), and what the service then does, per resource type.
 */
describe('stop and delete a recovery point, against the emulator', function () {
  this.timeout(60_000);
  let [emu, env, factory, door, api] = [] as unknown as [
    Emulator,
    ReturnType<typeof isolateAwsEnvironment>,
    BackupClientFactory,
    LifecycleDoor,
    BackupApi,
  ];
  let ahead = 0;
  const now = () => new Date(Date.now() + ahead);

  // A fresh account for every test, its clock moved on by `ahead`; the door signs as the "emulator" profile.
  beforeEach(async () => {
    env = isolateAwsEnvironment();
    ahead = 0;
    [emu, factory] = [await startEmulator({ bulkRecoveryPoints: 5, clock: now }), new BackupClientFactory()];
    const conn: Connection = { profile: 'emulator', region: 'us-east-1', endpoint: emu.url };
    api = new BackupApi(factory.get(conn), conn);
    door = connectionDoor(api, openLifecycleApi(factory, conn));
  });
  afterEach(() => {
    factory.dispose();
    env.restore();
    return emu.close();
  });

  const points = () => [...emu.state.recoveryPoints.values()];
  const find = (type: string, continuous: boolean, vault = 'prod-pitr'): RecoveryPoint => {
    const p = points().find(
      (x) =>
        x.BackupVaultName === vault &&
        x.ResourceType === type &&
        x.RecoveryPointArn.includes(':continuous:') === continuous &&
        x.Status !== 'STOPPED',
    );
    assert.ok(p, `no ${type} point in ${vault}`);
    return p;
  };
  const sent = () =>
    emu.state.requests.filter(
      (r) => r.operation === 'DeleteRecoveryPoint' || r.operation === 'DisassociateRecoveryPoint',
    );
  const run = (action: 'stop' | 'delete', p: RecoveryPoint, ui: LifecycleUi) =>
    runStopOrDelete(
      action,
      { vaultName: p.BackupVaultName, recoveryPointArn: p.RecoveryPointArn },
      door,
      ui,
      now(),
    );

  describe('the gates: nothing is sent unless confirmed and the name typed', () => {
    it('Escape (or a closed dialog) sends nothing', async () => {
      const rds = find('RDS', true);
      const ui = new ScriptedUi(undefined);
      const out = await run('delete', rds, ui);
      assert.equal(out.kind, 'cancelled');
      assert.equal(ui.shown.length, 1, 'the modal was shown');
      assert.deepEqual(ui.typedInto, [], 'no name asked');
      assert.deepEqual(sent(), []);
      assert.ok(emu.state.recoveryPoints.has(rds.RecoveryPointArn));
    });
    it('Escape in the name box, or a wrong name, sends nothing', async () => {
      const rds = find('RDS', true);
      for (const typed of [undefined, 'orders-d', 'ORDERS-DB', '']) {
        const ui = new ScriptedUi('confirm', typed);
        const out = await run('delete', rds, ui);
        assert.equal(out.kind, 'cancelled', `typed ${String(typed)}`);
        assert.deepEqual(ui.typedInto, ['orders-db']);
      }
      assert.deepEqual(sent(), []);
    });
    it('"Open Backup Plan" opens the plan that would back it up again, and sends nothing', async () => {
      const out = await run('delete', find('RDS', true), new ScriptedUi('open-plan'));
      assert.equal(out.kind, 'open-plan');
      if (out.kind === 'open-plan') assert.equal(out.plan.planName, 'pitr-orders');
      assert.deepEqual(sent(), []);
    });
    it('a compliance lock within its minimum retention refuses before anything is sent', async () => {
      const young = points()
        .filter((p) => p.BackupVaultName === 'compliance-locked')
        .sort((a, b) => b.CreationDate.getTime() - a.CreationDate.getTime())[0]!;
      const ui = new ScriptedUi('confirm', 'ledger');
      const out = await run('delete', young, ui);
      assert.equal(out.kind, 'refused');
      assert.match(out.consequences.refusal ?? '', /minimum retention 7 days, maximum retention 3650 days/);
      assert.deepEqual(ui.shown, [], 'no modal');
      assert.deepEqual(sent(), []);
    });
    it('what the service refuses is shown in its own words', async () => {
      // A lock the explorer cannot judge (no lock date: governance mode) is left to the service.
      const v = emu.state.vaults.get('compliance-locked')!;
      delete v.LockDate;
      const young = points()
        .filter((p) => p.BackupVaultName === 'compliance-locked')
        .sort((a, b) => b.CreationDate.getTime() - a.CreationDate.getTime())[0]!;
      const out = await run('delete', young, new ScriptedUi('confirm', 'ledger'));
      assert.equal(out.kind, 'failed');
      if (out.kind === 'failed')
        assert.match(
          out.message,
          /AWS Backup refused DeleteRecoveryPoint: Recovery point .* cannot be deleted: vault compliance-locked is locked with a minimum retention of 7 days\./,
        );
      assert.ok(emu.state.recoveryPoints.has(young.RecoveryPointArn), 'the service kept it');
    });
  });

  describe('what the service does, per type', () => {
    it('delete an RDS continuous point: gone; the plan still selects it, so its next run makes a new one', async () => {
      const rds = find('RDS', true);
      const ui = new ScriptedUi('confirm', 'orders-db');
      const out = await run('delete', rds, ui);
      assert.equal(out.kind, 'sent');
      assert.match(ui.shown[0]!.detail, /does not stop continuous backup: the plan pitr-orders/);
      assert.deepEqual(
        sent().map((r) => [r.operation, r.input.RecoveryPointArn]),
        [['DeleteRecoveryPoint', rds.RecoveryPointArn]],
      );
      const listed = async () =>
        (await api.listRecoveryPointsPage('prod-pitr', { ByResourceType: 'RDS' })).items.filter((p) =>
          p.RecoveryPointArn?.includes(':continuous:'),
        );
      assert.deepEqual(await listed(), [], 'gone');
      ahead = RERUN_DELAY_MS + 1000;
      const again = await listed();
      assert.equal(again.length, 1, "a new continuous point at the plan's next run");
      assert.notEqual(again[0]!.RecoveryPointArn, rds.RecoveryPointArn);
      assert.equal(again[0]!.CreatedBy?.BackupRuleName, 'continuous-35d');
    });
    it('delete a continuous point no plan selects any more: gone, and no new one', async () => {
      for (const s of emu.state.selections.values()) s.BackupSelection.Resources = [];
      const rds = find('RDS', true);
      const out = await run('delete', rds, new ScriptedUi('confirm', 'orders-db'));
      assert.equal(out.kind, 'sent');
      assert.match(out.consequences.detail, /continuous backup stops/);
      ahead = RERUN_DELAY_MS * 2;
      await api.listRecoveryPointsPage('prod-pitr');
      assert.ok(
        !points().some((p) => p.ResourceType === 'RDS' && p.RecoveryPointArn.includes(':continuous:')),
      );
    });
    it('stop an S3 continuous point: STOPPED, and still restorable', async () => {
      const s3 = find('S3', true);
      const out = await run('stop', s3, new ScriptedUi('confirm'));
      assert.equal(out.kind, 'sent');
      const d = await api.describeRecoveryPoint('prod-pitr', s3.RecoveryPointArn);
      assert.equal(d.Status, 'STOPPED');
      assert.ok(
        d.CalculatedLifecycle?.DeleteAt && d.CalculatedLifecycle.DeleteAt > now(),
        'kept until retention ends',
      );
      const meta = await api.getRecoveryPointRestoreMetadata('prod-pitr', s3.RecoveryPointArn);
      assert.equal(meta.RestoreMetadata?.DestinationBucketName, 'orders-bucket');
      // Stopping it again is refused before sending.
      const again = await run('stop', s3, new ScriptedUi('confirm'));
      assert.equal(again.kind, 'refused');
      assert.equal(sent().length, 1);
    });
    it('stop an RDS continuous point: released to RDS, gone from AWS Backup', async () => {
      const rds = find('RDS', true);
      const out = await run('stop', rds, new ScriptedUi('confirm'));
      assert.equal(out.kind, 'sent');
      assert.deepEqual(
        sent().map((r) => r.operation),
        ['DisassociateRecoveryPoint'],
      );
      assert.equal(emu.state.recoveryPoints.has(rds.RecoveryPointArn), false);
    });
    it('delete an S3 snapshot: DELETING, then gone; its air-gapped copies are named and stay', async () => {
      const snap = find('S3', false);
      const ui = new ScriptedUi('confirm', 'orders-bucket');
      const out = await run('delete', snap, ui);
      assert.equal(out.kind, 'sent');
      assert.match(ui.shown[0]!.detail, /deleted for good/);
      assert.match(ui.shown[0]!.detail, /airgapped-lag \(logically air-gapped\)/);
      assert.equal((await api.describeRecoveryPoint('prod-pitr', snap.RecoveryPointArn)).Status, 'DELETING');
      ahead = DELETING_MS + 1000;
      await api.listRecoveryPointsPage('prod-pitr');
      assert.equal(emu.state.recoveryPoints.has(snap.RecoveryPointArn), false);
      assert.ok(points().some((p) => p.BackupVaultName === 'airgapped-lag'));
    });
  });
});
