import { strict as assert } from 'node:assert';
import { lint } from '../../../src/lint';
import { parseDocument } from '../../../src/lint/jsonAst';
import { recognize } from '../../../src/lint/recognize';
import { matchesGlob } from '../../../src/lint/glob';

const rec = (value: unknown, fileName?: string, globs?: Record<string, string>) =>
  recognize({
    root: parseDocument(typeof value === 'string' ? value : JSON.stringify(value)).root,
    fileName,
    globs,
  });

describe('file recognition', () => {
  it('by content, for every form the AWS CLI takes or prints', () => {
    const planBody = { BackupPlanName: 'p', Rules: [] };
    assert.equal(rec(planBody)?.kind, 'backup-plan');
    assert.equal(rec({ Rules: [{ RuleName: 'r' }] })?.kind, 'backup-plan');
    assert.equal(rec({ BackupPlan: planBody })?.kind, 'create-backup-plan');
    assert.equal(rec({ BackupPlanId: 'x', BackupPlan: planBody })?.kind, 'update-backup-plan');
    assert.equal(
      rec({ BackupPlanId: 'x', BackupPlanArn: 'a', VersionId: 'v', BackupPlan: planBody })?.kind,
      'get-backup-plan',
    );
    assert.equal(rec({ SelectionName: 's', IamRoleArn: 'r' })?.kind, 'backup-selection');
    assert.equal(
      rec({ BackupPlanId: 'x', BackupSelection: { SelectionName: 's' } })?.kind,
      'create-backup-selection',
    );
    assert.equal(rec({ RecoveryPointArn: 'a', Metadata: {} })?.kind, 'start-restore-job');
    assert.deepEqual(rec({ DestinationBucketName: 'b' }), {
      kind: 'restore-metadata',
      reason: 'content',
      resourceType: 'S3',
    });
    assert.equal(rec({ DBInstanceIdentifier: 'd', Engine: 'mysql' })?.resourceType, 'RDS');
    assert.equal(rec({ dbClusterIdentifier: 'd' })?.resourceType, 'Aurora');
    // aws:backup:request-id is documented for several types (EC2, EFS, EBS…): it decides nothing.
    assert.equal(rec({ 'aws:backup:request-id': 'x' })?.resourceType, 'generic');
    assert.equal(
      rec({ 'aws:backup:request-id': 'x', CatalogRestoreOption: 'NO_CATALOG' })?.resourceType,
      'SAP HANA on Amazon EC2',
    );
    assert.equal(rec({ RestoreTime: '2025-01-01T00:00:00Z' })?.resourceType, 'generic');
  });

  it('the resource type of a start-restore-job comes from ResourceType first', () => {
    assert.equal(
      rec({ RecoveryPointArn: 'a', ResourceType: 'Aurora', Metadata: { DestinationBucketName: 'b' } })
        ?.resourceType,
      'Aurora',
    );
    assert.equal(
      rec({ RecoveryPointArn: 'a', Metadata: { DestinationBucketName: 'b' } })?.resourceType,
      'S3',
    );
    assert.equal(rec({ RecoveryPointArn: 'a', ResourceType: 'EBS', Metadata: {} })?.resourceType, 'generic');
  });

  it('by conventional file names when the content does not say', () => {
    assert.equal(rec({}, 'infra/backup-plan.json')?.kind, 'backup-plan');
    assert.equal(rec({}, 'prod.backup_selection.json')?.kind, 'backup-selection');
    assert.deepEqual(rec({}, 's3-restore-metadata.json'), {
      kind: 'restore-metadata',
      reason: 'file name',
      resourceType: 'S3',
    });
    assert.equal(rec({}, 'aurora-restore-metadata.json')?.resourceType, 'Aurora');
    assert.equal(rec({}, 'start-restore-job.json')?.kind, 'start-restore-job');
    assert.equal(rec({}, 'backup-plan.yaml'), undefined);
  });

  it('by globs in the setting, before anything else', () => {
    const r = rec({ name: 'x' }, '/work/ops/nightly.json', { '**/ops/*.json': 'backup-plan' });
    assert.deepEqual(r, { kind: 'backup-plan', reason: 'setting' });
    assert.equal(rec({ name: 'x' }, '/work/ops/nightly.json', { '**/ops/*.json': 'not-a-kind' }), undefined);
  });

  it('leaves everything else alone, silently', () => {
    for (const other of [
      { name: 'pkg', version: '1.0.0' },
      { compilerOptions: {} },
      [1, 2],
      'just text',
      { Rules: 'x' },
      { restoreTime: 'x', nested: { a: 1 } },
    ])
      assert.equal(
        lint({ text: JSON.stringify(other), fileName: 'x.json' }),
        undefined,
        JSON.stringify(other),
      );
    assert.equal(lint({ text: '', fileName: 'x.json' }), undefined);
    assert.equal(lint({ text: '{ not json', fileName: 'x.json' }), undefined);
  });

  it('globs: *, ** and {a,b} as VS Code settings use them', () => {
    assert.ok(matchesGlob('*.json', '/a/b/plan.json'));
    assert.ok(matchesGlob('**/backup/*.json', '/a/backup/plan.json'));
    assert.ok(matchesGlob('**/backup/*.json', 'backup/plan.json'));
    assert.ok(!matchesGlob('**/backup/*.json', '/a/backup/x/plan.json'));
    assert.ok(matchesGlob('**/backup/**/*.json', '/a/backup/x/y/plan.json'));
    assert.ok(matchesGlob('plans/{prod,dev}-*.json', '/r/plans/dev-1.json'));
    assert.ok(!matchesGlob('plans/{prod,dev}-*.json', '/r/plans/qa-1.json'));
  });
});
