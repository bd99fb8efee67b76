import { strict as assert } from 'node:assert';
import { openBackupApi } from '../../../src/aws/backupApi';
import { BackupClientFactory } from '../../../src/aws/clientFactory';
import { liveFactsFrom, MAX_CONCURRENT_REQUESTS } from '../../../src/aws/liveFacts';
import { liveCheck, MAX_LIVE_RESOURCES, type LiveFacts } from '../../../src/lint/live';
import { recognize } from '../../../src/lint/recognize';
import { parseDocument } from '../../../src/lint/jsonAst';
import { startEmulator, type Emulator } from '../../../src/emulator/server';
import { emulatorAndFactory } from '../aws/awsTestEnv';

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

  it('LIVE006: a copy to another Region and another account at once, which RDS and Aurora copies cannot do', async () => {
    const copyTo = (arn: string) => ({ DestinationBackupVaultArn: `arn:aws:backup:${arn}` });
    const rule = { RuleName: 'a', TargetBackupVaultName: 'prod-pitr' };
    const found = await check({
      BackupPlanName: 'p',
      Rules: [
        {
          ...rule,
          CopyActions: ['eu-west-1:210000000001', 'eu-west-1:123456789012', 'us-east-1:210000000001'].map(
            (where) => copyTo(`${where}:backup-vault:central`),
          ),
        },
      ],
    });
    assert.deepEqual(
      found.map((f) => [f.code, f.at]),
      [['LIVE006', '"arn:aws:backup:eu-west-1:210000000001:backup-vault:central"']],
    );
    assert.match(
      found[0]!.message,
      /RDS, Aurora, DocumentDB, Neptune snapshots cross-Region or cross-account, not both/,
    );
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
  const env = emulatorAndFactory();

  it("reports a RestoreTime outside the continuous point's window, on the value", async () => {
    const facts = liveFactsFrom(await env.openApi());
    const rp = [...env.emu.state.recoveryPoints.values()].find(
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

describe('live lint asks the account little: capped per document, cached per account, bounded', function () {
  this.timeout(60_000);
  let emu: Emulator;
  let factory: BackupClientFactory;
  let api: Awaited<ReturnType<typeof openBackupApi>>;
  let planId: string;
  before(async () => {
    emu = await startEmulator({ bulkRecoveryPoints: 0 });
    factory = new BackupClientFactory({ maxAttempts: 1 });
    api = await openBackupApi(factory, { region: 'us-east-1', endpoint: emu.url, localEmulator: true });
    planId = emu.state.id('plan');
    emu.state.plans.set(planId, {
      BackupPlanId: planId,
      BackupPlanArn: `arn:aws:backup:us-east-1:123456789012:backup-plan:${planId}`,
      VersionId: 'v',
      CreationDate: new Date(),
      BackupPlan: {
        BackupPlanName: 'big',
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
  });
  after(async () => {
    factory.dispose();
    await emu.close();
  });

  /** A selection of orders-bucket (continuous in prod-pitr), `n - 1` other buckets, and orders-bucket again. */
  const selection = (n: number, prefix = 'bucket'): string =>
    JSON.stringify(
      {
        BackupPlanId: planId,
        BackupSelection: {
          SelectionName: 's',
          IamRoleArn: 'arn:aws:iam::123456789012:role/r',
          Resources: [
            'arn:aws:s3:::orders-bucket',
            ...Array.from({ length: n - 1 }, (_, i) => `arn:aws:s3:::${prefix}-${i}`),
            'arn:aws:s3:::orders-bucket',
          ],
        },
      },
      null,
      2,
    );
  const run = async (facts: LiveFacts, text: string) => {
    const r = recognize({ root: parseDocument(text).root, fileName: 'selection.json' })!;
    return (await liveCheck(text, r, facts)).map((f) => ({
      code: f.code,
      at: text.slice(f.offset, f.offset + f.length),
      message: f.message,
    }));
  };
  const byResource = () => emu.requestCount('ListRecoveryPointsByResource');

  it('300 resources: 50 requests on open, none when linted again, and an info note for the rest', async () => {
    let t = Date.now();
    const facts = liveFactsFrom(api, () => t);
    const text = selection(300);
    const before = byResource();
    const found = await run(facts, text);
    assert.equal(byResource() - before, MAX_LIVE_RESOURCES, 'one request per distinct resource checked');
    assert.deepEqual(
      found.map((f) => [f.code, f.at]),
      [
        ['LIVE003', '"arn:aws:s3:::orders-bucket"'],
        ['LIVE003', '"arn:aws:s3:::orders-bucket"'],
        ['LIVE004', `"arn:aws:s3:::bucket-${MAX_LIVE_RESOURCES - 1}"`],
      ],
    );
    assert.match(found[2]!.message, /Only the first 50 of the 300 distinct resources here were checked/);
    assert.match(found[2]!.message, /the other 250, from arn:aws:s3:::bucket-49 on, were not/);

    // Typing in the document, or another document naming the same resources: answered from the cache.
    await run(facts, text);
    await run(facts, selection(30));
    assert.equal(byResource() - before, MAX_LIVE_RESOURCES);
    // A minute later the account is asked again.
    t += 61_000;
    await run(facts, selection(30));
    assert.equal(byResource() - before, MAX_LIVE_RESOURCES + 30);
  });

  it('at most four requests at once for the account, even for several documents at once', async () => {
    emu.setFaults({ latencyMs: 20 });
    const facts = liveFactsFrom(api);
    let inFlight = 0;
    let most = 0;
    const page = api.listRecoveryPointsByResourcePage.bind(api);
    api.listRecoveryPointsByResourcePage = async (...args) => {
      most = Math.max(most, ++inFlight);
      try {
        return await page(...args);
      } finally {
        inFlight--;
      }
    };
    try {
      const before = byResource();
      await Promise.all([run(facts, selection(40, 'a')), run(facts, selection(40, 'b'))]);
      assert.equal(byResource() - before, 79, 'orders-bucket is asked about once for both documents');
      assert.equal(most, MAX_CONCURRENT_REQUESTS);
    } finally {
      api.listRecoveryPointsByResourcePage = page;
      emu.setFaults({});
    }
  });
});
