/**
 * Any error-severity finding stops a restore's start, whichever rule made it (issue 23: a gate that
 * let through every error but the three codes tested would have passed). One document per error
 * code a restore document can get, each checked to carry that error, each refused by the gate.
 */
import { strict as assert } from 'node:assert';
import { lint, RULES, type LiveFacts } from '../../src/lint';
import { checkBeforeStart } from '../../src/restore/startGate';

const ROLE = 'arn:aws:iam::123456789012:role/service-role/AWSBackupDefaultServiceRole';
const RP = 'arn:aws:backup:us-east-1:123456789012:recovery-point:continuous:orders-bucket-1a2b3c4d';
const DB_RP = 'arn:aws:backup:us-east-1:123456789012:recovery-point:continuous:db-abcdef';
const NOW = new Date('2025-08-01T12:00:00Z');
const json = (v: unknown): string => `${JSON.stringify(v, null, 2)}\n`;

const s3 = (meta: Record<string, unknown> = {}, extra: Record<string, unknown> = {}): string =>
  json({
    RecoveryPointArn: RP,
    IamRoleArn: ROLE,
    ResourceType: 'S3',
    ...extra,
    Metadata: { DestinationBucketName: 'orders-restore', RestoreTime: '2025-08-01T02:14:37Z', ...meta },
  });
const rds = (meta: Record<string, unknown>): string =>
  json({
    RecoveryPointArn: DB_RP,
    IamRoleArn: ROLE,
    ResourceType: 'RDS',
    Metadata: {
      DBInstanceIdentifier: 'orders-restore',
      Engine: 'postgres',
      RestoreTime: '2025-08-01T11:00:00Z',
      ...meta,
    },
  });

/** Per error code, a restore document that has it (and a bare metadata one for a rule of the metadata). */
const BY_CODE: Record<string, string[]> = {
  JSON001: [s3().replace(/\}\s*$/, ',}')],
  SCHEMA001: [s3({}, { Bogus: 1 })],
  SCHEMA002: [json({ RecoveryPointArn: RP, IamRoleArn: ROLE, ResourceType: 'S3' })],
  SCHEMA003: [s3({}, { CopySourceTagsToRestoredResource: 'yes' })],
  RST001: [s3({ NewBucket: true })],
  RST002: [
    s3({ RestoreTime: 'yesterday' }),
    json({ DestinationBucketName: 'b-restore', RestoreTime: 'noon' }),
  ],
  RST003: [s3({ RestoreTime: '2025-08-01T12:00:01Z' }), s3({ RestoreTime: '2025-06-01T00:00:00Z' })],
  RST004: [rds({ UseLatestRestorableTime: 'true' })],
  RST005: [rds({ Engine: undefined })],
  RST007: [s3({ EncryptionType: 'SSE-KMS' })],
  RST008: [s3({ ItemsToRestore: 's3://b/a' })],
  RST009: [s3({ DestinationBucketName: 'b' })],
  RST012: [s3({ NewBucket: 'maybe' })],
  JOB001: [s3({}, { RecoveryPointArn: 'arn:aws:s3:::orders' })],
  JOB002: [s3({}, { ResourceType: 'Aurora' })],
};
/** Error codes no restore document can get: SCHEMA004 (the restore schemas set no bound). */
const NOT_ON_RESTORES = new Set(['SCHEMA004']);

const errorCodes = (text: string): string[] =>
  (lint({ text, now: NOW })?.findings ?? []).filter((f) => f.severity === 'error').map((f) => f.code);

describe('the restore gate stops every error, whichever rule made it', () => {
  it('has a document for every error-severity rule of a restore document', () => {
    const restoreErrors = RULES.filter(
      (r) =>
        r.severity === 'error' && /^(RST|JOB|SCHEMA|JSON)\d/.test(r.code) && !NOT_ON_RESTORES.has(r.code),
    ).map((r) => r.code);
    assert.deepEqual(Object.keys(BY_CODE).sort(), restoreErrors.sort());
  });

  for (const [code, texts] of Object.entries(BY_CODE))
    it(`${code}: refused, and the refusal names it`, async () => {
      for (const text of texts) {
        assert.ok(errorCodes(text).includes(code), `the fixture has ${code}: ${errorCodes(text).join(', ')}`);
        const g = await checkBeforeStart({ text, now: NOW });
        assert.equal(g.ok, false, `${code} must stop the start:\n${text}`);
        if (g.ok === false)
          assert.ok(
            g.problems.some((p) => p.includes(` ${code} `)),
            g.problems.join('\n'),
          );
      }
    });

  it('LIVE002 (a time outside the point’s window, as the account says): refused', async () => {
    const facts: LiveFacts = {
      region: 'us-east-1',
      vaults: () => Promise.resolve({ names: new Set<string>(), arns: new Set<string>() }),
      continuousVaultOf: () => Promise.resolve(undefined),
      planContinuousVaults: () => Promise.resolve(undefined),
      windowOf: () =>
        Promise.resolve({
          kind: 'continuous' as const,
          earliest: new Date('2025-07-31T00:00:00Z'),
          latest: new Date('2025-08-01T11:45:00Z'),
          earliestSource: 'derived' as const,
          latestSource: 'derived' as const,
          notes: [],
        }),
    };
    const text = s3({ RestoreTime: '2025-07-20T00:00:00Z' });
    assert.deepEqual(errorCodes(text), []);
    const g = await checkBeforeStart({ text, now: NOW, factsFor: () => Promise.resolve(facts) });
    assert.equal(g.ok, false);
    if (g.ok === false) assert.match(g.problems.join('\n'), / LIVE002 /);
  });
});
