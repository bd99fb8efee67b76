import { strict as assert } from 'node:assert';
import { applyFix, codes, only, run } from './helpers';

const meta = (m: Record<string, unknown>, fileName = 'restore-metadata.json') => ({
  text: JSON.stringify(m, null, 2),
  opts: { fileName },
});
const s3 = (extra: Record<string, unknown> = {}) =>
  JSON.stringify({ DestinationBucketName: 'restore-target', ...extra }, null, 2);
const rds = (extra: Record<string, unknown> = {}) =>
  JSON.stringify({ DBInstanceIdentifier: 'orders-restored', Engine: 'postgres', ...extra }, null, 2);
const aurora = (extra: Record<string, unknown> = {}) =>
  JSON.stringify({ dbClusterIdentifier: 'orders-restored', engine: 'aurora-postgresql', ...extra }, null, 2);
const errorsAndWarnings = (text: string) =>
  run(text)
    .filter((f) => f.severity === 'error' || f.severity === 'warning')
    .map((f) => f.code);

describe('restore metadata rules', () => {
  it('RST001: values must be strings; the fix quotes them (JSON-encoding lists)', () => {
    const text = s3({ NewBucket: true, RestoreLatestVersionsUpTo: 3, ItemsToRestore: ['s3://b/k'] });
    const fs = only(text, 'RST001');
    assert.deepEqual(
      fs.map((f) => f.at.replace(/\s/g, '')),
      ['true', '3', '["s3://b/k"]'],
    );
    let fixed = text;
    for (let i = 0; i < 3; i++) fixed = applyFix(fixed, only(fixed, 'RST001')[0]!);
    assert.deepEqual(JSON.parse(fixed), {
      DestinationBucketName: 'restore-target',
      NewBucket: 'true',
      RestoreLatestVersionsUpTo: '3',
      ItemsToRestore: '["s3://b/k"]',
    });
    assert.deepEqual(errorsAndWarnings(fixed), []);
  });

  it('RST002: RestoreTime must be ISO 8601 UTC, fixed where convertible', () => {
    const cases: [string, string | undefined][] = [
      ['2025-08-01T11:30:27+02:00', '2025-08-01T09:30:27Z'],
      ['2025-08-01 11:30:27Z', '2025-08-01T11:30:27Z'],
      ['1754047827', '2025-08-01T11:30:27Z'],
      ['2025-08-01T11:30:27', undefined],
      ['yesterday', undefined],
      ['2025-02-30T11:30:27Z', undefined],
    ];
    for (const [value, fix] of cases) {
      const text = s3({ RestoreTime: value });
      const [f] = only(text, 'RST002');
      assert.ok(f, value);
      if (fix) assert.ok(applyFix(text, f).includes(`"${fix}"`), value);
      else assert.equal(f.fixes, undefined, value);
    }
    assert.deepEqual(only(s3({ RestoreTime: '2025-08-01T11:30:27.123Z' }), 'RST002'), []);
  });

  it('RST003: RestoreTime in the future, over 35 days back, or inside the restore lag', () => {
    // "now" is 2025-08-01T12:00:00Z in these tests.
    assert.match(only(s3({ RestoreTime: '2025-08-01T12:00:01Z' }), 'RST003')[0]!.message, /future/);
    // 35 days before 2025-08-01T12:00:00Z is 2025-06-27T12:00:00Z.
    assert.match(only(s3({ RestoreTime: '2025-06-27T11:59:59Z' }), 'RST003')[0]!.message, /35 days/);
    assert.deepEqual(only(s3({ RestoreTime: '2025-06-27T12:00:01Z' }), 'RST003'), []);
    assert.match(
      only(s3({ RestoreTime: '2025-08-01T11:50:00Z' }), 'RST003')[0]!.message,
      /S3 restore lag.*15 minutes/,
    );
    assert.deepEqual(only(s3({ RestoreTime: '2025-08-01T11:44:59Z' }), 'RST003'), []);
    assert.match(
      only(rds({ RestoreTime: '2025-08-01T11:56:00Z' }), 'RST003')[0]!.message,
      /RDS restore lag.*5 minutes/,
    );
    assert.deepEqual(only(rds({ RestoreTime: '2025-08-01T11:54:00Z' }), 'RST003'), []);
    assert.match(
      only(aurora({ restoreToTime: '2025-08-01T11:58:00Z' }), 'RST003')[0]!.message,
      /Aurora restore lag/,
    );
  });

  it('RST003 takes "now" from the clock when none is given', () => {
    const future = new Date(Date.now() + 3_600_000).toISOString();
    const text = s3({ RestoreTime: future.replace(/\.\d+Z$/, 'Z') });
    assert.deepEqual(only(text, 'RST003', { now: undefined }).length, 1);
  });

  it('RST004: RDS and Aurora RestoreTime vs UseLatestRestorableTime', () => {
    assert.deepEqual(codes(rds({ UseLatestRestorableTime: 'true', RestoreTime: '2025-08-01T10:00:00Z' })), [
      'RST004',
    ]);
    assert.deepEqual(codes(rds({ UseLatestRestorableTime: 'false' })), ['RST004']);
    assert.deepEqual(
      codes(rds({ UseLatestRestorableTime: 'false', RestoreTime: '2025-08-01T10:00:00Z' })),
      [],
    );
    assert.deepEqual(codes(rds({ UseLatestRestorableTime: 'true' })), []);
    assert.deepEqual(
      errorsAndWarnings(aurora({ UseLatestRestorableTime: 'true', restoreToTime: '2025-08-01T10:00:00Z' })),
      ['RST004'],
    );
  });

  it('RST005: keys the type requires', () => {
    // Engine: required for a point-in-time restore only (a snapshot restore takes the source's).
    assert.deepEqual(codes(JSON.stringify({ DBInstanceIdentifier: 'x' })), []);
    const pitr = JSON.stringify({ DBInstanceIdentifier: 'x', UseLatestRestorableTime: 'true' });
    assert.deepEqual(codes(pitr), ['RST005']);
    assert.match(only(pitr, 'RST005')[0]!.message, /"Engine"/);
    assert.deepEqual(errorsAndWarnings(JSON.stringify({ dbClusterIdentifier: 'x' })), ['RST005']);
    const { text, opts } = meta({ RestoreACLs: 'false' }, 's3-restore-metadata.json');
    assert.match(only(text, 'RST005', opts)[0]!.message, /DestinationBucketName/);
    assert.deepEqual(errorsAndWarnings(s3()), []);
  });

  it('RST006: unknown keys, with did-you-mean; the undocumented S3 keys seen in working restores are accepted', () => {
    const [f] = only(s3({ DestinationBucket: 'x' }), 'RST006');
    assert.match(f!.message, /Did you mean "DestinationBucketName"/);
    assert.deepEqual(only(s3({ NewBucket: 'true', Encrypted: 'true', CreationToken: 'x' }), 'RST006'), []);
    const slip = JSON.stringify({ destinationBucketName: 'restore-target', newBucket: 'true' });
    const slips = only(slip, 'RST006');
    assert.deepEqual(
      slips.map((f) => f.at),
      ['"destinationBucketName"', '"newBucket"'],
    );
    assert.match(slips[0]!.message, /differs in case from the documented key "DestinationBucketName"/);
    assert.deepEqual(only(slip, 'RST005'), [], 'a case slip is not also a missing key');
    assert.deepEqual(
      errorsAndWarnings(
        aurora({ DBClusterIdentifier: undefined }).replace('"dbClusterIdentifier"', '"DBClusterIdentifier"'),
      ),
      [],
      'both documented Aurora spellings',
    );
    assert.deepEqual(only(rds({ MultiAZ: 'false', VpcSecurityGroupIds: '["sg-1"]' }), 'RST006'), []);
    assert.equal(only(rds({ Engin: 'x' }), 'RST006')[0]!.at, '"Engin"');
  });

  it('RST007: S3 encryption keys must agree', () => {
    assert.match(only(s3({ EncryptionType: 'SSE-KMS' }), 'RST007')[0]!.message, /needs "KMSKey"/);
    assert.match(
      only(s3({ KMSKey: 'arn:aws:kms:us-east-1:123456789012:key/x' }), 'RST007')[0]!.message,
      /only with EncryptionType "SSE-KMS"/,
    );
    const text = s3({ EncryptionType: 'sse-s3' });
    assert.deepEqual(
      codes(applyFix(text, only(text, 'RST007')[0]!)).filter((c) => c !== 'RST010'),
      [],
    );
    assert.deepEqual(
      errorsAndWarnings(
        s3({ EncryptionType: 'SSE-KMS', KMSKey: 'arn:aws:kms:us-east-1:123456789012:key/x' }),
      ),
      [],
    );
    assert.deepEqual(errorsAndWarnings(s3({ EncryptionType: 'original' })), []);
  });

  it('RST008: ItemsToRestore is a JSON array string of at most five s3:// URIs', () => {
    const items = (v: unknown) => s3({ ItemsToRestore: typeof v === 'string' ? v : JSON.stringify(v) });
    assert.deepEqual(errorsAndWarnings(items(['s3://b/a', 's3://b/b'])), []);
    assert.match(
      only(items(Array.from({ length: 6 }, (_, i) => `s3://b/${i}`)), 'RST008')[0]!.message,
      /at most five/,
    );
    assert.match(only(items(['b/a']), 'RST008')[0]!.message, /not an "s3:\/\/bucket\/key"/);
    assert.match(only(items('s3://b/a'), 'RST008')[0]!.message, /not a JSON array/);
  });

  it('RST009: destination bucket names and DB identifiers', () => {
    for (const bad of ['Restore_Target', 'ab', 'a..b', '192.168.1.1', 'xn--abc', '-abc'])
      assert.equal(only(s3({ DestinationBucketName: bad }), 'RST009').length, 1, bad);
    for (const bad of ['1db', 'db--x', 'db-', 'db_x', 'a'.repeat(64)])
      assert.equal(only(rds({ DBInstanceIdentifier: bad }), 'RST009').length, 1, bad);
    assert.equal(only(aurora({ dbClusterIdentifier: 'bad--id' }), 'RST009').length, 1);
    assert.deepEqual(only(rds({ DBInstanceIdentifier: 'orders-2025' }), 'RST009'), []);
  });

  it('RST010 and RST011: information a restorer needs', () => {
    assert.deepEqual(
      run(s3()).map((f) => [f.code, f.severity, f.at]),
      [['RST010', 'info', '"DestinationBucketName"']],
    );
    // Not on a restore that already goes to a new bucket (the restore creates it: nothing to skip).
    assert.deepEqual(
      run(s3({ NewBucket: 'true' })).map((f) => f.code),
      [],
    );
    assert.deepEqual(
      run(s3({ NewBucket: 'false' })).map((f) => f.code),
      ['RST010'],
    );
    assert.deepEqual(
      run(aurora()).map((f) => [f.code, f.severity]),
      [['RST011', 'info']],
    );
  });

  it('EFS metadata: a case slip in newFileSystem is caught, with a rename', () => {
    const text = JSON.stringify({
      'file-system-id': 'fs-12345678',
      newFilesystem: 'true',
      CreationToken: 'x',
      Encrypted: 'false',
    });
    const [f] = only(text, 'RST006');
    assert.equal(f?.at, '"newFilesystem"');
    assert.match(f.message, /"newFileSystem"/);
    assert.deepEqual(codes(applyFix(text, f)), []);
  });

  it('SAP HANA metadata: known keys, no required key guessed', () => {
    const text = JSON.stringify({
      'aws:backup:request-id': 'b5b1e3b0-0000-4000-8000-000000000000',
      'aws:backup:TargetDatabaseArn': 'arn:aws:ssm-sap:us-east-1:123456789012:HANA/app/DB/HDB',
      RecoveryType: 'POINT_IN_TIME_RECOVERY',
    });
    assert.deepEqual(codes(text), []);
  });
});
