import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { api, codeOf, connectToEmulator, diagnosticsWhen, EXTENSION_ID, textAt } from './helpers';

/**
 * The samples a new user opens first, with the sample account connected: the vaults the template and
 * the configuration create themselves are not in the account yet, and are never reported missing
 * (LIVE001). A rule added to each that names a vault neither the file nor the account has is, which
 * shows the live check ran over the whole file.
 */
describe('the samples, connected to the sample account: no LIVE001 on a vault the file creates', function () {
  this.timeout(90_000);
  const PROBE = 'not-in-the-sample-account';
  const lint = () => vscode.workspace.getConfiguration('awsBackupPitr.lint');
  let liveBefore: boolean | undefined;

  before(async () => {
    await api();
    await vscode.commands.executeCommand('awsBackupPitr.useSampleAccount');
    // The fixture workspace turns live checks off; these tests are about them.
    liveBefore = lint().inspect<boolean>('live')?.workspaceValue;
    await lint().update('live', true, vscode.ConfigurationTarget.Workspace);
  });
  after(async () => {
    await lint().update('live', liveBefore, vscode.ConfigurationTarget.Workspace);
    await connectToEmulator(await api());
  });
  async function liveFindings(sample: string, insertAfter: string, rule: string): Promise<string[]> {
    const root = vscode.extensions.getExtension(EXTENSION_ID)!.extensionUri;
    const uri = vscode.Uri.joinPath(root, 'samples', sample);
    const onDisk = readFileSync(uri.fsPath, 'utf8');
    const doc = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(doc);
    try {
      const at = doc.getText().indexOf(insertAfter);
      assert.ok(at >= 0, `${insertAfter} is in samples/${sample}`);
      await editor.edit((e) => e.insert(doc.positionAt(at + insertAfter.length), rule));
      // The live run of the edited text: the one whose LIVE001 is on the probe.
      const ds = await diagnosticsWhen(doc.uri, (d) =>
        d.some((x) => codeOf(x) === 'LIVE001' && textAt(doc, x).includes(PROBE)),
      );
      return ds.filter((x) => codeOf(x) === 'LIVE001').map((d) => textAt(doc, d));
    } finally {
      // The sample is the user's first file: never left edited, on disk or in the editor.
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('workbench.action.files.revert');
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      assert.equal(doc.isDirty, false);
      assert.equal(readFileSync(uri.fsPath, 'utf8'), onDisk);
    }
  }

  it('samples/backup-template.yaml: the BackupVault it declares (TargetBackupVault: !Ref BackupVault)', async () => {
    const found = await liveFindings(
      'backup-template.yaml',
      'BackupPlanRule:\n',
      `          - { RuleName: Probe, TargetBackupVault: ${PROBE} }\n          - { RuleName: ByName, TargetBackupVault: pitr-vault }\n`,
    );
    assert.deepEqual(found, [PROBE]);
  });

  it('samples/backup.tf: the aws_backup_vault it declares (aws_backup_vault.primary.name)', async () => {
    const found = await liveFindings(
      'backup.tf',
      '  name = "seminar-plan"\n',
      `\n  rule {\n    rule_name         = "probe"\n    target_vault_name = "${PROBE}"\n  }\n\n  rule {\n    rule_name         = "by-name"\n    target_vault_name = "pitr-dr"\n  }\n`,
    );
    assert.deepEqual(found, [`"${PROBE}"`]);
  });
});
