/**
 * A send's safety properties, tested once for every send (issue 22): each lints the exact text it
 * sends and refuses on any error, its own or the account's; each refuses a text it cannot lint; each
 * confirmation names the account it goes to (or says it is unknown, never a guess).
 */
import { strict as assert } from 'node:assert';
import { checkSelectionDocument, describeAssign } from '../../src/deploy/assignDeploy';
import { checkPlanDocument, CREATE_KINDS, describePlan, toPlanInput } from '../../src/deploy/planDeploy';
import { describeOptIn } from '../../src/deploy/regionOptIn';
import { consequencesOf } from '../../src/lifecycle/consequences';
import { lint, type LiveFacts } from '../../src/lint';
import { checkBeforeStart, describeRestore, type StartRequest } from '../../src/restore/startGate';
import type { Confirmation, Where } from '../../src/ui/confirmation';

const ACCOUNT = '123456789012';
const ROLE = `arn:aws:iam::${ACCOUNT}:role/service-role/AWSBackupDefaultServiceRole`;
const RP = `arn:aws:backup:us-east-1:${ACCOUNT}:recovery-point:continuous:orders-bucket-1a2b3c4d`;
const NOW = new Date('2025-08-01T12:00:00Z');
const text = (v: unknown): string => `${JSON.stringify(v, null, 2)}\n`;

const plan = (vault: string, schedule = 'cron(0 5 ? * * *)') => ({
  BackupPlanName: 'orders-pitr',
  Rules: [
    {
      RuleName: 'pitr',
      TargetBackupVaultName: vault,
      ScheduleExpression: schedule,
      EnableContinuousBackup: true,
      Lifecycle: { DeleteAfterDays: 35 },
    },
  ],
});
const selection = (role: string) => ({
  BackupPlanId: 'p1',
  BackupSelection: {
    SelectionName: 'orders',
    IamRoleArn: role,
    Resources: ['arn:aws:s3:::orders-bucket'],
  },
});
const start = (time: string) => ({
  RecoveryPointArn: RP,
  IamRoleArn: ROLE,
  ResourceType: 'S3',
  IdempotencyToken: 't-1',
  Metadata: { DestinationBucketName: 'orders-restore', RestoreTime: time },
});

/** The account as the live checks see it: one vault, a restorable window of the last ten days. */
const facts: LiveFacts = {
  region: 'us-east-1',
  vaults: () =>
    Promise.resolve({ names: new Set(['prod-pitr']), arns: new Set<string>(), accountId: ACCOUNT }),
  continuousVaultOf: () => Promise.resolve(undefined),
  planContinuousVaults: () => Promise.resolve(['prod-pitr']),
  windowOf: () =>
    Promise.resolve({
      kind: 'continuous' as const,
      earliest: new Date('2025-07-22T00:00:00Z'),
      latest: new Date('2025-08-01T11:45:00Z'),
      earliestSource: 'derived' as const,
      latestSource: 'derived' as const,
      notes: [],
    }),
};

type Passed = { ok: true; sent: unknown } | { ok: false; problems: string[] };

/** One way data leaves for AWS from a document: its gate, and what it sends when the gate passes. */
interface DocumentSend {
  name: string;
  /** A document that passes, and the same with one error-severity finding of its own. */
  clean: unknown;
  broken: unknown;
  /** The same document with an error only the account can tell (a missing vault, a time outside the window). */
  liveBroken: unknown;
  /** The request body it sends, read from the document as JSON. */
  body(doc: Record<string, unknown>): unknown;
  gate(text: string, facts?: LiveFacts): Promise<Passed>;
}

const SENDS: DocumentSend[] = [
  {
    name: 'Create Backup Plan',
    clean: plan('prod-pitr'),
    broken: plan('prod-pitr', 'cron(0 5 * * *)'),
    liveBroken: plan('no-such-vault'),
    body: (d) => d,
    async gate(t, f) {
      const g = await checkPlanDocument(
        { text: t, ...(f ? { facts: () => Promise.resolve(f) } : {}) },
        CREATE_KINDS,
      );
      return g.ok ? { ok: true, sent: g.value.plan } : g;
    },
  },
  {
    name: 'Update Backup Plan',
    clean: { BackupPlanId: 'p1', BackupPlan: plan('prod-pitr') },
    broken: { BackupPlanId: 'p1', BackupPlan: plan('prod-pitr', 'cron(0 5 * * *)') },
    liveBroken: { BackupPlanId: 'p1', BackupPlan: plan('no-such-vault') },
    body: (d) => d.BackupPlan,
    async gate(t, f) {
      const g = await checkPlanDocument({ text: t, ...(f ? { facts: () => Promise.resolve(f) } : {}) });
      return g.ok ? { ok: true, sent: g.value.plan } : g;
    },
  },
  {
    name: 'Assign Resources',
    clean: selection(ROLE),
    broken: selection('AWSBackupDefaultServiceRole'),
    liveBroken: undefined,
    body: (d) => d.BackupSelection,
    async gate(t, f) {
      const g = await checkSelectionDocument({ text: t, ...(f ? { facts: () => Promise.resolve(f) } : {}) });
      return g.ok ? { ok: true, sent: g.value.selection } : g;
    },
  },
  {
    name: 'Start Restore Job',
    clean: start('2025-08-01T02:14:37Z'),
    broken: start('yesterday at noon'),
    liveBroken: start('2025-07-10T00:00:00Z'),
    body: (d) => d,
    async gate(t, f) {
      const g = await checkBeforeStart({
        text: t,
        now: NOW,
        ...(f ? { factsFor: () => Promise.resolve(f) } : {}),
      });
      return g.ok === true
        ? { ok: true, sent: g.request }
        : g.ok === false
          ? g
          : { ok: false, problems: ['metadata'] };
    },
  },
];

/** Texts no send may go through with: none is a document the engine can lint as what the send takes. */
const UNLINTABLE = [
  '',
  'not json at all',
  '{"Foo": 1}',
  '[]',
  'AWSTemplateFormatVersion: "2010-09-09"\nResources: {}\n',
  text({ AWSTemplateFormatVersion: '2010-09-09', Resources: { P: { Type: 'AWS::Backup::BackupPlan' } } }),
];

const errorsOf = (t: string): string[] =>
  (lint({ text: t, now: NOW })?.findings ?? []).filter((f) => f.severity === 'error').map((f) => f.code);

describe('every send: the one gate (lintForSending)', () => {
  for (const send of SENDS) {
    describe(send.name, () => {
      it('passes the clean document and sends exactly what its text says', async () => {
        const t = text(send.clean);
        assert.deepEqual(errorsOf(t), [], 'the fixture is clean');
        const g = await send.gate(t, facts);
        assert.ok(g.ok, g.ok ? '' : g.problems.join('\n'));
        assert.deepEqual(
          JSON.parse(JSON.stringify(g.sent)),
          send.body(JSON.parse(t) as Record<string, unknown>),
        );
      });

      it('refuses the document with an error of its own, naming line and rule', async () => {
        const t = text(send.broken);
        const codes = errorsOf(t);
        assert.ok(codes.length > 0, 'the fixture has an error');
        const g = await send.gate(t, facts);
        assert.equal(g.ok, false, 'an error-severity finding must stop the send');
        if (!g.ok)
          for (const code of codes)
            assert.ok(
              g.problems.some((p) => p.includes(` ${code} `)),
              code,
            );
      });

      if (send.liveBroken)
        it('refuses an error only the account can tell (LIVE001, LIVE002), and counts it with the rest', async () => {
          const t = text(send.liveBroken);
          assert.deepEqual(errorsOf(t), [], 'the document alone is clean');
          assert.ok((await send.gate(t)).ok, 'not connected: nothing to ask the account');
          const g = await send.gate(t, facts);
          assert.equal(g.ok, false);
          if (!g.ok) assert.match(g.problems.join('\n'), /^line \d+: LIVE00[12] /m);
        });

      it('refuses every text it cannot lint as what it sends', async () => {
        for (const t of UNLINTABLE) {
          const g = await send.gate(t, facts);
          assert.equal(g.ok, false, JSON.stringify(t));
        }
        // Another kind of send's document is not this send's (Update takes a plan file as Create does).
        for (const other of SENDS.filter((s) => s.name.split(' ')[1] !== send.name.split(' ')[1])) {
          const g = await send.gate(text(other.clean), facts);
          assert.equal(g.ok, false, `${other.name}'s document`);
        }
      });
    });
  }
});

const WHERE: Where = { connection: 'prod · us-east-1', accountId: ACCOUNT };
const NOWHERE: Where = { connection: 'prod · us-east-1' };
const ACCOUNT_LINE = new RegExp(`^Account and Region: ${ACCOUNT} · prod · us-east-1`, 'm');
const UNKNOWN_LINE = /^Account and Region: account unknown · prod · us-east-1/m;

/** Every confirmation a send asks, for an account known and for one that could not be read. */
const CONFIRMATIONS: [string, (where: Where) => Confirmation][] = [
  ['Create Backup Plan', (w) => describePlan(toPlanInput(plan('prod-pitr')), w)],
  [
    'Update Backup Plan',
    (w) =>
      describePlan(toPlanInput(plan('prod-pitr')), w, { planId: 'p1', deployed: toPlanInput(plan('old')) }),
  ],
  [
    'Assign Resources',
    (w) =>
      describeAssign(selection(ROLE).BackupSelection, { id: 'p1', body: toPlanInput(plan('prod-pitr')) }, w),
  ],
  ['Opt In', (w) => describeOptIn('S3', 'us-east-1', w)],
  [
    'Start Restore Job',
    (w) =>
      describeRestore(
        {
          ...(start('2025-08-01T02:14:37Z') as StartRequest),
          RecoveryPointArn: w.accountId ? RP : RP.replace(`:${ACCOUNT}:`, '::'),
        },
        { connection: w.connection },
      ),
  ],
  ...(['stop', 'delete'] as const).map((action): [string, (w: Where) => Confirmation] => [
    action === 'stop' ? 'Stop Continuous Backup' : 'Delete Recovery Point',
    (w) => {
      const c = consequencesOf(
        action,
        {
          recoveryPointArn: w.accountId ? RP : RP.replace(`:${ACCOUNT}:`, '::'),
          vaultName: 'prod-pitr',
          resourceType: 'S3',
          resourceArn: 'arn:aws:s3:::orders-bucket',
          resourceName: 'orders-bucket',
          status: 'COMPLETED',
        },
        { locked: false },
        [],
        [],
        NOW,
        w.connection,
      );
      return { message: c.message, detail: c.detail, action: c.confirmLabel };
    },
  ]),
];

describe('every send: the confirmation names the account it goes to', () => {
  for (const [name, confirm] of CONFIRMATIONS)
    it(`${name}: the account, or "account unknown", never a guess`, () => {
      assert.match(confirm(WHERE).detail, ACCOUNT_LINE);
      assert.match(confirm(NOWHERE).detail, UNKNOWN_LINE);
      assert.ok(confirm(WHERE).action, 'a button that says what it sends');
    });
});
