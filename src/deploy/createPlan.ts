/**
 * Create Backup Plan from a file, without `vscode`: the one send gate (the document's errors and the
 * account's, a missing target vault among them), the same request again answered by the plan it
 * created, the confirmation with every live finding, and the create.
 */
import { collect } from '../aws/backupApi';
import { connectionKey } from '../aws/connection';
import type { PlanApi } from '../aws/planApi';
import { noLinks } from '../aws/awsText';
import { notConnected, whereTo, withFacts, type FlowContext } from './flow';
import type { GateInput } from './gate';
import { checkPlanDocument, CREATE_KINDS, createRequestId, describePlan } from './planDeploy';

/** The new plan's id, or undefined when nothing was created. */
export async function createPlanFrom(
  input: GateInput,
  plans: PlanApi | undefined,
  ctx: FlowContext,
): Promise<string | undefined> {
  const g = await checkPlanDocument(withFacts(input, plans), CREATE_KINDS);
  if (!g.ok) return ctx.window.refuse('The backup plan was not created', g.problems);
  if (!plans) return notConnected(ctx);
  const value = g.value;
  const where = await whereTo(plans, { vault: value.plan.Rules[0]?.TargetBackupVaultName ?? '' });
  const token = createRequestId(value, connectionKey(plans.connection));
  const earlier = (await collect(plans.api.listBackupPlans())).find((p) => p.CreatorRequestId === token);
  if (earlier) {
    ctx.window.info(
      noLinks(
        `This document already created backup plan "${earlier.BackupPlanName ?? ''}" (${earlier.BackupPlanId ?? ''}): nothing new was created. To create another, change the plan (or its "CreatorRequestId"); to change that plan, use "Update backup plan".`,
      ),
    );
    return earlier.BackupPlanId;
  }
  const c = describePlan(value.plan, where, undefined, value.tags, { text: input.text, live: g.live });
  if (!(await ctx.prompts.confirm(c))) {
    ctx.window.info('Nothing was sent: the backup plan was not created.');
    return undefined;
  }
  ctx.log.info(`creating a backup plan in ${plans.connection.region}`);
  const r = await plans.createBackupPlan(value.plan, token, value.tags ? { tags: value.tags } : {});
  ctx.refreshPlans();
  ctx.window.info(
    noLinks(
      `Created backup plan "${value.plan.BackupPlanName}": ${r.BackupPlanId} (version ${r.VersionId ?? '?'}).`,
    ),
  );
  return r.BackupPlanId;
}
