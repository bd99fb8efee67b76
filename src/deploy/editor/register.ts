/**
 * Plan, assign and ready the Region from the editor: "Create backup plan", "Update backup plan" and
 * "Assign resources" on the files the linter recognises (CodeLens and editor title), "Edit Backup
 * Plan" on a plan in the explorer, and "Opt In a Resource Type in This Region". The decisions live in
 * the modules beside this folder (gate, createPlan, updatePlan, assignResources, regionOptIn); this
 * layer only adapts: documents, the diff editor, quick picks, the modal confirmation, the requests.
 */
import * as vscode from 'vscode';
import type { BackupApi } from '../../aws/backupApi';
import { guarded } from '../../ui/commands';
import { registerKindLenses } from '../../ui/kindLenses';
import type { DocumentFamily, DocumentKind, LintResult } from '../../lint';
import { SELECTION_KINDS } from '../assignDeploy';
import type { DeployPrompts, FlowContext } from '../flow';
import { CREATE_KINDS, PLAN_KINDS } from '../planDeploy';
import { documentCommands } from './documentCommands';
import { editPlan, nodeApi, optIn, type TreePlan } from './planCommands';
import { DIFF_SCHEME, PlanDiffs } from './planDiff';
import { realPrompts, windowFor } from './prompts';

export type { DeployPrompts };

const SELECTOR: vscode.DocumentSelector = [{ language: 'json' }, { language: 'jsonc' }];

/** What the feature needs of the explorer and the linter; wired by the composition root. */
export interface DeployDeps {
  connections: { readonly api: BackupApi | undefined };
  diagnostics: {
    resultFor(uri: vscode.Uri): { result: LintResult } | undefined;
    readonly onDidLint: vscode.Event<vscode.Uri>;
  };
  lintFiles: (uri: vscode.Uri) => Record<string, DocumentFamily>;
  /** The explorer redraws its plans, or its connection nodes (the Region's opt-in). */
  tree: { refreshPlans(): void; refreshConnections(): void };
  /** The Region's settings changed: live checks ask again (LIVE005). */
  regionChanged(api: BackupApi): void;
  log: vscode.LogOutputChannel;
}

export interface DeployFeature {
  setPrompts(p: DeployPrompts | undefined): void;
}

const family = (kind: DocumentKind | undefined): 'plan' | 'selection' | undefined =>
  kind && PLAN_KINDS.includes(kind)
    ? 'plan'
    : kind && SELECTION_KINDS.includes(kind)
      ? 'selection'
      : undefined;

const lens = (title: string, command: string, uri: vscode.Uri, tooltip: string): vscode.CodeLens =>
  new vscode.CodeLens(new vscode.Range(0, 0, 0, 0), { title, command, arguments: [uri], tooltip });

/** The lenses of a plan or selection document of `kind`. */
function lensesFor(doc: vscode.TextDocument, kind: DocumentKind): vscode.CodeLens[] {
  if (family(kind) === 'selection')
    return [
      lens(
        '$(add) Assign resources',
        'awsBackupPitr.deploy.assignResources',
        doc.uri,
        'Check, confirm, and assign these resources to a backup plan',
      ),
    ];
  const update = lens(
    '$(diff) Update backup plan',
    'awsBackupPitr.deploy.updatePlan',
    doc.uri,
    'See the difference against the deployed plan, confirm, and update it',
  );
  if (!CREATE_KINDS.includes(kind)) return [update];
  const create = lens(
    '$(cloud-upload) Create backup plan',
    'awsBackupPitr.deploy.createPlan',
    doc.uri,
    'Check, confirm, and create this backup plan',
  );
  return [create, update];
}

export function registerDeploy(context: vscode.ExtensionContext, deps: DeployDeps): DeployFeature {
  const { connections, diagnostics, tree, log } = deps;
  let prompts = realPrompts;
  const diffs = new PlanDiffs();
  const flowContext = (window: FlowContext['window']): FlowContext => ({
    prompts,
    window,
    log,
    refreshPlans: () => tree.refreshPlans(),
  });
  /** A plan or selection document's AWS CLI input kind; none for a template or Terraform file (its tool deploys it). */
  const kindOf = (uri: vscode.Uri): DocumentKind | undefined => {
    const recognition =
      uri.scheme === DIFF_SCHEME ? undefined : diagnostics.resultFor(uri)?.result.recognition;
    const kind = recognition && !recognition.format ? recognition.kind : undefined;
    return family(kind) ? kind : undefined;
  };
  const onDocument = documentCommands({
    connections,
    lintFiles: deps.lintFiles,
    diffs,
    context: flowContext,
  });

  context.subscriptions.push(
    diffs,
    registerKindLenses({
      selector: SELECTOR,
      onDidLint: diagnostics.onDidLint,
      kindOf,
      contextKeys: (kind) => ({
        'awsBackupPitr.newPlanDocument': kind !== undefined && CREATE_KINDS.includes(kind),
        'awsBackupPitr.planDocument': family(kind) === 'plan',
        'awsBackupPitr.selectionDocument': family(kind) === 'selection',
      }),
      lenses: lensesFor,
    }),
    ...Object.entries(onDocument).map(([id, run]) => vscode.commands.registerCommand(id, guarded(run))),
    vscode.commands.registerCommand(
      'awsBackupPitr.deploy.editPlan',
      guarded((node?: TreePlan) => editPlan(node)),
    ),
    // From the palette (or a test: a type), or from a connection node of the explorer, whose Region it is.
    vscode.commands.registerCommand(
      'awsBackupPitr.region.optIn',
      guarded((arg?: unknown) =>
        optIn(
          flowContext(windowFor(undefined)),
          {
            refreshConnections: () => tree.refreshConnections(),
            regionChanged: (api) => deps.regionChanged(api),
          },
          nodeApi(arg) ?? connections.api,
          typeof arg === 'string' ? arg : undefined,
        ),
      ),
    ),
  );

  return { setPrompts: (p) => (prompts = p ?? realPrompts) };
}
