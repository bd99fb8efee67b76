import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, codeOf, diagnosticsWhen, open, textAt, quickFix } from './helpers';

describe('CloudFormation templates in a real VS Code host', () => {
  before(async () => {
    await api();
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('a YAML template shows diagnostics on its lines, and the quick fixes edit the YAML as it is written', async () => {
    const { doc } = await open('cloudformation/pitr-stack.yaml');
    assert.equal(doc.languageId, 'yaml');
    const ds = await diagnosticsWhen(doc.uri, (d) => d.length >= 3);
    // PLAN003 too: 35 days is less than cold storage after 7 days plus 90.
    assert.deepEqual(ds.map(codeOf), ['PLAN001', 'PITR003', 'PLAN003']);
    const [cron, cold] = ds as [vscode.Diagnostic, vscode.Diagnostic];
    assert.equal(textAt(doc, cron), 'cron(0 5 * * *)');
    assert.equal(cron.range.start.line, 17);
    assert.equal(textAt(doc, cold), 'MoveToColdStorageAfterDays');

    await quickFix(doc, cron, 'Change to "cron(0 5 ? * * *)"');
    await diagnosticsWhen(doc.uri, (d) => !d.some((x) => codeOf(x) === 'PLAN001'));
    // Plain as it was written, the comment kept.
    assert.equal(doc.lineAt(17).text, '            ScheduleExpression: cron(0 5 ? * * *) # five fields');

    const now = await diagnosticsWhen(doc.uri, (d) => d.some((x) => codeOf(x) === 'PITR003'));
    await quickFix(
      doc,
      now.find((x) => codeOf(x) === 'PITR003')!,
      'Remove MoveToColdStorageAfterDays',
    );
    const after = await diagnosticsWhen(doc.uri, (d) => d.length === 0);
    assert.deepEqual(after, []);
    // The line is gone, the block mapping intact.
    assert.match(doc.getText(), /\n {12}Lifecycle:\n {14}DeleteAfterDays: 35\n$/);
  });

  it('hover on a template key gives the API documentation and what its !Ref resolves to', async () => {
    const { doc } = await open('cloudformation/pitr-stack.yaml');
    await diagnosticsWhen(doc.uri, (d) => d.length > 0);
    const at = doc.positionAt(doc.getText().indexOf('TargetBackupVault') + 2);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      doc.uri,
      at,
    );
    const text = hovers
      .flatMap((h) => h.contents)
      .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
      .join('\n');
    assert.match(text, /\*\*TargetBackupVault\*\*/);
    assert.match(text, /Resolves to `pitr-vault`/);
  });
});
