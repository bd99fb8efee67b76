/** No internal error text reaches a user: a parser's own failure becomes a sentence about the input. */
import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadTerraform } from '../../src/lint/formats/terraform';
import { WASM_DIR } from './lint/formats/terraformSupport';

describe('no internal error text reaches a user', () => {
  // (web-tree-sitter's runtime starts once a process: its damaged file is said the same way, untested here.)
  for (const damaged of ['tree-sitter-hcl.wasm'])
    it(`a damaged ${damaged}: a sentence that names it, not WebAssembly's own error ("Aborted()")`, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'pitr-wasm-'));
      for (const f of ['tree-sitter-hcl.wasm', 'web-tree-sitter.wasm']) {
        const bytes = readFileSync(join(WASM_DIR, f));
        writeFileSync(join(dir, f), f === damaged ? bytes.subarray(0, 1000) : bytes);
      }
      const message = await loadTerraform({ wasmDir: dir }).then(
        () => 'started',
        (e: unknown) => (e instanceof Error ? e.message : String(e)),
      );
      assert.doesNotMatch(message, /Aborted\(|CompileError|RuntimeError|WebAssembly\.instantiate/);
      assert.match(
        message,
        new RegExp(`The Terraform parser's ${damaged.replace('.', '\\.')} in .* is damaged`),
      );
    });
});
