#!/usr/bin/env node
// The house's figures (issue 22), printed in `npm test` (scripts/test-all.sh) and failing when one is
// over its bound: import loops between the folders of src/, upward imports between the floors, places
// that write a resource type's name or the 35-day limit as a literal outside the record per type, and
// the files a new resource type touches (the proof test's fixture). Functions over 120 lines are
// printed without a bound (another change enforces them).
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { ESLint } from 'eslint';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'src');
const files = readdirSync(src, { withFileTypes: true, recursive: true })
  .filter((e) => e.isFile() && e.name.endsWith('.ts'))
  .map((e) => join(e.parentPath, e.name));
const known = new Set(files);

/** Each file's relative imports (type imports and re-exports included), resolved to our files. */
function importsOf(file) {
  const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  return importedFiles
    .map((i) => i.fileName)
    .filter((spec) => spec.startsWith('.'))
    .map((spec) => {
      const base = resolve(dirname(file), spec);
      return [base, `${base}.ts`, join(base, 'index.ts')].find((c) => known.has(c));
    })
    .filter((t) => t !== undefined);
}

/** The folder of src/ a file is on: its first folder (aws, backup, restore…), or "root" for src/*.ts. */
const folderOf = (file) => {
  const parts = relative(src, file).split(sep);
  return parts.length > 1 ? parts[0] : 'root';
};

const edges = new Map();
const fileEdges = [];
for (const f of files)
  for (const t of importsOf(f)) {
    fileEdges.push([f, t]);
    const a = folderOf(f);
    const b = folderOf(t);
    if (a === b) continue;
    if (!edges.has(a)) edges.set(a, new Set());
    edges.get(a).add(b);
  }

/** Strongly connected components of more than one folder (Tarjan): each one an import loop. */
function loops(graph) {
  let next = 0;
  const index = new Map();
  const low = new Map();
  const stack = [];
  const on = new Set();
  const out = [];
  const visit = (v) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    on.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v), index.get(w)));
    }
    if (low.get(v) === index.get(v)) {
      const c = [];
      let w;
      do {
        w = stack.pop();
        on.delete(w);
        c.push(w);
      } while (w !== v);
      if (c.length > 1) out.push(c.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return out;
}

/**
 * The floors, bottom up (docs: "How the code is laid out"): an import may go down or sideways within
 * a floor's folder, never up, and features never import each other. The lint engine sits under the
 * features that lint before sending; the AWS layer may read the lint engine's types (it implements
 * its interfaces), and the composition root reads everything.
 */
const FLOOR = {
  backup: 0,
  ui: 1,
  lint: 1,
  emulator: 1,
  aws: 2,
  explorer: 3,
  restore: 3,
  posture: 3,
  deploy: 3,
  lifecycle: 3,
  cli: 3,
  root: 4,
};
const upward = [];
for (const [f, t] of fileEdges) {
  const a = folderOf(f);
  const b = folderOf(t);
  if (a === b) continue;
  // src/aws implements the lint engine's interfaces: type imports only (ESLint checks the "only").
  if (a === 'aws' && b === 'lint') continue;
  if ((FLOOR[b] ?? 99) > (FLOOR[a] ?? -1) || (FLOOR[a] === 3 && FLOOR[b] === 3))
    upward.push(`${relative(root, f)} → ${relative(root, t)}`);
}

// Literals outside the record: ESLint's rule for them (eslint.config.mjs), over every file of src/.
const eslint = new ESLint({
  cwd: root,
  overrideConfig: { languageOptions: { parserOptions: { projectService: false, project: null } } },
  ruleFilter: ({ ruleId }) => ruleId === 'no-restricted-syntax',
});
const results = await eslint.lintFiles(['src/**/*.ts']);
// One place per literal, though a literal may break two of the rule's selectors.
const literals = [
  ...new Set(
    results.flatMap((r) =>
      r.messages.map(
        (m) => `${relative(root, r.filePath)}:${m.line}:${m.column}: ${m.message.split('.')[0]}`,
      ),
    ),
  ),
];

// A new resource type: the proof test (test/unit/backup/resourceTypes.test.ts) adds it from one fixture file.
const proof = join(root, 'test', 'unit', 'backup', 'resourceTypes.test.ts');
const fixtures = existsSync(proof)
  ? [...readFileSync(proof, 'utf8').matchAll(/from '\.\/(resourceTypes\/[^']+)'/g)].map((m) => m[1])
  : [];

const loopList = loops(edges);
const figures = [
  ['files touched to add a resource type (the proof test’s fixture)', fixtures.length, 1, fixtures],
  ['import loops between folders of src/', loopList.length, 0, loopList.map((c) => c.join(' ↔ '))],
  ['upward imports between the floors', upward.length, 0, upward],
  [
    'places writing a resource type’s name or the 35-day limit outside the record',
    literals.length,
    0,
    literals,
  ],
];
let failed = false;
for (const [name, value, bound, detail] of figures) {
  const ok = name.startsWith('files touched') ? value === bound : value <= bound;
  if (!ok) failed = true;
  console.log(`${ok ? 'ok  ' : 'OVER'} ${name}: ${value} (bound ${bound})`);
  if (!ok) for (const d of detail) console.log(`       ${d}`);
}
process.exit(failed ? 1 : 0);
