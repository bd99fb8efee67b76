/**
 * The editor's lint, through `pitr-lsp` (src/lsp) with vscode-languageclient, out of the extension
 * host as vscode-eslint does: the server publishes the diagnostics and answers code actions, hover
 * and completion; this class keeps what each document was linted as (the server's
 * LINTED_NOTIFICATION) for the status item, restore and deploy, answers the server's live-fact
 * requests from the explorer's connection, and restarts the server with backoff if it dies.
 */
import * as vscode from 'vscode';
import type { LiveFacts } from '../live';
import { answerLiveFact } from '../liveProxy';
import {
  LINT_TEXT_REQUEST,
  LINTED_NOTIFICATION,
  LIVE_FACT_REQUEST,
  type LintedParams,
  type LiveFactParams,
} from '../lspProtocol';
import { LineIndex } from '../position';
import { RULES_BY_CODE } from '../rules';
import type { Finding, LintResult, Severity } from '../types';
import { LintServer } from './server';

export const DIAGNOSTIC_SOURCE = 'aws-backup-pitr';

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

import { isLintable } from './lintable';

export { isLintable };

/** What a document was linted as (by the server), with its findings (fixes included). */
export interface DocumentLint {
  version: number;
  result: LintResult;
  findings: Finding[];
}

/** How long a caller waits for the server to lint a document before going on without. */
const WAIT_MS = 30_000;

export class LintDiagnostics implements vscode.Disposable {
  /** Files linted while closed (workspace lint); an open document's diagnostics are the server's. */
  readonly closedFiles = vscode.languages.createDiagnosticCollection(`${DIAGNOSTIC_SOURCE}-workspace`);
  private readonly results = new Map<string, DocumentLint>();
  /** The version the server last linted, AWS Backup file or not. */
  private readonly lintedVersions = new Map<string, number>();
  private readonly waiting = new Map<string, (() => void)[]>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  /** Fires after a document's lint result changes (also when it stops being an AWS Backup file). */
  readonly onDidLint = this.changed.event;
  private liveFacts: LiveFacts | undefined;
  readonly server: LintServer;
  private readonly disposables: vscode.Disposable[] = [this.closedFiles, this.changed];

  constructor(context: vscode.ExtensionContext) {
    this.server = new LintServer(context, (client) => {
      client.onNotification(LINTED_NOTIFICATION, (p: LintedParams) => this.linted(p));
      client.onRequest(LIVE_FACT_REQUEST, (p: LiveFactParams) => answerLiveFact(this.liveFacts, p));
    });
    this.disposables.push(
      this.server,
      vscode.workspace.onDidOpenTextDocument((d) => this.closedFiles.delete(d.uri)),
      vscode.workspace.onDidCloseTextDocument((d) => this.forget(d.uri)),
    );
  }

  /** Live checks need a connection; undefined turns them off. The server lints the open documents again. */
  setLiveFacts(facts: LiveFacts | undefined): void {
    this.liveFacts = facts;
    this.server.settingsChanged();
  }

  resultFor(uri: vscode.Uri): DocumentLint | undefined {
    return this.results.get(uri.toString());
  }

  private linted(p: LintedParams): void {
    const uri = vscode.Uri.parse(p.uri);
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === p.uri);
    if (!doc || doc.isClosed || doc.version !== p.version) return; // a newer version follows
    if (p.result)
      this.results.set(p.uri, { version: p.version, result: p.result, findings: p.result.findings });
    else this.results.delete(p.uri);
    this.changed.fire(uri);
    const w = this.waiting.get(p.uri);
    this.waiting.delete(p.uri);
    for (const resolve of w ?? []) resolve();
  }

  /** Resolves once the server has linted the document as it is now (or after a while, if it has not). */
  async lintSoon(doc: vscode.TextDocument): Promise<void> {
    const key = doc.uri.toString();
    // A document the server is not given (another language, a git view) is never linted.
    if (!isLintable(doc) || doc.isClosed || this.lintedVersions.get(key) === doc.version) return;
    if (!this.server.running) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, WAIT_MS);
      const list = this.waiting.get(key) ?? [];
      list.push(() => {
        clearTimeout(timer);
        resolve();
      });
      this.waiting.set(key, list);
    });
  }

  /** Lints a file that is not open, through the server; undefined if it is not an AWS Backup file (or the server is down). */
  async lintClosed(uri: vscode.Uri, text: string): Promise<LintResult | undefined> {
    const client = await this.server.ready();
    if (!client) return undefined;
    const result = await client.sendRequest<LintResult | null>(LINT_TEXT_REQUEST, {
      uri: uri.toString(),
      text,
    });
    if (result) this.setForClosedFile(uri, text, result);
    return result ?? undefined;
  }

  private setForClosedFile(uri: vscode.Uri, text: string, result: LintResult): void {
    const index = new LineIndex(text);
    const positionAt = (offset: number): vscode.Position => {
      const p = index.position(offset);
      return new vscode.Position(p.line, p.character);
    };
    this.closedFiles.set(
      uri,
      result.findings.map((f) => {
        const d = new vscode.Diagnostic(
          new vscode.Range(positionAt(f.offset), positionAt(f.offset + f.length)),
          f.message,
          SEVERITY[f.severity],
        );
        d.source = DIAGNOSTIC_SOURCE;
        const url = RULES_BY_CODE.get(f.code)?.url;
        d.code = url ? { value: f.code, target: vscode.Uri.parse(url) } : f.code;
        return d;
      }),
    );
  }

  private forget(uri: vscode.Uri): void {
    const key = uri.toString();
    this.lintedVersions.delete(key);
    if (this.results.delete(key)) this.changed.fire(uri);
    const w = this.waiting.get(key);
    this.waiting.delete(key);
    for (const resolve of w ?? []) resolve();
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
