/**
 * "Start restore job" and "Copy as AWS CLI command" on a document, and what a send came to: a
 * started job followed, a kept one offered again, a refused one said. The decisions live in
 * ../starter.ts and ../startGate.ts; this layer only adapts.
 */
import * as vscode from 'vscode';
import type { BackupApi } from '../../aws/backupApi';
import { messageOf, noLinks } from '../../aws/awsText';
import type { DocumentFamily, LintResult } from '../../lint';
import type { RememberedJob, RememberedJobs } from '../jobStore';
import { cliEquivalent } from '../restoreRequest';
import { checkBeforeStart, idempotencyTokenFor } from '../startGate';
import { editorLintForGate, type RestoreStarter, type SendOutcome } from '../starter';
import type { JobWatcher } from './jobWatcher';
import { RECORD_SCHEME, type ReviewDocuments } from './reviews';

export interface StartCommandDeps {
  starter: RestoreStarter;
  jobs: RememberedJobs;
  watcher: JobWatcher;
  reviews: ReviewDocuments;
  diagnostics: { resultFor(uri: vscode.Uri): { version: number; result: LintResult } | undefined };
  lintSettings: (uri: vscode.Uri) => {
    files: Record<string, DocumentFamily>;
    severity: Readonly<Record<string, string>>;
  };
  /** The door for the Region a recovery point's ARN names. */
  apiFor(recoveryPointArn: string): Promise<BackupApi | undefined>;
  /** The wizard, for restore metadata without a point. */
  wizard(metadata: Record<string, string>): Promise<unknown>;
}

export function regionOf(arn: string): string | undefined {
  return /^arn:aws[-a-z]*:backup:([^:]+):/.exec(arn)?.[1];
}

async function documentOf(uri: vscode.Uri | undefined): Promise<vscode.TextDocument | undefined> {
  return uri ? vscode.workspace.openTextDocument(uri) : vscode.window.activeTextEditor?.document;
}

function blocked(doc: vscode.TextDocument, problems: string[]): undefined {
  // Not awaited: the command ends now; the message stays until the user closes it.
  const show = 'Show Problems';
  const n = problems.length;
  void vscode.window
    .showErrorMessage(
      noLinks(
        `The restore did not start: ${n} problem${n === 1 ? '' : 's'} in ${vscode.workspace.asRelativePath(doc.uri)}. ${problems.slice(0, 3).join(' ')}`,
      ),
      show,
    )
    .then((picked) =>
      picked === show ? vscode.commands.executeCommand('workbench.actions.view.problems') : undefined,
    );
  return undefined;
}

export class StartCommands {
  /** One start at a time per document; a second click while it runs does nothing. */
  private readonly starting = new Set<string>();

  constructor(private readonly deps: StartCommandDeps) {}

  /** What a send came to, shown: a started job is followed; a kept one asks to retry. */
  afterSend(job: RememberedJob, api: BackupApi, sent: SendOutcome): string | undefined {
    if (sent.kind === 'started') {
      this.deps.watcher.follow({ ...job, jobId: sent.jobId }, api);
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
          const current = this.deps.jobs.find(job.token);
          if (!current || current.jobId) return;
          if (p === retry) await this.resend(current, api);
          else if (p === forget) await this.deps.jobs.forget(job.token);
        });
    } else if (sent.kind === 'refused')
      void vscode.window.showErrorMessage(
        noLinks(`The restore of ${job.label} did not start: ${messageOf(sent.error)}`),
      );
    return undefined;
  }

  /** A confirmed start that was not sent: checked and confirmed again, and only then sent. */
  async resend(job: RememberedJob, api: BackupApi): Promise<string | undefined> {
    const r = await this.deps.starter.resend(job, api);
    if (r.kind === 'forgotten') void vscode.window.showWarningMessage(noLinks(r.reason));
    else if (r.kind === 'declined')
      void vscode.window.showInformationMessage(noLinks(`Nothing was started: ${r.label} is forgotten.`));
    else return this.afterSend(job, api, r.sent);
    return undefined;
  }

  /** "Start restore job" on a document: check, confirm, start once, follow. */
  async start(uri?: vscode.Uri): Promise<string | undefined> {
    const doc = await documentOf(uri);
    if (!doc) throw new Error('Open a start-restore-job or restore-metadata JSON file first.');
    if (doc.uri.scheme !== 'untitled' && doc.uri.scheme !== RECORD_SCHEME && !vscode.workspace.isTrusted) {
      void vscode.window.showErrorMessage(
        'Restores from files are disabled in an untrusted workspace: a file you did not write could start a restore in your account. Trust this workspace (Workspaces: Manage Workspace Trust), or use "AWS Backup: Restore to a Point in Time…".',
      );
      return undefined;
    }
    const key = doc.uri.toString();
    if (this.starting.has(key)) return undefined;
    this.starting.add(key);
    try {
      return await this.startDocument(doc);
    } finally {
      this.starting.delete(key);
    }
  }

  private async startDocument(doc: vscode.TextDocument): Promise<string | undefined> {
    const settings = this.deps.lintSettings(doc.uri);
    const lintResult = editorLintForGate(this.deps.diagnostics.resultFor(doc.uri), {
      version: doc.version,
      severity: settings.severity,
    });
    const outcome = await this.deps.starter.start({
      source: doc.uri.toString(),
      text: doc.getText(),
      fileName: doc.uri.path,
      globs: settings.files,
      ...(lintResult ? { lintResult } : {}),
    });
    switch (outcome.kind) {
      case 'blocked':
        return blocked(doc, outcome.problems);
      case 'needs-point':
        await this.deps.wizard(outcome.metadata);
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
        if (!known.endedAt) this.deps.watcher.follow(known, outcome.api);
        return known.jobId;
      }
      case 'declined':
        void vscode.window.showInformationMessage('Nothing was started.');
        return undefined;
      case 'sent': {
        const id = this.afterSend(outcome.job, outcome.api, outcome.sent);
        if (id && outcome.job.request) await this.deps.reviews.settle(doc, id, outcome.job.request);
        return id;
      }
    }
  }

  /** "Copy as AWS CLI command": the document as the AWS CLI would send it, with its token. */
  async copyCli(uri?: vscode.Uri): Promise<string | undefined> {
    const doc = await documentOf(uri);
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
    const api = await this.deps.apiFor(gate.request.RecoveryPointArn);
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
}
