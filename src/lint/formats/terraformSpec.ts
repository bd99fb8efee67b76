/**
 * How the Terraform AWS provider's `aws_backup_plan` and `aws_backup_selection` arguments map onto
 * the AWS CLI's BackupPlanInput and BackupSelection, the shapes the rules read.
 *
 * Argument names: the provider's documentation,
 * https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/backup_plan and
 * https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/backup_selection
 * (hashicorp/terraform-provider-aws, website/docs/r/backup_plan.html.markdown and
 * backup_selection.html.markdown). What the provider leaves out of the request: its
 * internal/service/backup/plan.go (expandBackupRuleInputs, expandLifecycle) sends `schedule`,
 * `schedule_expression_timezone` and `target_vault_name` only when not empty, `delete_after` and
 * `cold_storage_after` only when not 0, and `opt_in_to_archive_for_supported_resources` only when
 * true: those values are read as absent, as AWS Backup sees them.
 */

/** How one argument is written in HCL (and in plan JSON, where blocks are arrays of objects). */
export type FieldShape =
  /** `name = value` */
  | 'value'
  /** `name = [ … ]`: a list; an unknown list is read as a list with one unknown element. */
  | 'list'
  /** `name { … }`, at most once. */
  | 'block'
  /** `name { … }`, repeated: a list of objects. */
  | 'blocks';

export interface Field {
  cli: string;
  shape: FieldShape;
  body?: Body;
  /** A value the provider does not send (see above): read as absent. */
  unset?: string | number | boolean;
  /**
   * `absent`: an unknown value (or a `dynamic` block, which may yield none) is read as absent.
   * For arguments whose mere presence a rule reports (PITR003: cold storage or archiving in a
   * continuous rule; PITR004: copies of a continuous rule), where an unknown may well be `null`
   * or an empty `for_each`: never a false positive, at the cost of missing a real one.
   */
  ifUnknown?: 'absent';
}

export interface Body {
  /** How the provider's documentation names this body, for messages. */
  name: string;
  fields: Readonly<Record<string, Field>>;
  /** Arguments the provider has that the CLI shape does not (meta-arguments, tags, region…). */
  ignored?: readonly string[];
  /**
   * A `dynamic` block of this (single) block's kind has contents only known at plan time: these
   * keys are given unknown values, so a rule never reads them as missing. (A dynamic block of a
   * repeated kind is one unknown element of its list.)
   */
  unknownWhenDynamic?: readonly string[];
}

/** Terraform's meta-arguments, on every resource (developer.hashicorp.com/terraform/language/meta-arguments). */
const META = ['count', 'for_each', 'provider', 'depends_on', 'lifecycle', 'provisioner', 'connection'];

const LIFECYCLE: Body = {
  name: 'a lifecycle block',
  fields: {
    cold_storage_after: { cli: 'MoveToColdStorageAfterDays', shape: 'value', unset: 0, ifUnknown: 'absent' },
    delete_after: { cli: 'DeleteAfterDays', shape: 'value', unset: 0 },
    opt_in_to_archive_for_supported_resources: {
      cli: 'OptInToArchiveForSupportedResources',
      shape: 'value',
      unset: false,
      ifUnknown: 'absent',
    },
  },
  unknownWhenDynamic: ['DeleteAfterDays'],
};

const RULE: Body = {
  name: 'a rule block',
  fields: {
    rule_name: { cli: 'RuleName', shape: 'value' },
    target_vault_name: { cli: 'TargetBackupVaultName', shape: 'value', unset: '' },
    target_logically_air_gapped_backup_vault_arn: {
      cli: 'TargetLogicallyAirGappedBackupVaultArn',
      shape: 'value',
    },
    schedule: { cli: 'ScheduleExpression', shape: 'value', unset: '' },
    schedule_expression_timezone: { cli: 'ScheduleExpressionTimezone', shape: 'value', unset: '' },
    start_window: { cli: 'StartWindowMinutes', shape: 'value' },
    completion_window: { cli: 'CompletionWindowMinutes', shape: 'value' },
    enable_continuous_backup: { cli: 'EnableContinuousBackup', shape: 'value' },
    recovery_point_tags: { cli: 'RecoveryPointTags', shape: 'value' },
    lifecycle: { cli: 'Lifecycle', shape: 'block', body: LIFECYCLE },
    copy_action: {
      cli: 'CopyActions',
      shape: 'blocks',
      ifUnknown: 'absent',
      body: {
        name: 'a copy_action block',
        fields: {
          destination_vault_arn: { cli: 'DestinationBackupVaultArn', shape: 'value' },
          lifecycle: { cli: 'Lifecycle', shape: 'block', body: LIFECYCLE },
        },
      },
    },
    scan_action: {
      cli: 'ScanActions',
      shape: 'blocks',
      body: {
        name: 'a scan_action block',
        fields: {
          malware_scanner: { cli: 'MalwareScanner', shape: 'value' },
          scan_mode: { cli: 'ScanMode', shape: 'value' },
        },
      },
    },
  },
};

/** `aws_backup_plan` → BackupPlanInput (create-backup-plan --backup-plan). */
export const PLAN: Body = {
  name: 'aws_backup_plan',
  fields: {
    name: { cli: 'BackupPlanName', shape: 'value' },
    rule: { cli: 'Rules', shape: 'blocks', body: RULE },
    advanced_backup_setting: {
      cli: 'AdvancedBackupSettings',
      shape: 'blocks',
      body: {
        name: 'an advanced_backup_setting block',
        fields: {
          backup_options: { cli: 'BackupOptions', shape: 'value' },
          resource_type: { cli: 'ResourceType', shape: 'value' },
        },
      },
    },
    scan_setting: {
      cli: 'ScanSettings',
      shape: 'blocks',
      body: {
        name: 'a scan_setting block',
        fields: {
          malware_scanner: { cli: 'MalwareScanner', shape: 'value' },
          resource_types: { cli: 'ResourceTypes', shape: 'list' },
          scanner_role_arn: { cli: 'ScannerRoleArn', shape: 'value' },
        },
      },
    },
  },
  ignored: [...META, 'tags', 'tags_all', 'region', 'id', 'arn', 'version'],
};

const CONDITION_PARAMETER: Body = {
  name: 'a condition parameter block',
  fields: {
    key: { cli: 'ConditionKey', shape: 'value' },
    value: { cli: 'ConditionValue', shape: 'value' },
  },
};

/** `aws_backup_selection` → BackupSelection (create-backup-selection --backup-selection). */
export const SELECTION: Body = {
  name: 'aws_backup_selection',
  fields: {
    name: { cli: 'SelectionName', shape: 'value' },
    iam_role_arn: { cli: 'IamRoleArn', shape: 'value' },
    resources: { cli: 'Resources', shape: 'list' },
    not_resources: { cli: 'NotResources', shape: 'list' },
    selection_tag: {
      cli: 'ListOfTags',
      shape: 'blocks',
      body: {
        name: 'a selection_tag block',
        fields: {
          type: { cli: 'ConditionType', shape: 'value' },
          key: { cli: 'ConditionKey', shape: 'value' },
          value: { cli: 'ConditionValue', shape: 'value' },
        },
      },
    },
    condition: {
      cli: 'Conditions',
      shape: 'block',
      body: {
        name: 'a condition block',
        fields: {
          string_equals: { cli: 'StringEquals', shape: 'blocks', body: CONDITION_PARAMETER },
          string_like: { cli: 'StringLike', shape: 'blocks', body: CONDITION_PARAMETER },
          string_not_equals: { cli: 'StringNotEquals', shape: 'blocks', body: CONDITION_PARAMETER },
          string_not_like: { cli: 'StringNotLike', shape: 'blocks', body: CONDITION_PARAMETER },
        },
        unknownWhenDynamic: ['StringEquals'],
      },
    },
  },
  // plan_id is create-backup-selection's BackupPlanId, outside the BackupSelection document.
  ignored: [...META, 'plan_id', 'region', 'id'],
};

/** The source's name for each CLI key of a body, for messages ("start_window", "rule"). */
export function sourceNames(body: Body): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (b: Body): void => {
    for (const [name, f] of Object.entries(b.fields)) {
      out[f.cli] ??= name;
      if (f.body) walk(f.body);
    }
  };
  walk(body);
  return out;
}
