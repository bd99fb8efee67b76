import * as vscode from 'vscode';
import { lint } from '../engine';
import { formatsReady, prepareFormats } from '../formats';
import { sniffEmbedding } from '../formats/sniff';
import { liveCheck, type LiveFacts } from '../live';
import { liveCheckEmbedded } from '../liveEmbedded';
import { LineIndex } from '../position';
import { RULES_BY_CODE, withSeverity } from '../rules';
import type { Finding, LintResult, Severity } from '../types';
import { LIVE_CHECKED_KINDS } from '../kinds';
import { isLintable } from './lintable';
import { affectsLintSettings, readLintSettings } from './settings';

export const DIAGNOSTIC_SOURCE = 'aws-backup-pitr';

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

export { isLintable } from './lintable';

/** What a document was linted as, with the findings behind its diagnostics (fixes included). */
export interface DocumentLint {
  version: number;
  result: LintResult;
  diagnostics: vscode.Diagnostic[];
  findings: Finding[];
}

/**
 * Lints JSON documents and templates as they open, change (debounced) and save; clears them on close. A lint
 * always reads the document as it is when it runs, and a result whose document has moved on since
 * is dropped, so a slow lint never paints stale ranges.
 */
export class LintDiagnostics implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection(DIAGNOSTIC_SOURCE);
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly results = new Map<string, DocumentLint>();
  private readonly disposables: vscode.Disposable[] = [this.collection];
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  /** Fires after a document's lint result changes (also when it stops being an AWS Backup file). */
  readonly onDidLint = this.changed.event;
  private liveFacts: LiveFacts | undefined;
  private readonly liveRuns = new Map<string, AbortController>();

  /** Live checks need a connection; undefined turns them off. */
  setLiveFacts(facts: LiveFacts | undefined): void {
    this.liveFacts = facts;
    this.lintAllOpen();
  }

  constructor() {
    this.disposables.push(
      this.changed,
      vscode.workspace.onDidOpenTextDocument((d) => this.lintNow(d)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length > 0) this.schedule(e.document);
      }),
      vscode.workspace.onDidSaveTextDocument((d) => this.lintNow(d)),
      vscode.workspace.onDidCloseTextDocument((d) => this.forget(d.uri)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (affectsLintSettings(e)) this.lintAllOpen();
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.lintAllOpen()),
    );
    this.lintAllOpen();
  }

  lintAllOpen(): void {
    for (const d of vscode.workspace.textDocuments) this.lintNow(d);
  }

  resultFor(uri: vscode.Uri): DocumentLint | undefined {
    return this.results.get(uri.toString());
  }

  private schedule(doc: vscode.TextDocument): void {
    if (!isLintable(doc)) return;
    const key = doc.uri.toString();
    clearTimeout(this.timers.get(key));
    const delay = readLintSettings(doc.uri).debounceMilliseconds;
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        this.lintNow(doc);
      }, delay),
    );
  }

  lintNow(doc: vscode.TextDocument): void {
    void this.lintSoon(doc);
  }

  /** Lints the document now, or once the parser its format needs has started (Terraform's, once). */
  async lintSoon(doc: vscode.TextDocument): Promise<void> {
    if (!isLintable(doc) || doc.isClosed) return;
    const text = doc.getText();
    if (!formatsReady(text, doc.uri.path)) {
      await prepareFormats(text, doc.uri.path);
      if (doc.isClosed) return;
    }
    this.lintPrepared(doc, doc.getText());
  }

  private lintPrepared(doc: vscode.TextDocument, text: string): void {
    const key = doc.uri.toString();
    const settings = readLintSettings(doc.uri);
    const version = doc.version;
    // A YAML or Terraform file is only ever a template: one that names no AWS Backup type is not parsed.
    const json = doc.languageId === 'json' || doc.languageId === 'jsonc';
    const result =
      settings.enable && (json || sniffEmbedding(text, doc.uri.path))
        ? lint({ text, fileName: doc.uri.path, globs: settings.files, severity: settings.severity })
        : undefined;
    if (doc.version !== version || doc.isClosed) return; // The document moved on: a newer lint follows.
    if (!result) {
      if (this.results.delete(key)) {
        this.collection.delete(doc.uri);
        this.changed.fire(doc.uri);
      }
      return;
    }
    const diagnostics = result.findings.map((f) => toDiagnostic(doc, f));
    this.results.set(key, { version, result, diagnostics, findings: result.findings });
    this.collection.set(doc.uri, diagnostics);
    this.changed.fire(doc.uri);
    if (settings.live) this.runLive(doc, version, result);
  }

  /** Adds the live checks' findings to the document's, if it has not changed meanwhile. */
  private runLive(doc: vscode.TextDocument, version: number, result: LintResult): void {
    const facts = this.liveFacts;
    const kind = result.recognition.kind;
    const embedded = result.recognition.format !== undefined;
    if (!facts || (!LIVE_CHECKED_KINDS.has(kind) && !embedded)) return;
    const key = doc.uri.toString();
    this.liveRuns.get(key)?.abort();
    const controller = new AbortController();
    this.liveRuns.set(key, controller);
    const severity = readLintSettings(doc.uri).severity;
    (embedded
      ? liveCheckEmbedded(doc.getText(), doc.uri.path, facts, controller.signal)
      : liveCheck(doc.getText(), result.recognition, facts, controller.signal)
    )
      .then((raw) => {
        const current = this.results.get(key);
        if (
          controller.signal.aborted ||
          doc.isClosed ||
          doc.version !== version ||
          !current ||
          current.version !== version
        )
          return;
        const live: Finding[] = withSeverity(raw, severity);
        if (live.length === 0) return;
        const findings = [...current.findings, ...live];
        const diagnostics = [...current.diagnostics, ...live.map((f) => toDiagnostic(doc, f))];
        this.results.set(key, { ...current, findings, diagnostics });
        this.collection.set(doc.uri, diagnostics);
        this.changed.fire(doc.uri);
      })
      .catch(() => {
        // No connection, no permission, throttled: live checks stay silent; the explorer shows why.
      })
      .finally(() => {
        if (this.liveRuns.get(key) === controller) this.liveRuns.delete(key);
      });
  }

  /** Sets diagnostics for a file that is not open (workspace-wide lint). */
  setForClosedFile(uri: vscode.Uri, text: string, result: LintResult): void {
    const index = new LineIndex(text);
    const positionAt = (offset: number): vscode.Position => {
      const p = index.position(offset);
      return new vscode.Position(p.line, p.character);
    };
    this.collection.set(
      uri,
      result.findings.map((f) =>
        makeDiagnostic(new vscode.Range(positionAt(f.offset), positionAt(f.offset + f.length)), f),
      ),
    );
  }

  private forget(uri: vscode.Uri): void {
    const key = uri.toString();
    this.liveRuns.get(key)?.abort();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    this.results.delete(key);
    this.collection.delete(uri);
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    for (const d of this.disposables) d.dispose();
  }
}

function toDiagnostic(doc: vscode.TextDocument, f: Finding): vscode.Diagnostic {
  return makeDiagnostic(new vscode.Range(doc.positionAt(f.offset), doc.positionAt(f.offset + f.length)), f);
}

function makeDiagnostic(range: vscode.Range, f: Finding): vscode.Diagnostic {
  const d = new vscode.Diagnostic(range, f.message, SEVERITY[f.severity]);
  d.source = DIAGNOSTIC_SOURCE;
  const url = f.url ?? RULES_BY_CODE.get(f.code)?.url;
  d.code = url ? { value: f.code, target: vscode.Uri.parse(url) } : f.code;
  return d;
}

export function diagnosticCode(d: vscode.Diagnostic): string | undefined {
  const c = d.code;
  if (typeof c === 'string') return c;
  if (typeof c === 'object' && c !== null) return String(c.value);
  return undefined;
}
