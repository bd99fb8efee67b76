/**
 * Update Backup Plan from a file, without `vscode`: the one send gate, the plan it names (or one
 * picked), the version it was read at, the difference shown, the confirmation, the version read
 * again just before sending (the service keeps no lock), and the update.
 */
import { noLinks } from '../aws/awsText';
import type { PlanApi } from '../aws/planApi';
import { choosePlan, notConnected, whereTo, withFacts, type FlowContext } from './flow';
import type { GateInput } from './gate';
import { checkPlanDocument, describePlan, toPlanInput, versionRefusal, type PlanInput } from './planDeploy';

/** What only the editor can do for an update: the diff editor, and the document's new version. */
export interface UpdateEditor {
  /** Shows the deployed plan beside the proposed one; true when they differ. */
  showDiff(
    name: string,
    version: string | undefined,
    deployed: unknown,
    proposed: PlanInput,
  ): Promise<boolean>;
  /** The plan's new version, written into the document it was opened as (a get-backup-plan one). */
  rememberVersion(versionId: string): Promise<void>;
}

/** The new version, or undefined when nothing was sent. */
export async function updatePlanFrom(
  input: GateInput,
  plans: PlanApi | undefined,
  ctx: FlowContext,
  editor: UpdateEditor,
): Promise<string | undefined> {
  const g = await checkPlanDocument(withFacts(input, plans));
  if (!g.ok) return ctx.window.refuse('The backup plan was not updated', g.problems);
  if (!plans) return notConnected(ctx);
  const { value } = g;
  const { plan } = value;
  const api = plans.api;
  if (value.region && value.region !== plans.connection.region) {
    // The plan opened from another Region's node lives there: never look it up, or update it, here.
    ctx.window.error(
      noLinks(
        `This plan is in ${value.region}, and the connection is in ${plans.connection.region}: connect to ${value.region} ("AWS Backup: Connect…") to update it. Nothing was sent.`,
      ),
    );
    return undefined;
  }
  const planId = await choosePlan(
    api,
    ctx.prompts,
    value.planId,
    `Update which backup plan with "${plan.BackupPlanName}"?`,
    plan.BackupPlanName,
  );
  if (!planId) return undefined;
  const deployed = await api.getBackupPlan(planId);
  const name = deployed.BackupPlan?.BackupPlanName ?? planId;
  const opened = versionRefusal(name, value.versionId, deployed.VersionId, 'opened');
  if (opened) {
    ctx.window.error(noLinks(opened));
    return undefined;
  }
  if (!(await editor.showDiff(name, deployed.VersionId, deployed.BackupPlan, plan))) {
    ctx.window.info(noLinks(`Backup plan "${name}" is already as this document says: nothing was sent.`));
    return undefined;
  }
  const update = {
    planId,
    deployed: toPlanInput(deployed.BackupPlan),
    ...(deployed.VersionId ? { versionId: deployed.VersionId } : {}),
  };
  const where = await whereTo(plans, { arn: deployed.BackupPlanArn });
  const c = describePlan(plan, where, update, value.tags, { text: input.text, live: g.live });
  if (!(await ctx.prompts.confirm(c))) {
    ctx.window.info('Nothing was sent: the backup plan was not updated.');
    return undefined;
  }
  const now = await api.getBackupPlan(planId);
  const meanwhile = versionRefusal(name, deployed.VersionId, now.VersionId, 'reviewed');
  if (meanwhile) {
    ctx.window.error(noLinks(meanwhile));
    return undefined;
  }
  ctx.log.info(`updating a backup plan in ${plans.connection.region}`);
  const r = await plans.updateBackupPlan(planId, plan);
  if (value.versionId && r.VersionId) await editor.rememberVersion(r.VersionId);
  ctx.refreshPlans();
  ctx.window.info(noLinks(`Updated backup plan "${name}": version ${r.VersionId ?? '?'}.`));
  return r.VersionId;
}
