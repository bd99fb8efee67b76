import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');

/** Every file git tracks (or would, once added) under the folders whose code builds, tests or runs. */
function projectFiles(): string[] {
  const out = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  return out
    .split('\n')
    .filter(
      (f) => /^(src|test|scripts|bench|media|\.ci)\//.test(f) || f === 'package.json' || f === 'README.md',
    )
    .filter((f) => /\.(ts|mjs|js|sh|json|md)$/.test(f) || f.startsWith('.ci/'))
    .filter((f) => !f.startsWith('test/fixtures/'));
}

/** Where a relative path written in `file` points, when it escapes the repository. */
function escapes(file: string, spec: string): string | undefined {
  const target = resolve(ROOT, dirname(file), spec);
  const rel = relative(ROOT, target);
  return rel.startsWith('..') || isAbsolute(rel) ? rel : undefined;
}

/** How deep `__dirname` is when the file runs: tests run from out/, src and bench from dist/. */
function runDepth(file: string): number {
  const parts = file.split('/').length - 1;
  if (file.startsWith('test/')) return parts + 1;
  if (file.startsWith('src/') || file.startsWith('bench/')) return 1;
  return parts;
}

/**
 * Finds what in `text` would read a path outside the repository: a relative import or require
 * that climbs out, a path built from '..' segments that climbs out of the folder it starts from,
 * or a mention of the reference folder that sits beside some checkouts.
 */
export function outsideReads(file: string, text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(/(?:from\s+|require\(\s*|import\(\s*)['"](\.{1,2}\/[^'"]*)['"]/g)) {
    const out = escapes(file, m[1]!);
    if (out) found.push(`imports ${m[1]} (${out})`);
  }
  // Path literals: any quoted string made of ../ segments that climbs out of the file's folder.
  for (const m of text.matchAll(/['"`]((?:\.\.\/)+[^'"`\s]*)['"`]/g)) {
    const out = escapes(file, m[1]!);
    if (out && !found.some((f) => f.includes(m[1]!))) found.push(`path ${m[1]} (${out})`);
  }
  // join/resolve with two or more '..' segments climbs past the folder a script lives in.
  for (const m of text.matchAll(/(?:join|resolve)\(([^)]*)\)/g)) {
    const ups = (m[1]!.match(/['"]\.\.['"]/g) ?? []).length;
    const base = m[1]!.split(',')[0]!.trim();
    const depth = base === '__dirname' ? runDepth(file) : base === 'root' || base === 'ROOT' ? 0 : 99;
    if (ups > depth) found.push(`builds ${m[0]} (climbs ${ups} folders from ${base})`);
  }
  if (/\bshared\/reference\b|['"]shared['"]\s*,\s*['"]reference['"]/.test(text))
    found.push('names shared/reference');
  // Comments and docs cite AWS's pages or the vendored model, not notes outside the repository.
  if (/aws-backup-facts|§\s?\d/.test(text))
    found.push('cites a reference file that is not in the repository');
  return found;
}

describe('the project stands alone', () => {
  it('no source, test, script or benchmark reads a path outside the repository', () => {
    // This file names the ways out on purpose, as examples.
    const files = projectFiles().filter((f) => f !== 'test/unit/standsAlone.test.ts');
    assert.ok(files.length > 50, `found only ${files.length} files to check`);
    const problems = files.flatMap((f) =>
      outsideReads(f, readFileSync(join(ROOT, f), 'utf8')).map((p) => `${f}: ${p}`),
    );
    assert.deepEqual(problems, []);
  });

  it('the check catches each way out (a deliberately wrong file)', () => {
    assert.equal(outsideReads('src/emulator/model.ts', "import m from '../../schemas/x.json';").length, 0);
    assert.equal(outsideReads('src/emulator/model.ts', "import m from '../../../shared/x.json';").length, 1);
    assert.equal(
      outsideReads('scripts/a.mjs', "const p = join(root, '..', 'other', 'model.json');").length,
      1,
    );
    assert.equal(outsideReads('test/unit/x.ts', "const ROOT = join(__dirname, '..', '..', '..');").length, 0);
    assert.equal(outsideReads('test/unit/x.ts', "join(__dirname, '..', '..', '..', '..', 'x')").length, 1);
    assert.equal(outsideReads('bench/x.ts', "readFileSync('../../etc/model.json')").length, 1);
    assert.ok(outsideReads('README.md', 'see ../shared/reference/notes.md').length >= 1);
    assert.equal(outsideReads('src/lint/x.ts', '// (facts §4.1)').length, 1);
  });
});
