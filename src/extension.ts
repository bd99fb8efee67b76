/**
 * Composition root. Activation is light: it registers what VS Code must know at once (the explorer
 * view, every command, a watch on JSON documents) and loads the rest on first use (src/bundles.ts):
 * the lint engine when a document turns out to be an AWS Backup file, the AWS half (SDK, explorer,
 * restore) when the explorer shows, a command runs, a restore document opens, a live check has a
 * connection to ask, or a restore job started before a reload is still to be watched.
 * Every registration is disposed with the extension.
 */
import * as vscode from 'vscode';
import type { AwsFeatures } from './awsFeatures';
import type * as awsFeaturesModule from './awsFeatures';
import { activationDone, loadBundle, loadedBundles, type BundleLoad } from './bundles';
import { LazyTreeHost } from './lazyTree';
import type * as lintBundle from './lint/editor/bundle';
import type { DocumentLint } from './lint/editor/diagnostics';
import type { LintFeature } from './lint/editor/register';
import { readLintSettings } from './lint/editor/settings';
import { readSetting } from './ui/settings';
import { isBackupDocument } from './lint/editor/sniff';
import { LIVE_CHECKED_KINDS, RESTORE_KINDS } from './lint/kinds';
import { LAST_CONNECTION_KEY } from './aws/stateKeys';
import { RESTORE_JOBS_KEY } from './restore/stateKeys';
import { testHooksAllowed } from './testHooks';

/**
 * What `activate` returns to other extensions: reading lint results, nothing more. Nothing here
 * can reach AWS, start a restore or change what the extension does.
 */
export interface ExtensionApi {
  lintResultFor(uri: vscode.Uri): DocumentLint | undefined;
  lintWorkspace(): Promise<{ files: number; errors: number }>;
  /** What activation cost: `extension.js` from its first line to `activate` returning, then each bundle loaded since. */
  loaded(): readonly BundleLoad[];
}

/** The integration tests' way in (src/testHooks.ts says when it is returned). */
export interface TestApi extends ExtensionApi, AwsFeatures {}

export function activate(context: vscode.ExtensionContext): ExtensionApi | TestApi {
  const activateStart = performance.now();
  try {
    // Operational messages only: credentials and restore metadata never reach it.
    const log = vscode.window.createOutputChannel('AWS Backup PITR', { log: true });
    context.subscriptions.push(log);
    log.info(`activating ${context.extension.id}`);
    const root = new Root(context, log);
    const api: ExtensionApi = {
      lintResultFor: (uri) => root.lintIfLoaded?.diagnostics.resultFor(uri),
      lintWorkspace: () => root.lint().lintWorkspace(),
      loaded: loadedBundles,
    };
    activationDone(activateStart);
    if (testHooksAllowed(process.env, context.extensionMode === vscode.ExtensionMode.Production)) {
      log.info('test hooks enabled');
      const test: TestApi = {
        ...api,
        get explorer() {
          return root.aws().explorer;
        },
        get restore() {
          return root.aws().restore;
        },
        get stopDelete() {
          return root.aws().stopDelete;
        },
        get deploy() {
          return root.aws().deploy;
        },
        get posture() {
          return root.aws().posture;
        },
        awsSettings: () => root.aws().awsSettings(),
      };
      return test;
    }
    return api;
  } catch (e) {
    // VS Code does not show activation failures; say it where the user looks.
    void vscode.window.showErrorMessage(
      `AWS Backup PITR failed to start: ${e instanceof Error ? e.message : String(e)}`,
    );
    throw e;
  }
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}

/** Which bundle answers each contributed command, until that bundle is loaded. */
function bundleOfCommand(id: string): 'lint' | 'aws' {
  return id === 'awsBackupPitr.lintWorkspace' ? 'lint' : 'aws';
}

class Root {
  private lintFeature: LintFeature | undefined;
  private awsFeatures: AwsFeatures | undefined;
  private readonly stubs = new Map<'lint' | 'aws', vscode.Disposable[]>([
    ['lint', []],
    ['aws', []],
  ]);
  private readonly host: LazyTreeHost;
  private readonly view: vscode.TreeView<unknown>;
  private watch: vscode.Disposable | undefined;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.host = new LazyTreeHost(() => this.aws());
    this.view = vscode.window.createTreeView('awsBackupPitr.explorer', {
      treeDataProvider: this.host,
      showCollapseAll: true,
    });
    context.subscriptions.push(this.host, this.view);
    this.registerStubs();
    this.watchDocuments();
    // A restore job started before the window reloaded is watched again (or its start confirmed).
    const jobs = context.globalState.get<{ endedAt?: number }[]>(RESTORE_JOBS_KEY) ?? [];
    if (jobs.some((j) => j.endedAt === undefined)) setImmediate(() => this.aws());
  }

  get lintIfLoaded(): LintFeature | undefined {
    return this.lintFeature;
  }

  /** Every contributed command answers from activation; its first run loads the bundle behind it. */
  private registerStubs(): void {
    const commands = (
      this.context.extension.packageJSON as { contributes: { commands: { command: string }[] } }
    ).contributes.commands;
    for (const { command } of commands) {
      const bundle = bundleOfCommand(command);
      const stub = vscode.commands.registerCommand(command, (...args: unknown[]) => {
        if (bundle === 'lint') this.lint();
        else this.aws();
        return vscode.commands.executeCommand(command, ...args);
      });
      this.stubs.get(bundle)!.push(stub);
      this.context.subscriptions.push(stub);
    }
  }

  private dropStubs(bundle: 'lint' | 'aws'): void {
    for (const s of this.stubs.get(bundle)!) s.dispose();
    this.stubs.set(bundle, []);
  }

  /** Until the engine loads: a document that is an AWS Backup file loads it; others cost one parse. */
  private watchDocuments(): void {
    const timers = new Map<string, NodeJS.Timeout>();
    const check = (doc: vscode.TextDocument): void => {
      if (!this.lintFeature && isBackupDocument(doc)) this.lint();
    };
    const subs = [
      vscode.workspace.onDidOpenTextDocument(check),
      vscode.workspace.onDidChangeTextDocument((e) => {
        const key = e.document.uri.toString();
        clearTimeout(timers.get(key));
        timers.set(
          key,
          setTimeout(() => {
            timers.delete(key);
            check(e.document);
          }, readLintSettings(e.document.uri).debounceMilliseconds),
        );
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('awsBackupPitr.lint')) vscode.workspace.textDocuments.forEach(check);
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => vscode.workspace.textDocuments.forEach(check)),
    ];
    this.watch = vscode.Disposable.from(...subs, { dispose: () => timers.forEach(clearTimeout) });
    this.context.subscriptions.push(this.watch);
    for (const doc of vscode.workspace.textDocuments) check(doc);
  }

  /** The lint engine and its editor adapter (loaded once). */
  lint(): LintFeature {
    if (this.lintFeature) return this.lintFeature;
    this.dropStubs('lint');
    this.watch?.dispose();
    const lint = loadBundle<typeof lintBundle>('lint.js').registerLint(this.context);
    this.lintFeature = lint;
    this.log.info('lint engine loaded');
    // A restore document needs the restore commands; a live check needs a connection. The engine
    // linted the open documents as it loaded: look at those too.
    const needsAws = (uri: vscode.Uri): void => {
      if (this.awsFeatures) return;
      const kind = lint.diagnostics.resultFor(uri)?.result.recognition.kind;
      if (!kind) return;
      if (RESTORE_KINDS.has(kind) || (LIVE_CHECKED_KINDS.has(kind) && this.liveChecksCanRun(uri)))
        setImmediate(() => this.aws());
    };
    this.context.subscriptions.push(lint.diagnostics.onDidLint(needsAws));
    for (const doc of vscode.workspace.textDocuments) needsAws(doc.uri);
    return lint;
  }

  /** Live checks run when they are on and a connection is remembered or named in settings. */
  private liveChecksCanRun(uri: vscode.Uri): boolean {
    if (!readLintSettings(uri).live) return false;
    return (
      this.context.globalState.get(LAST_CONNECTION_KEY) !== undefined ||
      readSetting('aws.profile') !== '' ||
      readSetting('aws.endpoint') !== ''
    );
  }

  /** The AWS half: SDK, explorer, restore, live checks (loaded once; it needs the lint feature). */
  aws(): AwsFeatures {
    if (this.awsFeatures) return this.awsFeatures;
    const lint = this.lint();
    this.dropStubs('aws');
    const features = loadBundle<typeof awsFeaturesModule>('aws.js').activateAws(this.context, {
      log: this.log,
      lint,
      view: this.view,
      host: this.host,
    });
    this.awsFeatures = features;
    this.log.info('AWS features loaded');
    return features;
  }
}
