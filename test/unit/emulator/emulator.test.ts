import { strict as assert } from 'node:assert';
import {
  BackupClient,
  CreateBackupPlanCommand,
  CreateBackupSelectionCommand,
  CreateBackupVaultCommand,
  DeleteBackupPlanCommand,
  DeleteRecoveryPointCommand,
  DescribeRestoreJobCommand,
  DisassociateRecoveryPointCommand,
  ListBackupJobsCommand,
  ListBackupVaultsCommand,
  ListRecoveryPointsByBackupVaultCommand,
  StartRestoreJobCommand,
  UpdateBackupPlanCommand,
} from '@aws-sdk/client-backup';
import { DEFAULT_CREDENTIALS, startEmulator, type Emulator } from '../../../src/emulator/server';

/** The emulator's service behaviour, seen through the real SDK (no door in between). */
describe('the AWS Backup emulator behaves like the service', function () {
  this.timeout(30_000);
  let emu: Emulator;
  let client: BackupClient;
  let ahead = 0;

  before(async () => {
    emu = await startEmulator({
      bulkRecoveryPoints: 50,
      restoreJobDurationMs: 10_000,
      clock: () => new Date(Date.now() + ahead),
    });
    client = new BackupClient({
      region: emu.region,
      endpoint: emu.url,
      credentials: DEFAULT_CREDENTIALS,
      maxAttempts: 1,
    });
  });
  after(async () => {
    client.destroy();
    await emu.close();
  });

  const rejects = async (
    p: Promise<unknown>,
    name: string,
    message?: RegExp,
  ): Promise<Record<string, unknown>> => {
    try {
      await p;
    } catch (e) {
      const err = e as { name: string; message: string; $metadata: { httpStatusCode: number } } & Record<
        string,
        unknown
      >;
      assert.equal(err.name, name, err.message);
      if (message) assert.match(err.message, message);
      return err;
    }
    assert.fail(`expected ${name}`);
  };
  const continuousPoint = async (type: string) => {
    const r = await client.send(
      new ListRecoveryPointsByBackupVaultCommand({ BackupVaultName: 'prod-pitr', ByResourceType: type }),
    );
    return r.RecoveryPoints!.find(
      (p) => p.RecoveryPointArn!.includes(':continuous:') && p.Status === 'COMPLETED',
    )!;
  };

  it('seeds the same account on every start, relative to now', async () => {
    const other = await startEmulator({ bulkRecoveryPoints: 50 });
    try {
      assert.deepEqual([...other.state.recoveryPoints.keys()], [...emu.state.recoveryPoints.keys()]);
      assert.deepEqual(
        [...other.state.vaults.keys()],
        ['Default', 'prod-pitr', 'compliance-locked', 'airgapped-lag', 'empty-vault', 'bulk-archive'],
      );
    } finally {
      await other.close();
    }
  });

  it('validates plans as the service does: cold storage on a continuous rule is ERROR_3015', async () => {
    const err = await rejects(
      client.send(
        new CreateBackupPlanCommand({
          BackupPlan: {
            BackupPlanName: 'p',
            Rules: [
              {
                RuleName: 'Yearly-Backups',
                TargetBackupVaultName: 'Default',
                EnableContinuousBackup: true,
                Lifecycle: { MoveToColdStorageAfterDays: 30, DeleteAfterDays: 35 },
              },
            ],
          },
        }),
      ),
      'InvalidParameterValueException',
      /Error in rule Yearly-Backups : Invalid lifecycle\. MoveToColdStorageAfterDays is unavailable/,
    );
    assert.equal(err.Code, 'ERROR_3015');
    assert.equal(
      err.Context,
      '["Yearly-Backups","Invalid lifecycle. MoveToColdStorageAfterDays is unavailable"]',
    );
    await rejects(
      client.send(
        new CreateBackupPlanCommand({
          BackupPlan: {
            BackupPlanName: 'p',
            Rules: [
              {
                RuleName: 'r',
                TargetBackupVaultName: 'Default',
                EnableContinuousBackup: true,
                Lifecycle: { DeleteAfterDays: 36 },
              },
            ],
          },
        }),
      ),
      'InvalidParameterValueException',
      /cannot be less than 1 or more than 35/,
    );
    await rejects(
      client.send(
        new CreateBackupPlanCommand({
          BackupPlan: {
            BackupPlanName: 'p',
            Rules: [{ RuleName: 'r', TargetBackupVaultName: 'Default', EnableContinuousBackup: true }],
          },
        }),
      ),
      'InvalidParameterValueException',
      /Lifecycle must be specified/,
    );
    await rejects(
      client.send(
        new CreateBackupPlanCommand({
          BackupPlan: {
            BackupPlanName: 'p',
            Rules: [
              {
                RuleName: 'r',
                TargetBackupVaultName: 'Default',
                Lifecycle: { MoveToColdStorageAfterDays: 30, DeleteAfterDays: 100 },
              },
            ],
          },
        }),
      ),
      'InvalidParameterValueException',
      /90 days apart/,
    );
  });

  it('validates requests against the model: patterns, required members, enums', async () => {
    await rejects(
      client.send(
        new CreateBackupPlanCommand({
          BackupPlan: { BackupPlanName: 'p', Rules: [{ RuleName: 'r', TargetBackupVaultName: 'bad.name' }] },
        }),
      ),
      'InvalidParameterValueException',
      /at 'backupPlan\.rules\.1\.member\.targetBackupVaultName' failed to satisfy constraint: Member must satisfy regular expression pattern/,
    );
    await rejects(
      client.send(
        new CreateBackupPlanCommand({
          BackupPlan: { BackupPlanName: 'p', Rules: [{ RuleName: 'r' } as never] },
        }),
      ),
      'MissingParameterValueException',
      /Member must not be null/,
    );
    await rejects(
      client.send(new ListBackupVaultsCommand({ ByVaultType: 'NOPE' as never })),
      'InvalidParameterValueException',
      /enum value set/,
    );
  });

  it('creates, updates and deletes plans, keeping rule ids and refusing deletion with selections', async () => {
    const created = await client.send(
      new CreateBackupPlanCommand({
        BackupPlan: {
          BackupPlanName: 'new-plan',
          Rules: [
            {
              RuleName: 'c',
              TargetBackupVaultName: 'empty-vault',
              EnableContinuousBackup: true,
              Lifecycle: { DeleteAfterDays: 7 },
            },
          ],
        },
        CreatorRequestId: 'req-1',
      }),
    );
    const again = await client.send(
      new CreateBackupPlanCommand({
        BackupPlan: { BackupPlanName: 'new-plan', Rules: [] },
        CreatorRequestId: 'req-1',
      }),
    );
    assert.equal(again.BackupPlanId, created.BackupPlanId, 'CreatorRequestId returns the existing plan');
    const updated = await client.send(
      new UpdateBackupPlanCommand({
        BackupPlanId: created.BackupPlanId,
        BackupPlan: {
          BackupPlanName: 'new-plan',
          Rules: [
            {
              RuleName: 'c',
              TargetBackupVaultName: 'empty-vault',
              EnableContinuousBackup: true,
              Lifecycle: { DeleteAfterDays: 14 },
            },
          ],
        },
      }),
    );
    assert.notEqual(updated.VersionId, created.VersionId);
    await client.send(
      new CreateBackupSelectionCommand({
        BackupPlanId: created.BackupPlanId,
        BackupSelection: {
          SelectionName: 's',
          IamRoleArn: 'arn:aws:iam::123456789012:role/r',
          Resources: ['arn:aws:s3:::orders-bucket', 'arn:aws:s3:::fresh-bucket'],
        },
      }),
    );
    await rejects(
      client.send(new DeleteBackupPlanCommand({ BackupPlanId: created.BackupPlanId })),
      'InvalidRequestException',
      /selections must be deleted/,
    );
  });

  it('keeps one continuous backup per resource: a second vault gets a failed backup job', async () => {
    const jobs = await client.send(new ListBackupJobsCommand({ ByBackupVaultName: 'empty-vault' }));
    const orders = jobs.BackupJobs!.find((j) => j.ResourceArn === 'arn:aws:s3:::orders-bucket');
    assert.equal(orders?.State, 'FAILED');
    assert.equal(
      orders?.StatusMessage,
      'Bucket orders-bucket already has continuous backup enabled for another vault Backup job failed.',
    );
    const fresh = await client.send(
      new ListRecoveryPointsByBackupVaultCommand({
        BackupVaultName: 'empty-vault',
        ByResourceArn: 'arn:aws:s3:::fresh-bucket',
      }),
    );
    assert.equal(fresh.RecoveryPoints!.length, 1);
    assert.match(fresh.RecoveryPoints![0]!.RecoveryPointArn!, /:recovery-point:continuous:fresh-bucket-/);
  });

  it('restore jobs move PENDING → RUNNING → COMPLETED over time, with PercentDone', async () => {
    const rp = await continuousPoint('S3');
    const { RestoreJobId } = await client.send(
      new StartRestoreJobCommand({
        RecoveryPointArn: rp.RecoveryPointArn,
        IamRoleArn: 'arn:aws:iam::123456789012:role/r',
        Metadata: {
          DestinationBucketName: 'orders-restored',
          RestoreTime: new Date(Date.now() + ahead - 3_600_000).toISOString().replace(/\.\d+Z$/, 'Z'),
        },
      }),
    );
    const seen: string[] = [];
    for (const step of [0, 2_000, 5_000, 4_000]) {
      ahead += step;
      const j = await client.send(new DescribeRestoreJobCommand({ RestoreJobId }));
      seen.push(`${j.Status} ${j.PercentDone}`);
      if (j.Status === 'COMPLETED') assert.equal(j.CreatedResourceArn, 'arn:aws:s3:::orders-restored');
    }
    assert.deepEqual(
      seen.map((s) => s.split(' ')[0]),
      ['PENDING', 'RUNNING', 'RUNNING', 'COMPLETED'],
    );
    assert.ok(Number.parseFloat(seen[2]!.split(' ')[1]!) > Number.parseFloat(seen[1]!.split(' ')[1]!));
  });

  it('fails a restore to a second outside the window, or into an existing DB instance, with the reason', async () => {
    const rp = await continuousPoint('S3');
    const late = await client.send(
      new StartRestoreJobCommand({
        RecoveryPointArn: rp.RecoveryPointArn,
        Metadata: {
          DestinationBucketName: 'x-restored',
          RestoreTime: new Date(Date.now() + ahead - 60_000).toISOString().replace(/\.\d+Z$/, 'Z'),
        },
      }),
    );
    const db = await continuousPoint('RDS');
    const clash = await client.send(
      new StartRestoreJobCommand({
        RecoveryPointArn: db.RecoveryPointArn,
        Metadata: { DBInstanceIdentifier: 'orders-db', Engine: 'postgres', UseLatestRestorableTime: 'true' },
      }),
    );
    ahead += 11_000;
    const a = await client.send(new DescribeRestoreJobCommand({ RestoreJobId: late.RestoreJobId }));
    assert.equal(a.Status, 'FAILED');
    assert.match(a.StatusMessage!, /outside the restorable window/);
    const b = await client.send(new DescribeRestoreJobCommand({ RestoreJobId: clash.RestoreJobId }));
    assert.equal(b.Status, 'FAILED');
    assert.match(b.StatusMessage!, /DBInstanceAlreadyExists/);
  });

  it('answers an unknown vault with 403 AccessDenied, as AWS does', async () => {
    const err = await rejects(
      client.send(new ListRecoveryPointsByBackupVaultCommand({ BackupVaultName: 'nope' })),
      'AccessDeniedException',
      /Insufficient privileges/,
    );
    assert.equal((err.$metadata as { httpStatusCode: number }).httpStatusCode, 403);
  });

  it('deletes and disassociates continuous points as documented; locked vaults refuse', async () => {
    await client.send(new CreateBackupVaultCommand({ BackupVaultName: 'scratch' }));
    await rejects(
      client.send(new CreateBackupVaultCommand({ BackupVaultName: 'scratch' })),
      'AlreadyExistsException',
    );
    const rds = await continuousPoint('RDS');
    await client.send(
      new DisassociateRecoveryPointCommand({
        BackupVaultName: 'prod-pitr',
        RecoveryPointArn: rds.RecoveryPointArn,
      }),
    );
    assert.equal(emu.state.recoveryPoints.has(rds.RecoveryPointArn!), false);
    const snapshot = (
      await client.send(
        new ListRecoveryPointsByBackupVaultCommand({ BackupVaultName: 'prod-pitr', ByResourceType: 'RDS' }),
      )
    ).RecoveryPoints![0]!;
    await rejects(
      client.send(
        new DisassociateRecoveryPointCommand({
          BackupVaultName: 'prod-pitr',
          RecoveryPointArn: snapshot.RecoveryPointArn,
        }),
      ),
      'InvalidRequestException',
      /Only continuous/,
    );
    const aurora = await continuousPoint('Aurora');
    const out = await client.send(
      new DeleteRecoveryPointCommand({
        BackupVaultName: 'prod-pitr',
        RecoveryPointArn: aurora.RecoveryPointArn,
      }),
    );
    assert.equal(out.$metadata.httpStatusCode, 200);
    const locked = (
      await client.send(new ListRecoveryPointsByBackupVaultCommand({ BackupVaultName: 'compliance-locked' }))
    ).RecoveryPoints![0]!;
    await rejects(
      client.send(
        new DeleteRecoveryPointCommand({
          BackupVaultName: 'compliance-locked',
          RecoveryPointArn: locked.RecoveryPointArn,
        }),
      ),
      'InvalidRequestException',
      /locked/,
    );
  });
});

/**
 * Input no SDK would send, signed as the SDK signs it (a build-step middleware rewrites the request
 * before the signer sees it): the emulator answers as the service would, and goes on serving.
 */
describe('the emulator refuses malformed requests and keeps serving', function () {
  this.timeout(30_000);
  let emu: Emulator;
  let client: BackupClient;
  before(async () => {
    emu = await startEmulator({ bulkRecoveryPoints: 0 });
    client = new BackupClient({
      region: emu.region,
      endpoint: emu.url,
      credentials: DEFAULT_CREDENTIALS,
      maxAttempts: 1,
    });
  });
  after(async () => {
    client.destroy();
    await emu.close();
  });
  afterEach(() => emu.setFaults({}));

  /** Sends ListBackupVaults rewritten to `change`, and returns the status, error type and message. */
  const send = async (change: {
    method?: string;
    path?: string;
    query?: Record<string, string>;
    body?: string;
  }): Promise<{ status: number; name: string; message: string }> => {
    const c = new BackupClient({
      region: emu.region,
      endpoint: emu.url,
      credentials: DEFAULT_CREDENTIALS,
      maxAttempts: 1,
    });
    c.middlewareStack.add(
      (next) => (args) => {
        const req = (args as { request: Record<string, unknown> }).request as {
          method: string;
          path: string;
          query: Record<string, string>;
          body?: unknown;
          headers: Record<string, string>;
        };
        if (change.method) req.method = change.method;
        if (change.path) req.path = change.path;
        if (change.query) req.query = change.query;
        if (change.body !== undefined) {
          req.body = change.body;
          req.headers['content-type'] = 'application/json';
          req.headers['content-length'] = String(Buffer.byteLength(change.body));
        }
        return next(args);
      },
      { step: 'build', name: 'rewriteRequest' },
    );
    try {
      await c.send(new ListBackupVaultsCommand({}));
      return { status: 200, name: 'ok', message: '' };
    } catch (e) {
      const err = e as { name: string; message: string; $metadata: { httpStatusCode?: number } };
      return { status: err.$metadata.httpStatusCode ?? 0, name: err.name, message: err.message };
    } finally {
      c.destroy();
    }
  };
  const stillServes = async (): Promise<void> => {
    const r = await client.send(new ListBackupVaultsCommand({}));
    assert.ok(r.BackupVaultList!.length > 0, 'the emulator stopped serving');
  };
  const plan = (extra: Record<string, unknown>): string =>
    JSON.stringify({
      BackupPlan: {
        BackupPlanName: 'p',
        Rules: [{ RuleName: 'r', TargetBackupVaultName: 'prod-pitr', ...extra }],
      },
    });

  it('a body nested 100,000 deep is a SerializationException (400), not a crash', async () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const r = await send({
      method: 'PUT',
      path: '/backup/plans',
      body: `{"BackupPlan":{"BackupPlanName":"p","Rules":${deep}}}`,
    });
    assert.deepEqual([r.status, r.name], [400, 'SerializationException'], r.message);
    assert.match(r.message, /nested deeper than \d+ levels/);
    await stillServes();
  });

  it('unparseable JSON and a body that is not an object are SerializationExceptions', async () => {
    for (const body of ['{"BackupPlan":', 'null', '[1]', '"x"']) {
      const r = await send({ method: 'PUT', path: '/backup/plans', body });
      assert.deepEqual([r.status, r.name], [400, 'SerializationException'], `${body}: ${r.message}`);
    }
    await stillServes();
  });

  it('a "__proto__" key is a SerializationException; nothing is polluted, and "constructor" is an unknown member', async () => {
    for (const body of [
      plan({}).replace('"RuleName"', '"__proto__":{"polluted":true},"RuleName"'),
      '{"__proto__":{"polluted":true},"BackupPlan":{"BackupPlanName":"p","Rules":[]}}',
    ]) {
      const r = await send({ method: 'PUT', path: '/backup/plans', body });
      assert.deepEqual([r.status, r.name], [400, 'SerializationException'], `${body}: ${r.message}`);
      assert.match(r.message, /"__proto__"/);
    }
    // Members no shape has are ignored, as the service ignores them; the rule is kept as sent.
    const r = await send({
      method: 'PUT',
      path: '/backup/plans',
      body: plan({}).replace('"RuleName"', '"constructor":{"prototype":{"polluted":true}},"RuleName"'),
    });
    assert.equal(r.status, 200, r.message);
    const created = [...emu.state.plans.values()].pop()!;
    assert.deepEqual(
      created.BackupPlan.Rules.map((x) => [x.RuleName, x.TargetBackupVaultName]),
      [['r', 'prod-pitr']],
    );
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.equal(Object.getPrototypeOf(created.BackupPlan.Rules[0]), Object.prototype);
    await stillServes();
  });

  it('a bad percent-escape in the path or the query is a 400, and the service goes on', async () => {
    const inPath = await send({ path: '/backup-vaults/%E0%A4%A/recovery-points' });
    assert.deepEqual([inPath.status, inPath.name], [400, 'InvalidParameterValueException'], inPath.message);
    assert.match(inPath.message, /percent-encoding/);
    const inQuery = await send({ path: '/backup-vaults?nextToken=%zz' });
    assert.equal(inQuery.status, 400, inQuery.message);
    await stillServes();
  });

  it('a request body over the limit is refused with 413 without being kept', async () => {
    const r = await send({
      method: 'PUT',
      path: '/backup/plans',
      body: plan({ RuleName: 'x'.repeat(3 * 1024 * 1024) }),
    });
    assert.deepEqual([r.status, r.name], [413, 'RequestEntityTooLargeException'], r.message.slice(0, 200));
    assert.match(r.message, /larger than/);
    await stillServes();
  });

  it('POST /__emulator/faults refuses a body that is not a fault set, and keeps the faults it had', async () => {
    const control = (body: string) =>
      fetch(`${emu.url}/__emulator/faults`, { method: 'POST', body }).then(async (r) => ({
        status: r.status,
        body: (await r.json()) as Record<string, unknown>,
      }));
    assert.equal((await control('{"accessDenied":["ListBackupPlans"]}')).status, 200);
    for (const body of ['null', '[]', '{"throttle":{"count":"many"}}', '{"latencyMs":-1}', '{"drop":', '7']) {
      const r = await control(body);
      assert.equal(r.status, 400, body);
      assert.match(String(r.body.Message), body === '{"drop":' ? /not valid JSON/ : /fault/i, body);
    }
    await stillServes();
    assert.deepEqual(emu.faults, { accessDenied: ['ListBackupPlans'] });
  });
});
