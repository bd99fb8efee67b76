/**
 * pitr-lint on files that are wrong in ways that used to pass in silence, or to show engine text:
 * bytes that are not UTF-8, nesting past what is read, bidi and C1 characters in its JSON and SARIF,
 * HCL's exponent numbers.
 */
import { strict as assert } from 'node:assert';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { prepareFormats } from '../../src/lint/formats';
import { cli, workspace } from './cliSupport';
import { WASM_DIR } from './lint/formats/terraformSupport';

const TEMPLATE = (rest: string): string =>
  `AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  P:\n    Type: AWS::Backup::BackupPlan\n    Properties:\n      BackupPlan:\n        BackupPlanName: p\n        BackupPlanRule:\n          - RuleName: r\n            TargetBackupVault: vv\n            ScheduleExpression: cron(0 5 ? * * *)\n${rest}`;
const TF = (rest: string): string =>
  `resource "aws_backup_plan" "p" {\n  name = "p"\n  rule {\n    rule_name         = "r"\n    target_vault_name = "vv"\n    schedule          = "cron(0 5 ? * * *)"\n${rest}  }\n}\n`;
const NOW = ['--now', '2025-08-01T12:00:00Z'];

describe('pitr-lint: no silent pass, no engine text', function () {
  this.timeout(60_000);
  before(() => prepareFormats(TF(''), 'main.tf', { wasmDir: WASM_DIR }));

  it('bytes that are not UTF-8 in a .tf file and a YAML template are findings, as in JSON', async () => {
    const dir = workspace({});
    const bad = (s: string): Buffer =>
      Buffer.concat([Buffer.from(s.split('@')[0]!), Buffer.from([0xff]), Buffer.from(s.split('@')[1]!)]);
    writeFileSync(join(dir, 'main.tf'), bad(TF('    # caf@ \n')));
    writeFileSync(join(dir, 'template.yaml'), bad(TEMPLATE('            # caf@ \n')));
    const r = await cli(['main.tf', 'template.yaml', ...NOW], dir);
    assert.equal(r.code, 1, r.out + r.err);
    assert.match(
      r.out,
      /main\.tf:7:\d+: error TF001: Bytes that are not UTF-8: Terraform refuses the file \("Invalid character encoding/,
    );
    assert.match(
      r.out,
      /template\.yaml:12:\d+: error CFN003: Bytes that are not UTF-8: the AWS CLI cannot read this template/,
    );
  });

  it('a plan nested deeper than the parser takes is a finding that names the limit, named or in a directory scan', async () => {
    const n = 5000;
    const dir = workspace({
      'deep/plan.json': `{"BackupPlanName":"p","Rules":[{"RuleName":"r","TargetBackupVaultName":"vv","RecoveryPointTags":${'['.repeat(n)}${']'.repeat(n)}}]}`,
      'deep/template.yaml': TEMPLATE(`            RecoveryPointTags: ${'['.repeat(n)}${']'.repeat(n)}\n`),
      'deep/main.tf': TF(`    recovery_point_tags = ${'['.repeat(n)}${']'.repeat(n)}\n`),
    });
    for (const args of [['deep/plan.json', 'deep/template.yaml', 'deep/main.tf'], ['deep']]) {
      const r = await cli([...args, ...NOW], dir);
      assert.equal(r.code, 1, r.out + r.err);
      assert.match(r.out, /deep\/plan\.json:1:\d+: error JSON001: Nested more than 1000 levels deep/);
      assert.match(r.out, /deep\/template\.yaml:12:\d+: error CFN003: Nested more than 200 levels deep/);
      assert.match(
        r.out,
        /deep\/main\.tf:7:\d+: error TF001: Nested deeper than the linter reads \(64 levels of values, 128 of syntax\)/,
      );
      // The YAML parser's own stack overflow is a sentence too.
      assert.doesNotMatch(r.out + r.err, /Maximum call stack|RangeError/);
      assert.match(r.out, /Nested deeper than the parser can read \(it ran out of stack\)/);
      assert.match(r.out, /3 files linted/);
    }
  });

  it('JSON and SARIF output escape bidi and C1 characters as \\uXXXX, the same strings once parsed', async () => {
    const vault = 'v\u202ev\u009bv\u{e0041}';
    const plan = JSON.stringify({
      BackupPlanName: 'p',
      Rules: [{ RuleName: 'r', TargetBackupVaultName: vault, ScheduleExpression: `cron(${vault})` }],
    });
    const dir = workspace({ 'backup-plan.json': plan });
    for (const format of ['json', 'sarif']) {
      const r = await cli(['--format', format, 'backup-plan.json', ...NOW], dir);
      assert.doesNotMatch(r.out, /[\u202e\u009b]|\u{e0041}/u, `${format}: no raw bidi, C1 or tag character`);
      assert.match(r.out, /\\u202e/);
      assert.match(r.out, /\\u009b/);
      assert.match(r.out, /\\udb40\\udc41/);
      const messages = JSON.stringify(JSON.parse(r.out));
      assert.ok(
        JSON.parse(r.out) && messages.includes('\u202e') && messages.includes('\u{e0041}'),
        `${format}: parsed back`,
      );
    }
  });

  it('HCL number literals with exponents are numbers (1e1 is 10), not syntax errors', async () => {
    const dir = workspace({
      'main.tf': TF('    start_window      = 1e1\n    completion_window = 6E+2\n'),
    });
    const r = await cli(['main.tf', ...NOW], dir);
    assert.doesNotMatch(r.out, /TF001|SCHEMA003/);
    assert.match(r.out, /main\.tf:7:\d+: error PLAN002: start_window is 10;/);
    assert.match(r.out, /1 file linted: 1 error/);
  });
});
