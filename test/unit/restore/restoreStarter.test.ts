import { strict as assert } from 'node:assert';
import { lint } from '../../../src/lint/engine';
import type { LintResult } from '../../../src/lint/types';
import { RememberedJobs } from '../../../src/restore/jobStore';
import type { Confirmation } from '../../../src/ui/confirmation';
import { editorLintForGate, RestoreStarter } from '../../../src/restore/starter';
import { emulatorWithApi } from '../aws/awsTestEnv';
import { MemoryStore } from '../lint/helpers';

/** A start-restore-job document whose RestoreTime is tomorrow: an error (RST002) for the gate. */
const tomorrow = JSON.stringify({
  RecoveryPointArn: 'arn:aws:backup:us-east-1:123456789012:recovery-point:continuous:db-orders-1a2b3c4d',
  ResourceType: 'RDS',
  IamRoleArn: 'arn:aws:iam::123456789012:role/service-role/AWSBackupDefaultServiceRole',
  Metadata: {
    DBInstanceIdentifier: 'orders-db-restored',
    RestoreTime: new Date(Date.now() + 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
  },
});

describe('the restore starter reuses the editor’s lint only where it is the gate’s own', () => {
  const clean = (): LintResult => ({
    recognition: { kind: 'start-restore-job', reason: 'content' },
    findings: [],
  });

  it('reuses a clean result of the same version with no severity setting', () => {
    const result = clean();
    assert.equal(editorLintForGate({ version: 3, result }, { version: 3, severity: {} }), result);
  });

  it('lints again when the document moved on, a severity is set, a glob decided its kind, or it has errors', () => {
    assert.equal(editorLintForGate(undefined, { version: 1, severity: {} }), undefined);
    assert.equal(editorLintForGate({ version: 2, result: clean() }, { version: 3, severity: {} }), undefined);
    // A workspace's severity setting could have switched an error off: the gate never sees it.
    assert.equal(
      editorLintForGate({ version: 3, result: clean() }, { version: 3, severity: { RST002: 'off' } }),
      undefined,
    );
    const byGlob: LintResult = { ...clean(), recognition: { kind: 'restore-metadata', reason: 'setting' } };
    assert.equal(editorLintForGate({ version: 3, result: byGlob }, { version: 3, severity: {} }), undefined);
    const withError = lint({ text: tomorrow, fileName: '/r.json' })!;
    assert.ok(withError.findings.some((f) => f.severity === 'error'));
    assert.equal(
      editorLintForGate({ version: 3, result: withError }, { version: 3, severity: {} }),
      undefined,
    );
  });
});

describe('the restore starter against the emulator', function () {
  this.timeout(60_000);
  const env = emulatorWithApi();

  const continuousRds = () =>
    [...env.emu.state.recoveryPoints.values()].find(
      (p) => p.ResourceType === 'RDS' && p.RecoveryPointArn.includes(':continuous:'),
    )!;
  const documentText = (restoreTime: Date): string =>
    JSON.stringify({
      RecoveryPointArn: continuousRds().RecoveryPointArn,
      ResourceType: 'RDS',
      IamRoleArn: 'arn:aws:iam::123456789012:role/service-role/AWSBackupDefaultServiceRole',
      Metadata: {
        DBInstanceIdentifier: 'orders-db-restored',
        Engine: 'postgres',
        RestoreTime: restoreTime.toISOString().replace(/\.\d{3}Z$/, 'Z'),
      },
    });
  const starter = (answer: boolean, asked: Confirmation[] = []) => {
    const jobs = new RememberedJobs(new MemoryStore());
    return {
      jobs,
      starter: new RestoreStarter({
        jobs,
        store: new MemoryStore(),
        apiFor: () => Promise.resolve(env.api),
        confirm: (c) => {
          asked.push(c);
          return Promise.resolve(answer);
        },
        jobsChanged: () => undefined,
        log: { info: () => undefined, warn: () => undefined },
      }),
    };
  };
  const doc = (text: string) => ({ source: 'untitled:Untitled-1', text, fileName: '/Untitled-1' });

  it('locates the recovery point once for the window check and the confirmation', async () => {
    const asked: Confirmation[] = [];
    const { starter: s } = starter(false, asked);
    const before = env.emu.state.requests.length;
    const outcome = await s.start(doc(documentText(new Date(Date.now() - 3_600_000))));
    assert.equal(outcome.kind, 'declined', JSON.stringify(outcome));
    const described = env.emu.state.requests
      .slice(before)
      .filter((r) => r.operation === 'DescribeRecoveryPoint')
      .map((r) => JSON.stringify(r.input));
    assert.ok(described.length >= 1);
    assert.equal(new Set(described).size, described.length, `asked twice: ${described.join(', ')}`);
    // The confirmation still names what only the located point says (its vault).
    assert.match(asked[0]!.detail, new RegExp(`in vault "${continuousRds().BackupVaultName}"`));
  });

  it('declined: nothing is remembered or sent; confirmed: one job, and the same request again is that job', async () => {
    const text = documentText(new Date(Date.now() - 3_600_000));
    const no = starter(false);
    assert.equal((await no.starter.start(doc(text))).kind, 'declined');
    assert.equal(no.jobs.all().length, 0);

    const yes = starter(true);
    const jobsBefore = env.emu.state.restoreJobs.size;
    const first = await yes.starter.start(doc(text));
    assert.equal(first.kind, 'sent');
    if (first.kind !== 'sent' || first.sent.kind !== 'started') throw new Error(JSON.stringify(first));
    assert.equal(env.emu.state.restoreJobs.size, jobsBefore + 1);
    const again = await yes.starter.start(doc(text));
    assert.equal(again.kind, 'already-started');
    if (again.kind === 'already-started') assert.equal(again.job.jobId, first.sent.jobId);
    assert.equal(env.emu.state.restoreJobs.size, jobsBefore + 1, 'no second job');
  });

  it('the gate reads the lint result it is handed instead of linting again', async () => {
    // An error the gate's own lint finds (a RestoreTime tomorrow) …
    const text = documentText(new Date(Date.now() + 86_400_000));
    const { starter: s } = starter(false);
    assert.equal((await s.start(doc(text))).kind, 'blocked');
    // … is not looked for again when the editor's clean result is handed over (LIVE002 still runs).
    const handed = await s.start({ ...doc(text), lintResult: { ...lint({ text })!, findings: [] } });
    assert.notEqual(handed.kind, 'needs-point');
    assert.ok(handed.kind === 'blocked' || handed.kind === 'declined');
    if (handed.kind === 'blocked')
      assert.ok(
        handed.problems.every((p) => p.includes('LIVE002')),
        handed.problems.join(' '),
      );
  });
});
