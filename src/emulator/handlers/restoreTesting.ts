/**
 * The emulator's restore testing: plans and selections (create, get, list, update, delete),
 * GetRestoreTestingInferredMetadata, ListRestoreJobsByProtectedResource, and the jobs a plan starts
 * (runRestoreTestingPlan: each selected resource's point restored, validated and deleted, as
 * https://docs.aws.amazon.com/aws-backup/latest/devguide/restore-testing.html describes). Shapes and
 * limits from the service model (schemas/aws-backup-model/service-2.json: RestoreTestingPlanForCreate,
 * RestoreTestingRecoveryPointSelection, RestoreTestingSelectionForCreate and their documentation);
 * every message is the emulator's wording (AWS's are NOT FOUND in its documentation).
 */
import { RESTORE_TESTABLE_TYPES } from '../../backup/resourceTypes/restoreTesting';
import { alreadyExists, invalid, invalidRequest, missing, notFound } from '../errors';
import { restoreDurationMs } from '../seedRestoreDurations';
import { inferredMetadata } from '../seedInferredMetadata';
import type {
  AccountState,
  RecoveryPoint,
  RecoveryPointSelectionSpec,
  RestoreTestingPlan,
  RestoreTestingSelection,
} from '../state';
import { DAY, type Handler, type HandlerContext, inRange, isContinuous, page, pointInVault } from './common';
import { restoreJobView } from './restore';

/** "alphanumeric characters and underscores" (RestoreTestingPlanName's and RestoreTestingSelectionName's documentation). */
const NAME = /^[A-Za-z0-9_]+$/;
/** RestoreTestingSelectionName: "Maximum length is 50." (a plan name's maximum is NOT FOUND). */
const SELECTION_NAME_MAX = 50;
/** "up to 30 specific protected resource ARNs" (CreateRestoreTestingSelection). */
const MAX_ARNS = 30;

const selectionKey = (plan: string, selection: string): string => `${plan}/${selection}`;

function planOrNotFound(ctx: HandlerContext, name: unknown): RestoreTestingPlan {
  const p = ctx.state.restoreTestingPlans.get(String(name));
  if (!p) throw notFound(`Restore testing plan ${String(name)} was not found.`);
  return p;
}

function selectionOrNotFound(ctx: HandlerContext, plan: unknown, name: unknown): RestoreTestingSelection {
  const s = ctx.state.restoreTestingSelections.get(selectionKey(String(plan), String(name)));
  if (!s) throw notFound(`Restore testing selection ${String(name)} of plan ${String(plan)} was not found.`);
  return s;
}

function checkWhole(value: number | undefined, name: string, min: number, max: number): void {
  if (value !== undefined && (value < min || value > max))
    throw invalid(`${name} must be from ${min} to ${max}, not ${value}.`);
}

/**
 * A plan's body. StartWindowHours: "a maximum value of 168 hours" (its documentation; a minimum is
 * NOT FOUND, so none is enforced). SelectionWindowDays: "integers from 1 to 365". Algorithm,
 * IncludeVaults and RecoveryPointTypes are "required" (RecoveryPointSelection's documentation), though
 * the model's shape marks none of them required.
 */
function checkPlan(
  p: {
    ScheduleExpression?: string;
    StartWindowHours?: number;
    RecoveryPointSelection?: RecoveryPointSelectionSpec;
  },
  creating: boolean,
): void {
  if (p.ScheduleExpression !== undefined && !/^cron\(\s*\S+(\s+\S+){5}\s*\)$/.test(p.ScheduleExpression))
    throw invalid(`Invalid schedule expression ${p.ScheduleExpression}.`);
  if (p.StartWindowHours !== undefined && p.StartWindowHours > 168)
    throw invalid(`StartWindowHours can be at most 168 (one week), not ${p.StartWindowHours}.`);
  const s = p.RecoveryPointSelection;
  if (!s) return;
  if (creating || s.Algorithm !== undefined)
    if (!s.Algorithm) throw missing('RecoveryPointSelection.Algorithm is required.');
  if (creating && !s.IncludeVaults?.length)
    throw missing('RecoveryPointSelection.IncludeVaults is required: name vault ARNs, or ["*"].');
  if (creating && !s.RecoveryPointTypes?.length)
    throw missing('RecoveryPointSelection.RecoveryPointTypes is required: CONTINUOUS, SNAPSHOT or both.');
  checkWhole(s.SelectionWindowDays, 'RecoveryPointSelection.SelectionWindowDays', 1, 365);
}

function checkSelection(s: Partial<RestoreTestingSelection>): void {
  checkWhole(s.ValidationWindowHours, 'ValidationWindowHours', 0, 168);
  const arns = s.ProtectedResourceArns;
  if (arns && arns.length > MAX_ARNS)
    throw invalid(`ProtectedResourceArns lists ${arns.length} ARNs; at most ${MAX_ARNS} can be named.`);
  if (arns?.includes('*') && arns.length > 1)
    throw invalid('ProtectedResourceArns takes ["*"] or specific ARNs, not both.');
  const conditions = s.ProtectedResourceConditions;
  const hasConditions = !!(conditions?.StringEquals?.length || conditions?.StringNotEquals?.length);
  if (hasConditions && arns && !(arns.length === 1 && arns[0] === '*'))
    throw invalid('ProtectedResourceConditions can be given only with ProtectedResourceArns ["*"].');
}

function planForList(p: RestoreTestingPlan): Record<string, unknown> {
  const { RecoveryPointSelection: _s, CreatorRequestId: _c, Tags: _t, ...rest } = p;
  void _s;
  void _c;
  void _t;
  return rest;
}

function selectionForList(s: RestoreTestingSelection): Record<string, unknown> {
  return {
    CreationTime: s.CreationTime,
    IamRoleArn: s.IamRoleArn,
    ProtectedResourceType: s.ProtectedResourceType,
    RestoreTestingPlanName: s.RestoreTestingPlanName,
    RestoreTestingSelectionName: s.RestoreTestingSelectionName,
    ValidationWindowHours: s.ValidationWindowHours,
  };
}

const vaultMatches = (patterns: string[] | undefined, arn: string): boolean =>
  (patterns ?? []).some(
    (p) =>
      p === '*' ||
      new RegExp(
        `^${p
          .split('*')
          .map((x) => x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
          .join('.*')}$`,
      ).test(arn),
  );

/** The point a plan's selection would restore for one resource, by its RecoveryPointSelection. */
function pointToTest(
  state: AccountState,
  plan: RestoreTestingPlan,
  resourceArn: string,
  now: Date,
): RecoveryPoint | undefined {
  const sel = plan.RecoveryPointSelection;
  const since = now.getTime() - (sel.SelectionWindowDays ?? 30) * DAY;
  const types = sel.RecoveryPointTypes ?? [];
  const candidates = [...state.recoveryPoints.values()].filter(
    (p) =>
      p.ResourceArn === resourceArn &&
      ['COMPLETED', 'AVAILABLE'].includes(p.Status) &&
      types.includes(isContinuous(p) ? 'CONTINUOUS' : 'SNAPSHOT') &&
      vaultMatches(sel.IncludeVaults, p.BackupVaultArn) &&
      !vaultMatches(sel.ExcludeVaults, p.BackupVaultArn) &&
      (isContinuous(p) || p.CreationDate.getTime() >= since),
  );
  candidates.sort((a, b) => b.CreationDate.getTime() - a.CreationDate.getTime());
  return candidates[0];
}

/**
 * Starts a plan's restore tests now: for each selection, each resource of its type that it names (or
 * every one, for ["*"]; tag conditions are not evaluated) with a point the plan selects. Each job takes
 * the type-and-size duration (seedRestoreDurations.ts), validates successfully and deletes what it
 * restored. Returns the jobs' ids.
 */
export function runRestoreTestingPlan(state: AccountState, planName: string, now: Date): string[] {
  const plan = state.restoreTestingPlans.get(planName);
  if (!plan) throw notFound(`Restore testing plan ${planName} was not found.`);
  const ids: string[] = [];
  for (const s of state.restoreTestingSelections.values()) {
    if (s.RestoreTestingPlanName !== planName) continue;
    const named = s.ProtectedResourceArns ?? ['*'];
    const resources = new Set(
      [...state.recoveryPoints.values()]
        .filter(
          (p) =>
            p.ResourceType === s.ProtectedResourceType &&
            (named.includes('*') || named.includes(p.ResourceArn)),
        )
        .map((p) => p.ResourceArn),
    );
    for (const arn of resources) {
      const p = pointToTest(state, plan, arn, now);
      if (!p) continue;
      const id = state.id('restore');
      const meta = { ...inferredMetadata(state, p), ...(s.RestoreMetadataOverrides ?? {}) };
      state.restoreJobs.set(id, {
        AccountId: state.accountId,
        RestoreJobId: id,
        RecoveryPointArn: p.RecoveryPointArn,
        SourceResourceArn: p.ResourceArn,
        BackupVaultArn: p.BackupVaultArn,
        CreationDate: now,
        IamRoleArn: s.IamRoleArn,
        ResourceType: p.ResourceType,
        RecoveryPointCreationDate: p.CreationDate,
        BackupSizeInBytes: p.BackupSizeInBytes,
        durationMs: restoreDurationMs(p.ResourceType, p.BackupSizeInBytes),
        outcome: {
          status: 'COMPLETED',
          createdResourceArn: `${p.ResourceArn}-${Object.values(meta).find((v) => v.startsWith('awsbackup-restore-test-')) ?? 'restore-test'}`,
        },
        metadata: meta,
        CreatedBy: { RestoreTestingPlanArn: plan.RestoreTestingPlanArn },
        testing: { ValidationStatus: 'SUCCESSFUL', DeletionStatus: 'SUCCESSFUL' },
      });
      ids.push(id);
    }
  }
  plan.LastExecutionTime = now;
  return ids;
}

export const RESTORE_TESTING_HANDLERS: Record<string, Handler> = {
  CreateRestoreTestingPlan(input, ctx) {
    const body = input.RestoreTestingPlan as Omit<
      RestoreTestingPlan,
      'RestoreTestingPlanArn' | 'CreationTime'
    >;
    const token = input.CreatorRequestId as string | undefined;
    const out = (p: RestoreTestingPlan): Record<string, unknown> => ({
      CreationTime: p.CreationTime,
      RestoreTestingPlanArn: p.RestoreTestingPlanArn,
      RestoreTestingPlanName: p.RestoreTestingPlanName,
    });
    // The same CreatorRequestId again (a retry) answers with the plan it created.
    const same = token
      ? [...ctx.state.restoreTestingPlans.values()].find((p) => p.CreatorRequestId === token)
      : undefined;
    if (same) return out(same);
    const name = body.RestoreTestingPlanName;
    if (!NAME.test(name))
      throw invalid(`Invalid RestoreTestingPlanName ${name}: use letters, digits and underscores only.`);
    if (ctx.state.restoreTestingPlans.has(name))
      throw alreadyExists(`A restore testing plan named ${name} already exists.`);
    checkPlan(body, true);
    const plan: RestoreTestingPlan = {
      ...body,
      RestoreTestingPlanArn: ctx.state.arn(
        'backup',
        `restore-testing-plan:${name}-${ctx.state.id('rtp', 'hex').slice(0, 6)}`,
      ),
      CreationTime: ctx.now,
      ...(token ? { CreatorRequestId: token } : {}),
      ...(input.Tags ? { Tags: { ...(input.Tags as Record<string, string>) } } : {}),
    };
    ctx.state.restoreTestingPlans.set(name, plan);
    return out(plan);
  },
  GetRestoreTestingPlan(input, ctx) {
    const { Tags: _t, ...p } = planOrNotFound(ctx, input.RestoreTestingPlanName);
    void _t;
    return { RestoreTestingPlan: p };
  },
  ListRestoreTestingPlans(input, ctx) {
    return page(
      [...ctx.state.restoreTestingPlans.values()],
      input,
      'restore-testing-plans',
      'RestoreTestingPlans',
      planForList,
    );
  },
  UpdateRestoreTestingPlan(input, ctx) {
    const p = planOrNotFound(ctx, input.RestoreTestingPlanName);
    const body = input.RestoreTestingPlan as Partial<RestoreTestingPlan>;
    checkPlan(body, false);
    if (body.RecoveryPointSelection)
      p.RecoveryPointSelection = { ...p.RecoveryPointSelection, ...body.RecoveryPointSelection };
    for (const k of ['ScheduleExpression', 'ScheduleExpressionTimezone', 'StartWindowHours'] as const)
      if (body[k] !== undefined) Object.assign(p, { [k]: body[k] });
    p.LastUpdateTime = ctx.now;
    return {
      CreationTime: p.CreationTime,
      RestoreTestingPlanArn: p.RestoreTestingPlanArn,
      RestoreTestingPlanName: p.RestoreTestingPlanName,
      UpdateTime: ctx.now,
    };
  },
  DeleteRestoreTestingPlan(input, ctx) {
    // "Deletion can only successfully occur if all associated restore testing selections are deleted first."
    const name = String(input.RestoreTestingPlanName);
    const p = ctx.state.restoreTestingPlans.get(name);
    if (!p) throw invalidRequest(`Restore testing plan ${name} was not found.`);
    const left = [...ctx.state.restoreTestingSelections.values()].filter(
      (s) => s.RestoreTestingPlanName === name,
    );
    if (left.length)
      throw invalidRequest(
        `Restore testing plan ${name} still has ${left.length} selection${left.length === 1 ? '' : 's'} (${left.map((s) => s.RestoreTestingSelectionName).join(', ')}): delete them first.`,
      );
    ctx.state.restoreTestingPlans.delete(name);
    return undefined;
  },
  CreateRestoreTestingSelection(input, ctx) {
    const plan = planOrNotFound(ctx, input.RestoreTestingPlanName);
    const body = input.RestoreTestingSelection as Omit<
      RestoreTestingSelection,
      'CreationTime' | 'RestoreTestingPlanName'
    >;
    const token = input.CreatorRequestId as string | undefined;
    const out = (s: RestoreTestingSelection): Record<string, unknown> => ({
      CreationTime: s.CreationTime,
      RestoreTestingPlanArn: plan.RestoreTestingPlanArn,
      RestoreTestingPlanName: plan.RestoreTestingPlanName,
      RestoreTestingSelectionName: s.RestoreTestingSelectionName,
    });
    const same = token
      ? [...ctx.state.restoreTestingSelections.values()].find(
          (s) => s.CreatorRequestId === token && s.RestoreTestingPlanName === plan.RestoreTestingPlanName,
        )
      : undefined;
    if (same) return out(same);
    const name = body.RestoreTestingSelectionName;
    if (!NAME.test(name) || name.length > SELECTION_NAME_MAX)
      throw invalid(
        `Invalid RestoreTestingSelectionName ${name}: use up to ${SELECTION_NAME_MAX} letters, digits and underscores.`,
      );
    if (!RESTORE_TESTABLE_TYPES.includes(body.ProtectedResourceType))
      throw invalid(
        `ProtectedResourceType ${body.ProtectedResourceType} cannot be restore tested: use one of ${RESTORE_TESTABLE_TYPES.join(', ')}.`,
      );
    if (!body.ProtectedResourceArns?.length && !body.ProtectedResourceConditions)
      throw missing('Give ProtectedResourceArns or ProtectedResourceConditions.');
    checkSelection(body);
    const key = selectionKey(plan.RestoreTestingPlanName, name);
    if (ctx.state.restoreTestingSelections.has(key))
      throw alreadyExists(`Plan ${plan.RestoreTestingPlanName} already has a selection named ${name}.`);
    const s: RestoreTestingSelection = {
      ...body,
      RestoreTestingPlanName: plan.RestoreTestingPlanName,
      CreationTime: ctx.now,
      ...(token ? { CreatorRequestId: token } : {}),
    };
    ctx.state.restoreTestingSelections.set(key, s);
    return out(s);
  },
  GetRestoreTestingSelection(input, ctx) {
    const s = selectionOrNotFound(ctx, input.RestoreTestingPlanName, input.RestoreTestingSelectionName);
    return { RestoreTestingSelection: s };
  },
  ListRestoreTestingSelections(input, ctx) {
    const plan = planOrNotFound(ctx, input.RestoreTestingPlanName);
    const list = [...ctx.state.restoreTestingSelections.values()].filter(
      (s) => s.RestoreTestingPlanName === plan.RestoreTestingPlanName,
    );
    return page(
      list,
      input,
      `restore-testing-selections:${plan.RestoreTestingPlanName}`,
      'RestoreTestingSelections',
      selectionForList,
    );
  },
  UpdateRestoreTestingSelection(input, ctx) {
    const plan = planOrNotFound(ctx, input.RestoreTestingPlanName);
    const s = selectionOrNotFound(ctx, input.RestoreTestingPlanName, input.RestoreTestingSelectionName);
    const body = input.RestoreTestingSelection as Partial<RestoreTestingSelection>;
    const next = { ...s, ...body };
    checkSelection(next);
    Object.assign(s, body);
    return {
      CreationTime: s.CreationTime,
      RestoreTestingPlanArn: plan.RestoreTestingPlanArn,
      RestoreTestingPlanName: plan.RestoreTestingPlanName,
      RestoreTestingSelectionName: s.RestoreTestingSelectionName,
      UpdateTime: ctx.now,
    };
  },
  DeleteRestoreTestingSelection(input, ctx) {
    selectionOrNotFound(ctx, input.RestoreTestingPlanName, input.RestoreTestingSelectionName);
    ctx.state.restoreTestingSelections.delete(
      selectionKey(String(input.RestoreTestingPlanName), String(input.RestoreTestingSelectionName)),
    );
    return undefined;
  },
  GetRestoreTestingInferredMetadata(input, ctx) {
    const p = pointInVault(ctx, input.BackupVaultName, input.RecoveryPointArn);
    return { InferredMetadata: inferredMetadata(ctx.state, p) };
  },
  ListRestoreJobsByProtectedResource(input, ctx) {
    const arn = String(input.ResourceArn);
    const jobs = [...ctx.state.restoreJobs.values()]
      .filter(
        (j) =>
          j.SourceResourceArn === arn &&
          inRange(
            j.RecoveryPointCreationDate,
            input.ByRecoveryPointCreationDateAfter,
            input.ByRecoveryPointCreationDateBefore,
          ),
      )
      .map((j) => restoreJobView(j, ctx.now))
      .filter((j) => input.ByStatus === undefined || j.Status === input.ByStatus)
      .sort((a, b) => (b.CreationDate as Date).getTime() - (a.CreationDate as Date).getTime());
    return page(jobs, input, `restore-jobs-by-resource:${arn}:${String(input.ByStatus)}`, 'RestoreJobs');
  },
};
