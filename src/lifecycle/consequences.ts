/**
 * What stopping or deleting a recovery point does, in plain words for its resource type, and
 * whether it may be sent at all: no `vscode`, no SDK, no I/O. The flow (stopOrDelete.ts) gathers
 * the facts; the editor shows the text this module writes.
 *
 * Sources (AWS Backup Developer Guide and API reference):
 * - [STOP] https://docs.aws.amazon.com/aws-backup/latest/devguide/point-in-time-recovery-stopping.html
 * - [DEL] https://docs.aws.amazon.com/aws-backup/latest/devguide/API_DeleteRecoveryPoint.html
 * - [DIS] https://docs.aws.amazon.com/aws-backup/latest/devguide/API_DisassociateRecoveryPoint.html
 * - [COPY] https://docs.aws.amazon.com/aws-backup/latest/devguide/point-in-time-recovery-copying.html
 * - [LOCK] https://docs.aws.amazon.com/aws-backup/latest/devguide/vault-lock.html and the lock's
 *   ChangeableForDays (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-backup-backupvault-lockconfigurationtype.html)
 * - [LAG] https://docs.aws.amazon.com/aws-backup/latest/devguide/lag-vault-primary-backup.html
 * - [STATUS] the RecoveryPoint Status documentation of the service model
 *   (schemas/aws-backup-model/service-2.json): STOPPED, DELETING
 */
import { accountOf } from '../backup/arn';
import { formatUtc } from '../backup/format';
import { whereLine } from '../ui/confirmation';
import { isContinuousRecoveryPointArn } from '../backup/recoveryPoint';
import { resourceType, typeOfServiceRecoveryPoint } from '../backup/resourceTypes';

export type LifecycleAction = 'stop' | 'delete';

/** The recovery point, as DescribeRecoveryPoint tells it. */
export interface PointFacts {
  recoveryPointArn: string;
  vaultName: string;
  resourceArn?: string;
  resourceType?: string;
  resourceName?: string;
  status?: string;
  creationDate?: Date;
  /** CalculatedLifecycle.DeleteAt. */
  deleteAt?: Date;
  /** Lifecycle.DeleteAfterDays. */
  retentionDays?: number;
}

/** The vault's lock, as DescribeBackupVault tells it. */
export interface LockFacts {
  locked: boolean;
  minRetentionDays?: number;
  maxRetentionDays?: number;
  lockDate?: Date;
}

/** A plan whose continuous rule still selects the point's resource. */
export interface PlanCoverage {
  planId: string;
  planName: string;
  ruleName: string;
  selectionName: string;
}

/** Another backup of the same resource the explorer knows of, in another vault. */
export interface KnownCopy {
  vaultName: string;
  airGapped: boolean;
  recoveryPointArn: string;
  /** A copy job made it from this very point. */
  fromThisPoint: boolean;
}

export interface Consequences {
  action: LifecycleAction;
  /** Refused before anything is sent, and why (the lock's bounds included). */
  refusal?: string;
  /** The modal's message: one line. */
  message: string;
  /** The modal's detail: what will happen, one paragraph a line. */
  detail: string;
  /** The button that sends the request. */
  confirmLabel: string;
  /** A permanent deletion: the name the person must type first. */
  typedName?: string;
  /** The plan to open instead (its continuous rule would back the resource up again). */
  openPlan?: PlanCoverage;
}

const DAY = 86_400_000;

/**
 * The resource's name, as the console shows it: its own name, else the last part of its ARN, else
 * (a backup of the type's own service, such as a table backup) the name its recovery point's ARN
 * carries, as the record per type reads it.
 */
function resourceNameOf(p: PointFacts): string {
  const record = resourceType(p.resourceType ?? typeOfServiceRecoveryPoint(p.recoveryPointArn));
  return (
    p.resourceName ||
    p.resourceArn?.split(/[:/]/).filter(Boolean).pop() ||
    (record?.arn.nameOfRecoveryPoint?.(p.recoveryPointArn) ?? p.recoveryPointArn)
  );
}

export type LockMode = 'none' | 'governance' | 'compliance-grace' | 'compliance';

/**
 * The lock's mode, as far as DescribeBackupVault tells it (it has no mode field): a lock with a
 * lock date is a compliance lock, changeable until that date and immutable on and after it; a
 * lock without one can be changed or removed at any time, by those allowed to ([LOCK]).
 */
export function lockModeOf(lock: LockFacts, now: Date): LockMode {
  if (!lock.locked) return 'none';
  if (!lock.lockDate) return 'governance';
  return lock.lockDate.getTime() <= now.getTime() ? 'compliance' : 'compliance-grace';
}

/** The lock's bounds, in words. */
function lockBounds(vault: string, lock: LockFacts, now: Date): string {
  const days = (n: number | undefined) => (n === undefined ? 'none' : `${n} day${n === 1 ? '' : 's'}`);
  const mode = lockModeOf(lock, now);
  const date = lock.lockDate ? formatUtc(lock.lockDate) : '';
  const state =
    mode === 'compliance'
      ? `compliance mode, immutable since ${date}`
      : mode === 'compliance-grace'
        ? `compliance mode, still changeable until ${date}`
        : 'no lock date: governance mode, it can be changed or removed by those allowed to';
  return `Vault lock on ${vault}: minimum retention ${days(lock.minRetentionDays)}, maximum retention ${days(lock.maxRetentionDays)}; ${state}.`;
}

/** Whether the vault's lock forbids the action, decided before anything is sent. */
export function lockVerdict(
  action: LifecycleAction,
  point: PointFacts,
  lock: LockFacts,
  now: Date,
): { forbids: boolean; text?: string } {
  const mode = lockModeOf(lock, now);
  if (mode === 'none') return { forbids: false };
  const bounds = lockBounds(point.vaultName, lock, now);
  if (action === 'stop') {
    // In a locked vault a continuous point cannot be disassociated: "wait for it to expire" ([LAG]).
    if (mode === 'compliance')
      return {
        forbids: true,
        text: `The vault lock forbids stopping this continuous backup: in a locked vault it cannot be disassociated, only left to expire. ${bounds}`,
      };
    return {
      forbids: false,
      text: `The vault is locked: AWS Backup may refuse to disassociate a point in a locked vault. ${bounds}`,
    };
  }
  const ageDays = point.creationDate ? (now.getTime() - point.creationDate.getTime()) / DAY : undefined;
  const within =
    lock.minRetentionDays !== undefined && (ageDays === undefined || ageDays < lock.minRetentionDays);
  if (mode === 'compliance' && within) {
    const until =
      point.creationDate && lock.minRetentionDays !== undefined
        ? ` It may be deleted from ${formatUtc(new Date(point.creationDate.getTime() + lock.minRetentionDays * DAY))}.`
        : '';
    return {
      forbids: true,
      text: `The vault lock forbids deleting this recovery point: it is younger than the lock's minimum retention, and nobody, the root user included, can delete it before then.${until} ${bounds}`,
    };
  }
  return {
    forbids: false,
    text: `The vault is locked: AWS Backup denies deleting a recovery point in a locked vault before its retention ends, and will say so if it does. ${bounds}`,
  };
}

/** The per-type paragraphs for a continuous point, from the record per type. */
function continuousText(action: LifecycleAction, p: PointFacts, name: string): readonly string[] {
  const facts = resourceType(p.resourceType)?.lifecycle;
  if (action === 'stop')
    return (
      facts?.stop(name, p.retentionDays) ?? [
        `AWS Backup releases control of the continuous backup of ${name} to its source service. The recovery point leaves AWS Backup.`,
      ]
    );
  return (
    facts?.delete(name) ?? [`The continuous backup of ${name} is deleted and can no longer be restored.`]
  );
}

function copiesText(copies: readonly KnownCopy[], continuous: boolean, type: string | undefined): string {
  if (copies.length === 0) return 'No copies of this backup in other vaults are known to the explorer.';
  const list = copies
    .map(
      (c) =>
        `${c.vaultName}${c.airGapped ? ' (logically air-gapped)' : ''}${c.fromThisPoint ? ', copied from this point' : ''}: ${c.recoveryPointArn}`,
    )
    .join('; ');
  return `These backups of the same resource in other vaults stay, and are not deleted with it${continuous ? ` (copies of a continuous backup are ${resourceType(type)?.copy?.continuousCopyIs ?? 'snapshot'}s: no point-in-time restore)` : ''}: ${list}.`;
}

/**
 * The consequences of `action` on the point, for the modal. `coverage` lists the plans whose
 * continuous rule still selects the resource; `copies` the other vaults' backups of it.
 */
export function consequencesOf(
  action: LifecycleAction,
  point: PointFacts,
  lock: LockFacts,
  coverage: readonly PlanCoverage[],
  copies: readonly KnownCopy[],
  now: Date,
  /** The account and Region it is sent to, as the connection describes itself. */
  where?: string,
): Consequences {
  const name = resourceNameOf(point);
  const continuous = isContinuousRecoveryPointArn(point.recoveryPointArn);
  const confirmLabel = action === 'stop' ? 'Stop Continuous Backup' : 'Delete Recovery Point';
  const message =
    action === 'stop'
      ? `Stop the continuous backup of ${name} in ${point.vaultName}?`
      : `Delete the ${continuous ? 'continuous backup' : 'snapshot'} of ${name} from ${point.vaultName}?`;
  const base = { action, message, confirmLabel };
  const refuse = (refusal: string): Consequences => ({ ...base, refusal, detail: refusal });

  if (point.status === 'DELETING') return refuse(`The recovery point of ${name} is already being deleted.`);
  if (action === 'stop') {
    // "Does not support snapshot backup recovery points." ([DIS])
    if (!continuous)
      return refuse(
        `Only a continuous backup can be stopped: this recovery point of ${name} is a snapshot. Delete it instead.`,
      );
    if (point.status === 'STOPPED')
      return refuse(
        `The continuous backup of ${name} is already STOPPED: it stays restorable until its retention ends.`,
      );
  }
  const lockCheck = lockVerdict(action, point, lock, now);
  if (lockCheck.forbids) return refuse(lockCheck.text!);

  // Every value that decides what is deleted, and where, comes first: the account the point's ARN names.
  const account = whereLine({
    connection: where ?? 'this connection',
    accountId: accountOf(point.recoveryPointArn)?.accountId ?? '',
  });
  const lines: string[] = [
    `${account} · vault ${point.vaultName} · recovery point ${point.recoveryPointArn}`,
  ];
  if (continuous) for (const l of continuousText(action, point, name)) lines.push(l);
  else
    lines.push(
      `The snapshot of ${name} is deleted for good: it can no longer be restored${point.creationDate ? ` to ${formatUtc(point.creationDate)}` : ''}.`,
    );
  const plan = continuous ? coverage[0] : undefined;
  if (plan) {
    const names = coverage.map((c) => `${c.planName} (rule ${c.ruleName})`).join(', ');
    lines.push(
      action === 'delete'
        ? `This does not stop continuous backup: the plan ${names} still selects ${name} with a continuous rule, and its next run creates a new continuous recovery point. To stop for good, remove the rule or the resource from the plan.`
        : `The plan ${names} still selects ${name} with a continuous rule: its next run starts a new continuous backup. To stop for good, remove the rule or the resource from the plan.`,
    );
  } else if (continuous && action === 'delete')
    // [DEL]: "deletes the existing continuous backup and stops future continuous backup".
    lines.push(
      'No plan the explorer can read still selects it with a continuous rule: continuous backup stops.',
    );
  if (action === 'delete') lines.push(copiesText(copies, continuous, point.resourceType));
  if (lockCheck.text) lines.push(lockCheck.text);
  if (action === 'delete') lines.push(`To confirm, you will type the resource name, ${name}.`);
  return {
    ...base,
    detail: lines.join('\n\n'),
    ...(action === 'delete' ? { typedName: name } : {}),
    ...(plan ? { openPlan: plan } : {}),
  };
}

/** What the type-the-name box says of what was typed: undefined when it matches. */
export function checkTypedName(expected: string, typed: string): string | undefined {
  return typed === expected ? undefined : `Type ${expected} exactly, to delete its recovery point for good.`;
}

/** Whether a selection's ARN pattern selects the resource: `*` matches any run of characters. */
export function patternSelects(pattern: string, resourceArn: string): boolean {
  const parts = pattern.split('*');
  if (parts.length === 1) return pattern === resourceArn;
  let at = 0;
  for (const [i, part] of parts.entries()) {
    const found = i === 0 ? (resourceArn.startsWith(part) ? 0 : -1) : resourceArn.indexOf(part, at);
    if (found < 0) return false;
    at = found + part.length;
  }
  return parts.at(-1) === '' || resourceArn.endsWith(parts.at(-1)!);
}
