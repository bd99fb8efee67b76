import { strict as assert } from 'node:assert';
import { completionsAt, hoverAt } from '../../../src/lint/assist';
import { lint } from '../../../src/lint';
import { DOCUMENT_KINDS, type Recognition } from '../../../src/lint/types';
import { applyEdits, isStrictJson, mutate, randomJson, rng } from './fuzzSupport';

const SEEDS = [
  '{"BackupPlanName":"Example-Backup-Plan","Rules":[{"RuleName":"DailyBackups","ScheduleExpression":"cron(0 5 * * *)","StartWindowMinutes":480,"EnableContinuousBackup":true,"TargetBackupVaultName":"Default","Lifecycle":{"DeleteAfterDays":30}}]}',
  '{"DestinationBucketName":"restore-target","Encrypted":"true","NewBucket":"false","CreationToken":"retoretst","EncryptionType":"SSE-S3","RestoreTime":"2025-08-01T11:30:27Z"}',
  '{"RecoveryPointArn":"arn:aws:backup:us-east-1:123456789012:recovery-point:continuous:db-abc","ResourceType":"RDS","Metadata":{"DBInstanceIdentifier":"x","Engine":"mysql","UseLatestRestorableTime":"false"}}',
  '{"BackupPlanName":"p","Rules":[{"RuleName":"r","TargetBackupVaultName":"v","StartWindowMinutes":1e3,"Lifecycle":{"MoveToColdStorageAfterDays":1e999999,"DeleteAfterDays":30.0}}]}',
  '{"SelectionName":"s","IamRoleArn":"r","Resources":["arn:aws:s3:::b*"],"Conditions":{"StringEquals":[{"ConditionKey":"k","ConditionValue":"v"}]}}',
];

describe('fuzz: the engine never throws and never hangs', () => {
  it('lints thousands of mutated and random documents, as every kind', function () {
    this.timeout(60_000);
    const next = rng(20251124);
    const now = new Date('2025-08-01T12:00:00Z');
    let linted = 0;
    let fixes = 0;
    for (let i = 0; i < 4000; i++) {
      const base = i % 3 === 0 ? JSON.stringify(randomJson(next, 5)) : SEEDS[i % SEEDS.length]!;
      const text = i % 5 === 0 ? base : mutate(base, next);
      const kind = DOCUMENT_KINDS[i % DOCUMENT_KINDS.length]!;
      const recognition: Recognition = {
        kind,
        reason: 'setting',
        resourceType: (['S3', 'RDS', 'Aurora', 'EFS', 'SAP HANA on Amazon EC2', 'generic'] as const)[i % 6],
      };
      const started = Date.now();
      let result;
      try {
        result = lint({ text, now, ...(i % 2 ? { recognition } : { fileName: 'f.json' }) });
        const offset = Math.floor(next() * (text.length + 1));
        completionsAt(text, offset, recognition);
        hoverAt(text, offset, recognition);
      } catch (e) {
        assert.fail(
          `threw on ${JSON.stringify(text)} as ${kind}: ${e instanceof Error ? e.stack : String(e)}`,
        );
      }
      assert.ok(
        Date.now() - started < 2000,
        `took ${Date.now() - started} ms on ${JSON.stringify(text).slice(0, 200)}`,
      );
      const valid = isStrictJson(text);
      for (const f of result?.findings ?? []) {
        assert.ok(
          f.offset >= 0 && f.offset + f.length <= text.length,
          `range out of the document: ${f.code}`,
        );
        assert.ok(f.message.length > 0);
        // Every quick fix offered on a file the AWS CLI reads leaves a file it still reads.
        for (const fix of f.fixes ?? []) {
          const fixed = applyEdits(text, fix.edits);
          if (valid)
            assert.ok(
              isStrictJson(fixed),
              `${f.code} "${fix.title}" broke ${JSON.stringify(text)}: ${JSON.stringify(fixed)}`,
            );
          fixes++;
        }
      }
      linted++;
    }
    assert.equal(linted, 4000);
    assert.ok(fixes > 100, `only ${fixes} quick fixes were tried`);
  });

  it('the PLAN003 fix writes an integer or is not offered (never "Infinity")', () => {
    const plan = (cold: string, del: string) =>
      `{"BackupPlanName":"p","Rules":[{"RuleName":"r","TargetBackupVaultName":"v","Lifecycle":{"MoveToColdStorageAfterDays":${cold},"DeleteAfterDays":${del}}}]}`;
    const fixesOf = (text: string) =>
      lint({ text, fileName: 'backup-plan.json' })
        ?.findings.filter((f) => f.code === 'PLAN003')
        .flatMap((f) => f.fixes ?? [])
        .map((fix) => applyEdits(text, fix.edits));
    assert.deepEqual(fixesOf(plan('30', '100')), [plan('30', '120')]);
    for (const cold of ['1e999999', '1e308', '30.5']) {
      const fixed = fixesOf(plan(cold, '100')) ?? [];
      assert.deepEqual(fixed, [], cold);
    }
  });

  it('reports nesting too deep to parse as JSON001 instead of overflowing the stack', () => {
    const deep = '['.repeat(50_000) + ']'.repeat(50_000);
    const text = `{"BackupPlanName":"p","Rules":${deep}}`;
    const r = lint({ text, fileName: 'backup-plan.json' });
    assert.deepEqual(
      r?.findings.map((f) => f.code),
      ['JSON001'],
    );
    assert.match(r.findings[0]!.message, /more than 1000 levels/);
    assert.deepEqual(completionsAt(text, 40, r.recognition), []);
    const fine = '['.repeat(900) + ']'.repeat(900);
    assert.ok(lint({ text: `{"BackupPlanName":"p","Rules":${fine}}`, fileName: 'backup-plan.json' }));
    // The bound exactly (the plan's own object is the first level), strict JSON the fast parser reads.
    const nested = (n: number) => `{"BackupPlanName":"p","Rules":${'['.repeat(n)}${']'.repeat(n)}}`;
    const codes = (text: string) =>
      lint({ text, fileName: 'backup-plan.json' })?.findings.map((f) => f.code) ?? [];
    assert.ok(!codes(nested(999)).includes('JSON001'));
    const over = lint({ text: nested(1000), fileName: 'backup-plan.json' })!;
    assert.deepEqual(
      over.findings.map((f) => [f.code, f.offset]),
      [['JSON001', '{"BackupPlanName":"p","Rules":'.length + 999]],
    );
  });
});
