import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyFix, codes, only, plan, run } from './helpers';

describe('schema rules, mapped through the JSON AST', () => {
  it('SCHEMA001: unknown property on its key, with did-you-mean for case and spelling slips', () => {
    const text = plan({ scheduleExpression: 'cron(0 5 ? * * *)', TargetBackupVaultNmae: 'x' });
    const fs = only(text, 'SCHEMA001');
    assert.deepEqual(
      fs.map((f) => f.at),
      ['"scheduleExpression"', '"TargetBackupVaultNmae"'],
    );
    assert.match(fs[0]!.message, /Did you mean "ScheduleExpression"/);
    assert.match(fs[1]!.message, /Did you mean "TargetBackupVaultName"/);
    assert.ok(applyFix(text, fs[0]!).includes('"ScheduleExpression": "cron(0 5 ? * * *)"'));
  });

  it('SCHEMA001 with no close name lists what is allowed', () => {
    const [f] = only(plan({ Lifecycle: { Foo: 1 } }), 'SCHEMA001');
    assert.match(f!.message, /Allowed: MoveToColdStorageAfterDays, DeleteAfterDays/);
  });

  it('SCHEMA002: missing required property on the owning key, or the opening brace', () => {
    const text = JSON.stringify({ BackupPlanName: 'p', Rules: [{ RuleName: 'r' }] }, null, 2);
    const [f] = only(text, 'SCHEMA002');
    assert.match(f!.message, /"TargetBackupVaultName"/);
    assert.equal(f!.at, '{');
    assert.equal(f!.offset, text.indexOf('{', text.indexOf('[')));
    const root = only('{"Rules": []}', 'SCHEMA002', { fileName: 'backup-plan.json' });
    assert.deepEqual(
      root.map((x) => [x.at, x.offset]),
      [['{', 0]],
    );
    const copy = only(plan({ CopyActions: [{ Lifecycle: { DeleteAfterDays: 35 } }] }), 'SCHEMA002');
    assert.match(copy[0]!.message, /DestinationBackupVaultArn/);
  });

  it('SCHEMA003: wrong type, with a fix for quoted numbers and booleans', () => {
    const text = plan({ StartWindowMinutes: '480', EnableContinuousBackup: 'false' });
    const fs = only(text, 'SCHEMA003');
    assert.deepEqual(
      fs.map((f) => f.at),
      ['"480"', '"false"'],
    );
    assert.match(fs[0]!.message, /must be an integer, not a string/);
    let fixed = applyFix(text, fs[0]!);
    fixed = applyFix(fixed, only(fixed, 'SCHEMA003')[0]!);
    assert.deepEqual(codes(fixed), []);
  });

  it('SCHEMA004: pattern and enum, with did-you-mean for enums', () => {
    const [vault] = only(plan({ TargetBackupVaultName: 'my.vault' }), 'SCHEMA004');
    assert.equal(vault!.at, '"my.vault"');
    assert.match(vault!.message, /no dots/);
    const text = JSON.stringify({
      SelectionName: 's',
      IamRoleArn: 'arn:aws:iam::123456789012:role/r',
      ListOfTags: [{ ConditionType: 'STRINGEQUAL', ConditionKey: 'k', ConditionValue: 'v' }],
    });
    const [e] = only(text, 'SCHEMA004');
    assert.match(e!.message, /Did you mean "STRINGEQUALS"/);
  });

  it('maps ranges through comments, CRLF line ends and non-ASCII text', () => {
    const text =
      '{\r\n  "BackupPlanName": "p\u00e9",\r\n  "Rules": [\r\n    { "RuleName": "r", "TargetBackupVaultName": "v1", "StartWindowMinutes": 5 }\r\n  ]\r\n}';
    const [f] = only(text, 'PLAN002', { fileName: 'plan.json' });
    assert.equal(f!.at, '5');
    const commented =
      '{\n  // note\n  "BackupPlanName": "p",\n  "Rules": [{ "RuleName": "r", "TargetBackupVaultName": "v1", "StartWindowMinutes": 5 }]\n}';
    const fs = run(commented, { fileName: 'plan.json' });
    assert.deepEqual(
      fs.map((x) => [x.code, x.at]),
      [
        ['JSON001', '// note'],
        ['PLAN002', '5'],
      ],
    );
  });

  it('JSON001: syntax errors the AWS CLI would reject, each with a message that says how to fix it', () => {
    const trailing = run('{"BackupPlanName": "p", "Rules": [],}', { fileName: 'plan.json' });
    assert.match(trailing.find((f) => f.code === 'JSON001')!.message, /Trailing comma/);
    const missing = run('{"BackupPlanName": "p" "Rules": []}', { fileName: 'plan.json' });
    assert.match(missing.find((f) => f.code === 'JSON001')!.message, /Comma expected/);
    const single = run("{'BackupPlanName': 'p'}", { fileName: 'backup-plan.json' });
    assert.ok(single.some((f) => f.code === 'JSON001'));
  });

  it('keeps the committed schemas generated from the service model', () => {
    const schema = JSON.parse(
      readFileSync(join(__dirname, '..', '..', '..', '..', 'schemas', 'backup-plan.schema.json'), 'utf8'),
    ) as {
      required: string[];
      $defs: { BackupRuleInput: { properties: { TargetBackupVaultName: { pattern: string } } } };
    };
    assert.deepEqual(schema.required, ['BackupPlanName', 'Rules']);
    assert.equal(
      schema.$defs.BackupRuleInput.properties.TargetBackupVaultName.pattern,
      '^[a-zA-Z0-9\\-_]{2,50}$',
    );
  });
});
