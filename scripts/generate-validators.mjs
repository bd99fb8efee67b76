// Writes src/lint/generated/validators.js: the JSON Schema validators of schemas/*.schema.json,
// compiled ahead of time with ajv's standalone code generation (https://ajv.js.org/standalone.html),
// so that ajv itself never ships in, or loads with, the bundles.
// Run: node scripts/generate-validators.mjs [--check]
// `node scripts/generate-schemas.mjs` runs this too, after writing the schemas; `--check` fails when
// the committed file is not exactly what the committed schemas give (scripts/test-all.sh runs it).
//
// The options are the ones src/lint/schemaCheck.ts compiled with at run time before, so the errors
// (instancePath, keyword, params, message, and `verbose`'s schema, parentSchema and data) are the
// same. The compiled code refers to the committed schema files rather than to copies of them: each
// schema object ajv embeds is replaced by the expression that reaches the same object in the
// imported JSON, so `schema` and `parentSchema` in an error are the very objects of SCHEMAS
// (src/lint/schemas.ts), as they were when ajv compiled those objects at run time, and the bundle
// holds each schema once.
import { readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv2020Module from 'ajv/dist/2020.js';
import standaloneModule from 'ajv/dist/standalone/index.js';
import codegen from 'ajv/dist/compile/codegen/code.js';
import ts from 'typescript';

const Ajv2020 = Ajv2020Module.default;
const standaloneCode = standaloneModule.default;
const { _Code } = codegen;

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const VALIDATORS_FILE = join(root, 'src', 'lint', 'generated', 'validators.js');
/** The schemas folder, as the generated file imports it. */
const SCHEMAS_FROM_GENERATED = relative(dirname(VALIDATORS_FILE), join(root, 'schemas')).split(sep).join('/');

/** The options schemaCheck.ts used with `new Ajv2020(…)`, plus what standalone code needs. */
export const AJV_OPTIONS = { allErrors: true, verbose: true, strict: false };

const camel = (kind) => kind.replace(/-(\w)/g, (_, c) => c.toUpperCase());
const identifier = /^[A-Za-z_$][\w$]*$/;
const property = (key) => (identifier.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`);

/** Every object and array inside `value`, with the JavaScript expression that reaches it from `base`. */
function paths(value, base, out) {
  if (value === null || typeof value !== 'object' || out.has(value)) return out;
  out.set(value, base);
  if (Array.isArray(value)) value.forEach((v, i) => paths(v, `${base}[${i}]`, out));
  else for (const [k, v] of Object.entries(value)) paths(v, `${base}${property(k)}`, out);
  return out;
}

/** The validators module's source, from the schemas in `schemasDir`. Deterministic. */
export function generateValidators(schemasDir = join(root, 'schemas')) {
  const kinds = readdirSync(schemasDir)
    .filter((f) => f.endsWith('.schema.json'))
    .map((f) => f.slice(0, -'.schema.json'.length))
    .sort();
  const ajv = new Ajv2020({ ...AJV_OPTIONS, code: { source: true, esm: true, lines: true } });
  const where = new Map();
  const imports = [];
  const exportsById = {};
  for (const kind of kinds) {
    const schema = JSON.parse(readFileSync(join(schemasDir, `${kind}.schema.json`), 'utf8'));
    const local = `${camel(kind)}Schema`;
    imports.push(`import ${local} from ${JSON.stringify(`${SCHEMAS_FROM_GENERATED}/${kind}.schema.json`)};`);
    paths(schema, local, where);
    ajv.compile(schema);
    exportsById[camel(kind)] = schema.$id;
  }
  // Point each embedded schema at its object in the imported JSON instead of a copy of it. (The
  // scope also holds the draft 2020-12 meta-schema, which compiling checks each schema against;
  // the validators never use it, so it is not in the output.)
  for (const name of ajv.scope._values.schema?.values() ?? []) {
    const expr = where.get(name.value.ref);
    if (expr) name.value.code = new _Code(expr);
  }
  let code = standaloneCode(ajv, exportsById);
  const copied = /^const (schema\d+) = [{[]/m.exec(code);
  if (copied) throw new Error(`the compiled validators embed a copy of a schema object (${copied[1]})`);
  // Runtime helpers the code would require (ajv/dist/runtime/*). `uri` brings fast-uri, which the
  // bundles are meant to be rid of: fail rather than ship it.
  const requires = [...code.matchAll(/require\(("[^"]+")\)/g)].map((m) => JSON.parse(m[1]));
  if (requires.some((r) => /runtime\/uri$/.test(r) || r === 'fast-uri'))
    throw new Error(
      'the compiled validators need ajv/dist/runtime/uri (fast-uri): a schema uses `format: uri` or a ' +
        'remote $id/$ref. Keep the schemas free of them, or decide to ship fast-uri.',
    );
  const unknown = requires.filter((r) => !r.startsWith('ajv/dist/runtime/'));
  if (unknown.length) throw new Error(`the compiled validators require ${unknown.join(', ')}`);
  code = shareFunctions(appendInPlace(code.replace(/^"use strict";/, '')));
  const map = kinds.map((k) => `  ${JSON.stringify(k)}: ${camel(k)},`).join('\n');
  return [
    '// Generated by scripts/generate-validators.mjs from schemas/*.schema.json (ajv standalone code,',
    `// ajv ${ajvVersion()}). Do not edit: run \`node scripts/generate-schemas.mjs\` or \`node scripts/generate-validators.mjs\`.`,
    '/* eslint-disable */',
    ...imports,
    code.trim(),
    '/** The validator of each document kind. */',
    `export const validators = {\n${map}\n};`,
    '',
  ].join('\n');
}

/**
 * ajv collects a nested validator's errors with `vErrors = vErrors.concat(sub.errors)`: a new array
 * per failing item, copying every error found so far, so a plan with an error in each of its n rules
 * cost n²/2 copies (a 40,000-rule plan: 17 s, most of it here). Appending in place keeps the same
 * errors in the same order, in time linear in their number.
 */
function appendInPlace(code) {
  const concat = /vErrors = vErrors === null \? ([\w$.]+)\.errors : vErrors\.concat\(\1\.errors\);/g;
  const out = code.replace(
    concat,
    (_, v) =>
      `if (vErrors === null) vErrors = ${v}.errors.slice(); else for (const e of ${v}.errors) vErrors.push(e);`,
  );
  if (/vErrors\.concat\(/.test(out))
    throw new Error('the compiled validators concatenate errors in a form not rewritten');
  return out;
}

/**
 * The document kinds share most of their shapes (four kinds hold a backup plan), so ajv compiles the
 * same validator several times, each over its own schema's objects. Each function whose code is the
 * same as another's but for the top-level names it uses (schema objects, patterns, other validators)
 * becomes one factory, called once per schema with that schema's objects: the code ships once, and
 * every validator still reports its own schema's objects. Functions used once stay as ajv wrote them.
 */
function shareFunctions(code) {
  const sf = ts.createSourceFile('validators.js', code, ts.ScriptTarget.ES2022, true);
  const topNames = new Set();
  for (const st of sf.statements) {
    if (ts.isFunctionDeclaration(st) && st.name) topNames.add(st.name.text);
    if (ts.isVariableStatement(st))
      for (const d of st.declarationList.declarations) if (ts.isIdentifier(d.name)) topNames.add(d.name.text);
  }
  const functions = [];
  const others = [];
  for (const st of sf.statements) {
    if (!(ts.isFunctionDeclaration(st) && st.name && /^validate\d+$/.test(st.name.text))) {
      others.push(st);
      continue;
    }
    const self = st.name.text;
    const start = st.getStart(sf);
    const text = st.getText(sf);
    // The top-level names the function uses, in order of first use, each made a parameter.
    const uses = [];
    (function visit(node) {
      if (ts.isIdentifier(node) && node !== st.name && topNames.has(node.text))
        uses.push({ pos: node.getStart(sf) - start, name: node.text });
      ts.forEachChild(node, visit);
    })(st.body);
    const params = [];
    let shape = text;
    for (const u of [...uses].sort((a, b) => b.pos - a.pos)) {
      shape = shape.slice(0, u.pos) + '\u0000' + u.name + '\u0000' + shape.slice(u.pos + u.name.length);
    }
    shape = shape.replace(/\u0000(\w+)\u0000/g, (_, name) => {
      if (name === self) return 'validate';
      if (!params.includes(name)) params.push(name);
      return `p${params.indexOf(name)}`;
    });
    shape = shape.replace(new RegExp(`^function ${self}\\(`), 'function validate(');
    functions.push({ self, text, shape, params });
  }
  const byShape = new Map();
  for (const f of functions) byShape.set(f.shape, [...(byShape.get(f.shape) ?? []), f]);
  const out = [];
  const statement = (st) => st.getText(sf);
  // Names first (schema objects, patterns, helpers), then the functions, then what uses them.
  const isValue = (st) =>
    ts.isVariableStatement(st) &&
    !st.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword) &&
    st.declarationList.declarations.every(
      (d) => ts.isIdentifier(d.name) && !/^validate\d+$/.test(d.name.text),
    );
  out.push(...others.filter(isValue).map(statement));
  const factories = [];
  const made = new Map(); // validate name -> its factory call
  for (const group of byShape.values()) {
    if (group.length === 1) {
      out.push(group[0].text);
      continue;
    }
    const factory = `validator${factories.length}`;
    const args = group[0].params.map((_, i) => `p${i}`).join(', ');
    factories.push(`function ${factory}(${args}) {\nreturn ${group[0].shape};\n}`);
    for (const f of group) made.set(f.self, { factory, params: f.params });
  }
  out.push(...factories);
  // Factory-made validators are constants: make each after the factory-made ones it calls.
  const done = new Set();
  const making = new Set();
  const make = (name) => {
    if (done.has(name)) return;
    if (making.has(name)) throw new Error(`${name} calls itself through other shared validators`);
    making.add(name);
    const m = made.get(name);
    for (const p of m.params) if (made.has(p)) make(p);
    out.push(`const ${name} = ${m.factory}(${m.params.join(', ')});`);
    done.add(name);
  };
  for (const name of [...made.keys()].sort((a, b) => Number(a.slice(8)) - Number(b.slice(8)))) make(name);
  out.push(...others.filter((st) => !isValue(st)).map(statement));
  return out.join('\n');
}

function ajvVersion() {
  return JSON.parse(readFileSync(join(root, 'node_modules', 'ajv', 'package.json'), 'utf8')).version;
}

/** Writes the module, or with `check` says whether the committed one is current. */
export function writeValidators({ check = false } = {}) {
  const code = generateValidators();
  if (check) {
    let committed = '';
    try {
      committed = readFileSync(VALIDATORS_FILE, 'utf8');
    } catch {}
    return committed === code;
  }
  mkdirSync(dirname(VALIDATORS_FILE), { recursive: true });
  writeFileSync(VALIDATORS_FILE, code);
  return true;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const check = process.argv.includes('--check');
  if (check) {
    if (!writeValidators({ check })) {
      console.error(
        'src/lint/generated/validators.js is out of date with schemas/. Run: node scripts/generate-validators.mjs',
      );
      process.exit(1);
    }
    console.log('src/lint/generated/validators.js matches schemas/');
  } else {
    writeValidators();
    console.log('wrote src/lint/generated/validators.js');
  }
}
