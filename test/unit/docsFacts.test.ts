/**
 * The figures and lists the README and docs/ state about the product, checked against the code and
 * the built artefacts (`npm run test:unit` builds dist/ first), so that they cannot drift: the
 * directory search of pitr-lint, the bundles the build makes and the .vsix ships, the Terraform
 * parser's sizes, the sections other files send a reader to, and every relative link.
 */
import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { SKIP_DIRS } from '../../src/cli/collect';
import { lintedExtensions } from '../../src/lint/formats';

const ROOT = join(__dirname, '..', '..', '..');
const DIST = join(ROOT, 'dist');

/** README.md and every page of docs/, by path from the repository. */
function pages(): Map<string, string> {
  const out = new Map([['README.md', readFileSync(join(ROOT, 'README.md'), 'utf8')]]);
  for (const f of readdirSync(join(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .sort())
    out.set(`docs/${f}`, readFileSync(join(ROOT, 'docs', f), 'utf8'));
  return out;
}

/** All of it as one text, line breaks as spaces (a sentence may be wrapped anywhere). */
const prose = (): string => [...pages().values()].join('\n').replace(/\s+/g, ' ');

/** The headings of a page, as written (without the #s). */
const headingsOf = (text: string): Set<string> =>
  new Set([...text.matchAll(/^#+ (.+)$/gm)].map((m) => m[1]!.trim()));

/** A heading's anchor, as GitHub makes it. */
const slug = (heading: string): string =>
  heading
    .toLowerCase()
    .replace(/[^\w\- ]/g, '')
    .replace(/ /g, '-');

/** "a, b and c". */
const inWords = (items: readonly string[]): string =>
  items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)!}`;

/** The text from `start` to the end of its paragraph, line breaks as spaces. */
function paragraphFrom(start: string): string {
  for (const text of pages().values())
    for (const paragraph of text.split(/\n\s*\n/)) {
      const flat = paragraph.replace(/\s+/g, ' ');
      const i = flat.indexOf(start);
      if (i >= 0) return flat.slice(i);
    }
  assert.fail(`no page says "${start}"`);
}

describe('the figures the README and docs/ state, against the code and the build (issue 23)', () => {
  it('pitr-lint’s directory search: the extensions it looks for and the folders it skips', () => {
    const expected = `Directories are searched for ${inWords(lintedExtensions().map((e) => `\`*${e}\``))} (skipping ${inWords([...SKIP_DIRS].map((d) => `\`${d}\``))}`;
    assert.ok(prose().includes(expected), `the docs should say: ${expected}…`);
  });

  it('the bundles `npm run build` makes, as dist/ holds them', () => {
    const said = [
      ...paragraphFrom('`npm run build` bundles').matchAll(/`dist\/((?:webview\/)?[\w-]+\.js)`/g),
    ].map((m) => m[1]!);
    const built = [
      ...readdirSync(DIST).filter((f) => f.endsWith('.js')),
      ...readdirSync(join(DIST, 'webview'))
        .filter((f) => f.endsWith('.js'))
        .map((f) => `webview/${f}`),
    ];
    assert.deepEqual([...new Set(said)].sort(), built.sort());
  });

  it('the bundles the .vsix holds, as .vscodeignore ships them', () => {
    const said = [...paragraphFrom('The `.vsix` holds').matchAll(/`([\w-]+\.js)`/g)].map((m) => m[1]!);
    const shipped = [
      ...readFileSync(join(ROOT, '.vscodeignore'), 'utf8').matchAll(/^!dist\/([\w-]+\.js)$/gm),
    ].map((m) => m[1]!);
    assert.deepEqual([...new Set(said)].sort(), shipped.sort());
  });

  it('the Terraform parser’s WebAssembly sizes, as built', () => {
    for (const file of ['web-tree-sitter.wasm', 'tree-sitter-hcl.wasm']) {
      const m = new RegExp(`\`${file.replace('.', '\\.')}\`, (\\d+) KB`).exec(prose());
      assert.ok(m, `the docs give the size of ${file}`);
      assert.equal(Number(m[1]), Math.round(statSync(join(DIST, file)).size / 1024), file);
    }
  });

  it('every section a source file sends the reader to exists', () => {
    const all = pages();
    const refs: { from: string; page: string; heading: string }[] = [];
    const walk = (dir: string): void => {
      for (const name of readdirSync(dir)) {
        const p = join(dir, name);
        if (statSync(p).isDirectory()) walk(p);
        else if (/\.(ts|mjs|sh|js)$/.test(name))
          for (const m of readFileSync(p, 'utf8').matchAll(
            /(README|docs\/[\w-]+\.md)(?:'s|’s|\.md's)? "([^"]+)" section/g,
          ))
            refs.push({
              from: relative(ROOT, p),
              page: m[1] === 'README' ? 'README.md' : m[1]!,
              heading: m[2]!,
            });
      }
    };
    for (const d of ['src', 'test', 'scripts', 'bench']) walk(join(ROOT, d));
    assert.ok(refs.length > 0, 'the scan finds the references it checks');
    for (const r of refs)
      assert.ok(
        headingsOf(all.get(r.page) ?? '').has(r.heading),
        `${r.from}: ${r.page} has no "${r.heading}" section`,
      );
  });

  it('every relative link in the README and docs/ leads to a file of the repository, and to a heading there', () => {
    const all = pages();
    for (const [page, text] of all)
      for (const m of text.matchAll(/\]\((?!https?:|mailto:)([^)\s#]*)(?:#([^)\s]+))?\)/g)) {
        const file = m[1] ? join(dirname(page), m[1]) : page;
        assert.ok(existsSync(join(ROOT, file)), `${page}: ${m[1]!} does not exist`);
        if (m[2] !== undefined)
          assert.ok(
            [...headingsOf(all.get(file) ?? '')].some((h) => slug(h) === m[2]),
            `${page}: ${file} has no heading #${m[2]}`,
          );
      }
  });

  it('`npm run test:unit` builds what it runs, so it works right after `npm ci`', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    const steps = pkg.scripts['test:unit']!.split('&&').map((s) => s.trim());
    assert.deepEqual(steps, ['node scripts/build.mjs', 'node scripts/build-tests.mjs', 'mocha']);
  });
});

describe('test/unit/ mirrors the folders of src/ (issue 22)', () => {
  it('every folder of test/unit/ is a folder of src/ (the project-wide checks sit at its top)', () => {
    const folders = (root: string, under = ''): string[] =>
      readdirSync(join(root, under))
        .filter((n) => statSync(join(root, under, n)).isDirectory())
        .flatMap((n) => [`${under}${n}`, ...folders(root, `${under}${n}/`)]);
    const src = new Set(folders(join(ROOT, 'src')));
    const tests = folders(join(ROOT, 'test', 'unit'));
    assert.ok(tests.length >= 10, tests.join(', '));
    for (const f of tests) assert.ok(src.has(f), `test/unit/${f} has no src/${f} to mirror`);
  });
});
