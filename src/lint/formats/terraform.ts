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
import { didYouMean } from '../suggest';
import { loadHcl, named, stringLiteral, type HclParser, type SyntaxNode } from './terraformHcl';
import { translateTerraformFix } from './terraformFix';
import { PLAN, SELECTION, sourceNames, type Body } from './terraformSpec';
import {
  adopt,
  buildBody,
  literals,
  node,
  unknown,
  type SourceBody,
  type SourceEntry,
} from './terraformTree';
import type { EmbeddedDocument, EmbeddingResult, FormatAdapter } from './types';

const RESOURCE = /\bresource\s+"?aws_backup_(?:plan|selection)\b/;
const OTHER_FORMATS = /\.(?:json|jsonc|ya?ml|template|tfvars)$/i;

/** A cheap text test: a `resource "aws_backup_plan"` or `resource "aws_backup_selection"` in the text. */
export function sniffTerraform(text: string, fileName?: string): boolean {
  if (fileName !== undefined && OTHER_FORMATS.test(fileName)) return false;
  return text.includes('aws_backup_') && RESOURCE.test(text);
}

const PLAN_NAMES = sourceNames(PLAN);
const SELECTION_NAMES = sourceNames(SELECTION);
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
      try {
        return extract(parser, text);
      } catch {
        // Never throws: a parser failure is a file we could not read, said as such.
        return {
          format: 'terraform',
          documents: [],
          findings: [
            {
              code: 'TF001',
              message: 'The Terraform parser could not read this file.',
              offset: 0,
              length: 0,
            },
          ],
        };
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

function extract(parser: HclParser, text: string): EmbeddingResult | undefined {
  const tree = parser.parse(text);
  if (!tree) return undefined;
  try {
    const findings: RawFinding[] = [];
    const root = tree.rootNode;
    if (root.hasError) syntaxFindings(root, text, findings);
    const blocks = topBlocks(root);
    const vaults = new Map<string, string>();
    for (const b of blocks) {
      const [type, label] = labels(b, text);
      if (b.firstNamedChild?.text !== 'resource' || type !== 'aws_backup_vault' || label === undefined)
        continue;
      const name = findAttribute(b, 'name');
      const value = name ? literalString(name, text) : undefined;
      if (value !== undefined) vaults.set(label, value);
    }
    const documents: EmbeddedDocument[] = [];
    for (const b of blocks) {
      if (b.firstNamedChild?.text !== 'resource') continue;
      const [type, label, lastLabel] = labels(b, text);
      const spec =
        type === 'aws_backup_plan' ? PLAN : type === 'aws_backup_selection' ? SELECTION : undefined;
      if (!spec || label === undefined || !lastLabel) continue;
      const source = hclBody(b, text, vaults, 0);
      if (!source) continue;
      const tree = buildBody(source, spec, {
        text,
        onUnknownArgument: (e, body) => unknownArgument(e, body, findings),
      });
      documents.push({
        kind: spec === PLAN ? 'backup-plan' : 'backup-selection',
        root: tree,
        resource: {
          label: `${type}.${label}`,
          offset: b.startIndex,
          length: lastLabel.endIndex - b.startIndex,
        },
        sourceNames: spec === PLAN ? PLAN_NAMES : SELECTION_NAMES,
      });
    }
    return { format: 'terraform', documents, findings };
  } finally {
    tree.delete();
  }
}

function topBlocks(root: SyntaxNode): SyntaxNode[] {
  const body = named(root).find((c) => c.type === 'body');
  return body ? named(body).filter((c) => c.type === 'block') : [];
}

/** A block's labels as text (`resource "aws_backup_plan" "p"` → aws_backup_plan, p) and the last label's node. */
function labels(
  block: SyntaxNode,
  text: string,
): [string | undefined, string | undefined, SyntaxNode | undefined] {
  const out: string[] = [];
  let last: SyntaxNode | undefined;
  for (const c of named(block).slice(1)) {
    if (c.type === 'string_lit') out.push(stringLiteral(c, text) ?? '');
    else if (c.type === 'identifier') out.push(c.text);
    else break;
    last = c;
  }
  return [out[0], out[1], last];
}

function findAttribute(block: SyntaxNode, name: string): SyntaxNode | undefined {
  const body = named(block).find((c) => c.type === 'body');
  if (!body) return undefined;
  let found: SyntaxNode | undefined;
  for (const c of named(body)) if (c.type === 'attribute' && c.firstNamedChild?.text === name) found = c;
  return found;
}

/** The plain string an attribute holds, if its value is a string literal. */
function literalString(attribute: SyntaxNode, text: string): string | undefined {
  const expr = named(attribute)[1];
  const lit = expr && single(expr, 'literal_value');
  const str = lit && single(lit, 'string_lit');
  return str ? stringLiteral(str, text) : undefined;
}

function single(n: SyntaxNode, type: string): SyntaxNode | undefined {
  const cs = named(n);
  return cs.length === 1 && cs[0]!.type === type ? cs[0] : undefined;
}

function hclBody(
  block: SyntaxNode,
  text: string,
  vaults: Map<string, string>,
  depth: number,
): SourceBody | undefined {
  const parts = named(block);
  const open = parts.find((c) => c.type === 'block_start');
  const close = parts.find((c) => c.type === 'block_end');
  if (!open || !close) return undefined;
  const body = parts.find((c) => c.type === 'body');
  const entries: SourceEntry[] = [];
  for (const c of body ? named(body) : []) {
    const id = c.firstNamedChild;
    if (!id || id.type !== 'identifier') continue;
    const base = { key: span(id), offset: c.startIndex, length: c.endIndex - c.startIndex };
    if (c.type === 'attribute') {
      const expr = named(c)[1];
      if (!expr) continue;
      entries.push({
        ...base,
        name: id.text,
        kind: 'attribute',
        value: () => hclValue(expr, text, vaults, 0),
      });
    } else if (c.type === 'block' && id.text === 'dynamic') {
      const label = named(c)[1];
      const name =
        label?.type === 'string_lit'
          ? stringLiteral(label, text)
          : label?.type === 'identifier'
            ? label.text
            : undefined;
      if (name !== undefined && label) entries.push({ ...base, key: span(label), name, kind: 'dynamic' });
    } else if (c.type === 'block' && depth < MAX_VALUE_DEPTH) {
      const inner = hclBody(c, text, vaults, depth + 1);
      if (inner) entries.push({ ...base, name: id.text, kind: 'block', body: inner });
    }
  }
  return { offset: open.startIndex, length: close.endIndex - open.startIndex, entries };
}

function span(n: SyntaxNode): { offset: number; length: number } {
  return { offset: n.startIndex, length: n.endIndex - n.startIndex };
}

const NUMBER = /^-?\s*(?:\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)$/;

/** An expression's value as a node; undefined for `null` (Terraform: the argument is not set). */
function hclValue(
  expr: SyntaxNode,
  text: string,
  vaults: Map<string, string>,
  depth: number,
): Node | undefined {
  const { startIndex: offset, endIndex: end } = expr;
  const source = text.slice(offset, end);
  const unknownValue = (): Node => unknown(offset, end - offset, source);
  if (depth > MAX_VALUE_DEPTH || expr.hasError) return unknownValue();
  const parts = named(expr);
  const only = parts.length === 1 ? parts[0]! : undefined;
  const lit = (n: Node): Node => (literals.add(n), n);
  if (only?.type === 'literal_value') {
    const v = named(only)[0];
    if (v?.type === 'null_lit') return undefined;
    if (v?.type === 'bool_lit') return lit(node('boolean', offset, end - offset, source.trim() === 'true'));
    if (v?.type === 'numeric_lit' && NUMBER.test(source))
      return lit(node('number', offset, end - offset, Number(source)));
    const s = v?.type === 'string_lit' ? stringLiteral(v, text) : undefined;
    return s === undefined ? unknownValue() : lit(node('string', offset, end - offset, s));
  }
  if (only?.type === 'operation' && NUMBER.test(source)) {
    // A negative number (`-1`) is a unary operation on a literal.
    return lit(node('number', offset, end - offset, Number(source.replace(/\s+/g, ''))));
  }
  if (only?.type === 'collection_value') {
    const c = named(only)[0];
    if (c?.type === 'tuple') {
      const items = named(c).filter((x) => x.type === 'expression');
      const values = items.map(
        (x) =>
          hclValue(x, text, vaults, depth + 1) ?? node('null', x.startIndex, x.endIndex - x.startIndex, null),
      );
      return adopt(node('array', offset, end - offset), values);
    }
    if (c?.type === 'object') return hclObject(c, offset, end, text, vaults, depth) ?? unknownValue();
    return unknownValue();
  }
  const vault = vaultReference(parts, vaults);
  if (vault !== undefined) return node('string', offset, end - offset, vault);
  return unknownValue();
}

function hclObject(
  obj: SyntaxNode,
  offset: number,
  end: number,
  text: string,
  vaults: Map<string, string>,
  depth: number,
): Node | undefined {
  const props: Node[] = [];
  for (const el of named(obj).filter((x) => x.type === 'object_elem')) {
    const [k, v] = named(el);
    if (!k || !v) return undefined;
    const kParts = named(k);
    const kOnly = kParts.length === 1 ? kParts[0]! : undefined;
    let name: string | undefined;
    if (kOnly?.type === 'variable_expr' && named(kOnly).length === 1) name = kOnly.text;
    else if (kOnly?.type === 'literal_value' && named(kOnly)[0]?.type === 'string_lit')
      name = stringLiteral(named(kOnly)[0]!, text);
    if (name === undefined) return undefined; // a computed key: the whole object is unknown
    const value =
      hclValue(v, text, vaults, depth + 1) ?? node('null', v.startIndex, v.endIndex - v.startIndex, null);
    const key = node('string', k.startIndex, k.endIndex - k.startIndex, name);
    props.push(adopt(node('property', el.startIndex, el.endIndex - el.startIndex), [key, value]));
  }
  return adopt(node('object', offset, end - offset), props);
}

/** `aws_backup_vault.<label>.name` (or `.id`) of a vault in this file with a literal name. */
function vaultReference(parts: SyntaxNode[], vaults: Map<string, string>): string | undefined {
  if (parts.length !== 3) return undefined;
  const [root, label, attr] = parts as [SyntaxNode, SyntaxNode, SyntaxNode];
  if (root.type !== 'variable_expr' || root.text !== 'aws_backup_vault') return undefined;
  if (label.type !== 'get_attr' || attr.type !== 'get_attr') return undefined;
  const attrName = attr.text.replace(/^\.\s*/, '');
  if (attrName !== 'name' && attrName !== 'id') return undefined;
  return vaults.get(label.text.replace(/^\.\s*/, ''));
}

function unknownArgument(e: SourceEntry, body: Body, findings: RawFinding[]): void {
  // Only likely slips are reported: a newer provider may have arguments this table lacks.
  const known = [...Object.keys(body.fields), ...(body.ignored ?? [])];
  const suggestion = didYouMean(e.name, known);
  if (suggestion === undefined) return;
  findings.push({
    code: 'TF002',
    message: `"${e.name}" is not an argument of ${body.name} (Terraform AWS provider): Terraform will refuse it. Did you mean "${suggestion}"?`,
    offset: e.key.offset,
    length: e.key.length,
    fixes: [
      {
        title: `Change to "${suggestion}"`,
        edits: [{ offset: e.key.offset, length: e.key.length, newText: suggestion }],
        isPreferred: true,
      },
    ],
  });
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
