/**
 * Assign Resources from a selection file, without `vscode`: the one send gate, the plan it names (or
 * one picked), the account asked which selected resources already have continuous backup in another
 * vault, the confirmation naming each, and the create.
 */
import { noLinks } from '../aws/awsText';
import { connectionKey } from '../aws/connection';
import { liveFactsFrom } from '../aws/liveFacts';
import type { PlanApi } from '../aws/planApi';
import { checkSelectionDocument, continuousElsewhere, describeAssign } from './assignDeploy';
import { choosePlan, notConnected, whereTo, withFacts, type FlowContext } from './flow';
import { creatorRequestIdFor, type GateInput } from './gate';
import { toPlanInput } from './planDeploy';

/** The new selection's id, or undefined when nothing was assigned. */
export async function assignResourcesFrom(
  input: GateInput,
  plans: PlanApi | undefined,
  ctx: FlowContext,
): Promise<string | undefined> {
  const g = await checkSelectionDocument(withFacts(input, plans));
  if (!g.ok) return ctx.window.refuse('No resources were assigned', g.problems);
  if (!plans) return notConnected(ctx);
  const { selection } = g.value;
  const api = plans.api;
  const planId = await choosePlan(
    api,
    ctx.prompts,
    g.value.planId,
    `Assign "${selection.SelectionName}" to which backup plan?`,
  );
  if (!planId) return undefined;
  const plan = await api.getBackupPlan(planId);
  const body = toPlanInput(plan.BackupPlan);
  const token =
    g.value.creatorRequestId ??
    creatorRequestIdFor(`${connectionKey(plans.connection)}\n${planId}`, selection);
  const elsewhere = await continuousElsewhere(selection, body, liveFactsFrom(api));
  const c = describeAssign(
    selection,
    { id: planId, body },
    await whereTo(plans, { arn: plan.BackupPlanArn }),
    elsewhere,
  );
  if (!(await ctx.prompts.confirm(c))) {
    ctx.window.info('Nothing was sent: no resources were assigned.');
    return undefined;
  }
  ctx.log.info(`assigning resources to a backup plan in ${plans.connection.region}`);
  const r = await plans.createBackupSelection(planId, selection, token);
  ctx.refreshPlans();
  ctx.window.info(
    noLinks(
      `Assigned "${selection.SelectionName}" to backup plan "${plan.BackupPlan?.BackupPlanName ?? planId}": selection ${r.SelectionId}.`,
    ),
  );
  return r.SelectionId;
}
