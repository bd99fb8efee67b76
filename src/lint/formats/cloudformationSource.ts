/**
 * A CloudFormation template (YAML or JSON) read into one small tree with source positions, so that
 * the rest of the adapter does not care which syntax the template was written in.
 *
 * YAML: the `yaml` package (YAML 1.2 core schema, source ranges kept), with the short forms of the
 * intrinsic functions (`!Ref`, `!Sub`, `!GetAtt`, …) as custom tags
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference.html).
 * JSON (and the CDK's `cdk.out/*.template.json`): jsonc-parser, tolerant, with its errors reported.
 */
import { parseTree, type Node, type ParseError } from 'jsonc-parser';
import {
  isAlias,
  isMap,
  isScalar,
  isSeq,
  parseDocument,
  Scalar,
  type Document,
  type Node as YamlNode,
  type ScalarTag,
  type CollectionTag,
} from 'yaml';
import { describeParseError } from '../jsonAst';

export type ScalarStyle = 'plain' | 'single' | 'double' | 'block' | 'json';

interface Spanned {
  offset: number;
  length: number;
  /** Built from a YAML alias's anchor: placed on the alias, and never edited by a fix. */
  alias?: true;
}

export interface SourceScalar extends Spanned {
  kind: 'scalar';
  value: string | number | boolean | null;
  style: ScalarStyle;
  /** Inside a flow collection (`[…]`, `{…}`), where a plain scalar may not hold `,[]{}`. */
  inFlow: boolean;
}

export interface SourceEntry extends Spanned {
  key: string;
  keyOffset: number;
  keyLength: number;
  keyStyle: ScalarStyle;
  value: SourceNode | undefined;
}

export interface SourceMap extends Spanned {
  kind: 'map';
  entries: SourceEntry[];
  /** `{…}` in YAML, or JSON. */
  flow: boolean;
}

export interface SourceSeq extends Spanned {
  kind: 'seq';
  items: SourceNode[];
  flow: boolean;
}

/** An intrinsic function (`!Ref X`, `{"Fn::Sub": …}`) or anything else whose value is not known. */
export interface SourceIntrinsic extends Spanned {
  kind: 'intrinsic';
  /** `Ref`, `Fn::GetAtt`, …; `alias` for a YAML alias not expanded, `tag` for a tag that is not an intrinsic. */
  name: string;
  /** The YAML tag as written (`!Ref`, `!Foo`), for a short form. */
  tag?: string;
  args: SourceNode | undefined;
}

export type SourceNode = SourceScalar | SourceMap | SourceSeq | SourceIntrinsic;

export interface SourceTemplate {
  syntax: 'yaml' | 'json';
  root: SourceNode | undefined;
  errors: { message: string; offset: number; length: number }[];
}

const SHORT_FORMS = [
  'Ref',
  'Condition',
  'Sub',
  'GetAtt',
  'If',
  'Join',
  'Select',
  'FindInMap',
  'ImportValue',
  'Split',
  'Base64',
  'Cidr',
  'GetAZs',
  'Equals',
  'And',
  'Or',
  'Not',
  'Transform',
  'Length',
  'ToJsonString',
];

/** `!Ref` → `Ref`, `!Condition` → `Condition`, `!Sub` → `Fn::Sub`. */
function intrinsicOfTag(tag: string): string | undefined {
  const name = tag.startsWith('!') ? tag.slice(1) : undefined;
  if (!name || !SHORT_FORMS.includes(name)) return undefined;
  return name === 'Ref' || name === 'Condition' ? name : `Fn::${name}`;
}

// Each short form on a scalar, a sequence and a mapping: the value stays as written (the tag on the
// node says it is an intrinsic), and the parser has no unresolved tag to warn about.
const CUSTOM_TAGS: (ScalarTag | CollectionTag)[] = SHORT_FORMS.flatMap((name) => [
  { tag: `!${name}`, resolve: (s: string) => s },
  { tag: `!${name}`, collection: 'seq', resolve: (v: unknown) => v } as unknown as CollectionTag,
  { tag: `!${name}`, collection: 'map', resolve: (v: unknown) => v } as unknown as CollectionTag,
]);

/** Past this nesting the template is not converted (the YAML parser itself recurses too). */
export const MAX_TEMPLATE_DEPTH = 200;
const MAX_DEPTH = MAX_TEMPLATE_DEPTH;

export function readTemplate(text: string): SourceTemplate {
  const first = /\S/.exec(text);
  return first?.[0] === '{' ? readJson(text) : readYaml(text);
}

function readYaml(text: string): SourceTemplate {
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, {
      customTags: CUSTOM_TAGS,
      uniqueKeys: true,
      prettyErrors: false,
      strict: false,
    });
  } catch (e) {
    const message = STACK.test(String(e))
      ? TOO_DEEP_FOR_PARSER
      : 'The YAML parser could not read this template: nothing in it was checked. Fix the YAML.';
    return { syntax: 'yaml', root: undefined, errors: [{ message, offset: 0, length: 0 }] };
  }
  const errors = doc.errors.map((e) => {
    // The parser marks one character; the word it starts is easier to see.
    const word = /^[^\s:,[\]{}]+/.exec(text.slice(e.pos[0], e.pos[0] + 200))?.[0].length ?? 0;
    return {
      message: STACK.test(e.message)
        ? TOO_DEEP_FOR_PARSER
        : `${e.message.split('\n')[0]}: CloudFormation cannot read this template. Fix the YAML.`,
      offset: e.pos[0],
      length: Math.max(0, e.pos[1] - e.pos[0], word),
    };
  });
  const ctx: YamlContext = { doc, text, errors };
  const root = doc.contents ? fromYaml(doc.contents, ctx, false, 0) : undefined;
  if (ctx.tooDeepAt !== undefined) errors.push(tooDeep(ctx.tooDeepAt));
  return { syntax: 'yaml', root, errors };
}

/** A JavaScript engine's words for a parser that ran out of stack: never shown as they are. */
const STACK = /maximum call stack size exceeded|too much recursion/i;
const TOO_DEEP_FOR_PARSER =
  'Nested deeper than the parser can read (it ran out of stack): the template was not read past this point, and nothing below it was checked. No AWS Backup property nests like this.';

/** Where the template passes MAX_TEMPLATE_DEPTH: said, with the limit, since nothing below is checked. */
function tooDeep(offset: number): SourceTemplate['errors'][number] {
  return {
    message: `Nested more than ${MAX_TEMPLATE_DEPTH} levels deep: the linter reads no deeper, so nothing below this point was checked. No AWS Backup property nests like this.`,
    offset,
    length: 1,
  };
}

interface YamlContext {
  doc: Document.Parsed;
  text: string;
  errors: SourceTemplate['errors'];
  /**
   * Whether the document's aliases may be expanded: the yaml library's own check (toJS with its
   * default maxAliasCount, 100) is run once, at the first alias; `excessive` when it refused.
   */
  aliases?: 'ok' | 'excessive' | 'unresolvable';
  /** While converting an alias's target: the alias's span, given to every node built from it. */
  at?: Spanned;
  /** Where the template first nests deeper than {@link MAX_DEPTH} (not read past it). */
  tooDeepAt?: number;
}

/** The message of the yaml library when an alias count exceeds its maxAliasCount. */
const EXCESSIVE = /excessive alias count/i;
/** The yaml library's default maxAliasCount (ToJSOptions), which {@link aliasesAllowed} applies. */
export const MAX_ALIAS_COUNT = 100;

function aliasesAllowed(alias: YamlNode, ctx: YamlContext): boolean {
  if (!ctx.aliases) {
    try {
      ctx.doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
      ctx.aliases = 'ok';
    } catch (e) {
      ctx.aliases = e instanceof Error && EXCESSIVE.test(e.message) ? 'excessive' : 'unresolvable';
      if (ctx.aliases === 'excessive' && alias.range)
        ctx.errors.push({
          message: `The YAML aliases of this template expand into more values than the yaml library allows (maxAliasCount ${MAX_ALIAS_COUNT}), as a "billion laughs" document does: the values behind them were not checked. Write the values out, or use fewer aliases.`,
          offset: alias.range[0],
          length: trimEnd(ctx.text, alias.range[0], alias.range[1]) - alias.range[0],
        });
    }
  }
  return ctx.aliases === 'ok';
}

function trimEnd(text: string, start: number, end: number): number {
  let e = end;
  while (e > start && /\s/.test(text[e - 1] ?? '')) e--;
  return e;
}

function styleOf(s: Scalar): ScalarStyle {
  switch (s.type) {
    case Scalar.QUOTE_SINGLE:
      return 'single';
    case Scalar.QUOTE_DOUBLE:
      return 'double';
    case Scalar.BLOCK_LITERAL:
    case Scalar.BLOCK_FOLDED:
      return 'block';
    default:
      return 'plain';
  }
}

/**
 * One YAML node as a source node. An alias is its anchor's value, converted again with every node
 * placed on the alias (a finding inside it lands where the alias is written; `alias` keeps fixes off).
 */
function fromYaml(
  node: YamlNode,
  ctx: YamlContext,
  inFlow: boolean,
  depth: number,
  untagged = false,
): SourceNode | undefined {
  const { text } = ctx;
  const range = node.range;
  if (!range) return undefined;
  if (depth > MAX_DEPTH) {
    ctx.tooDeepAt ??= ctx.at?.offset ?? range[0];
    return undefined;
  }
  const start = ctx.at?.offset ?? range[0];
  const end = ctx.at ? start + ctx.at.length : trimEnd(text, start, range[1]);
  const mark = ctx.at ? { alias: true as const } : {};
  const tag = untagged ? undefined : node.tag;
  if (tag && tag.startsWith('!')) {
    // The range starts after the tag: the span of the intrinsic includes it.
    const at = ctx.at ? -1 : text.lastIndexOf(tag, start);
    const offset = at >= 0 && at >= start - 4096 ? at : start;
    return {
      kind: 'intrinsic',
      name: intrinsicOfTag(tag) ?? 'tag',
      tag,
      args: fromYaml(node, ctx, inFlow, depth + 1, true),
      offset,
      length: Math.max(0, end - offset),
      ...mark,
    };
  }
  if (isAlias(node)) {
    const target = aliasesAllowed(node, ctx) ? node.resolve(ctx.doc) : undefined;
    if (!target)
      return {
        kind: 'intrinsic',
        name: 'alias',
        args: undefined,
        offset: start,
        length: end - start,
        ...mark,
      };
    const outer = ctx.at;
    ctx.at = { offset: start, length: end - start };
    try {
      return fromYaml(target, ctx, inFlow, depth + 1);
    } finally {
      ctx.at = outer;
    }
  }
  if (isScalar(node)) {
    const v = node.value;
    const value =
      typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v === null
        ? v
        : typeof v === 'bigint'
          ? Number(v)
          : text.slice(start, end);
    return {
      kind: 'scalar',
      value,
      style: styleOf(node),
      inFlow,
      offset: start,
      length: end - start,
      ...mark,
    };
  }
  if (isSeq(node)) {
    const flow = node.flow === true || inFlow;
    const items: SourceNode[] = [];
    for (const item of node.items) {
      const n =
        item && typeof item === 'object' ? fromYaml(item as YamlNode, ctx, flow, depth + 1) : undefined;
      if (n) items.push(n);
    }
    return longForm({ kind: 'seq', items, flow, offset: start, length: end - start, ...mark });
  }
  if (isMap(node)) {
    const flow = node.flow === true || inFlow;
    const entries: SourceEntry[] = [];
    for (const pair of node.items) {
      const key = pair.key as YamlNode | null;
      if (!key || !isScalar(key) || !key.range) continue;
      const keyText = key.value;
      if (typeof keyText !== 'string' && typeof keyText !== 'number') continue;
      const value =
        pair.value && typeof pair.value === 'object'
          ? fromYaml(pair.value as YamlNode, ctx, flow, depth + 1)
          : undefined;
      const keyStart = ctx.at?.offset ?? key.range[0];
      const keyEnd = ctx.at ? keyStart + ctx.at.length : trimEnd(text, key.range[0], key.range[1]);
      const entryEnd = value ? Math.max(keyEnd, value.offset + value.length) : keyEnd;
      entries.push({
        key: String(keyText),
        keyOffset: keyStart,
        keyLength: keyEnd - keyStart,
        keyStyle: styleOf(key),
        value,
        offset: keyStart,
        length: entryEnd - keyStart,
        ...mark,
      });
    }
    return longForm({ kind: 'map', entries, flow, offset: start, length: end - start, ...mark });
  }
  return undefined;
}

/** `{"Ref": …}`, `{"Fn::…": …}`: a mapping of one key that names an intrinsic function. */
function longForm(node: SourceMap | SourceSeq): SourceNode {
  if (node.kind !== 'map' || node.entries.length !== 1) return node;
  const only = node.entries[0]!;
  if (only.key === 'Ref' || only.key === 'Condition' || only.key.startsWith('Fn::'))
    return { kind: 'intrinsic', name: only.key, args: only.value, offset: node.offset, length: node.length };
  return node;
}

function readJson(text: string): SourceTemplate {
  const errors: ParseError[] = [];
  let root: Node | undefined;
  try {
    root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  } catch {
    return {
      syntax: 'json',
      root: undefined,
      errors: [{ message: TOO_DEEP_FOR_PARSER, offset: 0, length: 0 }],
    };
  }
  const deep: { at?: number } = {};
  const converted = root ? fromJson(root, 0, deep) : undefined;
  return {
    syntax: 'json',
    root: converted,
    errors: [
      ...(deep.at !== undefined ? [tooDeep(deep.at)] : []),
      ...errors.map((e) => ({
        message: describeParseError(e.error, text, e.offset).replace(
          'the AWS CLI cannot read this file',
          'CloudFormation cannot read this template',
        ),
        offset: e.offset,
        length: e.length,
      })),
    ],
  };
}

function fromJson(node: Node, depth: number, deep: { at?: number }): SourceNode | undefined {
  if (depth > MAX_DEPTH) {
    deep.at ??= node.offset;
    return undefined;
  }
  const { offset, length } = node;
  switch (node.type) {
    case 'object': {
      const entries: SourceEntry[] = [];
      for (const p of node.children ?? []) {
        const k = p.children?.[0];
        if (!k || typeof k.value !== 'string') continue;
        const v = p.children?.[1];
        entries.push({
          key: k.value,
          keyOffset: k.offset,
          keyLength: k.length,
          keyStyle: 'json',
          value: v ? fromJson(v, depth + 1, deep) : undefined,
          offset: p.offset,
          length: p.length,
        });
      }
      return longForm({ kind: 'map', entries, flow: true, offset, length });
    }
    case 'array': {
      const items: SourceNode[] = [];
      for (const c of node.children ?? []) {
        const n = fromJson(c, depth + 1, deep);
        if (n) items.push(n);
      }
      return { kind: 'seq', items, flow: true, offset, length };
    }
    case 'string':
    case 'number':
    case 'boolean':
    case 'null':
      return {
        kind: 'scalar',
        value: node.value as string | number | boolean | null,
        style: 'json',
        inFlow: true,
        offset,
        length,
      };
    default:
      return undefined;
  }
}

/** The entry named `key` (the last one, as CloudFormation's parsers keep it). */
export function entryOf(map: SourceNode | undefined, key: string): SourceEntry | undefined {
  if (map?.kind !== 'map') return undefined;
  for (let i = map.entries.length - 1; i >= 0; i--) if (map.entries[i]!.key === key) return map.entries[i];
  return undefined;
}

export function scalarString(node: SourceNode | undefined): string | undefined {
  return node?.kind === 'scalar' && typeof node.value === 'string' ? node.value : undefined;
}

/** What the adapter keeps on each node it builds, to translate fixes back into the template. */
export interface CfnInfo {
  /** For a property node: its entry and the mapping (all of its entries, as written) it sits in. */
  entry?: SourceEntry;
  map?: SourceMap;
  /** For a value: the source node. */
  src?: SourceNode;
  /** A `!Ref` resolved to the literal it names: the finding may land on it, a fix may not edit it. */
  resolved?: true;
}

export type CliNode = Node & { cfn?: CfnInfo };
