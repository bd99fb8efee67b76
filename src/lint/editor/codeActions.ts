import * as vscode from 'vscode';
import { DIAGNOSTIC_SOURCE, diagnosticCode, type LintDiagnostics } from './diagnostics';

/** Quick fixes keyed on our diagnostics' codes; other sources' diagnostics are left alone. */
export class LintCodeActions implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = {
    providedCodeActionKinds: [vscode.CodeActionKind.QuickFix],
  };

  constructor(private readonly diagnostics: LintDiagnostics) {}

  provideCodeActions(
    doc: vscode.TextDocument,
    _range: vscode.Range,
    context: vscode.CodeActionContext,
  ): vscode.CodeAction[] {
    let lint = this.diagnostics.resultFor(doc.uri);
    if (!lint || lint.version !== doc.version) {
      // The edit that changed the document has not been linted yet: lint it now, so the fixes
      // offered always match the text they edit.
      this.diagnostics.lintNow(doc);
      lint = this.diagnostics.resultFor(doc.uri);
      if (!lint || lint.version !== doc.version) return [];
    }
    const actions: vscode.CodeAction[] = [];
    for (const d of context.diagnostics) {
      if (d.source !== DIAGNOSTIC_SOURCE) continue;
      const i = lint.diagnostics.findIndex(
        (own) => own.range.isEqual(d.range) && diagnosticCode(own) === diagnosticCode(d),
      );
      const finding = lint.findings[i];
      for (const fix of finding?.fixes ?? []) {
        const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
        action.diagnostics = [d];
        action.isPreferred = fix.isPreferred ?? false;
        const edit = new vscode.WorkspaceEdit();
        for (const e of fix.edits)
          edit.replace(
            doc.uri,
            new vscode.Range(doc.positionAt(e.offset), doc.positionAt(e.offset + e.length)),
            e.newText,
          );
        action.edit = edit;
        actions.push(action);
      }
    }
    return actions;
  }
}
