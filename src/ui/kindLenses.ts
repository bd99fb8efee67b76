import * as vscode from 'vscode';

/** What a feature's CodeLenses depend on: the kind the linter recognised a document as. */
export interface KindLensOptions<K extends string> {
  selector: vscode.DocumentSelector;
  /** Fires with a document's URI each time the linter has linted it (LintDiagnostics.onDidLint). */
  onDidLint: vscode.Event<vscode.Uri>;
  /** The kind this feature draws lenses for, or undefined (another kind, or not linted yet). */
  kindOf(uri: vscode.Uri): K | undefined;
  /** The lenses of a document of `kind`. */
  lenses(doc: vscode.TextDocument, kind: K): vscode.CodeLens[];
  /** The context keys (`setContext`) the editor title's menus read, for the active document's kind. */
  contextKeys(kind: K | undefined): Record<string, boolean>;
}

/**
 * CodeLenses by document kind, as the restore and deploy features draw them: redrawn only when a
 * document's kind changes, never on every keystroke's lint (they would flicker under the pointer),
 * and the context keys set for the active editor whenever its document is linted or another one
 * becomes active. Knows no feature and no kind: the caller says which kinds it draws for.
 */
export function registerKindLenses<K extends string>(o: KindLensOptions<K>): vscode.Disposable {
  const changed = new vscode.EventEmitter<void>();
  /** The kind each document's lenses were last drawn for. */
  const drawn = new Map<string, K>();
  const updateContext = (): void => {
    const active = vscode.window.activeTextEditor?.document.uri;
    const keys = o.contextKeys(active ? o.kindOf(active) : undefined);
    for (const [key, value] of Object.entries(keys))
      void vscode.commands.executeCommand('setContext', key, value);
  };
  const disposables = [
    changed,
    vscode.languages.registerCodeLensProvider(o.selector, {
      onDidChangeCodeLenses: changed.event,
      provideCodeLenses(doc) {
        const kind = o.kindOf(doc.uri);
        return kind ? o.lenses(doc, kind) : [];
      },
    }),
    o.onDidLint((uri) => {
      const key = uri.toString();
      const kind = o.kindOf(uri);
      if (drawn.get(key) !== kind) {
        if (kind) drawn.set(key, kind);
        else drawn.delete(key);
        changed.fire();
      }
      if (key === vscode.window.activeTextEditor?.document.uri.toString()) updateContext();
    }),
    vscode.window.onDidChangeActiveTextEditor(updateContext),
    vscode.workspace.onDidCloseTextDocument((d) => drawn.delete(d.uri.toString())),
  ];
  updateContext();
  return vscode.Disposable.from(...disposables);
}
