import { strict as assert } from 'node:assert';
import { codes, only } from './helpers';

const ROLE = 'arn:aws:iam::123456789012:role/service-role/AWSBackupDefaultServiceRole';
const sel = (extra: Record<string, unknown>) =>
  JSON.stringify({ SelectionName: 's', IamRoleArn: ROLE, ...extra }, null, 2);

describe('selection rules', () => {
  it('SEL001: more than 500 plain ARNs, or 30 wildcard ARNs, conditions or tags', () => {
    const plain = Array.from({ length: 501 }, (_, i) => `arn:aws:s3:::bucket-${i}`);
    assert.deepEqual(codes(sel({ Resources: plain })), ['SEL001']);
    assert.deepEqual(codes(sel({ Resources: plain.slice(0, 500) })), []);
    const wild = Array.from({ length: 31 }, (_, i) => `arn:aws:s3:::logs-${i}-*`);
    assert.match(only(sel({ Resources: wild }), 'SEL001')[0]!.message, /31 ARNs with wildcards/);
    assert.deepEqual(codes(sel({ Resources: wild.slice(0, 30) })), []);
    assert.deepEqual(codes(sel({ NotResources: wild, Resources: ['arn:aws:s3:::a'] })), ['SEL001']);
    const cond = (n: number) =>
      Array.from({ length: n }, (_, i) => ({ ConditionKey: `aws:ResourceTag/k${i}`, ConditionValue: 'v' }));
    assert.deepEqual(codes(sel({ Conditions: { StringEquals: cond(20), StringLike: cond(11) } })), [
      'SEL001',
    ]);
    assert.deepEqual(codes(sel({ Conditions: { StringEquals: cond(20), StringLike: cond(10) } })), []);
    const tags = (n: number) =>
      Array.from({ length: n }, (_, i) => ({
        ConditionType: 'STRINGEQUALS',
        ConditionKey: `k${i}`,
        ConditionValue: 'v',
      }));
    assert.deepEqual(codes(sel({ ListOfTags: tags(31) })), ['SEL001']);
    assert.deepEqual(codes(sel({ ListOfTags: tags(30) })), []);
  });

  it('SEL002: no Resources, ListOfTags or Conditions selects everything opted in', () => {
    const f = only(sel({}), 'SEL002');
    assert.equal(f[0]?.at, '"SelectionName"');
    assert.equal(f[0]?.severity, 'warning');
    assert.deepEqual(codes(sel({ Resources: [], ListOfTags: [], Conditions: { StringEquals: [] } })), [
      'SEL002',
    ]);
    assert.deepEqual(
      codes(
        sel({
          Conditions: { StringEquals: [{ ConditionKey: 'aws:ResourceTag/backup', ConditionValue: 'yes' }] },
        }),
      ),
      [],
    );
  });

  it('SEL003: IamRoleArn must be an IAM role ARN', () => {
    for (const bad of [
      'AWSBackupDefaultServiceRole',
      'arn:aws:iam::123456789012:user/bob',
      'arn:aws:iam::1234:role/x',
    ]) {
      const f = only(sel({ Resources: ['arn:aws:s3:::b'], IamRoleArn: bad }), 'SEL003');
      assert.equal(f[0]?.at, JSON.stringify(bad));
    }
    assert.deepEqual(
      codes(
        sel({ Resources: ['arn:aws:s3:::b'], IamRoleArn: 'arn:aws-cn:iam::123456789012:role/BackupRole' }),
      ),
      [],
    );
  });

  it('accepts the StringEquals spelling AWS documents for ListOfTags', () => {
    assert.deepEqual(
      codes(
        sel({
          ListOfTags: [{ ConditionType: 'StringEquals', ConditionKey: 'backup', ConditionValue: 'true' }],
        }),
      ),
      [],
    );
  });

  it('lints the create-backup-selection --cli-input-json form', () => {
    const text = JSON.stringify({
      BackupPlanId: 'abc',
      BackupSelection: { SelectionName: 's', IamRoleArn: 'bad', Resources: ['arn:aws:s3:::b'] },
    });
    assert.deepEqual(codes(text), ['SEL003']);
  });
});
