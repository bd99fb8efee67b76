import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, codeOf, diagnosticsWhen, fileUri, open, ours, textAt } from './helpers';

describe('lint in a real VS Code host', () => {
  before(async () => {
    await api();
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it("flags the seminar plan's five-field cron on its value, and the quick fix clears it", async () => {
    const { doc } = await open('backup-plan.json');
    const ds = await diagnosticsWhen(doc.uri, (d) => d.length > 0);
    assert.deepEqual(ds.map(codeOf), ['PLAN001']);
    const d = ds[0]!;
    assert.equal(textAt(doc, d), '"cron(0 5 * * *)"');
    assert.equal(d.range.start.line, 5);
    assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
    assert.ok(typeof d.code === 'object' && String(d.code.target).includes('eventbridge'));

    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      doc.uri,
      d.range,
    );
    const fix = actions.find((a) => a.title.includes('cron(0 5 ? * * *)'));
    assert.ok(fix?.edit, `no quick fix among: ${actions.map((a) => a.title).join(', ')}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    const after = await diagnosticsWhen(doc.uri, (x) => x.length === 0);
    assert.deepEqual(after, []);
    assert.match(doc.getText(), /"cron\(0 5 \? \* \* \*\)"/);
  });

  it('reports PITR rules at the key or value at fault, and removes cold storage with a fix', async () => {
    const { doc } = await open('continuous-plan.json');
    const ds = await diagnosticsWhen(doc.uri, (d) => d.length >= 2);
    const byCode = new Map(ds.map((d) => [codeOf(d), d]));
    assert.equal(textAt(doc, byCode.get('PITR003')!), '"MoveToColdStorageAfterDays"');
    assert.equal(textAt(doc, byCode.get('PITR002')!), '60');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      doc.uri,
      byCode.get('PITR003')!.range,
    );
    const remove = actions.find((a) => a.title === 'Remove MoveToColdStorageAfterDays');
    assert.ok(remove?.edit);
    assert.ok(await vscode.workspace.applyEdit(remove.edit));
    const after = await diagnosticsWhen(doc.uri, (x) => !x.some((d) => codeOf(d) === 'PITR003'));
    assert.ok(!doc.getText().includes('MoveToColdStorageAfterDays'));
    assert.ok(JSON.parse(doc.getText()), 'the document is still valid JSON after the fix');
    assert.deepEqual(
      after.map(codeOf).sort(),
      ['PITR002', 'PLAN003'].filter((c) => after.some((d) => codeOf(d) === c)).sort(),
    );
  });

  it('lints as you type, debounced, and drops the old findings', async () => {
    const { doc, editor } = await open('backup-selection.json');
    const first = await diagnosticsWhen(doc.uri, (d) => d.some((x) => codeOf(x) === 'SEL003'));
    const role = first.find((x) => codeOf(x) === 'SEL003')!;
    await editor.edit((e) => e.replace(role.range, '"arn:aws:iam::123456789012:role/BackupRole"'));
    const after = await diagnosticsWhen(doc.uri, (d) => !d.some((x) => codeOf(x) === 'SEL003'));
    assert.deepEqual(after.map(codeOf), []);
  });

  it('checks restore metadata: a non-string value, with a fix that quotes it', async () => {
    const { doc } = await open('restore-metadata.json');
    const ds = await diagnosticsWhen(doc.uri, (d) => d.some((x) => codeOf(x) === 'RST001'));
    const rst001 = ds.find((x) => codeOf(x) === 'RST001')!;
    assert.equal(textAt(doc, rst001), 'true');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      doc.uri,
      rst001.range,
    );
    const quote = actions.find((a) => a.title.startsWith('Quote as'));
    assert.ok(quote?.edit);
    assert.ok(await vscode.workspace.applyEdit(quote.edit));
    await diagnosticsWhen(doc.uri, (d) => !d.some((x) => codeOf(x) === 'RST001'));
    assert.match(doc.getText(), /"Encrypted": "true"/);
  });

  it('reports comments as JSON001: the AWS CLI cannot read them', async () => {
    const { doc } = await open('with-comments.json');
    const ds = await diagnosticsWhen(doc.uri, (d) => d.some((x) => codeOf(x) === 'JSON001'));
    const d = ds.find((x) => codeOf(x) === 'JSON001')!;
    assert.equal(d.range.start.line, 1);
    assert.match(textAt(doc, d), /^\/\/ The AWS CLI/);
  });

  it('lints files matched by the awsBackupPitr.lint.files glob setting', async () => {
    const { doc } = await open('custom/nightly.json');
    const ds = await diagnosticsWhen(doc.uri, (d) => d.length > 0);
    assert.deepEqual(ds.map(codeOf), ['PLAN002']);
    assert.equal(textAt(doc, ds[0]!), '15');
  });

  it('leaves other JSON files alone', async () => {
    const ext = await api();
    const { doc } = await open('tsconfig-like.json');
    // The extension lints on open synchronously; when it had recognised the file, the result is there now.
    assert.equal(ext.lintResultFor(doc.uri), undefined);
    assert.deepEqual(ours(doc.uri), []);
  });

  it('clears diagnostics when the file is closed', async () => {
    const { doc } = await open('close-me-backup-plan.json');
    await diagnosticsWhen(doc.uri, (d) => d.length > 0);
    const cleared = diagnosticsWhen(doc.uri, (d) => d.length === 0);
    // VS Code disposes a closed editor's document model lazily; a language change closes the
    // document (onDidCloseTextDocument) at once, which is the event the extension clears on.
    await vscode.languages.setTextDocumentLanguage(doc, 'plaintext');
    assert.deepEqual(await cleared, []);
  });

  it('completes property names and enum values from the schemas, and hovers with docs', async () => {
    const ext = await api();
    // Property names inside a rule of a plan: type an empty key, as the editor's auto-closing quotes leave it.
    const plan = await open('backup-plan.json');
    await diagnosticsWhen(plan.doc.uri, (d) => d.length > 0);
    const ruleLine = plan.doc.lineAt(4); // "RuleName": "DailyBackups",
    const pos = new vscode.Position(4, ruleLine.firstNonWhitespaceCharacterIndex);
    await plan.editor.edit((e) => e.insert(pos, '"",\n      '));
    const list = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      plan.doc.uri,
      pos.translate(0, 1),
    );
    const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    assert.ok(labels.includes('CopyActions'), `no CopyActions among ${labels.join(', ')}`);
    assert.ok(labels.includes('ScheduleExpressionTimezone'));
    assert.ok(!labels.includes('RuleName'), 'RuleName is already present and must not be offered');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');

    const { doc } = await open('start-restore-job.json');
    await diagnosticsWhen(doc.uri, () => ext.lintResultFor(doc.uri) !== undefined);
    const text = doc.getText();
    const keyOffset = text.indexOf('"ResourceType"') + 3;
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      doc.uri,
      doc.positionAt(keyOffset),
    );
    const md = hovers
      .flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : '')))
      .join('\n');
    assert.match(md, /ResourceType/);
    const valueOffset = text.indexOf('"RDS"') + 1;
    const values = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      doc.uri,
      doc.positionAt(valueOffset),
    );
    const valueLabels = values.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    assert.ok(
      valueLabels.includes('"Aurora"') && valueLabels.includes('"S3"'),
      `values: ${valueLabels.join(', ')}`,
    );
  });

  it('lints the whole workspace from the command, closed files included', async () => {
    const uri = fileUri('custom/nightly.json');
    const result = await vscode.commands.executeCommand<{ files: number; errors: number }>(
      'awsBackupPitr.lintWorkspace',
    );
    // Every fixture but tsconfig-like.json (and one a test reopened as plain text).
    assert.ok(result.files >= 7, `linted ${result.files} files`);
    const ds = await diagnosticsWhen(uri, (d) => d.length > 0);
    assert.deepEqual(ds.map(codeOf), ['PLAN002']);
  });
});
