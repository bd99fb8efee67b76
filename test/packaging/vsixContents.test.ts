/**
 * The .vsix `npm run package` wrote, read as the zip it is: it holds exactly what .vscodeignore's
 * allowlist names (every entry there matching something, nothing shipped that it does not name),
 * every bundle the extension loads, and stays under 1 MB, as the README says.
 */
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import picomatch from 'picomatch';

const ROOT = resolve(__dirname, '..', '..', '..');
const VSIX = join(ROOT, 'dist', 'aws-backup-pitr.vsix');

/** The names in a zip's central directory (the .vsix is a zip; no entry is read, only listed). */
function zipEntries(zip: Buffer): string[] {
  // The end-of-central-directory record: its signature, searched back over a comment of up to 64 KB.
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 65_535); i--)
    if (zip.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  assert.ok(eocd >= 0, 'not a zip: no end-of-central-directory record');
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  const names: string[] = [];
  for (let n = 0; n < count; n++) {
    assert.equal(zip.readUInt32LE(at), 0x02014b50, `central directory entry ${n}`);
    const nameLength = zip.readUInt16LE(at + 28);
    const extra = zip.readUInt16LE(at + 30);
    const comment = zip.readUInt16LE(at + 32);
    names.push(zip.toString('utf8', at + 46, at + 46 + nameLength));
    at += 46 + nameLength + extra + comment;
  }
  return names;
}

/**
 * .vscodeignore as an allowlist: `**` first, then `!pattern` to ship. As vsce reads it, a `!pattern`
 * ships a file whatever comes after it: a later `pattern` cannot take back part of it (so the test
 * checks that no such line matches a shipped file).
 */
function allowlist(): { pattern: string; ship: boolean }[] {
  const lines = readFileSync(join(ROOT, '.vscodeignore'), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  assert.equal(lines[0], '**', '.vscodeignore starts by leaving everything out');
  return lines
    .slice(1)
    .map((l) => (l.startsWith('!') ? { pattern: l.slice(1), ship: true } : { pattern: l, ship: false }));
}

function shipped(file: string, rules: { pattern: string; ship: boolean }[]): boolean {
  return rules.some((r) => r.ship && picomatch.isMatch(file, r.pattern, { dot: true }));
}

/** vsce's names in the .vsix for the files it always takes. */
const RENAMED: Record<string, string> = { 'readme.md': 'README.md', 'LICENSE.txt': 'LICENSE' };

describe('the packaged .vsix', () => {
  let files: string[] = [];

  before(function () {
    if (!existsSync(VSIX)) throw new Error(`${VSIX} is missing: npm run package makes it`);
    files = zipEntries(readFileSync(VSIX))
      .filter((n) => n.startsWith('extension/'))
      .map((n) => n.slice('extension/'.length))
      .map((n) => RENAMED[n] ?? n)
      .sort();
  });

  it('holds what .vscodeignore ships and nothing else, and every entry there ships something', () => {
    const rules = allowlist();
    for (const f of files)
      assert.ok(shipped(f, rules), `${f} is in the .vsix but .vscodeignore does not ship it`);
    for (const r of rules.filter((x) => x.ship))
      assert.ok(
        files.some((f) => picomatch.isMatch(f, r.pattern, { dot: true })),
        `.vscodeignore ships !${r.pattern}, which matches nothing in the .vsix`,
      );
    for (const r of rules.filter((x) => !x.ship))
      assert.ok(
        !files.some((f) => picomatch.isMatch(f, r.pattern, { dot: true })),
        `${r.pattern} is left out`,
      );
  });

  it('holds every bundle the extension loads, the Terraform parser, the webviews’ scripts and the README’s pictures', () => {
    const main = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { main: string }).main;
    const bundles = [...readFileSync(join(ROOT, 'src', 'bundles.ts'), 'utf8').matchAll(/'(\w+\.js)'/g)].map(
      (m) => `dist/${m[1]}`,
    );
    assert.ok(bundles.length >= 4, bundles.join(', '));
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const pictures = [...readme.matchAll(/\]\((docs\/[\w-]+\.png)\)/g)].map((m) => m[1]!);
    assert.ok(pictures.length > 0);
    for (const f of [
      main.replace(/^\.\//, ''),
      ...bundles,
      'dist/web-tree-sitter.wasm',
      'dist/tree-sitter-hcl.wasm',
      'dist/webview/timeline.js',
      'dist/webview/posture.js',
      'package.json',
      'README.md',
      'LICENSE',
      ...pictures,
    ])
      assert.ok(files.includes(f), `${f} is missing from the .vsix`);
    assert.ok(
      !files.some(
        (f) =>
          f.endsWith('.map') || f.endsWith('.ts') || f.startsWith('src/') || f.startsWith('node_modules/'),
      ),
    );
  });

  it('is under 1 MB, as the README says', () => {
    const bytes = statSync(VSIX).size;
    assert.ok(bytes < 1024 * 1024, `${VSIX} is ${Math.round(bytes / 1024)} KB`);
  });
});
