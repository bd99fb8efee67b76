import { strict as assert } from 'node:assert';
import { run, plan } from './helpers';

const titles = (text: string, fileName = 'file.json') =>
  run(text, { fileName }).flatMap((f) => (f.fixes ?? []).map((x) => `${f.code}: ${x.title}`));

// The lightbulb titles a person reads, from the one builder every rule uses (src/lint/fixes.ts).
describe('quick-fix titles', () => {
  it('"Change to X" quotes strings and writes numbers as they are', () => {
    assert.deepEqual(
      titles(
        plan({
          ScheduleExpression: 'cron(0 5 * * *)',
          ScheduleExpressionTimezone: 'Europe/Pariss',
          StartWindowMinutes: 30,
          Lifecycle: { MoveToColdStorageAfterDays: 10, DeleteAfterDays: 20 },
        }),
      ).filter((t) => t.startsWith('PLAN')),
      [
        'PLAN001: Change to "cron(0 5 ? * * *)"',
        'PLAN005: Change to "Europe/Paris"',
        'PLAN002: Change to 60',
        'PLAN003: Change to 100',
      ],
    );
    assert.deepEqual(
      titles(
        plan({
          EnableContinuousBackup: true,
          Lifecycle: { DeleteAfterDays: 40, MoveToColdStorageAfterDays: 1 },
        }),
      ).filter((t) => t.startsWith('PITR')),
      ['PITR002: Change to 35', 'PITR003: Remove MoveToColdStorageAfterDays'],
    );
  });

  it('"Rename to X" for restore metadata keys, "Change to X" for their values', () => {
    assert.deepEqual(
      titles(
        JSON.stringify({
          destinationBucketName: 'b',
          EncryptionType: 'sse-s3',
          RestoreTime: '2025-08-01 11:30:27Z',
        }),
        's3-restore-metadata.json',
      ),
      [
        'RST006: Rename to "DestinationBucketName"',
        'RST007: Change to "SSE-S3"',
        'RST002: Change to "2025-08-01T11:30:27Z"',
      ],
    );
  });
});
