/**
 * "Adjust settings…": the RDS and Aurora settings that decide where and how the restored database
 * runs, each starting at the recovery point's value (GetRecoveryPointRestoreMetadata), changed one at
 * a time from one menu. A value left as it is stays exactly as the service returned it.
 *
 * RDS takes the parameters of RDS RestoreDBInstanceToPointInTime / RestoreDBInstanceFromDBSnapshot
 * (https://docs.aws.amazon.com/aws-backup/latest/devguide/restoring-rds.html); the constraints below
 * are that API's (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_RestoreDBInstanceToPointInTime.html).
 * Aurora takes the keys https://docs.aws.amazon.com/aws-backup/latest/devguide/restoring-aur.html lists
 * (camelCase): a restore creates the cluster only, so instance class, Multi-AZ and public access —
 * settings of DB instances — have no Aurora equivalent here; deletion protection and storage type are
 * not in that list (NOT FOUND), so they are not offered for Aurora.
 *
 * The valid instance classes, subnet groups and security groups depend on the account, but listing
 * them needs the RDS and EC2 APIs (DescribeOrderableDBInstanceOptions, DescribeDBSubnetGroups,
 * DescribeSecurityGroups), whose SDK clients this extension does not ship: they are typed, checked as
 * typed, starting from the recovery point's values.
 */
import { noIcons } from '../../aws/awsText';
import { RDS, resourceType } from '../../backup/resourceTypes';
import type { Flow, StepRun } from '../wizardSteps/flow';
import { BACK, type Choice } from '../wizardSteps/ui';
import type { DbSettingsAnswers } from './answers';
import { changeOf, keyIn, type Change } from './changes';

export interface DbSetting {
  /** The key as documented (the metadata's own spelling wins when it has the key). */
  key: string;
  label: string;
  /** A yes/no or one of a few values, picked; else typed and checked. */
  choices?: readonly { value: string; label: string; detail?: string }[];
  prompt?: string;
  /** What is wrong with a typed value. */
  problem?(text: string): string | undefined;
  /** Typed text to the metadata value, and back (lists are JSON arrays as strings). */
  toValue?(text: string): string;
  toText?(value: string): string;
}

const yesNo = (yes: string, no: string, yesDetail?: string, noDetail?: string): DbSetting['choices'] => [
  { value: 'true', label: yes, ...(yesDetail ? { detail: yesDetail } : {}) },
  { value: 'false', label: no, ...(noDetail ? { detail: noDetail } : {}) },
];

/** Port: "Constraints: Value must be 1150-65535" (RestoreDBInstanceToPointInTime, RestoreDBClusterToPointInTime). */
function portProblem(text: string): string | undefined {
  const t = text.trim();
  if (!/^\d+$/.test(t)) return `"${t}" is not a port number: type a whole number from 1150 to 65535.`;
  const n = Number(t);
  return n < 1150 || n > 65535
    ? `Port ${n} is outside 1150–65535, the ports ${RDS.name} accepts.`
    : undefined;
}

/** Security group IDs, `sg-` and 8 or 17 hexadecimal digits, as EC2 writes them. */
const SG = /^sg-(?:[0-9a-f]{8}|[0-9a-f]{17})$/;
const splitList = (text: string): string[] => text.split(/[\s,]+/).filter(Boolean);

function securityGroupsProblem(text: string): string | undefined {
  const ids = splitList(text);
  if (ids.length === 0)
    return 'Type one or more security group IDs, separated by spaces (e.g. sg-0a1b2c3d4e5f60718).';
  const bad = ids.find((id) => !SG.test(id));
  if (bad)
    return `"${bad}" is not a security group ID: sg- and 8 or 17 hexadecimal digits, e.g. sg-0a1b2c3d4e5f60718.`;
  const twice = ids.find((id, i) => ids.indexOf(id) !== i);
  return twice ? `"${twice}" is listed twice.` : undefined;
}

/** A JSON-array string as the service returns lists ("[\"sg-…\"]"), read as the IDs it holds. */
function listText(value: string): string {
  try {
    const parsed: unknown = JSON.parse(value);
    if (Array.isArray(parsed)) return parsed.map(String).join(' ');
  } catch {
    // Not a JSON array: shown as the service returned it.
  }
  return value;
}

/** DB subnet group names: "no more than 255 letters, numbers, periods, underscores, spaces, or hyphens" (CreateDBSubnetGroup). */
function subnetGroupProblem(text: string): string | undefined {
  const t = text.trim();
  if (!t) return 'Type the name of a DB subnet group of this account and Region.';
  return /^[a-zA-Z0-9._ -]{1,255}$/.test(t)
    ? undefined
    : `"${t}" is not a DB subnet group name: at most 255 letters, digits, periods, underscores, spaces or hyphens.`;
}

/**
 * DB instance classes are `db.` + family + size, e.g. db.r6g.large, db.t3.micro, db.m6gd.16xlarge,
 * db.r5.2xlarge.tpc2.mem4x (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.DBInstanceClass.html).
 */
function instanceClassProblem(text: string): string | undefined {
  const t = text.trim();
  return /^db\.[a-z0-9]+\.[a-z0-9]+(\.[a-z0-9]+)*$/.test(t)
    ? undefined
    : `"${t}" is not a DB instance class: db.<class>.<size>, e.g. db.r6g.large or db.t3.micro.`;
}

const securityGroups: Omit<DbSetting, 'key'> = {
  label: 'VPC security groups',
  prompt: 'Security group IDs of the VPC, separated by spaces (e.g. sg-0a1b2c3d4e5f60718)',
  problem: securityGroupsProblem,
  toValue: (text) => JSON.stringify(splitList(text)),
  toText: listText,
};
const port: Omit<DbSetting, 'key'> = {
  label: 'Port',
  prompt: 'The database port (1150–65535)',
  problem: portProblem,
};
const subnetGroup: Omit<DbSetting, 'key'> = {
  label: 'DB subnet group',
  prompt: 'The DB subnet group: it decides the VPC and subnets the database runs in',
  problem: subnetGroupProblem,
};
const copyTags = yesNo('Copy tags to snapshots', 'Do not copy tags to snapshots');

export const RDS_SETTINGS: readonly DbSetting[] = [
  {
    key: 'DBInstanceClass',
    label: 'DB instance class',
    prompt:
      'The DB instance class (e.g. db.r6g.large, db.t3.micro): it must be offered for the engine in this Region',
    problem: instanceClassProblem,
  },
  {
    key: 'StorageType',
    label: 'Storage type',
    // RestoreDBInstanceToPointInTime StorageType: "Valid Values: gp2 | gp3 | io1 | io2 | standard".
    choices: [
      { value: 'gp3', label: 'gp3', detail: 'General Purpose SSD (gp3)' },
      { value: 'gp2', label: 'gp2', detail: 'General Purpose SSD (gp2)' },
      { value: 'io2', label: 'io2', detail: 'Provisioned IOPS SSD (io2): needs Iops' },
      { value: 'io1', label: 'io1', detail: 'Provisioned IOPS SSD (io1): needs Iops' },
      { value: 'standard', label: 'standard', detail: 'Magnetic (previous generation)' },
    ],
  },
  {
    key: 'MultiAZ',
    label: 'Multi-AZ standby',
    // The console's wording for a Multi-AZ DB instance deployment
    // (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.MultiAZSingleStandby.html).
    choices: yesNo(
      'Create a standby instance (recommended for production usage)',
      'Do not create a standby instance',
      'A synchronous standby in another Availability Zone (billed as a second instance).',
      'One instance in one Availability Zone.',
    ),
  },
  { key: 'DBSubnetGroupName', ...subnetGroup },
  { key: 'VpcSecurityGroupIds', ...securityGroups },
  { key: 'Port', ...port },
  {
    key: 'PubliclyAccessible',
    label: 'Public access',
    choices: yesNo(
      'Publicly accessible',
      'Not publicly accessible',
      'Resolvable and reachable from outside the VPC, as its security groups allow.',
      'Reachable from inside the VPC only.',
    ),
  },
  {
    key: 'DeletionProtection',
    label: 'Deletion protection',
    choices: yesNo('Enable deletion protection', 'No deletion protection'),
  },
  { key: 'CopyTagsToSnapshot', label: 'Copy tags to snapshots', choices: copyTags },
];

export const AURORA_SETTINGS: readonly DbSetting[] = [
  { key: 'dbSubnetGroupName', ...subnetGroup },
  { key: 'vpcSecurityGroupIds', ...securityGroups },
  { key: 'port', ...port },
  { key: 'copyTagsToSnapshot', label: 'Copy tags to snapshots', choices: copyTags },
];

export const settingsOf = (type: string): readonly DbSetting[] => {
  const options = resourceType(type)?.restore?.options;
  return options === 'db-instance' ? RDS_SETTINGS : options === 'db-cluster' ? AURORA_SETTINGS : [];
};

/** What the answers change in the metadata; nothing for a value chosen equal to the service's. */
export function dbChanges(
  type: string,
  meta: Readonly<Record<string, string>>,
  a: DbSettingsAnswers,
): Change[] {
  return settingsOf(type)
    .filter((s) => Object.hasOwn(a.values, s.key))
    .map((s) => changeOf(meta, s.key, a.values[s.key]))
    .filter((c): c is Change => c !== undefined);
}

/** A value as a person reads it in the menu. */
function shown(s: DbSetting, value: string | undefined): string {
  if (value === undefined) return 'not set';
  const choice = s.choices?.find((c) => c.value === value.toLowerCase());
  return noIcons(choice ? choice.label : s.toText ? s.toText(value) : value);
}

/** One setting changed: a pick for choices, else an input checked as typed. BACK returns to the menu. */
async function editSetting(
  f: Flow,
  s: DbSetting,
  current: string | undefined,
): Promise<string | typeof BACK | undefined> {
  const header = f.header('options');
  if (s.choices) {
    const picked = await f.ui.pick(header, {
      placeholder: `${s.label}?`,
      canGoBack: true,
      items: Promise.resolve(s.choices.map((c) => ({ ...c }))),
      ...(current !== undefined ? { active: current.toLowerCase() } : {}),
    });
    // The service's own spelling ("True") stays when the same value is picked.
    return typeof picked === 'string' && current?.toLowerCase() === picked ? current : picked;
  }
  const r = await f.ui.input(header, {
    prompt: s.prompt ?? s.label,
    ...(current !== undefined ? { value: s.toText ? s.toText(current) : current } : {}),
    canGoBack: true,
    check: (text) => {
      const problem = s.problem?.(text);
      return problem ? { severity: 'error', message: problem } : undefined;
    },
  });
  return typeof r === 'string' ? (s.toValue ? s.toValue(r) : r.trim()) : r;
}

/** Options: the "Adjust settings…" menu, until "Continue". */
export const dbSettingsStep: StepRun = async (f, canGoBack) => {
  const type = f.resourceType();
  const settings = settingsOf(type);
  if (f.bare || settings.length === 0) return 'skip';
  const meta = (await f.restoreMetadata()).metadata;
  const a = (f.s.db ??= { values: {} });
  for (;;) {
    const changed = dbChanges(type, meta, a);
    const items: Choice<string>[] = [
      {
        label: 'Continue with these settings',
        description: changed.length ? `${changed.length} changed` : 'as in the recovery point',
        ...(resourceType(type)?.restore?.options === 'db-cluster'
          ? {
              detail: `An ${type} restore creates the cluster only: instance class, Multi-AZ and public access belong to the DB instances you add to it.`,
            }
          : {}),
        value: '',
      },
      ...settings.map((s) => {
        const own = Object.hasOwn(meta, keyIn(meta, s.key)) ? meta[keyIn(meta, s.key)] : undefined;
        const now = Object.hasOwn(a.values, s.key) ? a.values[s.key] : own;
        const change = changed.find((c) => c.key === keyIn(meta, s.key));
        return {
          label: s.label,
          description: `${shown(s, now)}${change ? ` · changed (was ${shown(s, change.from)})` : own === undefined ? ' · the service decides' : ''}`,
          value: s.key,
        };
      }),
    ];
    const r = await f.ui.pick(f.header('options'), {
      placeholder: `Adjust settings… (${resourceType(type)?.restore?.options === 'db-instance' ? 'the new DB instance' : 'the new DB cluster'}; each starts at the recovery point's value)`,
      canGoBack,
      items: Promise.resolve(items),
      active: a.last ?? '',
    });
    if (r === undefined) return 'cancel';
    if (r === BACK) return 'back';
    if (r === '') return 'next';
    const s = settings.find((x) => x.key === r)!;
    a.last = s.key;
    const own = meta[keyIn(meta, s.key)];
    const edited = await editSetting(f, s, Object.hasOwn(a.values, s.key) ? a.values[s.key] : own);
    if (edited === undefined) return 'cancel';
    if (edited !== BACK) a.values[s.key] = edited;
  }
};
