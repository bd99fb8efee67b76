// Writes schemas/*.schema.json from the AWS Backup service model (botocore service-2.json).
// Run: node scripts/generate-schemas.mjs [path/to/service-2.json]
// Writing the schemas also writes the validators compiled from them (scripts/generate-validators.mjs).
// The model path defaults to the vendored copy, schemas/aws-backup-model/service-2.json (botocore,
// Apache-2.0; see its README). A unit test checks
// that the committed schemas are what this script makes, so the two never drift apart.
//
// Deliberate departures from the model, each for a documented reason:
//  - ConditionType: the model's enum is STRINGEQUALS but AWS's own selection examples use
//    "StringEquals" (service model: the BackupSelection.ListOfTags and Condition docs), so both spellings
//    are accepted.
//  - StartRestoreJobInput.ResourceType: the model's pattern forbids spaces, yet the SAP HANA restore
//    guide passes "SAP HANA on Amazon EC2" (https://docs.aws.amazon.com/aws-backup/latest/devguide/saphana-restore.html); the pattern is dropped and JOB002 checks the value.
//  - Restore metadata values are left untyped here: RST001 reports non-string values, with a fix.
//  - Timestamps in get-backup-plan output are accepted as ISO strings (what the CLI prints) or numbers.
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeValidators } from './generate-validators.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const check = process.argv.includes('--check');
const modelPath =
  process.argv.slice(2).find((a) => !a.startsWith('--')) ??
  join(root, 'schemas', 'aws-backup-model', 'service-2.json');

export function generateSchemas(model) {
  const shapes = model.shapes;

  function docText(html) {
    if (!html) return undefined;
    let t = html
      .replace(/<code>(.*?)<\/code>/gs, '`$1`')
      .replace(/<\/p>\s*<p>/g, '\n\n')
      .replace(/<li>/g, '\n- ')
      .replace(/<[^>]+>/g, '')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, '&')
      .replace(/[ \t]+/g, ' ')
      .replace(/\n /g, '\n')
      .trim();
    return t.length > 0 ? t : undefined;
  }

  // The model escapes '_' and '-' in character classes, which a Unicode-mode RegExp rejects.
  const cleanPattern = (p) => p.replace(/\\_/g, '_');

  function shapeSchema(name, defs, overrides) {
    const s = shapes[name];
    if (!s) throw new Error(`shape ${name} not in the model`);
    if (overrides[name]) return overrides[name];
    switch (s.type) {
      case 'structure': {
        if (!defs[name]) {
          defs[name] = {}; // placeholder against recursion
          const props = {};
          for (const [member, ref] of Object.entries(s.members)) {
            const key = `${name}.${member}`;
            const sub = overrides[key] ?? refSchema(ref.shape, defs, overrides);
            const d = docText(ref.documentation) ?? docText(shapes[ref.shape]?.documentation);
            props[member] = d ? { ...sub, description: d } : sub;
          }
          const obj = { type: 'object', properties: props, additionalProperties: false };
          if (s.required?.length) obj.required = s.required;
          const d = docText(s.documentation);
          if (d) obj.description = d;
          defs[name] = obj;
        }
        return { $ref: `#/$defs/${name}` };
      }
      default:
        return refSchema(name, defs, overrides);
    }
  }

  function refSchema(name, defs, overrides) {
    if (overrides[name]) return overrides[name];
    const s = shapes[name];
    switch (s.type) {
      case 'structure':
        return shapeSchema(name, defs, overrides);
      case 'list': {
        const out = { type: 'array', items: refSchema(s.member.shape, defs, overrides) };
        if (s.min !== undefined) out.minItems = s.min;
        if (s.max !== undefined) out.maxItems = s.max;
        return out;
      }
      case 'map': {
        const out = { type: 'object', additionalProperties: refSchema(s.value.shape, defs, overrides) };
        const key = shapes[s.key.shape];
        if (key?.pattern) out.propertyNames = { pattern: cleanPattern(key.pattern) };
        return out;
      }
      case 'string': {
        const out = { type: 'string' };
        if (s.enum) out.enum = s.enum;
        if (s.pattern) out.pattern = cleanPattern(s.pattern);
        if (s.min !== undefined) out.minLength = s.min;
        if (s.max !== undefined) out.maxLength = s.max;
        return out;
      }
      case 'long':
      case 'integer': {
        const out = { type: 'integer' };
        if (s.min !== undefined) out.minimum = s.min;
        if (s.max !== undefined) out.maximum = s.max;
        return out;
      }
      case 'boolean':
        return { type: 'boolean' };
      case 'double':
      case 'float':
        return { type: 'number' };
      case 'timestamp':
        return { type: ['string', 'number'] };
      default:
        throw new Error(`unhandled shape type ${s.type} (${name})`);
    }
  }

  const common = {
    ConditionType: {
      type: 'string',
      enum: ['STRINGEQUALS', 'StringEquals'],
    },
  };
  const docs = {
    'backup-plan': [
      'BackupPlanInput',
      'A backup plan, as `aws backup create-backup-plan --backup-plan file://…` takes it.',
    ],
    'create-backup-plan': [
      'CreateBackupPlanInput',
      'Input of `aws backup create-backup-plan --cli-input-json file://…`.',
    ],
    'update-backup-plan': [
      'UpdateBackupPlanInput',
      'Input of `aws backup update-backup-plan --cli-input-json file://…`.',
    ],
    'get-backup-plan': ['GetBackupPlanOutput', 'Output of `aws backup get-backup-plan`.'],
    'backup-selection': [
      'BackupSelection',
      'A backup selection, as `aws backup create-backup-selection --backup-selection file://…` takes it.',
    ],
    'create-backup-selection': [
      'CreateBackupSelectionInput',
      'Input of `aws backup create-backup-selection --cli-input-json file://…`.',
    ],
    'start-restore-job': [
      'StartRestoreJobInput',
      'Input of `aws backup start-restore-job --cli-input-json file://…`.',
    ],
    'get-recovery-point-restore-metadata': [
      'GetRecoveryPointRestoreMetadataOutput',
      'Output of `aws backup get-recovery-point-restore-metadata`.',
    ],
    'restore-testing-plan': [
      'RestoreTestingPlanForCreate',
      'A restore testing plan, as `aws backup create-restore-testing-plan --restore-testing-plan file://…` takes it.',
    ],
    'create-restore-testing-plan': [
      'CreateRestoreTestingPlanInput',
      'Input of `aws backup create-restore-testing-plan --cli-input-json file://…`.',
    ],
    'restore-testing-selection': [
      'RestoreTestingSelectionForCreate',
      'A restore testing selection, as `aws backup create-restore-testing-selection --restore-testing-selection file://…` takes it.',
    ],
    'create-restore-testing-selection': [
      'CreateRestoreTestingSelectionInput',
      'Input of `aws backup create-restore-testing-selection --cli-input-json file://…`.',
    ],
  };
  const out = {};
  for (const [kind, [shape, title]] of Object.entries(docs)) {
    const defs = {};
    const overrides = {
      ...common,
      Metadata: { type: 'object', additionalProperties: true },
      'StartRestoreJobInput.ResourceType': { type: 'string' },
      // The output names SAP HANA's type with spaces too ("SAP HANA on Amazon EC2", saphana-restore.html).
      'GetRecoveryPointRestoreMetadataOutput.ResourceType': { type: 'string' },
    };
    const rootRef = shapeSchema(shape, defs, overrides);
    const rootName = rootRef.$ref.split('/').pop();
    const rootDef = defs[rootName];
    delete defs[rootName];
    const schema = {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      $id: `https://aws-backup-pitr.invalid/schemas/${kind}.schema.json`,
      title,
      ...rootDef,
      $defs: Object.fromEntries(Object.entries(defs).sort(([a], [b]) => a.localeCompare(b))),
    };
    if (Object.keys(schema.$defs).length === 0) delete schema.$defs;
    out[kind] = schema;
  }
  out['restore-metadata'] = {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://aws-backup-pitr.invalid/schemas/restore-metadata.schema.json',
    title: 'Restore metadata, as `aws backup start-restore-job --metadata file://…` takes it.',
    description: docText(model.shapes.StartRestoreJobInput.members.Metadata.documentation),
    type: 'object',
    additionalProperties: true,
  };
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (!existsSync(modelPath)) {
    console.error(`the service model is not at ${modelPath}: pass the path of a botocore service-2.json`);
    process.exit(2);
  }
  const model = JSON.parse(readFileSync(modelPath, 'utf8'));
  const schemas = generateSchemas(model);
  if (check) {
    // --check: the committed schemas must be exactly what the model gives.
    const stale = Object.entries(schemas).filter(([kind, schema]) => {
      let committed = '';
      try {
        committed = readFileSync(join(root, 'schemas', `${kind}.schema.json`), 'utf8');
      } catch {}
      return committed !== JSON.stringify(schema, null, 2) + '\n';
    });
    if (stale.length) {
      console.error(
        `schemas out of date with ${modelPath}: ${stale.map(([k]) => k).join(', ')}. Run: node scripts/generate-schemas.mjs`,
      );
      process.exit(1);
    }
    console.log(`${Object.keys(schemas).length} schemas match ${modelPath}`);
    process.exit(0);
  }
  mkdirSync(join(root, 'schemas'), { recursive: true });
  for (const [kind, schema] of Object.entries(schemas)) {
    writeFileSync(join(root, 'schemas', `${kind}.schema.json`), JSON.stringify(schema, null, 2) + '\n');
  }
  console.log(`wrote ${Object.keys(schemas).length} schemas from ${modelPath}`);
  // The validators compiled from them (src/lint/generated/validators.js), so the two never differ.
  writeValidators();
  console.log('wrote src/lint/generated/validators.js');
}
