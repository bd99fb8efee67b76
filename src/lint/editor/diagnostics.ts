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

export class LintDiagnostics implements vscode.Disposable {
  /** Files linted while closed (workspace lint); an open document's diagnostics are the server's. */
  readonly closedFiles = vscode.languages.createDiagnosticCollection(`${DIAGNOSTIC_SOURCE}-workspace`);
  private readonly results = new Map<string, DocumentLint>();
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
  }

  /**
   * Lints a text through the server (a file that is not open, or an open one not linted yet);
   * undefined if it is not an AWS Backup file, or the server is down. A closed file's findings are
   * shown in the Problems panel.
   */
  async lintText(uri: vscode.Uri, text: string, closed: boolean): Promise<LintResult | undefined> {
    const client = await this.server.ready();
    if (!client) return undefined;
    const result = await client.sendRequest<LintResult | null>(LINT_TEXT_REQUEST, {
      uri: uri.toString(),
      text,
    });
    if (result && closed) this.setForClosedFile(uri, text, result);
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
        const url = f.url ?? RULES_BY_CODE.get(f.code)?.url;
        d.code = url ? { value: f.code, target: vscode.Uri.parse(url) } : f.code;
        return d;
      }),
    );
  }

  private forget(uri: vscode.Uri): void {
    if (this.results.delete(uri.toString())) this.changed.fire(uri);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
