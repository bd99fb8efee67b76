import { strict as assert } from 'node:assert';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../src/cli/run';

const SEMINAR_PLAN =
  '{"BackupPlanName":"Example-Backup-Plan","Rules":[{"RuleName":"DailyBackups","ScheduleExpression":"cron(0 5 * * *)","StartWindowMinutes":480,"EnableContinuousBackup":true,"TargetBackupVaultName":"Default","Lifecycle":{"DeleteAfterDays":30}}]}';

// 1-based column of the cron value, and just past its closing quote.
const COL = SEMINAR_PLAN.indexOf('"cron(') + 1;
const END = COL + '"cron(0 5 * * *)"'.length;

function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'pitr-cli-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

function cli(args: string[], cwd: string): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const code = runCli(args, {
    cwd,
    readFile: (p) => readFileSync(p, 'utf8'),
    stdout: (s) => (out += s),
    stderr: (s) => (err += s),
    version: '0.0.0-test',
  });
  return { code, out, err };
}

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

  it('text: 1-based line:column, the code and the message; exit 1 on errors', () => {
    const r = cli(['plans/backup-plan.json', '--now', '2025-08-01T12:00:00Z'], dir);
    assert.equal(r.code, 1);
    assert.ok(r.out.startsWith(`plans/backup-plan.json:1:${COL}: error PLAN001`), r.out);
    assert.match(r.out, /error PLAN001: "cron\(0 5 \* \* \*\)" has five fields/m);
    assert.match(r.out, /1 file linted: 1 error, 0 warnings/);
  });

  it('exit 0 when clean; directories are searched and other JSON is skipped', () => {
    const r = cli(['plans/good-plan.json', 'restore', 'notes', '--now', '2025-08-01T12:00:00Z'], dir);
    assert.equal(r.code, 0, r.out + r.err);
    assert.match(r.out, /2 files linted: 0 errors, 0 warnings, 1 note/);
  });

  it('expands quoted globs itself', () => {
    const r = cli(['plans/*.json', '--format', 'json'], dir);
    const report = JSON.parse(r.out) as { file: string }[];
    assert.deepEqual(
      report.map((x) => x.file),
      ['plans/backup-plan.json', 'plans/good-plan.json'],
    );
  });

  it('json: findings with 1-based ranges and the rule URL', () => {
    const r = cli(['plans/backup-plan.json', '--format', 'json'], dir);
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

  it('sarif: a SARIF 2.1.0 log with rules and results', () => {
    const r = cli(['plans/backup-plan.json', '--format', 'sarif'], dir);
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

  it("--severity turns a rule off or changes its level; --kind names a file's kind", () => {
    assert.equal(cli(['plans/backup-plan.json', '--severity', 'PLAN001=off'], dir).code, 0);
    assert.match(cli(['plans/backup-plan.json', '--severity=PLAN001=warning'], dir).out, /warning PLAN001/);
    const skipped = cli(['notes/other.json'], dir);
    assert.match(skipped.err, /skipped "notes\/other\.json": not a recognised AWS Backup file/);
    const named = cli(['notes/other.json', '--kind', '**/notes/*.json=backup-plan'], dir);
    assert.equal(named.code, 1);
    assert.match(named.out, /SCHEMA002/);
  });

  it('exit 2 for usage and I/O errors, with a message that says what is wrong', () => {
    assert.equal(cli([], dir).code, 2);
    const missing = cli(['nope.json'], dir);
    assert.equal(missing.code, 2);
    assert.match(missing.err, /cannot read "nope\.json": no such file/);
    const badNow = cli(['plans', '--now', 'yesterday'], dir);
    assert.equal(badNow.code, 2);
    assert.match(badNow.err, /--now takes an ISO 8601 time/);
    assert.match(cli(['plans', '--format', 'xml'], dir).err, /--format takes text, json or sarif/);
    assert.match(cli(['plans', '--severity', 'NOPE001=off'], dir).err, /unknown rule code/);
    assert.match(cli(['plans', '--bogus'], dir).err, /unknown option "--bogus"/);
  });
});
