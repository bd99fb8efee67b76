import { strict as assert } from 'node:assert';
import { awsBackup, type AwsCliResult } from './awsCli';
import { appendFileSync } from 'node:fs';
import { BackupClientFactory } from '../../../src/aws/clientFactory';
import { collect, openBackupApi } from '../../../src/aws/backupApi';
import { OrganizationJobs } from '../../../src/aws/organizationJobs';
import type { PostureTarget } from '../../../src/aws/postureApi';
import { postureReport, type PostureReport } from '../../../src/posture/report';
import { DEFAULT_TARGETS } from '../../../src/posture/targets';
import { memberAccounts, startEmulator, type Emulator } from '../../../src/emulator/server';
import { isolateAwsEnvironment } from './awsTestEnv';

/**
 * The recovery posture against the emulator serving an organisation: the management account (the
 * sample seed) and two members (the posture seed), in two Regions, each with its own access key.
 */
describe('recovery posture against a multi-account emulator', function () {
  this.timeout(120_000);
  let emu: Emulator;
  let env: ReturnType<typeof isolateAwsEnvironment>;
  const members = memberAccounts(2);

  before(async () => {
    env = isolateAwsEnvironment();
    emu = await startEmulator({
      bulkRecoveryPoints: 50,
      regions: ['us-east-1', 'eu-west-1'],
      accounts: members,
      organization: true,
    });
    const profiles = [...members.map((_m, i) => `member${i + 1}`), 'real'];
    appendFileSync(
      process.env.AWS_CONFIG_FILE!,
      profiles.map((p) => `\n[profile ${p}]\nregion = us-east-1\n`).join(''),
    );
    // A profile with real-looking keys: never to be signed with towards a local endpoint.
    appendFileSync(
      process.env.AWS_SHARED_CREDENTIALS_FILE!,
      '\n[real]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n',
    );
    appendFileSync(
      process.env.AWS_SHARED_CREDENTIALS_FILE!,
      members
        .map(
          (m, i) =>
            `\n[member${i + 1}]\naws_access_key_id = ${m.credentials.accessKeyId}\naws_secret_access_key = ${m.credentials.secretAccessKey}\n`,
        )
        .join(''),
    );
  });
  after(async () => {
    await emu.close();
    env.restore();
  });
  afterEach(() => emu.setFaults({}));

  /** The AWS CLI with one account's keys. */
  const aws = (
    keys: { accessKeyId: string; secretAccessKey: string },
    args: string[],
    region = 'us-east-1',
  ): Promise<AwsCliResult> => awsBackup(emu.url, region, keys, args);

  it('a posture profile beside a local endpoint signs only with emulator keys: real ones are refused before sending', async () => {
    const factory = new BackupClientFactory({ maxAttempts: 1 });
    const at = { region: 'us-east-1', endpoint: emu.url, emulatorKeysOnly: true };
    const member = await collect(
      (await openBackupApi(factory, { profile: 'member1', ...at })).listBackupVaults(),
    );
    assert.ok(member.length > 0, 'a member profile with the emulator’s keys is read');
    await assert.rejects(
      collect((await openBackupApi(factory, { profile: 'real', ...at })).listBackupVaults()),
      /Profile real was not read: its credentials are not the local emulator's, and are never sent to a local endpoint/,
    );
  });

  it('the AWS CLI with two access keys sees two accounts, each with its own resources', async () => {
    const mine = await aws(emu.credentials, ['list-backup-vaults']);
    const theirs = await aws(members[0]!.credentials, ['list-backup-vaults']);
    const accountsOf = (r: { json: Record<string, unknown> }): string[] => [
      ...new Set(
        (r.json.BackupVaultList as { BackupVaultArn: string }[]).map((v) => v.BackupVaultArn.split(':')[4]!),
      ),
    ];
    assert.deepEqual(accountsOf(mine), ['123456789012']);
    assert.deepEqual(accountsOf(theirs), ['210000000001']);
    const res = await aws(members[0]!.credentials, ['list-protected-resources'], 'eu-west-1');
    const arns = (res.json.Results as { ResourceArn: string }[]).map((r) => r.ResourceArn);
    assert.ok(arns.includes('arn:aws:s3:::live-bucket-0001-eu-west-1-0'), arns.join('\n'));
    assert.ok(
      !arns.includes('arn:aws:s3:::orders-bucket'),
      'the sample account’s bucket is not the member’s',
    );
    const settings = await aws(members[1]!.credentials, ['describe-region-settings']);
    assert.equal((settings.json.ResourceTypeOptInPreference as Record<string, boolean>).DynamoDB, false);
  });

  it('the AWS CLI: the management account lists members’ jobs with --by-account-id; a member may not', async () => {
    const one = await aws(emu.credentials, [
      'list-backup-jobs',
      '--by-account-id',
      '210000000002',
      '--by-state',
      'FAILED',
    ]);
    assert.equal(one.status, 0, one.stderr);
    const jobs = one.json.BackupJobs as { AccountId: string; StatusMessage: string }[];
    assert.ok(jobs.length > 0 && jobs.every((j) => j.AccountId === '210000000002'));
    const all = await aws(emu.credentials, [
      'list-backup-jobs',
      '--by-account-id',
      '*',
      '--by-state',
      'FAILED',
    ]);
    assert.equal(all.status, 0, all.stderr);
    assert.deepEqual(
      [...new Set((all.json.BackupJobs as { AccountId: string }[]).map((j) => j.AccountId))].sort(),
      ['123456789012', '210000000001', '210000000002'],
    );
    const denied = await aws(members[0]!.credentials, [
      'list-backup-jobs',
      '--by-account-id',
      '210000000002',
    ]);
    assert.notEqual(denied.status, 0);
    assert.match(denied.stderr, /AccessDeniedException.*only the organization's management account/);
  });

  const targets = (...t: [string | undefined, string][]): PostureTarget[] =>
    t.map(([profile, region]) => ({
      account: profile ?? 'default credentials',
      connection: { ...(profile ? { profile } : {}), region, endpoint: emu.url },
    }));

  async function report(
    t: PostureTarget[],
    o: { requestsPerAccount?: number; signal?: AbortSignal; organization?: OrganizationJobs } = {},
  ): Promise<PostureReport> {
    const factory = new BackupClientFactory({ maxAttempts: 4 });
    try {
      return await postureReport(t, { factory, now: new Date(), targets: DEFAULT_TARGETS, ...o });
    } finally {
      factory.dispose();
    }
  }

  it('one report over accounts and Regions: every kind of posture, and a failing Region is a row that hides nothing', async () => {
    const r = await report(
      targets(
        ['emulator', 'us-east-1'],
        ['member1', 'us-east-1'],
        ['member1', 'eu-west-1'],
        ['member2', 'ap-south-2'],
      ),
    );
    assert.equal(r.failures.length, 1);
    assert.equal(r.failures[0]!.account, 'member2');
    assert.equal(r.failures[0]!.region, 'ap-south-2');
    assert.match(r.failures[0]!.message, /AWS rejected the credentials for profile "member2"/);
    const row = (name: string) => {
      const x = r.rows.find((y) => y.resourceName === name);
      assert.ok(x, `no row for ${name}`);
      return x;
    };
    assert.equal(row('orders-bucket').protection, 'continuous');
    assert.equal(row('orders-bucket').rpoMs, 15 * 60_000);
    assert.equal(row('orders-bucket').accountId, '123456789012');
    assert.equal(row('logs-bucket').protection, 'stopped');
    assert.match(row('logs-bucket').stopReason!, /EventBridge were turned off/);
    const stopped = row('stopped-bucket-0001-eu-west-1-0');
    assert.equal(stopped.verdict, 'misses');
    assert.equal(stopped.accountId, '210000000001');
    assert.ok(Math.abs(stopped.rpoMs! - 2 * 86_400_000) < 60_000);
    assert.equal(row('live-db-0001-us-east-1-0').rpoMs, 5 * 60_000);
    assert.match(row('snap-db-0001-us-east-1-0').todo.join(' '), /Add a continuous rule/);
    assert.equal(row('table-0001-us-east-1-0').optedIn, false);
    assert.equal(row('table-0001-us-east-1-0').verdict, 'meets');
    const other = row('other-vault-bucket-0001-us-east-1-0');
    assert.equal(other.protection, 'none');
    assert.match(other.failedJobs[0]!.message, /already has continuous backup enabled for another vault/);
    assert.ok(other.todo.some((t) => /Resolve the other vault/.test(t)));
    assert.deepEqual(row('live-bucket-0001-us-east-1-0').coveredBy, [
      'posture-plan / continuous-14d (continuous)',
      'posture-plan / daily',
    ]);
    // Breaches first.
    const firstMeet = r.rows.findIndex((x) => x.verdict === 'meets');
    assert.ok(firstMeet > 0 && r.rows.slice(firstMeet).every((x) => x.verdict === 'meets'));
  });

  it('across an organisation: failed jobs are listed once per Region from the management account, the same as each account’s own', async () => {
    const t = targets(
      ['emulator', 'us-east-1'],
      ['member1', 'us-east-1'],
      ['member2', 'us-east-1'],
      ['member1', 'eu-west-1'],
    );
    const alone = await report(t);
    const where: [string, string][] = [
      [emu.accountId, 'us-east-1'],
      [emu.accountId, 'eu-west-1'],
      [members[0]!.accountId, 'us-east-1'],
      [members[1]!.accountId, 'us-east-1'],
      [members[0]!.accountId, 'eu-west-1'],
    ];
    const jobLists = () =>
      where.map(
        ([id, region]) =>
          emu.stateOf(id, region).requests.filter((r) => r.operation === 'ListBackupJobs').length,
      );
    const before = jobLists();
    const org = new OrganizationJobs('emulator', (region) =>
      Promise.resolve({ profile: 'emulator', region, endpoint: emu.url }),
    );
    const together = await report(t, { organization: org });
    const sent = jobLists().map((n, i) => n - before[i]!);
    assert.deepEqual(sent, [1, 1, 0, 0, 0], 'one listing per Region, from the management account only');
    const jobsOf = (r: PostureReport): string[] =>
      r.rows
        .map(
          (x) =>
            `${x.accountId} ${x.region} ${x.resourceName}: ${x.failedJobs.map((j) => j.message).join(' | ')}`,
        )
        .sort();
    assert.deepEqual(jobsOf(together), jobsOf(alone));
    assert.ok(together.rows.some((x) => x.accountId === members[0]!.accountId && x.failedJobs.length > 0));
    assert.equal(together.requests, alone.requests - 2, 'four accounts’ listings became two');
    // Said once: the listing is taken for every account read (AWS Backup does not say who the members are).
    assert.deepEqual(together.warnings.slice(0, alone.warnings.length), alone.warnings);
    assert.deepEqual(
      together.warnings.slice(alone.warnings.length).map((w) => `${w.account} ${w.region}`),
      ['emulator eu-west-1, us-east-1'],
    );
    assert.match(
      together.warnings.at(-1)!.message,
      /every account read is taken to be in that organization, and an account outside it shows no failed jobs/,
    );

    // A profile that may not list the organisation's jobs: said once per Region, and each account reads its own.
    const refused = new OrganizationJobs('member2', (region) =>
      Promise.resolve({ profile: 'member2', region, endpoint: emu.url }),
    );
    const fallback = await report(t, { organization: refused });
    assert.deepEqual(jobsOf(fallback), jobsOf(alone));
    assert.deepEqual(fallback.warnings.map((w) => `${w.account} ${w.region}`).sort(), [
      'member2 eu-west-1',
      'member2 us-east-1',
    ]);
    assert.match(
      fallback.warnings[0]!.message,
      /organization's failed backup jobs could not be listed from member2 .*only the organization's management account.*each account's own were read instead/,
    );
  });

  it('requests per account stay under the bound, all its Regions together', async () => {
    emu.setFaults({ latencyMs: 15 });
    let inFlight = 0;
    let peak = 0;
    const factory = new BackupClientFactory();
    const t = targets(['member1', 'us-east-1'], ['member1', 'eu-west-1']);
    for (const x of t)
      factory.get(x.connection).middlewareStack.add(
        (next) => async (args) => {
          peak = Math.max(peak, ++inFlight);
          try {
            return await next(args);
          } finally {
            inFlight--;
          }
        },
        { step: 'finalizeRequest' },
      );
    const read = (n: number) =>
      postureReport(t, { factory, now: new Date(), targets: DEFAULT_TARGETS, requestsPerAccount: n });
    await read(2);
    assert.equal(peak, 2, 'two Regions of one account share a bound of 2');
    peak = 0;
    await read(8);
    assert.ok(peak > 2, `with a bound of 8 more run at once (${peak})`);
    factory.dispose();
  });

  it('throttling is retried (adaptive); a part it may not read is a warning, not a lost account', async () => {
    emu.setFaults({
      throttle: { count: 2, operations: ['ListProtectedResources'] },
      accessDenied: ['DescribeRegionSettings'],
    });
    const r = await report(targets(['emulator', 'us-east-1']));
    assert.equal(r.failures.length, 0);
    assert.ok(r.rows.some((x) => x.resourceName === 'orders-bucket'));
    assert.equal(r.rows[0]!.optedIn, undefined);
    assert.match(r.warnings[0]!.message, /Region settings .* could not be read: Access denied/);
  });

  it('a Region whose resources cannot be read stops its other listings: nothing more is sent for it', async () => {
    emu.setFaults({ latencyMs: 20, accessDenied: ['ListProtectedResources'] });
    const before = emu.requestCount();
    // A bound of one: the listings queue at the account's gate behind ListProtectedResources.
    const r = await report(targets(['member1', 'us-east-1']), { requestsPerAccount: 1 });
    assert.equal(r.failures.length, 1);
    assert.match(
      r.failures[0]!.message,
      /Access denied: profile "member1" may not call backup:ListProtectedResources/,
    );
    // What would still be on its way, had the siblings gone on (each takes the latency, one at a time).
    await new Promise((go) => setTimeout(go, 400));
    const answered = emu.requestCount() - before;
    assert.ok(
      answered <= 1,
      `${answered} requests answered after the failure (vaults, points, plans, jobs…)`,
    );
  });

  it('cancelling ends every read as a failure that says so', async () => {
    emu.setFaults({ latencyMs: 300 });
    const ac = new AbortController();
    const p = report(targets(['member1', 'us-east-1'], ['member2', 'us-east-1']), { signal: ac.signal });
    setTimeout(() => ac.abort(), 50);
    const r = await p;
    assert.equal(r.failures.length, 2);
    assert.ok(
      r.failures.every((f) => /cancelled/.test(f.message)),
      JSON.stringify(r.failures),
    );
  });
});
