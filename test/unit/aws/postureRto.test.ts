import { strict as assert } from 'node:assert';
import { appendFileSync } from 'node:fs';
import { BackupClient, StartRestoreJobCommand } from '@aws-sdk/client-backup';
import { runPosture } from '../posture/runPosture';
import type { PostureReport } from '../../../src/posture/report';
import { memberAccounts, startEmulator, type Emulator } from '../../../src/emulator/server';
import { isolateAwsEnvironment } from './awsTestEnv';

const HOUR = 3_600_000;
const MINUTE = 60_000;

/**
 * The measured RTO in `pitr-posture` against the emulator: the seeded restore history (a fast restore,
 * restore tests that grow slower than 4 hours, resources never restored), --rto-target and the exit
 * status, the formats' RTO columns, and jobs that must never count (failed, still running).
 */
describe('pitr-posture: the measured RTO against the emulator', function () {
  this.timeout(120_000);
  let emu: Emulator;
  let env: ReturnType<typeof isolateAwsEnvironment>;
  /** S3, RDS and Aurora with live continuous backup: the bucket restored fast, the instance slowly, the cluster never. */
  const healthy = memberAccounts(2, 3)[1]!;
  const member = memberAccounts(1)[0]!;

  before(async () => {
    env = isolateAwsEnvironment();
    // Restore jobs started in the tests run for an hour: still RUNNING when the posture is read.
    emu = await startEmulator({
      bulkRecoveryPoints: 5,
      accounts: [member, healthy],
      restoreJobDurationMs: HOUR,
    });
    appendFileSync(
      process.env.AWS_CONFIG_FILE!,
      '\n[profile healthy]\nregion = us-east-1\n\n[profile member]\nregion = us-east-1\n',
    );
    appendFileSync(
      process.env.AWS_SHARED_CREDENTIALS_FILE!,
      [
        ['healthy', healthy],
        ['member', member],
      ]
        .map(
          ([name, m]) =>
            `\n[${name as string}]\naws_access_key_id = ${(m as typeof member).credentials.accessKeyId}\naws_secret_access_key = ${(m as typeof member).credentials.secretAccessKey}\n`,
        )
        .join(''),
    );
    process.env.AWS_ENDPOINT_URL_BACKUP = emu.url;
  });
  after(async () => {
    await emu.close();
    env.restore();
  });

  const run = (args: string[]) => runPosture(args);
  const rowsOf = (out: string) => (JSON.parse(out) as PostureReport).rows;

  it('--rto-target 4h on the sample account: the slow resource misses, the never-restored one is untested, exit 1', async () => {
    const r = await run(['--profile', 'emulator', '--format', 'json', '--rto-target', '4h']);
    assert.equal(r.code, 1, r.stderr);
    const rows = rowsOf(r.stdout);
    const by = (name: string) => rows.find((x) => x.resourceName === name)!;
    const slow = by('analytics-cluster');
    assert.equal(slow.rtoVerdict, 'misses');
    assert.equal(slow.rtoBasis, 'restore test');
    assert.equal(slow.rtoTargetMs, 4 * HOUR);
    assert.ok(slow.rtoMs! > 4 * HOUR && slow.rtoMs! < 5 * HOUR, `${slow.rtoMs! / MINUTE} min`);
    assert.equal(slow.longestRestore30dMs, slow.rtoMs, 'its latest test is also its longest of the month');
    assert.match(slow.lastRestoreAt!, /^\d{4}-\d\d-\d\dT/);
    assert.ok(
      slow.todo.some((t) =>
        /latest restore \(restore test, completed .*\) took 4 h \d+ min, over its RTO target of 4 h/.test(t),
      ),
    );
    // orders-db: restore tests of 33 to 39 minutes, the latest yesterday, and a manual 42-minute restore three days ago.
    const fast = by('orders-db');
    assert.deepEqual(
      [fast.rtoVerdict, fast.rtoBasis, Math.round(fast.rtoMs! / MINUTE)],
      ['meets', 'restore test', 39],
    );
    assert.equal(fast.longestRestore30dMs, 42 * MINUTE, 'the longest of the month is the manual restore');
    // orders-bucket's one restore job FAILED: it was never restored.
    const never = by('orders-bucket');
    assert.deepEqual([never.rtoVerdict, never.rtoBasis, never.rtoMs], ['untested', 'never restored', null]);
    assert.ok(never.todo.some((t) => /^Never restored: its RTO target of 4 h is unproven/.test(t)));
    // Breaches first: RTO ones too.
    assert.notEqual(
      rows.findIndex((x) => x.resourceName === 'analytics-cluster'),
      -1,
    );
    assert.ok(
      rows.findIndex((x) => x.resourceName === 'analytics-cluster') <
        rows.findIndex((x) => x.resourceName === 'orders-db'),
    );
  });

  it('exit 0 without an RTO target whatever the restores; exit 1 from the RTO alone with one', async () => {
    const free = await run(['--profile', 'healthy', '--format', 'json']);
    assert.equal(free.code, 0, free.stdout);
    const summary = (out: string) =>
      rowsOf(out)
        .map(
          (x) =>
            `${x.resourceType} ${x.verdict} ${x.rtoVerdict} ${x.rtoBasis} ${x.rtoMs === null ? '-' : Math.round(x.rtoMs / MINUTE)}`,
        )
        .sort();
    assert.deepEqual(summary(free.stdout), [
      'Aurora meets no target never restored -',
      'RDS meets no target last restore 270',
      'S3 meets no target last restore 11',
    ]);
    const held = await run(['--profile', 'healthy', '--format', 'json', '--rto-target', '4h']);
    assert.equal(held.code, 1, 'every RPO is met: the RTO alone fails the check');
    assert.deepEqual(summary(held.stdout), [
      'Aurora meets untested never restored -',
      'RDS meets misses last restore 270',
      'S3 meets meets last restore 11',
    ]);
    const perType = await run(['--profile', 'healthy', '--format', 'json', '--rto-target', 'S3=30m']);
    assert.equal(perType.code, 0, 'only S3 has a target, and it is met');
    const unproven = await run(['--profile', 'healthy', '--format', 'json', '--rto-target', 'Aurora=4h']);
    assert.equal(unproven.code, 1, 'an RTO target on a resource never restored is unproven: a breach');
    assert.match((await run(['--rto-target', 'soon'])).stderr, /--rto-target: "soon" is not a duration/);
    assert.match(
      (await run(['--rto-target', 'Floppy=1h'])).stderr,
      /--rto-target: "Floppy" is not an AWS Backup resource type/,
    );
  });

  it('a running restore and a failed one never count; a never-restored resource gets its type’s typical restore as a hint', async () => {
    const aurora = rowsOf((await run(['--profile', 'healthy', '--format', 'json'])).stdout).find(
      (x) => x.resourceType === 'Aurora',
    )!;
    const client = new BackupClient({
      region: 'us-east-1',
      endpoint: emu.url,
      credentials: healthy.credentials,
    });
    try {
      await client.send(
        new StartRestoreJobCommand({
          RecoveryPointArn: aurora.recoveryPointArn!,
          Metadata: { dbClusterIdentifier: 'drill-cluster' },
          IamRoleArn: 'arn:aws:iam::210000000002:role/r',
        }),
      );
    } finally {
      client.destroy();
    }
    const after = rowsOf((await run(['--profile', 'healthy', '--format', 'json'])).stdout).find(
      (x) => x.resourceType === 'Aurora',
    )!;
    assert.equal(after.rtoBasis, 'never restored', 'a restore still running measures nothing');
    assert.equal(after.rtoMs, null);
    // The member's RDS instance with snapshots only was never restored; its account restored another RDS instance in 4 h 30 min.
    const snapDb = rowsOf((await run(['--profile', 'member', '--format', 'json'])).stdout).find((x) =>
      /^snap-db-/.test(x.resourceName ?? ''),
    )!;
    assert.equal(snapDb.rtoMs, null);
    assert.equal(snapDb.typicalRestoreMs, 4.5 * HOUR);
    assert.equal(
      snapDb.rtoHint,
      'hint, not its RTO: a typical RDS restore here takes 4 h 30 min (median of 1 restore of other resources)',
    );
  });

  it('the table, Markdown and CSV show the RTO beside the RPO', async () => {
    const table = await run(['--profile', 'emulator', '--rto-target', '4h']);
    const head = table.stdout.split('\n')[0]!;
    assert.match(head, /RPO now\s+Target\s+RTO\s+RTO target\s+RTO verdict\s+DR RPO\s+DR target$/);
    assert.match(table.stdout, /analytics-cluster\s+Aurora\s+.*\s4 h \d+ min \(test\)\s+4 h\s+MISSES/);
    assert.match(table.stdout, /orders-bucket\s+S3\s+.*\snever restored\s+4 h\s+UNTESTED/);
    assert.match(table.stdout, /\d+ never restored; \d+ missing their RTO target or never restored/);
    const md = await run(['--profile', 'emulator', '--format', 'markdown', '--rto-target', '4h']);
    assert.match(md.stdout, /\| Target \| RTO \| RTO target \| RTO verdict \|/);
    assert.match(md.stdout, /\| orders-db \| RDS \|[^\n]*\| 39 min \\\(test\\\) \| 4 h \| meets \|/);
    const csv = await run(['--profile', 'emulator', '--format', 'csv', '--rto-target', '4h']);
    const [header, ...lines] = csv.stdout.split('\r\n');
    /** The fields of an RFC 4180 line. */
    const fields = (line: string): string[] =>
      [...line.matchAll(/(?:^|,)("(?:[^"]|"")*"|[^,]*)/g)].map((m) =>
        m[1]!.replace(/^"|"$/g, '').replace(/""/g, '"'),
      );
    const cols = fields(header!);
    const at = (line: string, col: string) => fields(line)[cols.indexOf(col)];
    const db = lines.find((l) => l.includes(',orders-db,'))!;
    assert.equal(Math.round(Number(at(db, 'RTO (seconds)')) / 60), 39);
    assert.equal(at(db, 'RTO basis'), 'restore test');
    assert.equal(at(db, 'Longest restore in 30 days (seconds)'), String(42 * 60));
    assert.equal(at(db, 'RTO target (seconds)'), String(4 * 3600));
    assert.equal(at(db, 'RTO verdict'), 'meets');
  });
});
