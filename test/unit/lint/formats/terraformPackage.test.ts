/**
 * The extension's package carries Terraform's parser: the two WebAssembly files (and their
 * licences) beside `lint.js`, the bundle that reads them from its own folder. Without them an
 * installed extension could only say TF001 for every `.tf` file. `vsce ls` lists what `npm run
 * package` puts in the .vsix (.vscodeignore's allowlist), without building it.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

describe("the extension's package and Terraform's parser", function () {
  this.timeout(120_000);

  it('ships web-tree-sitter.wasm and tree-sitter-hcl.wasm, with their licences, beside dist/lint.js', () => {
    const r = spawnSync('npx', ['--no-install', 'vsce', 'ls', '--no-dependencies'], {
      cwd: resolve('.'),
      encoding: 'utf8',
    });
    assert.equal(r.status, 0, r.stderr);
    const files = r.stdout.split('\n').map((l) => l.trim());
    for (const f of [
      'dist/lint.js',
      'dist/web-tree-sitter.wasm',
      'dist/web-tree-sitter.LICENSE',
      'dist/tree-sitter-hcl.wasm',
      'dist/tree-sitter-hcl.LICENSE',
    ])
      assert.ok(files.includes(f), `${f} is not in the package: ${files.join(', ')}`);
    assert.ok(!files.some((f) => f.endsWith('.map') || f.startsWith('src/')), 'no sources or source maps');
  });
});
