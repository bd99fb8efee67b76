import { strict as assert } from 'node:assert';
import { awsBackup, type AwsCliResult } from '../aws/awsCli';
import { restoreTestingConformance } from '../aws/cliRestoreTesting';
import {
  IMPLEMENTED_OPERATIONS,
  drAccounts,
  startEmulator,
  type Emulator,
} from '../../../src/emulator/server';

/**
 * The AWS CLI installed on the machine (botocore: a client nobody here wrote) against the emulator,
 * for every implemented operation: the emulator speaks the real protocol when the CLI's parsed
 * output holds what the operation returns. The test setup installs Debian's awscli when `aws` is missing.
 */
describe('AWS CLI conformance: `aws backup …` against the emulator', function () {
  this.timeout(120_000);
  let emu: Emulator;

  before(async () => {
    emu = await startEmulator({ bulkRecoveryPoints: 30 });
  });
  after(() => emu.close());

  /** `aws backup <args>` with the emulator's keys. */
  const aws = (args: string[]): Promise<AwsCliResult> =>
    awsBackup(emu.url, emu.region, emu.credentials, args);
  const ok = async (args: string[]): Promise<Record<string, unknown>> => {
    const r = await aws(args);
    assert.equal(r.status, 0, `aws backup ${args.join(' ')} failed: ${r.stderr}`);
    return r.json;
  };

  const covered = new Set<string>();
  const cover = (op: string) => covered.add(op);
  const ids: Record<string, string> = {};

  it('vaults', async () => {
    const list = await ok(['list-backup-vaults']);
    assert.ok(
      (list.BackupVaultList as { BackupVaultName: string }[]).some((v) => v.BackupVaultName === 'prod-pitr'),
    );
    cover('ListBackupVaults');
    const d = await ok(['describe-backup-vault', '--backup-vault-name', 'compliance-locked']);
    assert.equal(d.Locked, true);
    assert.equal(typeof d.CreationDate, 'number');
    cover('DescribeBackupVault');
    const created = await ok(['create-backup-vault', '--backup-vault-name', 'cli-vault']);
    assert.equal(created.BackupVaultArn, 'arn:aws:backup:us-east-1:123456789012:backup-vault:cli-vault');
    cover('CreateBackupVault');
    const denied = await aws(['describe-backup-vault', '--backup-vault-name', 'no-such-vault']);
    assert.notEqual(denied.status, 0);
    assert.match(
      denied.stderr,
      /\(AccessDeniedException\).*Insufficient privileges to perform this action\./,
    );
  });

  it('recovery points, with ARNs in the path and paging', async () => {
    const list = await ok(['list-recovery-points-by-backup-vault', '--backup-vault-name', 'prod-pitr']);
    const points = list.RecoveryPoints as {
      RecoveryPointArn: string;
      ResourceArn: string;
      ResourceType: string;
      Status: string;
    }[];
    const s3 = points.find(
      (p) =>
        p.RecoveryPointArn.includes(':continuous:') && p.ResourceType === 'S3' && p.Status === 'COMPLETED',
    )!;
    ids.s3 = s3.RecoveryPointArn;
    ids.rds = points.find((p) => p.RecoveryPointArn.includes(':continuous:db-'))!.RecoveryPointArn;
    cover('ListRecoveryPointsByBackupVault');
    const paged = await ok([
      'list-recovery-points-by-backup-vault',
      '--backup-vault-name',
      'bulk-archive',
      '--page-size',
      '7',
    ]);
    assert.equal(
      (paged.RecoveryPoints as unknown[]).length,
      30,
      'the CLI followed NextToken through five pages',
    );
    const byRes = await ok(['list-recovery-points-by-resource', '--resource-arn', s3.ResourceArn]);
    assert.ok(
      (byRes.RecoveryPoints as { RecoveryPointArn: string }[]).some(
        (p) => p.RecoveryPointArn === s3.RecoveryPointArn,
      ),
    );
    cover('ListRecoveryPointsByResource');
    const d = await ok([
      'describe-recovery-point',
      '--backup-vault-name',
      'prod-pitr',
      '--recovery-point-arn',
      s3.RecoveryPointArn,
    ]);
    assert.equal(d.ResourceArn, 'arn:aws:s3:::orders-bucket');
    cover('DescribeRecoveryPoint');
    const m = await ok([
      'get-recovery-point-restore-metadata',
      '--backup-vault-name',
      'prod-pitr',
      '--recovery-point-arn',
      s3.RecoveryPointArn,
    ]);
    assert.equal((m.RestoreMetadata as Record<string, string>).DestinationBucketName, 'orders-bucket');
    cover('GetRecoveryPointRestoreMetadata');
    const res = await ok(['list-protected-resources']);
    assert.ok(
      (res.Results as { ResourceArn: string }[]).some((r) => r.ResourceArn === 'arn:aws:s3:::orders-bucket'),
    );
    cover('ListProtectedResources');
    const pr = await ok([
      'describe-protected-resource',
      '--resource-arn',
      'arn:aws:rds:us-east-1:123456789012:db:orders-db',
    ]);
    assert.equal(pr.ResourceType, 'RDS');
    cover('DescribeProtectedResource');
  });

  it('plans and selections', async () => {
    const plans = await ok(['list-backup-plans']);
    const pitr = (plans.BackupPlansList as { BackupPlanName: string; BackupPlanId: string }[]).find(
      (p) => p.BackupPlanName === 'pitr-orders',
    )!;
    cover('ListBackupPlans');
    const plan = await ok(['get-backup-plan', '--backup-plan-id', pitr.BackupPlanId]);
    assert.equal(
      (plan.BackupPlan as { Rules: { EnableContinuousBackup?: boolean }[] }).Rules[0]!.EnableContinuousBackup,
      true,
    );
    cover('GetBackupPlan');
    const body = JSON.stringify({
      BackupPlanName: 'cli-plan',
      Rules: [
        {
          RuleName: 'pitr',
          TargetBackupVaultName: 'cli-vault',
          ScheduleExpression: 'cron(0 5 ? * * *)',
          EnableContinuousBackup: true,
          Lifecycle: { DeleteAfterDays: 35 },
        },
      ],
    });
    const created = await ok(['create-backup-plan', '--backup-plan', body]);
    ids.plan = created.BackupPlanId as string;
    cover('CreateBackupPlan');
    const bad = await aws([
      'create-backup-plan',
      '--backup-plan',
      body.replace('"DeleteAfterDays":35', '"MoveToColdStorageAfterDays":7,"DeleteAfterDays":35'),
    ]);
    assert.match(bad.stderr, /\(InvalidParameterValueException\).*MoveToColdStorageAfterDays is unavailable/);
    const updated = await ok([
      'update-backup-plan',
      '--backup-plan-id',
      ids.plan,
      '--backup-plan',
      body.replace('"DeleteAfterDays":35', '"DeleteAfterDays":14'),
    ]);
    assert.notEqual(updated.VersionId, created.VersionId);
    cover('UpdateBackupPlan');
    const sel = await ok([
      'create-backup-selection',
      '--backup-plan-id',
      ids.plan,
      '--backup-selection',
      JSON.stringify({
        SelectionName: 'cli',
        IamRoleArn: 'arn:aws:iam::123456789012:role/r',
        Resources: ['arn:aws:s3:::cli-bucket'],
      }),
    ]);
    cover('CreateBackupSelection');
    const sels = await ok(['list-backup-selections', '--backup-plan-id', ids.plan]);
    assert.equal((sels.BackupSelectionsList as unknown[]).length, 1);
    cover('ListBackupSelections');
    const got = await ok([
      'get-backup-selection',
      '--backup-plan-id',
      ids.plan,
      '--selection-id',
      sel.SelectionId as string,
    ]);
    assert.deepEqual((got.BackupSelection as { Resources: string[] }).Resources, ['arn:aws:s3:::cli-bucket']);
    cover('GetBackupSelection');
    const weekly = (plans.BackupPlansList as { BackupPlanName: string; BackupPlanId: string }[]).find(
      (p) => p.BackupPlanName === 'weekly-ebs',
    )!;
    const refused = await aws(['delete-backup-plan', '--backup-plan-id', weekly.BackupPlanId]);
    assert.match(refused.stderr, /\(InvalidRequestException\)/);
    const lone = await ok([
      'create-backup-plan',
      '--backup-plan',
      JSON.stringify({ BackupPlanName: 'lone', Rules: [] }),
    ]);
    const deleted = await ok(['delete-backup-plan', '--backup-plan-id', lone.BackupPlanId as string]);
    assert.equal(typeof deleted.DeletionDate, 'number');
    cover('DeleteBackupPlan');
  });

  it('plan versions: an update keeps the version it replaces, readable by its VersionId', async () => {
    type PlanOut = { VersionId: string; BackupPlan: { Rules: { Lifecycle: { DeleteAfterDays: number } }[] } };
    const retention = (p: Record<string, unknown>) =>
      (p as PlanOut).BackupPlan.Rules[0]!.Lifecycle.DeleteAfterDays;
    const now = await ok(['get-backup-plan', '--backup-plan-id', ids.plan!]);
    assert.equal(retention(now), 14);
    const versions = await ok(['list-backup-plan-versions', '--backup-plan-id', ids.plan!]);
    const list = versions.BackupPlanVersionsList as {
      VersionId: string;
      BackupPlanName: string;
      CreationDate: number;
    }[];
    assert.deepEqual(
      list.map((v) => v.BackupPlanName),
      ['cli-plan', 'cli-plan'],
      'the created version and the update',
    );
    assert.equal(list[0]!.VersionId, now.VersionId, 'the current version first');
    assert.ok(list.every((v) => typeof v.CreationDate === 'number'));
    cover('ListBackupPlanVersions');
    const old = await ok([
      'get-backup-plan',
      '--backup-plan-id',
      ids.plan!,
      '--version-id',
      list[1]!.VersionId,
    ]);
    assert.equal(old.VersionId, list[1]!.VersionId);
    assert.equal(retention(old), 35, 'the version before the update, as it was');
    const missing = await aws([
      'get-backup-plan',
      '--backup-plan-id',
      ids.plan!,
      '--version-id',
      'no-such-version',
    ]);
    assert.notEqual(missing.status, 0);
    assert.match(missing.stderr, /\(ResourceNotFoundException\)/);
  });

  it('restore, backup and copy jobs', async () => {
    const meta = JSON.stringify({
      DestinationBucketName: 'cli-restored',
      RestoreTime: new Date(Date.now() - 3_600_000).toISOString().replace(/\.\d+Z$/, 'Z'),
    });
    const started = await ok([
      'start-restore-job',
      '--recovery-point-arn',
      ids.s3!,
      '--metadata',
      meta,
      '--iam-role-arn',
      'arn:aws:iam::123456789012:role/r',
      '--idempotency-token',
      'cli-token-1',
    ]);
    assert.equal(typeof started.RestoreJobId, 'string');
    const again = await ok([
      'start-restore-job',
      '--recovery-point-arn',
      ids.s3!,
      '--metadata',
      meta,
      '--idempotency-token',
      'cli-token-1',
    ]);
    assert.equal(again.RestoreJobId, started.RestoreJobId);
    cover('StartRestoreJob');
    const d = await ok(['describe-restore-job', '--restore-job-id', started.RestoreJobId as string]);
    assert.ok(['PENDING', 'RUNNING'].includes(d.Status as string));
    assert.match(d.PercentDone as string, /^\d+\.\d\d%$/);
    cover('DescribeRestoreJob');
    const failed = await ok(['list-restore-jobs', '--by-status', 'FAILED']);
    assert.ok(
      (failed.RestoreJobs as { StatusMessage: string }[]).some((j) => /Access Denied/.test(j.StatusMessage)),
    );
    cover('ListRestoreJobs');
    const backups = await ok(['list-backup-jobs', '--by-state', 'FAILED']);
    assert.ok((backups.BackupJobs as unknown[]).length >= 1);
    cover('ListBackupJobs');
    const copies = await ok(['list-copy-jobs']);
    assert.ok((copies.CopyJobs as unknown[]).length >= 2);
    cover('ListCopyJobs');
  });

  it('restore testing: plans, selections, inferred metadata, jobs by resource and by plan', async () => {
    const control = async (path: string, body: unknown): Promise<Record<string, unknown>> =>
      (await (
        await fetch(`${emu.url}/__emulator/${path}`, { method: 'POST', body: JSON.stringify(body) })
      ).json()) as Record<string, unknown>;
    await restoreTestingConformance(ok, aws, cover, control);
  });

  it('deleting and disassociating recovery points', async () => {
    const del = await aws([
      'delete-recovery-point',
      '--backup-vault-name',
      'prod-pitr',
      '--recovery-point-arn',
      ids.s3!,
    ]);
    assert.equal(del.status, 0, del.stderr);
    cover('DeleteRecoveryPoint');
    const dis = await aws([
      'disassociate-recovery-point',
      '--backup-vault-name',
      'prod-pitr',
      '--recovery-point-arn',
      ids.rds!,
    ]);
    assert.equal(dis.status, 0, dis.stderr);
    cover('DisassociateRecoveryPoint');
    const after = await ok(['list-recovery-points-by-backup-vault', '--backup-vault-name', 'prod-pitr']);
    const left = (after.RecoveryPoints as { RecoveryPointArn: string }[]).map((p) => p.RecoveryPointArn);
    assert.ok(!left.includes(ids.s3!) && !left.includes(ids.rds!));
  });

  it('Region settings: S3 not opted in in the seeded Region, turned on by update-region-settings', async () => {
    const before = await ok(['describe-region-settings']);
    const prefs = before.ResourceTypeOptInPreference as Record<string, boolean>;
    assert.equal(prefs.S3, false);
    assert.equal(prefs.RDS, true);
    assert.equal(
      prefs.DynamoDB,
      true,
      'every type but S3 is opted in (the member accounts opt DynamoDB out)',
    );
    cover('DescribeRegionSettings');
    const bad = await aws(['update-region-settings', '--resource-type-opt-in-preference', 'Floppy=true']);
    assert.match(bad.stderr, /\(InvalidParameterValueException\).*Floppy/);
    const updated = await aws(['update-region-settings', '--resource-type-opt-in-preference', 'S3=true']);
    assert.equal(updated.status, 0, updated.stderr);
    cover('UpdateRegionSettings');
    const after = await ok(['describe-region-settings']);
    assert.equal((after.ResourceTypeOptInPreference as Record<string, boolean>).S3, true);
    assert.equal((after.ResourceTypeOptInPreference as Record<string, boolean>).RDS, true);
  });

  it('--creator-request-id twice creates one plan, and one selection', async () => {
    const body = JSON.stringify({ BackupPlanName: 'cli-once', Rules: [] });
    const args = ['create-backup-plan', '--backup-plan', body, '--creator-request-id', 'cli-once-1'];
    const first = await ok(args);
    const second = await ok(args);
    assert.equal(second.BackupPlanId, first.BackupPlanId);
    assert.equal(second.VersionId, first.VersionId);
    const plans = await ok(['list-backup-plans']);
    assert.equal(
      (plans.BackupPlansList as { BackupPlanName: string }[]).filter((p) => p.BackupPlanName === 'cli-once')
        .length,
      1,
    );
    const sel = [
      'create-backup-selection',
      '--backup-plan-id',
      first.BackupPlanId as string,
      '--backup-selection',
      JSON.stringify({
        SelectionName: 'once',
        IamRoleArn: 'arn:aws:iam::123456789012:role/r',
        Resources: [],
      }),
      '--creator-request-id',
      'cli-sel-1',
    ];
    const s1 = await ok(sel);
    const s2 = await ok(sel);
    assert.equal(s2.SelectionId, s1.SelectionId);
    const sels = await ok(['list-backup-selections', '--backup-plan-id', first.BackupPlanId as string]);
    assert.equal((sels.BackupSelectionsList as unknown[]).length, 1);
  });

  it('copy jobs: start one into another Region, describe it, list with filters and pages', async () => {
    const dr = drAccounts();
    const other = await startEmulator({
      bulkRecoveryPoints: 0,
      regions: ['us-east-1', 'us-west-2'],
      accounts: dr,
      restoreJobDurationMs: 0,
    });
    try {
      const prod = (region: string, args: string[]) => awsBackup(other.url, region, dr[0]!.credentials, args);
      const west = 'arn:aws:backup:us-west-2:310000000001:backup-vault:dr-copies';
      const points = await prod('us-east-1', [
        'list-recovery-points-by-backup-vault',
        '--backup-vault-name',
        'dr-source',
        '--by-resource-arn',
        'arn:aws:rds:us-east-1:310000000001:db:reports-db',
      ]);
      const snap = (points.json.RecoveryPoints as { RecoveryPointArn: string }[])[0]!.RecoveryPointArn;
      const start = [
        'start-copy-job',
        '--recovery-point-arn',
        snap,
        '--source-backup-vault-name',
        'dr-source',
        '--destination-backup-vault-arn',
        west,
        '--iam-role-arn',
        'arn:aws:iam::310000000001:role/copier',
        '--idempotency-token',
        'cli-copy-1',
        '--lifecycle',
        'DeleteAfterDays=20',
      ];
      const started = await prod('us-east-1', start);
      assert.equal(started.status, 0, started.stderr);
      assert.equal(typeof started.json.CreationDate, 'number');
      assert.equal((await prod('us-east-1', start)).json.CopyJobId, started.json.CopyJobId);
      cover('StartCopyJob');
      const d = await prod('us-east-1', [
        'describe-copy-job',
        '--copy-job-id',
        started.json.CopyJobId as string,
      ]);
      const job = d.json.CopyJob as Record<string, unknown>;
      assert.equal(job.State, 'COMPLETED', d.stderr);
      assert.equal(
        (job.DestinationRecoveryPointLifecycle as { DeleteAfterDays: number }).DeleteAfterDays,
        20,
      );
      cover('DescribeCopyJob');
      const copies = await prod('us-west-2', [
        'list-recovery-points-by-backup-vault',
        '--backup-vault-name',
        'dr-copies',
      ]);
      assert.ok(
        (copies.json.RecoveryPoints as { RecoveryPointArn: string }[]).some(
          (p) => p.RecoveryPointArn === job.DestinationRecoveryPointArn,
        ),
      );
      // The CLI follows NextToken itself: 202 jobs in pages of 25.
      const paged = await prod('us-east-1', ['list-copy-jobs', '--page-size', '25']);
      assert.equal((paged.json.CopyJobs as unknown[]).length, 6 * 35 - 9 + 1, paged.stderr);
      const failed = await prod('us-east-1', [
        'list-copy-jobs',
        '--by-state',
        'FAILED',
        '--by-destination-vault-arn',
        'arn:aws:backup:us-west-2:310000000002:backup-vault:central-vault',
        '--by-created-after',
        new Date(Date.now() - 3 * 86_400_000).toISOString(),
      ]);
      const f = failed.json.CopyJobs as { ResourceName: string; StatusMessage: string }[];
      assert.equal(f.length, 3, failed.stderr);
      assert.ok(
        f.every((j) => j.ResourceName === 'failing-bucket' && /same organization/.test(j.StatusMessage)),
      );
      const byResource = await prod('us-east-1', [
        'list-copy-jobs',
        '--by-resource-arn',
        'arn:aws:rds:us-east-1:310000000001:db:stale-db',
      ]);
      assert.equal((byResource.json.CopyJobs as unknown[]).length, 26);
    } finally {
      await other.close();
    }
  });

  it('covers every operation the emulator implements', () => {
    assert.deepEqual(
      [...IMPLEMENTED_OPERATIONS].filter((op) => !covered.has(op)),
      [],
    );
  });
});
