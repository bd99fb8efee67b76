/**
 * Restore testing plans and selections (https://docs.aws.amazon.com/aws-backup/latest/devguide/restore-testing.html;
 * service model: RestoreTestingPlanForCreate, RestoreTestingRecoveryPointSelection,
 * RestoreTestingSelectionForCreate, whose documentation gives the limits, src/backup/restoreTesting.ts).
 * The schedule follows the plans' cron rules (PLAN001).
 */
import type { Node } from 'jsonc-parser';
import { IAM_ROLE_ARN_FORM, isIamRoleArn } from '../backup/arn';
import { CONTINUOUS_MAX_RETENTION_DAYS, continuousTypes } from '../backup/resourceTypes';
import {
  RESTORE_TESTABLE_TYPES,
  RESTORE_TESTING_OVERRIDES,
  RESTORE_TESTING_SELECTION_WINDOW_DAYS,
  RESTORE_TESTING_START_WINDOW_MAX_HOURS,
  RESTORE_TESTING_VALIDATION_WINDOW_HOURS,
} from '../backup/resourceTypes/restoreTesting';
import type { RawFinding, RuleContext } from './context';
import { parseScheduleExpression } from './cron';
import { changeTo } from './fixes';
import { isUnknown } from './formats/types';
import { elements, keyOf, numberValue, objectAnchor, properties, stringValue, valueOf } from './jsonAst';
import { didYouMean } from './suggest';

function outside(
  ctx: RuleContext,
  code: string,
  node: Node | undefined,
  name: string,
  range: { min: number; max: number },
): void {
  const n = numberValue(node);
  if (!node || n === undefined || (n >= range.min && n <= range.max)) return;
  ctx.report(
    code,
    node,
    `${name} is ${n}; it takes ${range.min} to ${range.max}.`,
    changeTo(node, n < range.min ? range.min : range.max),
  );
}

export function lintRestoreTestingPlan(plan: Node | undefined, ctx: RuleContext): void {
  if (plan?.type !== 'object') return;
  const schedule = valueOf(plan, 'ScheduleExpression');
  const expr = stringValue(schedule);
  if (schedule && expr !== undefined) {
    const r = parseScheduleExpression(expr);
    if (!r.ok) ctx.report('PLAN001', schedule, r.message, changeTo(schedule, r.fix));
  }
  const start = valueOf(plan, 'StartWindowHours');
  const hours = numberValue(start);
  if (start && hours !== undefined && hours > RESTORE_TESTING_START_WINDOW_MAX_HOURS)
    ctx.report(
      'RTP001',
      start,
      `StartWindowHours is ${hours}; a restore test that has not started within ${RESTORE_TESTING_START_WINDOW_MAX_HOURS} hours (one week) is cancelled at the latest. Use ${RESTORE_TESTING_START_WINDOW_MAX_HOURS} or less (the default is 24).`,
      changeTo(start, RESTORE_TESTING_START_WINDOW_MAX_HOURS),
    );
  const sel = valueOf(plan, 'RecoveryPointSelection');
  if (sel?.type !== 'object' || isUnknown(sel)) return;
  // Documented as required ("Algorithm (required)", "Recovery point types (required)", "IncludeVaults
  // (required)") though the model's shape marks none of them so.
  const missing = ['Algorithm', 'IncludeVaults', 'RecoveryPointTypes'].filter((m) => !valueOf(sel, m));
  if (missing.length)
    ctx.report(
      'RTP002',
      keyOf(plan, 'RecoveryPointSelection') ?? objectAnchor(sel),
      `RecoveryPointSelection needs ${missing.join(', ')}: the algorithm (LATEST_WITHIN_WINDOW or RANDOM_WITHIN_WINDOW), the vaults to pick from (["*"] or vault ARNs) and the point types (CONTINUOUS, SNAPSHOT or both).`,
    );
  if (valueOf(sel, 'IncludeVaults') && elements(valueOf(sel, 'IncludeVaults')).length === 0)
    ctx.report(
      'RTP002',
      valueOf(sel, 'IncludeVaults')!,
      'IncludeVaults is empty: the plan can pick no recovery point. Use ["*"] or vault ARNs.',
    );
  const days = valueOf(sel, 'SelectionWindowDays');
  outside(ctx, 'RTP003', days, 'SelectionWindowDays', RESTORE_TESTING_SELECTION_WINDOW_DAYS);
  const types = elements(valueOf(sel, 'RecoveryPointTypes')).map(stringValue);
  const d = numberValue(days);
  if (
    days &&
    d !== undefined &&
    d > CONTINUOUS_MAX_RETENTION_DAYS &&
    types.length === 1 &&
    types[0] === 'CONTINUOUS'
  )
    ctx.report(
      'RTP004',
      days,
      `SelectionWindowDays is ${d}, but the plan picks CONTINUOUS points only, which keep at most ${CONTINUOUS_MAX_RETENTION_DAYS} days: a window longer than the continuous retention of its vaults finds nothing older. Use ${CONTINUOUS_MAX_RETENTION_DAYS} or less, or add SNAPSHOT.`,
      changeTo(days, CONTINUOUS_MAX_RETENTION_DAYS),
    );
}

export function lintRestoreTestingSelection(sel: Node | undefined, ctx: RuleContext): void {
  if (sel?.type !== 'object') return;
  outside(
    ctx,
    'RTP003',
    valueOf(sel, 'ValidationWindowHours'),
    'ValidationWindowHours',
    RESTORE_TESTING_VALIDATION_WINDOW_HOURS,
  );
  const typeNode = valueOf(sel, 'ProtectedResourceType');
  const type = stringValue(typeNode);
  if (typeNode && type !== undefined && !RESTORE_TESTABLE_TYPES.includes(type)) {
    const near = didYouMean(type, RESTORE_TESTABLE_TYPES);
    ctx.report(
      'RTP005',
      typeNode,
      `ProtectedResourceType "${type}" cannot be restore tested: use one of ${RESTORE_TESTABLE_TYPES.join(', ')}.`,
      changeTo(typeNode, near),
    );
  }
  const known = type !== undefined ? RESTORE_TESTING_OVERRIDES[type] : undefined;
  if (known)
    for (const p of properties(valueOf(sel, 'RestoreMetadataOverrides'))) {
      if (known.some((k) => k.toLowerCase() === p.name.toLowerCase())) continue;
      ctx.report(
        'RTP006',
        p.key,
        `${type} restore tests do not take the override "${p.name}": its overridable keys are ${known.join(', ')} (not case sensitive).`,
      );
    }
  const role = valueOf(sel, 'IamRoleArn');
  const roleArn = stringValue(role);
  if (role && roleArn !== undefined && !isIamRoleArn(roleArn))
    ctx.report('RTP007', role, `IamRoleArn "${roleArn}" is not an IAM role ARN. Use "${IAM_ROLE_ARN_FORM}".`);
  const arns = elements(valueOf(sel, 'ProtectedResourceArns')).map(stringValue);
  const conditions = valueOf(sel, 'ProtectedResourceConditions');
  if (arns.includes('*') && arns.length > 1)
    ctx.report(
      'RTP008',
      keyOf(sel, 'ProtectedResourceArns')!,
      'ProtectedResourceArns takes ["*"] or specific ARNs, not both.',
    );
  else if (conditions && arns.length > 0 && !arns.includes('*'))
    ctx.report(
      'RTP008',
      keyOf(sel, 'ProtectedResourceConditions')!,
      'ProtectedResourceConditions apply only with ProtectedResourceArns ["*"]: name the ARNs, or select by conditions with ["*"].',
    );
}

/**
 * A plan and one of its selections, in one template: a plan that picks CONTINUOUS points only restores
 * nothing of a type without continuous backup (src/backup/resourceTypes.ts: continuousTypes).
 */
export function continuousOnlyForType(
  plan: Node | undefined,
  selection: Node | undefined,
  resource: string,
): RawFinding | undefined {
  const types = elements(valueOf(valueOf(plan, 'RecoveryPointSelection'), 'RecoveryPointTypes')).map(
    stringValue,
  );
  const typeNode = valueOf(selection, 'ProtectedResourceType');
  const type = stringValue(typeNode);
  if (!typeNode || type === undefined || types.length !== 1 || types[0] !== 'CONTINUOUS') return undefined;
  if (!RESTORE_TESTABLE_TYPES.includes(type) || continuousTypes().includes(type)) return undefined;
  return {
    code: 'RTP009',
    resource,
    offset: typeNode.offset,
    length: typeNode.length,
    message: `${type} has no continuous backup, and its restore testing plan picks CONTINUOUS points only: this selection restores nothing. Add SNAPSHOT to the plan's RecoveryPointTypes.`,
  };
}
