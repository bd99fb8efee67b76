import { strict as assert } from 'node:assert';
import { createServer } from 'node:net';
import { BackupApi, collect, openBackupApi } from '../../../src/aws/backupApi';
import { BackupClientFactory } from '../../../src/aws/clientFactory';
import { resolveConnection, type Connection } from '../../../src/aws/connection';
import { AwsAccessError } from '../../../src/aws/errors';
import { listProfiles } from '../../../src/aws/profiles';
import { startEmulator, type Emulator } from '../../../src/emulator/server';
import { isolateAwsEnvironment } from './awsTestEnv';

describe('the door to AWS, against the local emulator over HTTP', function () {
  this.timeout(60_000);
  let emu: Emulator;
  let env: ReturnType<typeof isolateAwsEnvironment>;
  let factory: BackupClientFactory;
  let conn: Connection;
  let api: BackupApi;
  /** The emulator's clock runs ahead by this much: tests move time on instead of waiting. */
  let ahead = 0;

  before(async () => {
    env = isolateAwsEnvironment();
    emu = await startEmulator({
      bulkRecoveryPoints: 2500,
      restoreJobDurationMs: 60_000,
      clock: () => new Date(Date.now() + ahead),
    });
    factory = new BackupClientFactory({ maxAttempts: 3 });
    conn = { profile: 'emulator', region: 'us-east-1', endpoint: emu.url };
    api = new BackupApi(factory.get(conn), conn);
  });
  after(async () => {
    factory.dispose();
    await emu.close();
    env.restore();
  });
  afterEach(() => emu.setFaults({}));

  const expectError = async (p: Promise<unknown>, kind: string): Promise<AwsAccessError> => {
    try {
      await p;
    } catch (e) {
      assert.ok(e instanceof AwsAccessError, `not an AwsAccessError: ${String(e)}`);
      assert.equal(e.kind, kind, e.message);
      return e;
    }
    assert.fail(`expected a ${kind} error`);
  };

  describe('connections', () => {
    it('a loopback endpoint without a profile is signed with the emulator keys, never the environment’s', async () => {
      // Keys of "a real account" in the environment: the emulator does not know them, so a request
      // signed with them would be refused; one signed with its own public keys is answered.
      process.env.AWS_ACCESS_KEY_ID = 'AKIAREALACCOUNT00001';
      process.env.AWS_SECRET_ACCESS_KEY = 'real/secret/that/must/not/leave/this/machine/0';
      try {
        const viaSetting: Connection = { region: 'us-east-1', endpoint: emu.url };
        const before = emu.requestCount('ListBackupVaults');
        const page = await new BackupApi(factory.get(viaSetting), viaSetting).listBackupVaultsPage();
        assert.ok(page.items.length > 0);
        assert.equal(emu.requestCount('ListBackupVaults') - before, 1);
        // A non-loopback endpoint is not an emulator: the default chain signs (here, the environment).
        const remote: Connection = { region: 'us-east-1', endpoint: 'https://backup.example.invalid' };
        const creds = await factory.get(remote).config.credentials();
        assert.equal(creds.accessKeyId, 'AKIAREALACCOUNT00001');
      } finally {
        delete process.env.AWS_ACCESS_KEY_ID;
        delete process.env.AWS_SECRET_ACCESS_KEY;
      }
    });

    it('lists profiles from the shared files with their kinds and regions, and nothing secret', async () => {
      const profiles = await listProfiles();
      const byName = new Map(profiles.map((p) => [p.name, p]));
      assert.equal(byName.get('emulator')?.kind, 'static');
      assert.equal(byName.get('process')?.kind, 'process');
      assert.equal(byName.get('expired-sso')?.kind, 'sso');
      assert.equal(byName.get('eu')?.region, 'eu-west-1');
      assert.ok(!JSON.stringify(profiles).includes(emu.credentials.secretAccessKey));
    });

    it("takes the profile's own region, honours AWS_PROFILE, and falls back to AWS_REGION", async () => {
      assert.deepEqual(await resolveConnection({ profile: 'eu' }), { profile: 'eu', region: 'eu-west-1' });
      process.env.AWS_PROFILE = 'eu';
      try {
        assert.equal((await resolveConnection({})).profile, 'eu');
      } finally {
        delete process.env.AWS_PROFILE;
      }
      process.env.AWS_REGION = 'ap-southeast-2';
      try {
        assert.equal((await resolveConnection({ profile: 'nokeys-no-region' })).region, 'ap-southeast-2');
      } finally {
        delete process.env.AWS_REGION;
      }
      assert.equal((await resolveConnection({ profile: 'eu', region: 'us-west-2' })).region, 'us-west-2');
    });

    it('caches one client per profile, region and endpoint, and drops the ones no longer used', () => {
      const f = new BackupClientFactory();
      const a = f.get(conn);
      assert.equal(f.get({ ...conn }), a);
      const b = f.get({ ...conn, region: 'eu-west-1' });
      assert.notEqual(b, a);
      f.get({ ...conn, endpoint: 'http://127.0.0.1:1' });
      assert.equal(f.size, 3);
      f.retainOnly([conn]);
      assert.equal(f.size, 1);
      assert.equal(f.get(conn), a);
      f.dispose();
    });

    it('signs with credentials from a credential_process profile', async () => {
      const p: Connection = { profile: 'process', region: 'us-east-1', endpoint: emu.url };
      const vaults = await collect(new BackupApi(factory.get(p), p).listBackupVaults());
      assert.ok(vaults.length >= 6);
    });

    it('honours AWS_ENDPOINT_URL_BACKUP when no endpoint is set', async () => {
      process.env.AWS_ENDPOINT_URL_BACKUP = emu.url;
      const f = new BackupClientFactory();
      try {
        const p: Connection = { profile: 'emulator', region: 'us-east-1' };
        const before = emu.requestCount('ListBackupVaults');
        await new BackupApi(f.get(p), p).listBackupVaultsPage();
        assert.equal(emu.requestCount('ListBackupVaults'), before + 1);
      } finally {
        delete process.env.AWS_ENDPOINT_URL_BACKUP;
        f.dispose();
      }
    });
  });

  describe('every operation', () => {
    it('vaults: list (with types and counts) and describe', async () => {
      const vaults = await collect(api.listBackupVaults());
      const byName = new Map(vaults.map((v) => [v.BackupVaultName, v]));
      assert.equal(byName.get('compliance-locked')?.Locked, true);
      assert.equal(byName.get('airgapped-lag')?.VaultType, 'LOGICALLY_AIR_GAPPED_BACKUP_VAULT');
      assert.equal(byName.get('empty-vault')?.NumberOfRecoveryPoints, 0);
      assert.ok(byName.get('Default')?.CreationDate instanceof Date);
      const d = await api.describeBackupVault('compliance-locked');
      assert.equal(d.MinRetentionDays, 7);
      assert.ok(d.LockDate instanceof Date);
    });

    it('recovery points: list with server-side filters, by resource, describe, restore metadata', async () => {
      const all = await collect(api.listRecoveryPoints('prod-pitr'));
      const continuous = all.filter((p) => p.RecoveryPointArn?.includes(':continuous:'));
      assert.equal(continuous.length, 4);
      assert.ok(continuous.some((p) => p.Status === 'STOPPED'));
      const rds = await collect(api.listRecoveryPoints('prod-pitr', { ByResourceType: 'RDS' }));
      assert.ok(rds.length > 0 && rds.every((p) => p.ResourceType === 'RDS'));
      const recent = await collect(
        api.listRecoveryPoints('prod-pitr', { ByCreatedAfter: new Date(Date.now() - 3 * 86_400_000) }),
      );
      assert.ok(recent.length > 0 && recent.length < all.length);
      assert.ok(recent.every((p) => p.CreationDate! > new Date(Date.now() - 3 * 86_400_000)));
      const s3 = continuous.find((p) => p.ResourceType === 'S3' && p.Status === 'COMPLETED')!;
      const byResource = await collect(api.listRecoveryPointsByResource(s3.ResourceArn!));
      assert.ok(byResource.some((p) => p.RecoveryPointArn === s3.RecoveryPointArn));
      assert.ok(byResource.every((p) => typeof p.BackupSizeBytes === 'number'));
      const d = await api.describeRecoveryPoint('prod-pitr', s3.RecoveryPointArn!);
      assert.equal(d.Lifecycle?.DeleteAfterDays, 35);
      const m = await api.getRecoveryPointRestoreMetadata('prod-pitr', s3.RecoveryPointArn!);
      assert.equal(m.RestoreMetadata?.DestinationBucketName, 'orders-bucket');
      assert.equal(m.ResourceType, 'S3');
    });

    it('plans and selections', async () => {
      const plans = await collect(api.listBackupPlans());
      const pitr = plans.find((p) => p.BackupPlanName === 'pitr-orders')!;
      const plan = await api.getBackupPlan(pitr.BackupPlanId!);
      assert.equal(
        plan.BackupPlan?.Rules?.find((r) => r.EnableContinuousBackup)?.Lifecycle?.DeleteAfterDays,
        35,
      );
      const sels = await collect(api.listBackupSelections(pitr.BackupPlanId!));
      assert.equal(sels.length, 1);
      const sel = await api.getBackupSelection(pitr.BackupPlanId!, sels[0]!.SelectionId!);
      assert.ok(sel.BackupSelection?.Resources?.includes('arn:aws:s3:::orders-bucket'));
    });

    it('protected resources, backup jobs and copy jobs', async () => {
      const resources = await collect(api.listProtectedResources());
      assert.ok(
        resources.some(
          (r) => r.ResourceArn === 'arn:aws:rds:us-east-1:123456789012:cluster:analytics-cluster',
        ),
      );
      const failed = await collect(api.listBackupJobs({ ByState: 'FAILED' }));
      assert.ok(
        failed.some((j) =>
          /already has continuous backup enabled for another vault/.test(j.StatusMessage ?? ''),
        ),
      );
      const copies = await collect(api.listCopyJobs({ ByState: 'COMPLETED' }));
      assert.ok(copies.length >= 2);
    });

    it('restore jobs: start with an idempotency token, follow to the end, list with filters', async () => {
      const [rp] = (await collect(api.listRecoveryPoints('prod-pitr', { ByResourceType: 'RDS' }))).filter(
        (p) => p.RecoveryPointArn?.includes(':continuous:'),
      );
      const token = 'a0c5e3a2-0000-4000-8000-000000000001';
      const input = {
        RecoveryPointArn: rp!.RecoveryPointArn!,
        IamRoleArn: 'arn:aws:iam::123456789012:role/restore',
        ResourceType: 'RDS',
        IdempotencyToken: token,
        Metadata: {
          DBInstanceIdentifier: 'orders-db-0214',
          Engine: 'postgres',
          UseLatestRestorableTime: 'true',
        },
      };
      const id = await api.startRestoreJob(input);
      assert.equal(await api.startRestoreJob(input), id, 'the same token starts no second job');
      const first = await api.describeRestoreJob(id);
      assert.ok(first.Status === 'PENDING' || first.Status === 'RUNNING');
      ahead += 30_000; // half-way through the job's minute
      const mid = await api.describeRestoreJob(id);
      assert.equal(mid.Status, 'RUNNING');
      assert.ok(
        Number.parseFloat(mid.PercentDone ?? '0') > 30 && Number.parseFloat(mid.PercentDone ?? '0') < 60,
        mid.PercentDone,
      );
      ahead += 31_000;
      const job = await api.describeRestoreJob(id);
      assert.equal(job.Status, 'COMPLETED');
      assert.equal(job.PercentDone, '100.00%');
      assert.equal(job.CreatedResourceArn, 'arn:aws:rds:us-east-1:123456789012:db:orders-db-0214');
      const failed = await collect(api.listRestoreJobs({ ByStatus: 'FAILED' }));
      assert.ok(failed.some((j) => /Access Denied/.test(j.StatusMessage ?? '')));
      const received = emu.state.requests.filter((r) => r.operation === 'StartRestoreJob');
      assert.equal(received.length, 2);
      assert.deepEqual(received[0]!.input.Metadata, input.Metadata);
    });
  });

  describe('paging', () => {
    it('follows NextToken across many pages to the end, one request per page', async () => {
      const before = emu.requestCount('ListRecoveryPointsByBackupVault');
      let pages = 0;
      const seen = new Set<string>();
      for await (const page of api.listRecoveryPoints('bulk-archive', {}, { pageSize: 100 })) {
        pages++;
        for (const p of page.items) seen.add(p.RecoveryPointArn!);
      }
      assert.equal(seen.size, 2500);
      assert.equal(pages, 25);
      assert.equal(emu.requestCount('ListRecoveryPointsByBackupVault') - before, 25);
    });

    it('continues from a token, for "Load more"', async () => {
      const first = await api.listRecoveryPointsPage('bulk-archive', {}, undefined, { pageSize: 10 });
      assert.equal(first.items.length, 10);
      assert.ok(first.nextToken);
      const second = await api.listRecoveryPointsPage('bulk-archive', {}, first.nextToken, { pageSize: 10 });
      assert.notEqual(second.items[0]!.RecoveryPointArn, first.items[0]!.RecoveryPointArn);
      await expectError(
        api.listRecoveryPointsPage('bulk-archive', {}, 'bm90LWEtdG9rZW4', { pageSize: 10 }),
        'invalid-request',
      );
    });

    it('refuses MaxResults outside 1–1000 as the model does', async () => {
      const e = await expectError(api.listBackupVaultsPage(undefined, { pageSize: 1001 }), 'invalid-request');
      assert.match(e.message, /less than or equal to 1000/);
    });
  });

  describe('errors a person can act on', () => {
    it('an unknown vault (AWS answers AccessDenied)', async () => {
      const e = await expectError(api.describeBackupVault('no-such-vault'), 'vault-not-found');
      assert.match(e.message, /"no-such-vault" was not found in us-east-1/);
    });

    it('access denied, naming the action', async () => {
      emu.setFaults({ accessDenied: ['ListBackupPlans'] });
      const e = await expectError(api.listBackupPlansPage(), 'access-denied');
      assert.match(e.message, /backup:ListBackupPlans/);
      assert.equal(e.action, 'Ask for the IAM permission backup:ListBackupPlans');
    });

    it('expired credentials, with the command to sign in again', async () => {
      emu.setFaults({ expiredCredentials: true });
      const e = await expectError(api.listBackupVaultsPage(), 'credentials-expired');
      assert.equal(e.action, 'aws configure --profile emulator');
      const sso: Connection = { profile: 'expired-sso', region: 'us-east-1', endpoint: emu.url };
      emu.setFaults({});
      const e2 = await expectError(
        (await openBackupApi(factory, sso)).listBackupVaultsPage(),
        'credentials-expired',
      );
      assert.equal(e2.action, 'aws sso login --profile expired-sso');
    });

    it('missing and rejected credentials', async () => {
      const none: Connection = { profile: 'nokeys', region: 'us-east-1', endpoint: emu.url };
      const e = await expectError(
        new BackupApi(factory.get(none), none).listBackupVaultsPage(),
        'credentials-missing',
      );
      assert.match(e.message, /profile "nokeys"/);
      const wrong: Connection = { profile: 'wrong-secret', region: 'us-east-1', endpoint: emu.url };
      await expectError(
        new BackupApi(factory.get(wrong), wrong).listBackupVaultsPage(),
        'credentials-invalid',
      );
    });

    it('throttling: retried by the SDK, and reported only when it persists', async () => {
      emu.setFaults({ throttle: { count: 2, operations: ['ListBackupVaults'] } });
      const before = emu.requestCount('ListBackupVaults');
      const page = await api.listBackupVaultsPage();
      assert.ok(page.items.length > 0, 'succeeded on the third attempt');
      assert.equal(emu.requestCount('ListBackupVaults') - before, 1);
      emu.setFaults({ throttle: { count: -1 } });
      const e = await expectError(api.listBackupVaultsPage(), 'throttled');
      assert.match(e.message, /after 3 attempts/);
      assert.equal(e.retryable, true);
    });

    it('server errors after retries', async () => {
      emu.setFaults({ serverError: { count: -1, status: 503 } });
      const e = await expectError(api.listBackupPlansPage(), 'service-error');
      assert.match(e.message, /HTTP 503/);
    });

    it('an unreachable endpoint, and a dropped connection', async () => {
      const port = await new Promise<number>((res) => {
        const s = createServer().listen(0, '127.0.0.1', () => {
          const p = (s.address() as { port: number }).port;
          s.close(() => res(p));
        });
      });
      const dead: Connection = {
        profile: 'emulator',
        region: 'us-east-1',
        endpoint: `http://127.0.0.1:${port}`,
      };
      const e = await expectError(
        new BackupApi(factory.get(dead), dead).listBackupVaultsPage(),
        'unreachable',
      );
      assert.match(e.message, /ECONNREFUSED/);
      assert.match(e.action ?? '', /127\.0\.0\.1/);
      emu.setFaults({ drop: { count: -1, operations: ['ListBackupPlans'] } });
      await expectError(api.listBackupPlansPage(), 'unreachable');
    });

    it('cancellation from the UI reaches the request', async () => {
      emu.setFaults({ latencyMs: 2000 });
      const ac = new AbortController();
      const started = Date.now();
      const p = api.listBackupVaultsPage(undefined, { signal: ac.signal });
      setTimeout(() => ac.abort(), 50);
      await expectError(p, 'cancelled');
      assert.ok(Date.now() - started < 1500, 'cancelled before the answer came');
    });

    it('a request the service refuses, with its message', async () => {
      const e = await expectError(
        api.startRestoreJob({
          RecoveryPointArn: 'arn:aws:backup:us-east-1:123456789012:recovery-point:nope',
          Metadata: {},
          IdempotencyToken: 't-1',
        }),
        'not-found',
      );
      assert.match(e.message, /was not found/);
    });
  });
});
