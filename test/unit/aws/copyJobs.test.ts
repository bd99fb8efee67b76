import { strict as assert } from 'node:assert';
import {
  BackupClient,
  DescribeCopyJobCommand,
  ListCopyJobsCommand,
  ListRecoveryPointsByBackupVaultCommand,
  StartCopyJobCommand,
  type CopyJob,
} from '@aws-sdk/client-backup';
import { drAccounts, startEmulator, type Emulator } from '../../../src/emulator/server';

/**
 * Copy jobs in the emulator, through the real SDK: StartCopyJob into another Region's and another
 * account's vault, DescribeCopyJob following it to its end, ListCopyJobs with the service's filters and
 * paging, and the seeded disaster-recovery accounts (src/emulator/seedDr.ts).
 */
describe('the emulator’s copy jobs', function () {
  this.timeout(30_000);
  let emu: Emulator;
  let ahead = 0;
  const [prod, central] = drAccounts();
  const clients: BackupClient[] = [];
  const client = (who: typeof prod, region: string): BackupClient => {
    const c = new BackupClient({ region, endpoint: emu.url, credentials: who!.credentials, maxAttempts: 1 });
    clients.push(c);
    return c;
  };

  before(async () => {
    emu = await startEmulator({
      bulkRecoveryPoints: 0,
      regions: ['us-east-1', 'us-west-2'],
      accounts: [prod!, central!],
      restoreJobDurationMs: 60_000,
      clock: () => new Date(Date.now() + ahead),
    });
  });
  after(async () => {
    for (const c of clients) c.destroy();
    await emu.close();
  });

  const all = async (c: BackupClient, input: ConstructorParameters<typeof ListCopyJobsCommand>[0]) => {
    const out: CopyJob[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const r = await c.send(new ListCopyJobsCommand({ ...input, NextToken: token }));
      for (const j of r.CopyJobs ?? []) out.push(j);
      token = r.NextToken;
      pages++;
    } while (token && pages < 100);
    return { jobs: out, pages };
  };

  it('lists the seeded copy jobs with the service’s filters, page by page', async () => {
    const east = client(prod, 'us-east-1');
    const { jobs, pages } = await all(east, { MaxResults: 50 });
    assert.equal(jobs.length, 6 * 35 - 9, 'six resources copied daily for 35 days, stale-db not for 9');
    assert.ok(pages >= 5);
    const stale = await all(east, { ByResourceArn: 'arn:aws:rds:us-east-1:310000000001:db:stale-db' });
    assert.equal(stale.jobs.length, 26);
    const failed = await all(east, { ByState: 'FAILED' });
    assert.deepEqual(
      [...new Set(failed.jobs.map((j) => `${j.ResourceName}: ${j.StatusMessage}`))],
      [
        'failing-bucket: Copy job failed. Both source and destination account must be a member of the same organization',
      ],
    );
    const west = 'arn:aws:backup:us-west-2:310000000001:backup-vault:dr-copies';
    const toWest = await all(east, { ByDestinationVaultArn: west });
    assert.equal(toWest.jobs.length, 35 + 26 + 35);
    const recent = await all(east, { ByCreatedAfter: new Date(Date.now() - 86_400_000) });
    assert.ok(recent.jobs.every((j) => j.CreationDate! > new Date(Date.now() - 86_400_000)));
    assert.equal(recent.jobs.length, 5, 'one a day for each resource still copied (not stale-db)');
    const rds = await all(east, { ByResourceType: 'DynamoDB' });
    assert.ok(rds.jobs.length === 35 && rds.jobs.every((j) => j.ResourceType === 'DynamoDB'));
    // Each completed job's copy is in its destination, dated as the snapshot it copied.
    const copies = await client(prod, 'us-west-2').send(
      new ListRecoveryPointsByBackupVaultCommand({ BackupVaultName: 'dr-copies' }),
    );
    const fresh = toWest.jobs.filter((j) => j.ResourceName === 'fresh-db' && j.State === 'COMPLETED');
    for (const j of fresh) {
      const p = copies.RecoveryPoints?.find((x) => x.RecoveryPointArn === j.DestinationRecoveryPointArn);
      assert.ok(p, `copy ${j.DestinationRecoveryPointArn} in dr-copies`);
      assert.equal(p.CreationDate?.getTime(), j.CreationDate?.getTime());
      assert.match(p.SourceBackupVaultArn ?? '', /us-east-1:310000000001:backup-vault:dr-source$/);
    }
  });

  it('leaves the source snapshots EXPIRED when the copy role lacks rds:DeleteDBSnapshot, and deletes them otherwise', async () => {
    const east = client(prod, 'us-east-1');
    const points = await east.send(
      new ListRecoveryPointsByBackupVaultCommand({ BackupVaultName: 'dr-source' }),
    );
    const { jobs } = await all(east, {});
    const sources = new Set(points.RecoveryPoints?.map((p) => p.RecoveryPointArn));
    const left = (name: string) =>
      jobs.filter((j) => j.ResourceName === name && sources.has(j.SourceRecoveryPointArn)).length;
    assert.equal(left('fresh-db'), 0, 'deleted after each copy');
    assert.equal(left('expired-db'), 35);
    const expired = points.RecoveryPoints!.filter(
      (p) => p.ResourceName === 'expired-db' && p.Status === 'EXPIRED',
    );
    assert.equal(expired.length, 35);
    assert.match(expired[0]!.StatusMessage!, /rds:DeleteDBSnapshot/);
  });

  it('StartCopyJob copies a snapshot into another Region, followed to its end; the token makes it once', async () => {
    const east = client(prod, 'us-east-1');
    const points = await east.send(
      new ListRecoveryPointsByBackupVaultCommand({
        BackupVaultName: 'dr-source',
        ByResourceArn: 'arn:aws:rds:us-east-1:310000000001:db:reports-db',
      }),
    );
    const snap = points.RecoveryPoints![0]!;
    const input = {
      RecoveryPointArn: snap.RecoveryPointArn!,
      SourceBackupVaultName: 'dr-source',
      DestinationBackupVaultArn: 'arn:aws:backup:us-west-2:310000000001:backup-vault:dr-copies',
      IamRoleArn: 'arn:aws:iam::310000000001:role/copier',
      IdempotencyToken: 'copy-once-1',
      Lifecycle: { DeleteAfterDays: 30 },
    };
    const started = await east.send(new StartCopyJobCommand(input));
    const again = await east.send(new StartCopyJobCommand(input));
    assert.equal(again.CopyJobId, started.CopyJobId);
    const running = await east.send(new DescribeCopyJobCommand({ CopyJobId: started.CopyJobId }));
    assert.ok(['CREATED', 'RUNNING'].includes(running.CopyJob!.State!));
    assert.equal(running.CopyJob!.DestinationRecoveryPointArn, undefined);
    ahead = 61_000;
    const done = await east.send(new DescribeCopyJobCommand({ CopyJobId: started.CopyJobId }));
    assert.equal(done.CopyJob!.State, 'COMPLETED', done.CopyJob!.StatusMessage);
    const west = await client(prod, 'us-west-2').send(
      new ListRecoveryPointsByBackupVaultCommand({ BackupVaultName: 'dr-copies' }),
    );
    const copy = west.RecoveryPoints!.find(
      (p) => p.RecoveryPointArn === done.CopyJob!.DestinationRecoveryPointArn,
    );
    assert.ok(copy, 'the copy is in the destination vault');
    assert.equal(
      copy.CreationDate?.getTime(),
      snap.CreationDate?.getTime(),
      'a copy keeps its source’s creation date',
    );
    assert.equal(copy.Lifecycle?.DeleteAfterDays, 30);
    assert.match(copy.RecoveryPointArn!, /^arn:aws:rds:us-west-2:310000000001:snapshot:awsbackup:copyjob-/);
    ahead = 0;
  });

  it('refuses an on-demand copy of a continuous backup; a copy to an account outside the organization fails with the service’s message', async () => {
    const east = client(prod, 'us-east-1');
    const points = await east.send(
      new ListRecoveryPointsByBackupVaultCommand({ BackupVaultName: 'dr-source' }),
    );
    const continuous = points.RecoveryPoints!.find((p) => p.RecoveryPointArn?.includes(':continuous:'))!;
    await assert.rejects(
      east.send(
        new StartCopyJobCommand({
          RecoveryPointArn: continuous.RecoveryPointArn!,
          SourceBackupVaultName: 'dr-source',
          DestinationBackupVaultArn: 'arn:aws:backup:us-west-2:310000000001:backup-vault:dr-copies',
          IamRoleArn: 'arn:aws:iam::310000000001:role/copier',
        }),
      ),
      (e: Error) =>
        e.name === 'InvalidRequestException' && /on-demand copies of continuous backups/.test(e.message),
    );
    const table = points.RecoveryPoints!.find(
      (p) => p.ResourceName === 'ledger-table' && p.Status === 'COMPLETED',
    )!;
    const cross = await east.send(
      new StartCopyJobCommand({
        RecoveryPointArn: table.RecoveryPointArn!,
        SourceBackupVaultName: 'dr-source',
        DestinationBackupVaultArn: 'arn:aws:backup:us-east-1:310000000002:backup-vault:central-vault',
        IamRoleArn: 'arn:aws:iam::310000000001:role/copier',
      }),
    );
    ahead = 61_000;
    const job = (await east.send(new DescribeCopyJobCommand({ CopyJobId: cross.CopyJobId }))).CopyJob!;
    ahead = 0;
    assert.equal(job.State, 'FAILED');
    assert.equal(
      job.StatusMessage,
      'Copy job failed. Both source and destination account must be a member of the same organization',
    );
    await assert.rejects(
      east.send(
        new StartCopyJobCommand({
          RecoveryPointArn: table.RecoveryPointArn!,
          SourceBackupVaultName: 'dr-source',
          DestinationBackupVaultArn: 'arn:aws:backup:us-west-2:310000000001:backup-vault:dr-copies',
          IamRoleArn: 'arn:aws:iam::310000000001:role/copier',
          Lifecycle: { MoveToColdStorageAfterDays: 30, DeleteAfterDays: 60 },
        }),
      ),
      /DeleteAfterDays cannot be less than 90 days apart from MoveToColdStorageAfterDays/,
    );
    await assert.rejects(
      east.send(new DescribeCopyJobCommand({ CopyJobId: 'no-such-job' })),
      (e: Error) => e.name === 'ResourceNotFoundException',
    );
  });
});
