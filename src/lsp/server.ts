/**
 * `pitr-lsp`: the lint engine as a language server (LSP 3.17, on `vscode-languageserver`).
 * Diagnostics (pushed, or pulled when the client pulls), quick fixes as workspace edits, hover and
 * completion, for every file `pitr-lint` recognises by content. Settings from `initializationOptions`
 * and `workspace/configuration` (src/lint/lspProtocol.ts). No AWS request unless the client turns
 * live checks on (./live.ts).
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  TextDocuments,
  TextDocumentSyncKind,
  type CancellationToken,
  type Connection,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { completionsAt, hoverAt } from '../lint/assist';
import { embeddedCompletionsAt, embeddedHoverAt } from '../lint/embeddedAssist';
import { prepareFormats } from '../lint/formats';
import {
  LINT_TEXT_REQUEST,
  LINTED_NOTIFICATION,
  LSP_SETTINGS_SECTION,
  type LintedParams,
  type LintTextParams,
  type LspInitializationOptions,
} from '../lint/lspProtocol';
import type { LintResult } from '../lint/types';
import { quickFixes, toCompletion, toHover } from './convert';
import { DocumentLints, fileNameOf, type DocumentLint } from './documentLints';
import { LiveRunner } from './live';
import { DEFAULT_SETTINGS, mergeSettings, timeBudgetOf, type Settings } from './settings';
import { WorkerLinter } from './workerLinter';

export interface ServerOptions {
  /** The bundle the lint thread runs, and what tells it to be the lint thread. */
  workerScript: string;
  workerData: unknown;
  version: string;
}

export function startServer(connection: Connection, options: ServerOptions): void {
  const documents = new TextDocuments(TextDocument);
  const linter = new WorkerLinter(options.workerScript, options.workerData);
  let init: LspInitializationOptions = {};
  let base: Settings = DEFAULT_SETTINGS;
  let pull = false;
  let pullRefresh = false;
  let configuration = false;
  const perDocument = new Map<string, Promise<Settings>>();
  const log = (m: string): void => connection.console.log(m);
  const live = new LiveRunner(connection, log);

  const lints = new DocumentLints(linter, {
    document: (uri) => documents.get(uri),
    settings(uri) {
      if (!configuration) return Promise.resolve(base);
      let s = perDocument.get(uri);
      if (!s) {
        s = connection.workspace.getConfiguration({ scopeUri: uri, section: LSP_SETTINGS_SECTION }).then(
          (v: unknown) => mergeSettings(base, v),
          () => base,
        );
        perDocument.set(uri, s);
        if (perDocument.size > 500) perDocument.delete(perDocument.keys().next().value!);
      }
      return s;
    },
    changed(uri, lint) {
      publish(uri, lint);
    },
    log,
  });

  function publish(uri: string, lint: DocumentLint): void {
    if (init.results === true) {
      const linted: LintedParams = {
        uri,
        version: lint.version,
        result: lint.result ? { ...lint.result, findings: lint.findings } : null,
      };
      void connection.sendNotification(LINTED_NOTIFICATION, linted);
    }
    if (pull) {
      if (pullRefresh) void connection.languages.diagnostics.refresh();
    } else void connection.sendDiagnostics({ uri, version: lint.version, diagnostics: lint.diagnostics });
  }

  /** After a lint: the live checks' findings, added if the document has not moved on. */
  const afterLint = (uri: string, lint: DocumentLint): void => {
    const doc = documents.get(uri);
    if (!doc || !lint.result) return;
    void lints
      .settingsFor(uri)
      .then((s) => (s.live ? live.check(doc, lint.result!, s.severity) : []))
      .then((extra) => lints.addFindings(uri, lint.version, extra));
  };

  connection.onInitialize((params): InitializeResult => {
    init = (params.initializationOptions ?? {}) as LspInitializationOptions;
    base = mergeSettings(DEFAULT_SETTINGS, init.settings);
    const caps = params.capabilities;
    configuration = caps.workspace?.configuration === true;
    const clientPulls = caps.textDocument?.diagnostic !== undefined;
    pull = init.diagnostics === 'pull' ? clientPulls : init.diagnostics === 'push' ? false : clientPulls;
    pullRefresh = caps.workspace?.diagnostics?.refreshSupport === true;
    lints.budget(timeBudgetOf(init));
    live.configure(init.live);
    linter.warm();
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        hoverProvider: true,
        completionProvider: { triggerCharacters: ['"', ':'] },
        ...(pull
          ? { diagnosticProvider: { interFileDependencies: false, workspaceDiagnostics: false } }
          : {}),
      },
      serverInfo: { name: 'pitr-lsp', version: options.version },
    };
  });

  connection.onInitialized(() => {
    if (configuration)
      void connection.client.register(DidChangeConfigurationNotification.type, {
        section: LSP_SETTINGS_SECTION,
      });
  });

  connection.onDidChangeConfiguration((change) => {
    perDocument.clear();
    const pushed = (change.settings as Record<string, unknown> | null)?.[LSP_SETTINGS_SECTION];
    if (!configuration && pushed !== undefined)
      base = mergeSettings(mergeSettings(DEFAULT_SETTINGS, init.settings), pushed);
    lints.scheduleAll(documents.keys());
  });

  documents.onDidChangeContent((e) => lints.schedule(e.document.uri));
  documents.onDidClose((e) => {
    lints.forget(e.document.uri);
    live.forget(e.document.uri);
    perDocument.delete(e.document.uri);
    if (!pull) void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });
  lints.onLinted(afterLint);

  connection.languages.diagnostics.on(async (params, token) => {
    const lint = await lints.linted(params.textDocument.uri, token);
    return { kind: 'full', items: lint?.diagnostics ?? [] };
  });

  connection.onCodeAction(async (params, token) => {
    const doc = documents.get(params.textDocument.uri);
    const lint = await lints.linted(params.textDocument.uri, token);
    return doc && lint ? quickFixes(doc, lint.findings, params.context.diagnostics) : [];
  });

  registerAssist(connection, documents, lints);

  registerLintText(connection, lints, linter, () => timeBudgetOf(init));

  connection.onShutdown(async () => {
    live.dispose();
    await linter.dispose();
  });

  documents.listen(connection);
  connection.listen();
}

/** Hover and completion: from the document's last lint, with what it was linted as. */
function registerAssist(
  connection: Connection,
  documents: TextDocuments<TextDocument>,
  lints: DocumentLints,
): void {
  /** The document and what it was linted as, for hover and completion (none for a file not linted). */
  async function assisted(uri: string, token: CancellationToken) {
    const lint = await lints.linted(uri, token);
    const doc = documents.get(uri);
    if (!doc || !lint?.result || doc.version !== lint.version) return undefined;
    const text = doc.getText();
    const fileName = fileNameOf(uri);
    if (lint.result.recognition.format) await prepareFormats(text, fileName);
    return { doc, text, fileName, recognition: lint.result.recognition };
  }

  connection.onHover(async (params, token) => {
    const a = await assisted(params.textDocument.uri, token);
    if (!a) return null;
    const offset = a.doc.offsetAt(params.position);
    const h = a.recognition.format
      ? embeddedHoverAt(a.text, a.fileName, offset)
      : hoverAt(a.text, offset, a.recognition);
    return h ? toHover(a.doc, h) : null;
  });

  connection.onCompletion(async (params, token) => {
    const a = await assisted(params.textDocument.uri, token);
    if (!a) return [];
    const offset = a.doc.offsetAt(params.position);
    const embedded = a.recognition.format !== undefined;
    const entries = embedded
      ? embeddedCompletionsAt(a.text, a.fileName, offset)
      : completionsAt(a.text, offset, a.recognition);
    return entries.map((c) => toCompletion(a.doc, c, embedded));
  });
}

/** The send gates' request: the exact text they send, linted with the document's settings. */
function registerLintText(
  connection: Connection,
  lints: DocumentLints,
  linter: WorkerLinter,
  budget: () => number,
): void {
  connection.onRequest(LINT_TEXT_REQUEST, async (params: LintTextParams): Promise<LintResult | null> => {
    const settings = await lints.settingsFor(params.uri);
    if (!settings.enable) return null;
    const outcome = await linter.lint(
      {
        text: params.text,
        fileName: fileNameOf(params.uri),
        globs: settings.files,
        severity: settings.severity,
      },
      budget(),
    );
    return outcome.kind === 'done' ? (outcome.result ?? null) : null;
  });
}
