/**
 * The open documents' lint results, kept up to date: a changed document is queued, the queue is
 * worked one document at a time through the worker (./workerLinter.ts), and a result whose document
 * has moved on since is dropped (the newer version is queued already). Requests wait for the
 * current version's result, and stop waiting when the client cancels them.
 */
import { fileURLToPath } from 'node:url';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import {
  LSPErrorCodes,
  ResponseError,
  type CancellationToken,
  type Diagnostic,
} from 'vscode-languageserver/node';
import { TOO_SLOW_CODE, LINT_FAILED_CODE } from '../lint/lspProtocol';
import type { Finding, LintResult } from '../lint/types';
import { toDiagnostic } from './convert';
import type { Settings } from './settings';
import type { LintOutcome, WorkerLinter } from './workerLinter';

export interface DocumentLint {
  version: number;
  /** Undefined: not an AWS Backup file, linting turned off, or not linted (a finding says why). */
  result: LintResult | undefined;
  findings: Finding[];
  diagnostics: Diagnostic[];
}

/** Results kept at most: a document whose result was dropped is linted again when asked. */
const MAX_RESULTS = 200;

export interface LintHost {
  document(uri: string): TextDocument | undefined;
  settings(uri: string): Promise<Settings>;
  /** A document's result changed (publish it, or ask a pulling client to pull again). */
  changed(uri: string, lint: DocumentLint): void;
  log(message: string): void;
}

/** The path the engine sees (its globs and file-name rules): the file's path, or the URI's. */
export function fileNameOf(uri: string): string {
  if (uri.startsWith('file:'))
    try {
      return fileURLToPath(uri);
    } catch {
      // A file: URI Node cannot map (a UNC host on POSIX): its path as written.
    }
  try {
    return decodeURIComponent(new URL(uri).pathname);
  } catch {
    return uri;
  }
}

export class DocumentLints {
  private readonly results = new Map<string, DocumentLint>();
  private readonly pending = new Set<string>();
  private readonly waiters = new Map<string, ((l: DocumentLint | undefined) => void)[]>();
  private pumping = false;
  private budgetMs = 10_000;
  private readonly listeners: ((uri: string, lint: DocumentLint) => void)[] = [];

  constructor(
    private readonly linter: WorkerLinter,
    private readonly host: LintHost,
  ) {}

  /** The time a document may take to lint. */
  budget(ms: number): void {
    this.budgetMs = ms;
  }

  settingsFor(uri: string): Promise<Settings> {
    return this.host.settings(uri);
  }

  /** Called after each document's lint (not after live findings are added). */
  onLinted(listener: (uri: string, lint: DocumentLint) => void): void {
    this.listeners.push(listener);
  }

  schedule(uri: string): void {
    this.pending.add(uri);
    if (!this.pumping) void this.pump();
  }

  scheduleAll(uris: Iterable<string>): void {
    for (const u of uris) this.schedule(u);
  }

  forget(uri: string): void {
    this.pending.delete(uri);
    this.results.delete(uri);
    this.settle(uri, undefined);
  }

  /** The result for the document's current version, if there is one now. */
  current(uri: string): DocumentLint | undefined {
    const r = this.results.get(uri);
    return r && r.version === this.host.document(uri)?.version ? r : undefined;
  }

  /** The result for the document's current version, once there is one; rejects when the request is cancelled. */
  linted(uri: string, token?: CancellationToken): Promise<DocumentLint | undefined> {
    const doc = this.host.document(uri);
    if (!doc) return Promise.resolve(undefined);
    const now = this.current(uri);
    if (now) return Promise.resolve(now);
    if (!this.pending.has(uri)) this.schedule(uri);
    return new Promise((resolve, reject) => {
      const list = this.waiters.get(uri) ?? [];
      list.push(resolve);
      this.waiters.set(uri, list);
      const cancel = (): void => {
        const l = this.waiters.get(uri);
        if (l) l.splice(l.indexOf(resolve) >>> 0, 1);
        reject(new ResponseError(LSPErrorCodes.RequestCancelled, 'The request was cancelled.'));
      };
      // A request cancelled before it was dispatched arrives with its token cancelled already.
      if (token?.isCancellationRequested) cancel();
      else token?.onCancellationRequested(cancel);
    });
  }

  /** Adds findings to the current result (live checks), if the document has not moved on. */
  addFindings(uri: string, version: number, extra: Finding[]): void {
    const doc = this.host.document(uri);
    const r = this.results.get(uri);
    if (!doc || !r || r.version !== version || doc.version !== version || extra.length === 0) return;
    const next: DocumentLint = {
      ...r,
      findings: [...r.findings, ...extra],
      diagnostics: [...r.diagnostics, ...extra.map((f) => toDiagnostic(doc, f))],
    };
    this.store(uri, next);
    this.host.changed(uri, next);
  }

  private settle(uri: string, lint: DocumentLint | undefined): void {
    const list = this.waiters.get(uri);
    this.waiters.delete(uri);
    for (const w of list ?? []) w(lint);
  }

  private store(uri: string, lint: DocumentLint): void {
    this.results.delete(uri);
    this.results.set(uri, lint);
    // The oldest results go first; their documents are linted again when asked.
    while (this.results.size > MAX_RESULTS) {
      const oldest = this.results.keys().next().value;
      if (oldest === undefined) break;
      this.results.delete(oldest);
    }
  }

  private async pump(): Promise<void> {
    this.pumping = true;
    try {
      for (let uri = first(this.pending); uri !== undefined; uri = first(this.pending)) {
        this.pending.delete(uri);
        await this.lintOne(uri).catch((e: unknown) =>
          this.host.log(`lint of ${uri} failed: ${e instanceof Error ? e.message : String(e)}`),
        );
      }
    } finally {
      this.pumping = false;
    }
  }

  private async lintOne(uri: string): Promise<void> {
    const doc = this.host.document(uri);
    if (!doc) return this.settle(uri, undefined);
    const version = doc.version;
    const settings = await this.host.settings(uri);
    const outcome: LintOutcome = settings.enable
      ? await this.linter.lint(
          {
            text: doc.getText(),
            fileName: fileNameOf(uri),
            globs: settings.files,
            severity: settings.severity,
          },
          this.budgetMs,
        )
      : { kind: 'done', result: undefined };
    const now = this.host.document(uri);
    if (!now || now.version !== version) return; // Moved on or closed: the newer version is queued.
    const findings = outcome.kind === 'done' ? (outcome.result?.findings ?? []) : [notLinted(outcome)];
    if (outcome.kind === 'failed') this.host.log(`lint of ${uri} failed: ${outcome.message}`);
    const lint: DocumentLint = {
      version,
      result: outcome.kind === 'done' ? outcome.result : undefined,
      findings,
      diagnostics: findings.map((f) => toDiagnostic(now, f)),
    };
    this.store(uri, lint);
    this.host.changed(uri, lint);
    this.settle(uri, lint);
    for (const l of this.listeners) l(uri, lint);
  }
}

function first(set: Set<string>): string | undefined {
  return set.values().next().value;
}

/** The finding that says a document was not linted, and why, in words for its author. */
function notLinted(outcome: Exclude<LintOutcome, { kind: 'done' }>): Finding {
  return outcome.kind === 'timeout'
    ? {
        code: TOO_SLOW_CODE,
        severity: 'warning',
        offset: 0,
        length: 0,
        message: `This document is too large to lint in time: it was not checked (it took more than ${outcome.budgetMs / 1000} s). Split it into smaller files, or raise the server's timeBudgetMs.`,
      }
    : {
        code: LINT_FAILED_CODE,
        severity: 'warning',
        offset: 0,
        length: 0,
        message:
          'This document could not be linted (an internal error of the linter; the language server log says more): it was not checked.',
      };
}
