/**
 * The review documents of the restore flows: an untitled start-restore-job document to read and
 * start from, with a hint that nothing has started yet (gone once its job starts or it closes);
 * once started, a read-only record of exactly what was sent in its place, which offers no start.
 */
import * as vscode from 'vscode';
import { RESTORE_RECORD_SCHEME } from '../../ui/schemes';
import type { StartRequest } from '../startGate';

/** The read-only record of a started restore: closing it never asks to save a request already sent. */
export const RECORD_SCHEME = RESTORE_RECORD_SCHEME;

/** How a hint is shown: until `until` settles (a progress notification in the editor). */
export type ShowHint = (message: string, until: Promise<void>) => void;

export const REVIEW_HINT =
  'Review the restore request, then choose "Start restore job" above it. Nothing has started yet.';

/** A notification that closes itself when `until` settles (a plain message cannot be closed). */
export const notificationHint: ShowHint = (message, until) =>
  void vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: message },
    () => until,
  );

export class ReviewDocuments implements vscode.Disposable {
  /** Untitled review documents, each with the hint to close once it is started or closed. */
  private readonly open = new Map<string, () => void>();
  private readonly records = new Map<string, string>();
  private readonly disposables: vscode.Disposable[];

  constructor() {
    this.disposables = [
      vscode.workspace.registerTextDocumentContentProvider(RECORD_SCHEME, {
        provideTextDocumentContent: (uri) => this.records.get(uri.toString()),
      }),
      vscode.workspace.onDidCloseTextDocument((d) => this.endHint(d.uri)),
    ];
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
    for (const end of this.open.values()) end();
  }

  private endHint(uri: vscode.Uri): boolean {
    const end = this.open.get(uri.toString());
    end?.();
    return this.open.delete(uri.toString());
  }

  /** Shows `request` as a start-restore-job document to review, with the hint that nothing has started. */
  async show(request: StartRequest, hint: ShowHint): Promise<vscode.Uri> {
    const doc = await vscode.workspace.openTextDocument({
      language: 'json',
      content: `${JSON.stringify(request, null, 2)}\n`,
    });
    await vscode.window.showTextDocument(doc);
    let end!: () => void;
    const until = new Promise<void>((resolve) => (end = resolve));
    this.open.set(doc.uri.toString(), end);
    hint(REVIEW_HINT, until);
    return doc.uri;
  }

  /**
   * Once its job has started, a review document (untitled, so dirty) is replaced in the same place
   * by a read-only record of `sent`, the request exactly as it was sent: what was typed after the
   * start changes nothing. Its hint closes.
   */
  async settle(doc: vscode.TextDocument, jobId: string, sent: StartRequest): Promise<void> {
    if (!this.endHint(doc.uri) || doc.isClosed) return;
    const uri = vscode.Uri.from({ scheme: RECORD_SCHEME, path: `/restore-job-${jobId}.json` });
    this.records.set(uri.toString(), `${JSON.stringify(sent, null, 2)}\n`);
    const editor = await vscode.window.showTextDocument(doc, { preview: false });
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await vscode.window.showTextDocument(uri, {
      preview: false,
      ...(editor.viewColumn ? { viewColumn: editor.viewColumn } : {}),
    });
  }
}
