import { strict as assert } from 'node:assert';
import { openBackupApi, type BackupApi } from '../../../src/aws/backupApi';
import { BackupClientFactory } from '../../../src/aws/clientFactory';
import { connectionKey } from '../../../src/aws/connection';
import { PlanApi } from '../../../src/aws/planApi';
import { checkSelectionDocument, describeAssign } from '../../../src/deploy/assignDeploy';
import { creatorRequestIdFor } from '../../../src/deploy/gate';
import {
  checkPlanDocument,
  CREATE_KINDS,
  createRequestId,
  describePlan,
  planDiffText,
  toPlanInput,
  versionRefusal,
} from '../../../src/deploy/planDeploy';
import { describeOptIn, notOptedIn, optInRequest } from '../../../src/deploy/regionOptIn';
import { startEmulator, type Emulator } from '../../../src/emulator/server';
import { ConnectionNode } from '../../../src/explorer/nodes/connection';

const plan = {
  BackupPlanName: 'orders-pitr',
  Rules: [
    {
      RuleName: 'pitr',
      TargetBackupVaultName: 'prod-pitr',
      ScheduleExpression: 'cron(0 5 ? * * *)',
      EnableContinuousBackup: true,
      Lifecycle: { DeleteAfterDays: 35 },
    },
    {
      RuleName: 'monthly',
      TargetBackupVaultName: 'Default',
      ScheduleExpression: 'cron(0 3 1 * ? *)',
      Lifecycle: { MoveToColdStorageAfterDays: 30, DeleteAfterDays: 365 },
    },
  ],
};
const text = (v: unknown): string => JSON.stringify(v, null, 2);
/** Where a confirmation says a request goes, its account read. */
const X = { connection: 'x · us-east-1', accountId: '123456789012' };

describe('plans from files: the gate, the confirmation, the diff, the version check', () => {
  it('refuses a plan file with lint errors, saying which line and rule', async () => {
    const bad = text({
      ...plan,
      Rules: [{ ...plan.Rules[0], Lifecycle: { DeleteAfterDays: 35, MoveToColdStorageAfterDays: 7 } }],
    });
    const g = await checkPlanDocument({ text: bad, fileName: 'backup-plan.json' });
    assert.equal(g.ok, false);
    if (!g.ok) assert.match(g.problems.join('\n'), /^line \d+: PITR003 /m);
  });

  it('the severity setting cannot open the gate: the rules apply at their built-in severity', async () => {
    // checkPlanDocument takes no severity at all; a bad cron is an error whatever a workspace says.
    const g = await checkPlanDocument({
      text: text({ ...plan, Rules: [{ ...plan.Rules[1], ScheduleExpression: 'cron(0 5 * * *)' }] }),
    });
    assert.equal(g.ok, false);
  });

  it('refuses a document that is not a plan, and Create refuses a deployed plan’s document', async () => {
    const sel = await checkPlanDocument({
      text: text({ SelectionName: 's', IamRoleArn: 'arn:aws:iam::123456789012:role/r' }),
      fileName: 'backup-selection.json',
    });
    assert.equal(sel.ok, false);
    if (!sel.ok) assert.match(sel.problems[0]!, /not a backup plan \(it reads as backup-selection\)/);
    const got = await checkPlanDocument(
      { text: text({ BackupPlanId: 'p1', VersionId: 'v1', BackupPlan: plan }) },
      CREATE_KINDS,
    );
    assert.equal(got.ok, false);
  });

  it('refuses a CloudFormation template or a Terraform plan, even a clean one: their own tool deploys them', async () => {
    const template = text({
      AWSTemplateFormatVersion: '2010-09-09',
      Resources: {
        Plan: {
          Type: 'AWS::Backup::BackupPlan',
          Properties: { BackupPlan: { BackupPlanName: 'p', BackupPlanRule: [] } },
        },
      },
    });
    for (const fileName of ['template.json', 'cdk.out/Stack.template.json']) {
      const g = await checkPlanDocument({ text: template, fileName }, CREATE_KINDS);
      assert.equal(g.ok, false, fileName);
      if (!g.ok) assert.match(g.problems[0]!, /This is a cloudformation file: deploy it with its own tool/);
    }
  });

  it('reads the plan, its id and the version it was read at from get-backup-plan output', async () => {
    const g = await checkPlanDocument({
      text: text({
        BackupPlanId: 'p1',
        BackupPlanArn: 'arn:aws:backup:eu-west-1:123456789012:backup-plan:p1',
        VersionId: 'v1',
        BackupPlan: { ...plan, Rules: plan.Rules.map((r) => ({ ...r, RuleId: 'x' })) },
      }),
    });
    assert.ok(g.ok);
    if (!g.ok) return;
    assert.equal(g.value.planId, 'p1');
    assert.equal(g.value.versionId, 'v1');
    assert.equal(
      g.value.region,
      'eu-west-1',
      'the Region it lives in: Update refuses to look for it elsewhere',
    );
    assert.ok(
      g.value.plan.Rules.every((r) => !('RuleId' in r)),
      'RuleId is the service’s, not sent',
    );
  });

  it('the confirmation lists every rule: continuous marked, retention, vault, and where it goes', () => {
    const c = describePlan(toPlanInput(plan), {
      connection: 'default credentials · us-east-1',
      accountId: '444455556666',
    });
    assert.equal(c.message, 'Create backup plan "orders-pitr"?');
    assert.equal(c.action, 'Create Backup Plan');
    const lines = c.detail.split('\n');
    assert.equal(lines[0], 'Account and Region: 444455556666 · default credentials · us-east-1');
    assert.ok(lines.includes('Rules (2):'));
    assert.ok(
      lines.includes(
        '• pitr: CONTINUOUS (point-in-time recovery) · cron(0 5 ? * * *) · kept 35 days · to vault "prod-pitr"',
      ),
      c.detail,
    );
    assert.ok(
      lines.includes(
        '• monthly: snapshots · cron(0 3 1 * ? *) · kept 365 days, cold after 30 days · to vault "Default"',
      ),
      c.detail,
    );
  });

  it('every value that decides where data goes is in the confirmation: the air-gapped vault, and what else is sent', () => {
    const gapped = 'arn:aws:backup:us-east-1:444455556666:logically-air-gapped-backup-vault:lag-1';
    const c = describePlan(
      toPlanInput({
        BackupPlanName: 'scan',
        AdvancedBackupSettings: [{ ResourceType: 'EC2', BackupOptions: { WindowsVSS: 'enabled' } }],
        ScanSettings: [
          {
            MalwareScanner: 'GUARDDUTY',
            ResourceTypes: ['EBS'],
            ScannerRoleArn: 'arn:aws:iam::123456789012:role/scan',
          },
        ],
        Rules: [
          {
            RuleName: 'daily',
            TargetBackupVaultName: 'Default',
            TargetLogicallyAirGappedBackupVaultArn: gapped,
            ScheduleExpression: 'cron(0 3 ? * * *)',
            Lifecycle: { DeleteAfterDays: 30, OptInToArchiveForSupportedResources: true },
            IndexActions: [{ ResourceTypes: ['EBS'] }],
            ScanActions: [{ MalwareScanner: 'GUARDDUTY', ScanMode: 'FULL_SCAN' }],
            CopyActions: [
              {
                DestinationBackupVaultArn: 'arn:aws:backup:us-west-2:123456789012:backup-vault:dr',
                Lifecycle: { DeleteAfterDays: 90, MoveToColdStorageAfterDays: 7 },
              },
            ],
          },
        ],
      }),
      X,
    );
    const lines = c.detail.split('\n');
    assert.ok(
      lines.includes(
        `• daily: snapshots · cron(0 3 ? * * *) · kept 30 days · to vault "Default" · to logically air-gapped vault ${gapped} · copy to arn:aws:backup:us-west-2:123456789012:backup-vault:dr (kept 90 days)`,
      ),
      c.detail,
    );
    assert.ok(
      lines.includes(
        '    also sends: CopyActions [{"Lifecycle":{"MoveToColdStorageAfterDays":7}}], IndexActions [{"ResourceTypes":["EBS"]}], Lifecycle {"OptInToArchiveForSupportedResources":true}, ScanActions [{"MalwareScanner":"GUARDDUTY","ScanMode":"FULL_SCAN"}]',
      ),
      c.detail,
    );
    assert.ok(
      lines.includes(
        'The plan also sends: AdvancedBackupSettings [{"ResourceType":"EC2","BackupOptions":{"WindowsVSS":"enabled"}}], ScanSettings [{"MalwareScanner":"GUARDDUTY","ResourceTypes":["EBS"],"ScannerRoleArn":"arn:aws:iam::123456789012:role/scan"}]',
      ),
      c.detail,
    );
    // A rule with nothing more than its line says adds no "also sends".
    assert.doesNotMatch(describePlan(toPlanInput(plan), X).detail, /also sends/);
  });

  it('an update says the version it replaces, the removed rules, and what a new continuous retention does', () => {
    const next = toPlanInput({
      ...plan,
      Rules: [{ ...plan.Rules[0], Lifecycle: { DeleteAfterDays: 14 } }],
    });
    const c = describePlan(next, X, {
      planId: 'p1',
      versionId: 'v1',
      deployed: toPlanInput(plan),
    });
    assert.equal(c.message, 'Update backup plan "orders-pitr"?');
    assert.match(c.detail, /Removed rules: monthly\./);
    assert.match(
      c.detail,
      /retention of a continuous rule \(pitr\) stops each S3 bucket's continuous recovery point/,
    );
    assert.match(c.detail, /Replaces plan p1 at version v1/);
  });

  it('the diff shows both sides normalised alike: the same plan in another key order is no difference', () => {
    const deployed = {
      Rules: plan.Rules.map((r) => ({ RuleId: 'id', ...Object.fromEntries(Object.entries(r).reverse()) })),
      BackupPlanName: 'orders-pitr',
    };
    assert.equal(planDiffText(deployed), planDiffText(plan));
    const changed = planDiffText({ ...plan, Rules: [plan.Rules[0]] });
    assert.notEqual(changed, planDiffText(plan));
    assert.doesNotMatch(planDiffText(deployed), /RuleId/);
  });

  it('refuses a plan changed since it was opened, or while it was reviewed, and says what to do', () => {
    assert.equal(versionRefusal('p', 'v1', 'v1', 'reviewed'), undefined);
    assert.equal(versionRefusal('p', undefined, 'v2', 'opened'), undefined);
    assert.match(
      versionRefusal('p', 'v1', 'v2', 'opened')!,
      /changed since this document was read.*Edit Backup Plan/,
    );
    assert.match(
      versionRefusal('p', 'v1', 'v2', 'reviewed')!,
      /nothing was sent.*Run "Update Backup Plan" again/,
    );
  });
});

describe('assignments from files', () => {
  const selection = {
    SelectionName: 'orders',
    IamRoleArn: 'arn:aws:iam::123456789012:role/service-role/AWSBackupDefaultServiceRole',
    Resources: ['arn:aws:rds:us-east-1:123456789012:db:orders-db'],
  };
  it('reads a selection file and a create-backup-selection input (its plan and own token)', async () => {
    const bare = await checkSelectionDocument({ text: text(selection), fileName: 'backup-selection.json' });
    assert.ok(bare.ok);
    const full = await checkSelectionDocument({
      text: text({ BackupPlanId: 'p1', CreatorRequestId: 'mine-1', BackupSelection: selection }),
    });
    assert.ok(full.ok);
    if (full.ok) {
      assert.equal(full.value.planId, 'p1');
      assert.equal(full.value.creatorRequestId, 'mine-1');
    }
  });
  it('the confirmation names the plan and its rules, the role and every resource', () => {
    const c = describeAssign(selection, { id: 'p1', body: toPlanInput(plan) }, X);
    assert.equal(c.message, 'Assign "orders" to backup plan "orders-pitr"?');
    assert.match(
      c.detail,
      /Role AWS Backup uses: arn:aws:iam::123456789012:role\/service-role\/AWSBackupDefaultServiceRole/,
    );
    assert.match(c.detail, /Resources \(1\):\n {2}arn:aws:rds:us-east-1:123456789012:db:orders-db/);
    assert.match(c.detail, /• pitr: CONTINUOUS/);
    assert.match(c.detail, /already has continuous backup in another vault gets a failed backup job/);
  });
  it('a selection of nothing says it selects every opted-in resource', () => {
    const c = describeAssign(
      { SelectionName: 'all', IamRoleArn: selection.IamRoleArn },
      { id: 'p1', body: toPlanInput(plan) },
      X,
    );
    assert.match(c.detail, /selects every supported and opted-in resource/);
    // get-backup-selection's shape: every operator there, each an empty list.
    const empty = describeAssign(
      {
        SelectionName: 'all',
        IamRoleArn: selection.IamRoleArn,
        Resources: [],
        ListOfTags: [],
        Conditions: { StringEquals: [], StringLike: [], StringNotEquals: [], StringNotLike: [] },
      },
      { id: 'p1', body: toPlanInput(plan) },
      X,
    );
    assert.match(empty.detail, /selects every supported and opted-in resource/);
  });
});

describe('every confirmation names the account the request goes to', function () {
  this.timeout(30_000);
  const sel = { SelectionName: 's', IamRoleArn: 'arn:aws:iam::123456789012:role/r' };
  const body = toPlanInput(plan);
  it('its 12-digit ID first, then the profile, Region and endpoint; "account unknown" when it was not read', () => {
    const known = { connection: 'dev · eu-west-1 · http://127.0.0.1:4566', accountId: '444455556666' };
    const first = (d: string) => d.split('\n')[0];
    const line = 'Account and Region: 444455556666 · dev · eu-west-1 · http://127.0.0.1:4566';
    assert.equal(first(describePlan(body, known).detail), line);
    assert.equal(first(describePlan(body, known, { planId: 'p', deployed: body }).detail), line);
    assert.equal(first(describeAssign(sel, { id: 'p', body }, known).detail), line);
    assert.equal(first(describeOptIn('S3', 'eu-west-1', known).detail), line);
    const unknown = { connection: 'dev · eu-west-1' };
    for (const c of [
      describePlan(body, unknown),
      describeAssign(sel, { id: 'p', body }, unknown),
      describeOptIn('S3', 'eu-west-1', unknown),
    ])
      assert.equal(first(c.detail), 'Account and Region: account unknown · dev · eu-west-1');
  });

  it('the account is the one the service names: the target vault’s ARN, any vault’s, or unknown when none answers', async () => {
    const emu = await startEmulator({ bulkRecoveryPoints: 0, accountId: '444455556666' });
    const factory = new BackupClientFactory({ maxAttempts: 1 });
    let closed = false;
    try {
      const conn = { region: emu.region, endpoint: emu.url, localEmulator: true };
      const plans = new PlanApi(await openBackupApi(factory, conn));
      assert.equal(await plans.readAccountId('prod-pitr'), '444455556666');
      assert.equal(await plans.readAccountId('no-such-vault'), '444455556666', 'read from the vault list');
      assert.equal(await plans.readAccountId(), '444455556666');
      await emu.close();
      closed = true;
      assert.equal(
        await plans.readAccountId('prod-pitr'),
        undefined,
        'nothing answers: unknown, not guessed',
      );
    } finally {
      factory.dispose();
      if (!closed) await emu.close();
    }
  });
});

describe('the Region opt-in request and confirmation', () => {
  it('sends the whole map with one type on, and says so', () => {
    const now = { S3: false, RDS: true, DynamoDB: false };
    assert.deepEqual(notOptedIn(now), ['DynamoDB', 'S3']);
    assert.deepEqual(optInRequest(now, 'S3'), { S3: true, RDS: true, DynamoDB: false });
    const c = describeOptIn('S3', 'us-east-1', X);
    assert.equal(c.message, 'Opt in S3 for AWS Backup in us-east-1?');
    assert.match(c.detail, /no other type changes/);
  });
});

/** A retry or a double click: the same document to the same place is one plan, one selection. */
describe('creates are idempotent by CreatorRequestId, against the emulator', function () {
  this.timeout(30_000);
  let emu: Emulator;
  let factory: BackupClientFactory;
  let api: BackupApi;
  before(async () => {
    emu = await startEmulator({ bulkRecoveryPoints: 0 });
    factory = new BackupClientFactory({ maxAttempts: 1 });
    api = await openBackupApi(factory, { region: emu.region, endpoint: emu.url, localEmulator: true });
  });
  after(async () => {
    factory.dispose();
    await emu.close();
  });

  it('the token depends on the content and the target, and fits the service’s constraint', () => {
    const a = creatorRequestIdFor('t1', plan);
    assert.match(a, /^[A-Za-z0-9_.-]{1,50}$/);
    assert.equal(creatorRequestIdFor('t1', JSON.parse(JSON.stringify(plan)) as unknown), a);
    assert.notEqual(creatorRequestIdFor('t2', plan), a);
    assert.notEqual(creatorRequestIdFor('t1', { ...plan, BackupPlanName: 'other' }), a);
  });

  it('a plan created twice from the same file is one plan; its selection assigned twice is one selection', async () => {
    const doc = await checkPlanDocument({ text: text({ ...plan, BackupPlanName: 'twice' }) });
    assert.ok(doc.ok);
    if (!doc.ok) return;
    const plans = new PlanApi(api);
    const token = creatorRequestIdFor(connectionKey(api.connection), doc.value.plan);
    const [a, b] = await Promise.all([
      plans.createBackupPlan(doc.value.plan, token),
      plans.createBackupPlan(doc.value.plan, token),
    ]);
    const again = await plans.createBackupPlan(doc.value.plan, token);
    assert.equal(b.BackupPlanId, a.BackupPlanId);
    assert.equal(again.BackupPlanId, a.BackupPlanId);
    assert.equal(
      [...emu.state.plans.values()].filter((p) => p.BackupPlan.BackupPlanName === 'twice').length,
      1,
    );

    const sel = { SelectionName: 'twice', IamRoleArn: 'arn:aws:iam::123456789012:role/r', Resources: [] };
    const selToken = creatorRequestIdFor(`${connectionKey(api.connection)}\n${a.BackupPlanId}`, sel);
    const s1 = await plans.createBackupSelection(a.BackupPlanId, sel, selToken);
    const s2 = await plans.createBackupSelection(a.BackupPlanId, sel, selToken);
    assert.equal(s2.SelectionId, s1.SelectionId);
    assert.equal(
      [...emu.state.selections.values()].filter((s) => s.BackupPlanId === a.BackupPlanId).length,
      1,
    );
  });

  it('a create-backup-plan input’s BackupPlanTags are read, listed in the confirmation, sent, and part of the token', async () => {
    const tags = { team: 'orders', 'cost-center': '42' };
    const doc = await checkPlanDocument(
      { text: text({ BackupPlan: { ...plan, BackupPlanName: 'tagged' }, BackupPlanTags: tags }) },
      CREATE_KINDS,
    );
    assert.ok(doc.ok);
    if (!doc.ok) return;
    assert.deepEqual(doc.value.tags, tags);
    const c = describePlan(doc.value.plan, X, undefined, doc.value.tags);
    assert.ok(
      c.detail
        .split('\n')
        .includes('Tags on the new plan (BackupPlanTags): {"team":"orders","cost-center":"42"}'),
      c.detail,
    );
    // An update from the same document cannot send them, and says so.
    const u = describePlan(doc.value.plan, X, { planId: 'p1', deployed: doc.value.plan }, doc.value.tags);
    assert.match(u.detail, /Not sent: this document's BackupPlanTags .*UpdateBackupPlan takes no tags/);
    const target = connectionKey(api.connection);
    const untagged = { ...doc.value, tags: undefined };
    assert.notEqual(createRequestId(doc.value, target), createRequestId(untagged, target));
    assert.equal(createRequestId(untagged, target), creatorRequestIdFor(target, doc.value.plan));
    const r = await new PlanApi(api).createBackupPlan(doc.value.plan, createRequestId(doc.value, target), {
      tags: doc.value.tags ?? {},
    });
    assert.deepEqual(emu.state.plans.get(r.BackupPlanId)?.Tags, tags, 'the emulator got the tags');
  });

  it('the connection node shows the opted-in types, and the ones that are not', async () => {
    let redrawn: () => void = () => undefined;
    const drawn = new Promise<void>((r) => (redrawn = r));
    const node = new ConnectionNode({ api, now: () => new Date(), pageSize: 100, changed: () => redrawn() });
    assert.match(node.view().tooltip!, /Service opt-in: expand to read it/);
    await node.children();
    await drawn;
    assert.match(node.view().tooltip!, /Opted in for AWS Backup here: Aurora, .*RDS/);
    assert.match(
      node.view().tooltip!,
      /Not opted in: S3 \("AWS Backup: Opt In a Resource Type in This Region…"\)/,
    );
  });
});
