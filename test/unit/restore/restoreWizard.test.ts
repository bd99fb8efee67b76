import { strict as assert } from 'node:assert';
import { collect, openBackupApi, type BackupApi } from '../../../src/aws/backupApi';
import { BackupClientFactory } from '../../../src/aws/clientFactory';
import { liveFactsFrom } from '../../../src/aws/liveFacts';
import { dbIdentifierProblem } from '../../../src/lint/restoreRules';
import { RememberedJobs, type KeyValueStore } from '../../../src/restore/jobStore';
import { windowOfRecoveryPoint } from '../../../src/backup/restorableWindow';
import { checkBeforeStart, describeRestore, idempotencyTokenFor } from '../../../src/restore/startGate';
import {
  BACK,
  accountOf,
  checkTypedTime,
  runRestoreWizard,
  suggestedIdentifier,
  type Choice,
  type StepHeader,
  type WizardUi,
} from '../../../src/restore/wizard';
import { ScriptedUi, by } from './scriptedUi';
import type { PointSummary } from '../../../src/backup/recoveryPoint';
import { secondInWindow } from '../../../src/backup/calendar';
import { loadTimeline } from '../../../src/explorer/timelineModel';
import { startEmulator, type Emulator } from '../../../src/emulator/server';

const DEFAULT_ROLE = 'arn:aws:iam::123456789012:role/service-role/AWSBackupDefaultServiceRole';

const iso = (d: Date): string => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

describe('restore flow steps, with a scripted window UI against the emulator', function () {
  this.timeout(30_000);
  let emu: Emulator;
  let factory: BackupClientFactory;
  let api: BackupApi;
  const now = (): Date => new Date();
  before(async () => {
    emu = await startEmulator({ bulkRecoveryPoints: 0, restoreJobDurationMs: 400 });
    factory = new BackupClientFactory({ maxAttempts: 1 });
    api = await openBackupApi(factory, { region: 'us-east-1', endpoint: emu.url, localEmulator: true });
  });
  after(async () => {
    factory.dispose();
    await emu.close();
  });

  async function point(name: string, continuous: boolean): Promise<PointSummary> {
    const all = await collect(api.listRecoveryPoints('prod-pitr'));
    const p = all.find(
      (x) => x.ResourceName === name && x.RecoveryPointArn?.includes(':continuous:') === continuous,
    );
    assert.ok(p, `${name} not seeded`);
    return p;
  }

  it('palette: an S3 bucket to a typed local second, into a new bucket, with the default role', async () => {
    const s3 = await point('orders-bucket', true);
    const w = windowOfRecoveryPoint(s3, now());
    assert.equal(w.kind, 'continuous');
    if (w.kind !== 'continuous') return;
    const target = new Date(Math.floor((w.earliest.getTime() + w.latest.getTime()) / 2000) * 1000);
    const berlin = new Intl.DateTimeFormat('sv-SE', {
      timeZone: 'Europe/Berlin',
      dateStyle: 'short',
      timeStyle: 'medium',
    }).format(target); // "YYYY-MM-DD hh:mm:ss" in Berlin
    const tooEarly = iso(new Date(w.earliest.getTime() - 3_600_000));
    const tooLate = iso(new Date(w.latest.getTime() + 60_000));
    const ui = new ScriptedUi([
      { pick: /vault/, canGoBack: false, choose: by(/^prod-pitr/) },
      {
        pick: /recovery point/,
        canGoBack: true,
        choose: (items) => {
          // Continuous points come first, each with its window.
          assert.match(items[0]!.description ?? '', /^PITR/);
          assert.match(items[0]!.detail ?? '', /restorable/);
          return by(/orders-bucket PITR/)(items);
        },
      },
      { pick: /point in time/, choose: by(/specific second/) },
      {
        input: /Restore time/,
        type: ['2025-02-30 10:00:00', 'yesterday', tooEarly, tooLate, berlin],
        expectChecks: [
          { severity: 'error', message: 'not a real date' },
          { severity: 'error', message: 'neither ISO 8601' },
          { severity: 'error', message: 'before the earliest restorable time' },
          { severity: 'error', message: 'after the latest restorable time' },
          { severity: 'info', message: `${iso(target).replace('T', ' ').replace('Z', '')} UTC` },
        ],
      },
      { pick: /which bucket/, choose: by(/new bucket/) },
      {
        input: /new bucket name/,
        type: ['Orders_Restore', 'orders-restore-0214'],
        expectChecks: [{ severity: 'error', message: 'Not a valid new bucket name' }, undefined],
      },
      { pick: /What to restore/, active: 'bucket', choose: by(/whole bucket/) },
      { pick: /Encrypt/, active: 'SSE-S3', choose: by(/^SSE-S3/) },
      { pick: /ACLs/, active: 'false', choose: by(/Do not restore/) },
      {
        pick: /IAM role/,
        choose: (items) => {
          assert.equal(items[0]!.value, DEFAULT_ROLE);
          return items[0];
        },
      },
    ]);
    const r = await runRestoreWizard(ui, { apis: [api], timeZone: 'Europe/Berlin' });
    assert.ok(ui.done, 'every scripted step was asked');
    assert.ok(r);
    assert.deepEqual(
      ui.seen.map((s) => s.header.step),
      [1, 2, 3, 3, 4, 4, 5, 5, 5, 6],
    );
    // Options left as the recovery point had them change nothing: the metadata is the service's.
    assert.deepEqual(r.changes, []);
    assert.equal(r.document.Metadata.EncryptionType, 'SSE-S3');
    assert.equal(r.document.Metadata.RestoreACLs, 'false');
    assert.equal(r.document.Metadata.ItemsToRestore, undefined);
    assert.equal(r.document.RecoveryPointArn, s3.RecoveryPointArn);
    assert.equal(r.document.ResourceType, 'S3');
    assert.equal(r.document.IamRoleArn, DEFAULT_ROLE);
    assert.equal(r.document.Metadata.RestoreTime, iso(target));
    assert.equal(r.document.Metadata.DestinationBucketName, 'orders-restore-0214');
    assert.equal(r.document.Metadata.NewBucket, 'true');
    assert.match(r.document.IdempotencyToken, /^[0-9a-f-]{36}$/);

    // The document it opens passes the gate (lint and LIVE002 against the account) as it is.
    const gate = await checkBeforeStart({
      text: JSON.stringify(r.document, null, 2),
      factsFor: () => Promise.resolve(liveFactsFrom(api)),
    });
    assert.equal(gate.ok, true, JSON.stringify(gate));
  });

  it('Back returns to the step before with its answer kept; "latest" for S3 is an explicit second', async () => {
    const ui = new ScriptedUi([
      { pick: /vault/, choose: by(/^prod-pitr/) },
      { pick: /recovery point/, choose: by(/orders-bucket PITR/) },
      { pick: /point in time/, choose: by(/specific second/) },
      { input: /Restore time/, type: ['2020-01-01T00:00:00Z'], back: true },
      { pick: /point in time/, choose: () => BACK },
      { pick: /recovery point/, choose: by(/orders-bucket PITR/) },
      { pick: /point in time/, choose: by(/Latest restorable time/) },
      { pick: /which bucket/, choose: by(/source bucket/) },
      { pick: /What to restore/, choose: by(/whole bucket/) },
      { pick: /Encrypt/, choose: by(/^SSE-S3/) },
      { pick: /ACLs/, choose: by(/Do not restore/) },
      { pick: /IAM role/, choose: () => BACK },
      { pick: /ACLs/, choose: () => BACK },
      { pick: /Encrypt/, choose: () => BACK },
      { pick: /What to restore/, choose: () => BACK },
      { pick: /which bucket/, active: 'source', choose: by(/existing bucket/) },
      { input: /existing bucket name/, type: ['orders-restore'], canGoBack: true },
      { pick: /What to restore/, choose: by(/whole bucket/) },
      { pick: /Encrypt/, choose: by(/^SSE-S3/) },
      { pick: /ACLs/, choose: by(/Do not restore/) },
      { pick: /IAM role/, choose: by(/Another role/) },
      {
        input: /IAM role ARN/,
        type: ['restore-role', 'arn:aws:iam::123456789012:role/restore-operator'],
        expectChecks: [{ severity: 'error', message: 'Not an IAM role ARN' }, undefined],
      },
    ]);
    const before = now();
    const r = await runRestoreWizard(ui, { apis: [api] });
    assert.ok(ui.done);
    assert.ok(r);
    const t = new Date(r.document.Metadata.RestoreTime ?? '');
    // The window's end: 15 minutes (S3's restore lag) before now, to the second.
    assert.ok(
      Math.abs(t.getTime() - (before.getTime() - 15 * 60_000)) < 5_000,
      r.document.Metadata.RestoreTime,
    );
    assert.equal(r.document.Metadata.DestinationBucketName, 'orders-restore');
    assert.equal(r.document.Metadata.NewBucket, undefined);
    assert.equal(r.document.IamRoleArn, 'arn:aws:iam::123456789012:role/restore-operator');
  });

  it('tree: starts at the time step; an RDS point to its latest time under a suggested new identifier', async () => {
    const rds = await point('orders-db', true);
    const ui = new ScriptedUi([
      { pick: /point in time/, canGoBack: false, choose: by(/Latest restorable time/) },
      {
        input: /new DB instance identifier/,
        canGoBack: true,
        type: ['orders_db', 'orders-db-', 'orders-db-restored'],
        expectChecks: [
          { severity: 'error', message: 'Not a valid new DB instance identifier' },
          { severity: 'error', message: 'Not a valid' },
          undefined,
        ],
      },
      { pick: /Adjust settings/, choose: by(/^Continue/) },
      { pick: /IAM role/, choose: by(/AWSBackupDefaultServiceRole/) },
    ]);
    const r = await runRestoreWizard(ui, {
      apis: [api],
      start: { api, vault: 'prod-pitr', point: rds },
      recentRoles: ['arn:aws:iam::123456789012:role/restore-operator'],
    });
    assert.ok(ui.done);
    assert.ok(r);
    assert.deepEqual(ui.seen[3]!.items, [
      'restore-operator',
      'service-role/AWSBackupDefaultServiceRole',
      'Another role ARN…',
    ]);
    assert.equal(r.document.ResourceType, 'RDS');
    assert.equal(r.document.Metadata.DBInstanceIdentifier, 'orders-db-restored');
    assert.equal(r.document.Metadata.UseLatestRestorableTime, 'true');
    assert.equal(r.document.Metadata.RestoreTime, undefined);
  });

  it('timeline: a second clicked on the window opens the time input with it; Back offers "latest" instead', async () => {
    const rds = await point('orders-db', true);
    const timeline = await loadTimeline(api, rds.ResourceArn!, 'RDS', now());
    const drawn = timeline.data.windows.find((w) => w.arn === rds.RecoveryPointArn);
    assert.ok(drawn, 'the continuous window is drawn');
    const from = timeline.points.get(drawn.arn);
    assert.ok(from, 'and can be restored from');
    // A click lands between two seconds, somewhere in the middle of the bar.
    const time = secondInWindow(drawn, (drawn.earliest + drawn.latest) / 2 + 400.7);
    assert.ok(time);
    assert.equal(time.getTime() % 1000, 0);
    const ui = new ScriptedUi([
      { input: /Restore time/, canGoBack: true, opensWith: iso(time), type: [], back: true },
      { pick: /point in time/, canGoBack: false, choose: by(/A specific second/) },
      {
        input: /Restore time/,
        opensWith: iso(time),
        type: [iso(time)],
        expectChecks: [{ severity: 'info', message: 'Restores to' }],
      },
      { input: /new DB instance identifier/, type: ['orders-db-at-click'] },
      { pick: /Adjust settings/, choose: by(/^Continue/) },
      { pick: /IAM role/, choose: by(/AWSBackupDefaultServiceRole/) },
    ]);
    const r = await runRestoreWizard(ui, { apis: [api], start: { api, ...from, time } });
    assert.ok(ui.done);
    assert.equal(r?.point.RecoveryPointArn, rds.RecoveryPointArn);
    assert.equal(r?.document.Metadata.RestoreTime, iso(time));
    assert.equal(r?.document.Metadata.DBInstanceIdentifier, 'orders-db-at-click');
    // A snapshot on the same timeline restores as itself, without a time.
    const snapshot = timeline.data.snapshots.find((x) => x.restorable);
    assert.ok(snapshot && timeline.points.get(snapshot.arn)?.point.CreationDate);
  });

  it('a click on the timeline becomes a whole second inside the window', () => {
    const w = {
      earliest: Date.parse('2025-08-01T00:00:00.250Z'),
      latest: Date.parse('2025-08-01T02:00:00.900Z'),
    };
    assert.equal(
      secondInWindow(w, Date.parse('2025-08-01T01:14:37.400Z'))?.toISOString(),
      '2025-08-01T01:14:37.000Z',
    );
    assert.equal(
      secondInWindow(w, Date.parse('2025-07-31T00:00:00Z'))?.toISOString(),
      '2025-08-01T00:00:01.000Z',
    );
    assert.equal(
      secondInWindow(w, Date.parse('2025-08-02T00:00:00Z'))?.toISOString(),
      '2025-08-01T02:00:00.000Z',
    );
    assert.equal(secondInWindow({ earliest: 1_000_100, latest: 1_000_900 }, 1_000_500), undefined);
    assert.equal(secondInWindow(w, Number.NaN), undefined);
  });

  it('a snapshot restores without a time step', async () => {
    const snap = await point('orders-db', false);
    const ui = new ScriptedUi([
      { input: /new DB instance identifier/, canGoBack: false, type: ['orders-db-from-snapshot'] },
      { pick: /Adjust settings/, choose: by(/^Continue/) },
      { pick: /IAM role/, choose: by(/AWSBackupDefaultServiceRole/) },
    ]);
    const r = await runRestoreWizard(ui, { apis: [api], start: { api, vault: 'prod-pitr', point: snap } });
    assert.ok(ui.done);
    assert.equal(r?.document.Metadata.DBInstanceIdentifier, 'orders-db-from-snapshot');
    assert.equal(r?.document.Metadata.RestoreTime, undefined);
  });

  it('a bare metadata file asks the point and the role only, and keeps the metadata as written', async () => {
    const metadata = { DestinationBucketName: 'orders-restore', RestoreTime: '2025-01-01T00:00:00Z' };
    const ui = new ScriptedUi([
      { pick: /vault/, choose: by(/^prod-pitr/) },
      { pick: /recovery point/, choose: by(/orders-bucket PITR/) },
      { pick: /IAM role/, choose: by(/AWSBackupDefaultServiceRole/) },
    ]);
    const r = await runRestoreWizard(ui, { apis: [api], metadata });
    assert.ok(ui.done);
    assert.deepEqual(r?.document.Metadata, metadata);
    assert.equal(r?.document.ResourceType, 'S3');
    assert.deepEqual(
      ui.seen.map((s) => `${s.header.step}/${s.header.totalSteps}`),
      ['1/3', '2/3', '3/3'],
    );
  });

  it('cancelling at any step resolves with nothing', async () => {
    const ui = new ScriptedUi([
      { pick: /vault/, choose: by(/^prod-pitr/) },
      { pick: /recovery point/, choose: () => undefined },
    ]);
    assert.equal(await runRestoreWizard(ui, { apis: [api] }), undefined);
  });

  it('with two connections the first step picks one; Back from the first step cancels', async () => {
    const other = await openBackupApi(factory, {
      region: 'eu-west-1',
      endpoint: emu.url,
      localEmulator: true,
    });
    const ui = new ScriptedUi([{ pick: /account and Region/, canGoBack: false, choose: () => BACK }]);
    assert.equal(await runRestoreWizard(ui, { apis: [api, other] }), undefined);
    assert.ok(ui.done);
  });
});

describe('restore flow helpers', () => {
  it('reads a typed time against the window, in UTC and local time', () => {
    const w = {
      kind: 'continuous' as const,
      earliest: new Date('2025-07-20T00:00:00Z'),
      latest: new Date('2025-08-01T11:45:00Z'),
      earliestSource: 'derived' as const,
      latestSource: 'derived' as const,
      notes: [],
    };
    const ok = checkTypedTime('2025-08-01 04:14:37', w, 'America/Los_Angeles');
    assert.ok('time' in ok);
    assert.equal(ok.time.toISOString(), '2025-08-01T11:14:37.000Z');
    assert.match(
      ok.check.message,
      /2025-08-01 11:14:37 UTC · 2025-08-01 04:14:37 local \(America\/Los_Angeles\)/,
    );
    const late = checkTypedTime('2025-08-01T11:50:00Z', w);
    assert.equal(late.check.severity, 'error');
    assert.equal(checkTypedTime('  ', w).check.severity, 'error');
  });

  it('suggests a valid new identifier, whatever the source name', () => {
    const at = new Date('2025-08-01T02:14:37Z');
    assert.equal(suggestedIdentifier('orders-db', at), 'orders-db-pitr-08010214');
    for (const src of ['9lives_DB', 'x'.repeat(80), undefined, '---'])
      assert.equal(dbIdentifierProblem(suggestedIdentifier(src, at)), undefined, String(src));
  });

  it('reads the account from an ARN', () => {
    assert.deepEqual(accountOf('arn:aws-cn:backup:cn-north-1:123456789012:recovery-point:x'), {
      partition: 'aws-cn',
      accountId: '123456789012',
    });
    assert.equal(accountOf('arn:aws:ec2:us-east-1::snapshot/snap-1'), undefined);
  });
});

describe('the gate before a restore starts', () => {
  const RP = 'arn:aws:backup:us-east-1:123456789012:recovery-point:continuous:orders-bucket-1a2b3c4d';
  const doc = (meta: Record<string, unknown>): string =>
    JSON.stringify(
      {
        RecoveryPointArn: RP,
        IamRoleArn: DEFAULT_ROLE,
        ResourceType: 'S3',
        IdempotencyToken: 't-1',
        Metadata: meta,
      },
      null,
      2,
    );
  const facts = (window: { earliest: Date; latest: Date } | Error) => ({
    region: 'us-east-1',
    vaults: () => Promise.resolve({ names: new Set(['prod-pitr']), arns: new Set<string>() }),
    continuousVaultOf: () => Promise.resolve(undefined),
    planContinuousVaults: () => Promise.resolve(undefined),
    windowOf: () =>
      window instanceof Error
        ? Promise.reject(window)
        : Promise.resolve({
            kind: 'continuous' as const,
            ...window,
            earliestSource: 'derived' as const,
            latestSource: 'derived' as const,
            notes: [],
          }),
  });

  it('stops a document with lint errors, naming line and rule', async () => {
    const g = await checkBeforeStart({ text: doc({ DestinationBucketName: 'b', RestoreTime: 'yesterday' }) });
    assert.equal(g.ok, false);
    if (g.ok !== false) return;
    assert.ok(
      g.problems.some((p) => /^line \d+: RST002 /.test(p)),
      g.problems.join('\n'),
    );
  });

  it('stops a RestoreTime outside the window the account reports (LIVE002)', async () => {
    const text = doc({ DestinationBucketName: 'orders-restore', RestoreTime: '2025-07-01T00:00:00Z' });
    const g = await checkBeforeStart({
      text,
      now: new Date('2025-08-01T12:00:00Z'),
      factsFor: () =>
        Promise.resolve(
          facts({ earliest: new Date('2025-07-20T00:00:00Z'), latest: new Date('2025-08-01T11:45:00Z') }),
        ),
    });
    assert.equal(g.ok, false);
    if (g.ok === false) assert.match(g.problems[0]!, /LIVE002/);
  });

  it('lets a good document through, with a note when the account could not be asked', async () => {
    const text = doc({ DestinationBucketName: 'orders-restore', RestoreTime: '2025-08-01T02:14:37Z' });
    const g = await checkBeforeStart({
      text,
      now: new Date('2025-08-01T12:00:00Z'),
      factsFor: () => Promise.resolve(facts(new Error('AccessDenied on DescribeRecoveryPoint'))),
    });
    assert.equal(g.ok, true);
    if (g.ok !== true) return;
    assert.equal(g.request.IdempotencyToken, 't-1');
    assert.match(g.notes[0]!, /could not be checked.*AccessDenied/);
  });

  it('asks for a point for bare metadata, and refuses other JSON', async () => {
    const bare = await checkBeforeStart({
      text: '{"DestinationBucketName":"orders-restore","RestoreTime":"2025-08-01T02:14:37Z"}',
      fileName: 'restore-metadata.json',
      now: new Date('2025-08-01T12:00:00Z'),
    });
    assert.equal(bare.ok, 'needs-point');
    const other = await checkBeforeStart({ text: '{"name":"x"}', fileName: 'package.json' });
    assert.equal(other.ok, false);
  });

  it('sends one idempotency token per request and file: the same again after a reload, a new one when the request changes', () => {
    const request = {
      RecoveryPointArn: 'arn:aws:backup:us-east-1:111122223333:recovery-point:continuous:db-1-abc',
      IamRoleArn: 'arn:aws:iam::111122223333:role/service-role/AWSBackupDefaultServiceRole',
      ResourceType: 'RDS',
      Metadata: { DBInstanceIdentifier: 'orders-restored', RestoreTime: '2025-08-01T02:14:37Z' },
    };
    const file = 'file:///work/restore/orders.json';
    const token = idempotencyTokenFor(file, request);
    assert.match(token, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    assert.equal(idempotencyTokenFor(file, structuredClone(request)), token);
    const later = { ...request, Metadata: { ...request.Metadata, RestoreTime: '2025-08-01T02:14:38Z' } };
    assert.notEqual(idempotencyTokenFor(file, later), token);
    assert.notEqual(idempotencyTokenFor('file:///work/restore/other.json', request), token);
    assert.equal(idempotencyTokenFor(file, { ...request, IdempotencyToken: 'mine-1' }), 'mine-1');
  });

  it('says what will happen in plain words', () => {
    const s3 = describeRestore(
      {
        RecoveryPointArn: RP,
        IamRoleArn: DEFAULT_ROLE,
        ResourceType: 'S3',
        Metadata: { DestinationBucketName: 'orders-bucket', RestoreTime: '2025-08-01T02:14:37Z' },
      },
      {
        connection: 'local emulator · us-east-1',
        timeZone: 'Europe/Berlin',
        point: { resourceArn: 'arn:aws:s3:::orders-bucket', vault: 'prod-pitr' },
      },
    );
    assert.equal(
      s3.message,
      'Restore orders-bucket to 2025-08-01 02:14:37 UTC · 2025-08-01 04:14:37 local (Europe/Berlin)?',
    );
    assert.match(s3.detail, /Destination: the S3 bucket "orders-bucket"/);
    assert.match(s3.detail, /objects that already exist in the destination bucket are skipped/);
    assert.match(
      s3.detail,
      /IAM role: arn:aws:iam::123456789012:role\/service-role\/AWSBackupDefaultServiceRole/,
    );
    // The account the data is restored in, from the recovery point's ARN, before the connection.
    assert.match(s3.detail, /^Account and Region: 123456789012 · local emulator · us-east-1$/m);
    const aurora = describeRestore(
      {
        RecoveryPointArn: RP.replace('orders-bucket', 'cluster'),
        ResourceType: 'Aurora',
        Metadata: { dbClusterIdentifier: 'analytics-restored', UseLatestRestorableTime: 'true' },
      },
      { connection: 'x' },
    );
    assert.match(aurora.message, /latest restorable time/);
    assert.match(aurora.detail, /new Aurora DB cluster "analytics-restored"/);
    assert.match(aurora.detail, /creates the cluster only, with no DB instances/);
    assert.match(aurora.detail, /billed/);
  });
});

describe('remembered restore jobs', () => {
  const memory = (): KeyValueStore & { data: Map<string, unknown> } => {
    const data = new Map<string, unknown>();
    return {
      data,
      get: <T>(k: string) => data.get(k) as T | undefined,
      update: (k: string, v: unknown) => {
        data.set(k, JSON.parse(JSON.stringify(v)) as unknown);
        return Promise.resolve();
      },
    };
  };

  it('keeps the request only until the job ID is known, and forgets ended jobs after 14 days', async () => {
    let t = 1_000_000;
    const jobs = new RememberedJobs(memory(), () => t);
    const request = {
      RecoveryPointArn: 'arn',
      Metadata: { DestinationBucketName: 'b' },
      IdempotencyToken: 'tok',
    };
    await jobs.starting({ token: 'tok', connection: { region: 'us-east-1' }, label: 'b', request });
    assert.deepEqual(jobs.unfinished()[0]?.request, request);
    await jobs.started('tok', 'job-1');
    assert.equal(jobs.find('tok')?.request, undefined);
    assert.equal(jobs.find('tok')?.jobId, 'job-1');
    await jobs.ended('tok', 'COMPLETED');
    assert.equal(jobs.unfinished().length, 0);
    assert.equal(jobs.all().length, 1);
    t += 15 * 86_400_000;
    await jobs.starting({ token: 'tok2', connection: { region: 'us-east-1' }, label: 'c' });
    assert.deepEqual(
      jobs.all().map((j) => j.token),
      ['tok2'],
    );
    await jobs.forget('tok2');
    assert.equal(jobs.all().length, 0);
  });
});

describe('restore flow: the role and the time as a person reads them (issue 10, items 5 and 6)', () => {
  /** Records every step, answers picks with `choose` and inputs with `typed`. */
  const recordingUi = (choose: (items: Choice<unknown>[]) => unknown, typed = '') => {
    const steps: { kind: string; text: string; placeholder?: string; items?: Choice<unknown>[] }[] = [];
    const ui: WizardUi = {
      async pick<T>(_h: StepHeader, o: { placeholder: string; items: Promise<Choice<T>[]> }) {
        const items = (await o.items) as Choice<unknown>[];
        steps.push({ kind: 'pick', text: o.placeholder, items });
        return choose(items) as T | undefined;
      },
      input(_h: StepHeader, o: { prompt: string; placeholder?: string }) {
        steps.push({
          kind: 'input',
          text: o.prompt,
          ...(o.placeholder ? { placeholder: o.placeholder } : {}),
        });
        return Promise.resolve(typed || undefined);
      },
    };
    return { ui, steps };
  };
  const fakeApi = (type: string): BackupApi =>
    ({
      connection: { region: 'us-east-1' },
      getRecoveryPointRestoreMetadata: () => Promise.resolve({ RestoreMetadata: {}, ResourceType: type }),
    }) as unknown as BackupApi;
  const ebs: PointSummary = {
    RecoveryPointArn: 'arn:aws:ec2:us-east-1::snapshot/snap-0123456789abcdef0',
    BackupVaultName: 'prod',
    BackupVaultArn: 'arn:aws:backup:us-east-1:123456789012:backup-vault:prod',
    ResourceType: 'EBS',
    Status: 'COMPLETED',
    CreationDate: new Date('2025-07-30T00:00:00Z'),
  };

  it('offers the default role for an EBS snapshot, whose ARN names no account, from the vault ARN', async () => {
    const { ui, steps } = recordingUi((items) => items[0]!.value);
    const r = await runRestoreWizard(ui, {
      apis: [],
      start: { api: fakeApi('EBS'), vault: 'prod', point: ebs },
    });
    const role = steps.find((s) => s.text.startsWith('Which IAM role'));
    assert.deepEqual(
      role?.items?.map((i) => i.value),
      [DEFAULT_ROLE, ''],
    );
    assert.equal(r?.document.IamRoleArn, DEFAULT_ROLE);
  });

  it('the typed role shows its example in the prompt, never as a placeholder that looks filled in', async () => {
    const { ui, steps } = recordingUi((items) => items.find((i) => i.value === '')!.value);
    await runRestoreWizard(ui, {
      apis: [],
      start: { api: fakeApi('EBS'), vault: 'prod', point: { ...ebs, BackupVaultArn: undefined } },
    });
    const input = steps.find((s) => s.kind === 'input');
    assert.ok(input, steps.map((s) => s.text).join(' / '));
    assert.equal(input.placeholder, undefined);
    assert.match(
      input.text,
      /\(e\.g\. arn:aws:iam::\d{12}:role\/service-role\/AWSBackupDefaultServiceRole\)/,
    );
  });

  it('the typed time shows its examples in the prompt too', async () => {
    const now = new Date('2025-08-01T09:42:00Z');
    const rds: PointSummary = {
      RecoveryPointArn: 'arn:aws:backup:us-east-1:123456789012:recovery-point:continuous:db-abc',
      ResourceType: 'RDS',
      Status: 'AVAILABLE',
      CreationDate: new Date('2025-07-25T00:00:00Z'),
      Lifecycle: { DeleteAfterDays: 7 },
    };
    const { ui, steps } = recordingUi((items) => items.find((i) => i.value === 'specific')?.value);
    await runRestoreWizard(ui, {
      apis: [],
      start: { api: fakeApi('RDS'), vault: 'v', point: rds },
      now: () => now,
    });
    const input = steps.find((s) => s.kind === 'input');
    assert.equal(input?.placeholder, undefined);
    assert.match(input?.text ?? '', /e\.g\. 2025-08-01T02:14:37Z/);
  });

  it('says the latest restorable time is the restore lag behind the clock, not "now"', async () => {
    const now = new Date('2025-08-01T09:42:50Z');
    const rds: PointSummary = {
      RecoveryPointArn: 'arn:aws:backup:us-east-1:123456789012:recovery-point:continuous:db-abc',
      ResourceType: 'RDS',
      Status: 'AVAILABLE',
      CreationDate: new Date('2025-07-25T00:00:00Z'),
      Lifecycle: { DeleteAfterDays: 7 },
    };
    const { ui, steps } = recordingUi(() => undefined);
    await runRestoreWizard(ui, {
      apis: [],
      start: { api: fakeApi('RDS'), vault: 'v', point: rds },
      now: () => now,
    });
    const latest = steps[0]?.items?.find((i) => i.value === 'latest');
    assert.match(latest?.description ?? '', /^about 5 minutes ago, 2025-08-01 09:37:50 UTC · /);
    assert.doesNotMatch(latest?.description ?? '', /^now/);
  });
});
