/**
 * Builds the CLI-shaped tree (jsonc-parser nodes, offsets into the source) from a Terraform body,
 * whichever syntax it came from: HCL (terraform.ts) or plan JSON (terraformPlan.ts). Each source
 * lists its entries (attributes and blocks, in source order); {@link buildBody} renames them, groups
 * repeated blocks into lists and fills in unknowns, following a {@link Body} of terraformSpec.ts.
 */
import type { Node } from 'jsonc-parser';
import type { UnknownNode } from './types';
import type { Body, Field } from './terraformSpec';

/** One argument or block as the source wrote it. */
export interface SourceEntry {
  name: string;
  kind: 'attribute' | 'block' | 'dynamic';
  /** The name as written (offset and length), where a finding about the key lands. */
  key: { offset: number; length: number };
  /** The whole entry: `name = value`, or `name { … }`. */
  offset: number;
  length: number;
  /** An attribute's value; undefined means "null" (Terraform: not set). */
  value?: () => Node | undefined;
  /** A block's own body. */
  body?: SourceBody;
}

export interface SourceBody {
  /** The object's span (`{` to `}` in HCL). */
  offset: number;
  length: number;
  entries: SourceEntry[];
}

/** Where a node of the tree came from, for translating fixes back (terraformFix.ts). */
export type Origin =
  { kind: 'entry'; entries: SourceEntry[]; field: Field } | { kind: 'body'; body: Body; source: SourceBody };

// Kept on the nodes themselves (symbol keys: invisible to jsonc-parser and JSON), not in weak
// maps, which cost the garbage collector dearly on large files.
const ORIGIN = Symbol('origin');
const LITERAL = Symbol('literal');
const RESOLVED = Symbol('resolved');
type Tagged = Node & { [ORIGIN]?: Origin; [LITERAL]?: true; [RESOLVED]?: string };

export function originOf(n: Node): Origin | undefined {
  return (n as Tagged)[ORIGIN];
}
function setOrigin(n: Node, o: Origin): void {
  (n as Tagged)[ORIGIN] = o;
}
/** Values read as written (a literal of the source): a fix may replace them. */
export function isLiteral(n: Node): boolean {
  return (n as Tagged)[LITERAL] === true;
}
export function literal(n: Node): Node {
  (n as Tagged)[LITERAL] = true;
  return n;
}
/** A reference read as the literal it names in the same file (`aws_backup_vault.primary.name`). */
export function resolved(n: Node, from: string): Node {
  (n as Tagged)[RESOLVED] = from;
  return n;
}
/** The reference a value was resolved from, for hovers. */
export function resolvedFrom(n: Node | undefined): string | undefined {
  return n && (n as Tagged)[RESOLVED];
}

/** jsonc-parser's nodes are read-only to their readers; this module builds them. */
type Building = { -readonly [K in keyof Node]: Node[K] };

export function node(type: Node['type'], offset: number, length: number, value?: unknown): Node {
  const n: Building = { type, offset, length };
  if (value !== undefined) n.value = value;
  return n;
}

export function unknown(offset: number, length: number, source: string): UnknownNode {
  return {
    type: 'null',
    value: undefined,
    unknown: true,
    source: source.length > 200 ? `${source.slice(0, 199)}…` : source,
    offset,
    length,
  };
}

export function adopt(parent: Node, children: Node[]): Node {
  (parent as Building).children = children;
  for (const c of children) (c as Building).parent = parent;
  return parent;
}

function property(cli: string, key: SourceEntry['key'], offset: number, length: number, value: Node): Node {
  const k = node('string', key.offset, key.length, cli);
  return adopt(node('property', offset, length), [k, value]);
}

export interface BuildContext {
  text: string;
  /** Arguments the spec does not know: the caller decides whether to report them. */
  onUnknownArgument?(entry: SourceEntry, body: Body): void;
}

/** The object for one body, its properties in source order. */
export function buildBody(source: SourceBody, body: Body, ctx: BuildContext): Node {
  const obj = node('object', source.offset, source.length);
  setOrigin(obj, { kind: 'body', body, source });
  const groups = new Map<string, SourceEntry[]>();
  for (const e of source.entries) {
    const name = e.name;
    if (!body.fields[name]) {
      if (!body.ignored?.includes(name)) ctx.onUnknownArgument?.(e, body);
      continue;
    }
    const list = groups.get(name);
    if (list) list.push(e);
    else groups.set(name, [e]);
  }
  const props: Node[] = [];
  for (const [name, entries] of groups) {
    const field = body.fields[name]!;
    const p = buildField(field, entries, ctx);
    if (p) {
      setOrigin(p, { kind: 'entry', entries, field });
      props.push(p);
    }
  }
  props.sort((a, b) => a.offset - b.offset);
  return adopt(obj, props);
}

function buildField(field: Field, entries: SourceEntry[], ctx: BuildContext): Node | undefined {
  const first = entries[0]!;
  const last = entries[entries.length - 1]!;
  const span = { offset: first.offset, length: last.offset + last.length - first.offset };
  if (field.shape === 'value' || field.shape === 'list') {
    // An argument set twice is an error in Terraform; the last one is read, as JSON's last key.
    const e = last;
    if (e.kind !== 'attribute') return undefined; // a block where an argument belongs: Terraform says so
    const value = converted(e.value?.(), field);
    if (value === undefined) return undefined;
    if (field.unset !== undefined && value.type !== 'null' && value.value === field.unset) return undefined;
    if (field.ifUnknown === 'absent' && isUnknownValue(value)) return undefined;
    const v =
      field.shape === 'list' && isUnknownValue(value)
        ? adopt(node('array', value.offset, value.length), [value])
        : value;
    return property(field.cli, e.key, e.offset, e.length, v);
  }
  const blocks = entries.filter(
    (e) => e.kind !== 'attribute' && !(field.ifUnknown === 'absent' && (e.kind === 'dynamic' || !e.body)),
  );
  if (blocks.length === 0) return undefined;
  if (field.shape === 'blocks') {
    const items = blocks.map((e) =>
      e.kind === 'dynamic' || !e.body
        ? unknown(e.offset, e.length, ctx.text.slice(e.offset, e.offset + e.length))
        : buildBody(e.body, field.body!, ctx),
    );
    return property(
      field.cli,
      first.key,
      span.offset,
      span.length,
      adopt(node('array', span.offset, span.length), items),
    );
  }
  // A single block: written twice (Terraform refuses it), its arguments are read together.
  const dynamic = blocks.find((e) => e.kind === 'dynamic' || !e.body);
  if (dynamic) {
    const obj = node('object', dynamic.offset, dynamic.length);
    const src = ctx.text.slice(dynamic.offset, dynamic.offset + dynamic.length);
    const props = (field.body!.unknownWhenDynamic ?? []).map((cli) => {
      const f = Object.values(field.body!.fields).find((x) => x.cli === cli)!;
      const u = unknown(dynamic.offset, dynamic.length, src);
      const v = f.shape === 'value' ? u : adopt(node('array', u.offset, u.length), [u]);
      return property(cli, dynamic.key, dynamic.offset, dynamic.length, v);
    });
    return property(field.cli, dynamic.key, span.offset, span.length, adopt(obj, props));
  }
  const merged: SourceBody =
    blocks.length === 1
      ? blocks[0]!.body!
      : { offset: span.offset, length: span.length, entries: blocks.flatMap((b) => b.body!.entries) };
  return property(field.cli, first.key, span.offset, span.length, buildBody(merged, field.body!, ctx));
}

function isUnknownValue(n: Node): boolean {
  return (n as Partial<UnknownNode>).unknown === true;
}

/** A string literal converted to the argument's type, as Terraform converts it. */
function converted(value: Node | undefined, field: Field): Node | undefined {
  if (!value || !field.type || value.type !== 'string' || !isLiteral(value)) return value;
  const s = String(value.value).trim();
  if (field.type === 'bool' && (s === 'true' || s === 'false'))
    return literal(node('boolean', value.offset, value.length, s === 'true'));
  if (field.type === 'number' && /^-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?$/.test(s))
    return literal(node('number', value.offset, value.length, Number(s)));
  return value;
}
