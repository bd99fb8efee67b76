import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  api,
  codeOf,
  connectToEmulator,
  diagnosticsWhen,
  fileUri,
  open,
  ours,
  textAt,
  quickFix,
} from './helpers';

/** Static findings only: the live checks (LIVE…) come when the explorer is connected. */
const staticCodes = (ds: vscode.Diagnostic[]): string[] =>
  ds
    .map(codeOf)
    .filter((c) => !c.startsWith('LIVE'))
    .sort();

function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n');
}

describe('Terraform files in a real VS Code host', () => {
  before(async () => {
    await api();
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it("the seminar's plan in a .tf file shows pitr-lint's findings on its lines, and the quick fixes edit the HCL", async () => {
    const { doc } = await open('terraform/seminar.tf');
    assert.equal(doc.languageId, 'terraform');
    // The HCL parser starts (WebAssembly, from the extension's dist/) on the first .tf file.
    const ds = await diagnosticsWhen(doc.uri, (d) => staticCodes(d).length >= 6);
    assert.deepEqual(staticCodes(ds), ['PITR002', 'PITR003', 'PITR004', 'PLAN001', 'PLAN002', 'PLAN003']);
    const by = (code: string) => ours(doc.uri).find((x) => codeOf(x) === code)!;
    assert.equal(textAt(doc, by('PLAN001')), '"cron(0 5 * * *)"');
    assert.equal(by('PLAN001').range.start.line, 17);
    assert.equal(textAt(doc, by('PLAN002')), '30');
    assert.match(by('PLAN002').message, /start_window is 30/);
    assert.equal(textAt(doc, by('PITR003')), 'cold_storage_after');
    assert.equal(by('PITR003').range.start.line, 22);

    await quickFix(doc, by('PLAN002'), 'Change to 60');
    await diagnosticsWhen(doc.uri, (d) => !d.some((x) => codeOf(x) === 'PLAN002'));
    assert.equal(doc.lineAt(18).text, '    start_window             = 60');

    await quickFix(doc, by('PLAN001'), 'Change to "cron(0 5 ? * * *)"');
    await diagnosticsWhen(doc.uri, (d) => !d.some((x) => codeOf(x) === 'PLAN001'));
    assert.equal(doc.lineAt(17).text, '    schedule                 = "cron(0 5 ? * * *)"');

    await quickFix(doc, by('PITR003'), 'Remove cold_storage_after');
    // PLAN003 (retention less than cold storage plus 90 days) goes with it.
    const after = await diagnosticsWhen(doc.uri, (d) => staticCodes(d).length === 2);
    assert.deepEqual(staticCodes(after), ['PITR002', 'PITR004']);
    // The line is gone, the block intact.
    assert.match(doc.getText(), /\n {4}lifecycle \{\n {6}delete_after {7}= 90\n {4}\}\n/);
  });

  it('hover gives the API documentation of the field an argument maps to, and what a reference resolves to; completion offers the arguments of the block', async () => {
    const { doc, editor } = await open('terraform/seminar.tf');
    await diagnosticsWhen(doc.uri, (d) => d.length > 0);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      doc.uri,
      doc.positionAt(doc.getText().indexOf('target_vault_name') + 2),
    );
    const text = hoverText(hovers);
    assert.match(text, /\*\*target_vault_name\*\*/);
    assert.match(text, /The API's `TargetBackupVaultName`/);
    assert.match(text, /Resolves to `pitr-primary`/);

    const at = new vscode.Position(20, 0); // the blank line before `lifecycle {`
    await editor.edit((e) => e.insert(at, '    comp'));
    const list = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      doc.uri,
      at.translate(0, 8),
    );
    const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    assert.ok(labels.includes('completion_window'), labels.join(', '));
    assert.ok(!labels.includes('start_window'), 'already set');
  });

  it('a .tf file with no AWS Backup plan or selection gets nothing, open or linted with the workspace', async () => {
    const ext = await api();
    const { doc } = await open('terraform/storage.tf');
    assert.equal(doc.languageId, 'terraform');
    assert.equal(ext.lintResultFor(doc.uri), undefined);
    await vscode.commands.executeCommand('awsBackupPitr.lintWorkspace');
    assert.deepEqual(ours(doc.uri), []);
    assert.ok(ours(fileUri('terraform/seminar.tf')).length > 0, 'the workspace lint read the other .tf file');
  });

  it('with the explorer connected, a vault the file names that neither it nor the account has is LIVE001; one it creates is not', async () => {
    await connectToEmulator(await api());
    // The fixture workspace turns live checks off; this test is about them.
    const lint = () => vscode.workspace.getConfiguration('awsBackupPitr.lint');
    const before = lint().inspect<boolean>('live')?.workspaceValue;
    await lint().update('live', true, vscode.ConfigurationTarget.Workspace);
    try {
      const { doc, editor } = await open('terraform/seminar.tf');
      // The vault "primary" names is no longer declared here: its reference is the vault "dr".
      const name = doc.getText().indexOf('name = "pitr-primary"');
      await editor.edit((e) =>
        e.replace(new vscode.Range(doc.positionAt(name), doc.positionAt(name + 21)), 'name = "pitr-gone"'),
      );
      const target = doc.getText().indexOf('aws_backup_vault.primary.name');
      await editor.edit((e) =>
        e.replace(new vscode.Range(doc.positionAt(target), doc.positionAt(target + 29)), '"pitr-primary"'),
      );
      const ds = await diagnosticsWhen(doc.uri, (d) => d.some((x) => codeOf(x) === 'LIVE001'));
      const live = ds.filter((x) => codeOf(x) === 'LIVE001');
      // The copy's vault (`aws_backup_vault.dr.arn`) is known only when Terraform applies: not asked about.
      assert.deepEqual(
        live.map((d) => textAt(doc, d)),
        ['"pitr-primary"'],
      );
      assert.match(live[0]!.message, /Backup vault "pitr-primary" does not exist/);
    } finally {
      await lint().update('live', before, vscode.ConfigurationTarget.Workspace);
    }
  });
});
