import { strict as assert } from 'node:assert';
import { applyFix, run } from './helpers';

// Two files from an AWS seminar on PITR, as published (issue 2).
const SEMINAR_PLAN =
  '{"BackupPlanName":"Example-Backup-Plan","Rules":[{"RuleName":"DailyBackups","ScheduleExpression":"cron(0 5 * * *)","StartWindowMinutes":480,"EnableContinuousBackup":true,"TargetBackupVaultName":"Default","Lifecycle":{"DeleteAfterDays":30}}]}';
const SEMINAR_S3_METADATA =
  '{"DestinationBucketName":"restore-target","Encrypted":"true","NewBucket":"false","CreationToken":"retoretst","EncryptionType":"SSE-S3","RestoreTime":"2025-08-01T11:30:27Z"}';

describe('the AWS seminar fixtures', () => {
  it('finds exactly one problem in the seminar plan: the five-field cron (PLAN001)', () => {
    const findings = run(SEMINAR_PLAN, { fileName: 'plan.json' });
    assert.deepEqual(
      findings.map((f) => [f.code, f.at]),
      [['PLAN001', '"cron(0 5 * * *)"']],
    );
    const fixed = applyFix(SEMINAR_PLAN, findings[0]!);
    assert.match(fixed, /"cron\(0 5 \? \* \* \*\)"/);
    assert.deepEqual(run(fixed, { fileName: 'plan.json' }), []);
  });

  it('finds no error or warning in the seminar S3 metadata at 2025-08-01T12:00:00Z', () => {
    const findings = run(SEMINAR_S3_METADATA, { fileName: 'metadata.json' });
    assert.deepEqual(
      findings.filter((f) => f.severity === 'error' || f.severity === 'warning'),
      [],
    );
  });
});
