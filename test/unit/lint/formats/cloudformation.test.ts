import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { lint } from '../../../../src/lint';
import { cloudFormationAdapter } from '../../../../src/lint/formats/cloudformation';
import { isPlainSafe } from '../../../../src/lint/formats/cloudformationFix';
import { sniffCloudFormation } from '../../../../src/lint/formats/sniff';
import type { Finding } from '../../../../src/lint/types';
import { applyFix, NOW, run } from '../helpers';

const FIXTURES = join(__dirname, '..', '..', '..', '..', '..', 'test', 'fixtures', 'cloudformation');
const fixture = (name: string): string => readFileSync(join(FIXTURES, name), 'utf8');

function yamlErrors(text: string): string[] {
  return parseDocument(text, { customTags: [] }).errors.map((e) => e.message);
}

/** The YAML after each fix still parses, and the fixed finding is gone. */
function fixesHold(text: string, fileName: string, findings: Finding[], isJson = false): number {
  let n = 0;
  for (const f of findings) {
    for (let i = 0; i < (f.fixes ?? []).length; i++) {
      const fixed = applyFix(text, f, i);
      if (isJson) assert.doesNotThrow(() => JSON.parse(fixed) as unknown, `${f.code} broke the JSON`);
      else
        assert.deepEqual(
          yamlErrors(fixed).filter((m) => !/tag/i.test(m)),
          [],
          `${f.code} "${f.fixes![i]!.title}" broke the YAML:\n${fixed}`,
        );
      const after = lint({ text: fixed, fileName, now: NOW })!.findings;
      assert.ok(
        !after.some((g) => g.code === f.code && g.message === f.message),
        `${f.code} is still there after "${f.fixes![i]!.title}"`,
      );
      n++;
    }
  }
  return n;
}

describe('CloudFormation templates', () => {
  it("finds everything wrong with the seminar's plan in YAML, where cfn-lint finds only the cold-storage gap", () => {
    const text = fixture('seminar.yaml');
    const findings = run(text, { fileName: 'seminar.yaml' });
    assert.deepEqual(
      findings.map((f) => [f.code, f.at]),
      [
        ['PLAN001', 'cron(0 5 * * *)'],
        ['PLAN002', '30'],
        ['PITR003', 'MoveToColdStorageAfterDays'],
        ['PITR002', '90'],
        ['PLAN003', '90'],
        ['PITR004', 'CopyActions'],
      ],
    );
    assert.ok(findings.every((f) => f.resource === 'SeminarPlan'));
    assert.equal(fixesHold(text, 'seminar.yaml', findings), 5);
    // The fixes write YAML as the template writes it: plain scalars, the comment kept, the line gone.
    const cron = applyFix(text, findings[0]!);
    assert.match(cron, /ScheduleExpression: cron\(0 5 \? \* \* \*\) # five fields, like Unix cron\n/);
    const cold = applyFix(text, findings[2]!);
    assert.match(cold, /Lifecycle:\n {14}DeleteAfterDays: 90\n/);
    assert.equal(applyFix(text, findings[1]!).includes('StartWindowMinutes: 60\n'), true);
  });

  it('finds the same in the JSON template, with JSON fixes', () => {
    const text = fixture('seminar.json');
    const findings = run(text, { fileName: 'seminar.json' });
    assert.deepEqual(
      findings.map((f) => f.code),
      ['PLAN001', 'PLAN002', 'PITR003', 'PITR002', 'PLAN003', 'PITR004'],
    );
    assert.equal(findings[0]!.at, '"cron(0 5 * * *)"');
    assert.equal(fixesHold(text, 'seminar.json', findings, true), 5);
    assert.match(applyFix(text, findings[2]!), /"Lifecycle": \{\s*"DeleteAfterDays": 90\s*\}/);
  });

  it("reads the CDK's synthesized template: the vault named through Fn::GetAtt, the rest unknown", () => {
    const text = fixture('cdk.out/PitrStack.template.json');
    const r = lint({ text, fileName: 'cdk.out/PitrStack.template.json', now: NOW })!;
    assert.equal(r.recognition.format, 'cloudformation');
    assert.deepEqual(r.recognition.documents, [
      { kind: 'backup-plan', label: 'PlanDAF4E53A' },
      { kind: 'backup-selection', label: 'PlanSelection8A1E0F14' },
    ]);
    assert.deepEqual(
      r.findings.map((f) => [f.code, f.resource]),
      [['PITR002', 'PlanDAF4E53A']],
    );
  });

  it('never reports a value left to deployment: parameters, intrinsics short and long, conditions', () => {
    const text = fixture('intrinsics.yaml');
    const r = lint({ text, fileName: 'intrinsics.yaml', now: NOW })!;
    assert.equal(r.recognition.documents?.length, 3);
    assert.deepEqual(
      r.findings.map((f) => `${f.code} ${text.slice(f.offset, f.offset + f.length)}`),
      [],
    );
  });

  it('finds the mistakes cfn-lint finds (by its own codes) and those only the project knows', () => {
    const text = fixture('mistakes.yaml');
    const findings = run(text, { fileName: 'mistakes.yaml' });
    assert.deepEqual(
      findings.map((f) => [f.code, f.at]),
      [
        ['SCHEMA003', 'sixty'],
        ['CFN001', 'DeleteAfterEvent'],
        ['PITR005', '!GetAtt OtherVault.BackupVaultName'],
        ['PLAN004', 'continuous-a'],
        ['PITR005', '!Ref Vault'],
        ['PLAN005', 'Europe/Pariss'],
        ['PITR006', 'EnableContinuousBackup'],
        ['SCHEMA002', 'RuleName'],
        ['PLAN003', '60'],
        ['PLAN003', '50'],
        ['SEL002', 'SelectionName'],
        ['SEL003', 'arn:aws:iam::123456789012:user/backup'],
        ['CFN001', 'NotResource'],
        ['CFN002', 'Properties'],
        ['SCHEMA004', '"no plan id"'],
      ],
    );
    // The file's own names, not the API's, in what the user reads.
    const missing = findings.find((f) => f.code === 'SCHEMA002')!;
    assert.match(missing.message, /"TargetBackupVault" in BackupPlanRule/);
    assert.ok(fixesHold(text, 'mistakes.yaml', findings) >= 4);
    assert.match(
      applyFix(
        text,
        findings.find((f) => f.at === 'NotResource')!,
      ),
      /\n {8}NotResources: \[\]\n/,
    );
  });

  it('fires the other rules where they should (PLAN006, PITR001 on "true" as CloudFormation reads it, SEL001), and none on a right template', () => {
    const more = fixture('more-rules.yaml');
    assert.deepEqual(
      run(more, { fileName: 'more-rules.yaml' }).map((f) => [f.code, f.at, f.resource]),
      [
        ['PLAN006', 'cron(0/10 * ? * * *)', 'HourlyPlan'],
        ['PITR001', 'EnableContinuousBackup', 'HourlyPlan'],
        ['SEL001', 'ListOfTags', 'TooManyTags'],
      ],
    );
    const good = fixture('good.yaml');
    assert.deepEqual(run(good, { fileName: 'good.yaml' }), []);
  });

  it("a case-slipped name is renamed by its fix, and its value is checked as the real key's (wrong twice)", () => {
    const text =
      'Resources:\n  P:\n    Type: AWS::Backup::BackupPlan\n    Properties:\n      BackupPlan:\n        BackupPlanName: p\n        BackupPlanRule:\n          - RuleName: r\n            targetBackupVault: vault\n            startWindowMinutes: 30\n';
    const f = run(text, { fileName: 't.yaml' });
    assert.deepEqual(
      f.map((x) => [x.code, x.at]),
      [
        ['CFN001', 'targetBackupVault'],
        ['CFN001', 'startWindowMinutes'],
        ['PLAN002', '30'],
      ],
    );
    assert.match(applyFix(text, f[1]!), /\n {12}StartWindowMinutes: 30\n$/);
  });

  it('writes YAML fixes in the style of the value they replace, and drops a fix it cannot write', () => {
    const template = (rule: string): string =>
      `Resources:\n  P:\n    Type: AWS::Backup::BackupPlan\n    Properties:\n      BackupPlan:\n        BackupPlanName: p\n        BackupPlanRule:\n${rule}`;
    const fixed = (rule: string, code: string): string | undefined => {
      const text = template(rule);
      const f = run(text, { fileName: 't.yaml' }).find((x) => x.code === code);
      assert.ok(f, `${code} not found in\n${text}`);
      return f.fixes?.length ? applyFix(text, f).slice(template('').length) : undefined;
    };
    const rule = (extra: string) => `          - RuleName: r\n            TargetBackupVault: v\n${extra}`;
    assert.equal(
      fixed(rule("            ScheduleExpression: 'cron(0 5 * * *)'\n"), 'PLAN001'),
      rule("            ScheduleExpression: 'cron(0 5 ? * * *)'\n"),
    );
    assert.equal(
      fixed(rule('            ScheduleExpression: "cron(0 5 * * *)"\n'), 'PLAN001'),
      rule('            ScheduleExpression: "cron(0 5 ? * * *)"\n'),
    );
    // In a flow mapping: the entry and its comma.
    assert.equal(
      fixed(
        rule(
          '            EnableContinuousBackup: true\n            Lifecycle: { MoveToColdStorageAfterDays: 7, DeleteAfterDays: 35 }\n',
        ),
        'PITR003',
      ),
      rule('            EnableContinuousBackup: true\n            Lifecycle: { DeleteAfterDays: 35 }\n'),
    );
    // The first entry of a list item: the dash stays, the next key moves up.
    assert.equal(
      fixed(
        '          - EnableContinuousBackup: true\n            RuleName: r\n            TargetBackupVault: v\n            Lifecycle:\n              MoveToColdStorageAfterDays: 7\n              DeleteAfterDays: 35\n',
        'PITR003',
      ),
      '          - EnableContinuousBackup: true\n            RuleName: r\n            TargetBackupVault: v\n            Lifecycle:\n              DeleteAfterDays: 35\n',
    );
    // A block scalar is not rewritten by guesswork: no fix.
    assert.equal(
      fixed(rule('            ScheduleExpression: >-\n              cron(0 5 * * *)\n'), 'PLAN001'),
      undefined,
    );
    // A string that CloudFormation turns into a number gets a number.
    assert.equal(
      fixed(rule('            StartWindowMinutes: "30"\n'), 'PLAN002'),
      rule('            StartWindowMinutes: 60\n'),
    );
  });

  it('never edits a !Ref it resolved, and drops edits it does not recognise', () => {
    const text =
      'Resources:\n  V:\n    Type: AWS::Backup::BackupVault\n    Properties: { BackupVaultName: vault }\n  P:\n    Type: AWS::Backup::BackupPlan\n    Properties:\n      BackupPlan:\n        BackupPlanName: p\n        BackupPlanRule:\n          - { RuleName: r, TargetBackupVault: !Ref V }\n';
    const result = cloudFormationAdapter.extract(text)!;
    const doc = result.documents[0]!;
    const at = text.indexOf('!Ref V');
    const edit = (offset: number, length: number) => ({
      title: 't',
      edits: [{ offset, length, newText: '"x"' }],
    });
    assert.equal(cloudFormationAdapter.translateFix(edit(at, '!Ref V'.length), doc, text), undefined);
    assert.equal(cloudFormationAdapter.translateFix(edit(at + 1, 2), doc, text), undefined);
    const name = text.indexOf('RuleName: r') + 'RuleName: '.length;
    assert.deepEqual(cloudFormationAdapter.translateFix(edit(name, 1), doc, text)?.edits, [
      { offset: name, length: 1, newText: 'x' },
    ]);
  });

  it('quotes a string that would not read back as itself when plain', () => {
    for (const s of ['true', 'no', '123', '1e3', 'null', '~', '2025-01-01', 'a: b', '- x', '#c', '', ' x'])
      assert.equal(isPlainSafe(s, false), false, s);
    for (const s of ['cron(0 5 ? * * *)', 'Europe/Paris', 'my-vault', 'a,b'])
      assert.equal(isPlainSafe(s, false), true, s);
    assert.equal(isPlainSafe('a,b', true), false);
  });

  it('leaves other YAML and JSON alone, after a substring test', () => {
    const k8s =
      'apiVersion: v1\nkind: Pod\nmetadata: { name: x }\nspec:\n  containers: []\n  resources: {}\n';
    assert.equal(sniffCloudFormation(k8s), false);
    assert.equal(lint({ text: k8s, fileName: 'pod.yaml' }), undefined);
    const vaultOnly =
      'Resources:\n  V:\n    Type: AWS::Backup::BackupVault\n    Properties: { BackupVaultName: v }\n';
    assert.equal(lint({ text: vaultOnly, fileName: 'vault.yaml' }), undefined);
    const notTemplate = 'notes: AWS::Backup::BackupPlan and Resources are words here\n';
    assert.equal(lint({ text: notTemplate, fileName: 'notes.yaml' }), undefined);
  });

  it('reports a template CloudFormation cannot read, and a read-only attribute', () => {
    const broken =
      'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  P:\n    Type: AWS::Backup::BackupPlan\n    Properties:\n      BackupPlanArn: x\n      BackupPlan:\n        BackupPlanName: p\n        BackupPlanName: q\n        BackupPlanRule: []\n';
    const f = run(broken, { fileName: 'b.yaml' });
    assert.deepEqual(
      f.map((x) => [x.code, x.at]),
      [
        ['CFN001', 'BackupPlanArn'],
        ['CFN003', 'BackupPlanName'],
      ],
    );
  });

  it('takes SAM templates (Transform) and resources whose Properties are conditional', () => {
    const sam =
      'Transform: AWS::Serverless-2016-10-31\nResources:\n  P:\n    Type: AWS::Backup::BackupPlan\n    Properties: !If [C, { BackupPlan: { BackupPlanName: p, BackupPlanRule: [] } }, !Ref AWS::NoValue]\n  S:\n    Type: AWS::Backup::BackupSelection\n    Properties:\n      BackupPlanId: !Ref P\n      BackupSelection: { SelectionName: s, IamRoleArn: "arn:aws:iam::123456789012:role/r", Resources: ["arn:aws:s3:::b"] }\n';
    const r = lint({ text: sam, fileName: 'template.yaml', now: NOW })!;
    assert.deepEqual(r.recognition.documents, [{ kind: 'backup-selection', label: 'S' }]);
    assert.deepEqual(r.findings, []);
  });
});
