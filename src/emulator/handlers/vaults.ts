/**
 * The emulator's vaults, recovery points and protected resources. Behaviour follows AWS's documentation and the service model; where no service message is recorded
 * (marked "emulator's wording"), the text is ours.
 */
import { alreadyExists, invalidRequest, invalidState, notFound } from '../errors';
import type { AccountState, BackupRule, Plan, RecoveryPoint } from '../state';
import {
  DAY,
  type Handler,
  type HandlerContext,
  MINUTE,
  countPoints,
  inRange,
  isContinuous,
  page,
  pointInVault,
  pointOut,
  vaultOrDeny,
} from './common';
import { AURORA, RDS, S3 } from '../../backup/resourceTypes';

const HANDLERS: Record<string, Handler> = {
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
    if (p.Status === 'DELETING') throw busy();
    // The error AWS Backup sends for a lock's refusal is NOT FOUND in its docs or model; the model
    // lists InvalidRequestException for DeleteRecoveryPoint, which the emulator sends.
    if (
      v.Locked &&
      v.MinRetentionDays !== undefined &&
      ctx.now.getTime() - p.CreationDate.getTime() < v.MinRetentionDays * DAY
    )
      throw invalidRequest(
        `Recovery point ${p.RecoveryPointArn} cannot be deleted: vault ${v.BackupVaultName} is locked with a minimum retention of ${v.MinRetentionDays} days.`,
      ); // emulator's wording
    if (isContinuous(p)) {
      // "deletes the existing continuous backup and stops future continuous backup" ([BC]) — but a
      // plan that still selects the resource with a continuous rule "will still continue to execute
      // the continuous backup rule, creating a new recovery point"
      // (https://docs.aws.amazon.com/aws-backup/latest/devguide/point-in-time-recovery-stopping.html).
      ctx.state.recoveryPoints.delete(p.RecoveryPointArn);
      const by = continuousRuleFor(ctx, p.ResourceArn);
      if (by)
        lifecycleOf(ctx).reruns.push({ due: new Date(ctx.now.getTime() + RERUN_DELAY_MS), from: p, ...by });
    } else {
      // A snapshot's data is deleted in the background: DELETING, then gone (emulator's timing).
      p.Status = 'DELETING';
      lifecycleOf(ctx).deleting.set(p.RecoveryPointArn, new Date(ctx.now.getTime() + DELETING_MS));
    }
    return undefined;
  },
  DisassociateRecoveryPoint(input, ctx) {
    const p = pointInVault(ctx, input.BackupVaultName, input.RecoveryPointArn);
    // "Does not support snapshot backup recovery points." ([BC])
    if (!isContinuous(p)) throw invalidRequest('Only continuous backups can be disassociated.'); // emulator's wording
    if (p.Status === 'DELETING') throw busy();
    // In a locked vault the fix is to "wait for it to expire"
    // (https://docs.aws.amazon.com/aws-backup/latest/devguide/lag-vault-primary-backup.html).
    if (ctx.state.vaults.get(p.BackupVaultName)!.Locked)
      throw invalidRequest(
        'Recovery points in a locked vault cannot be disassociated; wait for the recovery point to expire.',
      ); // emulator's wording
    if (p.ResourceType === S3.name) {
      if (p.Status === 'STOPPED')
        throw invalidRequest(
          `The continuous backup of ${p.ResourceName ?? p.ResourceArn} is already stopped.`,
        ); // emulator's wording
      // S3 has no service of its own to take the backup over: the point stops and stays restorable
      // up to now until its retention ends (issue #13; the AWS pages on S3 disassociation: NOT FOUND).
      p.Status = 'STOPPED';
      p.StatusMessage =
        'Continuous backup stopped: the recovery point was disassociated from its backup plan.'; // emulator's wording
      p.CompletionDate = ctx.now;
      const days = p.Lifecycle?.DeleteAfterDays;
      if (days !== undefined) p.CalculatedLifecycle = { DeleteAt: new Date(ctx.now.getTime() + days * DAY) };
      return undefined;
    }
    // RDS, Aurora and others: "releases control of that continuous backup to the source service"
    // (https://docs.aws.amazon.com/aws-backup/latest/devguide/API_DisassociateRecoveryPoint.html):
    // the point leaves AWS Backup.
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
};

// ---- what happens after a delete: the plan's next run, and deletions that take a while -------

/**
 * When "the plan's next run" comes after a continuous point is deleted while a continuous rule
 * still selects its resource: the emulator's simple model is one hour after the delete (a real
 * plan runs on its rule's schedule). The new point shows at the first request at or after that
 * time, by the emulator's clock (tests move it with `startEmulator({ clock })`).
 */
export const RERUN_DELAY_MS = 60 * MINUTE;
/** How long a deleted snapshot shows as DELETING before it is gone (the emulator's choice). */
export const DELETING_MS = MINUTE;

interface Rerun {
  due: Date;
  from: RecoveryPoint;
  plan: Plan;
  rule: BackupRule;
}
const lifecycles = new WeakMap<AccountState, { reruns: Rerun[]; deleting: Map<string, Date> }>();

function lifecycleOf(ctx: HandlerContext): { reruns: Rerun[]; deleting: Map<string, Date> } {
  let l = lifecycles.get(ctx.state);
  if (!l) lifecycles.set(ctx.state, (l = { reruns: [], deleting: new Map() }));
  return l;
}

const busy = () =>
  invalidState(
    "Backup is already performing an action on this recovery point. It can't perform the action you requested until the first action finishes. Try again later.",
  ); // the model's InvalidResourceStateException documentation

/** A selection's ARN pattern: `*` matches any run of characters ([BC] BackupSelection.Resources). */
const arnPattern = (pattern: string): RegExp =>
  new RegExp(
    `^${pattern
      .split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  );

/** The live plan and continuous rule whose selection names this resource by ARN (tags and conditions are not modelled). */
function continuousRuleFor(
  ctx: HandlerContext,
  resourceArn: string,
): { plan: Plan; rule: BackupRule } | undefined {
  for (const s of ctx.state.selections.values()) {
    const plan = ctx.state.plans.get(s.BackupPlanId);
    const rule = plan?.DeletionDate
      ? undefined
      : plan?.BackupPlan.Rules.find((r) => r.EnableContinuousBackup);
    const sel = s.BackupSelection;
    if (
      plan &&
      rule &&
      (sel.Resources ?? []).some((r) => arnPattern(r).test(resourceArn)) &&
      !(sel.NotResources ?? []).some((r) => arnPattern(r).test(resourceArn))
    )
      return { plan, rule };
  }
  return undefined;
}

/** Brings the account up to the emulator's "now": due plan runs create their points, deletions end. */
function settle(ctx: HandlerContext): void {
  const l = lifecycles.get(ctx.state);
  if (!l) return;
  for (const [arn, done] of l.deleting)
    if (done <= ctx.now) {
      ctx.state.recoveryPoints.delete(arn);
      l.deleting.delete(arn);
    }
  l.reruns = l.reruns.filter((r) => {
    if (r.due > ctx.now) return true;
    rerun(ctx, r);
    return false;
  });
}

/** The plan's next run: a new continuous point for the resource, in the rule's vault. */
function rerun(ctx: HandlerContext, r: Rerun): void {
  const { state } = ctx;
  const vault = state.vaults.get(r.rule.TargetBackupVaultName) ?? state.vaults.get(r.from.BackupVaultName);
  const stillSelected = continuousRuleFor(ctx, r.from.ResourceArn);
  const already = [...state.recoveryPoints.values()].some(
    (p) => p.ResourceArn === r.from.ResourceArn && isContinuous(p) && p.Status !== 'STOPPED',
  );
  if (!vault || !stillSelected || already) return;
  const hex = state.id(`rerun-${r.from.ResourceType}`, 'hex');
  const suffix =
    r.from.ResourceType === S3.name
      ? `${r.from.ResourceName ?? 'bucket'}-${hex.slice(0, 8)}`
      : r.from.ResourceType === RDS.name
        ? `db-${hex}`
        : r.from.ResourceType === AURORA.name
          ? `cluster-${hex}`
          : hex;
  const days = r.rule.Lifecycle?.DeleteAfterDays;
  const point: RecoveryPoint = {
    ...r.from,
    RecoveryPointArn: state.arn('backup', `recovery-point:continuous:${suffix}`),
    BackupVaultName: vault.BackupVaultName,
    BackupVaultArn: vault.BackupVaultArn,
    VaultType: vault.VaultType,
    CreatedBy: {
      BackupPlanId: r.plan.BackupPlanId,
      BackupPlanArn: r.plan.BackupPlanArn,
      BackupPlanName: r.plan.BackupPlan.BackupPlanName,
      BackupPlanVersion: r.plan.VersionId,
      BackupRuleId: r.rule.RuleId,
      BackupRuleName: r.rule.RuleName,
      ...(r.rule.ScheduleExpression ? { BackupRuleCron: r.rule.ScheduleExpression } : {}),
    },
    Status: 'COMPLETED',
    StatusMessage: undefined,
    CreationDate: r.due,
    CompletionDate: undefined,
    Lifecycle: r.rule.Lifecycle,
    CalculatedLifecycle:
      days !== undefined ? { DeleteAt: new Date(r.due.getTime() + days * DAY) } : undefined,
  };
  state.recoveryPoints.set(point.RecoveryPointArn, point);
}

/** Every operation on vaults and points sees the account as it is at the emulator's "now". */
export const VAULT_HANDLERS: Record<string, Handler> = Object.fromEntries(
  Object.entries(HANDLERS).map(([name, handle]) => [
    name,
    (input: Record<string, unknown>, ctx: HandlerContext) => {
      settle(ctx);
      return handle(input, ctx);
    },
  ]),
);
