import { strict as assert } from 'node:assert';
import { appendFileSync } from 'node:fs';
import { runPosture } from '../posture/runPosture';
import type { PostureReport, ReportRow } from '../../../src/posture/report';
import { drAccounts, startEmulator, type Emulator } from '../../../src/emulator/server';
import { isolateAwsEnvironment } from './awsTestEnv';

/**
 * The RPO after losing the Region (issue 26), `pitr-posture` against the emulator's disaster-recovery
 * accounts (src/emulator/seedDr.ts): copies found in the other Region's and the other account's vaults,
 * failing copies, EXPIRED sources, copies to places not read, and a Region that cannot be read.
 */
describe('pitr-posture: the DR RPO, after losing the Region', function () {
  this.timeout(120_000);
  let emu: Emulator;
  let env: ReturnType<typeof isolateAwsEnvironment>;
  const [prod, central] = drAccounts();
  const HOUR = 3_600_000;
  /** The production account in both Regions; both accounts in both Regions. */
  const PROD = ['--profile', 'drprod', '--region', 'us-east-1', '--region', 'us-west-2'];
  const BOTH = [
    '--profile',
    'drprod',
    '--profile',
    'drcentral',
    '--region',
    'us-east-1',
    '--region',
    'us-west-2',
  ];
  const DAY = 24 * HOUR;

  before(async () => {
    env = isolateAwsEnvironment();
    emu = await startEmulator({
      bulkRecoveryPoints: 0,
      regions: ['us-east-1', 'us-west-2'],
      accounts: [prod!, central!],
    });
    appendFileSync(
      process.env.AWS_CONFIG_FILE!,
      '\n[profile drprod]\nregion = us-east-1\n\n[profile drcentral]\nregion = us-east-1\n',
    );
    appendFileSync(
      process.env.AWS_SHARED_CREDENTIALS_FILE!,
      [prod!, central!]
        .map(
          (m, i) =>
            `\n[${i ? 'drcentral' : 'drprod'}]\naws_access_key_id = ${m.credentials.accessKeyId}\naws_secret_access_key = ${m.credentials.secretAccessKey}\n`,
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
  const rows = (out: string): Map<string, ReportRow> =>
    new Map((JSON.parse(out) as PostureReport).rows.map((r) => [r.resourceName ?? r.resourceArn, r]));
  const near = (ms: number | null | undefined, expected: number, what: string) =>
    assert.ok(
      ms !== null && ms !== undefined && Math.abs(ms - expected) < 5 * 60_000,
      `${what}: ${ms} ≈ ${expected}`,
    );

  it('--dr-rpo-target 1d: a resource whose RPO meets while its DR RPO misses, and exit 1', async () => {
    const args = PROD;
    // Every RPO meets a 1-day target: the exit status is the DR RPO's alone.
    const r = await run([...args, '--format', 'json', '--rpo-target', '1d', '--dr-rpo-target', '1d']);
    assert.equal(r.code, 1, r.stderr);
    const byName = rows(r.stdout);
    assert.deepEqual(
      [...byName.values()].filter((x) => x.verdict !== 'meets').map((x) => x.resourceName),
      [],
    );
    const stale = byName.get('stale-db')!;
    assert.equal(stale.verdict, 'meets', 'its RPO (restore lag of RDS) meets its target');
    assert.equal(stale.rpoMs, 5 * 60_000);
    assert.equal(stale.drVerdict, 'misses');
    assert.equal((await run([...args, '--rpo-target', '1d'])).code, 0, 'no DR target: every resource meets');
    assert.equal(stale.drTargetMs, DAY);
    near(stale.drRpoMs, 9 * DAY + 3 * HOUR, 'stale-db DR RPO');
    assert.equal(stale.drCopy?.region, 'us-west-2');
    assert.equal(stale.drCopy?.accountId, '310000000001');
    assert.equal(stale.drCopy?.vault, 'dr-copies');
    assert.match(
      stale.drCopy.recoveryPointArn,
      /^arn:aws:rds:us-west-2:310000000001:snapshot:awsbackup:copyjob-/,
    );
    assert.ok(
      stale.todo.some(
        (t) => /copy action copies a snapshot on the rule's schedule/.test(t) && /every 1 d/.test(t),
      ),
      stale.todo.join('\n'),
    );
    const fresh = byName.get('fresh-db')!;
    assert.equal(fresh.drVerdict, 'meets');
    near(fresh.drRpoMs, 2 * HOUR, 'fresh-db DR RPO');
    const none = byName.get('nocopy-cluster')!;
    assert.equal(none.drStatus, 'no copy');
    assert.equal(none.drRpoMs, null);
    assert.equal(none.drCopy, null);
    assert.equal(none.drVerdict, 'misses');
    // Copies are not resources: nothing listed in us-west-2, where only copies are.
    assert.deepEqual([...new Set([...byName.values()].map((x) => x.region))], ['us-east-1']);
    assert.equal(byName.size, 7);
    // Only one account read: no account-loss RPO.
    assert.equal(stale.accountLossRpoMs, undefined);
  });

  it('names failing copies with their message, EXPIRED sources with their cause, copies to places not read as unverified', async () => {
    const listings = (region: string) =>
      emu.stateOf(prod!.accountId, region).requests.filter((q) => q.operation === 'ListCopyJobs').length;
    const before = [listings('us-east-1'), listings('us-west-2')];
    const r = await run([...PROD, '--format', 'json']);
    const byName = rows(r.stdout);
    assert.equal(byName.get('stale-db')!.drVerdict, 'no target');
    assert.equal(r.code, 1, 'reports-db, snapshots only, misses its RPO target');
    assert.deepEqual(
      [...byName.values()]
        .filter((x) => x.verdict === 'misses' || x.drVerdict === 'misses')
        .map((x) => x.resourceName),
      ['reports-db'],
      'with no DR target, nothing misses one',
    );
    const failing = byName.get('failing-bucket')!;
    assert.ok(
      failing.todo.some((t) =>
        /keep failing: 6 failed since .*"Copy job failed\. Both source and destination account must be a member of the same organization"/.test(
          t,
        ),
      ),
      failing.todo.join('\n'),
    );
    assert.equal(failing.drStatus, 'unverified', 'its older copies went to an account not read');
    assert.equal(failing.drCopy?.status, 'unverified');
    assert.equal(failing.drRpoMs, null);
    const far = byName.get('reports-db')!;
    assert.equal(far.drStatus, 'unverified');
    assert.equal(far.drCopy?.region, 'eu-central-1');
    const expired = byName.get('expired-db')!;
    assert.ok(
      expired.todo.some((t) =>
        /35 source snapshots .* left EXPIRED in dr-source: .*lacks rds:DeleteDBSnapshot/.test(t),
      ),
      expired.todo.join('\n'),
    );
    assert.ok(!byName.get('fresh-db')!.todo.some((t) => /EXPIRED/.test(t)));
    // One ListCopyJobs listing per account–Region, whatever the number of resources.
    assert.deepEqual([listings('us-east-1') - before[0]!, listings('us-west-2') - before[1]!], [1, 1]);
  });

  it('with the central account read too: its copies count, and the RPO after losing the account shows', async () => {
    const r = await run([...BOTH, '--format', 'json', '--dr-rpo-target', '1d']);
    const byName = rows(r.stdout);
    const failing = byName.get('failing-bucket')!;
    assert.equal(failing.drStatus, 'copy');
    near(failing.drRpoMs, 6 * DAY + HOUR, 'the newest copy before the failures');
    assert.equal(failing.drCopy?.accountId, '310000000002');
    const ledger = byName.get('ledger-table')!;
    assert.equal(ledger.drStatus, 'no copy', 'its copies are in the same Region');
    near(ledger.accountLossRpoMs, 6 * HOUR, 'ledger-table account-loss RPO');
    assert.equal(ledger.accountLossCopy?.region, 'us-east-1');
    assert.equal(byName.get('fresh-db')!.accountLossRpoMs, null, 'no copy in another account');
    const table = await run([...BOTH, '--dr-rpo-target', '1d']);
    assert.match(
      table.stdout.split('\n')[0]!,
      /RPO now\s+Target\s+RTO\s+RTO target\s+RTO verdict\s+DR RPO\s+DR target$/,
    );
    assert.match(
      table.stdout,
      /stale-db\s+RDS\s+continuous \(dr-source\)\s+5 min\s+1 h\s+never restored\s+9 d 3 h MISSES\s+1 d/,
    );
    assert.match(table.stdout, /missing their DR RPO target/);
    const md = await run([
      '--profile',
      'drprod',
      '--region',
      'us-east-1',
      '--format',
      'markdown',
      '--dr-rpo-target',
      '1d',
    ]);
    assert.match(md.stdout, /\| DR RPO \| DR target \| DR copy \| Account-loss RPO \|/);
    const csv = await run([
      '--profile',
      'drprod',
      '--region',
      'us-east-1',
      '--format',
      'csv',
      '--dr-rpo-target',
      '1d',
    ]);
    assert.match(
      csv.stdout.split('\r\n')[0]!,
      /,DR verdict,DR RPO \(seconds\),DR RPO,DR target \(seconds\),DR copy region,/,
    );
  });

  it('--days: the RPO and the DR RPO over the last days, from what AWS still holds, with what cannot be reconstructed', async () => {
    const r = await run([
      ...PROD,
      ...['--format', 'json', '--dr-rpo-target', '1d', '--days', '30'],
      // An hour after the seed, so no day starts at the very second a backup began.
      ...['--now', new Date(Date.now() + HOUR).toISOString()],
    ]);
    const byName = rows(r.stdout);
    const fresh = byName.get('fresh-db')!;
    assert.equal(fresh.rpoCompliance, 1);
    assert.equal(fresh.rpoDays!.length, 30);
    assert.ok(fresh.rpoDays!.every((d) => d.worstRpoMs === 5 * 60_000 && d.met === 1));
    assert.equal(fresh.drRpoCompliance, 1, 'a copy every day meets a 1-day DR target all month');
    const stale = byName.get('stale-db')!;
    const colours = stale.drRpoDays!.map((d) => (d.met === 1 ? 'green' : d.met === 0 ? 'red' : 'amber'));
    assert.deepEqual(colours.slice(0, 20), Array<string>(20).fill('green'));
    assert.deepEqual(colours.slice(-8), Array<string>(8).fill('red'));
    assert.ok(colours.includes('amber'));
    assert.ok(stale.drRpoCompliance! > 0.7 && stale.drRpoCompliance! < 0.75, String(stale.drRpoCompliance));
    near(stale.drRpoDays!.at(-1)!.worstRpoMs, 9 * DAY + 4 * HOUR, 'the worst DR RPO today');
    const failing = byName.get('failing-bucket')!;
    assert.equal(failing.drRpoDays!.filter((d) => d.failedJobs > 0).length, 6, 'the days copies failed');
    const young = byName.get('nocopy-cluster')!;
    assert.equal(
      young.rpoDays!.filter((d) => d.worstRpoMs === null).length,
      17,
      'before its continuous backup began 12 days ago (the 18th day back holds its first hour)',
    );
    assert.match(
      young.rpoComplianceWhy!,
      /17 of 30 days cannot be reconstructed .*expired snapshots leave no trace/,
    );
    assert.equal(young.rpoCompliance, 1);
    assert.equal(young.drRpoCompliance, null);
    assert.match(young.drRpoComplianceWhy!, /no recovery point/);
    assert.match((await run(['--days', '36'])).stderr, /--days takes a whole number from 1 to 35/);
  });

  it('a Region that cannot be read leaves the DR RPO unknown, never "no copy"', async () => {
    const r = await run([
      '--profile',
      'drprod',
      '--region',
      'us-east-1',
      '--region',
      'ap-south-2',
      '--format',
      'json',
      '--dr-rpo-target',
      '1d',
    ]);
    assert.equal(r.code, 2, 'an account–Region not read');
    const none = rows(r.stdout).get('nocopy-cluster')!;
    assert.equal(none.drStatus, 'unknown');
    assert.match(none.drReason!, /not read: drprod · ap-south-2/);
    assert.equal(none.drRpoMs, null);
    assert.match(
      (await run(['--dr-rpo-target', 'soon'])).stderr,
      /--dr-rpo-target: "soon" is not a duration/,
    );
  });
});
