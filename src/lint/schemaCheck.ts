import type { ErrorObject } from 'ajv';
import { findNodeAtLocation, getNodePath, getNodeValue, type Node } from 'jsonc-parser';
import { objectAnchor, span } from './jsonAst';
import { isUnknown } from './formats/types';
import { SCHEMAS, schemaAtPath, type SchemaNode } from './schemas';
import { didYouMean } from './suggest';
import type { DocumentKind, Finding, Fix } from './types';
// Compiled from SCHEMAS at build time (scripts/generate-validators.mjs), so ajv does not ship.
import { validators } from './generated/validators';

type Push = (f: Omit<Finding, 'severity'>) => void;

const API = 'https://docs.aws.amazon.com/aws-backup/latest/devguide/API_';
/**
 * The API page of each kind's shape, for its SCHEMA findings (the rules table links
 * CreateBackupPlan): a selection's wrong type links BackupSelection, a restore's StartRestoreJob.
 */
const API_PAGE: Partial<Record<DocumentKind, string>> = {
  'update-backup-plan': `${API}UpdateBackupPlan.html`,
  'get-backup-plan': `${API}GetBackupPlan.html`,
  'backup-selection': `${API}BackupSelection.html`,
  'create-backup-selection': `${API}CreateBackupSelection.html`,
  'restore-metadata': `${API}StartRestoreJob.html`,
  'start-restore-job': `${API}StartRestoreJob.html`,
  'get-recovery-point-restore-metadata': `${API}GetRecoveryPointRestoreMetadata.html`,
};

/** Validates the document against its kind's schema and maps each error to the node at fault. */
export function checkSchema(
  kind: DocumentKind,
  root: Node,
  text: string,
  push: Push,
  knownValue?: { value: unknown },
  /**
   * Whether a number written with a fraction or an exponent is the AWS CLI's float (JSON, and a
   * template's JSON or YAML). Not in Terraform, whose numbers convert to a whole number when they
   * are one (`1e1` is 10).
   */
  floats = true,
): void {
  const page = API_PAGE[kind];
  const report: Push = page ? (f) => push({ ...f, url: page }) : push;
  if (floats) checkFloats(kind, root, text, report);
  const value: unknown = knownValue ? knownValue.value : getNodeValue(root);
  const validate = validators[kind];
  if (validate(value)) return;
  const seen = new Set<string>();
  for (const err of validate.errors ?? []) {
    const f = mapError(err, root);
    if (!f) continue;
    const key = `${f.code}:${f.offset}:${f.length}:${f.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    report(f);
  }
}

/**
 * Every float literal has a digit followed by "." or an exponent: a text with none (strings included)
 * has nothing for checkFloats to find. Tested once per text: a template calls checkFloats once per
 * plan it holds, all with the same text.
 */
let tested: { text: string; holds: boolean } | undefined;
function mayHoldFloatLiteral(text: string): boolean {
  if (tested?.text !== text) tested = { text, holds: /\d[.eE]/.test(text) };
  return tested.holds;
}

/**
 * Numbers written with a fraction or an exponent (`30.0`, `1e3`, `1e999999`) where the service
 * model wants an integer. JavaScript (and so the schema validator) sees 30 and 1000 as integers and
 * infinity as one too, but the AWS CLI's JSON reader makes them floats, which its parameter
 * validation refuses ("Invalid type for parameter …, type: <class 'float'>, valid types: <class
 * 'int'>"). Fractions such as 60.5 are left to the validator, which reports them already.
 */
function checkFloats(kind: DocumentKind, root: Node, text: string, push: Push): void {
  if (!mayHoldFloatLiteral(text)) return;
  const stack: Node[] = [root];
  for (let node = stack.pop(); node; node = stack.pop()) {
    for (const child of node.children ?? []) stack.push(child);
    if (node.type !== 'number' || typeof node.value !== 'number') continue;
    const value = node.value;
    if (Number.isFinite(value) && !Number.isInteger(value)) continue;
    const literal = text.slice(node.offset, node.offset + node.length);
    if (!/[.eE]/.test(literal)) continue;
    const path = getNodePath(node);
    const schemaType = schemaAtPath(SCHEMAS[kind], path)?.type;
    if (schemaType !== 'integer' && !(Array.isArray(schemaType) && schemaType.includes('integer'))) continue;
    const exact = Number.isSafeInteger(value);
    push({
      code: 'SCHEMA003',
      message: exact
        ? `${label(path)} must be an integer, not ${literal}: the AWS CLI reads ${literal} as a float and refuses it. Write ${value}.`
        : `${label(path)} must be an integer, not ${literal}: the AWS CLI reads it as a float${Number.isFinite(value) ? '' : ' (infinity)'} and refuses it.`,
      ...span(node),
      fixes: exact
        ? [
            {
              title: `Replace with the integer ${value}`,
              edits: [{ ...span(node), newText: String(value) }],
              isPreferred: true,
            },
          ]
        : [],
    });
  }
}

function pointerToPath(pointer: string): (string | number)[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function where(path: (string | number)[]): string {
  const named = path.filter((p) => typeof p === 'string');
  return named.length ? ` in ${String(named[named.length - 1])}` : '';
}

function mapError(err: ErrorObject, root: Node): Omit<Finding, 'severity'> | undefined {
  const path = pointerToPath(err.instancePath);
  const node = path.length ? findNodeAtLocation(root, path) : root;
  // A value left to deployment (a template's intrinsic function) is never missing or wrong.
  if (!node || isUnknown(node)) return undefined;
  const parentSchema = err.parentSchema as SchemaNode | undefined;
  switch (err.keyword) {
    case 'additionalProperties': {
      const name = (err.params as { additionalProperty: string }).additionalProperty;
      const keyNode = node.children?.find((p) => p.children?.[0]?.value === name)?.children?.[0];
      if (!keyNode) return undefined;
      const allowed = Object.keys(parentSchema?.properties ?? {});
      const suggestion = didYouMean(name, allowed);
      const fixes: Fix[] = suggestion
        ? [
            {
              title: `Rename to "${suggestion}"`,
              edits: [
                { offset: keyNode.offset, length: keyNode.length, newText: JSON.stringify(suggestion) },
              ],
              isPreferred: true,
            },
          ]
        : [];
      const list = allowed.length <= 12 ? ` Allowed: ${allowed.join(', ')}.` : '';
      return {
        code: 'SCHEMA001',
        message: suggestion
          ? `Unknown property "${name}"${where(path)}. Did you mean "${suggestion}"?`
          : `Unknown property "${name}"${where(path)}: the API rejects it. Remove it.${list}`,
        ...span(keyNode),
        fixes,
      };
    }
    case 'required': {
      const missing = (err.params as { missingProperty: string }).missingProperty;
      if (node.children?.some((p) => p.children?.[0]?.value === missing)) return undefined; // Unknown value.
      const anchor = node.type === 'object' ? objectAnchor(node) : span(node);
      return {
        code: 'SCHEMA002',
        message: `Missing required property "${missing}"${where(path)}. Add it.`,
        ...anchor,
      };
    }
    case 'type': {
      const expected = (err.params as { type: string | string[] }).type;
      const want = Array.isArray(expected) ? expected.join(' or ') : expected;
      const got = node.type === 'number' && Number.isInteger(node.value) ? 'integer' : node.type;
      const fixes: Fix[] = [];
      if (want === 'integer' && node.type === 'string' && /^-?\d+$/.test(String(node.value)))
        fixes.push({
          title: `Replace with the number ${String(node.value)}`,
          edits: [{ ...span(node), newText: String(node.value) }],
          isPreferred: true,
        });
      if (want === 'boolean' && node.type === 'string' && /^(true|false)$/i.test(String(node.value)))
        fixes.push({
          title: `Replace with ${String(node.value).toLowerCase()}`,
          edits: [{ ...span(node), newText: String(node.value).toLowerCase() }],
          isPreferred: true,
        });
      return {
        code: 'SCHEMA003',
        message: `${label(path)} must be ${article(want)}, not ${article(got)}.`,
        ...span(node),
        fixes,
      };
    }
    case 'enum': {
      const allowed = ((err.params as { allowedValues: unknown[] }).allowedValues ?? []).map(String);
      const suggestion = typeof node.value === 'string' ? didYouMean(node.value, allowed) : undefined;
      return {
        code: 'SCHEMA004',
        message: `${label(path)} must be one of ${allowed.map((a) => `"${a}"`).join(', ')}.${suggestion ? ` Did you mean "${suggestion}"?` : ''}`,
        ...span(node),
        fixes: suggestion
          ? [
              {
                title: `Replace with "${suggestion}"`,
                edits: [{ ...span(node), newText: JSON.stringify(suggestion) }],
                isPreferred: true,
              },
            ]
          : [],
      };
    }
    case 'pattern':
      return {
        code: 'SCHEMA004',
        message: `${label(path)} ${JSON.stringify(node.value)} does not match ${(err.params as { pattern: string }).pattern}.${patternHint(path)}`,
        ...span(node),
      };
    case 'minLength':
    case 'maxLength':
    case 'minimum':
    case 'maximum':
    case 'minItems':
    case 'maxItems':
      return {
        code: 'SCHEMA004',
        message: `${label(path)} ${err.message ?? 'is out of range'}.`,
        ...span(node),
      };
    default:
      return {
        code: 'SCHEMA004',
        message: `${label(path)} ${err.message ?? 'is not valid'}.`,
        ...span(node),
      };
  }
}

function label(path: (string | number)[]): string {
  const last = path[path.length - 1];
  if (last === undefined) return 'The file';
  if (typeof last === 'number') {
    const owner = path.filter((p) => typeof p === 'string').pop();
    return owner ? `Item ${last + 1} of ${owner}` : `Item ${last + 1}`;
  }
  return `"${last}"`;
}

function article(t: string): string {
  return /^[aeiou]/.test(t) ? `an ${t}` : `a ${t}`;
}

function patternHint(path: (string | number)[]): string {
  const last = path.filter((p) => typeof p === 'string').pop();
  if (last === 'TargetBackupVaultName')
    return ' Vault names take 2 to 50 letters, digits, "-" or "_" (no dots).';
  if (last === 'RuleName' || last === 'SelectionName')
    return ' Names take 1 to 50 letters, digits, "-", "_" or ".".';
  return '';
}
