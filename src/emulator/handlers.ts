/**
 * What each operation does to the emulated account. Behaviour follows AWS's documentation (the AWS Backup
 * Developer Guide, https://docs.aws.amazon.com/aws-backup/latest/devguide/, and the service model,
 * schemas/aws-backup-model/service-2.json) and service messages users have reported in GitHub issues;
 * where those record no service message (marked "emulator's wording"), the text is ours.
 */
import { createHash } from 'node:crypto';
import { alreadyExists, invalid, invalidRequest, notFound, vaultAccessDenied } from './errors';
import { UNVERSIONED_BUCKETS } from './seed';
import type { AccountState, BackupRule, Plan, RecoveryPoint, RestoreJob } from './state';

export interface HandlerContext {
  state: AccountState;
  now: Date;
  /** How long a new restore job takes from start to end. */
  restoreJobDurationMs: number;
}

type Input = Record<string, unknown>;
type Handler = (input: Input, ctx: HandlerContext) => Record<string, unknown> | undefined;

const DAY = 86_400_000;
const MINUTE = 60_000;
/** Restore lag per type (https://docs.aws.amazon.com/aws-backup/latest/devguide/point-in-time-recovery.html); Aurora assumed equal to RDS. */
const LAG_MINUTES: Record<string, number> = { S3: 15, RDS: 5, Aurora: 5 };

// ---- paging -------------------------------------------------------------------------------

/** MaxResults default when a caller gives none: the service's is NOT FOUND; the emulator uses 1000. */
const DEFAULT_PAGE = 1000;

function page<T>(
  items: T[],
  input: Input,
  key: string,
  listName: string,
  view: (item: T) => unknown = (x) => x,
): Record<string, unknown> {
  const max = (input.MaxResults as number | undefined) ?? DEFAULT_PAGE;
  let start = 0;
  const token = input.NextToken as string | undefined;
  if (token !== undefined) {
    const m = /^([0-9]+)\.([0-9a-f]{8})$/.exec(Buffer.from(token, 'base64url').toString());
    if (!m || m[2] !== tokenTag(key, Number(m[1]))) throw invalid(`Invalid NextToken for ${listName}.`);
    start = Number(m[1]);
  }
  const slice = items.slice(start, start + max).map(view);
  const next =
    start + max < items.length
      ? Buffer.from(`${start + max}.${tokenTag(key, start + max)}`).toString('base64url')
      : undefined;
  return { [listName]: slice, NextToken: next };
}

/** Ties a token to the list it came from, so a token from another listing is refused. */
function tokenTag(key: string, offset: number): string {
  return createHash('sha256').update(`${key}:${offset}`).digest('hex').slice(0, 8);
}

const inRange = (d: Date | undefined, after: unknown, before: unknown): boolean =>
  (!(after instanceof Date) || (d !== undefined && d >= after)) &&
  (!(before instanceof Date) || (d !== undefined && d <= before));

// ---- vaults and recovery points ----------------------------------------------------------

function vaultOrDeny(ctx: HandlerContext, name: unknown): ReturnType<AccountState['vaults']['get']> & object {
  const v = ctx.state.vaults.get(String(name));
  if (!v) throw vaultAccessDenied();
  return v;
}

function pointInVault(ctx: HandlerContext, vaultName: unknown, arn: unknown): RecoveryPoint {
  const v = vaultOrDeny(ctx, vaultName);
  const p = ctx.state.recoveryPoints.get(String(arn));
  if (!p || p.BackupVaultName !== v.BackupVaultName)
    throw notFound(`Recovery point ${String(arn)} was not found in backup vault ${v.BackupVaultName}.`);
  return p;
}

function countPoints(ctx: HandlerContext, vault: string): number {
  let n = 0;
  for (const p of ctx.state.recoveryPoints.values()) if (p.BackupVaultName === vault) n++;
  return n;
}

function pointOut(p: RecoveryPoint): Record<string, unknown> {
  const { restoreMetadata: _m, ...api } = p;
  void _m;
  return api;
}

export function isContinuous(p: { RecoveryPointArn: string }): boolean {
  return p.RecoveryPointArn.includes(':recovery-point:continuous:');
}

/** The emulator's own view of a continuous point's window (the API does not expose it). */
export function restorableWindow(p: RecoveryPoint, now: Date): { earliest: Date; latest: Date } | undefined {
  if (!isContinuous(p)) return undefined;
  const retention = (p.Lifecycle?.DeleteAfterDays ?? 35) * DAY;
  const earliest = new Date(Math.max(p.CreationDate.getTime(), now.getTime() - retention));
  const end =
    p.Status === 'STOPPED' && p.CompletionDate
      ? p.CompletionDate.getTime()
      : now.getTime() - (LAG_MINUTES[p.ResourceType] ?? 0) * MINUTE;
  return { earliest, latest: new Date(end) };
}

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
      else if (days < 1 || days > 35)
        ruleError(
          r.RuleName,
          'Invalid lifecycle. DeleteAfterDays cannot be less than 1 or more than 35 days',
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

// ---- restore jobs ----------------------------------------------------------------------------

export function restoreJobView(j: RestoreJob, now: Date): Record<string, unknown> {
  const elapsed = now.getTime() - j.CreationDate.getTime();
  const pendingFor = j.durationMs * 0.1;
  const done = elapsed >= j.durationMs;
  const status = done ? j.outcome.status : elapsed < pendingFor ? 'PENDING' : 'RUNNING';
  const pct = done
    ? 100
    : elapsed < pendingFor
      ? 0
      : Math.floor(((elapsed - pendingFor) / (j.durationMs - pendingFor)) * 100);
  const { durationMs: _d, outcome, metadata: _m, idempotencyToken: _t, ...api } = j;
  void _d;
  void _m;
  void _t;
  return {
    ...api,
    Status: status,
    PercentDone: `${pct.toFixed(2)}%`,
    ExpectedCompletionTimeMinutes: Math.max(1, Math.ceil(j.durationMs / MINUTE)),
    ...(done ? { CompletionDate: new Date(j.CreationDate.getTime() + j.durationMs) } : {}),
    ...(done && outcome.status === 'COMPLETED' ? { CreatedResourceArn: outcome.createdResourceArn } : {}),
    ...(done && outcome.status === 'FAILED' ? { StatusMessage: outcome.message } : {}),
  };
}

function isoOk(v: string | undefined): Date | undefined {
  if (v === undefined || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(v)) return undefined;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

function planRestore(
  ctx: HandlerContext,
  p: RecoveryPoint,
  meta: Record<string, string>,
  type: string,
): RestoreJob['outcome'] {
  const get = (k: string): string | undefined =>
    Object.entries(meta).find(([key]) => key.toLowerCase() === k.toLowerCase())?.[1];
  if (isContinuous(p)) {
    const w = restorableWindow(p, ctx.now)!;
    const latestFlag = get('UseLatestRestorableTime') === 'true';
    const raw = get('RestoreTime') ?? get('restoreToTime');
    if (!latestFlag || raw !== undefined) {
      const t = isoOk(raw);
      if (raw !== undefined && !t) throw invalid(`RestoreTime ${raw} is not a valid ISO 8601 UTC timestamp.`); // emulator's wording
      if (t && (t < w.earliest || t > w.latest))
        // The service's text for this case is NOT FOUND in AWS's docs: emulator's wording.
        return {
          status: 'FAILED',
          message: `The requested restore time ${raw} is outside the restorable window ${w.earliest.toISOString()} to ${w.latest.toISOString()}.`,
        };
      if (!t && type === 'S3')
        throw invalid('RestoreTime is required to restore a continuous Amazon S3 recovery point.'); // emulator's wording
    }
  }
  if (type === 'S3') {
    const bucket = get('DestinationBucketName');
    if (!bucket) throw invalid('Missing required restore metadata key DestinationBucketName.'); // emulator's wording
    if (UNVERSIONED_BUCKETS.has(bucket))
      return {
        status: 'FAILED',
        message: `Destination bucket ${bucket} does not have versioning enabled. Amazon S3 restores require versioning on the destination bucket.`,
      };
    return { status: 'COMPLETED', createdResourceArn: `arn:aws:s3:::${bucket}` };
  }
  if (type === 'RDS') {
    const id = get('DBInstanceIdentifier');
    if (!id) throw invalid('Missing required restore metadata key DBInstanceIdentifier.'); // emulator's wording
    if (id === p.ResourceName || id === p.restoreMetadata.DBInstanceIdentifier)
      return { status: 'FAILED', message: `DBInstanceAlreadyExists: DB instance ${id} already exists.` };
    return { status: 'COMPLETED', createdResourceArn: ctx.state.arn('rds', `db:${id}`) };
  }
  if (type === 'Aurora') {
    const id = get('dbClusterIdentifier');
    if (!id) throw invalid('Missing required restore metadata key dbClusterIdentifier.'); // emulator's wording
    if (id === p.ResourceName)
      return { status: 'FAILED', message: `DBClusterAlreadyExistsFault: DB cluster ${id} already exists.` };
    return { status: 'COMPLETED', createdResourceArn: ctx.state.arn('rds', `cluster:${id}`) };
  }
  return { status: 'COMPLETED', createdResourceArn: `${p.ResourceArn}-restored` };
}

// ---- the operations --------------------------------------------------------------------------

export const HANDLERS: Record<string, Handler> = {
  ListBackupVaults(input, ctx) {
    const vaults = [...ctx.state.vaults.values()]
      .filter((v) => input.ByVaultType === undefined || v.VaultType === input.ByVaultType)
      .map((v) => ({ ...v, NumberOfRecoveryPoints: countPoints(ctx, v.BackupVaultName) }));
    return page(vaults, input, `vaults:${String(input.ByVaultType)}`, 'BackupVaultList');
  },
  DescribeBackupVault(input, ctx) {
    const v = vaultOrDeny(ctx, input.BackupVaultName);
    return { ...v, NumberOfRecoveryPoints: countPoints(ctx, v.BackupVaultName) };
  },
  CreateBackupVault(input, ctx) {
    const name = String(input.BackupVaultName);
    if (ctx.state.vaults.has(name)) throw alreadyExists(`Backup vault with the same name already exists`);
    const v = {
      BackupVaultName: name,
      BackupVaultArn: ctx.state.vaultArn(name),
      VaultType: 'BACKUP_VAULT' as const,
      VaultState: 'AVAILABLE' as const,
      CreationDate: ctx.now,
      Locked: false,
      EncryptionKeyArn: input.EncryptionKeyArn as string | undefined,
      CreatorRequestId: input.CreatorRequestId as string | undefined,
    };
    ctx.state.vaults.set(name, v);
    return { BackupVaultName: name, BackupVaultArn: v.BackupVaultArn, CreationDate: v.CreationDate };
  },
  ListRecoveryPointsByBackupVault(input, ctx) {
    const v = vaultOrDeny(ctx, input.BackupVaultName);
    const points = [...ctx.state.recoveryPoints.values()].filter(
      (p) =>
        p.BackupVaultName === v.BackupVaultName &&
        (input.ByResourceArn === undefined || p.ResourceArn === input.ByResourceArn) &&
        (input.ByResourceType === undefined || p.ResourceType === input.ByResourceType) &&
        (input.ByBackupPlanId === undefined || p.CreatedBy?.BackupPlanId === input.ByBackupPlanId) &&
        inRange(p.CreationDate, input.ByCreatedAfter, input.ByCreatedBefore),
    );
    const key = `rp:${v.BackupVaultName}:${String(input.ByResourceArn)}:${String(input.ByResourceType)}:${String(input.ByBackupPlanId)}`;
    return page(points, input, key, 'RecoveryPoints', pointOut);
  },
  ListRecoveryPointsByResource(input, ctx) {
    const points = [...ctx.state.recoveryPoints.values()]
      .filter((p) => p.ResourceArn === input.ResourceArn)
      .map((p) => ({
        RecoveryPointArn: p.RecoveryPointArn,
        CreationDate: p.CreationDate,
        Status: p.Status,
        StatusMessage: p.StatusMessage,
        EncryptionKeyArn: p.EncryptionKeyArn,
        BackupSizeBytes: p.BackupSizeInBytes,
        BackupVaultName: p.BackupVaultName,
        IsParent: p.IsParent,
        ResourceName: p.ResourceName,
        VaultType: p.VaultType,
      }));
    return page(points, input, `rpr:${String(input.ResourceArn)}`, 'RecoveryPoints');
  },
  DescribeRecoveryPoint(input, ctx) {
    return pointOut(pointInVault(ctx, input.BackupVaultName, input.RecoveryPointArn));
  },
  GetRecoveryPointRestoreMetadata(input, ctx) {
    const p = pointInVault(ctx, input.BackupVaultName, input.RecoveryPointArn);
    return {
      BackupVaultArn: p.BackupVaultArn,
      RecoveryPointArn: p.RecoveryPointArn,
      RestoreMetadata: p.restoreMetadata,
      ResourceType: p.ResourceType,
    };
  },
  DeleteRecoveryPoint(input, ctx) {
    const p = pointInVault(ctx, input.BackupVaultName, input.RecoveryPointArn);
    const v = ctx.state.vaults.get(p.BackupVaultName)!;
    if (
      v.Locked &&
      v.MinRetentionDays !== undefined &&
      ctx.now.getTime() - p.CreationDate.getTime() < v.MinRetentionDays * DAY
    )
      throw invalidRequest(
        `Recovery point ${p.RecoveryPointArn} cannot be deleted: vault ${v.BackupVaultName} is locked with a minimum retention of ${v.MinRetentionDays} days.`,
      ); // emulator's wording
    // A continuous point: "deletes the existing continuous backup and stops future continuous backup" ([BC]).
    ctx.state.recoveryPoints.delete(p.RecoveryPointArn);
    return undefined;
  },
  DisassociateRecoveryPoint(input, ctx) {
    const p = pointInVault(ctx, input.BackupVaultName, input.RecoveryPointArn);
    if (!isContinuous(p)) throw invalidRequest('Only continuous backups can be disassociated.'); // emulator's wording
    if (ctx.state.vaults.get(p.BackupVaultName)!.Locked)
      throw invalidRequest(
        'Recovery points in a locked vault cannot be disassociated; wait for the recovery point to expire.',
      ); // emulator's wording
    // Control passes back to the source service: the point leaves AWS Backup.
    ctx.state.recoveryPoints.delete(p.RecoveryPointArn);
    return undefined;
  },
  ListProtectedResources(input, ctx) {
    const latest = new Map<string, RecoveryPoint>();
    for (const p of ctx.state.recoveryPoints.values()) {
      const cur = latest.get(p.ResourceArn);
      if (!cur || p.CreationDate > cur.CreationDate) latest.set(p.ResourceArn, p);
    }
    const results = [...latest.values()].map((p) => ({
      ResourceArn: p.ResourceArn,
      ResourceType: p.ResourceType,
      ResourceName: p.ResourceName,
      LastBackupTime: p.CreationDate,
      LastBackupVaultArn: p.BackupVaultArn,
      LastRecoveryPointArn: p.RecoveryPointArn,
    }));
    return page(results, input, 'resources', 'Results');
  },
  DescribeProtectedResource(input, ctx) {
    const points = [...ctx.state.recoveryPoints.values()].filter((p) => p.ResourceArn === input.ResourceArn);
    if (points.length === 0)
      throw notFound(`Resource ${String(input.ResourceArn)} is not protected by AWS Backup.`); // emulator's wording
    const last = points.reduce((a, b) => (b.CreationDate > a.CreationDate ? b : a));
    return {
      ResourceArn: last.ResourceArn,
      ResourceType: last.ResourceType,
      ResourceName: last.ResourceName,
      LastBackupTime: last.CreationDate,
      LastBackupVaultArn: last.BackupVaultArn,
      LastRecoveryPointArn: last.RecoveryPointArn,
    };
  },

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
    if (input.VersionId !== undefined && input.VersionId !== p.VersionId)
      throw notFound(`Failed reading backup plan with provided version ${input.VersionId as string}.`);
    return { ...p };
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
    const id = ctx.state.id('selection');
    ctx.state.selections.set(id, {
      SelectionId: id,
      BackupPlanId: p.BackupPlanId,
      CreationDate: ctx.now,
      CreatorRequestId: input.CreatorRequestId as string | undefined,
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
          ? 'S3'
          : /:rds:.*:db:/.test(arn)
            ? 'RDS'
            : /:rds:.*:cluster:/.test(arn)
              ? 'Aurora'
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
            StatusMessage: `${type === 'S3' ? 'Bucket' : 'Resource'} ${name} already has continuous backup enabled for another vault Backup job failed.`,
            IamRoleArn: body.IamRoleArn,
          });
          continue;
        }
        if (existing) continue;
        const rpArn = ctx.state.arn(
          'backup',
          `recovery-point:continuous:${type === 'RDS' ? 'db' : type === 'Aurora' ? 'cluster' : name}-${ctx.state.id('cont', 'hex')}`,
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
            type === 'S3'
              ? { DestinationBucketName: name }
              : type === 'RDS'
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

  StartRestoreJob(input, ctx) {
    const token = input.IdempotencyToken as string | undefined;
    if (token) {
      const same = [...ctx.state.restoreJobs.values()].find((j) => j.idempotencyToken === token);
      if (same) return { RestoreJobId: same.RestoreJobId };
    }
    const p = ctx.state.recoveryPoints.get(String(input.RecoveryPointArn));
    if (!p) throw notFound(`Recovery point ${String(input.RecoveryPointArn)} was not found.`); // emulator's wording
    if (p.Status !== 'COMPLETED' && p.Status !== 'AVAILABLE' && p.Status !== 'STOPPED')
      throw invalidRequest(`Recovery point ${p.RecoveryPointArn} is ${p.Status} and cannot be restored.`); // emulator's wording
    const type = (input.ResourceType as string | undefined) ?? p.ResourceType;
    const meta = input.Metadata as Record<string, string>;
    const outcome = planRestore(ctx, p, meta, type);
    const id = ctx.state.id('restore');
    ctx.state.restoreJobs.set(id, {
      AccountId: ctx.state.accountId,
      RestoreJobId: id,
      RecoveryPointArn: p.RecoveryPointArn,
      SourceResourceArn: p.ResourceArn,
      BackupVaultArn: p.BackupVaultArn,
      CreationDate: ctx.now,
      IamRoleArn: input.IamRoleArn as string | undefined,
      ResourceType: type,
      RecoveryPointCreationDate: p.CreationDate,
      BackupSizeInBytes: p.BackupSizeInBytes,
      durationMs: ctx.restoreJobDurationMs,
      outcome,
      metadata: meta,
      idempotencyToken: token,
    });
    p.LastRestoreTime = ctx.now;
    return { RestoreJobId: id };
  },
  DescribeRestoreJob(input, ctx) {
    const j = ctx.state.restoreJobs.get(String(input.RestoreJobId));
    if (!j) throw notFound(`Restore job ${String(input.RestoreJobId)} was not found.`); // emulator's wording
    return restoreJobView(j, ctx.now);
  },
  ListRestoreJobs(input, ctx) {
    const jobs = [...ctx.state.restoreJobs.values()]
      .map((j) => restoreJobView(j, ctx.now))
      .filter(
        (j) =>
          (input.ByStatus === undefined || j.Status === input.ByStatus) &&
          (input.ByResourceType === undefined || j.ResourceType === input.ByResourceType) &&
          inRange(j.CreationDate as Date, input.ByCreatedAfter, input.ByCreatedBefore) &&
          (input.ByCompleteAfter === undefined && input.ByCompleteBefore === undefined
            ? true
            : inRange(j.CompletionDate as Date | undefined, input.ByCompleteAfter, input.ByCompleteBefore)),
      )
      .sort((a, b) => (b.CreationDate as Date).getTime() - (a.CreationDate as Date).getTime());
    return page(
      jobs,
      input,
      `restore-jobs:${String(input.ByStatus)}:${String(input.ByResourceType)}`,
      'RestoreJobs',
    );
  },
  ListBackupJobs(input, ctx) {
    const jobs = ctx.state.backupJobs.filter(
      (j) =>
        (input.ByResourceArn === undefined || j.ResourceArn === input.ByResourceArn) &&
        (input.ByState === undefined || j.State === input.ByState) &&
        (input.ByBackupVaultName === undefined || j.BackupVaultName === input.ByBackupVaultName) &&
        (input.ByResourceType === undefined || j.ResourceType === input.ByResourceType) &&
        inRange(j.CreationDate, input.ByCreatedAfter, input.ByCreatedBefore),
    );
    return page(
      jobs,
      input,
      `backup-jobs:${String(input.ByState)}:${String(input.ByBackupVaultName)}`,
      'BackupJobs',
    );
  },
  ListCopyJobs(input, ctx) {
    const jobs = ctx.state.copyJobs.filter(
      (j) =>
        (input.ByResourceArn === undefined || j.ResourceArn === input.ByResourceArn) &&
        (input.ByState === undefined || j.State === input.ByState) &&
        (input.ByDestinationVaultArn === undefined ||
          j.DestinationBackupVaultArn === input.ByDestinationVaultArn) &&
        inRange(j.CreationDate, input.ByCreatedAfter, input.ByCreatedBefore),
    );
    return page(jobs, input, `copy-jobs:${String(input.ByState)}`, 'CopyJobs');
  },
};
