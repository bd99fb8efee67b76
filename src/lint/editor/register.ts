import * as vscode from 'vscode';
import { LINTED_ENDINGS } from '../kinds';
import { isLintable, LintDiagnostics } from './diagnostics';
import { readLintSettings } from './settings';
import { LintStatusItem } from './statusItem';

export interface LintFeature {
  diagnostics: LintDiagnostics;
  lintWorkspace(): Promise<{ files: number; errors: number }>;
}

/**
 * The lint feature in the editor: diagnostics, quick fixes, completion and hover come from
 * `pitr-lsp` through vscode-languageclient (./server.ts); the status item and a command are here.
 * The lint engine itself is not loaded into the extension host.
 */
export function registerLint(context: vscode.ExtensionContext): LintFeature {
  const diagnostics = new LintDiagnostics(context);
  context.subscriptions.push(diagnostics, new LintStatusItem(diagnostics));

  async function lintWorkspace(): Promise<{ files: number; errors: number }> {
    // The AWS CLI's JSON files and templates (.yaml, .yml, .template; the CDK's cdk.out/*.template.json).
    const endings = LINTED_ENDINGS;
    const uris = await vscode.workspace.findFiles(
      `**/*.{${endings.join(',')}}`,
      '{**/node_modules/**,**/.git/**}',
      10_000,
    );
    const open = new Map(vscode.workspace.textDocuments.map((d) => [d.uri.toString(), d]));
    let files = 0;
    let errors = 0;
    for (const uri of uris) {
      const doc = open.get(uri.toString());
      if (doc && !isLintable(doc)) continue; // open as another language: not an AWS Backup file now
      const settings = readLintSettings(uri);
      if (!settings.enable) continue;
      // An open document's result for its current version, or the text linted now through the server.
      const current = doc ? diagnostics.resultFor(uri) : undefined;
      const result =
        current && current.version === doc?.version
          ? current.result
          : await diagnostics.lintText(
              uri,
              doc ? doc.getText() : new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)),
              !doc,
            );
      if (!result) continue;
      files++;
      errors += result.findings.filter((f) => f.severity === 'error').length;
    }
    return { files, errors };
  }

  context.subscriptions.push(
    vscode.commands.registerCommand('awsBackupPitr.lintWorkspace', async () => {
      const { files, errors } = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Window, title: 'Linting AWS Backup files' },
        () => lintWorkspace(),
      );
      await vscode.commands.executeCommand('workbench.actions.view.problems');
      void vscode.window.showInformationMessage(
        files === 0
          ? 'No AWS Backup files found in the workspace.'
          : `Linted ${files} AWS Backup file${files === 1 ? '' : 's'}: ${errors} error${errors === 1 ? '' : 's'}.`,
      );
      return { files, errors };
    }),
  );
  return { diagnostics, lintWorkspace };
}
