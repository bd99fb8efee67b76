/**
 * The Terraform adapter: `aws_backup_plan` and `aws_backup_selection` resources in `.tf` files, read
 * with tree-sitter's HCL grammar (terraformHcl.ts), as CLI-shaped trees (terraformSpec.ts) whose
 * offsets point into the HCL.
 *
 * Known values are literals: strings without interpolation, numbers, booleans, lists and objects
 * of those. Everything else (`var.x`, `local.y`, `each.value`, functions, `"${…}"` templates,
 * conditionals, heredocs, `dynamic` blocks) is an {@link UnknownNode}; the one reference resolved is
 * `aws_backup_vault.<label>.name` (or `.id`, the vault's name too) of a vault declared in the same
 * file with a literal `name`, so that rules comparing vaults across rules (PITR005, PITR006) work.
 *
 * web-tree-sitter starts asynchronously: the engine awaits {@link loadTerraform} once (when a file
 * first passes {@link sniffTerraform}) and then uses the adapter synchronously.
 */
import type { Node } from 'jsonc-parser';
import type { RawFinding } from '../context';
import type { Tree } from 'web-tree-sitter';
import {
  loadHcl,
  MAX_LITE_DEPTH,
  stringLiteral,
  type HclParser,
  type Lite,
  type SyntaxNode,
} from './terraformHcl';
import { translateTerraformFix } from './terraformFix';
import { unknownArgument } from './terraformArguments';
import { sniffTerraform } from './sniff';
import {
  PLAN,
  RESTORE_TESTING_PLAN,
  RESTORE_TESTING_SELECTION,
  SELECTION,
  sourceNames,
  type Body,
} from './terraformSpec';
import { continuousOnlyForType } from '../restoreTestingRules';
import {
  adopt,
  buildBody,
  literal,
  node,
  resolved,
  unknown,
  type SourceBody,
  type SourceEntry,
} from './terraformTree';
import type { EmbeddedDocument, EmbeddingResult, FormatAdapter } from './types';

/** The resource types read as documents: their spec, their kind, and the source's names. */
const DOCUMENT_TYPES: Readonly<
  Record<string, { spec: Body; kind: EmbeddedDocument['kind']; names: Record<string, string> }>
> = {
  aws_backup_plan: { spec: PLAN, kind: 'backup-plan', names: sourceNames(PLAN) },
  aws_backup_selection: { spec: SELECTION, kind: 'backup-selection', names: sourceNames(SELECTION) },
  aws_backup_restore_testing_plan: {
    spec: RESTORE_TESTING_PLAN,
    kind: 'restore-testing-plan',
    names: sourceNames(RESTORE_TESTING_PLAN),
  },
  aws_backup_restore_testing_selection: {
    spec: RESTORE_TESTING_SELECTION,
    kind: 'restore-testing-selection',
    names: sourceNames(RESTORE_TESTING_SELECTION),
  },
};
/** Nesting deeper than this in one value is read as unknown (no AWS Backup argument nests so). */
const MAX_VALUE_DEPTH = 64;
const MAX_SYNTAX_FINDINGS = 5;

/**
 * The adapter, once web-tree-sitter and the grammar are started (from `wasmDir`, by default the
 * folder of the running bundle: the extension's or the CLI's `dist/`). Later calls share the first
 * start. Rejects, with a message saying what is missing, when the WebAssembly files are not there.
 */
export async function loadTerraform(options: { wasmDir?: string } = {}): Promise<FormatAdapter> {
  const parser = await loadHcl(options.wasmDir);
  return terraformAdapter(parser);
}

export function terraformAdapter(parser: HclParser): FormatAdapter {
  return {
    format: 'terraform',
    sniff: sniffTerraform,
    extract(text) {
      // Never throws, never silent: a parser failure is a file we could not read, said as such.
      const unread: EmbeddingResult = {
        format: 'terraform',
        documents: [],
        findings: [
          { code: 'TF001', message: 'The Terraform parser could not read this file.', offset: 0, length: 0 },
        ],
      };
      try {
        return extract(parser, text) ?? unread;
      } catch {
        return unread;
      }
    },
    translateFix(fix, document, text) {
      try {
        return translateTerraformFix(fix, document, text);
      } catch {
        return undefined;
      }
    },
  };
}

/**
 * HCL's number literals take an exponent without a fraction (`1e1`, `2E-3`: "NumericLit =
 * decimal+ ("." decimal+)? (expmark decimal+)?", hashicorp/hcl hclsyntax spec.md); tree-sitter's
 * grammar wants a fraction first. The parser is given such a literal with its exponent mark (and
 * sign) as digits, the same length, so every offset stays put; values are read from the text as
 * written (`1e1` is 10).
 */
export function maskExponents(text: string): string {
  return text.replace(
    /(?<![\w.])(\d+)([eE][+-]?)(\d+)(?![\w.])/g,
    (_m, a: string, mark: string, b: string) => `${a}${'0'.repeat(mark.length)}${b}`,
  );
}

function extract(parser: HclParser, text: string): EmbeddingResult | undefined {
  const tree = parser.parse(/\d[eE]/.test(text) ? maskExponents(text) : text);
  if (!tree) return undefined;
  try {
    const findings: RawFinding[] = [];
    const errors = tree.rootNode.hasError;
    if (errors) syntaxFindings(tree.rootNode, text, findings);
    const blocks = resourceBlocks(parser, tree, text, errors);
    const vaults = new Map<string, string>();
    for (const { type, label, block } of blocks) {
      if (type !== 'aws_backup_vault') continue;
      const name = findAttribute(block, 'name', text);
      const value = name ? literalString(name, text) : undefined;
      if (value !== undefined) vaults.set(label, value);
    }
    const rc: ReadContext = { vaults, syntaxErrors: errors };
    const plans = new Set(blocks.filter((b) => b.type === 'aws_backup_plan').map((b) => b.label));
    const documents: EmbeddedDocument[] = [];
    const testingPlans = new Set(
      blocks.filter((b) => b.type === 'aws_backup_restore_testing_plan').map((b) => b.label),
    );
    for (const { type, label, block, header } of blocks) {
      const docType = Object.hasOwn(DOCUMENT_TYPES, type) ? DOCUMENT_TYPES[type] : undefined;
      const source = docType && hclBody(block, text, rc, 0);
      if (!docType || !source) continue;
      const plan =
        docType.spec === SELECTION
          ? planOf(block, text, plans)
          : docType.spec === RESTORE_TESTING_SELECTION
            ? testingPlanOf(block, text, testingPlans)
            : undefined;
      const root = buildBody(source, docType.spec, {
        text,
        onUnknownArgument: (e, body) => unknownArgument(e, body, text, findings),
      });
      documents.push({
        kind: docType.kind,
        root,
        resource: { label: `${type}.${label}`, offset: block.start, length: header - block.start },
        sourceNames: docType.names,
        ...(plan ? { planLabel: plan } : {}),
      });
    }
    for (const d of documents) {
      if (d.kind !== 'restore-testing-selection' || !d.planLabel) continue;
      const plan = documents.find((p) => p.resource.label === d.planLabel);
      const f = continuousOnlyForType(plan?.root, d.root, d.resource.label);
      if (f) findings.push(f);
    }
    if (rc.deepAt !== undefined)
      findings.push({
        code: 'TF001',
        message: `Nested deeper than the linter reads (${MAX_VALUE_DEPTH} levels of values, ${MAX_LITE_DEPTH} of syntax): this value was not checked. No AWS Backup argument nests like this.`,
        offset: rc.deepAt,
        length: 1,
      });
    return { format: 'terraform', documents, findings, vaults: [...new Set(vaults.values())] };
  } finally {
    tree.delete();
  }
}

const TYPES = new Set([...Object.keys(DOCUMENT_TYPES), 'aws_backup_vault']);

/**
 * The top-level `resource` blocks of the types read here, copied out of the tree; the others are
 * stepped over without being read.
 */
function resourceBlocks(
  parser: HclParser,
  tree: Tree,
  text: string,
  errors: boolean,
): { type: string; label: string; block: Lite; header: number }[] {
  const out: { type: string; label: string; block: Lite; header: number }[] = [];
  const cursor = tree.walk();
  // A function, not the getter itself: TypeScript would narrow the getter's type across moves.
  const at = (): string => cursor.nodeType;
  try {
    if (!cursor.gotoFirstChild()) return out; // config_file → body
    while (at() !== 'body' && cursor.gotoNextSibling());
    if (at() !== 'body' || !cursor.gotoFirstChild()) return out;
    do {
      if (at() !== 'block') continue;
      // The block's first three children: `resource`, the type and the name.
      const words: Lite[] = [];
      if (cursor.gotoFirstChild()) {
        do {
          if (at() === 'comment') continue;
          words.push({
            type: at(),
            start: cursor.startIndex,
            end: cursor.endIndex,
            hasError: false,
            children: [],
          });
        } while (words.length < 3 && cursor.gotoNextSibling());
        cursor.gotoParent();
      }
      const [kw, t, n] = words;
      if (!kw || !t || !n || text.slice(kw.start, kw.end) !== 'resource') continue;
      const type = labelText(t, text);
      const label = labelText(n, text);
      if (type === undefined || label === undefined || !TYPES.has(type)) continue;
      out.push({ type, label, block: parser.copy(cursor, errors), header: n.end });
    } while (cursor.gotoNextSibling());
    return out;
  } finally {
    cursor.delete();
  }
}

function labelText(n: Lite, text: string): string | undefined {
  if (n.type === 'identifier') return text.slice(n.start, n.end);
  return n.type === 'string_lit' ? stringLiteral(n, text) : undefined;
}

function findAttribute(block: Lite, name: string, text: string): Lite | undefined {
  const body = block.children.find((c) => c.type === 'body');
  let found: Lite | undefined;
  for (const c of body?.children ?? []) {
    const id = c.children[0];
    if (c.type === 'attribute' && id?.type === 'identifier' && text.slice(id.start, id.end) === name)
      found = c;
  }
  return found;
}

/** The plain string an attribute holds, if its value is a string literal. */
function literalString(attribute: Lite, text: string): string | undefined {
  const expr = attribute.children[1];
  const lit = expr && single(expr, 'literal_value');
  const str = lit && single(lit, 'string_lit');
  return str ? stringLiteral(str, text) : undefined;
}

function single(n: Lite, type: string): Lite | undefined {
  return n.children.length === 1 && n.children[0]!.type === type ? n.children[0] : undefined;
}

function hclBody(block: Lite, text: string, rc: ReadContext, depth: number): SourceBody | undefined {
  const open = block.children.find((c) => c.type === 'block_start');
  const close = block.children.find((c) => c.type === 'block_end');
  if (!open || !close) return undefined;
  const body = block.children.find((c) => c.type === 'body');
  const entries: SourceEntry[] = [];
  for (const c of body?.children ?? []) {
    const id = c.children[0];
    if (!id || id.type !== 'identifier') continue;
    const name = text.slice(id.start, id.end);
    const base = { key: span(id), offset: c.start, length: c.end - c.start };
    if (c.type === 'attribute') {
      const expr = c.children[1];
      if (!expr) continue;
      entries.push({ ...base, name, kind: 'attribute', value: () => hclValue(expr, text, rc, 0) });
    } else if (c.type === 'block' && name === 'dynamic') {
      const label = c.children[1];
      const target = label && labelText(label, text);
      if (target !== undefined && label)
        entries.push({ ...base, key: span(label), name: target, kind: 'dynamic' });
    } else if (c.type === 'block' && depth < MAX_VALUE_DEPTH) {
      const inner = hclBody(c, text, rc, depth + 1);
      if (inner) entries.push({ ...base, name, kind: 'block', body: inner });
    }
  }
  return { offset: open.start, length: close.end - open.start, entries };
}

function span(n: Lite): { offset: number; length: number } {
  return { offset: n.start, length: n.end - n.start };
}

/** What reading one file's values needs, and what it found on the way. */
interface ReadContext {
  /** Label → literal name of the file's `aws_backup_vault` resources. */
  vaults: Map<string, string>;
  /** The file has syntax errors (an expression with errors is then not a depth cut). */
  syntaxErrors: boolean;
  /** Where a value first nests past the depth read. */
  deepAt?: number;
}

const NUMBER = /^-?\s*(?:\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)$/;

/** An expression's value as a node; undefined for `null` (Terraform: the argument is not set). */
function hclValue(expr: Lite, text: string, rc: ReadContext, depth: number): Node | undefined {
  const { start: offset, end } = expr;
  const source = text.slice(offset, end);
  const unknownValue = (): Node => unknown(offset, end - offset, source);
  // Past the depth read (here, or where the syntax tree was cut off): unknown, and said once.
  if (depth > MAX_VALUE_DEPTH || (expr.hasError && !rc.syntaxErrors)) rc.deepAt ??= offset;
  if (depth > MAX_VALUE_DEPTH || expr.hasError) return unknownValue();
  const parts = expr.children;
  const only = parts.length === 1 ? parts[0]! : undefined;
  if (only?.type === 'literal_value') {
    const v = only.children[0];
    if (v?.type === 'null_lit') return undefined;
    if (v?.type === 'bool_lit')
      return literal(node('boolean', offset, end - offset, source.trim() === 'true'));
    if (v?.type === 'numeric_lit' && NUMBER.test(source))
      return literal(node('number', offset, end - offset, Number(source)));
    const s = v?.type === 'string_lit' ? stringLiteral(v, text) : undefined;
    return s === undefined ? unknownValue() : literal(node('string', offset, end - offset, s));
  }
  if (only?.type === 'operation' && NUMBER.test(source)) {
    // A negative number (`-1`) is a unary operation on a literal.
    return literal(node('number', offset, end - offset, Number(source.replace(/\s+/g, ''))));
  }
  if (only?.type === 'collection_value') {
    const c = only.children[0];
    if (c?.type === 'tuple') {
      const items = c.children.filter((x) => x.type === 'expression');
      const values = items.map(
        (x) => hclValue(x, text, rc, depth + 1) ?? node('null', x.start, x.end - x.start, null),
      );
      return adopt(node('array', offset, end - offset), values);
    }
    if (c?.type === 'object') return hclObject(c, offset, end, text, rc, depth) ?? unknownValue();
    return unknownValue();
  }
  const vault = vaultReference(parts, text, rc);
  if (vault !== undefined) return resolved(node('string', offset, end - offset, vault), source);
  return unknownValue();
}

function hclObject(
  obj: Lite,
  offset: number,
  end: number,
  text: string,
  rc: ReadContext,
  depth: number,
): Node | undefined {
  const props: Node[] = [];
  for (const el of obj.children.filter((x) => x.type === 'object_elem')) {
    const [k, v] = el.children;
    if (!k || !v) return undefined;
    const kOnly = k.children.length === 1 ? k.children[0]! : undefined;
    let name: string | undefined;
    if (
      kOnly?.type === 'variable_expr' &&
      /^[\p{ID_Start}_][\p{ID_Continue}-]*$/u.test(text.slice(kOnly.start, kOnly.end))
    )
      name = text.slice(kOnly.start, kOnly.end);
    else if (kOnly?.type === 'literal_value' && kOnly.children[0]?.type === 'string_lit')
      name = stringLiteral(kOnly.children[0], text);
    if (name === undefined) return undefined; // a computed key: the whole object is unknown
    const value = hclValue(v, text, rc, depth + 1) ?? node('null', v.start, v.end - v.start, null);
    const key = node('string', k.start, k.end - k.start, name);
    props.push(adopt(node('property', el.start, el.end - el.start), [key, value]));
  }
  return adopt(node('object', offset, end - offset), props);
}

/** `aws_backup_vault.<label>.name` (or `.id`) of a vault in this file with a literal name. */
function vaultReference(parts: Lite[], text: string, rc: ReadContext): string | undefined {
  const ref = reference(parts, text, 'aws_backup_vault');
  return ref && (ref.attr === 'name' || ref.attr === 'id') ? rc.vaults.get(ref.label) : undefined;
}

/** A `<type>.<label>.<attr>` reference: its label and attribute. */
function reference(parts: Lite[], text: string, type: string): { label: string; attr: string } | undefined {
  if (parts.length !== 3) return undefined;
  const [root, label, attr] = parts as [Lite, Lite, Lite];
  if (root.type !== 'variable_expr' || text.slice(root.start, root.end) !== type) return undefined;
  if (label.type !== 'get_attr' || attr.type !== 'get_attr') return undefined;
  const name = (n: Lite): string => text.slice(n.start, n.end).replace(/^\.\s*/, '');
  return { label: name(label), attr: name(attr) };
}

/**
 * The plan a selection belongs to, when its `plan_id` is `aws_backup_plan.<label>.id` of a plan in
 * this file: the live checks then read that plan's continuous vaults from the file.
 */
function planOf(block: Lite, text: string, plans: Set<string>): string | undefined {
  const expr = findAttribute(block, 'plan_id', text)?.children[1];
  const ref = expr && reference(expr.children, text, 'aws_backup_plan');
  return ref?.attr === 'id' && plans.has(ref.label) ? `aws_backup_plan.${ref.label}` : undefined;
}

/** The restore testing plan a selection belongs to: `restore_testing_plan_name = aws_backup_restore_testing_plan.<label>.name`. */
function testingPlanOf(block: Lite, text: string, plans: Set<string>): string | undefined {
  const expr = findAttribute(block, 'restore_testing_plan_name', text)?.children[1];
  const ref = expr && reference(expr.children, text, 'aws_backup_restore_testing_plan');
  return ref?.attr === 'name' && plans.has(ref.label)
    ? `aws_backup_restore_testing_plan.${ref.label}`
    : undefined;
}

/** The first few places where the text is not valid HCL. */
function syntaxFindings(root: SyntaxNode, text: string, findings: RawFinding[]): void {
  const stack: SyntaxNode[] = [root];
  let count = 0;
  while (stack.length && count < MAX_SYNTAX_FINDINGS) {
    const n = stack.pop()!;
    if (n.isMissing || n.isError) {
      count++;
      const lineEnd = text.indexOf('\n', n.startIndex);
      const end = n.isMissing ? n.startIndex : Math.min(n.endIndex, lineEnd < 0 ? text.length : lineEnd);
      findings.push({
        code: 'TF001',
        message: n.isMissing
          ? `Not valid Terraform: ${n.type === 'block_end' ? '"}"' : n.type === 'identifier' ? 'a name' : `"${n.type}"`} is missing here. Terraform will refuse this file.`
          : 'Not valid Terraform syntax here (a missing "}", "=", quote or bracket?). Terraform will refuse this file; the linter reads what it can.',
        offset: n.startIndex,
        length: Math.max(0, end - n.startIndex),
      });
      if (n.isError) continue;
    }
    // Children in reverse, so the first error in the text is found first.
    for (let i = n.childCount - 1; i >= 0; i--) {
      const c = n.child(i);
      if (c && (c.hasError || c.isMissing)) stack.push(c);
    }
  }
  findings.sort((a, b) => a.offset - b.offset);
}
