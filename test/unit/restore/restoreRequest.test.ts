import { strict as assert } from 'node:assert';
import { openBackupApi } from '../../../src/aws/backupApi';
import { BackupClientFactory } from '../../../src/aws/clientFactory';
import { lint } from '../../../src/lint';
import { followRestoreJob, type JobProgress } from '../../../src/restore/followJob';
import { restorableWindow } from '../../../src/backup/restorableWindow';
import {
  buildRestoreRequest,
  cliEquivalent,
  parseRestoreTime,
  type StartRestoreJobDocument,
} from '../../../src/restore/restoreRequest';
import { startEmulator, type Emulator } from '../../../src/emulator/server';

const NOW = new Date('2025-08-01T12:00:00Z');
const DAY = 86_400_000;
const RDS_RP = 'arn:aws:backup:us-east-1:123456789012:recovery-point:continuous:db-abcdefghijkl';
const S3_RP = 'arn:aws:backup:us-east-1:123456789012:recovery-point:continuous:orders-bucket-1a2b3c4d';
const ROLE = 'arn:aws:iam::123456789012:role/service-role/AWSBackupDefaultServiceRole';
const rdsWindow = restorableWindow(
  {
    recoveryPointArn: RDS_RP,
    resourceType: 'RDS',
    creationDate: new Date(NOW.getTime() - 10 * DAY),
    deleteAfterDays: 14,
  },
  NOW,
);
const s3Window = restorableWindow(
  {
    recoveryPointArn: S3_RP,
    resourceType: 'S3',
    creationDate: new Date(NOW.getTime() - 60 * DAY),
    deleteAfterDays: 35,
  },
  NOW,
);

describe('restore request (step logic, no vscode)', () => {
  it('parses ISO 8601 and local times, to the second', () => {
    assert.equal(
      (parseRestoreTime('2025-08-01T02:14:37Z') as Date).toISOString(),
      '2025-08-01T02:14:37.000Z',
    );
    assert.equal(
      (parseRestoreTime('2025-08-01T04:14:37+02:00') as Date).toISOString(),
      '2025-08-01T02:14:37.000Z',
    );
    assert.equal(
      (parseRestoreTime('2025-08-01 04:14:37', 'Europe/Paris') as Date).toISOString(),
      '2025-08-01T02:14:37.000Z',
    );
    assert.equal(
      (parseRestoreTime('2025-01-15 02:14', 'America/New_York') as Date).toISOString(),
      '2025-01-15T07:14:00.000Z',
    );
    assert.match(
      (parseRestoreTime('2025-02-30 02:14:37', 'UTC') as { error: string }).error,
      /not a real date/,
    );
    assert.match((parseRestoreTime('yesterday') as { error: string }).error, /neither ISO 8601/);
  });

  it('builds RDS metadata for a chosen second, and for the latest restorable time', () => {
    const base = { DBInstanceIdentifier: 'orders-db', Engine: 'postgres', DBInstanceClass: 'db.r6g.large' };
    const at = buildRestoreRequest({
      recoveryPointArn: RDS_RP,
      resourceType: 'RDS',
      restoreMetadata: base,
      window: rdsWindow,
      answers: { time: new Date('2025-08-01T02:14:37Z'), destination: 'orders-db-0214', iamRoleArn: ROLE },
      idempotencyToken: 't-1',
    }) as StartRestoreJobDocument;
    assert.deepEqual(at.Metadata, {
      DBInstanceIdentifier: 'orders-db-0214',
      Engine: 'postgres',
      DBInstanceClass: 'db.r6g.large',
      RestoreTime: '2025-08-01T02:14:37Z',
      UseLatestRestorableTime: 'false',
    });
    assert.equal(at.IdempotencyToken, 't-1');
    const latest = buildRestoreRequest({
      recoveryPointArn: RDS_RP,
      resourceType: 'RDS',
      restoreMetadata: base,
      window: rdsWindow,
      answers: { time: 'latest', destination: 'orders-db-latest', iamRoleArn: ROLE },
    }) as StartRestoreJobDocument;
    assert.equal(latest.Metadata.UseLatestRestorableTime, 'true');
    assert.equal(latest.Metadata.RestoreTime, undefined);
    assert.match(latest.IdempotencyToken, /^[0-9a-f-]{36}$/);
  });

  it('gives an S3 continuous restore an explicit RestoreTime, even for "latest"', () => {
    const r = buildRestoreRequest({
      recoveryPointArn: S3_RP,
      resourceType: 'S3',
      restoreMetadata: { DestinationBucketName: 'orders-bucket', EncryptionType: 'SSE-S3' },
      window: s3Window,
      answers: { time: 'latest', destination: 'orders-restored', iamRoleArn: ROLE },
    }) as StartRestoreJobDocument;
    assert.equal(r.Metadata.DestinationBucketName, 'orders-restored');
    assert.equal(r.Metadata.RestoreTime, '2025-08-01T11:45:00Z');
  });

  it('refuses a time outside the window or a bad role, and starts nothing', () => {
    const late = buildRestoreRequest({
      recoveryPointArn: RDS_RP,
      resourceType: 'RDS',
      restoreMetadata: {},
      window: rdsWindow,
      answers: { time: new Date('2025-08-01T11:58:00Z'), destination: 'x', iamRoleArn: 'role' },
    });
    assert.ok('errors' in late);
    assert.equal(late.errors.length, 2);
    assert.match(late.errors[0]!, /after the latest restorable time/);
    assert.match(late.errors[1]!, /not an IAM role ARN/);
  });

  it('makes a start-restore-job document the linter finds clean, and the exact CLI command', () => {
    const doc = buildRestoreRequest({
      recoveryPointArn: RDS_RP,
      resourceType: 'RDS',
      restoreMetadata: { DBInstanceIdentifier: 'orders-db', Engine: 'postgres' },
      window: rdsWindow,
      answers: { time: new Date('2025-08-01T02:14:37Z'), destination: 'orders-db-0214', iamRoleArn: ROLE },
      idempotencyToken: 'tok',
    }) as StartRestoreJobDocument;
    const text = JSON.stringify(doc, null, 2);
    const r = lint({ text, fileName: 'start-restore-job.json', now: NOW });
    assert.equal(r?.recognition.kind, 'start-restore-job');
    assert.deepEqual(
      r?.findings.filter((f) => f.severity === 'error' || f.severity === 'warning'),
      [],
    );
    const cli = cliEquivalent(doc, 'us-east-1', 'prod');
    assert.match(
      cli,
      /^aws backup start-restore-job \\\n  --recovery-point-arn arn:aws:backup:us-east-1:123456789012:recovery-point:continuous:db-abcdefghijkl/,
    );
    assert.match(
      cli,
      /--metadata '\{"DBInstanceIdentifier":"orders-db-0214","Engine":"postgres","RestoreTime":"2025-08-01T02:14:37Z","UseLatestRestorableTime":"false"\}'/,
    );
    assert.match(cli, /--idempotency-token tok/);
    assert.match(cli, /--profile prod$/);
  });
});

describe('following a restore job, against the emulator', function () {
  this.timeout(30_000);
  let emu: Emulator;
  let factory: BackupClientFactory;
  before(async () => {
    emu = await startEmulator({ bulkRecoveryPoints: 0, restoreJobDurationMs: 400 });
    factory = new BackupClientFactory({ maxAttempts: 1 });
  });
  after(async () => {
    factory.dispose();
    await emu.close();
  });

  it('reports progress to the end, through throttling and dropped connections, with one job', async () => {
    const api = await openBackupApi(factory, { region: 'us-east-1', endpoint: emu.url, localEmulator: true });
    const rp = [...emu.state.recoveryPoints.values()].find(
      (p) => p.ResourceType === 'RDS' && p.RecoveryPointArn.includes(':continuous:'),
    )!;
    const doc = {
      RecoveryPointArn: rp.RecoveryPointArn,
      IamRoleArn: ROLE,
      ResourceType: 'RDS',
      IdempotencyToken: 'follow-1',
      Metadata: {
        DBInstanceIdentifier: 'orders-db-follow',
        Engine: 'postgres',
        UseLatestRestorableTime: 'true',
      },
    };
    const id = await api.startRestoreJob(doc);
    // The start is retried after a dropped connection: the token keeps it one job.
    emu.setFaults({ drop: { count: 1, operations: ['StartRestoreJob'] } });
    await assert.rejects(api.startRestoreJob(doc));
    assert.equal(await api.startRestoreJob(doc), id);
    emu.setFaults({
      throttle: { count: 2, operations: ['DescribeRestoreJob'] },
      drop: { count: 1, operations: ['DescribeRestoreJob'] },
    });
    const seen: JobProgress[] = [];
    const end = await followRestoreJob(api, id, {
      initialDelayMs: 50,
      maxDelayMs: 200,
      onUpdate: (p) => seen.push(p),
    });
    emu.setFaults({});
    assert.equal(end.status, 'COMPLETED');
    assert.equal(end.createdResourceArn, 'arn:aws:rds:us-east-1:123456789012:db:orders-db-follow');
    assert.ok(seen.length >= 1);
    assert.equal(
      [...emu.state.restoreJobs.values()].filter((j) => j.idempotencyToken === 'follow-1').length,
      1,
      'exactly one job',
    );
  });

  it('stops watching when cancelled; the job goes on', async () => {
    // A client of its own: the previous test's dropped connections stay out of this one.
    const own = new BackupClientFactory({ maxAttempts: 1 });
    const api = await openBackupApi(own, { region: 'us-east-1', endpoint: emu.url, localEmulator: true });
    const rp = [...emu.state.recoveryPoints.values()].find(
      (p) => p.ResourceType === 'RDS' && p.RecoveryPointArn.includes(':continuous:'),
    )!;
    const id = await api.startRestoreJob({
      RecoveryPointArn: rp.RecoveryPointArn,
      IamRoleArn: ROLE,
      ResourceType: 'RDS',
      IdempotencyToken: 'follow-2',
      Metadata: { DBInstanceIdentifier: 'x-2', Engine: 'postgres', UseLatestRestorableTime: 'true' },
    });
    const ac = new AbortController();
    const watching = followRestoreJob(api, id, {
      signal: ac.signal,
      initialDelayMs: 10_000,
      onUpdate: () => ac.abort(),
    });
    await assert.rejects(watching, /Stopped watching/);
    assert.ok(emu.state.restoreJobs.has(id));
    own.dispose();
  });
});
