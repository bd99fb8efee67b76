import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli, workspace } from '../cliSupport';

const SEMINAR_PLAN =
  '{"BackupPlanName":"Example-Backup-Plan","Rules":[{"RuleName":"DailyBackups","ScheduleExpression":"cron(0 5 * * *)","StartWindowMinutes":480,"EnableContinuousBackup":true,"TargetBackupVaultName":"Default","Lifecycle":{"DeleteAfterDays":30}}]}';

// 1-based column of the cron value, and just past its closing quote.
const COL = SEMINAR_PLAN.indexOf('"cron(') + 1;
const END = COL + '"cron(0 5 * * *)"'.length;

describe('pitr-lint (the command line)', () => {
  const dir = workspace({
    'plans/backup-plan.json': SEMINAR_PLAN,
    'plans/good-plan.json': '{"BackupPlanName":"p","Rules":[{"RuleName":"r","TargetBackupVaultName":"v1"}]}',
    'package.json': '{"name":"x"}',
    'restore/s3.json': '{"DestinationBucketName":"restore-target","RestoreTime":"2025-08-01T11:30:27Z"}',
    'ops/odd-name.json':
      '{"BackupPlanName":"p","Rules":[{"RuleName":"r","TargetBackupVaultName":"v1","StartWindowMinutes":10}]}',
    'notes/other.json': '{"a":1}',
  });

  it('text: 1-based line:column, the code and the message; exit 1 on errors', async () => {
    const r = await cli(['plans/backup-plan.json', '--now', '2025-08-01T12:00:00Z'], dir);
    assert.equal(r.code, 1);
    assert.ok(r.out.startsWith(`plans/backup-plan.json:1:${COL}: error PLAN001`), r.out);
    assert.match(r.out, /error PLAN001: "cron\(0 5 \* \* \*\)" has five fields/m);
    assert.match(r.out, /1 file linted: 1 error, 0 warnings/);
  });

  it('exit 0 when clean; directories are searched and other JSON is skipped', async () => {
    const r = await cli(['plans/good-plan.json', 'restore', 'notes', '--now', '2025-08-01T12:00:00Z'], dir);
    assert.equal(r.code, 0, r.out + r.err);
    assert.match(r.out, /2 files linted: 0 errors, 0 warnings, 1 note/);
  });

  it('expands quoted globs itself', async () => {
    const r = await cli(['plans/*.json', '--format', 'json'], dir);
    const report = JSON.parse(r.out) as { file: string }[];
    assert.deepEqual(
      report.map((x) => x.file),
      ['plans/backup-plan.json', 'plans/good-plan.json'],
    );
  });

  it('json: findings with 1-based ranges and the rule URL', async () => {
    const r = await cli(['plans/backup-plan.json', '--format', 'json'], dir);
    const [file] = JSON.parse(r.out) as {
      kind: string;
      findings: { code: string; line: number; column: number; endColumn: number; url: string }[];
    }[];
    assert.equal(file!.kind, 'backup-plan');
    assert.deepEqual(
      file!.findings.map((f) => [f.code, f.line, f.column, f.endColumn]),
      [['PLAN001', 1, COL, END]],
    );
    assert.match(file!.findings[0]!.url, /^https:\/\/docs\.aws\.amazon\.com\//);
  });

  it('sarif: a SARIF 2.1.0 log with rules and results', async () => {
    const r = await cli(['plans/backup-plan.json', '--format', 'sarif'], dir);
    const log = JSON.parse(r.out) as {
      version: string;
      runs: {
        tool: { driver: { rules: { id: string }[] } };
        results: {
          ruleId: string;
          ruleIndex: number;
          level: string;
          locations: {
            physicalLocation: {
              artifactLocation: { uri: string };
              region: { startLine: number; startColumn: number };
            };
          }[];
        }[];
      }[];
    };
    assert.equal(log.version, '2.1.0');
    const run = log.runs[0]!;
    const res = run.results[0]!;
    assert.equal(res.ruleId, 'PLAN001');
    assert.equal(run.tool.driver.rules[res.ruleIndex]!.id, 'PLAN001');
    assert.equal(res.level, 'error');
    assert.deepEqual(res.locations[0]!.physicalLocation.region, {
      startLine: 1,
      startColumn: COL,
      endLine: 1,
      endColumn: END,
    });
    assert.equal(res.locations[0]!.physicalLocation.artifactLocation.uri, 'plans/backup-plan.json');
  });

  it("--severity turns a rule off or changes its level; --kind names a file's kind", async () => {
    assert.equal((await cli(['plans/backup-plan.json', '--severity', 'PLAN001=off'], dir)).code, 0);
    assert.match(
      (await cli(['plans/backup-plan.json', '--severity=PLAN001=warning'], dir)).out,
      /warning PLAN001/,
    );
    const skipped = await cli(['notes/other.json'], dir);
    assert.match(skipped.err, /skipped "notes\/other\.json": not a recognised AWS Backup file/);
    const named = await cli(['notes/other.json', '--kind', '**/notes/*.json=backup-plan'], dir);
    assert.equal(named.code, 1);
    assert.match(named.out, /SCHEMA002/);
  });

  it('exit 2 for usage and I/O errors, with a message that says what is wrong', async () => {
    assert.equal((await cli([], dir)).code, 2);
    const missing = await cli(['nope.json'], dir);
    assert.equal(missing.code, 2);
    assert.match(missing.err, /cannot read "nope\.json": no such file/);
    const badNow = await cli(['plans', '--now', 'yesterday'], dir);
    assert.equal(badNow.code, 2);
    assert.match(badNow.err, /--now takes an ISO 8601 time/);
    assert.match((await cli(['plans', '--format', 'xml'], dir)).err, /--format takes text, json or sarif/);
    assert.match((await cli(['plans', '--severity', 'NOPE001=off'], dir)).err, /unknown rule code/);
    assert.match((await cli(['plans', '--bogus'], dir)).err, /unknown option "--bogus"/);
    // A flag with no value, at the end or before the next flag, says so (the next flag is not its value).
    assert.match((await cli(['plans', '--format'], dir)).err, /--format needs a value/);
    const swallowed = await cli(['--format', '--now', '2025-08-01T12:00:00Z', 'plans'], dir);
    assert.equal(swallowed.code, 2);
    assert.match(swallowed.err, /--format needs a value/);
    assert.match((await cli(['plans', '--format=json'], dir)).out, /^\[/);
    // A switch takes no value: "=false" is refused, not read as on.
    const off = await cli(['plans', '--allow-other-files=false'], dir);
    assert.equal(off.code, 2);
    assert.match(off.err, /--allow-other-files takes no value/);
  });
});

const GOOD_PLAN = '{"BackupPlanName":"p","Rules":[{"RuleName":"r","TargetBackupVaultName":"v1"}]}';

/** A file system error as node throws it. */
function fsError(code: string): Error {
  return Object.assign(new Error(`${code}: simulated`), { code });
}

describe('pitr-lint never exits 0 having checked nothing (issue 12)', () => {
  it('a glob whose walk fails, or that matches nothing, exits 2 with the reason', async () => {
    const dir = workspace({ 'plans/good-plan.json': GOOD_PLAN });
    symlinkSync(join(dir, 'nowhere'), join(dir, 'plans', 'dangling.json'));
    symlinkSync(join(dir, 'loop-b'), join(dir, 'loop-a'));
    symlinkSync(join(dir, 'loop-a'), join(dir, 'loop-b'));

    const dangling = await cli(['plans/*.json'], dir);
    assert.equal(dangling.code, 2, dangling.err);
    assert.match(dangling.err, /cannot read "plans\/dangling\.json": a broken symbolic link/);
    assert.match(dangling.out, /1 file linted/, 'the good file is still linted');

    const loop = await cli(['loop-*/*.json'], dir);
    assert.equal(loop.code, 2);
    assert.match(loop.err, /skipped "loop-a": too many levels of symbolic links/);
    assert.match(loop.err, /no files match "loop-\*\/\*\.json"/);

    const nothing = await cli(['nowhere/**/*.json'], dir);
    assert.equal(nothing.code, 2);
    assert.match(
      nothing.err,
      /cannot read "nowhere": no such file or directory \(in the glob "nowhere\/\*\*\/\*\.json"\)/,
    );

    const none = await cli(['plans/*.yaml'], dir);
    assert.equal(none.code, 2);
    assert.match(none.err, /no files match "plans\/\*\.yaml"/);

    const locked = await cli(['**/*.json'], dir, {
      readdir: (p) => {
        if (p.endsWith('plans')) throw fsError('EACCES');
        return readdirSync(p);
      },
    });
    assert.equal(locked.code, 2);
    assert.match(locked.err, /cannot read "plans": permission denied/);
  });

  it('an empty argument is an error, not the current directory; so is nothing to lint', async () => {
    const dir = workspace({ 'plans/good-plan.json': GOOD_PLAN, 'notes/other.json': '{"a":1}' });
    const empty = await cli([''], dir);
    assert.equal(empty.code, 2);
    assert.match(empty.err, /an empty argument is not a path/);
    const nothing = await cli(['notes'], dir);
    assert.equal(nothing.code, 2);
    assert.match(nothing.err, /nothing was linted/);
  });

  it('--allow-other-files (pre-commit names every changed JSON file): others are skipped quietly', async () => {
    const dir = workspace({ 'plans/backup-plan.json': SEMINAR_PLAN, 'notes/other.json': '{"a":1}' });
    const others = await cli(['--allow-other-files', 'notes/other.json'], dir);
    assert.deepEqual([others.code, others.err], [0, '']);
    const mixed = await cli(['--allow-other-files', 'notes/other.json', 'plans/backup-plan.json'], dir);
    assert.equal(mixed.code, 1);
    assert.match(mixed.out, /PLAN001/);
    // A path that names nothing is still an error.
    assert.equal((await cli(['--allow-other-files', 'notes/missing.json'], dir)).code, 2);
  });

  it('--help shows how to run it in CI', async () => {
    const help = await cli(['--help'], tmpdir());
    assert.equal(help.code, 0);
    assert.match(help.out, /--format sarif/);
    assert.match(help.out, /In CI/);
  });

  it('one bad entry in a directory does not stop the run; a FIFO is skipped, not read', async function () {
    const dir = workspace({ 'a/good-plan.json': GOOD_PLAN, 'a/z-plan.json': GOOD_PLAN });
    symlinkSync(join(dir, 'gone'), join(dir, 'a', 'm-broken.json'));
    const fifo = spawnSync('mkfifo', [join(dir, 'a', 'pipe.json')]);
    if (fifo.status !== 0) this.skip();
    const r = await cli(['a'], dir);
    assert.equal(r.code, 2, 'a path could not be read');
    assert.match(r.err, /cannot read "a\/m-broken\.json": a broken symbolic link/);
    assert.match(r.err, /skipped "a\/pipe\.json": a named pipe \(FIFO\), not a file/);
    assert.match(r.out, /2 files linted/, 'the files after the bad entry are linted');
    const unreadable = await cli(['a'], dir, {
      readFile: (p) => {
        if (p.endsWith('good-plan.json')) throw fsError('EACCES');
        return readFileSync(p);
      },
    });
    assert.equal(unreadable.code, 2);
    assert.match(unreadable.err, /cannot read "a\/good-plan\.json": permission denied/);
    assert.match(unreadable.out, /1 file linted/);
    const explicitFifo = await cli(['a/pipe.json'], dir);
    assert.equal(explicitFifo.code, 2);
    assert.match(explicitFifo.err, /cannot read "a\/pipe\.json": a named pipe \(FIFO\), not a file/);
  });

  it('a file over the size limit is an error that names it, its size and the option', async () => {
    const big = `{"BackupPlanName":"p","Rules":[${'{"RuleName":"r","TargetBackupVaultName":"v1"},'.repeat(130_000)}{"RuleName":"r"}]}`;
    const dir = workspace({ 'big-plan.json': big, 'good-plan.json': GOOD_PLAN });
    const r = await cli(['.'], dir);
    assert.equal(r.code, 2);
    assert.match(
      r.err,
      /cannot read "big-plan\.json": the file is 5\.\d MB, over the 5 MB limit\. To lint it, raise the limit with --max-file-size 6/,
    );
    assert.match(r.out, /1 file linted/);
    assert.match((await cli(['.', '--max-file-size', '6'], dir)).out, /2 files linted/);
    assert.match((await cli(['--help'], dir)).out, /--max-file-size MB/);
    assert.match(
      (await cli(['.', '--max-file-size', 'lots'], dir)).err,
      /--max-file-size takes a size in megabytes/,
    );
  });

  it('text output shows control characters from keys, values and file names as \\u escapes', async () => {
    const dir = workspace({
      'evil\u001b[2J-plan.json':
        '{"BackupPlanName":"p","Rules":[{"RuleName":"r","TargetBackupVaultName":"v1","\u001b]0;pwned\u0007":1}]}',
    });
    const r = await cli(['.'], dir);
    assert.ok(!/[\u0000-\u0009\u000b-\u001f]/.test(r.out + r.err), JSON.stringify(r.out + r.err));
    assert.match(
      r.out,
      /^evil\\u001b\[2J-plan\.json:1:\d+: error SCHEMA001: Unknown property "\\u001b\]0;pwned\\u0007"/m,
    );
    assert.ok(!/\u001b/.test((await cli(['--format', 'x\u001b[31m', '.'], dir)).err));
  });

  it('SARIF artifact URIs are percent-encoded: "#", "?", spaces, non-ASCII', async () => {
    const bad =
      '{"BackupPlanName":"p","Rules":[{"RuleName":"r","TargetBackupVaultName":"v1","StartWindowMinutes":1}]}';
    const dir = workspace({ 'a #1?/é plan.json': bad });
    const log = JSON.parse(
      (await cli(['.', '--format', 'sarif', '--kind', '**/*.json=backup-plan'], dir)).out,
    ) as {
      runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[];
    };
    const uri = log.runs[0]!.results[0]!.locations[0]!.physicalLocation.artifactLocation.uri;
    assert.equal(uri, 'a%20%231%3F/%C3%A9%20plan.json');
    assert.equal(decodeURIComponent(new URL(uri, 'file:///w/').pathname), '/w/a #1?/é plan.json');
  });

  it('files the AWS CLI refuses: a BOM and invalid UTF-8 are JSON001, floats for integers SCHEMA003', async () => {
    const plan = (v: string) =>
      `{"BackupPlanName":"p","Rules":[{"RuleName":"r","TargetBackupVaultName":"v1","StartWindowMinutes":${v},"CompletionWindowMinutes":10080,"Lifecycle":{"DeleteAfterDays":30.0,"MoveToColdStorageAfterDays":1e999999}}]}`;
    const dir = workspace({ 'floats-plan.json': plan('1e3'), 'good-plan.json': GOOD_PLAN });
    writeFileSync(join(dir, 'bom-plan.json'), `\ufeff${GOOD_PLAN}`);
    writeFileSync(
      join(dir, 'latin1-plan.json'),
      Buffer.concat([
        Buffer.from('{"BackupPlanName":"caf'),
        Buffer.from([0xe9]),
        Buffer.from(GOOD_PLAN.slice(19)),
      ]),
    );
    writeFileSync(join(dir, 'fffd-plan.json'), GOOD_PLAN.replace('"p"', '"\ufffd"'));
    const bom = await cli(['bom-plan.json'], dir);
    assert.equal(bom.code, 1);
    assert.match(
      bom.out,
      /^bom-plan\.json:1:1: error JSON001: The file starts with a UTF-8 byte order mark/m,
    );
    const latin1 = await cli(['latin1-plan.json'], dir);
    assert.equal(latin1.code, 1);
    assert.match(latin1.out, /^latin1-plan\.json:1:23: error JSON001: Bytes that are not UTF-8/m);
    assert.equal((await cli(['fffd-plan.json'], dir)).code, 0, 'U+FFFD written as UTF-8 is fine');
    const floats = await cli(['floats-plan.json'], dir);
    assert.equal(floats.code, 1);
    assert.match(
      floats.out,
      /SCHEMA003: "StartWindowMinutes" must be an integer, not 1e3: the AWS CLI reads 1e3 as a float/,
    );
    assert.match(floats.out, /SCHEMA003: "DeleteAfterDays" must be an integer, not 30\.0/);
    assert.match(
      floats.out,
      /SCHEMA003: "MoveToColdStorageAfterDays" must be an integer, not 1e999999: .*\(infinity\)/,
    );
    assert.doesNotMatch(floats.out, /CompletionWindowMinutes/);
  });

  it('a --kind glob that cannot be used is a usage error', async () => {
    const dir = workspace({ 'good-plan.json': GOOD_PLAN });
    const r = await cli(['.', '--kind', '**/{plans=backup-plan'], dir);
    assert.equal(r.code, 2);
    assert.match(r.err, /--kind: the glob "\*\*\/\{plans" cannot be used: Missing closing: "}"/);
  });
});

describe('pitr-lint reads its arguments with node:util.parseArgs (issue 22, issue 23)', () => {
  it('"--" ends the options: a file whose name starts with "-" is linted after it', async () => {
    const dir = workspace({ '-plan.json': SEMINAR_PLAN, '--format': GOOD_PLAN });
    const r = await cli(['--now', '2025-08-01T12:00:00Z', '--', '-plan.json', '--format'], dir);
    assert.equal(r.code, 1, r.err);
    assert.match(r.out, /^-plan\.json:1:\d+: error PLAN001/m);
    assert.match(r.out, /2 files linted/);
    // Before "--", the same name is an option it does not know.
    assert.match((await cli(['-plan.json'], dir)).err, /unknown option "-plan\.json"/);
  });

  it('flags keep their forms: -h, a cluster said as given, a value that starts with "-" but not "--"', async () => {
    const dir = workspace({ 'good-plan.json': GOOD_PLAN });
    assert.match((await cli(['-h'], dir)).out, /^Usage: pitr-lint/);
    assert.match((await cli(['-hx', '.'], dir)).err, /unknown option "-hx"/);
    assert.match(
      (await cli(['--format', '-x', '.'], dir)).err,
      /--format takes text, json or sarif, not "-x"/,
    );
    assert.match((await cli(['--format', '--', '.'], dir)).err, /--format needs a value/);
    assert.match((await cli(['--kind=**/*.json=backup-plan', '.'], dir)).out, /1 file linted/);
  });

  it('a size limit is printed as it was given, and a small file’s size in kilobytes', async () => {
    const dir = workspace({ 'good-plan.json': GOOD_PLAN + ' '.repeat(20_000) });
    const r = await cli(['.', '--max-file-size', '0.01'], dir);
    assert.equal(r.code, 2);
    assert.match(
      r.err,
      /cannot read "good-plan\.json": the file is 20 KB, over the 0\.01 MB limit\. To lint it, raise the limit with --max-file-size 1\n/,
    );
  });
});
