/**
 * "Edit Backup Plan" on a plan of the explorer, and "Opt In a Resource Type in This Region" on a
 * connection node or from the palette.
 */
import * as vscode from 'vscode';
import { noLinks } from '../../aws/awsText';
import { BackupApi } from '../../aws/backupApi';
import { PlanApi } from '../../aws/planApi';
import { notConnected, whereTo, type FlowContext } from '../flow';
import { describeOptIn, notOptedIn, optInRequest } from '../regionOptIn';

/** A plan node of the explorer's tree, as "Edit Backup Plan" receives it. */
export interface TreePlan {
  planId: string;
  name: string;
  api: BackupApi;
}

/** "Edit Backup Plan": the deployed plan in an editable document, linted, updated from its CodeLens. */
export async function editPlan(node?: TreePlan): Promise<vscode.Uri | undefined> {
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

/** The door of the explorer node a command was run on (its `ctx.api`), without importing the explorer. */
export const nodeApi = (arg: unknown): BackupApi | undefined => {
  const api = (arg as { ctx?: { api?: unknown } } | undefined)?.ctx?.api;
  return api instanceof BackupApi ? api : undefined;
};

export interface OptInDeps {
  /** The explorer redraws its connection nodes (the Region's opt-in). */
  refreshConnections(): void;
  /** The Region's settings changed: live checks ask again (LIVE005). */
  regionChanged(api: BackupApi): void;
}

/** `on`: the Region's door of the explorer node it was run on; the active connection's otherwise. */
export async function optIn(
  ctx: FlowContext,
  deps: OptInDeps,
  api: BackupApi | undefined,
  type?: string,
): Promise<string | undefined> {
  if (!api) return notConnected(ctx);
  const plans = new PlanApi(api);
  const region = plans.connection.region;
  const current = await plans.describeRegionSettings();
  const off = notOptedIn(current);
  const chosen =
    type ??
    (off.length
      ? await ctx.prompts.pickType(off, `Opt in which resource type for AWS Backup in ${region}?`)
      : undefined);
  if (!chosen) {
    if (!off.length) ctx.window.info(`Every resource type is already opted in for AWS Backup in ${region}.`);
    return undefined;
  }
  if (current[chosen] === true) {
    ctx.window.info(`${chosen} is already opted in for AWS Backup in ${region}.`);
    return undefined;
  }
  if (!(chosen in current)) throw new Error(`${chosen} is not a resource type this Region's settings list.`);
  if (!(await ctx.prompts.confirm(describeOptIn(chosen, region, await whereTo(plans, {}))))) {
    ctx.window.info('Nothing was sent: the Region settings are unchanged.');
    return undefined;
  }
  await plans.updateRegionSettings(optInRequest(current, chosen));
  deps.regionChanged(plans.api);
  deps.refreshConnections();
  ctx.window.info(`${chosen} is now opted in for AWS Backup in ${region}.`);
  return chosen;
}
