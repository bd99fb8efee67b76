/**
 * The recovery posture of each protected resource: its protection, the RPO it has now, how far back it
 * can go, what covers it, what failed, and a verdict against its target with what to do. No vscode, no
 * I/O: the facts and "now" come in (src/aws/postureApi.ts reads them).
 *
 * The RPO now is the time from the newest restorable second to now:
 *  - a live continuous point restores up to now − its restore lag (S3 15 minutes, RDS 5, Aurora 5 as RDS;
 *    https://docs.aws.amazon.com/aws-backup/latest/devguide/point-in-time-recovery.html, src/backup/limits.ts);
 *  - a STOPPED one up to where it stopped: the API has no "stopped at" field, so its CompletionDate
 *    (src/backup/restorableWindow.ts); STOPPED "occurs on a continuous backup where a user has taken some
 *    action that causes the continuous backup to be disabled" (service model, RecoveryPointStatus);
 *  - a snapshot to the moment it was taken (its CreationDate, as the restore timeline does).
 * The newest of these wins: a snapshot taken after a continuous backup stopped is the RPO.
 */
import type { BackupJob, RecoveryPointByBackupVault } from '@aws-sdk/client-backup';
import type { PostureFacts, PostureRule, PostureSelection, PostureTarget } from '../aws/postureApi';
import { resourceTypeOfArn } from '../backup/arn';
import { AURORA, RDS, resourceType } from '../backup/resourceTypes';
import { isContinuousRecoveryPointArn } from '../backup/recoveryPoint';
import { windowOfRecoveryPoint } from '../backup/restorableWindow';
import { NO_RTO_TARGETS, indexRestores, rtoBreached, rtoOf, type RtoFields, type RtoTargets } from './rto';
import { MINUTE, formatDuration, targetFor, type RpoTargets } from './targets';

export type Protection = 'continuous' | 'stopped' | 'snapshots' | 'none';

export interface PostureRow extends RtoFields {
  account: string;
  accountId?: string;
  region: string;
  resourceArn: string;
  resourceName?: string;
  /**
   * AWS Backup's type; undefined when AWS gave none and the ARN does not decide it (an RDS cluster is
   * Aurora, Neptune or DocumentDB: src/backup/arn.ts).
   */
  resourceType?: string;
  protection: Protection;
  /** The continuous point's vault, else the newest snapshot's. */
  vault?: string;
  /** The point a restore or the timeline starts from (the continuous one, else the newest). */
  recoveryPointArn?: string;
  stoppedAt?: string;
  stopReason?: string;
  /** Milliseconds from the newest restorable second to now; null when nothing is restorable. */
  rpoMs: number | null;
  /** What the RPO is, in words: "restore lag of S3", "since it stopped", "since the newest snapshot". */
  rpoBasis: string;
  earliestRestorable?: string;
  latestRestorable?: string;
  /** "plan / rule", with "(continuous)" for continuous rules. */
  coveredBy: string[];
  /**
   * The rules of plans whose selections may pick it by tags (which the posture does not read), as
   * coveredBy; none of coveredBy's.
   */
  maybeCoveredBy: string[];
  /** Newest first, at most three. */
  failedJobs: { at: string; message: string }[];
  /** Whether the Region opts this type in; undefined when the settings could not be read. */
  optedIn?: boolean;
  targetMs: number;
  verdict: 'meets' | 'misses';
  todo: string[];
  notes: string[];
}

/** An account or Region that could not be read, with why and what to do. */
export interface PostureFailure {
  account: string;
  region: string;
  message: string;
  action?: string;
}

/**
 * How far ahead of "now" a point may be dated and still count, as clock skew: the 15 minutes AWS
 * allows between a request's signature and its clock (SigV4). A point dated further ahead is not
 * trusted for the RPO.
 */
const CLOCK_SKEW_MS = 15 * MINUTE;

/**
 * Selection ARNs may end in a wildcard ("arn:aws:s3:::*"): `*` matches any run of characters. Each
 * wildcard pattern is compiled once for all the resources of an account–Region (`compiled`).
 */
function arnMatches(pattern: string, arn: string, compiled: Map<string, RegExp>): boolean {
  if (!pattern.includes('*')) return pattern === arn;
  let re = compiled.get(pattern);
  if (!re) {
    re = new RegExp(
      `^${pattern
        .split('*')
        .map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
        .join('.*')}$`,
    );
    compiled.set(pattern, re);
  }
  return re.test(arn);
}

/**
 * The plans that back a resource up (`covered`), and those that may (`maybe`): a selection that picks
 * by tags decides on tags the posture does not read (see PostureSelection.byTags), so it can only say
 * "may". A tag-only pick, and a selection with no Resources, tags or conditions ("Backup attempts to
 * select all supported and opted-in storage resources", service model: BackupSelection), skip a type
 * the Region has not opted in (https://docs.aws.amazon.com/aws-backup/latest/devguide/assigning-resources-json.html).
 */
function coveredBy(
  r: { arn: string; optedIn: boolean | undefined },
  points: RecoveryPointByBackupVault[],
  rules: PostureRule[],
  selections: PostureSelection[],
  patterns: Map<string, RegExp>,
): { covered: string[]; maybe: string[]; maybeSelections: string[] } {
  const out = new Set<string>();
  const maybe = new Set<string>();
  const maybeSelections = new Set<string>();
  const ruleText = (plan: string, rule: string, continuous: boolean): string =>
    `${plan} / ${rule}${continuous ? ' (continuous)' : ''}`;
  const addPlan = (to: Set<string>, planId: string): void => {
    for (const x of rules) if (x.planId === planId) to.add(ruleText(x.planName, x.ruleName, x.continuous));
  };
  for (const s of selections) {
    if (s.notResources.some((p) => arnMatches(p, r.arn, patterns))) continue;
    const named = s.resources.some((p) => arnMatches(p, r.arn, patterns));
    const unnamed = s.resources.length === 0;
    let may = false;
    if (s.byTags === 'and') may = named || (unnamed && r.optedIn !== false);
    else if (named) addPlan(out, s.planId);
    else if (s.byTags === 'or') may = r.optedIn !== false;
    else if (unnamed) {
      if (r.optedIn === true) addPlan(out, s.planId);
      else may = r.optedIn === undefined;
    }
    if (may) {
      addPlan(maybe, s.planId);
      const plan = rules.find((x) => x.planId === s.planId)?.planName ?? s.planId;
      maybeSelections.add(`"${s.name}" of ${plan}`);
    }
  }
  for (const p of points) {
    const by = p.CreatedBy;
    if (!by?.BackupPlanId) continue;
    const rule = rules.find((x) => x.planId === by.BackupPlanId && x.ruleName === by.BackupRuleName);
    out.add(
      ruleText(
        rule?.planName ?? by.BackupPlanName ?? by.BackupPlanId,
        by.BackupRuleName ?? by.BackupRuleId ?? '?',
        rule?.continuous ?? isContinuousRecoveryPointArn(p.RecoveryPointArn),
      ),
    );
  }
  return {
    covered: [...out].sort(),
    maybe: [...maybe].filter((x) => !out.has(x)).sort(),
    maybeSelections: [...maybeSelections].sort(),
  };
}

/** A resource as the posture knows it: its type undefined when nothing decides it. */
interface Resource {
  arn: string;
  name?: string;
  type: string | undefined;
}

const iso = (d: Date | undefined): string | undefined => d?.toISOString();

/** What a resource's points say: the newest restorable moment, the earliest, the live and the STOPPED continuous point. */
function readPoints(r: Resource, points: RecoveryPointByBackupVault[], nowDate: Date) {
  const now = nowDate.getTime();
  const notes: string[] = [];
  let newest: { at: number; point: RecoveryPointByBackupVault } | undefined;
  let earliest: number | undefined;
  let live: RecoveryPointByBackupVault | undefined;
  let stopped: RecoveryPointByBackupVault | undefined;
  let snapshots = 0;
  for (const p of points) {
    const created = p.CreationDate?.getTime();
    if (created !== undefined && created > now + CLOCK_SKEW_MS) {
      notes.push(
        `Recovery point ${p.RecoveryPointArn ?? '?'} is dated ${formatDuration(created - now)} after now: not counted. Check this machine's clock (or --now).`,
      );
      continue;
    }
    if (created !== undefined && created > now)
      notes.push(
        `Recovery point ${p.RecoveryPointArn ?? '?'} is dated ${formatDuration(created - now)} after now (clock skew): counted as now.`,
      );
    const continuous = isContinuousRecoveryPointArn(p.RecoveryPointArn);
    if (continuous && p.Status === 'STOPPED') stopped ??= p;
    const type = p.ResourceType ?? r.type;
    const w = windowOfRecoveryPoint({ ...p, ...(type ? { ResourceType: type } : {}) }, nowDate);
    if (w.kind === 'none') {
      if (continuous && p.Status !== 'STOPPED') notes.push(w.reason);
      continue;
    }
    if (continuous && p.Status !== 'STOPPED') live = p;
    if (!continuous) snapshots++;
    const from = w.kind === 'snapshot' ? w.at : w.earliest;
    const to = w.kind === 'snapshot' ? w.at : w.kind === 'continuous' ? w.latest : undefined;
    earliest = Math.min(earliest ?? Infinity, Math.min(from.getTime(), now));
    if (w.kind === 'continuous-open-end') for (const n of w.notes) notes.push(n);
    if (to !== undefined) {
      const at = Math.min(to.getTime(), now);
      if (!newest || at > newest.at) newest = { at, point: p };
    }
  }
  return { notes, newest, earliest, live, stopped, snapshots };
}

/** The posture of one resource, from its recovery points and the account's plans and jobs. */
export function postureOf(
  r: Resource,
  points: RecoveryPointByBackupVault[],
  ctx: {
    target: PostureTarget;
    accountId?: string;
    rules: PostureRule[];
    selections: PostureSelection[];
    /** Wildcard selection ARNs, compiled once for all the resources of an account–Region. */
    patterns: Map<string, RegExp>;
    /** The failed jobs by resource ARN. */
    failedJobs: ReadonlyMap<string, BackupJob[]>;
    optIn?: Record<string, boolean>;
    now: Date;
    targets: RpoTargets;
  },
): Omit<PostureRow, keyof RtoFields> {
  const now = ctx.now.getTime();
  const todo: string[] = [];
  const { notes, newest, earliest, live, stopped, snapshots } = readPoints(r, points, ctx.now);
  const protection: Protection = live ? 'continuous' : stopped ? 'stopped' : snapshots ? 'snapshots' : 'none';
  const rpoMs = newest ? now - newest.at : null;
  const record = resourceType(r.type);
  const lag = record?.continuous?.restoreLagMinutes;
  const typeName = r.type ?? 'this resource type';
  const basisOf = (): string => {
    if (!newest) return 'nothing restorable';
    if (isContinuousRecoveryPointArn(newest.point.RecoveryPointArn))
      return newest.point.Status === 'STOPPED'
        ? 'since continuous backup stopped'
        : lag !== undefined
          ? `restore lag of ${r.type} (${lag} min)`
          : `continuous (restore lag of ${typeName} not documented: none assumed)`;
    return 'since the newest snapshot';
  };
  const targetMs = r.type !== undefined ? targetFor(ctx.targets, r.type) : ctx.targets.other;
  const verdict = rpoMs !== null && rpoMs <= targetMs ? 'meets' : 'misses';
  const rowPoint = live ?? stopped ?? newest?.point;
  const optedIn = ctx.optIn && r.type !== undefined ? ctx.optIn[record?.optInName ?? r.type] : undefined;
  const cover = coveredBy({ arn: r.arn, optedIn }, points, ctx.rules, ctx.selections, ctx.patterns);
  const rules = cover.covered;
  const jobs = [...(ctx.failedJobs.get(r.arn) ?? [])]
    .sort((a, b) => (b.CreationDate?.getTime() ?? 0) - (a.CreationDate?.getTime() ?? 0))
    .slice(0, 3)
    .map((j) => ({ at: iso(j.CreationDate) ?? '', message: j.StatusMessage ?? 'failed (no message)' }));

  // What to do, most decisive first. The STOPPED advice follows the developer guide: the causes are
  // removed permissions, versioning or EventBridge turned off, or AWS Backup's EventBridge rules
  // disabled; "The recovery points with STOPPED status do not need to be deleted"; fixing the cause
  // lets the next rule run create a new point (https://docs.aws.amazon.com/aws-backup/latest/devguide/restoring-s3.html).
  if (stopped && !live)
    todo.push(
      `Fix what stopped continuous backup${stopped.StatusMessage ? ` ("${stopped.StatusMessage}")` : ''}${record?.continuous?.stoppedCauses ? `: ${record.continuous.stoppedCauses}` : ''}. The next run of its continuous rule starts a new recovery point; the STOPPED one need not be deleted.`,
    );
  // Only one continuous backup of a resource exists: a second plan's or vault's jobs fail with
  // "already has continuous backup enabled for another vault"
  // (https://docs.aws.amazon.com/aws-backup/latest/devguide/point-in-time-recovery.html).
  if (jobs.some((j) => /continuous backup enabled for another vault/i.test(j.message)))
    todo.push(
      'Resolve the other vault: a resource has one continuous backup, so keep its continuous rule in one plan and one vault, and remove it from the others.',
    );
  if (verdict === 'misses') {
    if (protection === 'snapshots' && record?.continuous)
      todo.push(
        `Add a continuous rule (EnableContinuousBackup) to a plan that selects it: its RPO becomes the restore lag${lag !== undefined ? ` (${lag} min)` : ''}.`,
      );
    else if (protection === 'snapshots')
      todo.push(
        `Back it up at least every ${formatDuration(targetMs)}: ${r.type ?? 'its type'} has no continuous backup, and its newest snapshot is ${formatDuration(rpoMs ?? 0)} old.`,
      );
    else if (protection === 'none')
      todo.push(
        rules.length || jobs.length
          ? 'Nothing is restorable: make its backup jobs succeed (see the failed jobs).'
          : cover.maybe.length
            ? `Nothing is restorable, though the selection${cover.maybeSelections.length === 1 ? '' : 's'} ${cover.maybeSelections.join(', ')} may pick it by its tags (not read here): check that its tags match, or name it in a selection by its ARN.`
            : 'Nothing is restorable: add it to a backup plan’s selection.',
      );
    else if (protection === 'continuous')
      todo.push(
        `Its restore lag is above the target: no AWS Backup setting shortens it, so set a longer target for ${typeName}.`,
      );
  }
  if (optedIn === false)
    todo.push(
      `Opt ${typeName} in for ${ctx.target.connection.region} (AWS Backup settings, or aws backup update-region-settings): selections that pick resources by tag or by a service-wide ARN skip types that are not opted in.`,
    );
  if (r.type === undefined)
    notes.push(
      `AWS gave no resource type and its ARN does not decide it (an ${RDS.name} cluster ARN is ${AURORA.name}’s, Neptune’s or DocumentDB’s alike): the target for other types applies.`,
    );
  if (stopped && !stopped.CompletionDate && !newest)
    notes.push('AWS does not say when continuous backup stopped, so the RPO is unknown.');

  return {
    account: ctx.target.account,
    ...(ctx.accountId ? { accountId: ctx.accountId } : {}),
    region: ctx.target.connection.region,
    resourceArn: r.arn,
    ...(r.name ? { resourceName: r.name } : {}),
    ...(r.type !== undefined ? { resourceType: r.type } : {}),
    protection,
    ...(rowPoint?.BackupVaultName ? { vault: rowPoint.BackupVaultName } : {}),
    ...(rowPoint?.RecoveryPointArn ? { recoveryPointArn: rowPoint.RecoveryPointArn } : {}),
    ...(stopped && !live
      ? {
          ...(stopped.CompletionDate ? { stoppedAt: iso(stopped.CompletionDate)! } : {}),
          ...(stopped.StatusMessage ? { stopReason: stopped.StatusMessage } : {}),
        }
      : {}),
    rpoMs,
    rpoBasis: basisOf(),
    ...(earliest !== undefined ? { earliestRestorable: new Date(earliest).toISOString() } : {}),
    ...(newest ? { latestRestorable: new Date(newest.at).toISOString() } : {}),
    coveredBy: rules,
    maybeCoveredBy: cover.maybe,
    failedJobs: jobs,
    ...(optedIn !== undefined ? { optedIn } : {}),
    targetMs,
    verdict,
    todo,
    notes: [...new Set(notes)],
  };
}

/**
 * Every resource of one account and Region: the protected ones, the ones with recovery points, the
 * ones with failed jobs, and the ones a selection names by full ARN (which may have nothing yet).
 */
export function postureRows(
  target: PostureTarget,
  facts: PostureFacts,
  now: Date,
  targets: RpoTargets,
  rtoTargets: RtoTargets = NO_RTO_TARGETS,
): PostureRow[] {
  const resources = new Map<string, Resource>();
  const add = (arn: string | undefined, type?: string, name?: string): void => {
    if (!arn) return;
    const cur = resources.get(arn);
    if (cur) {
      if (!cur.name && name) cur.name = name;
      cur.type ??= type;
      return;
    }
    resources.set(arn, { arn, type: type ?? resourceTypeOfArn(arn), ...(name ? { name } : {}) });
  };
  for (const r of facts.resources) add(r.ResourceArn, r.ResourceType, r.ResourceName);
  const byResource = new Map<string, RecoveryPointByBackupVault[]>();
  for (const p of facts.points) {
    if (!p.ResourceArn) continue;
    add(p.ResourceArn, p.ResourceType, p.ResourceName);
    let list = byResource.get(p.ResourceArn);
    if (!list) byResource.set(p.ResourceArn, (list = []));
    list.push(p);
  }
  const failedJobs = new Map<string, BackupJob[]>();
  for (const j of facts.failedJobs) {
    if (!j.ResourceArn) continue;
    add(j.ResourceArn, j.ResourceType, j.ResourceName);
    let list = failedJobs.get(j.ResourceArn);
    if (!list) failedJobs.set(j.ResourceArn, (list = []));
    list.push(j);
  }
  for (const s of facts.selections) for (const arn of s.resources) if (!arn.includes('*')) add(arn);
  const ctx = {
    target,
    ...(facts.accountId ? { accountId: facts.accountId } : {}),
    rules: facts.rules,
    selections: facts.selections,
    patterns: new Map<string, RegExp>(),
    failedJobs,
    ...(facts.optIn ? { optIn: facts.optIn } : {}),
    now,
    targets,
  };
  const restores = indexRestores(facts.restoreJobs ?? []);
  return [...resources.values()].map((r) => {
    const row = postureOf(r, byResource.get(r.arn) ?? [], ctx);
    const { todo, notes, ...rto } = rtoOf(r, restores, rtoTargets, now);
    return { ...row, ...rto, todo: [...row.todo, ...todo], notes: [...row.notes, ...notes] };
  });
}

/** Breaches first (nothing restorable, then the furthest over target), then by account, Region and name. */
export function sortRows<T extends PostureRow & { drVerdict?: string }>(rows: T[]): T[] {
  const over = (r: PostureRow): number => (r.rpoMs === null ? Infinity : r.rpoMs / r.targetMs);
  // Keys computed once: a 30,000-row report sorts in milliseconds (no localeCompare per comparison).
  const keyed = rows.map((r) => ({
    r,
    // A DR miss (src/posture/dr.ts) and an RTO breach (src/posture/rto.ts) are breaches too.
    miss: r.verdict === 'misses' || r.drVerdict === 'misses' || rtoBreached(r) ? 0 : 1,
    over: r.verdict === 'misses' ? over(r) : 0,
    name: `${r.account}\u0000${r.region}\u0000${r.resourceName ?? r.resourceArn}`,
  }));
  keyed.sort(
    (a, b) =>
      a.miss - b.miss ||
      (a.over === b.over ? 0 : a.over > b.over ? -1 : 1) ||
      (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
  );
  return keyed.map((k) => k.r);
}
