import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { embeddedCompletionsAt, embeddedHoverAt } from '../../../../src/lint/embeddedAssist';
import type { LiveFacts } from '../../../../src/lint/live';
import { liveCheckEmbedded } from '../../../../src/lint/liveEmbedded';

const FIXTURES = join(__dirname, '..', '..', '..', '..', '..', 'test', 'fixtures', 'cloudformation');
const SEMINAR = readFileSync(join(FIXTURES, 'seminar.yaml'), 'utf8');
const INTRINSICS = readFileSync(join(FIXTURES, 'intrinsics.yaml'), 'utf8');

describe('CloudFormation templates in the editor: hover, completion, live checks', () => {
  it('hover shows the API documentation under the template name, and what a !Ref resolves to', () => {
    const at = SEMINAR.indexOf('TargetBackupVault:') + 3;
    const h = embeddedHoverAt(SEMINAR, 'seminar.yaml', at)!;
    assert.match(h.markdown, /^\*\*TargetBackupVault\*\* `string` \(required\)/);
    assert.match(h.markdown, /The API's `TargetBackupVaultName`/);
    assert.match(h.markdown, /Resolves to `pitr-vault`/);
    assert.equal(SEMINAR.slice(h.offset, h.offset + h.length), 'TargetBackupVault');
    const retention = embeddedHoverAt(SEMINAR, 'seminar.yaml', SEMINAR.indexOf('DeleteAfterDays'))!;
    assert.match(retention.markdown, /\*\*DeleteAfterDays\*\*/);
  });

  it('hover says a value is set at deployment and not checked', () => {
    const h = embeddedHoverAt(INTRINSICS, 'intrinsics.yaml', INTRINSICS.indexOf('StartWindowMinutes'))!;
    assert.match(h.markdown, /Set at deployment \(`!Ref StartWindow`\): the linter does not check its value/);
    assert.equal(embeddedHoverAt(SEMINAR, 'seminar.yaml', SEMINAR.indexOf('Description')), undefined);
  });

  it('text from the template is inert in a hover: no link, no image, no code span broken open', () => {
    const hostile = SEMINAR.replace(
      '            StartWindowMinutes: 30\n',
      '            StartWindowMinutes: 30\n            RecoveryPointTags:\n              "[x](https://evil.example/p.png)": v\n',
    ).replace('!Ref BackupVault', '!Sub "`](https://evil.example) ![i](https://evil.example/i.png)"');
    const tag = embeddedHoverAt(hostile, 'seminar.yaml', hostile.indexOf('[x]') + 1)!;
    assert.doesNotMatch(tag.markdown, /(?<!\\)\]\((?!\\)|(?<!\\)!\[/, tag.markdown);
    const vault = embeddedHoverAt(hostile, 'seminar.yaml', hostile.indexOf('TargetBackupVault:') + 3)!;
    assert.match(vault.markdown, /Set at deployment \(`!Sub "'\]\(https:\/\/evil\.example\) !\[i\]/);
    // One code span: the backtick from the file cannot close it and let the rest be read as Markdown.
    assert.equal((vault.markdown.split('Set at deployment')[1]!.match(/`/g) ?? []).length, 2, vault.markdown);
  });

  it('completes the property names CloudFormation takes in the mapping at the cursor, and enum values', () => {
    const rule = SEMINAR.indexOf('            CopyActions:');
    const text = `${SEMINAR.slice(0, rule)}            Sch\n${SEMINAR.slice(rule)}`;
    const offset = rule + '            Sch'.length;
    const names = embeddedCompletionsAt(text, 'seminar.yaml', offset).map((c) => c.label);
    assert.ok(names.includes('ScheduleExpressionTimezone'), names.join());
    assert.ok(names.includes('CompletionWindowMinutes'));
    assert.ok(!names.includes('RuleName'), 'already present');
    assert.ok(!names.includes('TargetBackupVaultName'), "the API's name, not the template's");
    const lifecycle = SEMINAR.indexOf('              DeleteAfterDays');
    const inLifecycle = `${SEMINAR.slice(0, lifecycle)}              \n${SEMINAR.slice(lifecycle)}`;
    const lc = embeddedCompletionsAt(inLifecycle, 'seminar.yaml', lifecycle + 14).map((c) => c.label);
    assert.deepEqual(
      lc.sort(),
      ['OptInToArchiveForSupportedResources'],
      'DeleteAfterEvent is not CloudFormation',
    );
    const flag = SEMINAR.indexOf('EnableContinuousBackup: true') + 'EnableContinuousBackup: '.length;
    const bools = embeddedCompletionsAt(
      SEMINAR.slice(0, flag) + SEMINAR.slice(flag + 4),
      'seminar.yaml',
      flag,
    );
    assert.deepEqual(
      bools.map((c) => c.label),
      ['true', 'false'],
    );
  });

  it('live checks ask about literal and resolved vaults (never one the template creates) and the selection against its plan in the template', async () => {
    const asked: string[] = [];
    const facts: LiveFacts = {
      region: 'us-east-1',
      vaults: () =>
        Promise.resolve({ names: new Set(['other']), arns: new Set(), accountId: '123456789012' }),
      continuousVaultOf: (arn) => {
        asked.push(arn);
        return Promise.resolve('elsewhere');
      },
      planContinuousVaults: () => Promise.reject(new Error('not asked: the plan is in the template')),
      windowOf: () => Promise.resolve(undefined),
    };
    const text =
      'Resources:\n  V:\n    Type: AWS::Backup::BackupVault\n    Properties: { BackupVaultName: pitr-vault }\n  P:\n    Type: AWS::Backup::BackupPlan\n    Properties:\n      BackupPlan:\n        BackupPlanName: p\n        BackupPlanRule:\n          - { RuleName: c, TargetBackupVault: !Ref V, EnableContinuousBackup: true, Lifecycle: { DeleteAfterDays: 35 } }\n          - { RuleName: u, TargetBackupVault: !Ref Unknown }\n          - { RuleName: l, TargetBackupVault: pitr-vault }\n          - { RuleName: g, TargetBackupVault: !GetAtt V.BackupVaultName }\n          - { RuleName: m, TargetBackupVault: gone }\n  S:\n    Type: AWS::Backup::BackupSelection\n    Properties:\n      BackupPlanId: !Ref P\n      BackupSelection:\n        SelectionName: s\n        IamRoleArn: arn:aws:iam::123456789012:role/r\n        Resources: [arn:aws:s3:::orders, !Sub "arn:aws:s3:::${AWS::StackName}"]\n';
    const found = await liveCheckEmbedded(text, 't.yaml', facts);
    assert.deepEqual(
      found.map((f) => [f.code, text.slice(f.offset, f.offset + f.length), f.resource]),
      [
        // The vault the template creates (by !Ref, its literal name or !GetAtt) is never missing.
        ['LIVE001', 'gone', 'P'],
        ['LIVE003', 'arn:aws:s3:::orders', 'S'],
      ],
    );
    assert.match(found[0]!.message, /Backup vault "gone" does not exist in us-east-1/);
    assert.deepEqual(asked, ['arn:aws:s3:::orders']);
  });
});
