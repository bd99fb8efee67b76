import { strict as assert } from 'node:assert';
import { AwsAccessError } from '../../../src/aws/errors';
import { liveFactsFrom } from '../../../src/aws/liveFacts';
import type { Faults } from '../../../src/emulator/server';
import { RememberedJobs } from '../../../src/restore/jobStore';
import { checkBeforeStart, idempotencyTokenFor } from '../../../src/restore/startGate';
import { MemoryStore } from '../lint/helpers';
import { emulatorWithApi } from '../aws/awsTestEnv';

/**
 * The service did the work and the answer was lost. A restore started from a file, through the
 * extension's own path (gate, idempotency token, remembered start, send with retries — the SDK's
 * and the extension's own), still ends as exactly one restore job.
 */
describe('a StartRestoreJob whose answer is lost starts one job, not two', function () {
  this.timeout(60_000);
  const env = emulatorWithApi();
  const FILE = 'file:///work/restores/orders-db.json';

  beforeEach(() => {
    env.emu.state.restoreJobs.clear();
    env.emu.setFaults({});
  });

  /** The document a user saved: no IdempotencyToken of its own, so one is derived from the file. */
  const documentText = (): string => {
    const rp = [...env.emu.state.recoveryPoints.values()].find(
      (p) => p.ResourceType === 'RDS' && p.RecoveryPointArn.includes(':continuous:'),
    )!;
    return JSON.stringify(
      {
        RecoveryPointArn: rp.RecoveryPointArn,
        ResourceType: 'RDS',
        IamRoleArn: 'arn:aws:iam::123456789012:role/service-role/AWSBackupDefaultServiceRole',
        Metadata: {
          DBInstanceIdentifier: 'orders-db-restored',
          Engine: 'postgres',
          UseLatestRestorableTime: 'true',
        },
      },
      null,
      2,
    );
  };

  /** What "Start restore job" does up to the send: gate, token, the start remembered first. */
  const prepare = async (jobs: RememberedJobs) => {
    const gate = await checkBeforeStart({
      text: documentText(),
      fileName: '/work/restores/orders-db.json',
      factsFor: () => Promise.resolve(liveFactsFrom(env.api)),
    });
    assert.equal(gate.ok, true, JSON.stringify(gate));
    if (gate.ok !== true) throw new Error('unreachable');
    const token = idempotencyTokenFor(FILE, gate.request);
    const request = { ...gate.request, IdempotencyToken: token };
    await jobs.starting({ token, connection: env.api.connection, label: 'orders-db', request });
    return { token, request };
  };

  const startedJobs = () => [...env.emu.state.restoreJobs.values()];
  const startsReceived = () => env.emu.state.requests.filter((r) => r.operation === 'StartRestoreJob');

  for (const [name, faults] of [
    // Five lost answers: more than the SDK's 4 attempts, so the extension's own retry sends it too.
    [
      'the connection drops after the job started',
      { dropAfter: { count: 5, operations: ['StartRestoreJob'] } },
    ],
    [
      'the service answers 500 after the job started',
      { serverErrorAfter: { count: 5, status: 500, operations: ['StartRestoreJob'] } },
    ],
  ] as [string, Faults][])
    it(`${name}: every retry sends the same token, and one job exists`, async () => {
      const jobs = new RememberedJobs(new MemoryStore());
      const { token, request } = await prepare(jobs);
      env.emu.setFaults(faults);
      const retries: string[] = [];
      const before = startsReceived().length;
      const id = await env.api.startRestoreJobRetrying(request, {
        firstDelayMs: 10,
        onRetry: (e) => retries.push(e.kind),
      });
      await jobs.started(token, id);

      const sent = startsReceived().slice(before);
      assert.equal(sent.length, 6, 'five lost answers, then the one that arrived');
      assert.ok(retries.length >= 1, 'the extension itself sent it again, not only the SDK');
      assert.deepEqual(new Set(sent.map((r) => r.input.IdempotencyToken)), new Set([token]));
      assert.deepEqual(
        startedJobs().map((j) => j.RestoreJobId),
        [id],
        'exactly one restore job, the one the extension follows',
      );
      assert.equal(jobs.find(token)?.jobId, id);
    });

  it('a start still unanswered after every retry is sent again after a reload, and stays one job', async () => {
    const store = new MemoryStore();
    const { token, request } = await prepare(new RememberedJobs(store));
    env.emu.setFaults({ dropAfter: { count: -1, operations: ['StartRestoreJob'] } });
    await assert.rejects(
      env.api.startRestoreJobRetrying(request, { attempts: 2, firstDelayMs: 10 }),
      (e: unknown) => e instanceof AwsAccessError && e.retryable,
    );
    assert.equal(startedJobs().length, 1, 'the service started the job although no answer came back');

    // The window reloads; the remembered start is sent again, as the extension does on activation.
    env.emu.setFaults({});
    const again = new RememberedJobs(store).unfinished();
    assert.equal(again.length, 1);
    const id = await env.api.startRestoreJobRetrying(again[0]!.request!, { firstDelayMs: 10 });
    assert.deepEqual(
      startedJobs().map((j) => j.RestoreJobId),
      [id],
    );
    assert.deepEqual(new Set(startsReceived().map((r) => r.input.IdempotencyToken)), new Set([token]));
  });

  it('the emulator answers a repeated token with the same job, and a new token with a new one', async () => {
    const { request } = await prepare(new RememberedJobs(new MemoryStore()));
    const first = await env.api.startRestoreJob(request);
    assert.equal(await env.api.startRestoreJob(request), first);
    const other = await env.api.startRestoreJob({
      ...request,
      IdempotencyToken: `${request.IdempotencyToken}-2`,
    });
    assert.notEqual(other, first);
    assert.equal(startedJobs().length, 2);
  });
});
