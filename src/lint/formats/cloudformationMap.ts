/**
 * From a template's `AWS::Backup::BackupPlan` / `AWS::Backup::BackupSelection` properties to the
 * AWS CLI's shape (BackupPlanInput, BackupSelection) as jsonc-parser nodes whose offsets point into
 * the template, so every PLAN, PITR and SEL rule and the API schemas read them as they read a CLI
 * file. What CloudFormation resolves at deployment (intrinsic functions, parameters) becomes an
 * UnknownNode; a `!Ref` (or `!GetAtt …BackupVaultName`) to a vault of the same template whose
 * `BackupVaultName` is written literally becomes that name.
 */
import type { Node } from 'jsonc-parser';
import type { RawFinding } from '../context';
import { didYouMean } from '../suggest';
import type { Fix } from '../types';
import { entryRemoval } from './cloudformationFix';
import type { UnknownNode } from './types';
import type { CfnInfo, SourceEntry, SourceMap, SourceNode } from './cloudformationSource';
import {
  hasType,
  propertyNames,
  propertySchema,
  resolveSchema,
  type CfnSchema,
} from './cloudformationSchema';

type Mutable = { -readonly [K in keyof Node]: Node[K] } & { cfn?: CfnInfo; unknown?: true; source?: string };

export interface MapContext {
  text: string;
  root: CfnSchema;
  /** Logical ID → literal BackupVaultName, for vaults of the same template. */
  vaults: ReadonlyMap<string, string>;
  findings: RawFinding[];
  /** The logical ID of the resource being read, for its findings. */
  resource: string;
}

/** A short excerpt of how the template writes a value, for hovers and messages. */
function excerpt(text: string, offset: number, length: number): string {
  const s = text
    .slice(offset, offset + length)
    .replace(/\s+/g, ' ')
    .trim();
  return s.length > 80 ? `${s.slice(0, 77)}…` : s;
}

function unknownNode(src: SourceNode, ctx: MapContext, parent: Node | undefined): UnknownNode {
  const n: UnknownNode = {
    type: 'null',
    value: undefined,
    unknown: true,
    source: excerpt(ctx.text, src.offset, src.length),
    offset: src.offset,
    length: src.length,
    ...(parent ? { parent } : {}),
  };
  return n;
}

/** The vault a `!Ref Vault`, `{"Ref": "Vault"}` or `!GetAtt Vault.BackupVaultName` names, if literal. */
function resolvedVault(src: SourceNode, ctx: MapContext): string | undefined {
  if (src.kind !== 'intrinsic' || !src.args) return undefined;
  const a = src.args;
  if (src.name === 'Ref' && a.kind === 'scalar' && typeof a.value === 'string')
    return ctx.vaults.get(a.value);
  if (src.name !== 'Fn::GetAtt') return undefined;
  let target: unknown;
  let attribute: unknown;
  if (a.kind === 'scalar' && typeof a.value === 'string') [target, attribute] = a.value.split('.');
  else if (a.kind === 'seq' && a.items.length === 2 && a.items.every((i) => i.kind === 'scalar'))
    [target, attribute] = a.items.map((i) => (i.kind === 'scalar' ? i.value : undefined));
  return attribute === 'BackupVaultName' && typeof target === 'string' ? ctx.vaults.get(target) : undefined;
}

/** Converts a value under the schema `schema` (undefined: no schema says what it is). */
export function convertValue(
  src: SourceNode,
  schema: CfnSchema | undefined,
  ctx: MapContext,
  parent: Node | undefined,
  renames: Readonly<Record<string, string>>,
): Node {
  if (src.kind === 'intrinsic') {
    const vault = hasType(schema, 'string') ? resolvedVault(src, ctx) : undefined;
    if (vault === undefined) return unknownNode(src, ctx, parent);
    const n: Mutable = { type: 'string', value: vault, offset: src.offset, length: src.length, parent };
    n.cfn = { src, resolved: true };
    return n;
  }
  if (src.kind === 'scalar') {
    let value = src.value;
    // CloudFormation converts "60" to a number and "true" to a boolean where its schema wants one.
    if (typeof value === 'string' && hasType(schema, 'number') && /^-?\d+(\.\d+)?$/.test(value.trim()))
      value = Number(value);
    else if (typeof value === 'string' && hasType(schema, 'boolean') && /^(true|false)$/i.test(value))
      value = value.toLowerCase() === 'true';
    const type =
      value === null
        ? 'null'
        : typeof value === 'string'
          ? 'string'
          : typeof value === 'number'
            ? 'number'
            : 'boolean';
    const n: Mutable = { type, value, offset: src.offset, length: src.length, parent };
    n.cfn = { src };
    return n;
  }
  if (src.kind === 'seq') {
    const n: Mutable = { type: 'array', offset: src.offset, length: src.length, parent, children: [] };
    n.cfn = { src };
    const items = resolveSchema(ctx.root, schema?.items);
    for (const item of src.items) n.children!.push(convertValue(item, items, ctx, n, renames));
    return n;
  }
  // An object where the schema wants a string (a JSON document as text, say): not ours to read.
  if (schema && !hasType(schema, 'object') && schema.type !== undefined) return unknownNode(src, ctx, parent);
  return convertMap(src, schema, ctx, parent, renames);
}

/** A mapping, its unknown property names reported (CFN001) and left out of the API's shape. */
export function convertMap(
  src: SourceMap,
  schema: CfnSchema | undefined,
  ctx: MapContext,
  parent: Node | undefined,
  renames: Readonly<Record<string, string>>,
  owner?: string,
): Node {
  const n: Mutable = { type: 'object', offset: src.offset, length: src.length, parent, children: [] };
  n.cfn = { src };
  for (const entry of src.entries) {
    let name = entry.key;
    let { schema: child, known } = propertySchema(ctx.root, schema, name);
    if (!known) {
      const allowed = propertyNames(ctx.root, schema);
      reportUnknown(entry, src, allowed, ctx, owner ? ` in ${owner}` : '');
      // A case slip ("startWindowMinutes"): CloudFormation refuses the name, and its value is
      // still checked as the real key's would be, unless the real key is there too.
      const real = allowed.find((a) => a.toLowerCase() === name.toLowerCase());
      if (!real || src.entries.some((e) => e.key === real)) continue;
      name = real;
      ({ schema: child, known } = propertySchema(ctx.root, schema, real));
    }
    const prop: Mutable = {
      type: 'property',
      offset: entry.offset,
      length: entry.length,
      parent: n,
      children: [],
    };
    prop.cfn = { entry, map: src };
    const key: Mutable = {
      type: 'string',
      value: renames[name] ?? name,
      offset: entry.keyOffset,
      length: entry.keyLength,
      parent: prop,
    };
    prop.children!.push(key);
    if (entry.value) prop.children!.push(convertValue(entry.value, child, ctx, prop, renames));
    n.children!.push(prop);
  }
  return n;
}

/** CFN001 for a property name the resource schema does not have, with a rename when one is close. */
export function reportUnknown(
  entry: SourceEntry,
  map: SourceMap,
  allowed: string[],
  ctx: MapContext,
  where: string,
): void {
  // Never a name the mapping has already: the rename would write a duplicate key.
  const taken = new Set(map.entries.map((e) => e.key));
  const suggestion = didYouMean(
    entry.key,
    allowed.filter((a) => !taken.has(a)),
  );
  const list = allowed.length <= 14 ? ` It takes ${allowed.join(', ')}.` : '';
  ctx.findings.push({
    code: 'CFN001',
    resource: ctx.resource,
    message: suggestion
      ? `Unknown property "${entry.key}"${where}: the CloudFormation resource schema does not have it. Did you mean "${suggestion}"?`
      : `Unknown property "${entry.key}"${where}: the CloudFormation resource schema does not have it, and the stack fails to deploy. Remove it.${list}`,
    offset: entry.keyOffset,
    length: entry.keyLength,
    ...(entry.alias ? {} : suggestion ? renameFix(entry, suggestion) : removeFix(entry, map, ctx.text)),
  });
}

function removeFix(entry: SourceEntry, map: SourceMap, text: string): { fixes?: Fix[] } {
  const edit = entryRemoval(entry, map, text);
  return edit ? { fixes: [{ title: `Remove ${entry.key}`, edits: [edit], isPreferred: true }] } : {};
}

function renameFix(entry: SourceEntry, suggestion: string): { fixes: Fix[] } {
  return {
    fixes: [
      {
        title: `Rename to "${suggestion}"`,
        edits: [
          {
            offset: entry.keyOffset,
            length: entry.keyLength,
            newText: entry.keyStyle === 'plain' ? suggestion : JSON.stringify(suggestion),
          },
        ],
        isPreferred: true,
      },
    ],
  };
}
