/**
 * Completion in a YAML template's Backup documents: property names the CloudFormation resource
 * schema takes at the cursor's mapping (with the API's documentation), and the values an enum or a
 * boolean allows. Block style only: the indentation says which mapping the cursor is in.
 */
import { getNodePath, type Node } from 'jsonc-parser';
import { propertyDoc, type CompletionEntry } from '../assist';
import { schemaAtPath, SCHEMAS } from '../schemas';
import type { EmbeddedDocument } from './types';
import type { CliNode } from './cloudformationSource';
import { scalarText } from './cloudformationFix';
import {
  CFN_TO_CLI,
  CLI_TO_CFN,
  propertySchema,
  resolveSchema,
  RESOURCE_SCHEMAS,
  type CfnSchema,
} from './cloudformationSchema';

/** Each document's resource schema, and the property holding it (none: the resource's Properties are the document). */
const DOCUMENT_SCHEMA: Readonly<
  Record<EmbeddedDocument['kind'], { root: CfnSchema; property: string | undefined }>
> = {
  'backup-plan': { root: RESOURCE_SCHEMAS['AWS::Backup::BackupPlan'], property: 'BackupPlan' },
  'backup-selection': { root: RESOURCE_SCHEMAS['AWS::Backup::BackupSelection'], property: 'BackupSelection' },
  'restore-testing-plan': { root: RESOURCE_SCHEMAS['AWS::Backup::RestoreTestingPlan'], property: undefined },
  'restore-testing-selection': {
    root: RESOURCE_SCHEMAS['AWS::Backup::RestoreTestingSelection'],
    property: undefined,
  },
};

/** The CloudFormation schema of the object at an API path of the document. */
function cfnSchemaAt(kind: EmbeddedDocument['kind'], path: (string | number)[]): CfnSchema | undefined {
  const { root, property } = DOCUMENT_SCHEMA[kind];
  let s = property ? propertySchema(root, root, property).schema : root;
  for (const seg of path) {
    if (!s) return undefined;
    s =
      typeof seg === 'number'
        ? resolveSchema(root, s.items)
        : propertySchema(root, s, CLI_TO_CFN[seg] ?? seg).schema;
  }
  return s;
}

function column(text: string, offset: number): number {
  return offset - (text.lastIndexOf('\n', offset - 1) + 1);
}

function* objects(root: Node): Generator<CliNode> {
  const stack = [root];
  for (let n = stack.pop(); n; n = stack.pop()) {
    if (n.type === 'object') yield n;
    for (const c of n.children ?? []) stack.push(c);
  }
}

/** Every non-blank line from `from` up to `to` is indented at least `col`. */
function staysIndented(text: string, from: number, to: number, col: number): boolean {
  for (const line of text.slice(from, to).split('\n').slice(1)) {
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    if (line.length - line.trimStart().length < col) return false;
  }
  return true;
}

/** The block mapping whose keys stand at column `col`, the nearest one above `offset`. */
function mappingAt(
  text: string,
  offset: number,
  col: number,
  documents: EmbeddedDocument[],
): { doc: EmbeddedDocument; node: CliNode } | undefined {
  let best: { doc: EmbeddedDocument; node: CliNode } | undefined;
  for (const doc of documents)
    for (const node of objects(doc.root)) {
      const src = node.cfn?.src;
      if (src?.kind !== 'map' || src.flow || src.entries.length === 0 || node.offset > offset) continue;
      if (column(text, src.entries[0]!.keyOffset) !== col) continue;
      if (best && best.node.offset > node.offset) continue;
      if (staysIndented(text, node.offset, offset, col)) best = { doc, node };
    }
  return best;
}

export function cloudFormationCompletions(
  text: string,
  offset: number,
  documents: EmbeddedDocument[],
): CompletionEntry[] {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  const key = /^([ \t]*(?:-[ \t]+)*)([A-Za-z]*)$/.exec(before);
  if (key) {
    const typed = key[2]!;
    const found = mappingAt(text, offset, key[1]!.length, documents);
    if (!found) return [];
    const path = getNodePath(found.node);
    const cfn = cfnSchemaAt(found.doc.kind, path);
    const present = new Set(
      found.node.cfn?.src?.kind === 'map' ? found.node.cfn.src.entries.map((e) => e.key) : [],
    );
    present.delete(typed);
    return Object.keys(cfn?.properties ?? {})
      .filter((name) => !present.has(name))
      .map((name) => {
        const api = CFN_TO_CLI[name] ?? name;
        const documentation = propertyDoc(found.doc.kind, path, api, name);
        const required = cfn?.required?.includes(name) ? 'required' : undefined;
        return {
          label: name,
          kind: 'property' as const,
          insertSnippet: `${name}: $1`,
          offset: offset - typed.length,
          length: typed.length,
          ...(documentation ? { documentation } : {}),
          ...(required ? { detail: required } : {}),
        };
      });
  }
  const value = /^([ \t]*(?:-[ \t]+)*)([A-Za-z]+):[ \t]*([A-Za-z_]*)$/.exec(before);
  if (!value) return [];
  const keyOffset = lineStart + value[1]!.length;
  for (const doc of documents)
    for (const node of objects(doc.root))
      for (const prop of node.children ?? []) {
        const k = prop.children?.[0];
        if (k?.offset !== keyOffset || typeof k.value !== 'string') continue;
        const s = schemaAtPath(SCHEMAS[doc.kind], [...getNodePath(node), k.value]);
        const values: unknown[] = s?.enum ?? (s?.type === 'boolean' ? [true, false] : []);
        const typed = value[3]!;
        return values.map((v) => {
          const shown = typeof v === 'string' ? scalarText(v, 'plain', false) : String(v);
          return {
            label: shown,
            kind: 'value' as const,
            insertSnippet: shown,
            offset: offset - typed.length,
            length: typed.length,
          };
        });
      }
  return [];
}
