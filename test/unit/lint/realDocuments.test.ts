import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findNodeAtLocation, parseTree } from 'jsonc-parser';
import { lint } from '../../../src/lint';
import { lintSelection } from '../../../src/lint/selectionRules';
import { applyFix, codes, NOW, only, run } from './helpers';

const ROOT = join(__dirname, '..', '..', '..', '..');
const fixture = (name: string) => readFileSync(join(ROOT, 'test', 'fixtures', 'real', name), 'utf8');
const json = (v: unknown) => JSON.stringify(v, null, 2);
const errorsAndWarnings = (text: string, fileName = 'file.json') =>
  run(text, { fileName })
    .filter((f) => f.severity === 'error' || f.severity === 'warning')
    .map((f) => `${f.code} ${f.at}`);

// Issue 14, "Trust on real documents": each case is a class of public document the linter got wrong.
describe('trust on real documents', () => {
  it('aws:backup:request-id does not decide the resource type (EC2, EFS document it too)', () => {
    // AWS's EC2 start-restore-job example carries aws:backup:request-id: not a SAP HANA restore.
    const ec2 = fixture('ec2-start-restore-job.json');
    assert.deepEqual(errorsAndWarnings(ec2, 'ec2-start-restore-job.json'), []);
    // Alone it says nothing about the type.
    const bare = lint({
      text: json({ 'aws:backup:request-id': 'a', RestoreTime: '2025-08-01T11:00:00Z' }),
      now: NOW,
      fileName: 'restore-metadata.json',
    });
    assert.equal(bare?.recognition.resourceType, 'generic');
    // With EFS keys, the metadata is EFS's.
    const efs = lint({
      text: json({ 'file-system-id': 'fs-1', 'aws:backup:request-id': 'a' }),
      now: NOW,
      fileName: 'restore-metadata.json',
    });
    assert.equal(efs?.recognition.resourceType, 'EFS');
  });

  it('RDS: Engine is required for a point-in-time restore, not for a snapshot restore', () => {
    assert.deepEqual(errorsAndWarnings(fixture('rds-snapshot-restore-metadata.json')), []);
    const base = { DBInstanceIdentifier: 'orders-restored' };
    for (const pitr of [{ RestoreTime: '2025-08-01T11:00:00Z' }, { UseLatestRestorableTime: 'true' }]) {
      const [f] = only(json({ ...base, ...pitr }), 'RST005');
      assert.match(f?.message ?? '', /point-in-time RDS restore needs "Engine"/, JSON.stringify(pitr));
    }
    // A start-restore-job of a continuous RDS point is a point-in-time restore.
    const job = json({
      RecoveryPointArn: 'arn:aws:backup:us-east-1:123456789012:recovery-point:continuous:db-abc123',
      ResourceType: 'RDS',
      IamRoleArn: 'arn:aws:iam::123456789012:role/r',
      Metadata: { ...base, UseLatestRestorableTime: 'true' },
    });
    assert.deepEqual(
      codes(job).filter((c) => c === 'RST005'),
      ['RST005'],
    );
  });

  it('EFS: every key the EFS restore page documents is known, One Zone keys included', () => {
    const text = fixture('efs-one-zone-restore-metadata.json');
    const r = lint({ text, now: NOW, fileName: 'restore-metadata.json' });
    assert.equal(r?.recognition.resourceType, 'EFS');
    assert.deepEqual(errorsAndWarnings(text, 'restore-metadata.json'), []);
    // A documented boolean with a value that is not one is still wrong.
    const bad = json({ 'file-system-id': 'fs-1', singleAzFilesystem: 'one-zone' });
    assert.deepEqual(
      only(bad, 'RST012', { fileName: 'restore-metadata.json' }).map((f) => f.at),
      ['"one-zone"'],
    );
  });

  it('SAP HANA: the keys GetRecoveryPointRestoreMetadata returns are known, never warnings', () => {
    const output = JSON.parse(fixture('sap-hana-get-recovery-point-restore-metadata.json')) as {
      RecoveryPointArn: string;
      RestoreMetadata: Record<string, string>;
    };
    // What the restore flow writes: the service's metadata, then the request around it.
    const job = json({
      RecoveryPointArn: output.RecoveryPointArn,
      ResourceType: 'SAP HANA on Amazon EC2',
      IamRoleArn: 'arn:aws:iam::123456789012:role/service-role/AWSBackupDefaultServiceRole',
      IdempotencyToken: '7b1e0c8a-2f57-4c1d-9d55-1f7f3e0a9c11',
      Metadata: {
        ...output.RestoreMetadata,
        'aws:backup:TargetDatabaseArn': 'arn:aws:ssm-sap:us-east-1:123456789012:HANA/app/DB/HDB',
        CatalogRestoreOption: 'LATEST_CATALOG_FROM_AWS_BACKUP',
        RecoveryType: 'MOST_RECENT_TIME_RECOVERY',
      },
    });
    assert.deepEqual(errorsAndWarnings(job, 'start-restore-job.json'), []);
    assert.deepEqual(errorsAndWarnings(json(output.RestoreMetadata), 'sap-hana-restore-metadata.json'), []);
  });

  it('a saved get-recovery-point-restore-metadata output is recognised, its RestoreMetadata linted for its type', () => {
    const text = fixture('sap-hana-get-recovery-point-restore-metadata.json');
    const r = lint({ text, now: NOW, fileName: 'rp.json' });
    assert.deepEqual(r?.recognition, {
      kind: 'get-recovery-point-restore-metadata',
      reason: 'content',
      resourceType: 'SAP HANA on Amazon EC2',
    });
    assert.deepEqual(r.findings, []);
    // Findings land inside RestoreMetadata, for the type the output names.
    const s3 = json({
      BackupVaultArn: 'arn:aws:backup:us-east-1:123456789012:backup-vault:Default',
      RecoveryPointArn: 'arn:aws:backup:us-east-1:123456789012:recovery-point:continuous:orders-1a2b3c',
      ResourceType: 'S3',
      RestoreMetadata: { DestinationBucketName: 'Orders_Bucket', RestoreACLs: 'yes' },
    });
    const found = run(s3, { fileName: 'rp.json' }).filter((f) => f.severity === 'error');
    assert.deepEqual(
      found.map((f) => [f.code, f.at]),
      [
        ['RST009', '"Orders_Bucket"'],
        ['RST012', '"yes"'],
      ],
    );
    const start = s3.indexOf('"RestoreMetadata"');
    assert.ok(found.every((f) => f.offset > start));
    // Named by a setting as restore metadata, the output is still read as an output.
    const bySetting = lint({
      text,
      now: NOW,
      fileName: 'x/rp.json',
      globs: { '**/rp.json': 'restore-metadata' },
    });
    assert.equal(bySetting?.recognition.kind, 'get-recovery-point-restore-metadata');
  });

  it('a selection whose Conditions is malformed is reported as malformed, not as selecting everything', () => {
    const text = fixture('selection-conditions-as-list.json');
    const found = codes(text, { fileName: 'backup-selection.json' });
    assert.ok(found.includes('SEL004'), found.join());
    assert.ok(!found.includes('SEL002'), found.join());
    const malformed: unknown[] = [
      'StringEquals',
      { StringEquals: { ConditionKey: 'aws:ResourceTag/b', ConditionValue: 'd' } },
      { StringEqual: [{ ConditionKey: 'aws:ResourceTag/b', ConditionValue: 'd' }] },
      { StringEquals: [{ Key: 'aws:ResourceTag/b', Value: 'd' }] },
    ];
    for (const Conditions of malformed) {
      const c = codes(
        json({ SelectionName: 's', IamRoleArn: 'arn:aws:iam::123456789012:role/r', Conditions }),
        {
          fileName: 'backup-selection.json',
        },
      );
      assert.ok(c.includes('SEL004') && !c.includes('SEL002'), `${JSON.stringify(Conditions)}: ${c.join()}`);
    }
    // Well-formed conditions are not SEL004's; an empty selection is still SEL002's.
    const good = { StringEquals: [{ ConditionKey: 'aws:ResourceTag/b', ConditionValue: 'd' }] };
    const sel = (extra: object) =>
      json({ SelectionName: 's', IamRoleArn: 'arn:aws:iam::123456789012:role/r', ...extra });
    assert.deepEqual(codes(sel({ Conditions: good }), { fileName: 'backup-selection.json' }), []);
    assert.deepEqual(codes(sel({}), { fileName: 'backup-selection.json' }), ['SEL002']);
  });

  it('Conditions known only at deployment (an unknown value from a template) is not malformed', () => {
    const text = json({
      SelectionName: 's',
      IamRoleArn: 'arn:aws:iam::123456789012:role/r',
      Conditions: null,
    });
    const root = parseTree(text)!;
    const value = findNodeAtLocation(root, ['Conditions'])!;
    Object.assign(value, { unknown: true, source: '!Ref Conditions' });
    const reported: string[] = [];
    lintSelection(root, { text, now: NOW, report: (code) => reported.push(code) });
    assert.deepEqual(reported, []);
  });

  it('Lifecycle.DeleteAfterEvent in a plan is an error, and its fix removes it', () => {
    const text = fixture('lag-plan-with-delete-after-event.json');
    const [f, ...rest] = only(text, 'PLAN007');
    assert.ok(f);
    assert.deepEqual(rest, []);
    assert.equal(f.severity, 'error');
    assert.equal(f.at, '"DeleteAfterEvent"');
    const fixed = applyFix(text, f);
    const plan = JSON.parse(fixed) as { Rules: { Lifecycle: unknown }[] };
    assert.deepEqual(plan.Rules[0]?.Lifecycle, { DeleteAfterDays: 35 });
    assert.deepEqual(codes(fixed), []);
    // In a copy action's lifecycle too; what get-backup-plan prints is the service's, not reported.
    const copy = json({
      BackupPlanName: 'p',
      Rules: [
        {
          RuleName: 'r',
          TargetBackupVaultName: 'Default',
          CopyActions: [
            {
              DestinationBackupVaultArn: 'arn:aws:backup:us-west-2:123456789012:backup-vault:dr',
              Lifecycle: { DeleteAfterDays: 35, DeleteAfterEvent: 'DELETE_AFTER_COPY' },
            },
          ],
        },
      ],
    });
    assert.deepEqual(
      codes(copy).filter((c) => c === 'PLAN007'),
      ['PLAN007'],
    );
    const output = json({
      BackupPlan: JSON.parse(text) as unknown,
      BackupPlanArn: 'arn:aws:backup:us-east-1:123456789012:backup-plan:abc',
      BackupPlanId: 'abc',
      VersionId: 'v1',
    });
    assert.deepEqual(
      codes(output).filter((c) => c === 'PLAN007'),
      [],
    );
  });

  it("a case-slipped key is renamed by its fix and its value checked as the real key's", () => {
    const text = json({ DestinationBucketName: 'restore-target', newBucket: 'my-bucket' });
    const findings = run(text, { fileName: 's3-restore-metadata.json' });
    const rename = findings.find((f) => f.code === 'RST006');
    assert.equal(rename?.at, '"newBucket"');
    const value = findings.find((f) => f.code === 'RST012');
    assert.equal(value?.at, '"my-bucket"');
    assert.match(value?.message ?? '', /"newBucket" \(the key "NewBucket"\) is "my-bucket"/);
    // Renamed, the key is right and the value still wrong: wrong twice, fixed once.
    assert.ok(rename);
    const renamed = applyFix(text, rename);
    assert.deepEqual(Object.keys(JSON.parse(renamed) as object), ['DestinationBucketName', 'NewBucket']);
    assert.deepEqual(
      run(renamed, { fileName: 's3-restore-metadata.json' })
        .filter((f) => f.severity === 'error' || f.severity === 'warning')
        .map((f) => f.code),
      ['RST012'],
    );
    // A slipped enum gets the documented spelling as its fix; booleans are taken in any case.
    const hana = json({ catalogRestoreOption: 'no_catalog', RecoveryType: 'FULL_DATA_BACKUP_RECOVERY' });
    const [enumFinding] = only(hana, 'RST012', { fileName: 'sap-hana-restore-metadata.json' });
    assert.ok(enumFinding);
    assert.match(applyFix(hana, enumFinding), /"catalogRestoreOption": "NO_CATALOG"/);
    assert.deepEqual(
      only(json({ DestinationBucketName: 'b', RestoreACLs: 'TRUE' }), 'RST012', {
        fileName: 's3-restore-metadata.json',
      }),
      [],
    );
  });
});
