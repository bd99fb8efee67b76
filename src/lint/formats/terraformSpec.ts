/**
 * How the Terraform AWS provider's `aws_backup_plan` and `aws_backup_selection` arguments map onto
 * the AWS CLI's BackupPlanInput and BackupSelection, the shapes the rules read (and its restore
 * testing plans and selections onto RestoreTestingPlanForCreate and RestoreTestingSelectionForCreate).
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
  /**
   * The provider's type for the argument, when not a string: Terraform converts a string literal
   * such as `"30"` or `"true"` to it (developer.hashicorp.com/terraform/language/expressions/type-constraints#conversion-of-primitive-types).
   */
  type?: 'number' | 'bool';
}

export interface Body {
  /** How the provider's documentation names this body, for messages. */
  name: string;
  fields: Readonly<Record<string, Field>>;
  /** Arguments the provider has that the CLI shape does not (meta-arguments, tags, region…). */
  ignored?: readonly string[];
  /** Attributes the provider exports that a configuration cannot set (TF002 says so). */
  computed?: readonly string[];
  /**
   * A `dynamic` block of this (single) block's kind has contents only known at plan time: these
   * keys are given unknown values, so a rule never reads them as missing. (A dynamic block of a
   * repeated kind is one unknown element of its list.)
   */
  unknownWhenDynamic?: readonly string[];
}

/** Terraform's meta-arguments, on every resource (developer.hashicorp.com/terraform/language/meta-arguments). */
const META = ['count', 'for_each', 'provider', 'depends_on', 'lifecycle', 'provisioner', 'connection'];

const value = (cli: string, more: Partial<Field> = {}): Field => ({ cli, shape: 'value', ...more });
const list = (cli: string): Field => ({ cli, shape: 'list' });
/** `name { … }` repeated, each a body named `a <name> block` with these fields. */
const blocks = (cli: string, name: string, fields: Body['fields'], more: Partial<Field> = {}): Field => ({
  cli,
  shape: 'blocks',
  body: { name: `a ${name} block`, fields },
  ...more,
});

const LIFECYCLE: Body = {
  name: 'a lifecycle block',
  fields: {
    cold_storage_after: value('MoveToColdStorageAfterDays', {
      unset: 0,
      ifUnknown: 'absent',
      type: 'number',
    }),
    delete_after: value('DeleteAfterDays', { unset: 0, type: 'number' }),
    opt_in_to_archive_for_supported_resources: value('OptInToArchiveForSupportedResources', {
      unset: false,
      ifUnknown: 'absent',
      type: 'bool',
    }),
  },
  unknownWhenDynamic: ['DeleteAfterDays'],
};
const lifecycle: Field = { cli: 'Lifecycle', shape: 'block', body: LIFECYCLE };

const RULE: Body = {
  name: 'a rule block',
  fields: {
    rule_name: value('RuleName'),
    target_vault_name: value('TargetBackupVaultName', { unset: '' }),
    target_logically_air_gapped_backup_vault_arn: value('TargetLogicallyAirGappedBackupVaultArn'),
    schedule: value('ScheduleExpression', { unset: '' }),
    schedule_expression_timezone: value('ScheduleExpressionTimezone', { unset: '' }),
    start_window: value('StartWindowMinutes', { type: 'number' }),
    completion_window: value('CompletionWindowMinutes', { type: 'number' }),
    enable_continuous_backup: value('EnableContinuousBackup', { type: 'bool' }),
    recovery_point_tags: value('RecoveryPointTags'),
    lifecycle,
    copy_action: blocks(
      'CopyActions',
      'copy_action',
      { destination_vault_arn: value('DestinationBackupVaultArn'), lifecycle },
      { ifUnknown: 'absent' },
    ),
    scan_action: blocks('ScanActions', 'scan_action', {
      malware_scanner: value('MalwareScanner'),
      scan_mode: value('ScanMode'),
    }),
  },
};

/** `aws_backup_plan` → BackupPlanInput (create-backup-plan --backup-plan). */
export const PLAN: Body = {
  name: 'aws_backup_plan',
  fields: {
    name: value('BackupPlanName'),
    rule: { cli: 'Rules', shape: 'blocks', body: RULE },
    advanced_backup_setting: blocks('AdvancedBackupSettings', 'advanced_backup_setting', {
      backup_options: value('BackupOptions'),
      resource_type: value('ResourceType'),
    }),
    scan_setting: blocks('ScanSettings', 'scan_setting', {
      malware_scanner: value('MalwareScanner'),
      resource_types: list('ResourceTypes'),
      scanner_role_arn: value('ScannerRoleArn'),
    }),
  },
  ignored: [...META, 'tags', 'region', 'id'],
  computed: ['arn', 'tags_all', 'version'],
};

const condition = { key: value('ConditionKey'), value: value('ConditionValue') };

/** `aws_backup_selection` → BackupSelection (create-backup-selection --backup-selection). */
export const SELECTION: Body = {
  name: 'aws_backup_selection',
  fields: {
    name: value('SelectionName'),
    iam_role_arn: value('IamRoleArn'),
    resources: list('Resources'),
    not_resources: list('NotResources'),
    selection_tag: blocks('ListOfTags', 'selection_tag', { type: value('ConditionType'), ...condition }),
    condition: {
      cli: 'Conditions',
      shape: 'block',
      body: {
        name: 'a condition block',
        fields: {
          string_equals: blocks('StringEquals', 'string_equals', condition),
          string_like: blocks('StringLike', 'string_like', condition),
          string_not_equals: blocks('StringNotEquals', 'string_not_equals', condition),
          string_not_like: blocks('StringNotLike', 'string_not_like', condition),
        },
        unknownWhenDynamic: ['StringEquals'],
      },
    },
  },
  // plan_id is create-backup-selection's BackupPlanId, outside the BackupSelection document.
  ignored: [...META, 'plan_id', 'region', 'id'],
};

/**
 * `aws_backup_restore_testing_plan` → RestoreTestingPlanForCreate (create-restore-testing-plan
 * --restore-testing-plan): the provider's website/docs/r/backup_restore_testing_plan.html.markdown.
 */
export const RESTORE_TESTING_PLAN: Body = {
  name: 'aws_backup_restore_testing_plan',
  fields: {
    name: value('RestoreTestingPlanName'),
    schedule_expression: value('ScheduleExpression'),
    schedule_expression_timezone: value('ScheduleExpressionTimezone'),
    start_window_hours: value('StartWindowHours', { type: 'number' }),
    recovery_point_selection: {
      cli: 'RecoveryPointSelection',
      shape: 'block',
      body: {
        name: 'a recovery_point_selection block',
        fields: {
          algorithm: value('Algorithm'),
          include_vaults: list('IncludeVaults'),
          exclude_vaults: list('ExcludeVaults'),
          recovery_point_types: list('RecoveryPointTypes'),
          selection_window_days: value('SelectionWindowDays', { type: 'number' }),
        },
      },
    },
  },
  ignored: [...META, 'tags', 'tags_all', 'region', 'id', 'arn'],
};

const keyValue = { key: value('Key'), value: value('Value') };

/**
 * `aws_backup_restore_testing_selection` → RestoreTestingSelectionForCreate
 * (create-restore-testing-selection --restore-testing-selection): the provider's
 * website/docs/r/backup_restore_testing_selection.html.markdown.
 */
export const RESTORE_TESTING_SELECTION: Body = {
  name: 'aws_backup_restore_testing_selection',
  fields: {
    name: value('RestoreTestingSelectionName'),
    protected_resource_type: value('ProtectedResourceType'),
    iam_role_arn: value('IamRoleArn'),
    protected_resource_arns: list('ProtectedResourceArns'),
    protected_resource_conditions: {
      cli: 'ProtectedResourceConditions',
      shape: 'block',
      body: {
        name: 'a protected_resource_conditions block',
        fields: {
          string_equals: blocks('StringEquals', 'string_equals', keyValue),
          string_not_equals: blocks('StringNotEquals', 'string_not_equals', keyValue),
        },
      },
    },
    restore_metadata_overrides: value('RestoreMetadataOverrides'),
    validation_window_hours: value('ValidationWindowHours', { type: 'number' }),
  },
  // restore_testing_plan_name is create-restore-testing-selection's RestoreTestingPlanName, outside the document.
  ignored: [...META, 'restore_testing_plan_name', 'region', 'id'],
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
