import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { accountOf, defaultBackupRoleArn, isIamRoleArn, parseArn, PARTITIONS } from '../../../src/backup/arn';
import { buildRestoreRequest } from '../../../src/restore/restoreRequest';
import { lint } from '../../../src/lint/engine';

/** The repository, from out/test/unit/backup. */
const ROOT = join(__dirname, '..', '..', '..', '..');

describe('IAM role ARNs, one pattern for the linter, the flows and the request builder', () => {
  const good = [
    'arn:aws:iam::123456789012:role/service-role/AWSBackupDefaultServiceRole',
    'arn:aws:iam::123456789012:role/restore-operator',
    'arn:aws:iam::123456789012:role/a/b/c/Name+=,.@_-',
    'arn:aws-cn:iam::123456789012:role/service-role/AWSBackupDefaultServiceRole',
    'arn:aws-us-gov:iam::123456789012:role/Backup',
  ];
  const bad = [
    '',
    'AWSBackupDefaultServiceRole',
    'arn:aws:iam::123456789012:user/alice',
    'arn:aws:iam::12345678901:role/short-account',
    'arn:aws:iam:us-east-1:123456789012:role/regional', // IAM is global
    'arn:awsx:iam::123456789012:role/unknown-partition',
    'arn:aws:iam::123456789012:role/',
    'arn:aws:iam::123456789012:role/path/', // a path without a name
    'arn:aws:iam::123456789012:role/has space',
    `arn:aws:iam::123456789012:role/${'n'.repeat(65)}`, // names are at most 64
    `arn:aws:iam::123456789012:role/${'p/'.repeat(257)}name`, // paths are at most 512
    'arn:aws:iam::123456789012:role/name\n',
  ];

  it('accepts paths and every partition, and refuses the rest', () => {
    for (const a of good) assert.equal(isIamRoleArn(a), true, a);
    for (const a of bad) assert.equal(isIamRoleArn(a), false, JSON.stringify(a));
    for (const p of PARTITIONS) assert.equal(isIamRoleArn(defaultBackupRoleArn('123456789012', p)), true, p);
  });

  it('is the pattern the linter (SEL003) and the request builder use', () => {
    const selection = (role: string) =>
      lint({
        text: JSON.stringify({ SelectionName: 's', IamRoleArn: role, Resources: ['arn:aws:s3:::b'] }),
        fileName: 'backup-selection.json',
      })!.findings.filter((f) => f.code === 'SEL003').length;
    const built = (role: string) =>
      !(
        'errors' in
        buildRestoreRequest({
          recoveryPointArn: 'arn:aws:ec2:us-east-1::snapshot/snap-0123456789abcdef0',
          resourceType: 'EBS',
          restoreMetadata: {},
          window: { kind: 'snapshot', at: new Date() },
          answers: { time: 'latest', destination: '', iamRoleArn: role },
        })
      );
    for (const a of good) {
      assert.equal(selection(a), 0, a);
      assert.equal(built(a), true, a);
    }
    for (const a of bad.filter((x) => x.startsWith('arn:'))) {
      assert.equal(selection(a), 1, a);
      assert.equal(built(a), false, a);
    }
  });

  it('reads partition and account from any ARN, and none from an EBS snapshot', () => {
    assert.deepEqual(accountOf('arn:aws-cn:backup:cn-north-1:123456789012:backup-vault:v'), {
      accountId: '123456789012',
      partition: 'aws-cn',
    });
    assert.equal(accountOf('arn:aws:ec2:us-east-1::snapshot/snap-1'), undefined);
    assert.equal(parseArn('arn:aws:ec2:us-east-1::snapshot/snap-1')?.partition, 'aws');
    assert.equal(parseArn('not an arn'), undefined);
  });

  it('imports only the record per type, in the domain core beside it', () => {
    const source = readFileSync(join(ROOT, 'src', 'backup', 'arn.ts'), 'utf8');
    assert.deepEqual(
      [...source.matchAll(/^\s*import\s.*from\s+'([^']+)'/gm)].map((m) => m[1]),
      ['./resourceTypes'],
    );
    assert.doesNotMatch(source, /require\(/);
  });
});
