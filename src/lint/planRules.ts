import type { Node } from 'jsonc-parser';
import type { RuleContext } from './context';
import { parseScheduleExpression } from './cron';
import { booleanValue, elements, keyOf, numberValue, propertyNode, stringValue, valueOf } from './jsonAst';
import { changeTo, removeProperty } from './fixes';
import { didYouMean } from './suggest';
// Continuous retention bounds (the record per type) and cold storage's minimum, with AWS's pages.
import { COLD_STORAGE_MIN_DAYS as COLD_MIN_DAYS } from '../backup/limits';
import {
  CONTINUOUS_MAX_RETENTION_DAYS as CONTINUOUS_MAX_DAYS,
  CONTINUOUS_MIN_RETENTION_DAYS as CONTINUOUS_MIN_DAYS,
} from '../backup/resourceTypes';

/**
 * StartWindowMinutes: "at least 60 minutes… maximum value of 100 years (52,560,000 minutes)"
 * (service model: BackupRuleInput.StartWindowMinutes).
 */
const START_WINDOW_MIN = 60;
const START_WINDOW_MAX = 52_560_000;

let timeZones: Set<string> | undefined;
function knownTimeZones(): Set<string> {
  if (!timeZones) {
    const intl = Intl as unknown as { supportedValuesOf?: (k: string) => string[] };
    timeZones = new Set(intl.supportedValuesOf?.('timeZone') ?? []);
    timeZones.add('UTC');
    timeZones.add('Etc/UTC');
  }
  return timeZones;
}

function isTimeZone(name: string): boolean {
  if (knownTimeZones().has(name)) return true;
  try {
    // Accepts IANA aliases (e.g. "US/Pacific") that supportedValuesOf leaves out.
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return /^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/.test(name);
  } catch {
    return false;
  }
}

interface PlanOptions {
  /** The plan is what the service printed (get-backup-plan output), not an input. */
  output?: boolean;
}

/** Lints the plan object (BackupPlanInput or BackupPlan). */
export function lintPlan(plan: Node | undefined, ctx: RuleContext, options: PlanOptions = {}): void {
  if (plan?.type !== 'object') return;
  const rules = elements(valueOf(plan, 'Rules')).filter((r) => r.type === 'object');
  const names = new Map<string, Node[]>();
  for (const rule of rules) {
    lintRule(rule, ctx, options);
    const nameNode = valueOf(rule, 'RuleName');
    const name = stringValue(nameNode);
    if (name !== undefined && nameNode) {
      const list = names.get(name);
      if (list) list.push(nameNode);
      else names.set(name, [nameNode]);
    }
  }
  for (const [name, nodes] of names) {
    if (nodes.length < 2) continue;
    for (const n of nodes.slice(1))
      ctx.report(
        'PLAN004',
        n,
        `Rule name "${name}" is used by ${nodes.length} rules in this plan. Give each rule a unique RuleName.`,
      );
  }
  lintContinuousAcrossRules(rules, ctx);
}

function lintRule(rule: Node, ctx: RuleContext, options: PlanOptions): void {
  const schedule = valueOf(rule, 'ScheduleExpression');
  const expr = stringValue(schedule);
  if (schedule && expr !== undefined) {
    const r = parseScheduleExpression(expr);
    if (!r.ok) {
      ctx.report('PLAN001', schedule, r.message, changeTo(schedule, r.fix));
    } else if (r.minutes.size > 1) {
      ctx.report(
        'PLAN006',
        schedule,
        `"${expr}" runs ${r.minutes.size} times an hour; AWS Backup schedules backups at most hourly. Use a single minute, e.g. "cron(0 * ? * * *)".`,
      );
    }
  }
  const tz = valueOf(rule, 'ScheduleExpressionTimezone');
  const tzName = stringValue(tz);
  if (tz && tzName !== undefined && !isTimeZone(tzName)) {
    const suggestion = didYouMean(tzName, knownTimeZones());
    ctx.report(
      'PLAN005',
      tz,
      `"${tzName}" is not an IANA time zone name.${suggestion ? ` Did you mean "${suggestion}"?` : ' Use a name such as "America/Los_Angeles" or "UTC".'}`,
      changeTo(tz, suggestion),
    );
  }
  const start = valueOf(rule, 'StartWindowMinutes');
  const startMinutes = numberValue(start);
  if (
    start &&
    startMinutes !== undefined &&
    (startMinutes < START_WINDOW_MIN || startMinutes > START_WINDOW_MAX)
  ) {
    ctx.report(
      'PLAN002',
      start,
      startMinutes < START_WINDOW_MIN
        ? `StartWindowMinutes is ${startMinutes}; AWS Backup needs at least 60 minutes. Use 60 or more (the console default is 480).`
        : `StartWindowMinutes is ${startMinutes}; the maximum is 52,560,000 (100 years).`,
      startMinutes < START_WINDOW_MIN ? changeTo(start, START_WINDOW_MIN) : [],
    );
  }
  lintColdGap(valueOf(rule, 'Lifecycle'), ctx, 'this rule');
  if (!options.output) lintDeleteAfterEvent(valueOf(rule, 'Lifecycle'), ctx);
  for (const copy of elements(valueOf(rule, 'CopyActions'))) {
    lintColdGap(valueOf(copy, 'Lifecycle'), ctx, 'this copy action');
    if (!options.output) lintDeleteAfterEvent(valueOf(copy, 'Lifecycle'), ctx);
  }

  if (booleanValue(valueOf(rule, 'EnableContinuousBackup')) === true) lintContinuousRule(rule, ctx);
}

/**
 * PLAN007: Lifecycle.DeleteAfterEvent is "Not valid as an input" (service model
 * schemas/aws-backup-model/service-2.json, shape Lifecycle, member DeleteAfterEvent;
 * https://docs.aws.amazon.com/aws-backup/latest/devguide/API_Lifecycle.html). The service sets it
 * (DELETE_AFTER_COPY) on the temporary recovery points of a logically air-gapped vault's primary
 * backup (https://docs.aws.amazon.com/aws-backup/latest/devguide/lag-vault-primary-backup.html), so
 * it shows up in what get-backup-plan prints, which is why an output is not checked.
 */
function lintDeleteAfterEvent(lifecycle: Node | undefined, ctx: RuleContext): void {
  const prop = propertyNode(lifecycle, 'DeleteAfterEvent');
  if (!prop?.children?.[0]) return;
  ctx.report(
    'PLAN007',
    prop.children[0],
    'Lifecycle.DeleteAfterEvent is not valid as an input: the service sets it on the recovery points it copies for a logically air-gapped vault, never from a plan. Remove it (DeleteAfterDays sets the retention).',
    removeProperty(prop, 'DeleteAfterEvent'),
  );
}

function lintColdGap(lifecycle: Node | undefined, ctx: RuleContext, owner: string): void {
  const del = valueOf(lifecycle, 'DeleteAfterDays');
  const cold = numberValue(valueOf(lifecycle, 'MoveToColdStorageAfterDays'));
  const delDays = numberValue(del);
  if (!del || delDays === undefined || cold === undefined) return;
  if (delDays === -1 || cold === -1) return; // -1: keep indefinitely (Lifecycle doc).
  const least = cold + COLD_MIN_DAYS;
  if (delDays < least) {
    ctx.report(
      'PLAN003',
      del,
      `DeleteAfterDays (${delDays}) must be at least MoveToColdStorageAfterDays + 90 (${least}) in ${owner}: backups in cold storage stay there at least 90 days.`,
      // Offered only when the result is a JSON integer the CLI takes (never "Infinity" or "1e+308").
      Number.isSafeInteger(least) ? changeTo(del, least) : [],
    );
  }
}

function lintContinuousRule(rule: Node, ctx: RuleContext): void {
  const lifecycle = valueOf(rule, 'Lifecycle');
  const del = valueOf(lifecycle, 'DeleteAfterDays');
  const days = numberValue(del);
  const flag = keyOf(rule, 'EnableContinuousBackup')!;
  if (!del) {
    // The service's refusal is documented for a rule without a Lifecycle (its error, through
    // CloudFormation: aws/aws-cdk#17602); continuous retention is 1 to 35 days
    // (https://docs.aws.amazon.com/aws-backup/latest/devguide/point-in-time-recovery-retention-period.html).
    ctx.report(
      'PITR001',
      lifecycle ? keyOf(rule, 'Lifecycle')! : flag,
      lifecycle
        ? `A continuous backup rule needs Lifecycle.DeleteAfterDays: continuous backups are kept ${CONTINUOUS_MIN_DAYS} to ${CONTINUOUS_MAX_DAYS} days. Add "DeleteAfterDays": ${CONTINUOUS_MAX_DAYS}.`
        : `A continuous backup rule needs Lifecycle.DeleteAfterDays (${CONTINUOUS_MIN_DAYS}–${CONTINUOUS_MAX_DAYS} days): without a Lifecycle the service refuses the rule ("Lifecycle must be specified for backup rule enabled continuous backup"). Add "Lifecycle": {"DeleteAfterDays": ${CONTINUOUS_MAX_DAYS}}.`,
    );
  } else if (days !== undefined && (days < CONTINUOUS_MIN_DAYS || days > CONTINUOUS_MAX_DAYS)) {
    ctx.report(
      'PITR002',
      del,
      `Continuous backups are kept ${CONTINUOUS_MIN_DAYS} to ${CONTINUOUS_MAX_DAYS} days; DeleteAfterDays is ${days}. Use ${CONTINUOUS_MAX_DAYS} or less, and a separate snapshot rule for longer retention.`,
      changeTo(del, CONTINUOUS_MAX_DAYS),
    );
  } else if (days !== undefined && days < CONTINUOUS_MAX_DAYS) {
    ctx.report(
      'PITR007',
      del,
      `Continuous retention of ${days} days is under ${CONTINUOUS_MAX_DAYS}: AWS Backup Audit Manager's default minimum-retention control for continuous backups will flag this rule.`,
    );
  }
  for (const name of ['MoveToColdStorageAfterDays', 'OptInToArchiveForSupportedResources'] as const) {
    const prop = propertyNode(lifecycle, name);
    if (!prop) continue;
    if (name === 'OptInToArchiveForSupportedResources' && booleanValue(prop.children?.[1]) === false)
      continue;
    ctx.report(
      'PITR003',
      prop.children![0]!,
      name === 'MoveToColdStorageAfterDays'
        ? `Continuous backups cannot move to cold storage (they are kept at most ${CONTINUOUS_MAX_DAYS} days, cold storage needs ${COLD_MIN_DAYS}): the service refuses the rule ("Invalid lifecycle. MoveToColdStorageAfterDays is unavailable"). Remove it.`
        : 'Continuous backups cannot be archived to cold storage. Remove OptInToArchiveForSupportedResources.',
      removeProperty(prop, name),
    );
  }
  const copies = valueOf(rule, 'CopyActions');
  if (copies?.type === 'array' && (copies.children?.length ?? 0) > 0) {
    ctx.report(
      'PITR004',
      keyOf(rule, 'CopyActions')!,
      'Copies made by a continuous rule are snapshots: the destination vault gets no point-in-time restore. If you need PITR there, back it up with its own continuous rule.',
    );
  }
}

function lintContinuousAcrossRules(rules: Node[], ctx: RuleContext): void {
  const continuous = rules.filter((r) => booleanValue(valueOf(r, 'EnableContinuousBackup')) === true);
  if (continuous.length < 2) return;
  const byVault = new Map<string, Node[]>();
  for (const r of continuous) {
    const vault = stringValue(valueOf(r, 'TargetBackupVaultName'));
    if (vault === undefined) continue;
    const list = byVault.get(vault);
    if (list) list.push(r);
    else byVault.set(vault, [r]);
  }
  if (byVault.size > 1) {
    const vaults = [...byVault.keys()];
    for (const r of continuous.slice(1)) {
      const v = valueOf(r, 'TargetBackupVaultName');
      if (v)
        ctx.report(
          'PITR005',
          v,
          `Continuous rules in this plan target different vaults (${vaults.map((x) => `"${x}"`).join(', ')}). A resource has one continuous backup: the first rule processed wins and the others make snapshots instead. Target one vault.`,
        );
    }
  }
  for (const [vault, rs] of byVault) {
    if (rs.length < 2) continue;
    const days = rs.map((r) => numberValue(valueOf(valueOf(r, 'Lifecycle'), 'DeleteAfterDays')) ?? 0);
    const longest = days.reduce((a, b) => Math.max(a, b), -Infinity);
    const kept = days.indexOf(longest);
    rs.forEach((r, i) => {
      if (i === kept) return;
      ctx.report(
        'PITR006',
        keyOf(r, 'EnableContinuousBackup')!,
        `${rs.length} continuous rules back up into vault "${vault}": only the one with the longest retention (${longest} days) takes effect, so this rule is ignored. Keep one continuous rule per vault.`,
      );
    });
  }
}
