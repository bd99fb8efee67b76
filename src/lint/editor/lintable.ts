import type * as vscode from 'vscode';

/** JSON documents the linter looks at (not diffs' git views, not output panes). */
export function isLintable(doc: vscode.TextDocument): boolean {
  return (
    (doc.languageId === 'json' || doc.languageId === 'jsonc') &&
    doc.uri.scheme !== 'git' &&
    doc.uri.scheme !== 'output'
  );
}
