/**
 * No silent pass on a template that is wrong: YAML aliases are read through, CloudFormation's tags
 * and intrinsic functions are checked for their shape, and what cannot be read is said.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lint } from '../../src/lint';
import { NOW } from './lint/helpers';

function found(
  text: string,
  fileName = 't.yaml',
): { code: string; at: string; message: string; fixes: number }[] {
  return (lint({ text, fileName, now: NOW })?.findings ?? []).map((f) => ({
    code: f.code,
    at: text.slice(f.offset, f.offset + f.length),
    message: f.message,
    fixes: f.fixes?.length ?? 0,
  }));
}

const PLAN = (rule: string, head = ''): string =>
  `AWSTemplateFormatVersion: "2010-09-09"\n${head}Resources:\n  P:\n    Type: AWS::Backup::BackupPlan\n    Properties:\n      BackupPlan:\n        BackupPlanName: p\n        BackupPlanRule:\n${rule}`;

describe('templates: YAML aliases', () => {
  it('a Lifecycle given by an alias is read through it, and its finding is placed on the alias, with no fix', () => {
    const text = PLAN(
      '          - RuleName: c\n            TargetBackupVault: v\n            ScheduleExpression: cron(0 5 ? * * *)\n            EnableContinuousBackup: true\n            Lifecycle: *lc\n',
      'Metadata:\n  Shared: &lc\n    DeleteAfterDays: 900\n',
    );
    const pitr = found(text).filter((f) => f.code === 'PITR002');
    assert.deepEqual(
      pitr.map((f) => [f.at, f.fixes]),
      [['*lc', 0]],
    );
    assert.match(pitr[0]!.message, /900/);
  });

  it('an alias of a scalar is its value (TargetBackupVault: *v is the vault, not unknown)', () => {
    const text = PLAN(
      '          - RuleName: c\n            TargetBackupVault: *v\n            ScheduleExpression: *cron\n',
      'Metadata:\n  V: &v pitr\n  C: &cron cron(0 5 * * *)\n',
    );
    assert.deepEqual(
      found(text)
        .filter((f) => f.code === 'PLAN001')
        .map((f) => [f.at, f.fixes]),
      [['*cron', 0]],
    );
  });

  it('a "billion laughs" document is one clear finding, not zero, and not a hang', () => {
    const laughs = [
      'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
      ...'bcdefghi'.split('').map((c, i) => `${c}: &${c} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(',')}]`),
    ];
    const text = PLAN(
      '          - RuleName: c\n            TargetBackupVault: v\n            ScheduleExpression: cron(0 5 ? * * *)\n            RecoveryPointTags: *i\n',
      `Metadata:\n${laughs.map((l) => `  ${l}`).join('\n')}\n`,
    );
    const started = Date.now();
    const aliases = found(text).filter((f) => /alias/i.test(f.message));
    assert.ok(Date.now() - started < 5000, 'read in well under five seconds');
    assert.equal(aliases.length, 1);
    assert.equal(aliases[0]!.code, 'CFN003');
    assert.match(aliases[0]!.message, /maxAliasCount 100/);
  });
});

describe('templates: tags and intrinsic functions', () => {
  const BAD = `AWSTemplateFormatVersion: "2010-09-09"
Mappings:
  M:
    us-east-1: { Name: v }
Resources:
  V:
    Type: AWS::Backup::BackupVault
    Properties:
      BackupVaultName: !Foo bar
  P:
    Type: AWS::Backup::BackupPlan
    Properties:
      BackupPlan:
        BackupPlanName: !Ref
        BackupPlanRule:
          - RuleName: !Ref [A, B]
            TargetBackupVault: !FindInMap [M, us-east-1]
            ScheduleExpression: !GetAtt
            StartWindowMinutes: !Ref V
            CompletionWindowMinutes: !FindInMap [M, us-east-1, Name]
            RecoveryPointTags: { A: !GetAtt V.BackupVaultName, B: !GetAtt [V, BackupVaultArn] }
`;
  const lineOf = (text: string, offset: number): number => text.slice(0, offset).split('\n').length;

  it('an unknown tag, an empty !Ref, !Ref of a list, a two-value !FindInMap and an empty !GetAtt are CFN004, each on its line', () => {
    const cfn = (lint({ text: BAD, fileName: 't.yaml', now: NOW })?.findings ?? []).filter(
      (f) => f.code === 'CFN004',
    );
    assert.deepEqual(
      cfn.map((f) => [lineOf(BAD, f.offset), BAD.slice(f.offset, f.offset + f.length)]),
      [
        [9, '!Foo bar'],
        [14, '!Ref'],
        [16, '!Ref [A, B]'],
        [17, '!FindInMap [M, us-east-1]'],
        [18, '!GetAtt'],
      ],
    );
    assert.match(cfn[0]!.message, /"!Foo" is not a tag CloudFormation knows/);
    assert.match(cfn[3]!.message, /takes three values, \[MapName, TopLevelKey, SecondLevelKey\], and has 2/);
    // The long forms too.
    const json = JSON.stringify({
      Resources: {
        P: {
          Type: 'AWS::Backup::BackupPlan',
          Properties: { BackupPlan: { BackupPlanName: { Ref: ['A', 'B'] }, BackupPlanRule: [] } },
        },
      },
    });
    assert.deepEqual(
      found(json, 't.json')
        .filter((f) => f.code === 'CFN004')
        .map((f) => f.at),
      ['{"Ref":["A","B"]}'],
    );
  });

  it('cfn-lint reports the same lines', function () {
    this.timeout(120_000);
    const dir = mkdtempSync(join(tmpdir(), 'cfn4-'));
    writeFileSync(join(dir, 't.yaml'), BAD);
    const r = spawnSync('cfn-lint', ['--format', 'json', 't.yaml'], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 100_000,
    });
    if (r.error) this.skip();
    const lines = (JSON.parse(r.stdout || '[]') as { Location: { Start: { LineNumber: number } } }[]).map(
      (m) => m.Location.Start.LineNumber,
    );
    for (const line of [9, 14, 16, 17, 18]) assert.ok(lines.includes(line), `cfn-lint on line ${line}`);
  });
});
