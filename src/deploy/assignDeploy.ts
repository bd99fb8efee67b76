/**
 * Assign Resources from a selection file, without `vscode`: the request body, and the confirmation
 * that says what will be backed up, by which plan's rules, with which role.
 */
import type { DocumentKind, LiveFacts } from '../lint';
import { whereLine, type Confirmation, type Where } from '../ui/confirmation';
import { gate, ownCreatorRequestId, type Gate, type GateInput } from './gate';
import { ruleLine, type PlanInput } from './planDeploy';

export const SELECTION_KINDS: readonly DocumentKind[] = ['backup-selection', 'create-backup-selection'];

export interface SelectionInput {
  SelectionName: string;
  IamRoleArn: string;
  Resources?: string[];
  NotResources?: string[];
  ListOfTags?: { ConditionType?: string; ConditionKey?: string; ConditionValue?: string }[];
  Conditions?: Record<string, { ConditionKey?: string; ConditionValue?: string }[] | undefined>;
}

export interface SelectionDocument {
  selection: SelectionInput;
  /** The plan a create-backup-selection input names. */
  planId?: string;
  creatorRequestId?: string;
}

const SELECTION_MEMBERS = [
  'SelectionName',
  'IamRoleArn',
  'Resources',
  'ListOfTags',
  'NotResources',
  'Conditions',
];

export function checkSelectionDocument(input: GateInput): Promise<Gate<SelectionDocument>> {
  return gate(input, SELECTION_KINDS, 'a backup selection', (root, kind) => {
    const body = (kind === 'backup-selection' ? root : root.BackupSelection) as Record<string, unknown>;
    const selection = Object.fromEntries(
      SELECTION_MEMBERS.filter((k) => body[k] !== undefined).map((k) => [k, body[k]]),
    ) as unknown as SelectionInput;
    const planId =
      kind === 'create-backup-selection' && typeof root.BackupPlanId === 'string'
        ? root.BackupPlanId
        : undefined;
    const own = kind === 'create-backup-selection' ? ownCreatorRequestId(root) : undefined;
    return { selection, ...(planId ? { planId } : {}), ...(own ? { creatorRequestId: own } : {}) };
  });
}

/** At most this many ARNs are listed in the confirmation; the rest are counted. */
const SHOWN = 15;

function arns(label: string, list: string[] | undefined): string[] {
  if (!list?.length) return [];
  const more = list.length - SHOWN;
  return [
    `${label} (${list.length}):`,
    ...list.slice(0, SHOWN).map((a) => `  ${a}`),
    ...(more > 0 ? [`  … and ${more} more`] : []),
  ];
}

function conditions(s: SelectionInput): string[] {
  const out = (s.ListOfTags ?? []).map(
    (t) => `  tag ${t.ConditionKey ?? '?'} = ${t.ConditionValue ?? '?'} (any of these)`,
  );
  for (const [op, list] of Object.entries(s.Conditions ?? {}))
    for (const c of list ?? [])
      out.push(`  ${c.ConditionKey ?? '?'} ${op} ${c.ConditionValue ?? '?'} (all of these)`);
  return out.length ? ['Selected by tags:', ...out] : [];
}

/** The target vaults of a plan's continuous rules. */
const continuousVaults = (plan: PlanInput): string[] => [
  ...new Set(
    plan.Rules.filter((r) => r.EnableContinuousBackup)
      .map((r) => r.TargetBackupVaultName)
      .filter((v): v is string => !!v),
  ),
];

/** At most this many distinct resources are asked about (one request each), as LIVE003 asks. */
const MAX_CHECKED = 50;
/** Asked at once. */
const BATCH = 8;

/** What the account says of the selected resources' continuous backups elsewhere. */
export type ElsewhereCheck =
  | { checked: true; elsewhere: { arn: string; vault: string }[]; skipped: number }
  | { checked: false; reason: string };

/**
 * The resources the selection names by ARN that already have an active continuous recovery point
 * in another vault than the plan's continuous rules target (AWS Backup keeps one continuous backup
 * per resource: the next continuous job fails, "already has continuous backup enabled for another
 * vault", https://docs.aws.amazon.com/aws-backup/latest/devguide/point-in-time-recovery.html).
 * Undefined when the plan has no continuous rule.
 */
export async function continuousElsewhere(
  selection: SelectionInput,
  plan: PlanInput,
  facts: LiveFacts | undefined,
): Promise<ElsewhereCheck | undefined> {
  const vaults = continuousVaults(plan);
  if (!vaults.length) return undefined;
  if (!facts) return { checked: false, reason: 'not connected' };
  const arns = [...new Set((selection.Resources ?? []).filter((a) => !a.includes('*')))];
  const asked = arns.slice(0, MAX_CHECKED);
  const elsewhere: { arn: string; vault: string }[] = [];
  try {
    for (let i = 0; i < asked.length; i += BATCH) {
      const batch = asked.slice(i, i + BATCH);
      const holders = await Promise.all(batch.map((arn) => facts.continuousVaultOf(arn)));
      batch.forEach((arn, j) => {
        const vault = holders[j];
        if (vault && !vaults.includes(vault)) elsewhere.push({ arn, vault });
      });
    }
  } catch (e) {
    return { checked: false, reason: e instanceof Error ? e.message : String(e) };
  }
  return { checked: true, elsewhere, skipped: arns.length - asked.length };
}

/** What the confirmation says of continuous backups elsewhere: each resource by name, and what follows. */
function elsewhereLines(check: ElsewhereCheck | undefined, plan: PlanInput): string[] {
  const generic =
    'A resource that already has continuous backup in another vault gets a failed backup job: one continuous backup per resource (https://docs.aws.amazon.com/aws-backup/latest/devguide/point-in-time-recovery.html).';
  if (!check) return plan.Rules.some((r) => r.EnableContinuousBackup) ? [generic] : [];
  if (!check.checked) return [`Not checked against the account (${check.reason}). ${generic}`];
  const target = continuousVaults(plan)
    .map((v) => `"${v}"`)
    .join(', ');
  const lines = check.elsewhere.length
    ? [
        `Already continuously backed up in another vault (${check.elsewhere.length}): the plan's continuous rule targets ${target}, so the next continuous backup job of each fails ("already has continuous backup enabled for another vault"). Stop its continuous backup first (Stop Continuous Backup…), or target that vault:`,
        ...check.elsewhere.map((e) => `  ${e.arn}: continuous backup in vault "${e.vault}"`),
      ]
    : ['No resource named here has continuous backup in another vault (checked against the account).'];
  if (check.skipped > 0)
    lines.push(
      `The other ${check.skipped} resources named here were not checked (at most ${MAX_CHECKED} are).`,
    );
  return lines;
}

export function describeAssign(
  selection: SelectionInput,
  plan: { id: string; body: PlanInput },
  where: Where,
  elsewhere?: ElsewhereCheck,
): Confirmation {
  // Conditions of empty lists (get-backup-selection's own shape) select by nothing either.
  const nothing = !selection.Resources?.length && conditions(selection).length === 0;
  const lines = [
    whereLine(where),
    ...elsewhereLines(elsewhere, plan.body),
    `Backup plan: "${plan.body.BackupPlanName}" (${plan.id}), whose rules then back these resources up:`,
    ...plan.body.Rules.map(ruleLine),
    `Role AWS Backup uses: ${selection.IamRoleArn}`,
    ...arns('Resources', selection.Resources),
    ...arns('Except (NotResources)', selection.NotResources),
    ...conditions(selection),
  ];
  if (nothing)
    lines.push(
      'No resources, tags or conditions: AWS Backup selects every supported and opted-in resource in the Region (service model, BackupSelection).',
    );
  return {
    message: `Assign "${selection.SelectionName}" to backup plan "${plan.body.BackupPlanName}"?`,
    detail: lines.join('\n'),
    action: 'Assign Resources',
  };
}
