/**
 * `pitr-lsp` (dist/lsp.js) as the extension's linter, through vscode-languageclient: started with
 * the extension's lint, restarted with backoff when it dies (1 s, 2 s, 4 s… up to a minute), with
 * a status item that says so while it is down. Settings reach it through `workspace/configuration`,
 * answered from readLintSettings (so an untrusted workspace's `lint.files` is never used).
 */
import * as vscode from 'vscode';
import {
  CloseAction,
  ErrorAction,
  LanguageClient,
  State,
  TransportKind,
  type LanguageClientOptions,
} from 'vscode-languageclient/node';
import { LSP_SETTINGS_SECTION, type LspInitializationOptions } from '../lspProtocol';
import { isLintable, LINTED_LANGUAGES } from './lintable';
import { affectsLintSettings, readLintSettings } from './settings';

const MAX_BACKOFF_MS = 60_000;

export class LintServer implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private starting: Promise<LanguageClient | undefined> | undefined;
  private failures = 0;
  private restartTimer: NodeJS.Timeout | undefined;
  private disposed = false;
  /** Stopped by {@link stop}: not restarted until asked. */
  private stoppedOnPurpose = false;
  private readonly item = vscode.window.createStatusBarItem(
    'awsBackupPitr.lintServer',
    vscode.StatusBarAlignment.Right,
    99,
  );
  private readonly disposables: vscode.Disposable[] = [this.item];
  private readonly stateChanged = new vscode.EventEmitter<boolean>();
  /** Fires with whether the server runs, each time that changes. */
  readonly onDidChangeRunning = this.stateChanged.event;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly wire: (client: LanguageClient) => void,
  ) {
    this.item.name = 'AWS Backup lint server';
    this.disposables.push(
      this.stateChanged,
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (affectsLintSettings(e)) this.settingsChanged();
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.settingsChanged()),
    );
    void this.ready();
  }

  get running(): boolean {
    return this.client?.state === State.Running;
  }

  /** The running client, started if need be; undefined when it cannot start. */
  ready(): Promise<LanguageClient | undefined> {
    this.stoppedOnPurpose = false;
    if (this.running) return Promise.resolve(this.client);
    return (this.starting ??= this.start().finally(() => (this.starting = undefined)));
  }

  /** Lint settings (or live facts) changed: the server asks for settings again and lints every open document. */
  settingsChanged(): void {
    if (this.running)
      void this.client!.sendNotification('workspace/didChangeConfiguration', { settings: null });
  }

  /** Stops the server (the integration tests' way to show the send gates do not need it). */
  async stop(): Promise<void> {
    this.stoppedOnPurpose = true;
    clearTimeout(this.restartTimer);
    this.restartTimer = undefined;
    const c = this.client;
    this.client = undefined;
    if (c?.isRunning()) await c.stop();
    this.show('stopped');
    this.stateChanged.fire(false);
  }

  private async start(): Promise<LanguageClient | undefined> {
    if (this.disposed) return undefined;
    const module = this.context.asAbsolutePath('dist/lsp.js');
    const init: LspInitializationOptions = { diagnostics: 'push', results: true, live: { client: true } };
    const options: LanguageClientOptions = {
      documentSelector: LINTED_LANGUAGES.map((language) => ({ language })),
      diagnosticCollectionName: 'aws-backup-pitr',
      initializationOptions: init,
      // The server's crash is handled here (backoff and the status item), not by the library's prompt.
      errorHandler: {
        error: () => ({ action: ErrorAction.Continue, handled: true }),
        closed: () => {
          this.scheduleRestart();
          return { action: CloseAction.DoNotRestart, handled: true };
        },
      },
      initializationFailedHandler: () => false,
      middleware: {
        didOpen: (doc, next) => (isLintable(doc) ? next(doc) : Promise.resolve()),
        didChange: (e, next) => (isLintable(e.document) ? next(e) : Promise.resolve()),
        didClose: (doc, next) => (isLintable(doc) ? next(doc) : Promise.resolve()),
        workspace: {
          configuration: (params) =>
            params.items.map((item) =>
              item.section === LSP_SETTINGS_SECTION
                ? lspSettings(item.scopeUri ? vscode.Uri.parse(item.scopeUri) : undefined)
                : null,
            ),
        },
      },
    };
    const client = new LanguageClient(
      'awsBackupPitr.lint',
      'AWS Backup lint',
      {
        run: { module, transport: TransportKind.ipc },
        debug: { module, transport: TransportKind.ipc },
      },
      options,
    );
    this.wire(client);
    this.client = client;
    try {
      await client.start();
    } catch {
      if (this.client === client) this.client = undefined;
      this.scheduleRestart();
      return undefined;
    }
    this.failures = 0;
    this.item.hide();
    this.stateChanged.fire(true);
    return client;
  }

  private scheduleRestart(): void {
    if (this.disposed || this.stoppedOnPurpose || this.restartTimer) return;
    this.client = undefined;
    const delay = Math.min(1000 * 2 ** this.failures++, MAX_BACKOFF_MS);
    this.show(`restarting in ${Math.round(delay / 1000)} s`);
    this.stateChanged.fire(false);
    this.restartTimer = setTimeout(() => {
      this.restartTimer = undefined;
      void this.ready();
    }, delay);
  }

  private show(state: string): void {
    this.item.text = `$(warning) AWS Backup lint: server ${state}`;
    this.item.tooltip = `The AWS Backup linter (pitr-lsp) is not running (${state}): files are not linted until it is back. Restores, plan deployments and deletions still check the exact text they send.`;
    this.item.show();
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.restartTimer);
    for (const d of this.disposables) d.dispose();
    void this.client?.stop().catch(() => undefined);
  }
}

/** The settings the server asks for, read as the extension reads them (trust respected). */
function lspSettings(scope: vscode.Uri | undefined): object {
  const s = readLintSettings(scope);
  return { enable: s.enable, files: s.files, severity: s.severity, live: s.live };
}
