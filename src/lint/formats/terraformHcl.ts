/**
 * Terraform's HCL, read with tree-sitter's HCL grammar (github.com/tree-sitter-grammars/tree-sitter-hcl,
 * Apache-2.0) in WebAssembly through web-tree-sitter (MIT). The grammar's two builds,
 * `tree-sitter-hcl.wasm` and `tree-sitter-terraform.wasm`, are the same rules under two names (its
 * dialects/terraform/grammar.js is `make_grammar('terraform')`); we ship the first, the one the
 * grammar's own corpus and fuzzing run on.
 *
 * Both WebAssembly files are copied beside the bundles by scripts/build.mjs and read from there
 * (the extension's or the CLI's own `dist/`): nothing is fetched or read from outside the package.
 * web-tree-sitter starts asynchronously, once ({@link loadHcl}); after that, parsing is synchronous.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type * as TreeSitter from 'web-tree-sitter';

/** The WebAssembly files the Terraform adapter needs, as scripts/build.mjs copies them into dist/. */
const HCL_WASM_FILES = ['web-tree-sitter.wasm', 'tree-sitter-hcl.wasm'] as const;

export type SyntaxNode = TreeSitter.Node;

export interface HclParser {
  /** Parses the text; the caller deletes the tree when done (its memory lives in WebAssembly). */
  parse(text: string): TreeSitter.Tree | undefined;
  /**
   * The subtree under the cursor's node, copied out as {@link Lite} nodes; `errors`: whether the
   * tree has any (when it has none, errors are not looked for).
   */
  copy(cursor: TreeSitter.TreeCursor, errors: boolean): Lite;
}

let loading: { dir: string; parser: Promise<HclParser> } | undefined;

/**
 * Starts web-tree-sitter and the HCL grammar from `wasmDir` (the folder of the running bundle by
 * default: `dist/` in the extension and the CLI), once; later calls share the first one's parser.
 * Rejects with a clear error when the files are missing.
 */
export function loadHcl(wasmDir: string = __dirname): Promise<HclParser> {
  if (loading && loading.dir === wasmDir) return loading.parser;
  const parser = start(wasmDir);
  loading = { dir: wasmDir, parser };
  // A failed start may be retried (e.g. after the files are restored).
  parser.catch(() => {
    if (loading?.parser === parser) loading = undefined;
  });
  return parser;
}

async function start(wasmDir: string): Promise<HclParser> {
  const read = (name: string): Uint8Array => {
    try {
      return readFileSync(join(wasmDir, name));
    } catch (e) {
      throw new Error(
        `The Terraform parser's ${name} is missing from ${wasmDir} (${(e as Error).message}): reinstall the extension or the CLI, or run "node scripts/build.mjs" in a clone.`,
      );
    }
  };
  const runtime = read(HCL_WASM_FILES[0]);
  const grammar = read(HCL_WASM_FILES[1]);
  // `require`, not `import`: esbuild then takes web-tree-sitter's CommonJS build, which does not
  // rely on `import.meta.url` (empty in a CommonJS bundle).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ts = require('web-tree-sitter') as typeof TreeSitter;
  // WebAssembly's own errors ("Aborted(CompileError: …)", "section extends past end of the
  // module") are no sentence for a user: the file is named, and what to do.
  const damaged = (name: string) => (): never => {
    throw new Error(
      `The Terraform parser's ${name} in ${wasmDir} is damaged (WebAssembly could not load it): reinstall the extension or the CLI, or run "node scripts/build.mjs" in a clone.`,
    );
  };
  await ts.Parser.init({ wasmBinary: runtime }).catch(damaged(HCL_WASM_FILES[0]));
  const language = await ts.Language.load(grammar).catch(damaged(HCL_WASM_FILES[1]));
  const parser = new ts.Parser();
  parser.setLanguage(language);
  // Node types by id, looked up here rather than through the cursor's getters (each of which
  // crosses into WebAssembly).
  const types = language.types;
  const isNamed = types.map((_, id) => language.nodeTypeIsNamed(id));
  const errorId = language.idForNodeType('ERROR', true);
  const commentId = language.idForNodeType('comment', true);
  const leaves = types.map((t) => LEAVES.has(t));
  const copy = (cursor: TreeSitter.TreeCursor, errors: boolean, typeId: number, depth: number): Lite => {
    const deep = depth > MAX_LITE_DEPTH;
    const node: Lite = {
      type: types[typeId] ?? 'ERROR',
      start: cursor.startIndex,
      end: cursor.endIndex,
      hasError: deep || (errors && (typeId === errorId || typeId === 65535 || cursor.nodeIsMissing)),
      children: [],
    };
    // Leaves for the adapter, read from their text (a string literal) or unknown whatever they
    // hold (a function call…): not descended into, unless the tree has errors to find there.
    if (!deep && !(leaves[typeId] && !errors) && cursor.gotoFirstChild()) {
      do {
        const id = cursor.nodeTypeId;
        if ((isNamed[id] ?? true) && id !== commentId) {
          const child = copy(cursor, errors, id, depth + 1);
          node.children.push(child);
          if (child.hasError) node.hasError = true;
        } else if (errors && cursor.nodeIsMissing) node.hasError = true;
      } while (cursor.gotoNextSibling());
      cursor.gotoParent();
    }
    return node;
  };
  return {
    copy: (cursor, errors) => copy(cursor, errors, cursor.nodeTypeId, 0),
    parse(text) {
      try {
        parser.reset();
        return parser.parse(text) ?? undefined;
      } catch {
        return undefined;
      }
    },
  };
}

/**
 * A syntax node copied out of WebAssembly: its type, span, named children (comments left out) and
 * whether it or anything under it is an error. Reading a tree-sitter node property by property
 * crosses into WebAssembly each time and allocates; one cursor walk per resource does not
 * ({@link HclParser.copy}).
 */
export interface Lite {
  type: string;
  start: number;
  end: number;
  hasError: boolean;
  children: Lite[];
}

/** Deeper than this, a subtree is cut off and marked as an error (read as unknown). */
export const MAX_LITE_DEPTH = 128;
/** Node types whose children the adapter never reads (see {@link HclParser.copy}). */
const LEAVES = new Set([
  'string_lit',
  'template_expr',
  'function_call',
  'for_expr',
  'conditional',
  'operation',
  'get_attr',
  'index',
  'splat',
  'variable_expr',
]);

/**
 * The string a `string_lit` holds, decoded (HCL's escapes: `\n \r \t \" \\ \uNNNN \UNNNNNNNN`, and
 * `$${` / `%%{` for a literal `${` / `%{`), or undefined when it is not a plain string literal.
 */
export function stringLiteral(node: Lite, text: string): string | undefined {
  if (node.type !== 'string_lit') return undefined;
  const raw = text.slice(node.start, node.end);
  if (raw.length < 2 || raw[0] !== '"' || raw[raw.length - 1] !== '"') return undefined;
  return decodeHclString(raw.slice(1, -1));
}

function decodeHclString(body: string): string | undefined {
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c === '$' || c === '%') {
      if (body[i + 1] === c && body[i + 2] === '{') {
        out += `${c}{`;
        i += 2;
        continue;
      }
      if (body[i + 1] === '{') return undefined; // a template: not a literal
      out += c;
      continue;
    }
    if (c !== '\\') {
      out += c;
      continue;
    }
    const e = body[++i];
    const simple: Record<string, string> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };
    if (e !== undefined && simple[e] !== undefined) {
      out += simple[e];
    } else if (e === 'u' || e === 'U') {
      const digits = e === 'u' ? 4 : 8;
      const hex = body.slice(i + 1, i + 1 + digits);
      if (!/^[0-9A-Fa-f]+$/.test(hex) || hex.length !== digits) return undefined;
      const code = parseInt(hex, 16);
      if (code > 0x10ffff) return undefined;
      out += String.fromCodePoint(code);
      i += digits;
    } else {
      return undefined;
    }
  }
  return out;
}

/** A string as an HCL quoted literal that reads back as exactly that string. */
export function encodeHclString(value: string): string {
  let out = '"';
  for (const ch of value) {
    const code = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  // `${` and `%{` open templates in HCL: doubled, they stand for themselves.
  return `${out.replace(/([$%])\{/g, '$1$1{')}"`;
}
