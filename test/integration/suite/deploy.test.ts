import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
// Types only: the extension's objects come from its own bundle.
import type { DeployPrompts } from '../../../src/deploy/flow';
import type { Confirmation } from '../../../src/ui/confirmation';
import type { ExplorerNode } from '../../../src/explorer/nodes/base';
import { api, codeOf, connectToEmulator, diagnosticsWhen, emulatorControl, fileUri } from './helpers';

const ROLE = 'arn:aws:iam::123456789012:role/service-role/AWSBackupDefaultServiceRole';
const NAME = 'it-deploy';
const DIFF_SCHEME = 'aws-backup-pitr-plan';
/** The emulator's account, as the service names it: every confirmation's first words. */
const ACCOUNT_LINE = /^Account and Region: 123456789012 · /;

interface Received {
  operation: string;
  input: Record<string, unknown>;
}
const received = async (operation: string): Promise<Received[]> =>
  ((await emulatorControl('requests')) as Received[]).filter((r) => r.operation === operation);

/** The modal and the quick picks answered by a script (the end-to-end tour clicks the real ones). */
class DeployScript implements DeployPrompts {
  readonly confirmations: Confirmation[] = [];
  constructor(
    private readonly answer: (c: Confirmation) => boolean | Promise<boolean>,
    private readonly plan = NAME,
  ) {}
  async confirm(c: Confirmation): Promise<boolean> {
    this.confirmations.push(c);
    return this.answer(c);
  }
  pickPlan(items: { label: string; planId: string }[]): Promise<string | undefined> {
    return Promise.resolve(items.find((i) => i.label === this.plan)?.planId);
  }
  /** The types the quick pick offered, the last time. */
  offered: string[] = [];
  /** Picks S3, as the person turning continuous S3 backups on would. */
  pickType(types: string[]): Promise<string | undefined> {
    this.offered = types;
    return Promise.resolve(types.includes('S3') ? 'S3' : undefined);
  }
}

const plan = (continuousDays: number, withDaily = true) => ({
  BackupPlanName: NAME,
  Rules: [
    {
      RuleName: 'pitr',
      TargetBackupVaultName: 'prod-pitr',
      ScheduleExpression: 'cron(0 5 ? * * *)',
      EnableContinuousBackup: true,
      Lifecycle: { DeleteAfterDays: continuousDays },
    },
    ...(withDaily
      ? [
          {
            RuleName: 'daily',
            TargetBackupVaultName: 'prod-pitr',
            ScheduleExpression: 'cron(0 3 ? * * *)',
            Lifecycle: { DeleteAfterDays: 30 },
          },
        ]
      : []),
  ],
});

/** The CodeLens a person would click, once the linter has recognised the document. */
async function lens(uri: vscode.Uri, title: RegExp): Promise<vscode.Command> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>(
      'vscode.executeCodeLensProvider',
      uri,
    );
    const found = lenses.find((l) => l.command && title.test(l.command.title))?.command;
    if (found) return found;
    assert.ok(Date.now() < deadline, `no CodeLens ${String(title)} on ${uri.path}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
const click = <T>(c: vscode.Command): Thenable<T> =>
  vscode.commands.executeCommand<T>(c.command, ...((c.arguments ?? []) as unknown[]));

describe('plans, assignments and the Region from the editor, in a real VS Code host', function () {
  this.timeout(60_000);
  let ext: Awaited<ReturnType<typeof api>>;
  let planId: string;

  const written: vscode.Uri[] = [];
  let liveBefore: boolean | undefined;
  const lintSettings = () => vscode.workspace.getConfiguration('awsBackupPitr.lint');

  before(async () => {
    ext = await api();
    await connectToEmulator(ext);
    // The fixture workspace turns live checks off; LIVE005 is one.
    liveBefore = lintSettings().inspect<boolean>('live')?.workspaceValue;
    await lintSettings().update('live', true, vscode.ConfigurationTarget.Workspace);
  });
  after(async () => {
    await lintSettings().update('live', liveBefore, vscode.ConfigurationTarget.Workspace);
    for (const uri of written) await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
  });
  afterEach(async () => {
    ext.deploy.setPrompts(undefined);
    for (let i = 0; i < 20 && vscode.window.tabGroups.activeTabGroup.activeTab; i++)
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
  const door = () => ext.explorer.connections.api!;
  /** A file of this suite's in the workspace (removed at the end: the other suites count files). */
  async function write(relative: string, value: unknown): Promise<vscode.Uri> {
    const uri = fileUri(relative);
    await vscode.workspace.fs.writeFile(uri, Buffer.from(`${JSON.stringify(value, null, 2)}\n`));
    written.push(uri);
    return uri;
  }
  const deployed = async () => door().getBackupPlan(planId);

  it('a continuous plan in a Region where S3 is not opted in is LIVE005, on its EnableContinuousBackup', async () => {
    const uri = await write('it-backup-plan.json', plan(35));
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const ds = await diagnosticsWhen(uri, (d) => d.some((x) => codeOf(x) === 'LIVE005'));
    const live = ds.find((x) => codeOf(x) === 'LIVE005')!;
    assert.match(live.message, /"S3" is not opted in for AWS Backup in us-east-1/);
  });

  it('creates the plan from its file after the confirmation, once, however often it is clicked', async () => {
    const uri = fileUri('it-backup-plan.json');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const script = new DeployScript(() => true);
    ext.deploy.setPrompts(script);
    const create = await lens(uri, /Create backup plan/);
    const before = (await received('CreateBackupPlan')).length;
    // A double click: one run; the second click does nothing while the first runs.
    const [a, b] = await Promise.all([click<string>(create), click<string>(create)]);
    planId = (a ?? b)!;
    assert.ok(planId);
    assert.equal(script.confirmations.length, 1);
    assert.match(script.confirmations[0]!.detail, /• pitr: CONTINUOUS \(point-in-time recovery\)/);
    assert.match(script.confirmations[0]!.detail, ACCOUNT_LINE);
    // Clicked again later: the plan this document created, and nothing sent.
    assert.equal(await click<string>(create), planId);
    assert.equal(script.confirmations.length, 1);
    const sent = await received('CreateBackupPlan');
    assert.equal(sent.length - before, 1);
    assert.match(String(sent.at(-1)!.input.CreatorRequestId), /^pitr-[0-9a-f]{40}$/);
    let named = 0;
    for await (const page of door().listBackupPlans())
      named += page.items.filter((p) => p.BackupPlanName === NAME).length;
    assert.equal(named, 1);
  });

  it('a create-backup-plan input’s BackupPlanTags are in the confirmation and sent with the plan', async () => {
    const tags = { team: 'orders' };
    const uri = await write('it-create-backup-plan.json', {
      BackupPlan: { ...plan(35, false), BackupPlanName: `${NAME}-tagged` },
      BackupPlanTags: tags,
    });
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const script = new DeployScript(() => true);
    ext.deploy.setPrompts(script);
    assert.ok(await click<string>(await lens(uri, /Create backup plan/)));
    assert.match(
      script.confirmations[0]!.detail,
      /^Tags on the new plan \(BackupPlanTags\): \{"team":"orders"\}$/m,
    );
    const sent = (await received('CreateBackupPlan')).at(-1)!;
    assert.deepEqual(sent.input.BackupPlanTags, tags);
  });

  it('updates the plan through the diff editor: it opens, the user confirms, the emulator has the new version', async () => {
    const was = await deployed();
    const uri = await write('it-update-backup-plan.json', plan(14, false));
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    let diffOpen = false;
    const script = new DeployScript(() => {
      const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
      diffOpen =
        input instanceof vscode.TabInputTextDiff &&
        input.original.scheme === DIFF_SCHEME &&
        input.modified.scheme === DIFF_SCHEME;
      return true;
    });
    ext.deploy.setPrompts(script);
    const version = await click<string>(await lens(uri, /Update backup plan/));
    assert.ok(diffOpen, 'the confirmation came with the diff editor open');
    const tab = vscode.window.tabGroups.activeTabGroup.activeTab?.input as vscode.TabInputTextDiff;
    const right = (await vscode.workspace.openTextDocument(tab.modified)).getText();
    const left = (await vscode.workspace.openTextDocument(tab.original)).getText();
    assert.match(left, /"DeleteAfterDays": 35/);
    assert.match(right, /"DeleteAfterDays": 14/);
    assert.match(script.confirmations[0]!.detail, /Removed rules: daily\./);
    assert.match(script.confirmations[0]!.detail, ACCOUNT_LINE);
    const now = await deployed();
    assert.equal(now.VersionId, version);
    assert.notEqual(now.VersionId, was.VersionId);
    assert.deepEqual(
      now.BackupPlan?.Rules?.map((r) => [r.RuleName, r.Lifecycle?.DeleteAfterDays]),
      [['pitr', 14]],
    );
    // The diff's two sides are records, not documents being written: no Problems of theirs, then or after.
    await diagnosticsWhen(uri, (d) => d.some((x) => codeOf(x) === 'LIVE005'));
    const onDiff = vscode.languages
      .getDiagnostics()
      .filter(([u, ds]) => u.scheme === DIFF_SCHEME && ds.length > 0)
      .map(([u]) => u.toString());
    assert.deepEqual(onDiff, []);
  });

  it('Escape on the confirmation sends nothing', async () => {
    const uri = await write('it-escape-backup-plan.json', plan(21, false));
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const before = (await received('UpdateBackupPlan')).length;
    ext.deploy.setPrompts(new DeployScript(() => false));
    assert.equal(await click(await lens(uri, /Update backup plan/)), undefined);
    assert.equal((await received('UpdateBackupPlan')).length, before);
  });

  it('the plan opened from the explorer is edited and updated; one changed meanwhile is refused, not overwritten', async () => {
    const was = await deployed();
    const edit = async (doc: vscode.TextDocument, days: number): Promise<void> => {
      const e = new vscode.WorkspaceEdit();
      const text = doc.getText();
      const at = text.indexOf('"DeleteAfterDays": 14');
      assert.ok(at >= 0, text);
      e.replace(
        doc.uri,
        new vscode.Range(doc.positionAt(at), doc.positionAt(at + 21)),
        `"DeleteAfterDays": ${days}`,
      );
      await vscode.workspace.applyEdit(e);
    };
    const node = { planId, name: NAME, api: door() };
    const mine = await vscode.commands.executeCommand<vscode.Uri>('awsBackupPitr.deploy.editPlan', node);
    await edit(await vscode.workspace.openTextDocument(mine), 10);
    let nested: string | undefined;
    // While the user reviews, someone else updates the same plan (here: a second editor of it).
    const script = new DeployScript(async () => {
      if (script.confirmations.length > 1) return true;
      const theirs = await vscode.commands.executeCommand<vscode.Uri>('awsBackupPitr.deploy.editPlan', node);
      await edit(await vscode.workspace.openTextDocument(theirs), 7);
      nested = await click<string>(await lens(theirs, /Update backup plan/));
      return true;
    });
    ext.deploy.setPrompts(script);
    const before = (await received('UpdateBackupPlan')).length;
    const mineResult = await click<string>(await lens(mine, /Update backup plan/));
    assert.equal(mineResult, undefined, 'the stale update is refused');
    assert.ok(nested && nested !== was.VersionId);
    assert.equal((await received('UpdateBackupPlan')).length - before, 1, 'only the other change was sent');
    const now = await deployed();
    assert.equal(now.BackupPlan?.Rules?.[0]?.Lifecycle?.DeleteAfterDays, 7);
  });

  it('assigns resources from a selection file to the plan picked, once; the explorer lists it under the plan', async () => {
    const uri = await write('it-backup-selection.json', {
      SelectionName: 'it-selection',
      IamRoleArn: ROLE,
      Resources: ['arn:aws:dynamodb:us-east-1:123456789012:table/it-table'],
    });
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const script = new DeployScript(() => true);
    ext.deploy.setPrompts(script);
    const assign = await lens(uri, /Assign resources/);
    const first = await click<string>(assign);
    const again = await click<string>(assign);
    assert.ok(first);
    assert.equal(again, first, 'the same CreatorRequestId: the same selection');
    assert.match(script.confirmations[0]!.detail, /arn:aws:dynamodb:us-east-1:123456789012:table\/it-table/);
    assert.match(script.confirmations[0]!.detail, ACCOUNT_LINE);
    const kids = (n?: ExplorerNode) => ext.explorer.tree.getChildren(n);
    const groups = await kids((await kids())[0]);
    const plans = await kids(groups.find((g) => g.view().label === 'Backup plans'));
    const ours = plans.find((p) => p.view().label === NAME);
    const assigned = (await kids(ours)).find((k) => k.view().label === 'Resource assignments');
    assert.deepEqual(
      (await kids(assigned)).map((s) => s.view().label),
      ['it-selection'],
    );
  });

  it('Opt In turns S3 on after the confirmation, and LIVE005 goes away', async () => {
    const uri = await write('it-region-backup-plan.json', plan(35));
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    await diagnosticsWhen(uri, (d) => d.some((x) => codeOf(x) === 'LIVE005'));
    const script = new DeployScript(() => true);
    ext.deploy.setPrompts(script);
    assert.equal(await vscode.commands.executeCommand('awsBackupPitr.region.optIn'), 'S3');
    // The pick offers the types not opted in: the seeded Region has only S3 off.
    assert.deepEqual(script.offered, ['S3']);
    assert.match(script.confirmations[0]!.message, /Opt in S3 for AWS Backup in us-east-1\?/);
    assert.match(script.confirmations[0]!.detail, ACCOUNT_LINE);
    const sent = await received('UpdateRegionSettings');
    assert.equal((sent.at(-1)!.input.ResourceTypeOptInPreference as Record<string, boolean>).S3, true);
    await diagnosticsWhen(uri, (d) => !d.some((x) => codeOf(x) === 'LIVE005'));
  });
});
