import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
// Types only: the extension's nodes come from its own bundle, so `instanceof` would not match.
import type { ExplorerNode } from '../../../src/explorer/nodes/base';
import type { PlanNode } from '../../../src/explorer/nodes/plan';
import type { RecoveryPointNode, VaultNode } from '../../../src/explorer/nodes/vault';
import { api, connectToEmulator, emulatorControl } from './helpers';

async function requests(operation: string): Promise<number> {
  const all = (await emulatorControl('requests')) as { operation: string }[];
  return all.filter((r) => r.operation === operation).length;
}

describe('the explorer in a real VS Code host, against the emulator', function () {
  this.timeout(60_000);
  let tree: Awaited<ReturnType<typeof api>>['explorer']['tree'];

  before(async function () {
    const ext = await api();
    tree = ext.explorer.tree;
    await connectToEmulator(ext);
  });
  afterEach(() => emulatorControl('faults', {}));

  const kids = (n?: ExplorerNode) => tree.getChildren(n);
  const kind = (n: ExplorerNode | undefined) => n?.view().contextValue ?? '';
  const isPoint = (n: ExplorerNode) => kind(n).startsWith('awsBackupPitr.recoveryPoint');
  const group = async (label: string) =>
    (await kids((await kids())[0])).find((g) => g.view().label === label)!;
  const vault = async (name: string) =>
    (await kids(await group('Backup vaults'))).find(
      (v) => kind(v).startsWith('awsBackupPitr.vault') && v.view().label === name,
    ) as VaultNode;

  it('shows the connection, and the vaults with type, lock and count', async () => {
    const [root] = await kids();
    const item = tree.getTreeItem(root!);
    assert.equal(item.label, 'Local emulator');
    assert.match(String(item.description), /us-east-1/);
    const names = (await kids(await group('Backup vaults'))).map((v) => tree.getTreeItem(v).label);
    assert.deepEqual(names, [
      'Default',
      'prod-pitr',
      'compliance-locked',
      'airgapped-lag',
      'empty-vault',
      'bulk-archive',
    ]);
    assert.match(
      String(tree.getTreeItem(await vault('compliance-locked')).description),
      /locked 7–3650 days/,
    );
  });

  it('lists continuous points first, marked PITR, with their restorable window', async () => {
    const points = await kids(await vault('prod-pitr'));
    const first = tree.getTreeItem(points[0]!);
    assert.match(
      String(first.description),
      /^PITR · .* · restorable \d{4}-\d\d-\d\d \d\d:\d\d:\d\d → \d{4}-\d\d-\d\d \d\d:\d\d:\d\d$|STOPPED/,
    );
    assert.match(first.tooltip as string, /UTC/);
    assert.equal(first.contextValue, 'awsBackupPitr.recoveryPoint.continuous');
  });

  it('pages a large vault with "Load more", one request a page; refreshing a node costs one request', async () => {
    const bulk = await vault('bulk-archive');
    const before = await requests('ListRecoveryPointsByBackupVault');
    let children = await kids(bulk);
    assert.equal(children.filter(isPoint).length, 100);
    const more = children.at(-1)!;
    assert.equal(kind(more), 'awsBackupPitr.loadMore');
    const item = tree.getTreeItem(more);
    assert.equal(item.command?.command, 'awsBackupPitr.explorer.loadMore');
    await vscode.commands.executeCommand(
      item.command.command,
      ...((item.command.arguments ?? []) as unknown[]),
    );
    children = await kids(bulk);
    assert.equal(children.filter(isPoint).length, 200);
    assert.equal((await requests('ListRecoveryPointsByBackupVault')) - before, 2);
    // On to the end of the vault: 1,200 points, 12 pages, then no "Load more".
    while (kind(children.at(-1)) === 'awsBackupPitr.loadMore') {
      await vscode.commands.executeCommand('awsBackupPitr.explorer.loadMore', bulk);
      children = await kids(bulk);
    }
    assert.equal(children.filter(isPoint).length, 1200);
    assert.equal((await requests('ListRecoveryPointsByBackupVault')) - before, 12);
    const vaultsBefore = await requests('ListBackupVaults');
    await vscode.commands.executeCommand('awsBackupPitr.explorer.refresh', bulk);
    await kids(bulk);
    assert.equal(
      (await requests('ListRecoveryPointsByBackupVault')) - before,
      13,
      'one request for the refreshed node',
    );
    assert.equal(await requests('ListBackupVaults'), vaultsBefore, 'and none for anything else');
  });

  it('filters a vault on the server and shows the filter on the node', async () => {
    const pitr = await vault('prod-pitr');
    pitr.filter = { ByResourceType: 'RDS' };
    await vscode.commands.executeCommand('awsBackupPitr.explorer.refresh', pitr);
    const points = await kids(pitr);
    assert.ok(
      points.length > 0 &&
        points.every((p) => /(^|· )RDS( ·|$)/.test(String(tree.getTreeItem(p).description))),
    );
    assert.match(String(tree.getTreeItem(pitr).description), /filtered: type RDS/);
    await vscode.commands.executeCommand('awsBackupPitr.explorer.clearFilter', pitr);
    assert.doesNotMatch(String(tree.getTreeItem(pitr).description), /filtered/);
  });

  it('shows a failure as an error node, and its retry loads again', async () => {
    await emulatorControl('faults', { accessDenied: ['ListBackupPlans'] });
    const plans = await group('Backup plans');
    await vscode.commands.executeCommand('awsBackupPitr.explorer.refresh', plans);
    const [err] = await kids(plans);
    assert.equal(kind(err), 'awsBackupPitr.error');
    const item = tree.getTreeItem(err!);
    assert.match(item.label as string, /Could not list backup plans: Access denied/);
    await emulatorControl('faults', {});
    await vscode.commands.executeCommand(
      item.command!.command,
      ...((item.command!.arguments ?? []) as unknown[]),
    );
    const again = await kids(plans);
    assert.ok(again.some((p) => kind(p) === 'awsBackupPitr.plan' && p.view().label === 'pitr-orders'));
  });

  it('offers to sign in again when the credentials expired', async () => {
    await emulatorControl('faults', { expiredCredentials: true });
    const v = await vault('empty-vault');
    await vscode.commands.executeCommand('awsBackupPitr.explorer.refresh', v);
    const [err] = await kids(v);
    assert.equal(tree.getTreeItem(err!).contextValue, 'awsBackupPitr.error.signIn');
  });

  it('copies an ARN, and opens a plan as a JSON document the linter checks', async () => {
    const pitr = (await kids(await group('Backup plans'))).find(
      (p) => kind(p) === 'awsBackupPitr.plan' && p.view().label === 'pitr-orders',
    ) as PlanNode;
    const bulk = await vault('bulk-archive');
    await vscode.commands.executeCommand('awsBackupPitr.explorer.copyArn', bulk);
    assert.equal(
      await vscode.env.clipboard.readText(),
      'arn:aws:backup:us-east-1:123456789012:backup-vault:bulk-archive',
    );
    const opened = new Promise<vscode.TextDocument>((resolve) => {
      const sub = vscode.workspace.onDidOpenTextDocument((d) => {
        if (d.uri.scheme === 'aws-backup-pitr' && d.languageId === 'json') {
          sub.dispose();
          resolve(d);
        }
      });
    });
    await vscode.commands.executeCommand('awsBackupPitr.explorer.openPlanJson', pitr);
    const doc = await opened;
    assert.match(doc.getText(), /"EnableContinuousBackup": true/);
    const ext = await api();
    assert.equal(ext.lintResultFor(doc.uri)?.result.recognition.kind, 'get-backup-plan');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });
});

describe('the restore timeline webview', function () {
  this.timeout(60_000);
  it("draws a resource's continuous window, snapshots and restore jobs", async () => {
    const ext = await api();
    const tree = ext.explorer.tree;
    const [root] = await tree.getChildren();
    const vaults = (await tree.getChildren(root)).find((g) => g.view().label === 'Backup vaults')!;
    const pitr = (await tree.getChildren(vaults)).find((v) => v.view().label === 'prod-pitr')!;
    const point = (await tree.getChildren(pitr)).find(
      (p) =>
        p.view().label === 'orders-db' && p.view().contextValue === 'awsBackupPitr.recoveryPoint.continuous',
    )!;
    assert.ok(point, 'the continuous orders-db point');
    await vscode.commands.executeCommand('awsBackupPitr.explorer.showTimeline', point);
    const panel = ext.explorer.lastTimeline;
    assert.ok(panel, 'a timeline panel opened');
    assert.equal(panel.panel.title, 'Timeline: orders-db');
    assert.match(
      panel.panel.webview.html,
      /Content-Security-Policy" content="default-src 'none'; style-src [^;]+; script-src 'nonce-[A-Za-z0-9]{32}'/,
    );
    const drawn = await panel.whenDrawn();
    assert.equal(drawn.windows, 1);
    assert.equal(drawn.snapshots, 7);
    assert.ok(drawn.jobs >= 1);
    // What the webview asks for is checked: a point it was not given, or a time that is not one,
    // starts nothing; a click on the window is a second inside it.
    const arn = (point as RecoveryPointNode).point.RecoveryPointArn!;
    assert.equal(
      panel.restoreFor('arn:aws:backup:us-east-1:123456789012:recovery-point:continuous:elsewhere', 0),
      undefined,
    );
    assert.equal(panel.restoreFor({ arn }, 0), undefined);
    const clicked = panel.restoreFor(arn, Date.now() - 3_600_000 + 0.6);
    assert.equal(clicked?.point.RecoveryPointArn, arn);
    assert.equal(clicked?.time?.getMilliseconds(), 0);
    assert.equal(panel.restoreFor(arn, 'soon')?.time, undefined, 'a time that is not a number is not used');
    panel.panel.dispose();
  });
});

describe('live lint checks against the connected account', function () {
  this.timeout(60_000);
  it('LIVE001: a target vault that does not exist in the account and Region', async () => {
    const c = vscode.workspace.getConfiguration('awsBackupPitr.lint');
    const before = c.inspect<boolean>('live')?.workspaceValue;
    await c.update('live', true, vscode.ConfigurationTarget.Workspace);
    try {
      const doc = await vscode.workspace.openTextDocument(
        vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0]!.uri, 'live-plan.json'),
      );
      await vscode.window.showTextDocument(doc);
      const ds = await new Promise<vscode.Diagnostic[]>((resolve) => {
        const check = () => {
          const found = vscode.languages
            .getDiagnostics(doc.uri)
            .filter((d) => d.source === 'aws-backup-pitr');
          if (found.some((d) => typeof d.code === 'object' && d.code.value === 'LIVE001')) {
            sub.dispose();
            resolve(found);
          }
        };
        const sub = vscode.languages.onDidChangeDiagnostics(check);
        check();
      });
      const live = ds.filter((d) => typeof d.code === 'object' && d.code.value === 'LIVE001');
      assert.equal(live.length, 1);
      assert.equal(doc.getText(live[0]!.range), '"no-such-vault"');
      assert.match(live[0]!.message, /does not exist in us-east-1 \(account 123456789012\)/);
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    } finally {
      await c.update('live', before, vscode.ConfigurationTarget.Workspace);
    }
  });
});

describe('several Regions', function () {
  this.timeout(60_000);
  it('shows one node per Region by setting; a failing Region does not hide the others', async () => {
    const ext = await api();
    const tree = ext.explorer.tree;
    const c = vscode.workspace.getConfiguration('awsBackupPitr.aws');
    const rootsAre = (n: number) =>
      new Promise<void>((resolve) => {
        if (tree.rootNodes.length === n) return resolve();
        const sub = tree.onDidChangeTreeData(() => {
          if (tree.rootNodes.length === n) {
            sub.dispose();
            resolve();
          }
        });
      });
    await c.update('regions', ['eu-west-1'], vscode.ConfigurationTarget.Global);
    try {
      await rootsAre(2);
      const [home, eu] = await tree.getChildren();
      assert.match(String(tree.getTreeItem(eu!).description), /^eu-west-1/);
      const euVaults = (await tree.getChildren(eu)).find((g) => g.view().label === 'Backup vaults')!;
      const [err] = await tree.getChildren(euVaults);
      // The emulator serves us-east-1 only: requests signed for another Region are refused.
      assert.match(err!.view().contextValue, /^awsBackupPitr\.error/);
      const homeVaults = (await tree.getChildren(home)).find((g) => g.view().label === 'Backup vaults')!;
      assert.ok((await tree.getChildren(homeVaults)).some((v) => v.view().label === 'prod-pitr'));
    } finally {
      await c.update('regions', undefined, vscode.ConfigurationTarget.Global);
    }
    await rootsAre(1);
  });
});
