/**
 * Point-in-time restore in the editor: the palette and tree flows (quick inputs with Back), the
 * review document, "Start restore job" and "Copy as AWS CLI command" on start-restore-job and
 * restore-metadata files, the confirmation, the start (one job per IdempotencyToken), and following
 * the job to its end — again after a window reload. The decisions live in the modules beside this
 * folder (wizard, startGate, jobStore, followJob, restoreRequest); this layer only adapts.
 */
import * as vscode from 'vscode';
import type { BackupApi } from '../../aws/backupApi';
import { errorText, messageOf, noLinks } from '../../aws/awsText';
import type { ActiveConnection } from '../../aws/activeConnection';
import type { PointSummary } from '../../backup/recoveryPoint';
import type { DocumentFamily, LintResult } from '../../lint/types';
import { registerChangedValueMarks } from './changedValues';
import { RESTORE_KINDS } from '../../lint/kinds';
import type { JobProgress } from '../followJob';
import { RememberedJobs, type RememberedJob } from '../jobStore';
import { cliEquivalent } from '../restoreRequest';
import { checkBeforeStart, idempotencyTokenFor, type Confirmation } from '../startGate';
import { editorLintForGate, RestoreStarter, type SendOutcome } from '../starter';
import { runRestoreWizard, type WizardOptions, type WizardResult, type WizardUi } from '../wizard';
import { JobWatcher } from './jobWatcher';
import { QuickInputUi } from './quickInputUi';
import { registerKindLenses } from '../../ui/kindLenses';

const SELECTOR: vscode.DocumentSelector = [{ language: 'json' }, { language: 'jsonc' }];
/** A review document once its job has started: read-only, so closing it never asks to save. */
const REVIEW_SCHEME = 'aws-backup-pitr-review';

/** Replaced by integration tests: the window UI the flows use (the real one otherwise). */
export interface RestorePrompts {
  wizard: WizardUi;
  confirm(c: Confirmation): Promise<boolean>;
}

export interface RestoreFeature {
  /** Tests only: script the quick inputs and the confirmation. */
  setPrompts(p: RestorePrompts | undefined): void;
  /** Resolves when the job started with `jobId` has been followed to its end (or watching stopped). */
  whenFollowed(jobId: string): Promise<JobProgress | undefined>;
  jobs: RememberedJobs;
  /** What activation does after a reload: follow remembered jobs again (tests call it too). */
  resume(): Promise<void>;
}

const realPrompts: RestorePrompts = {
  wizard: new QuickInputUi(),
  async confirm(c) {
    const start = 'Start Restore Job';
    const picked = await vscode.window.showWarningMessage(
      noLinks(c.message),
      { modal: true, detail: noLinks(c.detail) },
      start,
    );
    return picked === start;
  },
};

/**
 * What restore needs of the AWS layer and of the editor's linter. Wired by the composition root
 * (src/awsFeatures.ts), so restore imports no other feature.
 */
export interface RestoreDeps {
  /** The active connection (src/aws): its doors, and where restore says a job started or ended. */
  connections: ActiveConnection;
  /** The editor's lint results, and an event after each document's result changes. */
  diagnostics: {
    resultFor(uri: vscode.Uri): { version: number; result: LintResult } | undefined;
    readonly onDidLint: vscode.Event<vscode.Uri>;
  };
  /** The lint settings for a document: which files are which kind, and the severity overrides. */
  lintSettings: (uri: vscode.Uri) => {
    files: Record<string, DocumentFamily>;
    severity: Readonly<Record<string, string>>;
  };
  log: vscode.LogOutputChannel;
}

/** A recovery point node of the explorer's tree, as the command receives it. */
interface TreePoint {
  api: BackupApi;
  point: PointSummary;
  parent: { name: string };
}

function regionOf(arn: string): string | undefined {
  return /^arn:aws[-a-z]*:backup:([^:]+):/.exec(arn)?.[1];
}

export function registerRestore(context: vscode.ExtensionContext, deps: RestoreDeps): RestoreFeature {
  const { connections, diagnostics, lintSettings, log } = deps;
  const activity = connections.restoreJobs;
  let prompts = realPrompts;
  const jobs = new RememberedJobs(context.globalState);
  const starter = new RestoreStarter({
    jobs,
    store: context.globalState,
    apiFor,
    confirm: (c) => prompts.confirm(c),
    jobsChanged: (region, jobId) => activity.jobChanged(region, jobId),
    log,
  });
  const watcher = new JobWatcher(jobs, (region) => activity.jobChanged(region));
  /** One start at a time per document; a second click while it runs does nothing. */
  const starting = new Set<string>();

  /** Untitled review documents the flows opened, and the read-only copies that replace them. */
  const reviews = new Set<string>();
  const readOnlyReviews = new Map<string, string>();
  context.subscriptions.push(
    vscode.workspace.registerTextDocumentContentProvider(REVIEW_SCHEME, {
      provideTextDocumentContent: (uri) => readOnlyReviews.get(uri.toString()),
    }),
    vscode.workspace.onDidCloseTextDocument((d) => reviews.delete(d.uri.toString())),
  );

  /**
   * Once its job has started, a review document (untitled, so dirty) is replaced by a read-only one
   * of the same content in the same place: closing it then never asks to save a request already sent.
   */
  async function settleReview(doc: vscode.TextDocument, jobId: string): Promise<void> {
    if (!reviews.delete(doc.uri.toString()) || doc.isClosed) return;
    const uri = vscode.Uri.from({ scheme: REVIEW_SCHEME, path: `/restore-job-${jobId}.json` });
    readOnlyReviews.set(uri.toString(), doc.getText());
    const editor = await vscode.window.showTextDocument(doc, { preview: false });
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await vscode.window.showTextDocument(uri, {
      preview: false,
      ...(editor.viewColumn ? { viewColumn: editor.viewColumn } : {}),
    });
  }

  /** Shows the request as a start-restore-job document: linted live, started from its CodeLens. */
  async function openReview(result: WizardResult): Promise<vscode.Uri> {
    const doc = await vscode.workspace.openTextDocument({
      language: 'json',
      content: `${JSON.stringify(result.document, null, 2)}\n`,
    });
    await vscode.window.showTextDocument(doc);
    reviews.add(doc.uri.toString());
    await starter.rememberRole(result.document.IamRoleArn);
    void vscode.window.showInformationMessage(
      'Review the restore request, then choose "Start restore job" above it. Nothing has started yet.',
    );
    return doc.uri;
  }

  async function wizard(
    start?: WizardOptions['start'],
    metadata?: Record<string, string>,
  ): Promise<vscode.Uri | undefined> {
    const apis = start ? [start.api] : connections.apis;
    if (apis.length === 0) {
      const connect = 'Connect…';
      const emulator = 'Use a Local Emulator…';
      void vscode.window
        .showErrorMessage(
          'Connect to AWS first: the restore lists your vaults and recovery points.',
          connect,
          emulator,
        )
        .then((picked) =>
          picked === connect
            ? vscode.commands.executeCommand('awsBackupPitr.connect')
            : picked === emulator
              ? vscode.commands.executeCommand('awsBackupPitr.useLocalEmulator')
              : undefined,
        );
      return undefined;
    }
    const result = await runRestoreWizard(prompts.wizard, {
      apis,
      ...(start ? { start } : {}),
      ...(metadata ? { metadata } : {}),
      recentRoles: starter.recentRoles(),
    });
    return result ? openReview(result) : undefined;
  }

  /** The door for the Region a recovery point's ARN names (the connection's own when it names none). */
  async function apiFor(recoveryPointArn: string): Promise<BackupApi | undefined> {
    const region = regionOf(recoveryPointArn);
    return region ? connections.apiForRegion(region) : connections.api;
  }

  /** What a send came to, shown: a started job is followed; a kept one asks to retry. */
  function afterSend(job: RememberedJob, api: BackupApi, sent: SendOutcome): string | undefined {
    if (sent.kind === 'started') {
      watcher.follow({ ...job, jobId: sent.jobId }, api);
      return sent.jobId;
    }
    if (sent.kind === 'kept') {
      // Kept: a retry (or the next window) sends the same token, so at most one job starts.
      const retry = 'Retry';
      const forget = 'Do Not Restore';
      void vscode.window
        .showErrorMessage(
          noLinks(
            `The restore of ${job.label} could not be sent: ${sent.error.message} "Retry" asks you again and sends the same request with the same idempotency token, so it starts at most one job; left alone, you are asked again when this window next opens (for 24 hours, while its restore time is restorable). "Do Not Restore" forgets it (a job the service already received goes on and is listed under Restore jobs).`,
          ),
          retry,
          forget,
        )
        .then(async (p) => {
          const current = jobs.find(job.token);
          if (!current || current.jobId) return;
          if (p === retry) await resend(current, api);
          else if (p === forget) await jobs.forget(job.token);
        });
    } else if (sent.kind === 'refused')
      void vscode.window.showErrorMessage(
        noLinks(`The restore of ${job.label} did not start: ${messageOf(sent.error)}`),
      );
    return undefined;
  }

  /** A confirmed start that was not sent: checked and confirmed again, and only then sent. */
  async function resend(job: RememberedJob, api: BackupApi): Promise<string | undefined> {
    const r = await starter.resend(job, api);
    if (r.kind === 'forgotten') void vscode.window.showWarningMessage(noLinks(r.reason));
    else if (r.kind === 'declined')
      void vscode.window.showInformationMessage(noLinks(`Nothing was started: ${r.label} is forgotten.`));
    else return afterSend(job, api, r.sent);
    return undefined;
  }

  /** "Start restore job" on a document: check, confirm, start once, follow. */
  async function startFromDocument(uri?: vscode.Uri): Promise<string | undefined> {
    const doc = uri ? await vscode.workspace.openTextDocument(uri) : vscode.window.activeTextEditor?.document;
    if (!doc) throw new Error('Open a start-restore-job or restore-metadata JSON file first.');
    if (doc.uri.scheme !== 'untitled' && doc.uri.scheme !== REVIEW_SCHEME && !vscode.workspace.isTrusted) {
      void vscode.window.showErrorMessage(
        'Restores from files are disabled in an untrusted workspace: a file you did not write could start a restore in your account. Trust this workspace (Workspaces: Manage Workspace Trust), or use "AWS Backup: Restore to a Point in Time…".',
      );
      return undefined;
    }
    const key = doc.uri.toString();
    if (starting.has(key)) return undefined;
    starting.add(key);
    try {
      const settings = lintSettings(doc.uri);
      const lintResult = editorLintForGate(diagnostics.resultFor(doc.uri), {
        version: doc.version,
        severity: settings.severity,
      });
      const outcome = await starter.start({
        source: key,
        text: doc.getText(),
        fileName: doc.uri.path,
        globs: settings.files,
        ...(lintResult ? { lintResult } : {}),
      });
      switch (outcome.kind) {
        case 'blocked': {
          // Not awaited: the command ends now; the message stays until the user closes it.
          const problems = 'Show Problems';
          const n = outcome.problems.length;
          void vscode.window
            .showErrorMessage(
              noLinks(
                `The restore did not start: ${n} problem${n === 1 ? '' : 's'} in ${vscode.workspace.asRelativePath(doc.uri)}. ${outcome.problems.slice(0, 3).join(' ')}`,
              ),
              problems,
            )
            .then((picked) =>
              picked === problems
                ? vscode.commands.executeCommand('workbench.actions.view.problems')
                : undefined,
            );
          return undefined;
        }
        case 'needs-point':
          await wizard(undefined, outcome.metadata);
          return undefined;
        case 'not-connected':
          void vscode.window.showErrorMessage(
            'Connect to AWS first ("AWS Backup: Connect…"): nothing was started.',
          );
          return undefined;
        case 'already-started': {
          const known = outcome.job;
          void vscode.window.showInformationMessage(
            noLinks(
              `This request already started restore job ${known.jobId}${known.status ? ` (${known.status})` : ''}. To start another job from it, add or change its "IdempotencyToken".`,
            ),
          );
          if (!known.endedAt) watcher.follow(known, outcome.api);
          return known.jobId;
        }
        case 'declined':
          void vscode.window.showInformationMessage('Nothing was started.');
          return undefined;
        case 'sent': {
          const id = afterSend(outcome.job, outcome.api, outcome.sent);
          if (id) await settleReview(doc, id);
          return id;
        }
      }
    } finally {
      starting.delete(key);
    }
  }

  async function copyCliCommand(uri?: vscode.Uri): Promise<string | undefined> {
    const doc = uri ? await vscode.workspace.openTextDocument(uri) : vscode.window.activeTextEditor?.document;
    if (!doc) return undefined;
    const gate = await checkBeforeStart({ text: doc.getText(), fileName: doc.uri.path });
    if (gate.ok !== true) {
      void vscode.window.showErrorMessage(
        gate.ok === false
          ? noLinks(`Fix the document first: ${gate.problems.slice(0, 3).join(' ')}`)
          : 'This is restore metadata only: the command needs a recovery point and a role ("Start restore job" asks for them).',
      );
      return undefined;
    }
    const region = regionOf(gate.request.RecoveryPointArn);
    const api = await apiFor(gate.request.RecoveryPointArn);
    const command = cliEquivalent(
      { ...gate.request, IdempotencyToken: idempotencyTokenFor(doc.uri.toString(), gate.request) },
      region,
      api?.connection.profile,
      api?.connection.endpoint,
    );
    await vscode.env.clipboard.writeText(command);
    void vscode.window.showInformationMessage('Copied the equivalent AWS CLI command.');
    return command;
  }

  const top = new vscode.Range(0, 0, 0, 0);

  context.subscriptions.push(
    registerChangedValueMarks(),
    registerKindLenses({
      selector: SELECTOR,
      onDidLint: diagnostics.onDidLint,
      kindOf: (uri) => {
        const kind = diagnostics.resultFor(uri)?.result.recognition.kind;
        return kind && RESTORE_KINDS.has(kind) ? kind : undefined;
      },
      contextKeys: (kind) => ({ 'awsBackupPitr.restoreDocument': kind !== undefined }),
      lenses: (doc, kind) => [
        new vscode.CodeLens(top, {
          title: '$(play) Start restore job',
          command: 'awsBackupPitr.restore.startFromDocument',
          arguments: [doc.uri],
          tooltip: 'Check this document, confirm, and start the restore job',
        }),
        ...(kind === 'start-restore-job'
          ? [
              new vscode.CodeLens(top, {
                title: '$(copy) Copy as AWS CLI command',
                command: 'awsBackupPitr.restore.copyCliCommand',
                arguments: [doc.uri],
              }),
            ]
          : []),
      ],
    }),
    vscode.commands.registerCommand('awsBackupPitr.restore.pointInTime', () => guard(() => wizard())),
    vscode.commands.registerCommand(
      'awsBackupPitr.restore.fromRecoveryPoint',
      // A recovery point node (the tree), or a point and second picked on the restore timeline.
      (from?: TreePoint | NonNullable<WizardOptions['start']>) =>
        guard(async () => {
          if (!from?.point.RecoveryPointArn) return wizard();
          if ('parent' in from)
            return wizard({
              api: from.api,
              vault: from.point.BackupVaultName ?? from.parent.name,
              point: from.point,
            });
          return wizard(from);
        }),
    ),
    vscode.commands.registerCommand('awsBackupPitr.restore.startFromDocument', (uri?: vscode.Uri) =>
      guard(() => startFromDocument(uri)),
    ),
    vscode.commands.registerCommand('awsBackupPitr.restore.copyCliCommand', (uri?: vscode.Uri) =>
      guard(() => copyCliCommand(uri)),
    ),
  );

  async function guard<T>(f: () => Promise<T>): Promise<T | undefined> {
    try {
      return await f();
    } catch (e) {
      void vscode.window.showErrorMessage(errorText(e));
      return undefined;
    }
  }

  /** Jobs started before the window reloaded: watch them again (and send a start whose answer was lost). */
  async function resume(): Promise<void> {
    // The explorer marks the jobs started here, in this window or before it reloaded.
    activity.record(jobs.all().map((j) => j.jobId));
    for (const job of jobs.unfinished()) {
      try {
        const api = await connections.openApi(job.connection);
        if (job.jobId) watcher.follow({ ...job, jobId: job.jobId }, api);
        // Never sent on its own: asked again, while it has not expired.
        else await resend(job, api);
      } catch (e) {
        log.warn(`could not resume a restore job: ${messageOf(e)}`);
      }
    }
  }
  void resume();

  return {
    setPrompts: (p) => (prompts = p ?? realPrompts),
    whenFollowed: (jobId) => watcher.whenFollowed(jobId),
    jobs,
    resume,
  };
}
