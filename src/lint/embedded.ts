/**
 * Lints the AWS Backup documents a template or Terraform file embeds (./formats): each plan and
 * selection gets the schema checks and every rule of its kind, as the AWS CLI's file would, on a
 * tree whose offsets point into the file. Then, per finding:
 * - a finding inside a value left to deployment (an UnknownNode), or on the key of such a value, is
 *   dropped: what is not known is never reported missing, mistyped or out of range;
 * - the API's names in its message and fix titles become the file's ("Rules" → "BackupPlanRule");
 * - each fix is translated by the adapter into edits of the file's own syntax, or dropped.
 */
import type { Node } from 'jsonc-parser';
import type { RawFinding, RuleContext } from './context';
import { finish, runRules } from './documentRules';
import { ADAPTERS } from './formats';
import { isUnknown, type EmbeddedDocument, type EmbeddingResult, type FormatAdapter } from './formats/types';
import { checkSchema } from './schemaCheck';
import type { Fix, LintOptions, LintResult } from './types';

export interface EmbeddedInput extends LintOptions {
  text: string;
  fileName?: string;
  /** The offset of the first character decoded from bytes that are not UTF-8 (see LintInput). */
  invalidUtf8At?: number;
}

/**
 * Bytes that are not UTF-8, in the words of the tool that refuses them: HCL's "Invalid character
 * encoding" (Terraform), the AWS CLI's when it reads a template with `file://`.
 */
function notUtf8(format: EmbeddingResult['format'], offset: number): RawFinding {
  const message =
    format === 'cloudformation'
      ? 'Bytes that are not UTF-8: the AWS CLI cannot read this template ("text contents could not be decoded"), and the linter read them as U+FFFD. Save the file as UTF-8.'
      : 'Bytes that are not UTF-8: Terraform refuses the file ("Invalid character encoding: All input files must be UTF-8 encoded."), and the linter read them as U+FFFD. Save the file as UTF-8.';
  return { code: format === 'cloudformation' ? 'CFN003' : 'TF001', message, offset, length: 1 };
}

type Extracted = { adapter: FormatAdapter; result: EmbeddingResult } | undefined;

/**
 * The last file read: a lint, its live checks and the hovers and completions that follow on the same
 * text share one parse (a template's YAML, a .tf file's tree-sitter parse). The trees are read-only.
 */
let last: { text: string; fileName: string | undefined; found: Extracted } | undefined;

/** The adapter that reads this file and what it found, or undefined when no adapter does. */
export function extractEmbedded(text: string, fileName?: string): Extracted {
  if (last && last.text === text && last.fileName === fileName) return last.found;
  let found: Extracted;
  for (const adapter of ADAPTERS) {
    if (!adapter.sniff(text, fileName)) continue;
    const result = adapter.extract(text, fileName);
    if (result && (result.documents.length > 0 || result.findings.length > 0)) {
      found = { adapter, result };
      break;
    }
  }
  // A Terraform file read before its parser started is not kept: the next read, once started, parses it.
  const unread = found?.adapter.format === 'terraform' && found.result.documents.length === 0;
  if (!unread) last = { text, fileName, found };
  return found;
}

export function lintEmbedded(input: EmbeddedInput): LintResult | undefined {
  const found = extractEmbedded(input.text, input.fileName);
  if (!found) return undefined;
  const { adapter, result } = found;
  const { text } = input;
  const raw: RawFinding[] = [...result.findings];
  if (input.invalidUtf8At !== undefined) raw.push(notUtf8(result.format, input.invalidUtf8At));
  const now = input.now ?? new Date();
  for (const doc of result.documents) {
    const own: RawFinding[] = [];
    const ctx: RuleContext = {
      text,
      now,
      report(code, at, message, fixes) {
        own.push({
          code,
          message,
          offset: at.offset,
          length: at.length,
          ...(fixes?.length ? { fixes } : {}),
        });
      },
    };
    if (doc.root.type === 'object') {
      checkSchema(
        doc.kind,
        doc.root,
        text,
        (f) => own.push(f),
        undefined,
        adapter.format === 'cloudformation',
      );
      runRules({ kind: doc.kind, reason: 'content' }, doc.root, ctx);
    }
    const hidden = unknownSpans(doc.root);
    const starts = objectStarts(doc.root);
    for (const f of own) {
      if (hides(hidden, f)) continue;
      raw.push(present(widened(f, starts), doc, adapter, text));
    }
  }
  const first = result.documents[0];
  return {
    recognition: {
      kind: first?.kind ?? 'backup-plan',
      reason: 'content',
      format: result.format,
      documents: result.documents.map((d) => ({ kind: d.kind, label: d.resource.label })),
    },
    findings: finish(raw, input.severity, text.length),
  };
}

/** Codes that, on a key, speak of the key itself (its name, or an anchor), never of its value. */
const ABOUT_THE_KEY = new Set(['SCHEMA001', 'SEL002']);

interface Hidden {
  /** Spans of unknown values. */
  values: { offset: number; length: number }[];
  /** Offsets of keys whose value is unknown. */
  keys: Set<string>;
}

function unknownSpans(root: Node): Hidden {
  const out: Hidden = { values: [], keys: new Set() };
  const stack = [root];
  for (let n = stack.pop(); n; n = stack.pop()) {
    if (isUnknown(n)) {
      out.values.push({ offset: n.offset, length: n.length });
      const p = n.parent;
      const key = p?.type === 'property' && p.children?.[1] === n ? p.children[0] : undefined;
      if (key) out.keys.add(`${key.offset}:${key.length}`);
    }
    for (const c of n.children ?? []) stack.push(c);
  }
  return out;
}

function hides(h: Hidden, f: RawFinding): boolean {
  if (h.values.some((v) => f.offset >= v.offset && f.offset + f.length <= v.offset + v.length)) return true;
  return h.keys.has(`${f.offset}:${f.length}`) && !ABOUT_THE_KEY.has(f.code);
}

/** Object nodes whose first key starts where they do (a YAML block mapping): offset → that key. */
function objectStarts(root: Node): Map<number, Node> {
  const out = new Map<number, Node>();
  const stack = [root];
  for (let n = stack.pop(); n; n = stack.pop()) {
    const key = n.type === 'object' ? n.children?.[0]?.children?.[0] : undefined;
    if (key && key.offset === n.offset) out.set(n.offset, key);
    for (const c of n.children ?? []) stack.push(c);
  }
  return out;
}

/**
 * A finding on the opening brace of an object (SCHEMA002 on a list item, say) marks one character;
 * where the object has no brace, its first key is what the eye finds.
 */
function widened(f: RawFinding, starts: Map<number, Node>): RawFinding {
  const key = f.length === 1 ? starts.get(f.offset) : undefined;
  return key ? { ...f, length: key.length } : f;
}

/** One pattern per names map (the adapters' maps are constants): every API name, as a whole word. */
const NAME_PATTERNS = new WeakMap<Readonly<Record<string, string>>, RegExp>();

/**
 * The API's names replaced by the file's, as whole words ("Rules" → "BackupPlanRule"), except
 * inside a quotation: a quoted text with a space in it is what the service, the AWS CLI or
 * Terraform says, word for word ("Invalid lifecycle. MoveToColdStorageAfterDays is unavailable").
 */
export function inFileTerms(s: string, names: Readonly<Record<string, string>> | undefined): string {
  const keys = names ? Object.keys(names) : [];
  if (!names || keys.length === 0) return s;
  let pattern = NAME_PATTERNS.get(names);
  if (!pattern) {
    // Longest first, so a name that another starts with never wins ("Rule" inside "RuleName").
    const words = keys
      .sort((a, b) => b.length - a.length)
      .map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    pattern = new RegExp(`(?<![A-Za-z0-9_])(?:${words.join('|')})(?![A-Za-z0-9_])`, 'g');
    NAME_PATTERNS.set(names, pattern);
  }
  const rename = pattern;
  // Quoted texts paired left to right; the text between them, and quoted names, are renamed.
  return s.replace(/"[^"\n]*"|[^"]+/g, (part) =>
    part.startsWith('"') && /\s/.test(part) ? part : part.replace(rename, (cli) => names[cli] ?? cli),
  );
}

/**
 * A snippet of JSON in a message (`Add "delete_after": 35`, once renamed) as a Terraform file
 * writes it: `delete_after = 35`, `lifecycle { delete_after = 35 }`.
 */
export function inHclSyntax(s: string): string {
  const pairs = (t: string): string =>
    t.replace(/"([A-Za-z_][\w-]*)": ("[^"]*"|-?\d+(?:\.\d+)?|true|false)/g, '$1 = $2');
  return pairs(
    s.replace(
      /"([A-Za-z_][\w-]*)": \{([^{}]*)\}/g,
      (_m, name: string, inner: string) => `${name} { ${pairs(inner).trim()} }`,
    ),
  );
}

function present(f: RawFinding, doc: EmbeddedDocument, adapter: FormatAdapter, text: string): RawFinding {
  const fixes: Fix[] = [];
  for (const fix of f.fixes ?? []) {
    const t = adapter.translateFix(fix, doc, text);
    if (t) fixes.push({ ...t, title: inFileTerms(t.title, doc.sourceNames) });
  }
  const terms = inFileTerms(f.message, doc.sourceNames);
  return {
    code: f.code,
    offset: f.offset,
    length: f.length,
    message: adapter.format === 'cloudformation' ? terms : inHclSyntax(terms),
    ...(f.url ? { url: f.url } : {}),
    resource: doc.resource.label,
    ...(fixes.length ? { fixes } : {}),
  };
}
