/**
 * Plan, assign and ready the Region from the editor: "Create backup plan", "Update backup plan" and
 * "Assign resources" on the files the linter recognises (CodeLens and editor title), "Edit Backup
 * Plan" on a plan in the explorer, and "Opt In a Resource Type in This Region". The decisions live in
 * the modules beside this folder (gate, planDeploy, assignDeploy, regionOptIn); this layer only adapts:
 * documents, the diff editor, quick picks, the modal confirmation, and the requests.
 */
import * as vscode from 'vscode';
import { applyEdits, modify } from 'jsonc-parser';
import { accountOf } from '../../backup/arn';
import { errorText, noLinks } from '../../aws/awsText';
import { BackupApi, collect } from '../../aws/backupApi';
import { connectionKey, describeConnection } from '../../aws/connection';
import { PlanApi } from '../../aws/planApi';
import { registerKindLenses } from '../../ui/kindLenses';
import type { DocumentFamily, DocumentKind, LintResult } from '../../lint';
import { checkSelectionDocument, describeAssign, SELECTION_KINDS } from '../assignDeploy';
import { creatorRequestIdFor, type Gate, type GateInput, type Where } from '../gate';
import {
  checkPlanDocument,
  CREATE_KINDS,
  createRequestId,
  describePlan,
  PLAN_KINDS,
  planDiffText,
  toPlanInput,
  versionRefusal,
  type PlanInput,
} from '../planDeploy';
import { describeOptIn, notOptedIn, optInRequest } from '../regionOptIn';
import { realPrompts, type DeployPrompts } from './prompts';

export type { DeployPrompts };

const SELECTOR: vscode.DocumentSelector = [{ language: 'json' }, { language: 'jsonc' }];
/** The read-only sides of the diff editor: the plan as deployed, and as it would be sent. */
const DIFF_SCHEME = 'aws-backup-pitr-plan';

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

/** A plan node of the explorer's tree, as "Edit Backup Plan" receives it. */
interface TreePlan {
  planId: string;
  name: string;
  api: BackupApi;
}

export function registerDeploy(context: vscode.ExtensionContext, deps: DeployDeps): DeployFeature {
  const { connections, diagnostics, lintFiles, tree, log } = deps;
  let prompts = realPrompts;
  const busy = new Set<string>();
  const diffDocs = new Map<string, string>();
  let diffs = 0;

  function connected(): PlanApi | undefined {
    const api = connections.api;
    if (api) return new PlanApi(api);
    void vscode.window.showErrorMessage('Connect to AWS first ("AWS Backup: Connect…"): nothing was sent.');
    return undefined;
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

  function refuse(doc: vscode.TextDocument, what: string, problems: string[]): undefined {
    const show = 'Show Problems';
    void vscode.window
      .showErrorMessage(
        noLinks(
          `${what}: ${problems.length} problem${problems.length === 1 ? '' : 's'} in ${vscode.workspace.asRelativePath(doc.uri)}. ${problems.slice(0, 3).join(' ')}`,
        ),
        show,
      )
      .then((p) =>
        p === show ? vscode.commands.executeCommand('workbench.actions.view.problems') : undefined,
      );
    return undefined;
  }

  /**
   * A run from a document: open and trusted, one run at a time per document (a second click while one
   * runs does nothing), checked by the gate (refused with its problems), and connected.
   */
  async function fromDocument<V, T>(
    uri: vscode.Uri | undefined,
    check: (input: GateInput) => Gate<V>,
    refusal: string,
    run: (doc: vscode.TextDocument, value: V, plans: PlanApi, api: BackupApi) => Promise<T>,
  ): Promise<T | undefined> {
    const doc = await documentFor(uri);
    if (!doc) return undefined;
    const key = doc.uri.toString();
    if (busy.has(key)) return undefined;
    busy.add(key);
    try {
      const g = check({ text: doc.getText(), fileName: doc.uri.path, globs: lintFiles(doc.uri) });
      if (!g.ok) return refuse(doc, refusal, g.problems);
      const plans = connected();
      return plans ? await run(doc, g.value, plans, connections.api!) : undefined;
    } finally {
      busy.delete(key);
    }
  }

  /** Where it goes: the account an ARN the service returned names (a deployed plan's), else one read now. */
  async function whereTo(plans: PlanApi, from: { arn?: string | undefined; vault?: string }): Promise<Where> {
    const accountId = accountOf(from.arn)?.accountId ?? (await plans.readAccountId(from.vault));
    return { connection: describeConnection(plans.connection), ...(accountId ? { accountId } : {}) };
  }

  async function deployedPlans(
    api: BackupApi,
  ): Promise<{ label: string; description: string; planId: string }[]> {
    return (await collect(api.listBackupPlans())).map((p) => ({
      label: p.BackupPlanName ?? p.BackupPlanId ?? '?',
      description: `${p.BackupPlanId ?? ''}${p.VersionId ? ` · version ${p.VersionId}` : ''}`,
      planId: p.BackupPlanId ?? '',
    }));
  }

  /** The plan the document names, or one picked (plans of the same name first). */
  async function choosePlan(api: BackupApi, named: string | undefined, title: string, name?: string) {
    if (named) return named;
    const items = await deployedPlans(api);
    if (!items.length) throw new Error('This account and Region have no backup plans yet: create one first.');
    items.sort((a, b) => Number(b.label === name) - Number(a.label === name));
    return prompts.pickPlan(items, title);
  }

  function createPlan(uri?: vscode.Uri): Promise<string | undefined> {
    const check = (i: GateInput) => checkPlanDocument(i, CREATE_KINDS);
    return fromDocument(uri, check, 'The backup plan was not created', async (_doc, value, plans, api) => {
      const where = await whereTo(plans, { vault: value.plan.Rules[0]?.TargetBackupVaultName ?? '' });
      const token = createRequestId(value, connectionKey(plans.connection));
      const earlier = (await collect(api.listBackupPlans())).find((p) => p.CreatorRequestId === token);
      if (earlier) {
        void vscode.window.showInformationMessage(
          noLinks(
            `This document already created backup plan "${earlier.BackupPlanName ?? ''}" (${earlier.BackupPlanId ?? ''}): nothing new was created. To create another, change the plan (or its "CreatorRequestId"); to change that plan, use "Update backup plan".`,
          ),
        );
        return earlier.BackupPlanId;
      }
      if (!(await prompts.confirm(describePlan(value.plan, where, undefined, value.tags)))) {
        void vscode.window.showInformationMessage('Nothing was sent: the backup plan was not created.');
        return undefined;
      }
      log.info(`creating a backup plan in ${plans.connection.region}`);
      const r = await plans.createBackupPlan(value.plan, token, value.tags ? { tags: value.tags } : {});
      tree.refreshPlans();
      void vscode.window.showInformationMessage(
        noLinks(
          `Created backup plan "${value.plan.BackupPlanName}": ${r.BackupPlanId} (version ${r.VersionId ?? '?'}).`,
        ),
      );
      return r.BackupPlanId;
    });
  }

  function diffUri(side: string, name: string): vscode.Uri {
    return vscode.Uri.from({
      scheme: DIFF_SCHEME,
      path: `/${++diffs}/${side}/${name.replace(/[^\w.-]+/g, '_')}.json`,
    });
  }

  /** The deployed plan beside the one to send, in VS Code's diff editor (both read-only). */
  async function showDiff(name: string, version: string | undefined, deployed: unknown, proposed: PlanInput) {
    const left = diffUri('deployed', name);
    const right = diffUri('proposed', name);
    diffDocs.set(left.toString(), planDiffText(deployed));
    diffDocs.set(right.toString(), planDiffText(proposed));
    await vscode.commands.executeCommand(
      'vscode.diff',
      left,
      right,
      `Backup plan ${name}: deployed${version ? ` (version ${version})` : ''} ↔ this document`,
      { preview: true },
    );
    return diffDocs.get(left.toString()) !== diffDocs.get(right.toString());
  }

  function updatePlan(uri?: vscode.Uri): Promise<string | undefined> {
    const check = (i: GateInput) => checkPlanDocument(i);
    return fromDocument(uri, check, 'The backup plan was not updated', async (doc, value, plans, api) => {
      const { plan } = value;
      if (value.region && value.region !== plans.connection.region) {
        // The plan opened from another Region's node lives there: never look it up, or update it, here.
        void vscode.window.showErrorMessage(
          noLinks(
            `This plan is in ${value.region}, and the connection is in ${plans.connection.region}: connect to ${value.region} ("AWS Backup: Connect…") to update it. Nothing was sent.`,
          ),
        );
        return undefined;
      }
      const planId = await choosePlan(
        api,
        value.planId,
        `Update which backup plan with "${plan.BackupPlanName}"?`,
        plan.BackupPlanName,
      );
      if (!planId) return undefined;
      const deployed = await api.getBackupPlan(planId);
      const name = deployed.BackupPlan?.BackupPlanName ?? planId;
      const opened = versionRefusal(name, value.versionId, deployed.VersionId, 'opened');
      if (opened) {
        void vscode.window.showErrorMessage(noLinks(opened));
        return undefined;
      }
      if (!(await showDiff(name, deployed.VersionId, deployed.BackupPlan, plan))) {
        void vscode.window.showInformationMessage(
          noLinks(`Backup plan "${name}" is already as this document says: nothing was sent.`),
        );
        return undefined;
      }
      const update = {
        planId,
        deployed: toPlanInput(deployed.BackupPlan),
        ...(deployed.VersionId ? { versionId: deployed.VersionId } : {}),
      };
      const where = await whereTo(plans, { arn: deployed.BackupPlanArn });
      if (!(await prompts.confirm(describePlan(plan, where, update, value.tags)))) {
        void vscode.window.showInformationMessage('Nothing was sent: the backup plan was not updated.');
        return undefined;
      }
      // The service keeps no lock: read the version again just before sending.
      const now = await api.getBackupPlan(planId);
      const meanwhile = versionRefusal(name, deployed.VersionId, now.VersionId, 'reviewed');
      if (meanwhile) {
        void vscode.window.showErrorMessage(noLinks(meanwhile));
        return undefined;
      }
      log.info(`updating a backup plan in ${plans.connection.region}`);
      const r = await plans.updateBackupPlan(planId, plan);
      if (value.versionId && r.VersionId) await rememberVersion(doc, r.VersionId);
      tree.refreshPlans();
      void vscode.window.showInformationMessage(
        noLinks(`Updated backup plan "${name}": version ${r.VersionId ?? '?'}.`),
      );
      return r.VersionId;
    });
  }

  /** A plan opened for editing carries its new version after an update, so the next one is checked against it. */
  async function rememberVersion(doc: vscode.TextDocument, versionId: string): Promise<void> {
    const text = doc.getText();
    const next = applyEdits(text, modify(text, ['VersionId'], versionId, {}));
    const edit = new vscode.WorkspaceEdit();
    edit.replace(doc.uri, new vscode.Range(doc.positionAt(0), doc.positionAt(text.length)), next);
    await vscode.workspace.applyEdit(edit);
  }

  /** "Edit Backup Plan": the deployed plan in an editable document, linted, updated from its CodeLens. */
  async function editPlan(node?: TreePlan): Promise<vscode.Uri | undefined> {
    if (!node?.planId) return undefined;
    const { $metadata: _m, ...plan } = await node.api.getBackupPlan(node.planId);
    void _m;
    const content = {
      BackupPlanId: plan.BackupPlanId,
      BackupPlanArn: plan.BackupPlanArn,
      VersionId: plan.VersionId,
      BackupPlan: plan.BackupPlan,
    };
    const doc = await vscode.workspace.openTextDocument({
      language: 'json',
      content: `${JSON.stringify(content, null, 2)}\n`,
    });
    await vscode.window.showTextDocument(doc);
    void vscode.window.showInformationMessage(
      noLinks(
        `Edit backup plan "${node.name}", then choose "Update backup plan" above it: you see the difference and confirm before anything is sent.`,
      ),
    );
    return doc.uri;
  }

  function assignResources(uri?: vscode.Uri): Promise<string | undefined> {
    return fromDocument(
      uri,
      checkSelectionDocument,
      'No resources were assigned',
      async (_doc, value, plans, api) => {
        const { selection } = value;
        const planId = await choosePlan(
          api,
          value.planId,
          `Assign "${selection.SelectionName}" to which backup plan?`,
        );
        if (!planId) return undefined;
        const plan = await api.getBackupPlan(planId);
        const token =
          value.creatorRequestId ??
          creatorRequestIdFor(`${connectionKey(plans.connection)}\n${planId}`, selection);
        const c = describeAssign(
          selection,
          { id: planId, body: toPlanInput(plan.BackupPlan) },
          await whereTo(plans, { arn: plan.BackupPlanArn }),
        );
        if (!(await prompts.confirm(c))) {
          void vscode.window.showInformationMessage('Nothing was sent: no resources were assigned.');
          return undefined;
        }
        log.info(`assigning resources to a backup plan in ${plans.connection.region}`);
        const r = await plans.createBackupSelection(planId, selection, token);
        tree.refreshPlans();
        void vscode.window.showInformationMessage(
          noLinks(
            `Assigned "${selection.SelectionName}" to backup plan "${plan.BackupPlan?.BackupPlanName ?? planId}": selection ${r.SelectionId}.`,
          ),
        );
        return r.SelectionId;
      },
    );
  }

  /** `on`: the Region's door of the explorer node it was run on; the active connection's otherwise. */
  async function optIn(type?: string, on?: BackupApi): Promise<string | undefined> {
    const plans = on ? new PlanApi(on) : connected();
    if (!plans) return undefined;
    const region = plans.connection.region;
    const current = await plans.describeRegionSettings();
    const off = notOptedIn(current);
    const chosen =
      type ??
      (off.length
        ? await prompts.pickType(off, `Opt in which resource type for AWS Backup in ${region}?`)
        : undefined);
    if (!chosen) {
      if (!off.length)
        void vscode.window.showInformationMessage(
          `Every resource type is already opted in for AWS Backup in ${region}.`,
        );
      return undefined;
    }
    if (current[chosen] === true) {
      void vscode.window.showInformationMessage(
        noLinks(`${chosen} is already opted in for AWS Backup in ${region}.`),
      );
      return undefined;
    }
    if (!(chosen in current))
      throw new Error(`${chosen} is not a resource type this Region's settings list.`);
    if (!(await prompts.confirm(describeOptIn(chosen, region, await whereTo(plans, {}))))) {
      void vscode.window.showInformationMessage('Nothing was sent: the Region settings are unchanged.');
      return undefined;
    }
    await plans.updateRegionSettings(optInRequest(current, chosen));
    deps.regionChanged(plans.api);
    tree.refreshConnections();
    void vscode.window.showInformationMessage(
      noLinks(`${chosen} is now opted in for AWS Backup in ${region}.`),
    );
    return chosen;
  }

  /** The door of the explorer node a command was run on (its `ctx.api`), without importing the explorer. */
  const nodeApi = (arg: unknown): BackupApi | undefined => {
    const api = (arg as { ctx?: { api?: unknown } } | undefined)?.ctx?.api;
    return api instanceof BackupApi ? api : undefined;
  };

  /** A command's failure is said in a message, never thrown at VS Code. */
  const guard = <T>(run: () => Promise<T>): Promise<T | undefined> =>
    run().catch((e: unknown) => {
      void vscode.window.showErrorMessage(errorText(e));
      return undefined;
    });

  const family = (kind: DocumentKind | undefined): 'plan' | 'selection' | undefined =>
    kind && PLAN_KINDS.includes(kind)
      ? 'plan'
      : kind && SELECTION_KINDS.includes(kind)
        ? 'selection'
        : undefined;
  /** A plan or selection document's AWS CLI input kind; none for a template or Terraform file (its tool deploys it). */
  const kindOf = (uri: vscode.Uri): DocumentKind | undefined => {
    const recognition =
      uri.scheme === DIFF_SCHEME ? undefined : diagnostics.resultFor(uri)?.result.recognition;
    const kind = recognition && !recognition.format ? recognition.kind : undefined;
    return family(kind) ? kind : undefined;
  };
  const lens = (title: string, command: string, uri: vscode.Uri, tooltip: string): vscode.CodeLens =>
    new vscode.CodeLens(new vscode.Range(0, 0, 0, 0), { title, command, arguments: [uri], tooltip });

  context.subscriptions.push(
    vscode.workspace.registerTextDocumentContentProvider(DIFF_SCHEME, {
      provideTextDocumentContent: (uri) => diffDocs.get(uri.toString()),
    }),
    registerKindLenses({
      selector: SELECTOR,
      onDidLint: diagnostics.onDidLint,
      kindOf,
      contextKeys: (kind) => ({
        'awsBackupPitr.newPlanDocument': kind !== undefined && CREATE_KINDS.includes(kind),
        'awsBackupPitr.planDocument': family(kind) === 'plan',
        'awsBackupPitr.selectionDocument': family(kind) === 'selection',
      }),
      lenses(doc, kind) {
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
        return CREATE_KINDS.includes(kind)
          ? [
              lens(
                '$(cloud-upload) Create backup plan',
                'awsBackupPitr.deploy.createPlan',
                doc.uri,
                'Check, confirm, and create this backup plan',
              ),
              update,
            ]
          : [update];
      },
    }),
    vscode.workspace.onDidCloseTextDocument((d) => {
      if (d.uri.scheme === DIFF_SCHEME) diffDocs.delete(d.uri.toString());
    }),
    vscode.commands.registerCommand('awsBackupPitr.deploy.createPlan', (uri?: vscode.Uri) =>
      guard(() => createPlan(uri)),
    ),
    vscode.commands.registerCommand('awsBackupPitr.deploy.updatePlan', (uri?: vscode.Uri) =>
      guard(() => updatePlan(uri)),
    ),
    vscode.commands.registerCommand('awsBackupPitr.deploy.assignResources', (uri?: vscode.Uri) =>
      guard(() => assignResources(uri)),
    ),
    vscode.commands.registerCommand('awsBackupPitr.deploy.editPlan', (node?: TreePlan) =>
      guard(() => editPlan(node)),
    ),
    // From the palette (or a test: a type), or from a connection node of the explorer, whose Region it is.
    vscode.commands.registerCommand('awsBackupPitr.region.optIn', (arg?: unknown) =>
      guard(() => optIn(typeof arg === 'string' ? arg : undefined, nodeApi(arg))),
    ),
  );

  return { setPrompts: (p) => (prompts = p ?? realPrompts) };
}
