import { strict as assert } from 'node:assert';
import { codes, only, run } from './helpers';

const RP = 'arn:aws:backup:us-east-1:123456789012:recovery-point:continuous:db-abcdefghijklmnop';
const job = (
  extra: Record<string, unknown>,
  metadata: Record<string, unknown> = {
    DBInstanceIdentifier: 'restored',
    Engine: 'postgres',
    UseLatestRestorableTime: 'true',
  },
) =>
  JSON.stringify(
    {
      RecoveryPointArn: RP,
      IamRoleArn: 'arn:aws:iam::123456789012:role/r',
      ResourceType: 'RDS',
      Metadata: metadata,
      ...extra,
    },
    null,
    2,
  );

describe('start-restore-job rules', () => {
  it('a correct RDS PITR job is clean', () => assert.deepEqual(codes(job({})), []));

  it('JOB001: RecoveryPointArn must be a recovery point ARN', () => {
    const cases: [string, RegExp][] = [
      ['arn:aws:backup:us-east-1:123456789012:backup-vault:Default', /backup vault ARN/],
      ['arn:aws:s3:::orders-bucket', /backed-up resource/],
      ['arn:aws:rds:us-east-1:123456789012:db:orders', /backed-up resource/],
      ['continuous:db-abc', /not an ARN/],
    ];
    for (const [arn, msg] of cases) {
      const [f] = only(job({ RecoveryPointArn: arn }), 'JOB001');
      assert.equal(f?.at, JSON.stringify(arn));
      assert.match(f.message, msg);
    }
    for (const ok of [
      'arn:aws:ec2:us-east-1::snapshot/snap-0123456789abcdef0',
      'arn:aws:rds:us-east-1:123456789012:snapshot:awsbackup:job-abc',
      'arn:aws:dynamodb:us-east-1:123456789012:table/t/backup/01234567890123-abcdefgh',
    ])
      assert.deepEqual(only(job({ RecoveryPointArn: ok }), 'JOB001'), [], ok);
  });

  it('JOB002: unknown ResourceType, with did-you-mean', () => {
    const [f] = only(job({ ResourceType: 'Rds' }), 'JOB002');
    assert.match(f!.message, /Did you mean "RDS"/);
    assert.deepEqual(
      only(
        job({ ResourceType: 'SAP HANA on Amazon EC2' }, { RecoveryType: 'MOST_RECENT_TIME_RECOVERY' }),
        'JOB002',
      ),
      [],
    );
  });

  it('JOB002: ResourceType that disagrees with the metadata keys', () => {
    const text = job({ ResourceType: 'S3' });
    assert.match(only(text, 'JOB002')[0]!.message, /keys are those of a RDS restore/);
  });

  it('lints Metadata for the declared ResourceType', () => {
    const text = job(
      {},
      { DBInstanceIdentifier: 'restored', Engine: 'postgres', UseLatestRestorableTime: 'false' },
    );
    assert.deepEqual(codes(text), ['RST004']);
  });

  it('a continuous S3 recovery point needs RestoreTime', () => {
    const s3rp = 'arn:aws:backup:us-east-1:123456789012:recovery-point:continuous:orders-bucket-abc123';
    const text = job(
      { RecoveryPointArn: s3rp, ResourceType: 'S3' },
      { DestinationBucketName: 'restored-orders' },
    );
    const f = run(text).filter((x) => x.severity === 'error');
    assert.deepEqual(
      f.map((x) => [x.code, x.at]),
      [['RST005', '"Metadata"']],
    );
  });
});
