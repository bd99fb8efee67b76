import { findNodeAtLocation, findNodeAtOffset, getLocation, getNodePath, type Node } from 'jsonc-parser';
import { parseDocument, properties } from './jsonAst';
import { findMetadataKey, findMetadataKeyIgnoringCase, metadataKeysOf } from './metadataKeys';
import { deref, schemaAtPath, SCHEMAS, type SchemaNode } from './schemas';
import type { DocumentKind, MetadataResourceType, Recognition } from './types';
import { resourceTypeNames } from '../backup/resourceTypes';

/** Completion and hover from the schemas and the metadata key catalogue; no `vscode` here. */
export interface CompletionEntry {
  label: string;
  kind: 'property' | 'value';
  /** Snippet text (VS Code snippet syntax) to insert. */
  insertSnippet: string;
  /** What the insertion replaces. */
  offset: number;
  length: number;
  documentation?: string;
  detail?: string;
}

export interface HoverInfo {
  markdown: string;
  offset: number;
  length: number;
}

type Path = (string | number)[];

/** Where restore metadata sits in a document of this kind. */
function metadataPath(r: Recognition): Path | undefined {
  if (r.kind === 'restore-metadata') return [];
  if (r.kind === 'start-restore-job') return ['Metadata'];
  return undefined;
}

function samePath(a: Path, b: Path): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function typeLabel(s: SchemaNode | undefined): string | undefined {
  if (!s) return undefined;
  if (s.enum) return s.enum.map((e) => JSON.stringify(e)).join(' | ');
  return Array.isArray(s.type) ? s.type.join(' | ') : s.type;
}

export function completionsAt(text: string, offset: number, r: Recognition): CompletionEntry[] {
  const { root, tooDeepAt } = parseDocument(text);
  if (tooDeepAt !== undefined) return [];
  const loc = getLocation(text, offset);
  const prev = loc.previousNode;
  const replace =
    prev &&
    (prev.type === 'string' || prev.type === 'property') &&
    offset >= prev.offset &&
    offset <= prev.offset + prev.length
      ? { offset: prev.offset, length: prev.length }
      : { offset, length: 0 };
  const metaPath = metadataPath(r);
  const resourceType: MetadataResourceType = r.resourceType ?? 'generic';

  if (loc.isAtPropertyKey) {
    const objPath = loc.path.slice(0, -1);
    const obj = root ? (objPath.length ? findNodeAtLocation(root, objPath) : root) : undefined;
    const present = new Set(properties(obj).map((p) => p.name));
    const current = prev?.type === 'string' ? String(prev.value) : undefined;
    if (metaPath && samePath(objPath, metaPath)) {
      return metadataKeysOf(resourceType)
        .filter((k) => !present.has(k.key) || k.key === current)
        .map((k) => ({
          label: k.key,
          kind: 'property',
          insertSnippet: `"${k.key}": "$1"`,
          ...replace,
          documentation: k.doc,
          detail: `${resourceType} restore metadata${k.required ? ' (required)' : ''}`,
        }));
    }
    const schema = SCHEMAS[r.kind];
    const objSchema = schemaAtPath(schema, objPath);
    return Object.entries(objSchema?.properties ?? {})
      .filter(([name]) => !present.has(name) || name === current)
      .map(([name, prop]) => {
        const p = deref(schema, prop);
        return {
          label: name,
          kind: 'property' as const,
          insertSnippet: `"${name}": ${valueSnippet(p)}`,
          ...replace,
          ...(prop.description ? { documentation: prop.description } : {}),
          detail: `${objSchema?.required?.includes(name) ? 'required ' : ''}${typeLabel(p) ?? ''}`.trim(),
        };
      });
  }

  // A value position.
  const path = loc.path;
  const key = path[path.length - 1];
  if (metaPath && typeof key === 'string' && samePath(path.slice(0, -1), metaPath)) {
    const k = findMetadataKey(resourceType, key);
    return (k?.values ?? []).map((v) => ({
      label: JSON.stringify(v),
      kind: 'value',
      insertSnippet: JSON.stringify(v),
      ...replace,
    }));
  }
  if (r.kind === 'start-restore-job' && samePath(path, ['ResourceType']))
    return resourceTypeNames().map((v) => ({
      label: JSON.stringify(v),
      kind: 'value',
      insertSnippet: JSON.stringify(v),
      ...replace,
    }));
  const s = schemaAtPath(SCHEMAS[r.kind], path);
  const values: unknown[] = s?.enum ?? (s?.type === 'boolean' ? [true, false] : []);
  return values.map((v) => ({
    label: JSON.stringify(v),
    kind: 'value',
    insertSnippet: JSON.stringify(v),
    ...replace,
  }));
}

function valueSnippet(s: SchemaNode | undefined): string {
  switch (Array.isArray(s?.type) ? s?.type[0] : s?.type) {
    case 'object':
      return '{$1}';
    case 'array':
      return '[$1]';
    case 'boolean':
      return '${1|true,false|}';
    case 'integer':
    case 'number':
      return '${1:0}';
    default:
      return s?.enum ? `\${1|${s.enum.map((e) => JSON.stringify(e)).join(',')}|}` : '"$1"';
  }
}

export function hoverAt(text: string, offset: number, r: Recognition): HoverInfo | undefined {
  const { root } = parseDocument(text);
  if (!root) return undefined;
  const node = findNodeAtOffset(root, offset, true);
  // Hover speaks of properties: on the name or on the value, find the property it belongs to.
  const prop: Node | undefined =
    node?.type === 'property' ? node : node?.parent?.type === 'property' ? node.parent : undefined;
  const keyNode = prop?.children?.[0];
  const owner = prop?.parent;
  if (!prop || !keyNode || !owner || typeof keyNode.value !== 'string') return undefined;
  const objPath = getNodePath(owner);
  const name = keyNode.value;
  const metaPath = metadataPath(r);
  if (metaPath && samePath(objPath, metaPath)) {
    const type = r.resourceType ?? 'generic';
    const k = findMetadataKey(type, name) ?? findMetadataKeyIgnoringCase(type, name);
    if (!k) return undefined;
    const values = k.values ? `\n\nValues: ${k.values.map((v) => `\`"${v}"\``).join(', ')}` : '';
    return {
      markdown: `**${k.key}** — ${type} restore metadata${k.required ? ' (required)' : ''}\n\n${k.doc}${values}`,
      offset: keyNode.offset,
      length: keyNode.length,
    };
  }
  const markdown = propertyDoc(r.kind, objPath, name);
  return markdown === undefined ? undefined : { markdown, offset: keyNode.offset, length: keyNode.length };
}

/**
 * The hover text of property `name` of the object at `objPath` in a document of this kind, from the
 * schema (the service model's documentation); `shownAs` names it as the file does.
 */
/**
 * Text from a file, as inline code in a hover's Markdown: one line, and no backtick that could end
 * the span early and let the rest be read as Markdown (a link, an image).
 */
export function inlineCode(s: string): string {
  return `\`${s.replace(/`/g, "'").replace(/\s+/g, ' ').trim()}\``;
}

/** Text from a file, inert in Markdown: every character Markdown could read as syntax is escaped. */
export function markdownText(s: string): string {
  return s.replace(/\s+/g, ' ').replace(/[\\`*_{}[\]()#+\-.!|<>~&]/g, (c) => `\\${c}`);
}

export function propertyDoc(
  kind: DocumentKind,
  objPath: Path,
  name: string,
  shownAs: string = name,
): string | undefined {
  const schema = SCHEMAS[kind];
  const parent = schemaAtPath(schema, objPath);
  const raw = parent?.properties?.[name];
  if (!raw) return undefined;
  const s = deref(schema, raw);
  const type = typeLabel(s);
  const required = parent?.required?.includes(name) ? ' (required)' : '';
  const doc = raw.description ?? s?.description ?? '';
  return `**${shownAs}**${type ? ` \`${type}\`` : ''}${required}\n\n${doc}`.trim();
}
