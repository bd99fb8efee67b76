/**
 * The diff editor an update shows: the plan as deployed beside the plan as it would be sent, both
 * read-only documents of their own scheme, kept only while open.
 */
import * as vscode from 'vscode';
import { applyEdits, modify } from 'jsonc-parser';
import { planDiffText, type PlanInput } from '../planDeploy';
import type { UpdateEditor } from '../updatePlan';

import { PLAN_DIFF_SCHEME } from '../../ui/schemes';

/** The read-only sides of the diff editor: the plan as deployed, and as it would be sent. */
export const DIFF_SCHEME = PLAN_DIFF_SCHEME;

export class PlanDiffs implements vscode.Disposable {
  private readonly docs = new Map<string, string>();
  private count = 0;
  private readonly disposables: vscode.Disposable[];

  constructor() {
    this.disposables = [
      vscode.workspace.registerTextDocumentContentProvider(DIFF_SCHEME, {
        provideTextDocumentContent: (uri) => this.docs.get(uri.toString()),
      }),
      vscode.workspace.onDidCloseTextDocument((d) => {
        if (d.uri.scheme === DIFF_SCHEME) this.docs.delete(d.uri.toString());
      }),
    ];
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }

  private uri(side: string, name: string): vscode.Uri {
    return vscode.Uri.from({
      scheme: DIFF_SCHEME,
      path: `/${++this.count}/${side}/${name.replace(/[^\w.-]+/g, '_')}.json`,
    });
  }

  /** The deployed plan beside the one to send, in VS Code's diff editor (both read-only). */
  async show(
    name: string,
    version: string | undefined,
    deployed: unknown,
    proposed: PlanInput,
  ): Promise<boolean> {
    const left = this.uri('deployed', name);
    const right = this.uri('proposed', name);
    this.docs.set(left.toString(), planDiffText(deployed));
    this.docs.set(right.toString(), planDiffText(proposed));
    await vscode.commands.executeCommand(
      'vscode.diff',
      left,
      right,
      `Backup plan ${name}: deployed${version ? ` (version ${version})` : ''} ↔ this document`,
      { preview: true },
    );
    return this.docs.get(left.toString()) !== this.docs.get(right.toString());
  }

  /** What an update of `doc` needs of the editor. */
  editorFor(doc: vscode.TextDocument): UpdateEditor {
    return {
      showDiff: (name, version, deployed, proposed) => this.show(name, version, deployed, proposed),
      rememberVersion: (versionId) => rememberVersion(doc, versionId),
    };
  }
}

/** A plan opened for editing carries its new version after an update, so the next one is checked against it. */
async function rememberVersion(doc: vscode.TextDocument, versionId: string): Promise<void> {
  const text = doc.getText();
  const next = applyEdits(text, modify(text, ['VersionId'], versionId, {}));
  const edit = new vscode.WorkspaceEdit();
  edit.replace(doc.uri, new vscode.Range(doc.positionAt(0), doc.positionAt(text.length)), next);
  await vscode.workspace.applyEdit(edit);
}
