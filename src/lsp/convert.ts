/** The engine's findings, fixes, hovers and completions as LSP values, by the document's own positions. */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CodeActionKind,
  CompletionItemKind,
  DiagnosticSeverity,
  InsertTextFormat,
  MarkupKind,
  type CodeAction,
  type CompletionItem,
  type Diagnostic,
  type Hover,
  type Range,
} from 'vscode-languageserver/node';
import type { CompletionEntry, HoverInfo } from '../lint/assist';
import { RULES_BY_CODE } from '../lint/rules';
import type { Finding, Severity } from '../lint/types';

/** The diagnostics' `source`, the same as the extension's. */
export const SOURCE = 'aws-backup-pitr';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function rangeOf(doc: TextDocument, offset: number, length: number): Range {
  return { start: doc.positionAt(offset), end: doc.positionAt(offset + length) };
}

export function toDiagnostic(doc: TextDocument, f: Finding): Diagnostic {
  const url = f.url ?? RULES_BY_CODE.get(f.code)?.url;
  return {
    range: rangeOf(doc, f.offset, f.length),
    severity: SEVERITY[f.severity],
    code: f.code,
    ...(url ? { codeDescription: { href: url } } : {}),
    source: SOURCE,
    message: f.message,
  };
}

function sameRange(a: Range, b: Range): boolean {
  return (
    a.start.line === b.start.line &&
    a.start.character === b.start.character &&
    a.end.line === b.end.line &&
    a.end.character === b.end.character
  );
}

/** The quick fixes of the findings behind `asked` (the client's diagnostics, matched by range and code). */
export function quickFixes(
  doc: TextDocument,
  findings: readonly Finding[],
  asked: Diagnostic[],
): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const d of asked) {
    if (d.source !== SOURCE) continue;
    const finding = findings.find(
      (f) => f.code === String(d.code) && sameRange(rangeOf(doc, f.offset, f.length), d.range),
    );
    for (const fix of finding?.fixes ?? [])
      actions.push({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [d],
        isPreferred: fix.isPreferred ?? false,
        edit: {
          changes: {
            [doc.uri]: fix.edits.map((e) => ({
              range: rangeOf(doc, e.offset, e.length),
              newText: e.newText,
            })),
          },
        },
      });
  }
  return actions;
}

export function toHover(doc: TextDocument, h: HoverInfo): Hover {
  return {
    contents: { kind: MarkupKind.Markdown, value: h.markdown },
    range: rangeOf(doc, h.offset, h.length),
  };
}

export function toCompletion(doc: TextDocument, c: CompletionEntry, embedded: boolean): CompletionItem {
  return {
    label: c.label,
    kind: c.kind === 'property' ? CompletionItemKind.Property : CompletionItemKind.EnumMember,
    insertTextFormat: InsertTextFormat.Snippet,
    textEdit: { range: rangeOf(doc, c.offset, c.length), newText: c.insertSnippet },
    filterText: c.kind === 'property' && !embedded ? `"${c.label}"` : c.label,
    ...(c.documentation ? { documentation: { kind: MarkupKind.Markdown, value: c.documentation } } : {}),
    ...(c.detail ? { detail: c.detail } : {}),
  };
}
