/**
 * No silent pass on a template that is wrong: YAML aliases are read through, CloudFormation's tags
 * and intrinsic functions are checked for their shape, and what cannot be read is said.
 */
import { strict as assert } from 'node:assert';
import { lint } from '../../src/lint';
import { NOW } from './helpers';

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
