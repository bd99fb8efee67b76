import * as vscode from 'vscode';
import { registerLint } from './lint/editor/register';
import type { DocumentLint } from './lint/editor/diagnostics';

/** What `activate` returns: a small surface for integration tests and other extensions. */
export interface ExtensionApi {
  lintResultFor(uri: vscode.Uri): DocumentLint | undefined;
  lintWorkspace(): Promise<{ files: number; errors: number }>;
}

/** Composition root: builds the shared pieces and registers each feature; every registration is disposed. */
export function activate(context: vscode.ExtensionContext): ExtensionApi {
  try {
    const lint = registerLint(context);
    return {
      lintResultFor: (uri) => lint.diagnostics.resultFor(uri),
      lintWorkspace: () => lint.lintWorkspace(),
    };
  } catch (e) {
    // VS Code does not show activation failures; say it where the user looks.
    void vscode.window.showErrorMessage(
      `AWS Backup PITR failed to start: ${e instanceof Error ? e.message : String(e)}`,
    );
    throw e;
  }
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
