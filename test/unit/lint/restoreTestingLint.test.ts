import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lint } from '../../../src/lint';
import { applyFix, NOW } from './helpers';

const ROOT = join(__dirname, '..', '..', '..', '..');
const fixture = (name: string) => readFileSync(join(ROOT, 'test', 'fixtures', 'real', name), 'utf8');
const json = (v: unknown) => JSON.stringify(v, null, 2);
const findings = (text: string, fileName = 'file.json') => lint({ text, now: NOW, fileName })?.findings ?? [];
const codes = (text: string, fileName?: string) => findings(text, fileName).map((f) => f.code);

const PLAN = {
  RestoreTestingPlanName: 'nightly_tests',
  ScheduleExpression: 'cron(0 1 ? * SUN *)',
  StartWindowHours: 24,
  RecoveryPointSelection: {
    Algorithm: 'LATEST_WITHIN_WINDOW',
    IncludeVaults: ['*'],
    RecoveryPointTypes: ['CONTINUOUS', 'SNAPSHOT'],
    SelectionWindowDays: 7,
  },
};
const SELECTION = {
  RestoreTestingSelectionName: 'buckets',
  ProtectedResourceType: 'S3',
  IamRoleArn: 'arn:aws:iam::123456789012:role/restore-testing',
  ProtectedResourceArns: ['*'],
  RestoreMetadataOverrides: { EncryptionType: 'SSE-KMS', kmsKey: 'alias/restore-tests' },
  ValidationWindowHours: 4,
};

describe('lint: restore testing plans and selections (AWS CLI JSON)', () => {
  it('real documents (the Terraform provider’s examples, in the CLI’s shapes) are recognised and clean', () => {
    const plan = lint({
      text: fixture('restore-testing-plan-continuous.json'),
      now: NOW,
      fileName: 'x.json',
    })!;
    assert.equal(plan.recognition.kind, 'restore-testing-plan');
    assert.deepEqual(plan.findings, []);
    const sel = lint({
      text: fixture('create-restore-testing-selection-by-tag.json'),
      now: NOW,
      fileName: 'x.json',
    })!;
    assert.equal(sel.recognition.kind, 'create-restore-testing-selection');
    assert.deepEqual(sel.findings, []);
  });

  it('a StartWindowHours of 200 is an error, fixed to 168', () => {
    const text = json({ ...PLAN, StartWindowHours: 200 });
    const [f] = findings(text).filter((x) => x.code === 'RTP001');
    assert.equal(f?.severity, 'error');
    assert.match(f.message, /StartWindowHours is 200; .* Use 168 or less/);
    assert.equal(text.slice(f.offset, f.offset + f.length), '200');
    const fixed = applyFix(text, f);
    assert.deepEqual(codes(fixed), []);
    // Inside --cli-input-json too.
    assert.deepEqual(codes(json({ RestoreTestingPlan: { ...PLAN, StartWindowHours: 169 } })), ['RTP001']);
  });

  it('the schedule follows the plans’ cron rules; the selection window and point types', () => {
    assert.deepEqual(codes(json({ ...PLAN, ScheduleExpression: 'cron(0 1 * * * *)' })), ['PLAN001']);
    const noAlgorithm = {
      ...PLAN,
      RecoveryPointSelection: { IncludeVaults: ['*'], RecoveryPointTypes: ['SNAPSHOT'] },
    };
    assert.deepEqual(codes(json(noAlgorithm)), ['RTP002']);
    const year = {
      ...PLAN,
      RecoveryPointSelection: { ...PLAN.RecoveryPointSelection, SelectionWindowDays: 400 },
    };
    assert.deepEqual(codes(json(year)), ['RTP003']);
    const continuousOnly = {
      ...PLAN,
      RecoveryPointSelection: {
        ...PLAN.RecoveryPointSelection,
        RecoveryPointTypes: ['CONTINUOUS'],
        SelectionWindowDays: 90,
      },
    };
    const [f] = findings(json(continuousOnly));
    assert.equal(f?.code, 'RTP004');
    assert.match(f.message, /CONTINUOUS points only, which keep at most 35 days/);
    assert.equal(f.severity, 'warning');
    assert.deepEqual(
      codes(
        json({
          ...continuousOnly,
          RecoveryPointSelection: {
            ...continuousOnly.RecoveryPointSelection,
            RecoveryPointTypes: ['CONTINUOUS', 'SNAPSHOT'],
          },
        }),
      ),
      [],
    );
  });

  it('a selection: its type, its overrides checked against that type’s keys, its role, ARNs and windows', () => {
    assert.deepEqual(codes(json(SELECTION)), [], 'override keys are not case sensitive');
    const f = findings(json({ ...SELECTION, RestoreMetadataOverrides: { DestinationBucketName: 'mine' } }));
    assert.deepEqual(
      f.map((x) => x.code),
      ['RTP006'],
    );
    assert.match(
      f[0]!.message,
      /S3 restore tests do not take the override "DestinationBucketName": its overridable keys are encryptionType, kmsKey, restoreACLs/,
    );
    const typo = findings(
      json({ ...SELECTION, ProtectedResourceType: 'Dynamodb', RestoreMetadataOverrides: {} }),
    );
    assert.deepEqual(
      typo.map((x) => x.code),
      ['RTP005'],
    );
    assert.equal(typo[0]!.fixes?.[0]?.title, 'Change to "DynamoDB"');
    assert.deepEqual(codes(json({ ...SELECTION, IamRoleArn: 'restore-testing' })), ['RTP007']);
    assert.deepEqual(codes(json({ ...SELECTION, ProtectedResourceArns: ['*', 'arn:aws:s3:::b'] })), [
      'RTP008',
    ]);
    assert.deepEqual(codes(json({ ...SELECTION, ValidationWindowHours: 200 })), ['RTP003']);
    assert.deepEqual(
      codes(
        json({
          RestoreTestingPlanName: 'p',
          RestoreTestingSelection: { ...SELECTION, ValidationWindowHours: -1 },
        }),
      ),
      ['RTP003'],
    );
  });

  it('by file name, and the schema (unknown members, wrong types) as for plans', () => {
    const r = lint({ text: '{}', now: NOW, fileName: 'nightly-restore-testing-plan.json' });
    assert.equal(r?.recognition.kind, 'restore-testing-plan');
    assert.ok(
      r.findings.some((x) => x.code === 'SCHEMA002'),
      'its required members are missing',
    );
    assert.ok(codes(json({ ...SELECTION, ValidationWindowHour: 4 })).includes('SCHEMA001'));
  });
});
