/**
 * CloudFormation and the CDK: `AWS::Backup::BackupPlan` and `AWS::Backup::BackupSelection` in
 * templates written in YAML or JSON, SAM templates, and the CDK's synthesized `*.template.json`.
 * Resource schemas: https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-backup-backupplan.html
 * and …/aws-resource-backup-backupselection.html (vendored: schemas/cloudformation/).
 */
import type { RawFinding } from '../context';
import type { EmbeddedDocument, EmbeddingResult, FormatAdapter } from './types';
import { entryOf, readTemplate, scalarString, type SourceMap, type SourceNode } from './cloudformationSource';
import { convertMap, reportUnknown, type MapContext } from './cloudformationMap';
import {
  CFN_TO_CLI,
  CLI_TO_CFN,
  propertyNames,
  propertySchema,
  RESOURCE_SCHEMAS,
  type BackupResourceType,
} from './cloudformationSchema';
import { translateCloudFormationFix } from './cloudformationFix';
import { continuousOnlyForType } from '../restoreTestingRules';
import { checkIntrinsics } from './cloudformationIntrinsics';
import { sniffCloudFormation } from './sniff';

const PLAN = 'AWS::Backup::BackupPlan';
const SELECTION = 'AWS::Backup::BackupSelection';
const VAULT = 'AWS::Backup::BackupVault';
const RESTORE_TESTING_PLAN = 'AWS::Backup::RestoreTestingPlan';
const RESTORE_TESTING_SELECTION = 'AWS::Backup::RestoreTestingSelection';

/** The property of each resource type that holds the document the AWS CLI would take. */
const DOCUMENT_PROPERTY: Record<
  BackupResourceType,
  { name: string | undefined; kind: EmbeddedDocument['kind']; notInDocument?: string[] }
> = {
  [PLAN]: { name: 'BackupPlan', kind: 'backup-plan' },
  [SELECTION]: { name: 'BackupSelection', kind: 'backup-selection' },
  // A restore testing resource's Properties are the document, less what the API takes beside it.
  [RESTORE_TESTING_PLAN]: { name: undefined, kind: 'restore-testing-plan', notInDocument: ['Tags'] },
  [RESTORE_TESTING_SELECTION]: {
    name: undefined,
    kind: 'restore-testing-selection',
    notInDocument: ['RestoreTestingPlanName'],
  },
};

const isDocumentType = (t: string | undefined): t is BackupResourceType =>
  t !== undefined && Object.hasOwn(DOCUMENT_PROPERTY, t);

function isTemplate(root: SourceNode | undefined): root is SourceMap {
  if (root?.kind !== 'map') return false;
  if (entryOf(root, 'AWSTemplateFormatVersion')) return true;
  // SAM: "Transform: AWS::Serverless-2016-10-31", alone or in a list.
  const transform = entryOf(root, 'Transform')?.value;
  const transforms = transform?.kind === 'seq' ? transform.items : transform ? [transform] : [];
  if (transforms.some((t) => scalarString(t)?.startsWith('AWS::Serverless'))) return true;
  const resources = entryOf(root, 'Resources')?.value;
  return (
    resources?.kind === 'map' &&
    resources.entries.some((e) => scalarString(entryOf(e.value, 'Type')?.value)?.startsWith('AWS::'))
  );
}

/** Logical ID → BackupVaultName, for the vaults whose name the template writes literally. */
function literalVaults(resources: SourceMap): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of resources.entries) {
    if (scalarString(entryOf(e.value, 'Type')?.value) !== VAULT) continue;
    const name = scalarString(entryOf(entryOf(e.value, 'Properties')?.value, 'BackupVaultName')?.value);
    if (name !== undefined) out.set(e.key, name);
  }
  return out;
}

/** The logical ID a selection's BackupPlanId refers to (`!Ref Plan`, `!GetAtt Plan.BackupPlanId`). */
function planOf(value: SourceNode | undefined): string | undefined {
  if (value?.kind !== 'intrinsic' || value.args?.kind !== 'scalar' || typeof value.args.value !== 'string')
    return value?.kind === 'intrinsic' && value.name === 'Fn::GetAtt' && value.args?.kind === 'seq'
      ? scalarString(value.args.items[0])
      : undefined;
  if (value.name === 'Ref') return value.args.value;
  if (value.name === 'Fn::GetAtt') return value.args.value.split('.')[0];
  return undefined;
}

/** Reads a template; exported for the fuzz test (the adapter's `extract` never throws). */
export function extractTemplate(text: string): EmbeddingResult | undefined {
  const template = readTemplate(text);
  const root = template.root;
  if (!isTemplate(root)) return undefined;
  const findings: RawFinding[] = template.errors.map((e) => ({ code: 'CFN003', ...e }));
  const documents: EmbeddedDocument[] = [];
  const resources = entryOf(root, 'Resources')?.value;
  for (const e of root.entries)
    if (e.key === 'Resources' && e.value?.kind === 'map')
      for (const r of e.value.entries) checkIntrinsics(r.value, r.key, findings);
    else checkIntrinsics(e.value, undefined, findings);
  if (resources?.kind !== 'map') return { format: 'cloudformation', documents, findings };
  const vaults = literalVaults(resources);
  const declared = [...new Set(vaults.values())];
  const types = new Map(resources.entries.map((e) => [e.key, scalarString(entryOf(e.value, 'Type')?.value)]));
  for (const resource of resources.entries) {
    const type = types.get(resource.key);
    if (!isDocumentType(type)) continue;
    const schema = RESOURCE_SCHEMAS[type];
    const ctx: MapContext = { text, root: schema, vaults, findings, resource: resource.key };
    const label = { label: resource.key, offset: resource.keyOffset, length: resource.keyLength };
    const propsEntry = entryOf(resource.value, 'Properties');
    const props = propsEntry?.value;
    if (props?.kind === 'intrinsic') continue; // Fn::If over the whole resource: not known here.
    const present = new Set(props?.kind === 'map' ? props.entries.map((e) => e.key) : []);
    const missing = (schema.required ?? []).filter((r) => !present.has(r));
    if (missing.length)
      findings.push({
        code: 'CFN002',
        resource: resource.key,
        message: `${type} "${resource.key}" needs ${missing.map((m) => `"${m}"`).join(' and ')} under Properties: CloudFormation rejects the resource without ${missing.length > 1 ? 'them' : 'it'}.`,
        ...(propsEntry
          ? { offset: propsEntry.keyOffset, length: propsEntry.keyLength }
          : { offset: resource.keyOffset, length: resource.keyLength }),
      });
    if (props?.kind !== 'map') continue;
    checkResourceProperties(props, type, ctx);
    const docProp = DOCUMENT_PROPERTY[type];
    const value = docProp.name
      ? entryOf(props, docProp.name)?.value
      : { ...props, entries: props.entries.filter((e) => !docProp.notInDocument?.includes(e.key)) };
    if (value?.kind !== 'map') continue;
    const docSchema = docProp.name ? propertySchema(schema, schema, docProp.name).schema : schema;
    const docRoot = convertMap(value, docSchema, ctx, undefined, CFN_TO_CLI, docProp.name);
    const planLabel =
      type === SELECTION
        ? planOf(entryOf(props, 'BackupPlanId')?.value)
        : type === RESTORE_TESTING_SELECTION
          ? planOf(entryOf(props, 'RestoreTestingPlanName')?.value)
          : undefined;
    const planType = type === SELECTION ? PLAN : RESTORE_TESTING_PLAN;
    documents.push({
      kind: docProp.kind,
      root: docRoot,
      resource: label,
      sourceNames: CLI_TO_CFN,
      ...(planLabel && types.get(planLabel) === planType ? { planLabel } : {}),
    });
  }
  for (const d of documents) {
    if (d.kind !== 'restore-testing-selection' || !d.planLabel) continue;
    const plan = documents.find((p) => p.kind === 'restore-testing-plan' && p.resource.label === d.planLabel);
    const f = continuousOnlyForType(plan?.root, d.root, d.resource.label);
    if (f) findings.push(f);
  }
  return { format: 'cloudformation', documents, findings, vaults: declared };
}

/** The resource's own property names (BackupPlan, BackupPlanTags, BackupPlanId…). */
function checkResourceProperties(props: SourceMap, type: BackupResourceType, ctx: MapContext): void {
  const schema = RESOURCE_SCHEMAS[type];
  const readOnly = new Set((schema.readOnlyProperties ?? []).map((p) => p.split('/').pop()));
  const allowed = propertyNames(schema, schema);
  for (const e of props.entries) {
    if (readOnly.has(e.key))
      ctx.findings.push({
        code: 'CFN001',
        resource: ctx.resource,
        message: `"${e.key}" is a read-only attribute of ${type}: CloudFormation sets it, a template cannot. Remove it (read it with !GetAtt).`,
        offset: e.keyOffset,
        length: e.keyLength,
      });
    else if (!propertySchema(schema, schema, e.key).known)
      reportUnknown(e, props, allowed, ctx, ` of ${type}`);
  }
}

export const cloudFormationAdapter: FormatAdapter = {
  format: 'cloudformation',
  extensions: ['.yaml', '.yml', '.json', '.template'],
  sniff: sniffCloudFormation,
  extract(text) {
    try {
      return extractTemplate(text);
    } catch {
      // Never throws, on any text: a template this adapter cannot read is left alone.
      return undefined;
    }
  },
  translateFix: translateCloudFormationFix,
};
