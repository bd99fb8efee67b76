/**
 * Assign Resources from a selection file, without `vscode`: the request body, and the confirmation
 * that says what will be backed up, by which plan's rules, with which role.
 */
import type { DocumentKind } from '../lint';
import {
  gate,
  ownCreatorRequestId,
  whereLine,
  type Confirmation,
  type Gate,
  type GateInput,
  type Where,
} from './gate';
import { ruleLine, type PlanInput } from './planDeploy';

export const SELECTION_KINDS: readonly DocumentKind[] = ['backup-selection', 'create-backup-selection'];

interface SelectionInput {
  SelectionName: string;
  IamRoleArn: string;
  Resources?: string[];
  NotResources?: string[];
  ListOfTags?: { ConditionType?: string; ConditionKey?: string; ConditionValue?: string }[];
  Conditions?: Record<string, { ConditionKey?: string; ConditionValue?: string }[] | undefined>;
}

interface SelectionDocument {
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

export function checkSelectionDocument(input: GateInput): Gate<SelectionDocument> {
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

export function describeAssign(
  selection: SelectionInput,
  plan: { id: string; body: PlanInput },
  where: Where,
): Confirmation {
  // Conditions of empty lists (get-backup-selection's own shape) select by nothing either.
  const nothing = !selection.Resources?.length && conditions(selection).length === 0;
  const lines = [
    whereLine(where),
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
  if (plan.body.Rules.some((r) => r.EnableContinuousBackup))
    lines.push(
      'A resource that already has continuous backup in another vault gets a failed backup job: one continuous backup per resource (https://docs.aws.amazon.com/aws-backup/latest/devguide/point-in-time-recovery.html).',
    );
  return {
    message: `Assign "${selection.SelectionName}" to backup plan "${plan.body.BackupPlanName}"?`,
    detail: lines.join('\n'),
    action: 'Assign Resources',
  };
}
