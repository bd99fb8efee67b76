import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
// Types only: the extension's objects come from its own bundle.
import type { ExplorerNode } from '../../../src/explorer/nodes/base';
import type { RecoveryPointNode } from '../../../src/explorer/nodes/vault';
import { api, connectToEmulator } from './helpers';
import { pick, Script, type } from './script';

/**
 * The sample account, as a person without an AWS account uses it: opened by its command (the
 * welcome view's button), it is the emulator running inside the extension, on loopback, labelled as
 * a sample; the explorer, live lint and a whole restore work against it.
 */
describe('the sample account (the emulator inside the extension)', function () {
  this.timeout(90_000);
  let ext: Awaited<ReturnType<typeof api>>;
  const kids = (n?: ExplorerNode) => ext.explorer.tree.getChildren(n);

  before(async () => {
    ext = await api();
    await vscode.commands.executeCommand('awsBackupPitr.useSampleAccount');
  });
  after(async () => {
    ext.restore.setPrompts(undefined);
    await connectToEmulator(ext);
  });

  it('is a loopback emulator in this window, labelled as a sample', async () => {
    const c = ext.explorer.connections.api!.connection;
    assert.equal(c.sample, true);
    assert.match(c.endpoint ?? '', /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.notEqual(c.endpoint, process.env.PITR_TEST_EMULATOR_URL, 'its own emulator, not the tests’');
    const [root] = await kids();
    assert.equal(root!.view().label, 'Sample account');
    assert.match(root!.view().description ?? '', /a sample, not AWS/);
    const vaults = await kids((await kids(root))[0]);
    assert.ok(vaults.some((v) => v.view().label === 'prod-pitr'));
  });

  it('restores orders-db to its latest time; the confirmation says it is the sample account', async () => {
    const groups = await kids((await kids())[0]);
    const vault = (await kids(groups[0])).find((v) => v.view().label === 'prod-pitr');
    const node = ((await kids(vault)) as RecoveryPointNode[]).find(
      (p) => p.point.ResourceName === 'orders-db' && p.point.RecoveryPointArn?.includes(':continuous:'),
    );
    assert.ok(node, 'orders-db has a continuous point in the sample account');
    const script = new Script([
      pick(/Latest restorable time/),
      type('orders-db-sample'),
      pick(/^Continue with these settings/),
      pick(/AWSBackupDefaultServiceRole/),
    ]);
    ext.restore.setPrompts(script);
    const uri = await vscode.commands.executeCommand<vscode.Uri>(
      'awsBackupPitr.restore.fromRecoveryPoint',
      node,
    );
    const jobId = await vscode.commands.executeCommand<string>(
      'awsBackupPitr.restore.startFromDocument',
      uri,
    );
    assert.ok(jobId, 'a job started');
    assert.match(`${script.confirmations[0]!.message}\n${script.confirmations[0]!.detail}`, /Sample account/);
    const end = await ext.restore.whenFollowed(jobId);
    assert.equal(end?.status, 'COMPLETED');
  });
});
