/**
 * Create Backup Plan and Assign Resources end to end against the emulator, through the flows the
 * editor runs (src/deploy/createPlan.ts, assignResources.ts), the window scripted (issue 23).
 */
import { strict as assert } from 'node:assert';
import { liveFactsFrom } from '../../src/aws/liveFacts';
import { PlanApi } from '../../src/aws/planApi';
import { assignResourcesFrom } from '../../src/deploy/assignResources';
import { createPlanFrom } from '../../src/deploy/createPlan';
import type { FlowContext } from '../../src/deploy/flow';
import { describePlan, toPlanInput } from '../../src/deploy/planDeploy';
import { lint } from '../../src/lint';
import { liveCheck } from '../../src/lint/live';
import { withSeverity } from '../../src/lint/rules';
import type { Confirmation } from '../../src/ui/confirmation';
import { emulatorForTests } from './lint/helpers';

const ROLE = 'arn:aws:iam::123456789012:role/service-role/AWSBackupDefaultServiceRole';
const text = (v: unknown): string => `${JSON.stringify(v, null, 2)}\n`;

/** The window and the prompts, scripted: what was asked, said and refused. */
function scripted(answer: boolean, pickPlan?: string) {
  const said = {
    confirmations: [] as Confirmation[],
    refusals: [] as { what: string; problems: string[] }[],
    info: [] as string[],
    errors: [] as string[],
  };
  const ctx: FlowContext = {
    prompts: {
      confirm: (c) => {
        said.confirmations.push(c);
        return Promise.resolve(answer);
      },
      pickPlan: (items) => Promise.resolve(items.find((i) => i.planId === pickPlan)?.planId),
      pickType: () => Promise.resolve(undefined),
    },
    window: {
      info: (m) => void said.info.push(m),
      error: (m) => void said.errors.push(m),
      refuse: (what, problems) => void said.refusals.push({ what, problems }),
    },
    log: { info: () => undefined },
    refreshPlans: () => undefined,
  };
  return { ctx, said };
}

const rule = (name: string, vault: string, continuous = true) => ({
  RuleName: name,
  TargetBackupVaultName: vault,
  ScheduleExpression: 'cron(0 5 ? * * *)',
  ...(continuous ? { EnableContinuousBackup: true } : {}),
  Lifecycle: { DeleteAfterDays: 35 },
});

describe('Create Backup Plan and Assign Resources against the account (issue 23)', function () {
  this.timeout(30_000);
  const door = emulatorForTests();
  let plans: PlanApi;
  const plansNamed = (name: string) =>
    [...door.emu.state.plans.values()].filter((p) => p.BackupPlan.BackupPlanName === name);
  before(() => (plans = new PlanApi(door.api)));

  it('a plan to a vault that does not exist is not created: LIVE001 stops it before any confirmation', async () => {
    const doc = text({ BackupPlanName: 'to-nowhere', Rules: [rule('pitr', 'no-such-vault')] });
    const { ctx, said } = scripted(true);
    assert.equal(await createPlanFrom({ text: doc }, plans, ctx), undefined);
    assert.deepEqual(said.confirmations, [], 'never asked: the plan would fail every job');
    assert.equal(said.refusals.length, 1);
    assert.match(
      said.refusals[0]!.problems.join('\n'),
      /^line 6: LIVE001 Backup vault "no-such-vault" does not exist/m,
    );
    assert.deepEqual(plansNamed('to-nowhere'), []);
  });

  it('the refusal counts every error the Problems panel shows: the document’s and the account’s', async () => {
    const doc = text({
      BackupPlanName: 'many-wrongs',
      Rules: [
        { ...rule('a', 'missing-one'), ScheduleExpression: 'cron(0 5 * * *)' },
        {
          ...rule('b', 'missing-two', false),
          Lifecycle: { DeleteAfterDays: 30, MoveToColdStorageAfterDays: 90 },
        },
      ],
    });
    // What the editor shows: the lint's errors and the live check's, at their built-in severities.
    const result = lint({ text: doc })!;
    const live = withSeverity(await liveCheck(doc, result.recognition, liveFactsFrom(door.api)));
    const shown = [...result.findings, ...live].filter((f) => f.severity === 'error');
    assert.ok(live.filter((f) => f.code === 'LIVE001').length === 2 && shown.length > 2, 'the fixture');
    const { ctx, said } = scripted(true);
    await createPlanFrom({ text: doc }, plans, ctx);
    assert.equal(said.refusals[0]!.problems.length, shown.length);
    assert.deepEqual(
      said.refusals[0]!.problems.map((p) => / (\w+\d{3}) /.exec(p)?.[1]).sort(),
      shown.map((f) => f.code).sort(),
    );
  });

  it('the confirmation lists every live finding on the document (LIVE005: S3 not opted in here)', async () => {
    const doc = text({ BackupPlanName: 'warned', Rules: [rule('pitr', 'prod-pitr')] });
    const result = lint({ text: doc })!;
    const live = withSeverity(await liveCheck(doc, result.recognition, liveFactsFrom(door.api)));
    assert.ok(live.length > 0, 'the fixture has a live finding');
    const { ctx, said } = scripted(false);
    assert.equal(await createPlanFrom({ text: doc }, plans, ctx), undefined);
    const detail = said.confirmations[0]!.detail;
    assert.match(detail, new RegExp(`Checked against the account: ${live.length} finding`));
    for (const f of live) assert.ok(detail.includes(`${f.code} ${f.message}`), f.code);
    assert.deepEqual(plansNamed('warned'), [], 'declined: nothing created');
  });

  it('Assign Resources names each selected resource already continuously backed up in another vault, and what follows', async () => {
    const created = await plans.createBackupPlan(
      { BackupPlanName: 'into-default', Rules: [rule('pitr', 'Default')] },
      'flows-into-default',
    );
    const inProdPitr = [...door.emu.state.recoveryPoints.values()]
      .filter((p) => p.BackupVaultName === 'prod-pitr' && p.RecoveryPointArn.includes(':continuous:'))
      .filter((p) => p.Status !== 'STOPPED')
      .map((p) => p.ResourceArn);
    assert.ok(inProdPitr.length >= 2, 'the seed has continuous points in prod-pitr');
    const fresh = 'arn:aws:s3:::bucket-with-no-backup';
    const doc = text({
      SelectionName: 'moving',
      IamRoleArn: ROLE,
      Resources: [...inProdPitr, fresh],
    });
    const { ctx, said } = scripted(false, created.BackupPlanId);
    assert.equal(
      await assignResourcesFrom({ text: doc, fileName: 'backup-selection.json' }, plans, ctx),
      undefined,
    );
    const detail = said.confirmations[0]!.detail;
    for (const arn of inProdPitr)
      assert.ok(
        detail.includes(`  ${arn}: continuous backup in vault "prod-pitr"`),
        `${arn} is named\n${detail}`,
      );
    assert.ok(!detail.includes(`${fresh}: continuous backup`), 'a resource without one is not');
    assert.match(
      detail,
      /next continuous backup job of each fails \("already has continuous backup enabled for another vault"\)/,
    );
    assert.match(
      detail,
      new RegExp(`Already continuously backed up in another vault \\(${inProdPitr.length}\\)`),
    );
  });
});

describe('the update confirmation leaves the diff readable (issue 23)', () => {
  it('lists only the rules the update adds or changes, and counts the rest, which the diff shows', () => {
    const rules = Array.from({ length: 6 }, (_, i) => rule(`r${i}`, 'prod-pitr', i === 0));
    const deployed = toPlanInput({ BackupPlanName: 'big', Rules: rules });
    const proposed = toPlanInput({
      BackupPlanName: 'big',
      Rules: rules.map((r, i) => (i === 3 ? { ...r, Lifecycle: { DeleteAfterDays: 90 } } : r)),
    });
    const c = describePlan(
      proposed,
      { connection: 'x', accountId: '123456789012' },
      { planId: 'p1', deployed },
    );
    const ruleLines = c.detail.split('\n').filter((l) => l.startsWith('• '));
    assert.deepEqual(ruleLines, [
      '• r3: snapshots · cron(0 5 ? * * *) · kept 90 days · to vault "prod-pitr"',
    ]);
    assert.match(c.detail, /^Rules \(6\): 1 added or changed, 5 unchanged \(in the diff editor\):$/m);
  });
});
