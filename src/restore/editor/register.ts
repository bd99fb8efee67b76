/**
 * Point-in-time restore in the editor: the palette and tree flows (quick inputs with Back), the
 * review document, "Start restore job" and "Copy as AWS CLI command" on start-restore-job and
 * restore-metadata files, the confirmation, the start (one job per IdempotencyToken), and following
 * the job to its end — again after a window reload. The decisions live in the modules beside this
 * folder (wizard, startGate, jobStore, followJob, restoreRequest); this layer only adapts.
 */
import * as vscode from 'vscode';
import type { BackupApi } from '../../aws/backupApi';
import { messageOf } from '../../aws/awsText';
import type { ActiveConnection } from '../../aws/activeConnection';
import type { PointSummary } from '../../backup/recoveryPoint';
import type { DocumentFamily, LintResult } from '../../lint';
import { RESTORE_KINDS } from '../../lint/kinds';
import { guarded } from '../../ui/commands';
import type { Confirmation } from '../../ui/confirmation';
import { registerKindLenses } from '../../ui/kindLenses';
import { confirmModal } from '../../ui/modal';
import type { JobProgress } from '../followJob';
import { RememberedJobs } from '../jobStore';
import { RestoreStarter } from '../starter';
import { runRestoreWizard, type WizardOptions, type WizardUi } from '../wizard';
import { registerChangedValueMarks } from './changedValues';
import { JobWatcher } from './jobWatcher';
import { QuickInputUi } from './quickInputUi';
import { notificationHint, RECORD_SCHEME, ReviewDocuments, type ShowHint } from './reviews';
import { regionOf, StartCommands } from './startCommands';
import { connectFirst } from './connectFirst';

const SELECTOR: vscode.DocumentSelector = [{ language: 'json' }, { language: 'jsonc' }];

/** Replaced by integration tests: the window UI the flows use (the real one otherwise). */
export interface RestorePrompts {
  wizard: WizardUi;
  confirm(c: Confirmation): Promise<boolean>;
  /** The "nothing has started yet" hint of a review document, shown until `until` settles. */
  hint?: ShowHint;
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

const realPrompts: RestorePrompts = { wizard: new QuickInputUi(), confirm: confirmModal };

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

const top = new vscode.Range(0, 0, 0, 0);

/** "Start restore job" (and "Copy as AWS CLI command") above a restore document; none on a record of a started one. */
function restoreLenses(diagnostics: RestoreDeps['diagnostics']): vscode.Disposable {
  return registerKindLenses({
    selector: SELECTOR,
    onDidLint: diagnostics.onDidLint,
    kindOf: (uri) => {
      if (uri.scheme === RECORD_SCHEME) return undefined;
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
  });
}

export function registerRestore(context: vscode.ExtensionContext, deps: RestoreDeps): RestoreFeature {
  const { connections, log } = deps;
  const activity = connections.restoreJobs;
  let prompts = realPrompts;
  const jobs = new RememberedJobs(context.globalState);
  /** The door for the Region a recovery point's ARN names (the connection's own when it names none). */
  const apiFor = async (recoveryPointArn: string): Promise<BackupApi | undefined> => {
    const region = regionOf(recoveryPointArn);
    return region ? connections.apiForRegion(region) : connections.api;
  };
  const starter = new RestoreStarter({
    jobs,
    store: context.globalState,
    apiFor,
    confirm: (c) => prompts.confirm(c),
    jobsChanged: (region, jobId) => activity.jobChanged(region, jobId),
    log,
  });
  const watcher = new JobWatcher(jobs, (region) => activity.jobChanged(region));
  const reviews = new ReviewDocuments();

  async function wizard(
    start?: WizardOptions['start'],
    metadata?: Record<string, string>,
  ): Promise<vscode.Uri | undefined> {
    const apis = start ? [start.api] : connections.apis;
    if (apis.length === 0) return connectFirst();
    const result = await runRestoreWizard(prompts.wizard, {
      apis,
      ...(start ? { start } : {}),
      ...(metadata ? { metadata } : {}),
      recentRoles: starter.recentRoles(),
    });
    if (!result) return undefined;
    const uri = await reviews.show(result.document, prompts.hint ?? notificationHint);
    await starter.rememberRole(result.document.IamRoleArn);
    return uri;
  }

  const commands = new StartCommands({
    starter,
    jobs,
    watcher,
    reviews,
    diagnostics: deps.diagnostics,
    lintSettings: deps.lintSettings,
    apiFor,
    wizard: (metadata) => wizard(undefined, metadata),
  });

  context.subscriptions.push(
    reviews,
    registerChangedValueMarks(),
    restoreLenses(deps.diagnostics),
    vscode.commands.registerCommand(
      'awsBackupPitr.restore.pointInTime',
      guarded(() => wizard()),
    ),
    vscode.commands.registerCommand(
      'awsBackupPitr.restore.fromRecoveryPoint',
      // A recovery point node (the tree), or a point and second picked on the restore timeline.
      guarded((from?: TreePoint | NonNullable<WizardOptions['start']>) => {
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
    vscode.commands.registerCommand(
      'awsBackupPitr.restore.startFromDocument',
      guarded((uri?: vscode.Uri) => commands.start(uri)),
    ),
    vscode.commands.registerCommand(
      'awsBackupPitr.restore.copyCliCommand',
      guarded((uri?: vscode.Uri) => commands.copyCli(uri)),
    ),
  );

  /** Jobs started before the window reloaded: watch them again (and send a start whose answer was lost). */
  async function resume(): Promise<void> {
    // The explorer marks the jobs started here, in this window or before it reloaded.
    activity.record(jobs.all().map((j) => j.jobId));
    for (const job of jobs.unfinished()) {
      try {
        const api = await connections.openApi(job.connection);
        if (job.jobId) watcher.follow({ ...job, jobId: job.jobId }, api);
        // Never sent on its own: asked again, while it has not expired.
        else await commands.resend(job, api);
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
