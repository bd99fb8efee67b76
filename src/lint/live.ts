/**
 * Live checks: what only the account can tell (no `vscode`; the facts come through `LiveFacts`).
 * - LIVE001: a plan's TargetBackupVaultName, or a copy destination in the same account and Region,
 *   does not exist.
 * - LIVE002: a start-restore-job's RestoreTime lies outside the recovery point's actual restorable
 *   window (derived from the point as the account describes it; see src/restore/restorableWindow.ts).
 * - LIVE003: a resource a selection names already has a continuous recovery point in another vault
 *   than its plan's continuous rules use: its backup job would fail with "already has continuous
 *   backup enabled for another vault" (https://docs.aws.amazon.com/aws-backup/latest/devguide/lag-vault-primary-backup.html,
 *   Troubleshooting).
 * - LIVE004 (info): a selection names more distinct resources than LIVE003 checks
 *   (MAX_LIVE_RESOURCES); the rest were not checked.
 * - LIVE005: a continuous rule or a selection picks resource types the Region has not opted in for
 *   AWS Backup (src/lint/liveRegion.ts).
 * - LIVE006: a copy action to a vault in another Region AND another account than the connection's:
 *   "For Amazon RDS and Aurora snapshots, AWS Backup only supports automating either cross-account or
 *   cross-Region copies" (https://docs.aws.amazon.com/aws-backup/latest/devguide/recov-point-create-a-copy.html;
 *   the feature table adds DocumentDB and Neptune): the copy jobs of those types fail. Whether the plan
 *   selects them is not known from the plan, so it is said as a condition.
 */
import type { Node } from 'jsonc-parser';
import { booleanValue, elements, parseDocument, stringValue, valueOf } from './jsonAst';
import { checkRestoreTime, type RestorableWindow } from '../backup/restorableWindow';
import { isContinuousRecoveryPointArn } from '../backup/recoveryPoint';
import { isIsoUtc } from './restoreRules';
import { properties } from './jsonAst';
import type { Finding, Recognition } from './types';
import { checkRegionOptIn } from './liveRegion';
import { oneHopCopyTypes } from '../backup/resourceTypes';

export interface LiveFacts {
  region: string;
  /** Vault names and ARNs in the connected account and Region. */
  vaults(): Promise<{ names: Set<string>; arns: Set<string>; accountId?: string }>;
  /** The vault holding the resource's active (not STOPPED) continuous recovery point, if any. */
  continuousVaultOf(resourceArn: string): Promise<string | undefined>;
  /** The target vaults of a plan's continuous rules, or undefined if the plan cannot be read. */
  planContinuousVaults(planId: string): Promise<string[] | undefined>;
  /** The restorable window of a recovery point, or undefined if the account does not know it. */
  windowOf(recoveryPointArn: string): Promise<RestorableWindow | undefined>;
  /** The Region's ResourceTypeOptInPreference (type → opted in), or undefined if it cannot be read. */
  regionOptIn?(): Promise<Readonly<Record<string, boolean>> | undefined>;
}

type Raw = Omit<Finding, 'severity'>;

export async function liveCheck(
  text: string,
  recognition: Recognition,
  facts: LiveFacts,
  signal?: AbortSignal,
): Promise<Raw[]> {
  const { root } = parseDocument(text);
  if (!root) return [];
  const out: Raw[] = [];
  const plan =
    recognition.kind === 'backup-plan'
      ? root
      : ['create-backup-plan', 'update-backup-plan', 'get-backup-plan'].includes(recognition.kind)
        ? valueOf(root, 'BackupPlan')
        : undefined;
  if (plan) await checkPlanVaults(plan, facts, out);
  if (recognition.kind === 'create-backup-selection') await checkSelection(root, facts, out, signal);
  if (recognition.kind === 'start-restore-job') await checkRestoreWindow(root, facts, out);
  await checkRegion(
    recognition.kind === 'create-backup-selection'
      ? valueOf(root, 'BackupSelection')
      : recognition.kind === 'backup-selection'
        ? root
        : undefined,
    plan,
    facts,
    out,
  );
  return out;
}

async function checkRegion(
  selection: Node | undefined,
  plan: Node | undefined,
  facts: LiveFacts,
  out: Raw[],
): Promise<void> {
  if ((!selection && !hasContinuousRule(plan)) || !facts.regionOptIn) return;
  const optIn = await facts.regionOptIn();
  if (!optIn) return;
  const where = { ...(plan ? { plan } : {}), ...(selection ? { selection } : {}) };
  for (const f of checkRegionOptIn(where, optIn, facts.region)) out.push(f);
}

async function checkRestoreWindow(root: Node, facts: LiveFacts, out: Raw[]): Promise<void> {
  const arn = stringValue(valueOf(root, 'RecoveryPointArn'));
  const meta = valueOf(root, 'Metadata');
  if (!arn || !isContinuousRecoveryPointArn(arn) || !meta) return;
  const time = properties(meta).find((p) => /^(restoretime|restoretotime)$/i.test(p.name));
  const value = stringValue(time?.value);
  // A malformed time is RST002's; only a well-formed one is checked against the account.
  if (!time?.value || value === undefined || !isIsoUtc(value)) return;
  const w = await facts.windowOf(arn);
  if (!w) return;
  const check = checkRestoreTime(w, new Date(value));
  if (!check.ok)
    out.push({
      code: 'LIVE002',
      message: `${time.name} ${value} is outside this recovery point's restorable window: ${check.reason} Pick a second inside the window (the explorer shows it), or "UseLatestRestorableTime".`,
      offset: time.value.offset,
      length: time.value.length,
    });
}

/**
 * LIVE001 for a plan's vaults. `declared`: the names of the vaults the same template or
 * configuration creates, never reported missing.
 */
export async function checkPlanVaults(
  plan: Node,
  facts: LiveFacts,
  out: Raw[],
  declared: ReadonlySet<string> = new Set(),
): Promise<void> {
  const rules = elements(valueOf(plan, 'Rules'));
  if (rules.length === 0) return;
  const { names, arns, accountId } = await facts.vaults();
  for (const rule of rules) {
    const target = valueOf(rule, 'TargetBackupVaultName');
    const name = stringValue(target);
    if (target && name && !names.has(name) && !declared.has(name))
      out.push({
        code: 'LIVE001',
        message: `Backup vault "${name}" does not exist in ${facts.region}${accountId ? ` (account ${accountId})` : ''}. Create it first ("aws backup create-backup-vault --backup-vault-name ${name}") or name an existing vault.`,
        offset: target.offset,
        length: target.length,
      });
    for (const copy of elements(valueOf(rule, 'CopyActions'))) {
      const dest = valueOf(copy, 'DestinationBackupVaultArn');
      const arn = stringValue(dest);
      const m = arn ? /^arn:aws[-a-z]*:backup:([^:]+):(\d{12}):backup-vault:(.+)$/.exec(arn) : null;
      if (dest && m && accountId && m[1] !== facts.region && m[2] !== accountId)
        out.push({
          code: 'LIVE006',
          message: `This copy goes to another Region (${m[1]}) and another account (${m[2]}) at once. AWS Backup copies ${oneHopCopyTypes().join(', ')} snapshots cross-Region or cross-account, not both: if this plan backs up any of them, their copy jobs fail. Copy to a vault in this account's ${m[1]} (or to account ${m[2]} in ${facts.region}), and copy on from there.`,
          offset: dest.offset,
          length: dest.length,
        });
      // Only a destination in this account and Region can be checked from here.
      if (!dest || !arn || !m || m[1] !== facts.region || (accountId && m[2] !== accountId)) continue;
      if (declared.has(m[3]!)) continue;
      if (!arns.has(arn))
        out.push({
          code: 'LIVE001',
          message: `Copy destination vault "${m[3]}" does not exist in ${facts.region}. Create it or fix the ARN.`,
          offset: dest.offset,
          length: dest.length,
        });
    }
  }
}

/** At most this many distinct resources of one selection are asked about (one request each). */
export const MAX_LIVE_RESOURCES = 50;
/** Resources asked about at once for one document; the facts bound requests per account too. */
const BATCH = 8;

async function checkSelection(root: Node, facts: LiveFacts, out: Raw[], signal?: AbortSignal): Promise<void> {
  const planId = stringValue(valueOf(root, 'BackupPlanId'));
  const sel = valueOf(root, 'BackupSelection');
  if (!planId || !sel) return;
  const vaults = await facts.planContinuousVaults(planId);
  if (!vaults || vaults.length === 0) return;
  await checkSelectionAgainst(sel, vaults, facts, out, signal);
}

/**
 * LIVE003 and LIVE004 for a selection whose plan's continuous rules target `vaults` (from the
 * account, or from the template that declares both).
 */
export async function checkSelectionAgainst(
  sel: Node,
  vaults: string[],
  facts: LiveFacts,
  out: Raw[],
  signal?: AbortSignal,
): Promise<void> {
  const resources = valueOf(sel, 'Resources');
  // Each distinct ARN once, wherever (and however often) it is listed.
  const byArn = new Map<string, Node[]>();
  for (const r of elements(resources)) {
    const arn = stringValue(r);
    if (arn && !arn.includes('*')) byArn.set(arn, [...(byArn.get(arn) ?? []), r]);
  }
  const arns = [...byArn.keys()];
  const checked = arns.slice(0, MAX_LIVE_RESOURCES);
  for (let i = 0; i < checked.length; i += BATCH) {
    if (signal?.aborted) return;
    const batch = checked.slice(i, i + BATCH);
    const holders = await Promise.all(batch.map((arn) => facts.continuousVaultOf(arn)));
    batch.forEach((arn, j) => {
      const holder = holders[j];
      if (!holder || vaults.includes(holder)) return;
      for (const r of byArn.get(arn)!)
        out.push({
          code: 'LIVE003',
          message: `${arn} already has continuous backup in vault "${holder}", and this plan's continuous rule targets ${vaults.map((v) => `"${v}"`).join(', ')}: its backup job will fail with "already has continuous backup enabled for another vault". Disassociate the existing point ("aws backup disassociate-recovery-point") or target "${holder}".`,
          offset: r.offset,
          length: r.length,
        });
    });
  }
  const skipped = arns.length - checked.length;
  if (skipped > 0 && resources) {
    const first = byArn.get(arns[checked.length]!)![0]!;
    out.push({
      code: 'LIVE004',
      message: `Only the first ${MAX_LIVE_RESOURCES} of the ${arns.length} distinct resources here were checked against the account for continuous backup in another vault (LIVE003); the other ${skipped}, from ${stringValue(first)} on, were not, to keep live lint to a few requests. Check one with "aws backup list-recovery-points-by-resource --resource-arn ARN", or split the selection.`,
      offset: first.offset,
      length: first.length,
    });
  }
}

/** Whether a plan document has continuous rules (used to skip live work early). */
export function hasContinuousRule(plan: Node | undefined): boolean {
  return elements(valueOf(plan, 'Rules')).some(
    (r) => booleanValue(valueOf(r, 'EnableContinuousBackup')) === true,
  );
}
