import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import { validators } from '../../../src/lint/generated/validators';
import { SCHEMAS, deref, type SchemaNode } from '../../../src/lint/schemas';
import type { DocumentKind } from '../../../src/lint/types';
import { rng } from './fuzzSupport';

// The validators compiled at build time (scripts/generate-validators.mjs) must report exactly what
// ajv compiling the same schemas at run time, with the options schemaCheck.ts used, reports.
const ajv = new Ajv2020({ allErrors: true, verbose: true, strict: false });
const KINDS = Object.keys(SCHEMAS) as DocumentKind[];

/** A document shaped by the schema, every property filled in (valid or nearly). */
function valid(root: SchemaNode, node: SchemaNode | undefined, depth = 0): unknown {
  const n = deref(root, node);
  if (!n || depth > 12) return {};
  const bounds = n as { minimum?: number; minItems?: number };
  if (n.enum) return n.enum[0];
  const type = Array.isArray(n.type) ? n.type[0] : n.type;
  switch (type) {
    case 'object': {
      const o: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(n.properties ?? {})) o[k] = valid(root, v, depth + 1);
      if (typeof n.additionalProperties === 'object')
        o.extra = valid(root, n.additionalProperties, depth + 1);
      return o;
    }
    case 'array':
      return Array.from({ length: Math.max(1, bounds.minItems ?? 1) }, () => valid(root, n.items, depth + 1));
    case 'integer':
    case 'number':
      return bounds.minimum ?? 1;
    case 'boolean':
      return true;
    case 'string':
      return n.pattern ? 'a' : 'text';
    default:
      return {};
  }
}

const ROOT = join(__dirname, '..', '..', '..', '..');
/** The samples and the test workspace's files, as real documents of some kind or other. */
const REAL: unknown[] = ['samples', join('test', 'fixtures', 'workspace')].flatMap((dir) =>
  readdirSync(join(ROOT, dir))
    .filter((f) => f.endsWith('.json'))
    .flatMap((f) => {
      try {
        return [JSON.parse(readFileSync(join(ROOT, dir, f), 'utf8')) as unknown];
      } catch {
        return []; // JSON with comments
      }
    }),
);

const WRONG: unknown[] = [null, 'x', '', 'STRINGEQUALS', 7, -1, 1.5, 1e21, true, [], [1], {}, { x: 1 }];

/** Every place in `value`, as the path to it. */
function places(value: unknown, path: (string | number)[] = [], out: (string | number)[][] = []) {
  out.push(path);
  if (Array.isArray(value)) value.forEach((v, i) => places(v, [...path, i], out));
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) places(v, [...path, k], out);
  return out;
}

function setAt(value: unknown, path: (string | number)[], to: unknown): unknown {
  if (path.length === 0) return to === DELETE ? undefined : to;
  const copy: unknown = structuredClone(value);
  let parent = copy as Record<string | number, unknown>;
  for (const seg of [undefined, ...path.slice(0, -1)]) {
    if (seg !== undefined) parent = parent[seg] as Record<string | number, unknown>;
    if (!parent || typeof parent !== 'object') return copy; // gone in an earlier change
  }
  const last = path[path.length - 1]!;
  if (to === DELETE) {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
  } else parent[last] = to;
  return copy;
}
const DELETE = Symbol('delete');

/** Documents around a valid one: each place deleted, given a wrong value, or given an unknown key. */
function documents(kind: DocumentKind): unknown[] {
  const root = SCHEMAS[kind];
  const base = valid(root, root);
  const docs: unknown[] = [base, ...WRONG, ...REAL];
  const random = rng(kind.length * 7919);
  for (const path of places(base)) {
    if (path.length) docs.push(setAt(base, path, DELETE));
    for (const w of WRONG) if (random() < 0.5) docs.push(setAt(base, path, w));
    const at = path.reduce<unknown>((v, seg) => (v as Record<string | number, unknown>)[seg], base);
    if (at && typeof at === 'object' && !Array.isArray(at)) docs.push(setAt(base, [...path, 'Unknwon'], 1));
  }
  // A few with many faults at once.
  for (let i = 0; i < 40; i++) {
    let d = base;
    const all = places(base);
    for (let j = 0; j < 5; j++) {
      const path = all[Math.floor(random() * all.length)]!;
      d = setAt(d, path, WRONG[Math.floor(random() * WRONG.length)]);
    }
    docs.push(d);
  }
  return docs;
}

const runtimeValidators = new Map<DocumentKind, ValidateFunction>();

function sameErrors(kind: DocumentKind, doc: unknown): number {
  let runtime = runtimeValidators.get(kind);
  if (!runtime) runtimeValidators.set(kind, (runtime = ajv.compile(SCHEMAS[kind])));
  const compiled = validators[kind];
  const ok = runtime(doc);
  assert.equal(compiled(doc), ok, `${kind}: ${JSON.stringify(doc)}`);
  const a = runtime.errors ?? [];
  const b = compiled.errors ?? [];
  assert.deepStrictEqual(b, a, `${kind}: ${JSON.stringify(doc)}`);
  a.forEach((e, i) => {
    // The very objects, not copies: both point into SCHEMAS and into the document.
    assert.equal(b[i]!.schema, e.schema);
    assert.equal(b[i]!.parentSchema, e.parentSchema);
    assert.equal(b[i]!.data, e.data);
  });
  return a.length;
}

describe('the validators compiled at build time', () => {
  for (const kind of KINDS)
    it(`${kind}: the same errors as ajv compiling the schema at run time`, () => {
      let errors = 0;
      const docs = documents(kind);
      for (const doc of docs) errors += sameErrors(kind, doc);
      assert.ok(docs.length > 20 && errors > 0, `${docs.length} documents, ${errors} errors`);
    });

  it('a validator used twice reports only its latest run', () => {
    const v = validators['backup-plan'];
    assert.equal(v({ BackupPlanName: 1 }), false);
    assert.ok((v.errors ?? []).length > 0);
    const sample: unknown = JSON.parse(readFileSync(join(ROOT, 'samples', 'backup-plan.json'), 'utf8'));
    assert.equal(v(sample), true);
    assert.equal(v.errors, null);
  });
});
