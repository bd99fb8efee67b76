import { strict as assert } from 'node:assert';
import { openBackupApi } from '../../src/aws/backupApi';
import { BackupClientFactory } from '../../src/aws/clientFactory';
import { liveFactsFrom } from '../../src/aws/liveFacts';
import { liveCheck } from '../../src/lint/live';
import { recognize } from '../../src/lint/recognize';
import { parseDocument } from '../../src/lint/jsonAst';
import { startEmulator, type Emulator } from '../../src/emulator/server';

describe('live lint checks, against the emulator', function () {
  this.timeout(30_000);
  let emu: Emulator;
  let factory: BackupClientFactory;
  let facts: ReturnType<typeof liveFactsFrom>;

  before(async () => {
    emu = await startEmulator({ bulkRecoveryPoints: 0 });
    factory = new BackupClientFactory({ maxAttempts: 1 });
    facts = liveFactsFrom(
      await openBackupApi(factory, { region: 'us-east-1', endpoint: emu.url, localEmulator: true }),
    );
  });
  after(async () => {
    factory.dispose();
    await emu.close();
  });

  const check = async (value: unknown) => {
    const text = JSON.stringify(value, null, 2);
    const r = recognize({ root: parseDocument(text).root, fileName: 'x.json' })!;
    return (await liveCheck(text, r, facts)).map((f) => ({
      code: f.code,
      at: text.slice(f.offset, f.offset + f.length),
      message: f.message,
    }));
  };

  it('LIVE001: a target vault or a same-Region copy destination that does not exist', async () => {
    const found = await check({
      BackupPlanName: 'p',
      Rules: [
        {
          RuleName: 'a',
          TargetBackupVaultName: 'prod-pitr',
          CopyActions: [
            { DestinationBackupVaultArn: 'arn:aws:backup:us-east-1:123456789012:backup-vault:gone' },
            { DestinationBackupVaultArn: 'arn:aws:backup:eu-west-1:123456789012:backup-vault:elsewhere' },
          ],
        },
        { RuleName: 'b', TargetBackupVaultName: 'missing-vault' },
      ],
    });
    assert.deepEqual(
      found.map((f) => [f.code, f.at]),
      [
        ['LIVE001', '"arn:aws:backup:us-east-1:123456789012:backup-vault:gone"'],
        ['LIVE001', '"missing-vault"'],
      ],
    );
    assert.match(found[1]!.message, /aws backup create-backup-vault --backup-vault-name missing-vault/);
  });

  it('LIVE003: a selected resource already continuous in another vault than the plan targets', async () => {
    const planId = emu.state.id('plan');
    emu.state.plans.set(planId, {
      BackupPlanId: planId,
      BackupPlanArn: `arn:aws:backup:us-east-1:123456789012:backup-plan:${planId}`,
      VersionId: 'v',
      CreationDate: new Date(),
      BackupPlan: {
        BackupPlanName: 'other',
        Rules: [
          {
            RuleName: 'c',
            RuleId: 'r',
            TargetBackupVaultName: 'empty-vault',
            EnableContinuousBackup: true,
            Lifecycle: { DeleteAfterDays: 35 },
          },
        ],
      },
    });
    const found = await check({
      BackupPlanId: planId,
      BackupSelection: {
        SelectionName: 's',
        IamRoleArn: 'arn:aws:iam::123456789012:role/r',
        Resources: ['arn:aws:s3:::orders-bucket', 'arn:aws:s3:::fresh-bucket', 'arn:aws:s3:::logs-*'],
      },
    });
    assert.deepEqual(
      found.map((f) => [f.code, f.at]),
      [['LIVE003', '"arn:aws:s3:::orders-bucket"']],
    );
    assert.match(found[0]!.message, /already has continuous backup in vault "prod-pitr"/);
  });
});

describe('LIVE002 against the emulator', function () {
  this.timeout(30_000);
  let emu: Emulator;
  let factory: BackupClientFactory;
  before(async () => {
    emu = await startEmulator({ bulkRecoveryPoints: 0 });
    factory = new BackupClientFactory({ maxAttempts: 1 });
  });
  after(async () => {
    factory.dispose();
    await emu.close();
  });

  it("reports a RestoreTime outside the continuous point's window, on the value", async () => {
    const facts = liveFactsFrom(
      await openBackupApi(factory, { region: 'us-east-1', endpoint: emu.url, localEmulator: true }),
    );
    const rp = [...emu.state.recoveryPoints.values()].find(
      (p) => p.ResourceType === 'RDS' && p.RecoveryPointArn.includes(':continuous:'),
    )!;
    const doc = (time: string) =>
      JSON.stringify(
        {
          RecoveryPointArn: rp.RecoveryPointArn,
          ResourceType: 'RDS',
          IamRoleArn: 'arn:aws:iam::123456789012:role/r',
          Metadata: {
            DBInstanceIdentifier: 'x',
            Engine: 'postgres',
            UseLatestRestorableTime: 'false',
            RestoreTime: time,
          },
        },
        null,
        2,
      );
    const run = async (text: string) => {
      const r = recognize({ root: parseDocument(text).root, fileName: 'start-restore-job.json' })!;
      return (await liveCheck(text, r, facts)).map((f) => ({
        code: f.code,
        at: text.slice(f.offset, f.offset + f.length),
        message: f.message,
      }));
    };
    // The seeded RDS point is 10 days old with 14 days' retention: 20 days ago is before it.
    const early = new Date(Date.now() - 20 * 86_400_000).toISOString().replace(/\.\d+Z$/, 'Z');
    const found = await run(doc(early));
    assert.deepEqual(
      found.map((f) => [f.code, f.at]),
      [['LIVE002', JSON.stringify(early)]],
    );
    assert.match(found[0]!.message, /before the earliest restorable time/);
    const inside = new Date(Date.now() - 2 * 86_400_000).toISOString().replace(/\.\d+Z$/, 'Z');
    assert.deepEqual(await run(doc(inside)), []);
    const recent = new Date(Date.now() - 60_000).toISOString().replace(/\.\d+Z$/, 'Z');
    assert.match((await run(doc(recent)))[0]!.message, /after the latest restorable time/);
  });
});
