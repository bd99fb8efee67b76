import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { startEmulator, type Emulator } from '../../../src/emulator/server';
// Types only: the extension's objects come from its own bundle.
import type { ExplorerNode } from '../../../src/explorer/nodes/base';
import type { RecoveryPointNode, VaultNode } from '../../../src/explorer/nodes/vault';
import type { Consequences } from '../../../src/lifecycle/consequences';
import type { LifecycleUi, Outcome } from '../../../src/lifecycle/stopOrDelete';
import { api, connectToEmulator, EXTENSION_ID } from './helpers';

const STOP = 'awsBackupPitr.lifecycle.stopContinuousBackup';
const DELETE = 'awsBackupPitr.lifecycle.deleteRecoveryPoint';

/** The modal and the name box, answered by a script (a modal cannot be clicked from an extension test). */
class Answers implements LifecycleUi {
  readonly modals: Consequences[] = [];
  readonly nameBoxes: string[] = [];
  constructor(
    private readonly button: 'confirm' | 'open-plan' | undefined,
    private readonly typed?: (name: string) => string,
  ) {}
  confirm(c: Consequences): Promise<'confirm' | 'open-plan' | undefined> {
    this.modals.push(c);
    return Promise.resolve(this.button);
  }
  typeName(name: string, check: (t: string) => string | undefined): Promise<string | undefined> {
    this.nameBoxes.push(name);
    const text = this.typed?.(name);
    if (text === name) assert.equal(check(text), undefined, 'the box accepts the name');
    return Promise.resolve(text);
  }
}

/**
 * Stop and delete from the explorer's context menu, in a real VS Code host. The suite runs its own
 * emulator (freshly seeded, so the points it deletes are not missed by the other suites) and
 * connects the extension to it; the shared one is connected again afterwards.
 */
describe('stop and delete recovery points in a real VS Code host', function () {
  this.timeout(60_000);
  let ext: Awaited<ReturnType<typeof api>>;
  let emu: Emulator;

  before(async () => {
    ext = await api();
    emu = await startEmulator({ bulkRecoveryPoints: 5 });
    await vscode.commands.executeCommand('awsBackupPitr.useLocalEmulator', emu.url);
    assert.equal(ext.explorer.tree.rootNode?.ctx.api.connection.endpoint, emu.url);
  });
  afterEach(() => ext.stopDelete.setUi(undefined));
  after(async () => {
    await connectToEmulator(ext);
    await emu.close();
  });

  const kids = (n?: ExplorerNode) => ext.explorer.tree.getChildren(n);
  async function vault(name: string): Promise<VaultNode> {
    const groups = await kids((await kids())[0]);
    const vaults = await kids(groups.find((g) => g.view().label === 'Backup vaults'));
    const v = vaults.find((x) => x.view().label === name);
    assert.ok(v, `vault ${name} is listed`);
    return v as VaultNode;
  }
  const pointsOf = async (v: VaultNode) =>
    ((await kids(v)) as RecoveryPointNode[]).filter((n) =>
      n.view().contextValue.startsWith('awsBackupPitr.recoveryPoint'),
    );
  async function pointNode(v: VaultNode, type: string, continuous: boolean): Promise<RecoveryPointNode> {
    const p = (await pointsOf(v)).find(
      (n) =>
        n.point.ResourceType === type &&
        n.continuous === continuous &&
        !/STOPPED|DELETING/.test(n.point.Status ?? ''),
    );
    assert.ok(p, `a ${type} point in ${v.name}`);
    return p;
  }
  const sent = () =>
    emu.state.requests.filter((r) => /^(DeleteRecoveryPoint|DisassociateRecoveryPoint)$/.test(r.operation));
  /** Resolves when the tree fires a change for `node` (the in-place redraw). */
  const redrawn = (node: ExplorerNode) =>
    new Promise<void>((resolve) => {
      const sub = ext.explorer.tree.onDidChangeTreeData((e) => {
        if (e !== node) return;
        sub.dispose();
        resolve();
      });
    });

  it('offers both on a point’s context menu only, never in the palette', () => {
    const menus = (
      vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as {
        contributes: { menus: Record<string, { command: string; when?: string }[]> };
      }
    ).contributes.menus;
    for (const id of [STOP, DELETE]) {
      assert.equal(menus.commandPalette!.find((m) => m.command === id)?.when, 'false');
      assert.match(menus['view/item/context']!.find((m) => m.command === id)?.when ?? '', /viewItem/);
    }
  });

  it('deletes an RDS continuous point from the context menu: the modal, the name, the emulator, the tree', async () => {
    const prod = await vault('prod-pitr');
    const node = await pointNode(prod, 'RDS', true);
    const arn = node.point.RecoveryPointArn!;
    assert.equal(node.view().contextValue, 'awsBackupPitr.recoveryPoint.continuous');
    const answers = new Answers('confirm', (name) => name);
    ext.stopDelete.setUi(answers);
    const redraw = redrawn(prod);
    const outcome = await vscode.commands.executeCommand<Outcome>(DELETE, node);
    assert.equal(outcome.kind, 'sent');
    const modal = answers.modals[0]!;
    assert.equal(modal.confirmLabel, 'Delete Recovery Point');
    const first = modal.detail.split('\n')[0]!;
    assert.ok(first.includes(`us-east-1 · ${emu.url}`), `the connection first: ${first}`);
    assert.ok(first.endsWith(`vault prod-pitr · recovery point ${arn}`), first);
    assert.match(modal.detail, /permanently deleted, and RDS automated backups of orders-db are turned off/);
    assert.match(
      modal.detail,
      /does not stop continuous backup: the plan pitr-orders \(rule continuous-35d\)/,
    );
    assert.deepEqual(answers.nameBoxes, ['orders-db']);
    assert.deepEqual(
      sent().map((r) => [r.operation, r.input.RecoveryPointArn]),
      [['DeleteRecoveryPoint', arn]],
    );
    assert.equal(emu.state.recoveryPoints.has(arn), false, 'the emulator no longer has it');
    await redraw;
    assert.ok(!(await pointsOf(prod)).some((n) => n.point.RecoveryPointArn === arn), 'gone from the tree');
  });

  it('Escape on the modal sends nothing', async () => {
    const prod = await vault('prod-pitr');
    const node = await pointNode(prod, 'S3', true);
    const before = sent().length;
    const answers = new Answers(undefined);
    ext.stopDelete.setUi(answers);
    const outcome = await vscode.commands.executeCommand<Outcome>(DELETE, node);
    assert.equal(outcome.kind, 'cancelled');
    assert.equal(answers.modals.length, 1);
    assert.deepEqual(answers.nameBoxes, []);
    assert.equal(sent().length, before);
    assert.ok(emu.state.recoveryPoints.has(node.point.RecoveryPointArn!));
  });

  it('"Open Backup Plan" on the modal opens the plan that would back the cluster up again, and sends nothing', async () => {
    const node = await pointNode(await vault('prod-pitr'), 'Aurora', true);
    const before = sent().length;
    const answers = new Answers('open-plan');
    ext.stopDelete.setUi(answers);
    const outcome = await vscode.commands.executeCommand<Outcome>(DELETE, node);
    assert.equal(outcome.kind, 'open-plan');
    assert.match(answers.modals[0]!.detail, /not fully deleted: it stays restorable from Aurora/);
    const doc = vscode.window.activeTextEditor?.document;
    assert.match(doc?.uri.path ?? '', /pitr-orders\.get-backup-plan\.json$/);
    assert.match(doc?.getText() ?? '', /"EnableContinuousBackup": true/);
    assert.equal(sent().length, before);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('a locked vault refuses before anything is sent, with the lock’s bounds', async () => {
    const locked = await vault('compliance-locked');
    const newest = (await pointsOf(locked)).sort(
      (a, b) => (b.point.CreationDate?.getTime() ?? 0) - (a.point.CreationDate?.getTime() ?? 0),
    )[0]!;
    const before = sent().length;
    const answers = new Answers('confirm', (name) => name);
    ext.stopDelete.setUi(answers);
    const outcome = await vscode.commands.executeCommand<Outcome>(DELETE, newest);
    assert.equal(outcome.kind, 'refused');
    assert.match(outcome.consequences.refusal ?? '', /minimum retention 7 days, maximum retention 3650 days/);
    assert.deepEqual(answers.modals, [], 'no modal');
    assert.equal(sent().length, before);
  });

  it('stops an S3 continuous backup: the tree shows it STOPPED, in place', async () => {
    const prod = await vault('prod-pitr');
    const node = await pointNode(prod, 'S3', true);
    const arn = node.point.RecoveryPointArn!;
    ext.stopDelete.setUi(new Answers('confirm'));
    const redraw = redrawn(prod);
    const outcome = await vscode.commands.executeCommand<Outcome>(STOP, node);
    assert.equal(outcome.kind, 'sent');
    await redraw;
    const after = (await pointsOf(prod)).find((n) => n.point.RecoveryPointArn === arn);
    assert.ok(after, 'still listed');
    assert.match(after.view().description ?? '', /STOPPED/);
    assert.equal(after.view().contextValue, 'awsBackupPitr.recoveryPoint.continuous.stopped');
  });

  it('deletes a snapshot: the tree shows it DELETING', async () => {
    const prod = await vault('prod-pitr');
    const node = await pointNode(prod, 'S3', false);
    const arn = node.point.RecoveryPointArn!;
    const answers = new Answers('confirm', (name) => name);
    ext.stopDelete.setUi(answers);
    const outcome = await vscode.commands.executeCommand<Outcome>(DELETE, node);
    assert.equal(outcome.kind, 'sent');
    assert.match(answers.modals[0]!.detail, /deleted for good/);
    const after = (await pointsOf(prod)).find((n) => n.point.RecoveryPointArn === arn);
    assert.match(after?.view().description ?? '', /DELETING/);
  });
});
