/**
 * A test-only harness for the Terraform adapters: runs the plan and selection rules on the trees an
 * adapter extracts (as the engine will, once it registers the adapters) and translates each fix.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { getNodeValue, type Node } from 'jsonc-parser';
import type { RuleContext } from '../../../../src/lint/context';
import { lintPlan } from '../../../../src/lint/planRules';
import { lintSelection } from '../../../../src/lint/selectionRules';
import { isUnknown, type FormatAdapter } from '../../../../src/lint/formats/types';
import { loadTerraform } from '../../../../src/lint/formats/terraform';
import type { Fix } from '../../../../src/lint/types';

/** The WebAssembly files as the build copies them (scripts/build.mjs runs before the unit tests). */
export const WASM_DIR = resolve('dist');

let adapter: Promise<FormatAdapter> | undefined;
export function terraform(): Promise<FormatAdapter> {
  adapter ??= loadTerraform({ wasmDir: WASM_DIR });
  return adapter;
}

export function fixture(name: string): string {
  return readFileSync(join('test', 'fixtures', 'terraform', name), 'utf8');
}

export interface TfFinding {
  code: string;
  message: string;
  offset: number;
  length: number;
  /** The source text under the finding. */
  at: string;
  /** The fixes in the source's syntax (adapter findings' own, or rules' fixes translated). */
  fixes: Fix[];
  /** Rules' fixes the adapter could not translate. */
  dropped: number;
}

export function lintWith(a: FormatAdapter, text: string, fileName = 'main.tf'): TfFinding[] {
  const result = a.extract(text, fileName);
  if (!result) return [];
  const out: TfFinding[] = result.findings.map((f) => ({
    ...f,
    at: text.slice(f.offset, f.offset + f.length),
    fixes: f.fixes ?? [],
    dropped: 0,
  }));
  for (const doc of result.documents) {
    const ctx: RuleContext = {
      text,
      now: new Date('2025-08-01T12:00:00Z'),
      report(code, at, message, fixes = []) {
        const translated = fixes.map((f) => a.translateFix(f, doc, text));
        const ok = translated.filter((f): f is Fix => f !== undefined);
        out.push({
          code,
          message,
          offset: at.offset,
          length: at.length,
          at: text.slice(at.offset, at.offset + at.length),
          fixes: ok,
          dropped: translated.length - ok.length,
        });
      },
    };
    if (doc.kind === 'backup-plan') lintPlan(doc.root, ctx);
    else lintSelection(doc.root, ctx);
  }
  return out.sort((x, y) => x.offset - y.offset || x.code.localeCompare(y.code));
}

export function applyEdits(text: string, fix: Fix): string {
  let out = text;
  for (const e of [...fix.edits].sort((a, b) => b.offset - a.offset))
    out = out.slice(0, e.offset) + e.newText + out.slice(e.offset + e.length);
  return out;
}

/** The tree's value, unknowns written as `?<source>`. */
export function plain(node: Node | undefined): unknown {
  if (!node) return undefined;
  if (isUnknown(node)) return `?${node.source}`;
  if (node.type === 'object')
    return Object.fromEntries(
      (node.children ?? []).map((p) => [p.children![0]!.value as string, plain(p.children![1])]),
    );
  if (node.type === 'array') return (node.children ?? []).map(plain);
  return getNodeValue(node) as unknown;
}

/** Every node of a tree with its text, for range checks. */
export function allNodes(root: Node): Node[] {
  const out: Node[] = [];
  const stack = [root];
  for (let n = stack.pop(); n; n = stack.pop()) {
    out.push(n);
    for (const c of n.children ?? []) stack.push(c);
  }
  return out;
}
