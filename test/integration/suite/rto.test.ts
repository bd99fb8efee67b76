import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExplorerNode } from '../../../src/explorer/nodes/base';
import { api, codeOf, connectToEmulator, diagnosticsWhen, quickFix, textAt } from './helpers';

/**
 * The measured RTO in the recovery posture view, in a real VS Code host against the run's emulator:
 * the RTO drawn beside the RPO, "never restored" marked, and awsBackupPitr.posture.rtoTargets giving
 * the verdicts (the seeded Aurora cluster's latest restore test, about 5 hours, misses 4 hours).
 */
describe('the recovery posture view: RTO beside RPO', function () {
  this.timeout(90_000);
  let ext: Awaited<ReturnType<typeof api>>;
  const posture = () => vscode.workspace.getConfiguration('awsBackupPitr.posture');

  before(async () => {
    ext = await api();
    await connectToEmulator(ext);
    await posture().update('rtoTargets', { '*': '4h' }, vscode.ConfigurationTarget.Global);
  });
  after(async () => {
    ext.posture.panel?.dispose();
    await posture().update('rtoTargets', undefined, vscode.ConfigurationTarget.Global);
  });

  it('draws each RTO, marks the resources never restored, and holds the RTO against the target set', async () => {
    ext.posture.panel?.dispose();
    await vscode.commands.executeCommand('awsBackupPitr.posture.show');
    const panel = ext.posture.panel!;
    const drawn = panel.lastDrawn ?? (await panel.whenDrawn());
    assert.ok(drawn, 'the report was drawn');
    const rows = panel.report!.rows;
    const cluster = rows.find((r) => r.resourceName === 'analytics-cluster')!;
    assert.equal(cluster.rtoVerdict, 'misses');
    assert.equal(cluster.rtoBasis, 'restore test');
    assert.equal(cluster.rtoTargetMs, 4 * 3_600_000);
    const i = rows.indexOf(cluster);
    assert.match(drawn.rto[i]!, /^4 h \d+ min \(test\)$/, 'the webview drew its RTO in its row');
    const never = rows.filter((r) => r.rtoMs === null);
    assert.ok(never.length > 0);
    assert.ok(never.every((r) => r.rtoVerdict === 'untested'));
    assert.equal(drawn.neverMarked, never.length, 'every resource never restored is marked as such');
    assert.ok(drawn.rto.filter((t) => t === 'never restored').length === never.length);
  });

  it('the explorer lists the seeded restore testing plan, its selections and its jobs', async () => {
    const tree = ext.explorer.tree;
    const kids = (n?: ExplorerNode) => tree.getChildren(n);
    const named = async (n: ExplorerNode | undefined, label: string) =>
      (await kids(n)).find((k) => k.view().label === label)!;
    const group = await named((await kids())[0], 'Restore testing');
    const plan = await named(group, 'orders_weekly_restore_test');
    assert.ok(plan, 'the seeded plan');
    const selections = (await kids(await named(plan, 'Selections'))).map((s) => tree.getTreeItem(s).label);
    assert.deepEqual(selections, ['aurora_clusters', 'rds_instances']);
    const jobs = (await kids(await named(plan, 'Restore jobs'))).map((j) =>
      String(tree.getTreeItem(j).description),
    );
    assert.ok(
      jobs.some((d) => /^COMPLETED · 4 h \d+ min · validation SUCCESSFUL · deletion SUCCESSFUL$/.test(d)),
      jobs.join('\n'),
    );
  });

  it('lints a restore testing plan as it is written: a StartWindowHours of 200 is an error, and its fix clears it', async () => {
    const doc = await vscode.workspace.openTextDocument({
      language: 'json',
      content: JSON.stringify(
        {
          RestoreTestingPlanName: 'nightly_tests',
          ScheduleExpression: 'cron(0 1 ? * SUN *)',
          StartWindowHours: 200,
          RecoveryPointSelection: {
            Algorithm: 'LATEST_WITHIN_WINDOW',
            IncludeVaults: ['*'],
            RecoveryPointTypes: ['CONTINUOUS', 'SNAPSHOT'],
          },
        },
        null,
        2,
      ),
    });
    await vscode.window.showTextDocument(doc);
    try {
      const ds = await diagnosticsWhen(doc.uri, (d) => d.length > 0);
      assert.deepEqual(ds.map(codeOf), ['RTP001']);
      assert.equal(textAt(doc, ds[0]!), '200');
      assert.equal(ds[0]!.severity, vscode.DiagnosticSeverity.Error);
      await quickFix(doc, ds[0]!, 'Change to 168');
      await diagnosticsWhen(doc.uri, (d) => d.length === 0);
      assert.match(doc.getText(), /"StartWindowHours": 168/);
    } finally {
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  });
});
