/**
 * The CloudFormation resource schemas of AWS Backup's resource types (vendored from cfn-lint, see
 * schemas/cloudformation/README.md): which property names a resource takes, and which values are
 * numbers or booleans.
 */
import backupPlan from '../../../schemas/cloudformation/AWS-Backup-BackupPlan.json';
import backupSelection from '../../../schemas/cloudformation/AWS-Backup-BackupSelection.json';
import restoreTestingPlan from '../../../schemas/cloudformation/AWS-Backup-RestoreTestingPlan.json';
import restoreTestingSelection from '../../../schemas/cloudformation/AWS-Backup-RestoreTestingSelection.json';

/** CloudFormation's names for the API's (BackupPlanInput and BackupRuleInput); others are the same. */
export const CFN_TO_CLI: Readonly<Record<string, string>> = {
  BackupPlanRule: 'Rules',
  TargetBackupVault: 'TargetBackupVaultName',
};
export const CLI_TO_CFN: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(CFN_TO_CLI).map(([k, v]) => [v, k]),
);

export interface CfnSchema {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, CfnSchema>;
  patternProperties?: Record<string, CfnSchema>;
  additionalProperties?: boolean | CfnSchema;
  required?: string[];
  items?: CfnSchema;
  definitions?: Record<string, CfnSchema>;
  readOnlyProperties?: string[];
  enum?: unknown[];
}

export const RESOURCE_SCHEMAS = {
  'AWS::Backup::BackupPlan': backupPlan as CfnSchema,
  'AWS::Backup::BackupSelection': backupSelection as CfnSchema,
  'AWS::Backup::RestoreTestingPlan': restoreTestingPlan as CfnSchema,
  'AWS::Backup::RestoreTestingSelection': restoreTestingSelection as CfnSchema,
} as const;

export type BackupResourceType = keyof typeof RESOURCE_SCHEMAS;

/** Follows `#/definitions/…` references within the resource's schema. */
export function resolveSchema(root: CfnSchema, node: CfnSchema | undefined): CfnSchema | undefined {
  let n = node;
  for (let guard = 0; n?.$ref && guard < 16; guard++)
    n = root.definitions?.[n.$ref.replace('#/definitions/', '')];
  return n;
}

export interface PropertyLookup {
  /** The property's schema, when the schema says anything about it. */
  schema: CfnSchema | undefined;
  known: boolean;
}

/** What the schema of an object says about its property `name`. */
export function propertySchema(root: CfnSchema, obj: CfnSchema | undefined, name: string): PropertyLookup {
  if (!obj) return { schema: undefined, known: true };
  const own = obj.properties?.[name];
  if (own) return { schema: resolveSchema(root, own), known: true };
  const patterns = obj.patternProperties ? Object.values(obj.patternProperties) : [];
  if (patterns.length) return { schema: resolveSchema(root, patterns[0]), known: true };
  if (obj.additionalProperties === false) return { schema: undefined, known: false };
  return {
    schema:
      typeof obj.additionalProperties === 'object'
        ? resolveSchema(root, obj.additionalProperties)
        : undefined,
    known: true,
  };
}

/** The property names an object takes (for "did you mean"), read-only ones left out. */
export function propertyNames(root: CfnSchema, obj: CfnSchema | undefined): string[] {
  const readOnly = new Set((obj === root ? root.readOnlyProperties : [])?.map((p) => p.split('/').pop()));
  return Object.keys(obj?.properties ?? {}).filter((n) => !readOnly.has(n));
}

export function hasType(schema: CfnSchema | undefined, type: string): boolean {
  const t = schema?.type;
  return t === type || (Array.isArray(t) && t.includes(type));
}
