import { strict as assert } from 'node:assert';
import { liveFactsFrom } from '../../../src/aws/liveFacts';
import { PlanApi } from '../../../src/aws/planApi';
import { liveCheck } from '../../../src/lint/live';
import { recognize } from '../../../src/lint/recognize';
import { parseDocument } from '../../../src/lint/jsonAst';
import { RULES_BY_CODE } from '../../../src/lint/rules';
import { emulatorAndFactory } from '../aws/awsTestEnv';

/** LIVE005 against the emulator's seeded Region, where S3 is not opted in. */
describe('LIVE005: resource types the Region has not opted in', function () {
  this.timeout(30_000);
  const env = emulatorAndFactory();

  const check = async (value: unknown, name = 'x.json') => {
    // A fresh facts object each time: its answers are cached for a minute.
    const api = await env.openApi();
    const text = JSON.stringify(value, null, 2);
    const r = recognize({ root: parseDocument(text).root, fileName: name })!;
    return (await liveCheck(text, r, liveFactsFrom(api)))
      .filter((f) => f.code === 'LIVE005')
      .map((f) => ({ at: text.slice(f.offset, f.offset + f.length), message: f.message }));
  };
  const plan = {
    BackupPlanName: 'p',
    Rules: [
      {
        RuleName: 'pitr',
        TargetBackupVaultName: 'prod-pitr',
        EnableContinuousBackup: true,
        Lifecycle: { DeleteAfterDays: 35 },
      },
      { RuleName: 'daily', TargetBackupVaultName: 'prod-pitr', ScheduleExpression: 'cron(0 5 ? * * *)' },
    ],
  };

  it('is a stable code of its own, a warning (LIVE004 was taken)', () => {
    assert.equal(RULES_BY_CODE.get('LIVE005')?.severity, 'warning');
    assert.match(RULES_BY_CODE.get('LIVE004')!.title, /skipped/);
  });

  it('a continuous rule: names S3, says who is still backed up, and how to turn it on', async () => {
    const found = await check(plan);
    assert.equal(found.length, 1, JSON.stringify(found));
    assert.equal(found[0]!.at, 'true');
    assert.match(found[0]!.message, /"S3" is not opted in for AWS Backup in us-east-1/);
    assert.match(found[0]!.message, /resources named by their own ARN are backed up regardless/);
    assert.match(found[0]!.message, /Opt In a Resource Type in This Region/);
    assert.doesNotMatch(found[0]!.message, /"RDS"/);
  });

  it('a selection: a service-wide S3 ARN and a by-tags selection are flagged; a bucket by name is not', async () => {
    const sel = await check(
      {
        SelectionName: 's',
        IamRoleArn: 'arn:aws:iam::123456789012:role/r',
        Resources: ['arn:aws:s3:*', 'arn:aws:s3:::orders-bucket', 'arn:aws:rds:*'],
      },
      'backup-selection.json',
    );
    assert.deepEqual(
      sel.map((f) => f.at),
      ['"arn:aws:s3:*"'],
    );
    const tags = await check({
      BackupPlanId: 'x',
      BackupSelection: {
        SelectionName: 's',
        IamRoleArn: 'arn:aws:iam::123456789012:role/r',
        ListOfTags: [{ ConditionType: 'STRINGEQUALS', ConditionKey: 'backup', ConditionValue: 'yes' }],
      },
    });
    assert.equal(tags.length, 1);
    assert.match(tags[0]!.message, /by tags only.*"S3" is not opted in/);
  });

  it('says nothing once S3 is opted in', async () => {
    const api = new PlanApi(await env.openApi());
    const all = await api.describeRegionSettings();
    assert.equal(all.S3, false);
    await api.updateRegionSettings({ ...all, S3: true });
    try {
      assert.deepEqual(await check(plan), []);
    } finally {
      await api.updateRegionSettings({ ...all, S3: false });
    }
  });
});
