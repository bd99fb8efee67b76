/**
 * Terraform's parser starts asynchronously, once, before the engine reads .tf files synchronously
 * (src/lint/formats/index.ts). A file read before it started, or when it cannot start, is said so
 * (TF001), never taken for a file with nothing to report. This file's bundle has its own copy of the
 * formats' state, so the order below is the order a fresh process sees.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NODE_FS } from '../../../../src/cli/nodeFs';
import { runCli } from '../../../../src/cli/run';
import { lint } from '../../../../src/lint/engine';
import { formatsReady, prepareFormats } from '../../../../src/lint/formats';
import { fixture, WASM_DIR } from './terraformSupport';

describe('starting the Terraform parser', () => {
  const text = fixture('seminar.tf');

  it('a .tf file linted before the parser started is one TF001 finding, not a clean file', () => {
    assert.equal(formatsReady(text, 'main.tf'), false);
    assert.equal(formatsReady('{"BackupPlanName":"p"}', 'plan.json'), true, 'JSON needs nothing started');
    const r = lint({ text, fileName: 'main.tf' });
    assert.deepEqual(
      r?.findings.map((f) => f.code),
      ['TF001'],
    );
    assert.match(r.findings[0]!.message, /was not read: the HCL parser failed to start/);
  });

  it('pitr-lint exits 2 when the parser cannot start: the file was not checked, whatever --severity says', async () => {
    // This test bundle's folder (out/test/unit/lint/formats) has no WebAssembly: the CLI's start fails here.
    const dir = mkdtempSync(join(tmpdir(), 'pitr-tf-start-'));
    writeFileSync(join(dir, 'main.tf'), text);
    let out = '';
    let err = '';
    const code = await runCli(['main.tf', '--severity', 'TF001=off'], {
      ...NODE_FS,
      cwd: dir,
      stdout: (s) => (out += s),
      stderr: (s) => (err += s),
      version: '0.0.0-test',
    });
    assert.equal(code, 2, out);
    assert.match(
      err,
      /main\.tf.*the Terraform parser could not start, so this file was not checked: .*web-tree-sitter\.wasm is missing/,
    );
  });

  it('a parser that cannot start names the missing file, and is tried again next time', async () => {
    assert.match(
      (await prepareFormats(text, 'main.tf', { wasmDir: '/nonexistent/dist' }))!,
      /web-tree-sitter\.wasm is missing from \/nonexistent\/dist/,
    );
    const r = lint({ text, fileName: 'main.tf' });
    assert.deepEqual(
      r?.findings.map((f) => f.code),
      ['TF001'],
    );
    assert.match(r.findings[0]!.message, /web-tree-sitter\.wasm is missing from \/nonexistent\/dist/);
    assert.equal(await prepareFormats(text, 'main.tf', { wasmDir: WASM_DIR }), undefined);
    assert.equal(formatsReady(text, 'main.tf'), true);
    const codes = lint({ text, fileName: 'main.tf', now: new Date('2025-08-01T12:00:00Z') })!.findings.map(
      (f) => f.code,
    );
    assert.ok(
      codes.includes('PLAN001') && codes.includes('PITR003') && !codes.includes('TF001'),
      codes.join(),
    );
  });

  it('a .tf file with no AWS Backup resource is not an AWS Backup file, and starts nothing', () => {
    const other = 'variable "region" {\n  default = "eu-west-1"\n}\n';
    assert.equal(lint({ text: other, fileName: 'variables.tf' }), undefined);
    assert.equal(formatsReady(other, 'variables.tf'), true);
  });
});
