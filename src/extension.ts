import * as vscode from 'vscode';
import { errorText } from './aws/awsText';
import { liveFactsFrom } from './aws/liveFacts';
import { readAwsSettings, type AwsSettings } from './aws/settings';
import { registerExplorer, type ExplorerFeature } from './explorer/register';
import { registerLint } from './lint/editor/register';
import { registerRestore, type RestoreFeature } from './restore/editor/register';
import type { DocumentLint } from './lint/editor/diagnostics';

/** What `activate` returns: a small surface for integration tests and other extensions. */
export interface ExtensionApi {
  lintResultFor(uri: vscode.Uri): DocumentLint | undefined;
  lintWorkspace(): Promise<{ files: number; errors: number }>;
  /** The AWS connection settings as the extension reads them (user settings only). */
  awsSettings(): AwsSettings;
  /** The explorer: its connection and tree provider (for integration tests). */
  explorer: ExplorerFeature;
  /** Point-in-time restore: remembered jobs, and the prompts integration tests script. */
  restore: RestoreFeature;
}

/** Composition root: builds the shared pieces and registers each feature; every registration is disposed. */
export function activate(context: vscode.ExtensionContext): ExtensionApi {
  try {
    // Operational messages only: credentials and restore metadata never reach it.
    const log = vscode.window.createOutputChannel('AWS Backup PITR', { log: true });
    context.subscriptions.push(log);
    log.info(`activating ${context.extension.id}`);
    const lint = registerLint(context);
    const explorer = registerExplorer(context, log);
    // Live lint checks use the explorer's connection.
    context.subscriptions.push(
      explorer.connections.onDidChange((api) =>
        lint.diagnostics.setLiveFacts(api ? liveFactsFrom(api) : undefined),
      ),
    );
    if (explorer.connections.api) lint.diagnostics.setLiveFacts(liveFactsFrom(explorer.connections.api));
    const restore = registerRestore(context, {
      connections: explorer.connections,
      tree: explorer.tree,
      diagnostics: lint.diagnostics,
      log,
    });
    return {
      lintResultFor: (uri) => lint.diagnostics.resultFor(uri),
      lintWorkspace: () => lint.lintWorkspace(),
      awsSettings: readAwsSettings,
      explorer,
      restore,
    };
  } catch (e) {
    // VS Code does not show activation failures; say it where the user looks.
    void vscode.window.showErrorMessage(`AWS Backup PITR failed to start: ${errorText(e)}`);
    throw e;
  }
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
