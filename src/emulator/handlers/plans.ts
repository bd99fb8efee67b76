/**
 * The emulator's backup plans and resource selections. Behaviour follows AWS's documentation and the service model; where no service message is recorded
 * (marked "emulator's wording"), the text is ours.
 */
import { invalid, invalidRequest, notFound } from '../errors';
import type { BackupRule, Plan } from '../state';
import { type Handler, type HandlerContext, isContinuous, page } from './common';
import {
  AURORA,
  CONTINUOUS_MAX_RETENTION_DAYS,
  CONTINUOUS_MIN_RETENTION_DAYS,
  RDS,
  S3,
} from '../../backup/resourceTypes';

// ---- plans ---------------------------------------------------------------------------------

/**
 * The checks AWS Backup makes on a plan
 * (https://docs.aws.amazon.com/aws-backup/latest/devguide/point-in-time-recovery.html,
 * point-in-time-recovery-retention-period.html; service model: BackupRuleInput, Lifecycle). The error codes
 * and texts are the service's as reported in GitHub issues: ERROR_3015 and "MoveToColdStorageAfterDays is
 * unavailable", https://github.com/lgallard/terraform-aws-backup/issues/40; "Lifecycle must be specified",
 * https://github.com/aws/aws-cdk/issues/17602; "DeleteAfterDays cannot be less than 1 or more than 36500
 * days", https://github.com/hashicorp/terraform-provider-aws/issues/24960 (the continuous rule's 1–35 text
 * follows that pattern); "90 days apart", https://github.com/hashicorp/terraform-provider-aws/issues/7350.
 */
function validatePlan(plan: { BackupPlanName?: string; Rules?: BackupRule[] }): void {
  const ruleError = (rule: string, text: string, code = 'ERROR_3015'): never => {
    throw invalid(`Error in rule ${rule} : ${text}`, code, JSON.stringify([rule, text]));
  };
  const names = new Set<string>();
  for (const r of plan.Rules ?? []) {
    if (names.has(r.RuleName)) throw invalid(`Rule name ${r.RuleName} is used more than once in the plan.`); // emulator's wording
    names.add(r.RuleName);
    if (r.ScheduleExpression !== undefined && !/^cron\(\s*\S+(\s+\S+){5}\s*\)$/.test(r.ScheduleExpression))
      ruleError(r.RuleName, `Invalid schedule expression ${r.ScheduleExpression}.`); // emulator's wording
    if (r.StartWindowMinutes !== undefined && r.StartWindowMinutes < 60)
      ruleError(r.RuleName, 'Start window must be at least 60 minutes.'); // emulator's wording
    const lc = r.Lifecycle;
    if (r.EnableContinuousBackup) {
      if (lc?.MoveToColdStorageAfterDays !== undefined)
        ruleError(r.RuleName, 'Invalid lifecycle. MoveToColdStorageAfterDays is unavailable');
      const days = lc?.DeleteAfterDays;
      if (days === undefined)
        ruleError(r.RuleName, 'Lifecycle must be specified for backup rule enabled continuous backup');
      else if (days < CONTINUOUS_MIN_RETENTION_DAYS || days > CONTINUOUS_MAX_RETENTION_DAYS)
        ruleError(
          r.RuleName,
          `Invalid lifecycle. DeleteAfterDays cannot be less than ${CONTINUOUS_MIN_RETENTION_DAYS} or more than ${CONTINUOUS_MAX_RETENTION_DAYS} days`,
        );
    }
    for (const l of [lc, ...(r.CopyActions ?? []).map((c) => c.Lifecycle)]) {
      if (!l) continue;
      if (
        l.DeleteAfterDays !== undefined &&
        l.DeleteAfterDays !== -1 &&
        (l.DeleteAfterDays < 1 || l.DeleteAfterDays > 36500)
      )
        ruleError(
          r.RuleName,
          'Invalid lifecycle. DeleteAfterDays cannot be less than 1 or more than 36500 days',
        );
      if (
        l.MoveToColdStorageAfterDays !== undefined &&
        l.DeleteAfterDays !== undefined &&
        l.DeleteAfterDays !== -1 &&
        l.MoveToColdStorageAfterDays !== -1 &&
        l.DeleteAfterDays < l.MoveToColdStorageAfterDays + 90
      )
        ruleError(
          r.RuleName,
          'Invalid lifecycle. DeleteAfterDays cannot be less than 90 days apart from MoveToColdStorageAfterDays',
        );
    }
  }
}

function withRuleIds(ctx: HandlerContext, rules: BackupRule[] | undefined, old?: Plan): BackupRule[] {
  return (rules ?? []).map((r) => ({
    ...r,
    RuleId: old?.BackupPlan.Rules.find((o) => o.RuleName === r.RuleName)?.RuleId ?? ctx.state.id('rule'),
  }));
}

function planOrNotFound(ctx: HandlerContext, id: unknown): Plan {
  const p = ctx.state.plans.get(String(id));
  if (!p || p.DeletionDate) throw notFound(`Failed reading backup plan with provided version ${String(id)}.`); // emulator's wording
  return p;
}

export const PLAN_HANDLERS: Record<string, Handler> = {
  ListBackupPlans(input, ctx) {
    const plans = [...ctx.state.plans.values()]
      .filter((p) => input.IncludeDeleted === true || !p.DeletionDate)
      .map((p) => ({
        BackupPlanArn: p.BackupPlanArn,
        BackupPlanId: p.BackupPlanId,
        CreationDate: p.CreationDate,
        DeletionDate: p.DeletionDate,
        VersionId: p.VersionId,
        BackupPlanName: p.BackupPlan.BackupPlanName,
        CreatorRequestId: p.CreatorRequestId,
        LastExecutionDate: p.LastExecutionDate,
      }));
    return page(plans, input, `plans:${String(input.IncludeDeleted)}`, 'BackupPlansList');
  },
  GetBackupPlan(input, ctx) {
    const p = planOrNotFound(ctx, input.BackupPlanId);
    const { versions: _v, ...current } = p;
    void _v;
    if (input.VersionId === undefined || input.VersionId === p.VersionId) return current;
    // An earlier version, as UpdateBackupPlan left it: its own body and version ID
    // (https://docs.aws.amazon.com/aws-backup/latest/devguide/API_GetBackupPlan.html, "VersionId").
    const v = p.versions?.find((x) => x.VersionId === input.VersionId);
    if (!v) throw notFound(`Failed reading backup plan with provided version ${input.VersionId as string}.`); // emulator's wording
    return { ...current, VersionId: v.VersionId, BackupPlan: v.BackupPlan };
  },
  /**
   * Every version of a plan, the current one first: "version metadata of your backup plans, including
   * ARNs, backup plan IDs, creation and deletion dates, plan names, and version IDs"
   * (https://docs.aws.amazon.com/aws-backup/latest/devguide/API_ListBackupPlanVersions.html). The
   * service's order is NOT FOUND in its documentation: newest first is the emulator's choice; each
   * version's CreationDate is when that version was made.
   */
  ListBackupPlanVersions(input, ctx) {
    const p = planOrNotFound(ctx, input.BackupPlanId);
    const member = (versionId: string, created: Date, body: Plan['BackupPlan']) => ({
      BackupPlanArn: p.BackupPlanArn,
      BackupPlanId: p.BackupPlanId,
      CreationDate: created,
      VersionId: versionId,
      BackupPlanName: body.BackupPlanName,
      CreatorRequestId: p.CreatorRequestId,
      LastExecutionDate: p.LastExecutionDate,
    });
    const earlier = p.versions ?? [];
    const list = [
      member(p.VersionId, earlier.at(-1)?.ReplacedDate ?? p.CreationDate, p.BackupPlan),
      ...[...earlier].reverse().map((v) => member(v.VersionId, v.CreationDate, v.BackupPlan)),
    ];
    return page(list, input, `versions:${p.BackupPlanId}`, 'BackupPlanVersionsList');
  },
  CreateBackupPlan(input, ctx) {
    const body = input.BackupPlan as { BackupPlanName: string; Rules: BackupRule[] };
    const token = input.CreatorRequestId as string | undefined;
    if (token) {
      const same = [...ctx.state.plans.values()].find((p) => p.CreatorRequestId === token && !p.DeletionDate);
      if (same)
        return {
          BackupPlanId: same.BackupPlanId,
          BackupPlanArn: same.BackupPlanArn,
          CreationDate: same.CreationDate,
          VersionId: same.VersionId,
        };
    }
    validatePlan(body);
    const id = ctx.state.id('plan');
    const plan: Plan = {
      BackupPlanId: id,
      BackupPlanArn: ctx.state.arn('backup', `backup-plan:${id}`),
      VersionId: ctx.state.id('version'),
      CreationDate: ctx.now,
      CreatorRequestId: token,
      ...(input.BackupPlanTags ? { Tags: { ...(input.BackupPlanTags as Record<string, string>) } } : {}),
      BackupPlan: { ...body, Rules: withRuleIds(ctx, body.Rules) },
    };
    ctx.state.plans.set(id, plan);
    return {
      BackupPlanId: id,
      BackupPlanArn: plan.BackupPlanArn,
      CreationDate: plan.CreationDate,
      VersionId: plan.VersionId,
    };
  },
  UpdateBackupPlan(input, ctx) {
    const p = planOrNotFound(ctx, input.BackupPlanId);
    const body = input.BackupPlan as { BackupPlanName: string; Rules: BackupRule[] };
    validatePlan(body);
    // The replaced version stays readable (GetBackupPlan with its VersionId, ListBackupPlanVersions).
    const earlier = p.versions ?? [];
    p.versions = [
      ...earlier,
      {
        VersionId: p.VersionId,
        CreationDate: earlier.at(-1)?.ReplacedDate ?? p.CreationDate,
        ReplacedDate: ctx.now,
        BackupPlan: p.BackupPlan,
      },
    ];
    p.BackupPlan = { ...body, Rules: withRuleIds(ctx, body.Rules, p) };
    p.VersionId = ctx.state.id('version');
    return {
      BackupPlanId: p.BackupPlanId,
      BackupPlanArn: p.BackupPlanArn,
      CreationDate: p.CreationDate,
      VersionId: p.VersionId,
    };
  },
  DeleteBackupPlan(input, ctx) {
    const p = planOrNotFound(ctx, input.BackupPlanId);
    if ([...ctx.state.selections.values()].some((s) => s.BackupPlanId === p.BackupPlanId))
      throw invalidRequest('Related backup plan selections must be deleted prior to backup plan deletion'); // emulator's wording
    p.DeletionDate = ctx.now;
    return {
      BackupPlanId: p.BackupPlanId,
      BackupPlanArn: p.BackupPlanArn,
      DeletionDate: p.DeletionDate,
      VersionId: p.VersionId,
    };
  },
  ListBackupSelections(input, ctx) {
    const p = planOrNotFound(ctx, input.BackupPlanId);
    const list = [...ctx.state.selections.values()]
      .filter((s) => s.BackupPlanId === p.BackupPlanId)
      .map((s) => ({
        SelectionId: s.SelectionId,
        SelectionName: s.BackupSelection.SelectionName,
        BackupPlanId: s.BackupPlanId,
        CreationDate: s.CreationDate,
        CreatorRequestId: s.CreatorRequestId,
        IamRoleArn: s.BackupSelection.IamRoleArn,
      }));
    return page(list, input, `sel:${p.BackupPlanId}`, 'BackupSelectionsList');
  },
  GetBackupSelection(input, ctx) {
    const s = ctx.state.selections.get(String(input.SelectionId));
    if (!s || s.BackupPlanId !== input.BackupPlanId)
      throw notFound(`Backup selection ${String(input.SelectionId)} was not found.`); // emulator's wording
    return { ...s };
  },
  CreateBackupSelection(input, ctx) {
    const p = planOrNotFound(ctx, input.BackupPlanId);
    const body = input.BackupSelection as { SelectionName: string; IamRoleArn: string; Resources?: string[] };
    const token = input.CreatorRequestId as string | undefined;
    // The same CreatorRequestId again (a retry, a double click) answers with the selection it created,
    // as CreateBackupPlan does ("idempotencyToken" trait in the service model; the plan's documented
    // behaviour: "If the request includes a CreatorRequestId that matches an existing backup plan, that
    // plan is returned", https://docs.aws.amazon.com/aws-backup/latest/devguide/API_CreateBackupPlan.html).
    // Scoped to the plan: the service's scope for selections is NOT FOUND in its documentation.
    if (token) {
      const same = [...ctx.state.selections.values()].find(
        (s) => s.CreatorRequestId === token && s.BackupPlanId === p.BackupPlanId,
      );
      if (same)
        return {
          SelectionId: same.SelectionId,
          BackupPlanId: same.BackupPlanId,
          CreationDate: same.CreationDate,
        };
    }
    const id = ctx.state.id('selection');
    ctx.state.selections.set(id, {
      SelectionId: id,
      BackupPlanId: p.BackupPlanId,
      CreationDate: ctx.now,
      CreatorRequestId: token,
      BackupSelection: body,
    });
    // The first continuous backup of each selected resource: one continuous point per resource, so a
    // resource that already has one in another vault gets a failed backup job instead
    // (https://docs.aws.amazon.com/aws-backup/latest/devguide/point-in-time-recovery.html; the failed job:
    // https://docs.aws.amazon.com/aws-backup/latest/devguide/lag-vault-primary-backup.html, Troubleshooting).
    for (const rule of p.BackupPlan.Rules.filter((r) => r.EnableContinuousBackup)) {
      for (const arn of body.Resources ?? []) {
        if (arn.includes('*')) continue;
        const type = arn.startsWith('arn:aws:s3:::')
          ? S3.name
          : /:rds:.*:db:/.test(arn)
            ? RDS.name
            : /:rds:.*:cluster:/.test(arn)
              ? AURORA.name
              : undefined;
        if (!type) continue;
        const existing = [...ctx.state.recoveryPoints.values()].find(
          (rp) => rp.ResourceArn === arn && isContinuous(rp) && rp.Status !== 'STOPPED',
        );
        const vault = ctx.state.vaults.get(rule.TargetBackupVaultName);
        if (!vault) continue;
        const name = arn.split(/[:/]/).pop()!;
        if (existing && existing.BackupVaultName !== vault.BackupVaultName) {
          ctx.state.backupJobs.push({
            AccountId: ctx.state.accountId,
            BackupJobId: ctx.state.id('backup-job'),
            BackupVaultName: vault.BackupVaultName,
            BackupVaultArn: vault.BackupVaultArn,
            ResourceArn: arn,
            ResourceType: type,
            ResourceName: name,
            CreationDate: ctx.now,
            CompletionDate: ctx.now,
            State: 'FAILED',
            StatusMessage: `${type === S3.name ? 'Bucket' : 'Resource'} ${name} already has continuous backup enabled for another vault Backup job failed.`,
            IamRoleArn: body.IamRoleArn,
          });
          continue;
        }
        if (existing) continue;
        const rpArn = ctx.state.arn(
          'backup',
          `recovery-point:continuous:${type === RDS.name ? 'db' : type === AURORA.name ? 'cluster' : name}-${ctx.state.id('cont', 'hex')}`,
        );
        ctx.state.recoveryPoints.set(rpArn, {
          RecoveryPointArn: rpArn,
          BackupVaultName: vault.BackupVaultName,
          BackupVaultArn: vault.BackupVaultArn,
          VaultType: vault.VaultType,
          ResourceArn: arn,
          ResourceType: type,
          ResourceName: name,
          IamRoleArn: body.IamRoleArn,
          Status: 'COMPLETED',
          CreationDate: ctx.now,
          BackupSizeInBytes: 0,
          Lifecycle: rule.Lifecycle,
          IsEncrypted: true,
          StorageClass: 'WARM',
          IsParent: false,
          restoreMetadata:
            type === S3.name
              ? { DestinationBucketName: name }
              : type === RDS.name
                ? { DBInstanceIdentifier: name, Engine: 'postgres' }
                : { dbClusterIdentifier: name, engine: 'aurora-postgresql' },
        });
        ctx.state.backupJobs.push({
          AccountId: ctx.state.accountId,
          BackupJobId: ctx.state.id('backup-job'),
          BackupVaultName: vault.BackupVaultName,
          BackupVaultArn: vault.BackupVaultArn,
          RecoveryPointArn: rpArn,
          ResourceArn: arn,
          ResourceType: type,
          ResourceName: name,
          CreationDate: ctx.now,
          State: 'RUNNING',
          PercentDone: '0.0',
          IamRoleArn: body.IamRoleArn,
        });
      }
    }
    return { SelectionId: id, BackupPlanId: p.BackupPlanId, CreationDate: ctx.now };
  },
};
