import {
  AURORA,
  RDS,
  CONTINUOUS_MAX_RETENTION_DAYS as MAX_DAYS,
  CONTINUOUS_MIN_RETENTION_DAYS as MIN_DAYS,
  S3,
} from '../backup/resourceTypes';
import type { Finding, Severity, SeveritySetting } from './types';

const DG = 'https://docs.aws.amazon.com/aws-backup/latest/devguide/';
const API = 'https://docs.aws.amazon.com/aws-backup/latest/devguide/API_';

export interface RuleInfo {
  code: string;
  severity: Severity;
  /** One line for the rules table, SARIF and hover. */
  title: string;
  /** The AWS page the rule rests on. */
  url: string;
}

/**
 * Every rule the linter has. Codes are stable: never renumber, only add. The severity is the
 * default; users change it per code (setting `awsBackupPitr.lint.severity`, CLI `--severity`).
 * Each rule's `url` is the AWS page it rests on; comments beside the checks cite the pages too.
 */
export const RULES: readonly RuleInfo[] = [
  {
    code: 'JSON001',
    severity: 'error',
    title: 'The AWS CLI cannot read this file as JSON',
    url: 'https://docs.aws.amazon.com/cli/latest/userguide/cli-usage-parameters-file.html',
  },
  // Schema rules: schemas/ are generated from the service model (schemas/aws-backup-model/service-2.json).
  { code: 'SCHEMA001', severity: 'error', title: 'Unknown property', url: `${API}CreateBackupPlan.html` },
  {
    code: 'SCHEMA002',
    severity: 'error',
    title: 'Missing required property',
    url: `${API}CreateBackupPlan.html`,
  },
  { code: 'SCHEMA003', severity: 'error', title: 'Wrong type', url: `${API}CreateBackupPlan.html` },
  {
    code: 'SCHEMA004',
    severity: 'error',
    title: 'Value out of range, length, pattern or enum',
    url: `${API}CreateBackupPlan.html`,
  },
  // Plans (service model: BackupRuleInput, Lifecycle; each rule's url is the AWS page it rests on).
  {
    code: 'PLAN001',
    severity: 'error',
    title: 'Not a valid AWS Backup cron expression',
    url: 'https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-cron-expressions.html',
  },
  {
    code: 'PLAN002',
    severity: 'error',
    title: 'StartWindowMinutes below 60 (or above 52,560,000)',
    url: `${API}BackupRuleInput.html`,
  },
  {
    code: 'PLAN003',
    severity: 'error',
    title: 'DeleteAfterDays less than MoveToColdStorageAfterDays + 90',
    url: `${API}Lifecycle.html`,
  },
  {
    code: 'PLAN004',
    severity: 'error',
    title: 'Duplicate RuleName',
    url: `${DG}creating-a-backup-plan.html`,
  },
  {
    code: 'PLAN005',
    severity: 'error',
    title: 'Unknown ScheduleExpressionTimezone',
    url: `${API}BackupRuleInput.html`,
  },
  {
    code: 'PLAN006',
    severity: 'warning',
    title: 'Schedule more frequent than hourly',
    url: `${DG}plan-options-and-configuration.html`,
  },
  {
    code: 'PLAN007',
    severity: 'error',
    title: 'Lifecycle.DeleteAfterEvent is not valid as an input',
    url: `${API}Lifecycle.html`,
  },
  // Continuous backup / PITR (the Developer Guide's point-in-time-recovery*.html pages).
  {
    code: 'PITR001',
    severity: 'error',
    title: 'Continuous rule without Lifecycle.DeleteAfterDays',
    url: `${DG}point-in-time-recovery.html`,
  },
  {
    code: 'PITR002',
    severity: 'error',
    title: `Continuous retention outside ${MIN_DAYS}–${MAX_DAYS} days`,
    url: `${DG}point-in-time-recovery-retention-period.html`,
  },
  {
    code: 'PITR003',
    severity: 'error',
    title: 'Continuous rule with cold storage or archive',
    url: `${DG}point-in-time-recovery.html`,
  },
  {
    code: 'PITR004',
    severity: 'warning',
    title: 'Copies of a continuous rule are snapshots, without point-in-time restore',
    url: `${DG}point-in-time-recovery-copying.html`,
  },
  {
    code: 'PITR005',
    severity: 'warning',
    title: 'Continuous rules of one plan target different vaults',
    url: `${DG}point-in-time-recovery.html`,
  },
  {
    code: 'PITR006',
    severity: 'warning',
    title: 'Several continuous rules into one vault: only the longest retention takes effect',
    url: `${DG}point-in-time-recovery.html`,
  },
  {
    code: 'PITR007',
    severity: 'hint',
    title: `Continuous retention under ${MAX_DAYS} days fails Audit Manager's default minimum-retention control`,
    url: `${DG}controls-and-remediation.html`,
  },
  // Selections (service model: BackupSelection; https://docs.aws.amazon.com/aws-backup/latest/devguide/assigning-resources.html).
  {
    code: 'SEL001',
    severity: 'error',
    title: 'Selection over its quotas',
    url: `${DG}assigning-resources.html`,
  },
  {
    code: 'SEL002',
    severity: 'warning',
    title: 'Selection selects every supported, opted-in resource',
    url: `${API}BackupSelection.html`,
  },
  {
    code: 'SEL003',
    severity: 'error',
    title: 'IamRoleArn is not an IAM role ARN',
    url: `${API}BackupSelection.html`,
  },
  {
    code: 'SEL004',
    severity: 'error',
    title: 'Conditions is malformed',
    url: `${API}Conditions.html`,
  },
  // Restore metadata (service model: StartRestoreJobInput.Metadata; the per-type restore pages).
  {
    code: 'RST001',
    severity: 'error',
    title: 'Restore metadata value is not a string',
    url: `${API}StartRestoreJob.html`,
  },
  {
    code: 'RST002',
    severity: 'error',
    title: 'RestoreTime is not ISO 8601 UTC',
    url: `${DG}point-in-time-recovery.html`,
  },
  {
    code: 'RST003',
    severity: 'error',
    title: 'RestoreTime outside the restorable window',
    url: `${DG}point-in-time-recovery.html`,
  },
  {
    code: 'RST004',
    severity: 'error',
    title: 'RestoreTime and UseLatestRestorableTime disagree',
    url: `${DG}point-in-time-recovery.html`,
  },
  {
    code: 'RST005',
    severity: 'error',
    title: 'Required restore metadata key missing',
    url: `${DG}restoring-a-backup.html`,
  },
  {
    code: 'RST006',
    severity: 'warning',
    title: 'Unknown restore metadata key for the resource type',
    url: `${DG}restoring-a-backup.html`,
  },
  {
    code: 'RST007',
    severity: 'error',
    title: `${S3.name} encryption keys inconsistent`,
    url: `${DG}restoring-s3.html`,
  },
  {
    code: 'RST008',
    severity: 'error',
    title: `${S3.name} ItemsToRestore is not a JSON array of at most five s3:// URIs`,
    url: `${DG}restoring-s3.html`,
  },
  {
    code: 'RST009',
    severity: 'error',
    title: 'Invalid destination bucket name or DB identifier',
    url: `${DG}restoring-a-backup.html`,
  },
  {
    code: 'RST010',
    severity: 'info',
    title: `An ${S3.name} restore skips objects that already exist at the destination`,
    url: `${DG}restoring-s3.html`,
  },
  {
    code: 'RST011',
    severity: 'info',
    title: `An ${AURORA.name} restore creates the cluster only, no DB instances`,
    url: `${DG}restoring-aur.html`,
  },
  {
    code: 'RST012',
    severity: 'error',
    title: 'Restore metadata value not one of the values AWS documents for its key',
    url: `${DG}restoring-a-backup.html`,
  },
  // start-restore-job (service model: StartRestoreJobInput; https://docs.aws.amazon.com/aws-backup/latest/devguide/recovery-points.html).
  // Restore testing (service model: RestoreTestingPlanForCreate, RestoreTestingSelectionForCreate).
  {
    code: 'RTP001',
    severity: 'error',
    title: 'StartWindowHours above 168 (one week)',
    url: `${API}RestoreTestingPlanForCreate.html`,
  },
  {
    code: 'RTP002',
    severity: 'error',
    title: 'RecoveryPointSelection without Algorithm, IncludeVaults or RecoveryPointTypes',
    url: `${API}RestoreTestingRecoveryPointSelection.html`,
  },
  {
    code: 'RTP003',
    severity: 'error',
    title: 'SelectionWindowDays outside 1–365, or ValidationWindowHours outside 0–168',
    url: `${API}RestoreTestingRecoveryPointSelection.html`,
  },
  {
    code: 'RTP004',
    severity: 'warning',
    title: 'A selection window longer than continuous retention, for CONTINUOUS points only',
    url: `${DG}point-in-time-recovery.html`,
  },
  {
    code: 'RTP005',
    severity: 'error',
    title: 'ProtectedResourceType that restore testing does not take',
    url: `${API}RestoreTestingSelectionForCreate.html`,
  },
  {
    code: 'RTP006',
    severity: 'error',
    title: 'RestoreMetadataOverrides key the resource type does not take',
    url: `${DG}restore-testing-inferred-metadata.html`,
  },
  {
    code: 'RTP007',
    severity: 'error',
    title: 'Restore testing IamRoleArn is not an IAM role ARN',
    url: `${API}RestoreTestingSelectionForCreate.html`,
  },
  {
    code: 'RTP008',
    severity: 'error',
    title: 'ProtectedResourceArns mixes "*" with ARNs, or conditions without "*"',
    url: `${API}CreateRestoreTestingSelection.html`,
  },
  {
    code: 'RTP009',
    severity: 'warning',
    title: 'CONTINUOUS points only, for a resource type without continuous backup',
    url: `${DG}point-in-time-recovery.html`,
  },
  {
    code: 'JOB001',
    severity: 'error',
    title: 'RecoveryPointArn is not a recovery point ARN',
    url: `${API}StartRestoreJob.html`,
  },
  {
    code: 'JOB002',
    severity: 'error',
    title: 'ResourceType unknown or inconsistent with the metadata',
    url: `${API}StartRestoreJob.html`,
  },
  // Live checks against the connected account (the explorer's connection; setting awsBackupPitr.lint.live).
  {
    code: 'LIVE001',
    severity: 'error',
    title: 'Backup vault does not exist in the account and Region',
    url: `${API}CreateBackupVault.html`,
  },
  {
    code: 'LIVE002',
    severity: 'error',
    title: "RestoreTime outside the recovery point's actual restorable window",
    url: `${DG}point-in-time-recovery.html`,
  },
  {
    code: 'LIVE003',
    severity: 'warning',
    title: 'Resource already has continuous backup in another vault',
    url: `${DG}point-in-time-recovery.html`,
  },
  {
    code: 'LIVE004',
    severity: 'info',
    title: 'Live check skipped for resources past the first 50 of a selection',
    url: `${API}ListRecoveryPointsByResource.html`,
  },
  {
    code: 'LIVE005',
    severity: 'warning',
    title: 'Resource type not opted in for AWS Backup in the Region',
    url: `${API}DescribeRegionSettings.html`,
  },
  {
    code: 'LIVE006',
    severity: 'warning',
    title: `${RDS.name}, ${AURORA.name}, DocumentDB, Neptune: a copy cannot go cross-Region and cross-account at once`,
    url: `${DG}recov-point-create-a-copy.html`,
  },
  // Templates (src/lint/formats/cloudformation.ts; resource schemas vendored in schemas/cloudformation/).
  {
    code: 'CFN001',
    severity: 'error',
    title: 'Property not in the CloudFormation resource schema',
    url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-backup-backupplan.html',
  },
  {
    code: 'CFN002',
    severity: 'error',
    title: 'Required resource property missing',
    url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-backup-backupselection.html',
  },
  {
    code: 'CFN003',
    severity: 'error',
    title: 'CloudFormation cannot read the template (YAML or JSON syntax)',
    url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/template-formats.html',
  },
  {
    code: 'CFN004',
    severity: 'error',
    title: 'Unknown YAML tag, or an intrinsic function without the arguments it takes',
    url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference.html',
  },
  // Terraform (src/lint/formats/terraform.ts, terraformPlan.ts).
  {
    code: 'TF001',
    severity: 'error',
    title: 'A Terraform file that is not valid HCL, or plan JSON that cannot be read',
    url: 'https://developer.hashicorp.com/terraform/language/syntax/configuration',
  },
  {
    code: 'TF002',
    severity: 'error',
    title:
      'An argument aws_backup_plan or aws_backup_selection does not take (per the provider documentation)',
    url: 'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/backup_plan',
  },
];

export const RULES_BY_CODE: ReadonlyMap<string, RuleInfo> = new Map(RULES.map((r) => [r.code, r]));

/** Rules that are off unless a user turns them on. */
export const OFF_BY_DEFAULT: ReadonlySet<string> = new Set(['PITR007']);

/** The severity of a code the table does not list (none should reach a user; never hide one). */
const UNLISTED_SEVERITY: Severity = 'error';

/**
 * The one severity resolution, for the engine's findings and the live checks' alike: the user's
 * setting for the code when there is one (`off` drops the finding); otherwise the rule's default from
 * RULES, a rule in OFF_BY_DEFAULT being dropped; a code RULES does not list is an error.
 * Returns undefined when the finding is not shown.
 */
export function resolveSeverity(
  code: string,
  settings?: Readonly<Record<string, SeveritySetting>>,
): Severity | undefined {
  const setting = settings?.[code];
  if (setting === 'off') return undefined;
  if (setting !== undefined) return setting;
  if (OFF_BY_DEFAULT.has(code)) return undefined;
  return RULES_BY_CODE.get(code)?.severity ?? UNLISTED_SEVERITY;
}

/** Findings without a severity, resolved by {@link resolveSeverity}; those turned off are dropped. */
export function withSeverity(
  raw: readonly Omit<Finding, 'severity'>[],
  settings?: Readonly<Record<string, SeveritySetting>>,
): Finding[] {
  const out: Finding[] = [];
  for (const f of raw) {
    const severity = resolveSeverity(f.code, settings);
    if (severity) out.push({ ...f, severity });
  }
  return out;
}

export function ruleInfo(code: string): RuleInfo {
  const r = RULES_BY_CODE.get(code);
  if (!r) throw new Error(`unknown rule code ${code}`);
  return r;
}
