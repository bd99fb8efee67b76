/**
 * What the deploy flows share, without `vscode`: how they ask (the prompts a test can script), how
 * they speak (the window), where a request goes, and which deployed plan is meant.
 */
import { accountOf } from '../backup/arn';
import { collect, type BackupApi } from '../aws/backupApi';
import { describeConnection } from '../aws/connection';
import { liveFactsFrom } from '../aws/liveFacts';
import type { PlanApi } from '../aws/planApi';
import type { Confirmation, Where } from '../ui/confirmation';
import type { GateInput } from './gate';

/** Replaced by integration tests: the window UI the flows use (the real one otherwise). */
export interface DeployPrompts {
  confirm(c: Confirmation): Promise<boolean>;
  /** A deployed plan, by id. */
  pickPlan(
    items: { label: string; description: string; planId: string }[],
    title: string,
  ): Promise<string | undefined>;
  pickType(types: string[], title: string): Promise<string | undefined>;
}

/** How a flow tells the person what happened (notifications in the editor). */
export interface DeployWindow {
  info(message: string): void;
  error(message: string): void;
  /** A send refused by the gate: what was not done, and every problem. */
  refuse(what: string, problems: string[]): undefined;
}

export interface FlowContext {
  prompts: DeployPrompts;
  window: DeployWindow;
  log: { info(message: string): void };
  /** The explorer redraws its plans. */
  refreshPlans(): void;
}

/** Where it goes: the account an ARN the service returned names (a deployed plan's), else one read now. */
export async function whereTo(
  plans: PlanApi,
  from: { arn?: string | undefined; vault?: string },
): Promise<Where> {
  const accountId = accountOf(from.arn)?.accountId ?? (await plans.readAccountId(from.vault));
  return { connection: describeConnection(plans.connection), ...(accountId ? { accountId } : {}) };
}

async function deployedPlans(
  api: BackupApi,
): Promise<{ label: string; description: string; planId: string }[]> {
  return (await collect(api.listBackupPlans())).map((p) => ({
    label: p.BackupPlanName ?? p.BackupPlanId ?? '?',
    description: `${p.BackupPlanId ?? ''}${p.VersionId ? ` · version ${p.VersionId}` : ''}`,
    planId: p.BackupPlanId ?? '',
  }));
}

/** The plan the document names, or one picked (plans of the same name first). */
export async function choosePlan(
  api: BackupApi,
  prompts: DeployPrompts,
  named: string | undefined,
  title: string,
  name?: string,
): Promise<string | undefined> {
  if (named) return named;
  const items = await deployedPlans(api);
  if (!items.length) throw new Error('This account and Region have no backup plans yet: create one first.');
  items.sort((a, b) => Number(b.label === name) - Number(a.label === name));
  return prompts.pickPlan(items, title);
}

/**
 * The gate's input with the account's facts when connected: a fresh set for this send, so a vault
 * created a moment ago is seen (the editor's live lint caches answers for a minute).
 */
export function withFacts(input: GateInput, plans: PlanApi | undefined): GateInput {
  return plans ? { ...input, facts: () => Promise.resolve(liveFactsFrom(plans.api)) } : input;
}

/** Nothing is sent without a connection. */
export function notConnected(ctx: FlowContext): undefined {
  ctx.window.error('Connect to AWS first ("AWS Backup: Connect…"): nothing was sent.');
  return undefined;
}
