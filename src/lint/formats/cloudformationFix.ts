/**
 * A rule's quick fix is written against the API-shaped tree as JSON edits: replace a value, rename
 * a key, remove a property (jsonAst's removalEdit). Here each edit becomes an edit of the template
 * as it is written: a YAML scalar keeps its quoting where it can (plain, 'single', "double"), a key
 * takes CloudFormation's name, a property leaves a block mapping line by line and a flow mapping
 * with its comma. An edit that cannot be written correctly drops the whole fix.
 */
import type { Node } from 'jsonc-parser';
import { removalEdit } from '../jsonAst';
import type { Fix, TextEdit } from '../types';
import { isUnknown, type EmbeddedDocument } from './types';
import type { CliNode } from './cloudformationSource';
import { CLI_TO_CFN } from './cloudformationSchema';
import type { ScalarStyle, SourceEntry, SourceMap } from './cloudformationSource';

export function translateCloudFormationFix(fix: Fix, doc: EmbeddedDocument, text: string): Fix | undefined {
  const edits: TextEdit[] = [];
  for (const e of fix.edits) {
    const t = translateEdit(e, doc.root, text);
    if (!t) return undefined;
    edits.push(t);
  }
  return { ...fix, edits };
}

function* walk(root: Node): Generator<Node> {
  const stack = [root];
  for (let n = stack.pop(); n; n = stack.pop()) {
    yield n;
    for (const c of n.children ?? []) stack.push(c);
  }
}

function translateEdit(e: TextEdit, root: Node, text: string): TextEdit | undefined {
  for (const node of walk(root)) {
    if (node.type === 'property') {
      if (e.newText === '' && sameEdit(removalEdit(node), e)) return removal(node, text);
      continue;
    }
    if (node.offset !== e.offset || node.length !== e.length) continue;
    // A value read through a YAML alias is written at its anchor, shared: no fix edits it here.
    if (fromAlias(node) || fromAlias(node.parent)) return undefined;
    const parent = node.parent;
    if (parent?.type === 'property' && parent.children?.[0] === node) return rename(parent, e);
    return replacement(node, e);
  }
  return undefined;
}

function fromAlias(node: CliNode | undefined): boolean {
  const cfn = node?.cfn;
  return cfn?.src?.alias === true || cfn?.entry?.alias === true || cfn?.map?.alias === true;
}

function sameEdit(a: TextEdit, b: TextEdit): boolean {
  return a.offset === b.offset && a.length === b.length && a.newText === b.newText;
}

function parseJson(s: string): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(s) as unknown };
  } catch {
    return undefined;
  }
}

function rename(prop: CliNode, e: TextEdit): TextEdit | undefined {
  const entry = prop.cfn?.entry;
  const parsed = parseJson(e.newText);
  if (!entry || typeof parsed?.value !== 'string') return undefined;
  const name = CLI_TO_CFN[parsed.value] ?? parsed.value;
  const inFlow = prop.cfn?.map?.flow ?? true;
  return { offset: e.offset, length: e.length, newText: scalarText(name, entry.keyStyle, inFlow) };
}

function replacement(node: CliNode, e: TextEdit): TextEdit | undefined {
  const src = node.cfn?.src;
  if (isUnknown(node) || node.cfn?.resolved || src?.kind !== 'scalar' || src.style === 'block')
    return undefined;
  if (src.style === 'json') return e;
  const parsed = parseJson(e.newText);
  if (!parsed) return undefined;
  const v = parsed.value;
  if (typeof v === 'number' || typeof v === 'boolean') return { ...e, newText: String(v) };
  if (typeof v === 'string') return { ...e, newText: scalarText(v, src.style, src.inFlow) };
  return undefined;
}

/** Booleans, nulls, numbers and timestamps of YAML 1.1 and 1.2: a plain scalar like these is not a string. */
const NOT_A_PLAIN_STRING =
  /^(?:~|null|true|false|yes|no|on|off|y|n|[-+]?(?:\.\d+|\d[\d_]*(?:\.\d*)?)(?:e[-+]?\d+)?|0x[\da-f]+|0o[0-7]+|[-+]?\.inf|\.nan|\d{4}-\d\d?-\d\d?.*)$/i;

/** Whether `s` reads back as the same string when written plain. */
export function isPlainSafe(s: string, inFlow: boolean): boolean {
  if (s === '' || s !== s.trim() || /[\n\r\t]/.test(s)) return false;
  if (/^[-?:,[\]{}#&*!|>'"%@`]/.test(s)) return false;
  if (s.includes(': ') || s.includes(' #') || s.endsWith(':')) return false;
  if (inFlow && /[,[\]{}]/.test(s)) return false;
  return !NOT_A_PLAIN_STRING.test(s);
}

/** A string as a YAML scalar in the style the template used, quoted when it has to be. */
export function scalarText(s: string, style: ScalarStyle, inFlow: boolean): string {
  if (style === 'plain' && isPlainSafe(s, inFlow)) return s;
  if (style === 'single' && !/[\n\r]/.test(s)) return `'${s.replace(/'/g, "''")}'`;
  return JSON.stringify(s);
}

function removal(prop: CliNode, text: string): TextEdit | undefined {
  const entry = prop.cfn?.entry;
  const map = prop.cfn?.map;
  if (!entry || !map || fromAlias(prop)) return undefined;
  return entryRemoval(entry, map, text);
}

/** The edit that removes an entry from its mapping as the template writes it, or undefined. */
export function entryRemoval(entry: SourceEntry, map: SourceMap, text: string): TextEdit | undefined {
  return map.flow ? flowRemoval(entry, map, text) : blockRemoval(entry, map, text);
}

/** `{ A: 1, B: 2 }` or JSON: the entry and the comma that joins it to a neighbour. */
function flowRemoval(entry: SourceEntry, map: SourceMap, text: string): TextEdit | undefined {
  const i = map.entries.indexOf(entry);
  const next = map.entries[i + 1];
  const prev = map.entries[i - 1];
  let start = entry.offset;
  let end = entry.offset + entry.length;
  if (next) end = next.offset;
  else if (prev) start = prev.offset + prev.length;
  else {
    const open = map.offset + 1;
    const close = map.offset + map.length - 1;
    if (text[map.offset] !== '{' || text[close] !== '}') return undefined;
    return { offset: open, length: Math.max(0, close - open), newText: '' };
  }
  return { offset: start, length: end - start, newText: '' };
}

/** A block mapping: the entry's lines; the first entry of a `- ` item up to the next key. */
function blockRemoval(entry: SourceEntry, map: SourceMap, text: string): TextEdit | undefined {
  const end = entry.offset + entry.length;
  // The only entry: the mapping becomes an empty flow mapping where the entry was.
  if (map.entries.length === 1) return { offset: entry.offset, length: entry.length, newText: '{}' };
  const lineStart = text.lastIndexOf('\n', entry.offset - 1) + 1;
  const prefix = text.slice(lineStart, entry.offset);
  const nl = text.indexOf('\n', end);
  const lineEnd = nl < 0 ? text.length : nl + 1;
  // Whatever follows the value on its last line must be a comment, or the line is not ours alone.
  if (!/^\s*(#.*)?\r?\n?$/.test(text.slice(end, lineEnd))) return undefined;
  if (/^[ \t]*$/.test(prefix)) return { offset: lineStart, length: lineEnd - lineStart, newText: '' };
  const i = map.entries.indexOf(entry);
  const next = map.entries[i + 1];
  if (/^[ \t]*(- +)+$/.test(prefix) && next && i === 0)
    return { offset: entry.offset, length: next.keyOffset - entry.offset, newText: '' };
  return undefined;
}
