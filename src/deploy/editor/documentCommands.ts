/**
 * "Create backup plan", "Update backup plan" and "Assign resources" on a document: open and trusted,
 * one run at a time per document (a second click while one runs does nothing), then the flow beside
 * this folder (createPlan, updatePlan, assignResources), which checks, confirms and sends.
 */
import * as vscode from 'vscode';
import type { BackupApi } from '../../aws/backupApi';
import { PlanApi } from '../../aws/planApi';
import type { DocumentFamily } from '../../lint';
import { assignResourcesFrom } from '../assignResources';
import { createPlanFrom } from '../createPlan';
import type { FlowContext } from '../flow';
import type { GateInput } from '../gate';
import { updatePlanFrom } from '../updatePlan';
import type { PlanDiffs } from './planDiff';
import { windowFor } from './prompts';

export interface DocumentCommandDeps {
  connections: { readonly api: BackupApi | undefined };
  lintFiles: (uri: vscode.Uri) => Record<string, DocumentFamily>;
  diffs: PlanDiffs;
  /** The flows' context, for a document's window. */
  context(window: FlowContext['window']): FlowContext;
}

async function documentFor(uri: vscode.Uri | undefined): Promise<vscode.TextDocument | undefined> {
  const doc = uri ? await vscode.workspace.openTextDocument(uri) : vscode.window.activeTextEditor?.document;
  if (!doc) throw new Error('Open a backup plan or backup selection JSON file first.');
  if (doc.uri.scheme !== 'untitled' && !vscode.workspace.isTrusted) {
    void vscode.window.showErrorMessage(
      'Plans and assignments from files are disabled in an untrusted workspace: a file you did not write could change your account. Trust this workspace (Workspaces: Manage Workspace Trust) first.',
    );
    return undefined;
  }
  return doc;
}

type Flow = (
  doc: vscode.TextDocument,
  input: GateInput,
  plans: PlanApi | undefined,
  ctx: FlowContext,
) => Promise<string | undefined>;

/** The three document commands, each `(uri?) => id`. */
export function documentCommands(
  deps: DocumentCommandDeps,
): Record<string, (uri?: vscode.Uri) => Promise<string | undefined>> {
  const busy = new Set<string>();
  const fromDocument =
    (flow: Flow) =>
    async (uri?: vscode.Uri): Promise<string | undefined> => {
      const doc = await documentFor(uri);
      if (!doc) return undefined;
      const key = doc.uri.toString();
      if (busy.has(key)) return undefined;
      busy.add(key);
      try {
        const api = deps.connections.api;
        const input = { text: doc.getText(), fileName: doc.uri.path, globs: deps.lintFiles(doc.uri) };
        return await flow(doc, input, api ? new PlanApi(api) : undefined, deps.context(windowFor(doc)));
      } finally {
        busy.delete(key);
      }
    };
  return {
    'awsBackupPitr.deploy.createPlan': fromDocument((_d, input, plans, ctx) =>
      createPlanFrom(input, plans, ctx),
    ),
    'awsBackupPitr.deploy.updatePlan': fromDocument((doc, input, plans, ctx) =>
      updatePlanFrom(input, plans, ctx, deps.diffs.editorFor(doc)),
    ),
    'awsBackupPitr.deploy.assignResources': fromDocument((_d, input, plans, ctx) =>
      assignResourcesFrom(input, plans, ctx),
    ),
  };
}
