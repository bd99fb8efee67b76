/**
 * Rules write their fixes as JSON edits of the CLI-shaped tree. This turns each edit into an HCL
 * edit, or gives up (undefined: the fix is dropped, never applied wrongly):
 * - replacing a literal value: the new JSON value written as an HCL literal;
 * - removing a property (jsonAst's removalEdit, or the property's own span): the attribute or block
 *   removed with its line;
 * - inserting properties into an object: `name = value` lines (or blocks) at the end of the block,
 *   with the indentation of its other arguments.
 * Anything else (a value that is a reference or unknown, a key, a one-line block) is not translated.
 */
import type { Node } from 'jsonc-parser';
import { removalEdit } from '../jsonAst';
import type { Fix, TextEdit } from '../types';
import { encodeHclString } from './terraformHcl';
import type { Body, Field } from './terraformSpec';
import { isLiteral, originOf, type SourceBody } from './terraformTree';
import type { EmbeddedDocument } from './types';

export function translateTerraformFix(fix: Fix, document: EmbeddedDocument, text: string): Fix | undefined {
  if (!originOf(document.root)) return undefined; // not a tree this adapter built
  const nodes: Node[] = [];
  const stack = [document.root];
  for (let n = stack.pop(); n; n = stack.pop()) {
    nodes.push(n);
    for (const c of n.children ?? []) stack.push(c);
  }
  const edits: TextEdit[] = [];
  for (const e of fix.edits) {
    const t = replaceValue(e, nodes) ?? removeProperty(e, nodes, text) ?? insertProperties(e, nodes, text);
    if (!t) return undefined;
    edits.push(t);
  }
  return { ...fix, edits };
}

function replaceValue(e: TextEdit, nodes: Node[]): TextEdit | undefined {
  const target = nodes.find((n) => n.offset === e.offset && n.length === e.length && isLiteral(n));
  if (!target) return undefined;
  const hcl = hclExpression(parseJson(e.newText));
  return hcl === undefined ? undefined : { offset: e.offset, length: e.length, newText: hcl };
}

function removeProperty(e: TextEdit, nodes: Node[], text: string): TextEdit | undefined {
  if (e.newText !== '') return undefined;
  for (const p of nodes) {
    if (p.type !== 'property') continue;
    const r = removalEdit(p);
    const matches =
      (r.offset === e.offset && r.length === e.length) || (p.offset === e.offset && p.length === e.length);
    if (!matches) continue;
    const origin = originOf(p);
    if (origin?.kind !== 'entry' || origin.entries.length !== 1) return undefined;
    const entry = origin.entries[0]!;
    return wholeLines(entry.offset, entry.offset + entry.length, text);
  }
  return undefined;
}

/** Removes [start, end) with its line when nothing else is on it (but a trailing comment). */
function wholeLines(start: number, end: number, text: string): TextEdit {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const nl = text.indexOf('\n', end);
  const lineEnd = nl < 0 ? text.length : nl;
  const before = text.slice(lineStart, start);
  const after = text.slice(end, lineEnd);
  if (before.trim() === '' && /^\s*(?:(?:#|\/\/).*)?$/.test(after)) {
    const to = nl < 0 ? text.length : nl + 1;
    return { offset: lineStart, length: to - lineStart, newText: '' };
  }
  return { offset: start, length: end - start, newText: '' };
}

function insertProperties(e: TextEdit, nodes: Node[], text: string): TextEdit | undefined {
  if (e.length !== 0) return undefined;
  const value = parseJson(`{${e.newText.trim().replace(/^,+|,+$/g, '')}}`);
  if (!isRecord(value) || Object.keys(value).length === 0) return undefined;
  // The innermost object that holds the insertion point.
  let owner: { body: Body; source: SourceBody } | undefined;
  let ownerLength = Infinity;
  for (const n of nodes) {
    const o = originOf(n);
    if (o?.kind !== 'body' || n.type !== 'object') continue;
    if (e.offset > n.offset && e.offset < n.offset + n.length && n.length < ownerLength) {
      owner = o;
      ownerLength = n.length;
    }
  }
  if (!owner) return undefined;
  const { source, body } = owner;
  const open = source.offset;
  const close = source.offset + source.length - 1;
  if (text[open] !== '{' || text[close] !== '}') return undefined;
  const blockIndent = indentOf(open, text);
  const first = source.entries[0];
  const indent = first
    ? indentOf(first.offset, text)
    : blockIndent + (blockIndent.includes('\t') ? '\t' : '  ');
  const step = indent.length > blockIndent.length ? indent.slice(blockIndent.length) : '  ';
  const lines: string[] = [];
  for (const [cli, v] of Object.entries(value)) {
    const entry = Object.entries(body.fields).find(([, f]) => f.cli === cli);
    const hcl = entry && hclEntry(entry[0], entry[1], v, indent, step);
    if (hcl === undefined) return undefined;
    lines.push(hcl);
  }
  const added = lines.map((l) => `\n${indent}${l}`).join('');
  const last = source.entries[source.entries.length - 1];
  if (!last) {
    // An empty block: `{}` becomes a block of lines.
    const oneLine = !text.slice(open, close).includes('\n');
    return { offset: open + 1, length: 0, newText: oneLine ? `${added}\n${blockIndent}` : added };
  }
  const lastEnd = last.offset + last.length;
  const nl = text.indexOf('\n', lastEnd);
  // A one-line block (`lifecycle { delete_after = 7 }`) takes one argument only: not rewritten.
  if (nl < 0 || nl > close) return undefined;
  const at = text[nl - 1] === '\r' ? nl - 1 : nl;
  return { offset: at, length: 0, newText: added };
}

function indentOf(offset: number, text: string): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart, offset))![0];
}

function hclEntry(
  name: string,
  field: Field,
  value: unknown,
  indent: string,
  step: string,
): string | undefined {
  if (field.shape === 'value' || field.shape === 'list') {
    const v = hclExpression(value);
    return v === undefined ? undefined : `${name} = ${v}`;
  }
  const items = field.shape === 'blocks' ? value : [value];
  if (!Array.isArray(items) || items.length === 0) return undefined;
  const blocks: string[] = [];
  for (const item of items) {
    if (!isRecord(item)) return undefined;
    const inner: string[] = [];
    for (const [cli, v] of Object.entries(item)) {
      const entry = Object.entries(field.body!.fields).find(([, f]) => f.cli === cli);
      const line = entry && hclEntry(entry[0], entry[1], v, indent + step, step);
      if (line === undefined) return undefined;
      inner.push(`${indent}${step}${line}`);
    }
    blocks.push(inner.length ? `${name} {\n${inner.join('\n')}\n${indent}}` : `${name} {}`);
  }
  return blocks.join(`\n${indent}`);
}

/** A JSON value as an HCL literal expression, or undefined when it has none (null). */
function hclExpression(value: unknown): string | undefined {
  if (typeof value === 'string') return encodeHclString(value);
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : undefined;
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) {
    const items = value.map(hclExpression);
    return items.every((i) => i !== undefined) ? `[${items.join(', ')}]` : undefined;
  }
  if (isRecord(value)) {
    const parts: string[] = [];
    for (const [k, v] of Object.entries(value)) {
      const hv = hclExpression(v);
      if (hv === undefined) return undefined;
      parts.push(`${/^[A-Za-z_][A-Za-z0-9_-]*$/.test(k) ? k : encodeHclString(k)} = ${hv}`);
    }
    return `{ ${parts.join(', ')} }`;
  }
  return undefined;
}

const NOT_JSON = Symbol('not JSON');
function parseJson(s: string): unknown {
  try {
    return JSON.parse(s) as unknown;
  } catch {
    return NOT_JSON;
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
