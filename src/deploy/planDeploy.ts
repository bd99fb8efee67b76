/**
 * Create Backup Plan and Update Backup Plan from a plan file, without `vscode`: which documents can do
 * which, the request body, the difference against the plan as deployed, the confirmation in plain
 * words, and the version check that keeps a plan changed meanwhile from being overwritten silently.
 */
import { parseArn } from '../backup/arn';
import { CONTINUOUS_MAX_RETENTION_DAYS, continuousTypes, inWords, S3 } from '../backup/resourceTypes';
import { liveLines, type DocumentKind, type LiveOutcome } from '../lint';
import { whereLine, type Confirmation, type Where } from '../ui/confirmation';
import {
  canonicalJson,
  creatorRequestIdFor,
  gate,
  ownCreatorRequestId,
  type Gate,
  type GateInput,
} from './gate';

/** Plan documents, as the linter recognises them. */
export const PLAN_KINDS: readonly DocumentKind[] = [
  'backup-plan',
  'create-backup-plan',
  'update-backup-plan',
  'get-backup-plan',
];
/** The ones that describe a new plan (Create); the others name a deployed one (Update). */
export const CREATE_KINDS: readonly DocumentKind[] = ['backup-plan', 'create-backup-plan'];

interface PlanRuleInput {
  RuleName?: string;
  TargetBackupVaultName?: string;
  TargetLogicallyAirGappedBackupVaultArn?: string;
  ScheduleExpression?: string;
  EnableContinuousBackup?: boolean;
  Lifecycle?: { DeleteAfterDays?: number; MoveToColdStorageAfterDays?: number };
  CopyActions?: { DestinationBackupVaultArn?: string; Lifecycle?: { DeleteAfterDays?: number } }[];
  [member: string]: unknown;
}

export interface PlanInput {
  BackupPlanName: string;
  Rules: PlanRuleInput[];
  [member: string]: unknown;
}

export interface PlanDocument {
  plan: PlanInput;
  /** The deployed plan the document names (update-backup-plan input, get-backup-plan output). */
  planId?: string;
  /** The version it was read at (get-backup-plan output: the plan opened from the explorer). */
  versionId?: string;
  /** The Region its BackupPlanArn names (get-backup-plan output): the plan lives there. */
  region?: string;
  creatorRequestId?: string;
  /** A create-backup-plan input's BackupPlanTags: sent with a create (UpdateBackupPlan takes none). */
  tags?: Record<string, string>;
}

/** BackupPlanInput's members (service model); RuleId and the like are the service's, not sent. */
const PLAN_MEMBERS = ['BackupPlanName', 'Rules', 'AdvancedBackupSettings', 'ScanSettings'];
const RULE_MEMBERS = [
  'RuleName',
  'TargetBackupVaultName',
  'TargetLogicallyAirGappedBackupVaultArn',
  'ScheduleExpression',
  'StartWindowMinutes',
  'CompletionWindowMinutes',
  'Lifecycle',
  'RecoveryPointTags',
  'CopyActions',
  'EnableContinuousBackup',
  'ScheduleExpressionTimezone',
  'IndexActions',
  'ScanActions',
];

const pick = (o: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> =>
  Object.fromEntries(keys.filter((k) => o[k] !== undefined).map((k) => [k, o[k]]));

/** A plan as CreateBackupPlan/UpdateBackupPlan take it, from a file's plan or GetBackupPlan's. */
export function toPlanInput(plan: unknown): PlanInput {
  const p = (plan && typeof plan === 'object' ? plan : {}) as Record<string, unknown>;
  const rules = Array.isArray(p.Rules) ? (p.Rules as Record<string, unknown>[]) : [];
  return {
    ...pick(p, PLAN_MEMBERS),
    BackupPlanName: typeof p.BackupPlanName === 'string' ? p.BackupPlanName : '',
    Rules: rules.map((r) => pick(r && typeof r === 'object' ? r : {}, RULE_MEMBERS)),
  };
}

export function checkPlanDocument(input: GateInput, kinds = PLAN_KINDS): Promise<Gate<PlanDocument>> {
  return gate(input, kinds, 'a backup plan', (root, kind) => {
    const body = kind === 'backup-plan' ? root : root.BackupPlan;
    const id = typeof root.BackupPlanId === 'string' ? root.BackupPlanId : undefined;
    const version = typeof root.VersionId === 'string' ? root.VersionId : undefined;
    const own = kind === 'create-backup-plan' ? ownCreatorRequestId(root) : undefined;
    const tags = kind === 'create-backup-plan' ? tagsOf(root.BackupPlanTags) : undefined;
    const region = parseArn(typeof root.BackupPlanArn === 'string' ? root.BackupPlanArn : undefined)?.region;
    return {
      ...(region && kind === 'get-backup-plan' ? { region } : {}),
      plan: toPlanInput(body),
      ...(id && kind !== 'create-backup-plan' ? { planId: id } : {}),
      ...(version && kind === 'get-backup-plan' ? { versionId: version } : {}),
      ...(own ? { creatorRequestId: own } : {}),
      ...(tags ? { tags } : {}),
    };
  });
}

/** BackupPlanTags as the service model has them (a map of strings); none when it is empty or absent. */
function tagsOf(v: unknown): Record<string, string> | undefined {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return undefined;
  const tags = Object.entries(v).filter((e): e is [string, string] => typeof e[1] === 'string');
  return tags.length ? Object.fromEntries(tags) : undefined;
}

/**
 * A create's CreatorRequestId: the document's own, or one derived from `target` and what is sent
 * (the tags too, when there are any: the same plan with other tags is another request).
 */
export function createRequestId(doc: PlanDocument, target: string): string {
  return (
    doc.creatorRequestId ??
    creatorRequestIdFor(target, doc.tags ? { plan: doc.plan, tags: doc.tags } : doc.plan)
  );
}

/** The text each side of the diff editor shows: the same normalisation for both, keys sorted. */
export function planDiffText(plan: unknown): string {
  return canonicalJson(toPlanInput(plan));
}

function days(n: number | undefined): string {
  return n === undefined || n === -1 ? 'kept forever' : `kept ${n} day${n === 1 ? '' : 's'}`;
}

/** A value sent as it is, in one line (JSON: text from a file stays inert). */
const sent = (v: unknown): string => JSON.stringify(v);

/**
 * What else is sent, beyond what the line says in words: every other member, with its value, so
 * nothing that decides where data goes or what is done with it (IndexActions, ScanActions,
 * AdvancedBackupSettings, ScanSettings, tags, windows, a copy's other settings) is sent unseen.
 */
function alsoSends(o: Record<string, unknown>, said: readonly string[], prefix: string): string[] {
  const rest = Object.keys(o)
    .filter((k) => !said.includes(k) && o[k] !== undefined)
    .sort();
  return rest.length ? [`${prefix}also sends: ${rest.map((k) => `${k} ${sent(o[k])}`).join(', ')}`] : [];
}

/** The rule members ruleLine says in words (the rest are listed under "also sends"). */
const RULE_SAID = [
  'RuleName',
  'EnableContinuousBackup',
  'ScheduleExpression',
  'TargetBackupVaultName',
  'TargetLogicallyAirGappedBackupVaultArn',
];

const omit = (o: object | undefined, keys: readonly string[]): Record<string, unknown> | undefined => {
  const rest = Object.entries(o ?? {}).filter(([k, v]) => !keys.includes(k) && v !== undefined);
  return rest.length ? Object.fromEntries(rest) : undefined;
};

/** The rule without what its line says in words (Lifecycle's and copies' days, the copy's vault). */
function unsaid(r: PlanRuleInput): Record<string, unknown> {
  const copies = (r.CopyActions ?? []).map((c) => ({
    ...omit(c, ['DestinationBackupVaultArn', 'Lifecycle']),
    Lifecycle: omit(c.Lifecycle, ['DeleteAfterDays']),
  }));
  return {
    ...r,
    Lifecycle: omit(r.Lifecycle, ['DeleteAfterDays', 'MoveToColdStorageAfterDays']),
    CopyActions: copies.some((c) => omit(c, [])) ? copies : undefined,
  };
}

/**
 * One line per rule: continuous or snapshots, schedule, retention, vault (and logically air-gapped
 * vault), copies; then, indented, what else the rule sends.
 */
export function ruleLine(r: PlanRuleInput): string {
  const lc = r.Lifecycle;
  const copies = (r.CopyActions ?? []).map(
    (c) => `copy to ${c.DestinationBackupVaultArn ?? '?'} (${days(c.Lifecycle?.DeleteAfterDays)})`,
  );
  return [
    `• ${r.RuleName ?? '?'}: ${r.EnableContinuousBackup ? 'CONTINUOUS (point-in-time recovery)' : 'snapshots'}`,
    r.ScheduleExpression,
    days(lc?.DeleteAfterDays) +
      (lc?.MoveToColdStorageAfterDays !== undefined
        ? `, cold after ${lc.MoveToColdStorageAfterDays} days`
        : ''),
    `to vault "${r.TargetBackupVaultName ?? '?'}"`,
    r.TargetLogicallyAirGappedBackupVaultArn
      ? `to logically air-gapped vault ${r.TargetLogicallyAirGappedBackupVaultArn}`
      : '',
    ...copies,
  ]
    .filter(Boolean)
    .join(' · ')
    .concat(alsoSends(unsaid(r), RULE_SAID, '\n    ').join(''));
}

/**
 * An update's rules: only those it adds or changes, each in full, and how many stay as they are. The
 * diff editor behind the dialog shows the whole plan; a dialog that repeats every rule covers it.
 */
function changedRuleLines(plan: PlanInput, deployed: PlanInput): string[] {
  const before = new Map(deployed.Rules.map((r) => [r.RuleName, canonicalJson(r)]));
  const changed = plan.Rules.filter((r) => before.get(r.RuleName) !== canonicalJson(r));
  const same = plan.Rules.length - changed.length;
  return [
    `Rules (${plan.Rules.length}): ${changed.length} added or changed${same ? `, ${same} unchanged (in the diff editor)` : ''}:`,
    ...changed.map(ruleLine),
  ];
}

function continuousRetention(plan: PlanInput): Map<string, number | undefined> {
  return new Map(
    plan.Rules.filter((r) => r.EnableContinuousBackup).map((r) => [
      r.RuleName ?? '',
      r.Lifecycle?.DeleteAfterDays,
    ]),
  );
}

/**
 * The confirmation of a create or an update: the plan, every rule (continuous ones marked, retention,
 * vaults, copies), where it goes, and for an update the version it replaces and what a continuous
 * rule's new retention does.
 */
export function describePlan(
  plan: PlanInput,
  where: Where,
  update?: { planId: string; versionId?: string; deployed: PlanInput },
  tags?: Record<string, string>,
  checked?: { text: string; live: LiveOutcome },
): Confirmation {
  const lines = [
    whereLine(where),
    ...(checked ? liveLines(checked.text, checked.live) : []),
    ...alsoSends(plan, ['BackupPlanName', 'Rules'], 'The plan '),
    ...(tags && !update ? [`Tags on the new plan (BackupPlanTags): ${sent(tags)}`] : []),
    ...(tags && update
      ? [
          `Not sent: this document's BackupPlanTags ${sent(tags)}. UpdateBackupPlan takes no tags, so the deployed plan's tags stay as they are (https://docs.aws.amazon.com/aws-backup/latest/devguide/API_UpdateBackupPlan.html).`,
        ]
      : []),
    ...(update
      ? changedRuleLines(plan, update.deployed)
      : [`Rules (${plan.Rules.length}):`, ...plan.Rules.map(ruleLine)]),
  ];
  if (plan.Rules.some((r) => r.EnableContinuousBackup))
    lines.push(
      `Continuous rules keep a restorable window of up to ${CONTINUOUS_MAX_RETENTION_DAYS} days for the ${inWords(continuousTypes())} resources a selection assigns to this plan (https://docs.aws.amazon.com/aws-backup/latest/devguide/point-in-time-recovery.html).`,
    );
  if (update) {
    const before = continuousRetention(update.deployed);
    const changed = [...continuousRetention(plan)].filter(
      ([name, d]) => before.has(name) && before.get(name) !== d,
    );
    if (changed.length)
      lines.push(
        `Changing the retention of a continuous rule (${changed.map(([n]) => n).join(', ')}) stops each ${S3.name} bucket's continuous recovery point (it becomes STOPPED) and starts a new one (https://docs.aws.amazon.com/aws-backup/latest/devguide/point-in-time-recovery-retention-period.html).`,
      );
    const gone = update.deployed.Rules.filter((d) => !plan.Rules.some((r) => r.RuleName === d.RuleName));
    if (gone.length) lines.push(`Removed rules: ${gone.map((r) => r.RuleName ?? '?').join(', ')}.`);
    lines.push(
      `Replaces plan ${update.planId}${update.versionId ? ` at version ${update.versionId}` : ''} (checked again just before it is sent).`,
    );
  }
  return {
    message: update
      ? `Update backup plan "${plan.BackupPlanName}"?`
      : `Create backup plan "${plan.BackupPlanName}"?`,
    detail: lines.join('\n'),
    action: update ? 'Update Backup Plan' : 'Create Backup Plan',
  };
}

/**
 * Whether the deployed plan is still the version the user saw: the document's (a plan opened from the
 * explorer) or the one the diff showed. The service keeps no lock (UpdateBackupPlan takes no
 * version), so this check, just before sending, is what keeps someone else's change.
 */
export function versionRefusal(
  name: string,
  seen: string | undefined,
  current: string | undefined,
  when: 'opened' | 'reviewed',
): string | undefined {
  if (seen === undefined || seen === current) return undefined;
  return when === 'opened'
    ? `Backup plan "${name}" has changed since this document was read (version ${seen}, now ${current ?? 'unknown'}): nothing was sent, so the other change is not overwritten. Open the plan again from the explorer ("Edit Backup Plan") and make your change there.`
    : `Backup plan "${name}" changed while you were reviewing it (version ${seen}, now ${current ?? 'unknown'}): nothing was sent, so the other change is not overwritten. Run "Update Backup Plan" again to see the new difference.`;
}
