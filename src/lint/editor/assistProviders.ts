import * as vscode from 'vscode';
import { completionsAt, hoverAt } from '../assist';
import { embeddedCompletionsAt, embeddedHoverAt } from '../embeddedAssist';
import type { LintDiagnostics } from './diagnostics';

/** Completion of property names and values, from the schemas and the metadata key catalogue. */
export class LintCompletions implements vscode.CompletionItemProvider {
  constructor(private readonly diagnostics: LintDiagnostics) {}

  provideCompletionItems(doc: vscode.TextDocument, position: vscode.Position): vscode.CompletionItem[] {
    const lint = this.diagnostics.resultFor(doc.uri);
    if (!lint) return [];
    const r = lint.result.recognition;
    const entries = r.format
      ? embeddedCompletionsAt(doc.getText(), doc.uri.path, doc.offsetAt(position))
      : completionsAt(doc.getText(), doc.offsetAt(position), r);
    return entries.map((c) => {
      const item = new vscode.CompletionItem(
        c.label,
        c.kind === 'property' ? vscode.CompletionItemKind.Property : vscode.CompletionItemKind.EnumMember,
      );
      item.insertText = new vscode.SnippetString(c.insertSnippet);
      item.range = new vscode.Range(doc.positionAt(c.offset), doc.positionAt(c.offset + c.length));
      item.filterText = c.kind === 'property' && !r.format ? `"${c.label}"` : c.label;
      if (c.documentation) item.documentation = new vscode.MarkdownString(c.documentation);
      if (c.detail) item.detail = c.detail;
      return item;
    });
  }
}

export class LintHovers implements vscode.HoverProvider {
  constructor(private readonly diagnostics: LintDiagnostics) {}

  provideHover(doc: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const lint = this.diagnostics.resultFor(doc.uri);
    if (!lint) return undefined;
    const r = lint.result.recognition;
    const h = r.format
      ? embeddedHoverAt(doc.getText(), doc.uri.path, doc.offsetAt(position))
      : hoverAt(doc.getText(), doc.offsetAt(position), r);
    if (!h) return undefined;
    const md = new vscode.MarkdownString(h.markdown);
    md.supportHtml = false;
    md.isTrusted = false;
    return new vscode.Hover(
      md,
      new vscode.Range(doc.positionAt(h.offset), doc.positionAt(h.offset + h.length)),
    );
  }
}
