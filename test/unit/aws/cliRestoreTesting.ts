/**
 * The AWS CLI's restore testing commands against the emulator (cliConformance.test.ts runs it): every
 * restore testing operation, the seeded plan's history, ListRestoreJobsByProtectedResource and a
 * plan's run with its validation and deletion statuses.
 */
import { strict as assert } from 'node:assert';
import type { AwsCliResult } from './awsCli';

type Json = Record<string, unknown>;

export async function restoreTestingConformance(
  ok: (args: string[]) => Promise<Json>,
  aws: (args: string[]) => Promise<AwsCliResult>,
  cover: (op: string) => void,
  control: (path: string, body: unknown) => Promise<Json>,
): Promise<void> {
  const plans = await ok(['list-restore-testing-plans']);
  const seeded = (
    plans.RestoreTestingPlans as { RestoreTestingPlanName: string; RestoreTestingPlanArn: string }[]
  ).find((p) => p.RestoreTestingPlanName === 'orders_weekly_restore_test')!;
  assert.ok(seeded, 'the seeded restore testing plan is listed');
  cover('ListRestoreTestingPlans');
  const got = await ok([
    'get-restore-testing-plan',
    '--restore-testing-plan-name',
    seeded.RestoreTestingPlanName,
  ]);
  const rps = (got.RestoreTestingPlan as { RecoveryPointSelection: { RecoveryPointTypes: string[] } })
    .RecoveryPointSelection;
  assert.deepEqual(rps.RecoveryPointTypes, ['CONTINUOUS', 'SNAPSHOT']);
  cover('GetRestoreTestingPlan');

  const planBody = {
    RestoreTestingPlanName: 'cli_rt_plan',
    ScheduleExpression: 'cron(0 2 ? * SAT *)',
    StartWindowHours: 24,
    RecoveryPointSelection: {
      Algorithm: 'LATEST_WITHIN_WINDOW',
      IncludeVaults: ['*'],
      RecoveryPointTypes: ['CONTINUOUS'],
      SelectionWindowDays: 7,
    },
  };
  const create = ['create-restore-testing-plan', '--restore-testing-plan', JSON.stringify(planBody)];
  const created = await ok([...create, '--creator-request-id', 'cli-rt-1']);
  assert.match(
    created.RestoreTestingPlanArn as string,
    /^arn:aws:backup:us-east-1:123456789012:restore-testing-plan:cli_rt_plan-/,
  );
  assert.equal(typeof created.CreationTime, 'number');
  const again = await ok([...create, '--creator-request-id', 'cli-rt-1']);
  assert.equal(again.RestoreTestingPlanArn, created.RestoreTestingPlanArn, 'CreatorRequestId: one plan');
  const twice = await aws(create);
  assert.match(twice.stderr, /\(AlreadyExistsException\)/);
  const tooLong = await aws([
    'create-restore-testing-plan',
    '--restore-testing-plan',
    JSON.stringify({ ...planBody, RestoreTestingPlanName: 'cli_rt_bad', StartWindowHours: 200 }),
  ]);
  assert.match(
    tooLong.stderr,
    /\(InvalidParameterValueException\).*StartWindowHours can be at most 168 \(one week\), not 200/,
  );
  cover('CreateRestoreTestingPlan');
  const updated = await ok([
    'update-restore-testing-plan',
    '--restore-testing-plan-name',
    'cli_rt_plan',
    '--restore-testing-plan',
    JSON.stringify({ StartWindowHours: 48 }),
  ]);
  assert.equal(typeof updated.UpdateTime, 'number');
  const after = await ok(['get-restore-testing-plan', '--restore-testing-plan-name', 'cli_rt_plan']);
  assert.equal((after.RestoreTestingPlan as { StartWindowHours: number }).StartWindowHours, 48);
  cover('UpdateRestoreTestingPlan');

  const selection = {
    RestoreTestingSelectionName: 'cli_rds',
    ProtectedResourceType: 'RDS',
    IamRoleArn: 'arn:aws:iam::123456789012:role/restore-tester',
    ProtectedResourceArns: ['*'],
    ValidationWindowHours: 1,
  };
  const sel = await ok([
    'create-restore-testing-selection',
    '--restore-testing-plan-name',
    'cli_rt_plan',
    '--restore-testing-selection',
    JSON.stringify(selection),
    '--creator-request-id',
    'cli-rt-sel-1',
  ]);
  assert.equal(sel.RestoreTestingSelectionName, 'cli_rds');
  cover('CreateRestoreTestingSelection');
  const sels = await ok(['list-restore-testing-selections', '--restore-testing-plan-name', 'cli_rt_plan']);
  assert.deepEqual(
    (sels.RestoreTestingSelections as { RestoreTestingSelectionName: string }[]).map(
      (s) => s.RestoreTestingSelectionName,
    ),
    ['cli_rds'],
  );
  cover('ListRestoreTestingSelections');
  await ok([
    'update-restore-testing-selection',
    '--restore-testing-plan-name',
    'cli_rt_plan',
    '--restore-testing-selection-name',
    'cli_rds',
    '--restore-testing-selection',
    JSON.stringify({ ValidationWindowHours: 3 }),
  ]);
  cover('UpdateRestoreTestingSelection');
  const gotSel = await ok([
    'get-restore-testing-selection',
    '--restore-testing-plan-name',
    'cli_rt_plan',
    '--restore-testing-selection-name',
    'cli_rds',
  ]);
  assert.equal(
    (gotSel.RestoreTestingSelection as { ValidationWindowHours: number }).ValidationWindowHours,
    3,
  );
  cover('GetRestoreTestingSelection');

  // A run of the plan: the RDS instance's continuous point restored by the plan, listed by resource.
  const run = await control('restore-testing/run', { plan: 'cli_rt_plan' });
  assert.equal((run.RestoreJobIds as string[]).length, 1, 'one RDS instance with a continuous point');
  const db = 'arn:aws:rds:us-east-1:123456789012:db:orders-db';
  const byResource = await ok(['list-restore-jobs-by-protected-resource', '--resource-arn', db]);
  const jobs = byResource.RestoreJobs as {
    RestoreJobId: string;
    Status: string;
    CreatedBy?: { RestoreTestingPlanArn: string };
    ValidationStatus?: string;
    DeletionStatus?: string;
    CompletionDate?: number;
    CreationDate: number;
  }[];
  const fresh = jobs.find((j) => j.RestoreJobId === (run.RestoreJobIds as string[])[0])!;
  assert.equal(fresh.CreatedBy?.RestoreTestingPlanArn, created.RestoreTestingPlanArn);
  assert.equal(fresh.Status, 'PENDING', 'an RDS restore of 200 GiB takes the emulator half an hour');
  const seededTests = jobs.filter((j) => j.CreatedBy?.RestoreTestingPlanArn === seeded.RestoreTestingPlanArn);
  assert.ok(seededTests.length >= 3);
  assert.ok(
    seededTests.every(
      (j) =>
        j.Status === 'COMPLETED' && j.ValidationStatus === 'SUCCESSFUL' && j.DeletionStatus === 'SUCCESSFUL',
    ),
  );
  assert.ok(
    jobs.every((j, i) => i === 0 || jobs[i - 1]!.CreationDate >= j.CreationDate),
    'newest first',
  );
  cover('ListRestoreJobsByProtectedResource');
  const byPlan = await ok([
    'list-restore-jobs',
    '--by-restore-testing-plan-arn',
    seeded.RestoreTestingPlanArn,
  ]);
  const durations = (
    byPlan.RestoreJobs as { ResourceType: string; CreationDate: number; CompletionDate?: number }[]
  )
    .filter((j) => j.CompletionDate !== undefined)
    .map((j) => `${j.ResourceType} ${Math.round((j.CompletionDate! - j.CreationDate) / 60)}`);
  assert.ok(
    durations.some((d) => /^Aurora (2[4-9]\d|3\d\d)$/.test(d)),
    `an Aurora test over 4 h: ${durations.join(', ')}`,
  );
  assert.ok(
    durations.some((d) => /^RDS [1-5]\d$/.test(d)),
    `RDS tests in minutes: ${durations.join(', ')}`,
  );

  const points = await ok(['list-recovery-points-by-backup-vault', '--backup-vault-name', 'prod-pitr']);
  const cluster = (points.RecoveryPoints as { RecoveryPointArn: string; ResourceType: string }[]).find(
    (p) => p.ResourceType === 'Aurora',
  )!;
  const inferred = await ok([
    'get-restore-testing-inferred-metadata',
    '--backup-vault-name',
    'prod-pitr',
    '--recovery-point-arn',
    cluster.RecoveryPointArn,
  ]);
  assert.match(
    (inferred.InferredMetadata as Record<string, string>).dbClusterIdentifier!,
    /^awsbackup-restore-test-/,
  );
  cover('GetRestoreTestingInferredMetadata');

  const refused = await aws(['delete-restore-testing-plan', '--restore-testing-plan-name', 'cli_rt_plan']);
  assert.match(refused.stderr, /\(InvalidRequestException\).*delete them first/);
  await ok([
    'delete-restore-testing-selection',
    '--restore-testing-plan-name',
    'cli_rt_plan',
    '--restore-testing-selection-name',
    'cli_rds',
  ]);
  cover('DeleteRestoreTestingSelection');
  await ok(['delete-restore-testing-plan', '--restore-testing-plan-name', 'cli_rt_plan']);
  const gone = await aws(['get-restore-testing-plan', '--restore-testing-plan-name', 'cli_rt_plan']);
  assert.match(gone.stderr, /\(ResourceNotFoundException\)/);
  cover('DeleteRestoreTestingPlan');
}
