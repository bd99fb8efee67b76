import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { appendFileSync, existsSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { runPosture } from './runPosture';
import type { PostureReport } from '../../../src/posture/report';
import { memberAccounts, startEmulator, type Emulator } from '../../../src/emulator/server';
import { isolateAwsEnvironment } from '../aws/awsTestEnv';

/**
 * `pitr-posture` against the emulator: profiles with their own keys (the management account and two
 * members, one seeded with live continuous backups only), the endpoint from the SDK's own
 * AWS_ENDPOINT_URL_BACKUP, formats and exit codes.
 */
describe('pitr-posture, the command line, against the emulator', function () {
  this.timeout(120_000);
  let emu: Emulator;
  let env: ReturnType<typeof isolateAwsEnvironment>;
  const [member] = memberAccounts(1);
  /** A member whose resources all meet their targets: S3, RDS and Aurora with live continuous backup. */
  const healthy = memberAccounts(2, 3)[1]!;

  before(async () => {
    env = isolateAwsEnvironment();
    emu = await startEmulator({
      bulkRecoveryPoints: 20,
      regions: ['us-east-1', 'eu-west-1'],
      accounts: [member!, healthy],
      organization: true,
    });
    appendFileSync(
      process.env.AWS_CONFIG_FILE!,
      '\n[profile member]\nregion = eu-west-1\n\n[profile healthy]\nregion = us-east-1\n',
    );
    appendFileSync(
      process.env.AWS_SHARED_CREDENTIALS_FILE!,
      [member!, healthy]
        .map(
          (m, i) =>
            `\n[${i ? 'healthy' : 'member'}]\naws_access_key_id = ${m.credentials.accessKeyId}\naws_secret_access_key = ${m.credentials.secretAccessKey}\n`,
        )
        .join(''),
    );
    process.env.AWS_ENDPOINT_URL_BACKUP = emu.url;
  });
  after(async () => {
    await emu.close();
    env.restore();
  });

  const run = (args: string[], tty = false) => runPosture(args, tty);

  it('exit 1 when a resource misses its target: breaches first, with what to do', async () => {
    const r = await run(['--profile', 'emulator', '--profile', 'member', '--region', 'us-east-1']);
    assert.equal(r.code, 1, r.stderr);
    const lines = r.stdout.split('\n');
    assert.match(
      lines[0]!,
      /^Verdict\s+Account\s+Region\s+Resource\s+Type\s+Protection\s+RPO now\s+Target\s+RTO\s+RTO target\s+RTO verdict\s+DR RPO\s+DR target$/,
    );
    assert.match(lines[2]!, /^MISSES /);
    assert.match(
      r.stdout,
      /MISSES\s+member \(210000000001\)\s+us-east-1\s+stopped-bucket-0001-us-east-1-0\s+S3\s+continuous STOPPED since/,
    );
    assert.match(
      r.stdout,
      /meets\s+emulator \(123456789012\)\s+us-east-1\s+orders-bucket\s+S3\s+continuous \(prod-pitr\)\s+15 min\s+1 h/,
    );
    assert.match(r.stdout, /→ Resolve the other vault/);
    assert.match(r.stdout, /resources, \d+ missing their RPO target, 0 account–Regions not read/);
    assert.equal(r.stderr, '', 'no progress line in a pipe');
  });

  it('exit 0 when every resource meets its target; the profile’s own Region by default', async () => {
    const r = await run(['--profile', 'healthy', '--format', 'json']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const report = JSON.parse(r.stdout) as PostureReport;
    assert.deepEqual(
      report.rows.map((x) => `${x.region} ${x.resourceType} ${x.protection} ${x.rpoMs! / 60_000}`).sort(),
      ['us-east-1 Aurora continuous 5', 'us-east-1 RDS continuous 5', 'us-east-1 S3 continuous 15'],
    );
  });

  it('--organization-profile lists the failed jobs once per Region from the management account', async () => {
    const args = ['--profile', 'member', '--profile', 'healthy', '--region', 'us-east-1', '--format', 'json'];
    const jobs = (id: string) =>
      emu.stateOf(id, 'us-east-1').requests.filter((r) => r.operation === 'ListBackupJobs').length;
    const rowsOf = (out: string) =>
      (JSON.parse(out) as PostureReport).rows
        .map((x) => `${x.resourceName}: ${x.failedJobs.map((j) => j.message).join(' | ')}`)
        .sort();
    const alone = await run(args);
    const before = [jobs(emu.accountId), jobs(member!.accountId), jobs(healthy.accountId)];
    const r = await run([...args, '--organization-profile', 'emulator']);
    assert.equal(r.code, alone.code, r.stderr);
    const after = [jobs(emu.accountId), jobs(member!.accountId), jobs(healthy.accountId)];
    assert.deepEqual(
      after.map((n, i) => n - before[i]!),
      [1, 0, 0],
    );
    assert.deepEqual(rowsOf(r.stdout), rowsOf(alone.stdout));
    assert.ok(rowsOf(r.stdout).some((x) => /another vault/.test(x)));
    // A member cannot list the organization's jobs: said, and each account's own are read instead.
    const refused = await run([...args, '--organization-profile', 'member', '--format', 'table']);
    assert.match(refused.stdout, /could not be listed from member .*each account's own were read instead/);
    assert.match((await run(['--organization-profile'])).stderr, /--organization-profile needs a value/);
  });

  it('--rpo-target per type, and --now, change the verdict', async () => {
    const strict = await run(['--profile', 'healthy', '--rpo-target', 'S3=10m', '--format', 'json']);
    assert.equal(strict.code, 1);
    const rows = (JSON.parse(strict.stdout) as PostureReport).rows;
    assert.equal(rows[0]!.resourceType, 'S3');
    assert.equal(rows[0]!.verdict, 'misses');
    const now = new Date(Date.now() + 2 * 86_400_000).toISOString();
    const at = (r: { stdout: string }, name: RegExp) =>
      (JSON.parse(r.stdout) as PostureReport).rows.find((x) => name.test(x.resourceName ?? ''))!;
    const today = await run(['--profile', 'member', '--region', 'us-east-1', '--format', 'json']);
    const later = await run([
      '--profile',
      'member',
      '--region',
      'us-east-1',
      '--format',
      'json',
      '--now',
      now,
    ]);
    assert.equal(at(today, /^table-/).verdict, 'meets');
    assert.equal(at(later, /^table-/).verdict, 'misses');
    assert.equal(at(later, /^table-/).optedIn, false);
  });

  it('markdown and CSV', async () => {
    const md = await run(['--profile', 'member', '--format', 'markdown']);
    assert.match(md.stdout, /^# Recovery posture\n/);
    assert.match(
      md.stdout,
      /\| MISSES \| member \\\(210000000001\\\) \| eu-west-1 \| stopped-bucket-0001-eu-west-1-0 \|/,
    );
    const csv = await run(['--profile', 'member', '--format', 'csv']);
    const [head, first] = csv.stdout.split('\r\n');
    assert.match(head!, /^Verdict,Account,Account ID,Region,Resource,Resource ARN,Type,Protection,/);
    assert.match(first!, /^MISSES,member,210000000001,eu-west-1,/);
  });

  it('exit 2 for an account or Region that cannot be read, with the others still shown', async () => {
    const r = await run([
      '--profile',
      'healthy',
      '--profile',
      'nokeys',
      '--region',
      'us-east-1',
      '--region',
      'ap-south-2',
    ]);
    assert.equal(r.code, 2);
    assert.match(r.stdout, /healthy \(\d+\)\s+us-east-1\s+live-bucket/);
    assert.match(r.stderr, /pitr-posture: healthy · ap-south-2 not read: AWS rejected the credentials/);
    assert.match(r.stderr, /pitr-posture: nokeys · us-east-1 not read: /);
  });

  it('an AWS error message with terminal escapes and bidi controls reaches stderr inert', async () => {
    // An endpoint that answers every request with a service error whose message carries an escape
    // sequence and a right-to-left override, as a hostile or broken endpoint could.
    const hostile = createServer((req, res) => {
      req.resume();
      res.writeHead(400, {
        'content-type': 'application/x-amz-json-1.1',
        'x-amzn-errortype': 'InvalidParameterValueException',
      });
      res.end(JSON.stringify({ message: 'bad \u001b]0;pwned\u0007\u001b[2J value \u202egnp.exe' }));
    });
    await new Promise<void>((go) => hostile.listen(0, '127.0.0.1', go));
    const saved = process.env.AWS_ENDPOINT_URL_BACKUP;
    process.env.AWS_ENDPOINT_URL_BACKUP = `http://127.0.0.1:${(hostile.address() as AddressInfo).port}`;
    try {
      const r = await run(['--profile', 'healthy', '--region', 'us-east-1']);
      assert.equal(r.code, 2, r.stderr);
      assert.match(
        r.stderr,
        /not read: AWS Backup refused \w+: bad \\u001b\]0;pwned\\u0007\\u001b\[2J value \\u202egnp\.exe/,
      );
      assert.doesNotMatch(r.stderr + r.stdout, /[\u0000-\u0009\u000b-\u001f\u202e]/);
    } finally {
      process.env.AWS_ENDPOINT_URL_BACKUP = saved;
      await new Promise((go) => hostile.close(go));
    }
  });

  it('exit 2 for usage errors, each saying what is wrong', async () => {
    for (const [args, message] of [
      [['--format', 'xml'], /--format takes table, markdown, csv, json, not "xml"/],
      [['--rpo-target', 'S4=1h'], /--rpo-target: "S4" is not an AWS Backup resource type/],
      [['--rpo-target', 'fast'], /--rpo-target: "fast" is not a duration/],
      [['--now', 'yesterday'], /--now takes an ISO 8601 time/],
      [['--region'], /--region needs a value/],
      [['--region', '--profile'], /--region needs a value/],
      [['--regions', 'us-east-1'], /unknown option "--regions"/],
      [['prod'], /unexpected argument "prod"/],
      // "--" ends the options: what follows is an argument, and pitr-posture takes none.
      [['--', '--profile', 'prod'], /unexpected argument "--profile"/],
      [['-hx'], /unknown option "-hx"/],
    ] as const) {
      const r = await run([...args]);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.stderr, message);
      assert.match(r.stderr, /See: pitr-posture --help/);
      assert.equal(r.stdout, '');
    }
  });

  it('--region takes every partition’s Region names, and refuses what is not one', async () => {
    for (const region of ['eusc-de-east-1', 'us-isob-east-1', 'us-gov-west-1', 'ap-southeast-5']) {
      const r = await run(['--profile', 'nokeys', '--region', region]);
      assert.doesNotMatch(r.stderr, /--region takes/, region);
      assert.match(r.stderr, new RegExp(`nokeys · ${region} not read`), region);
    }
    for (const bad of ['us-east-1a', 'US-EAST-1', 'us-east', 'useast1', 'us-east-1 ']) {
      const r = await run(['--region', bad]);
      assert.equal(r.code, 2, bad);
      assert.match(r.stderr, /--region takes a Region such as us-east-1/, bad);
    }
  });

  it('a progress line on a terminal only, cleared before the report', async () => {
    const r = await run(['--profile', 'healthy'], true);
    assert.match(r.stderr, /\r\u001b\[2Kreading \d\/1 account–Regions · healthy us-east-1: \d+ resources/);
    assert.ok(r.stderr.endsWith('\r\u001b[2K'));
  });

  /** Runs the built bin (asynchronously: the emulator answers from this same process). */
  const runBin = (
    bin: string,
    env: NodeJS.ProcessEnv,
  ): Promise<{ status: number; stdout: string; stderr: string }> =>
    new Promise((resolve) =>
      execFile(
        process.execPath,
        [bin, '--profile', 'healthy', '--format', 'csv'],
        { encoding: 'utf8', env },
        (error, stdout, stderr) => resolve({ status: error ? Number(error.code) : 0, stdout, stderr }),
      ),
    );
  /** This process's environment without the SDK's switch for its Node version notice. */
  const withoutNotice = (): NodeJS.ProcessEnv => {
    const env = { ...process.env };
    delete env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED;
    return env;
  };

  it('the built bin in a pipe: exit code, no progress line, nothing on stderr (not the SDK’s Node notice either)', async function () {
    const bin = join(__dirname, '..', '..', '..', '..', 'dist', 'posture.js');
    if (!existsSync(bin)) this.skip();
    const r = await runBin(bin, withoutNotice());
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stderr, '');
    assert.match(r.stdout, /^Verdict,/);
  });

  it('the SDK’s notice about two credential sources is one line of ours', async function () {
    const bin = join(__dirname, '..', '..', '..', '..', 'dist', 'posture.js');
    assert.ok(existsSync(bin), `${bin} is built by npm run test:unit`);
    const r = await runBin(bin, {
      ...process.env,
      AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(
      r.stderr,
      'pitr-posture: a profile is named and AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY are also set in the environment: the profile’s credentials are used, not those keys (unset them to silence this)\n',
    );
    assert.match(r.stdout, /^Verdict,/);
  });

  it('the SDK’s Node version notice comes back when the person asks for it', async function () {
    const bin = join(__dirname, '..', '..', '..', '..', 'dist', 'posture.js');
    // The SDK only gives it below Node.js 22 (@aws-sdk/core emitWarningIfUnsupportedVersion).
    if (!existsSync(bin) || Number(process.versions.node.split('.')[0]) >= 22) this.skip();
    const r = await runBin(bin, {
      ...withoutNotice(),
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'false',
    });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /NodeVersionSupportWarning/);
    assert.match(r.stdout, /^Verdict,/);
  });
});
