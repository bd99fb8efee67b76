/**
 * `pitr-lsp` with its defaults gives the same findings as `pitr-lint` on the same text: every file
 * under test/fixtures that the CLI would pick up in a directory, compared finding by finding
 * (code, severity, message, start and end), and files the CLI skips get no diagnostics.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { lintedExtensions } from '../../../src/lint/formats';
import { LINTED_ENDINGS } from '../../../src/lint/kinds';
import { startLsp, type LspSession } from '../../support/lspClient';

const ROOT = resolve(__dirname, '..', '..', '..', '..');
const FIXTURES = join(ROOT, 'test', 'fixtures');
const LSP = { file: process.execPath, args: [resolve(ROOT, 'dist', 'lsp.js'), '--stdio'] };
const SEVERITY = ['', 'error', 'warning', 'info', 'hint'];

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

interface CliFinding {
  code: string;
  severity: string;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

describe('pitr-lsp and pitr-lint agree on every lint fixture', function () {
  this.timeout(120_000);
  let s: LspSession;
  let cli: Map<string, CliFinding[]>;
  const endings = lintedExtensions();
  const files = walk(FIXTURES).filter((f) => endings.some((e) => f.endsWith(e)));

  before(async () => {
    const run = spawnSync(
      process.execPath,
      [join(ROOT, 'dist', 'cli.js'), '--format', 'json', '--allow-other-files', ...files],
      { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
    );
    assert.ok(run.status === 0 || run.status === 1, run.stderr);
    const reports = JSON.parse(run.stdout) as { file: string; findings: CliFinding[] }[];
    cli = new Map(reports.map((r) => [resolve(ROOT, r.file), r.findings]));
    assert.ok(cli.size >= 20, `the CLI linted only ${cli.size} fixtures`);
    s = await startLsp(LSP);
  });
  after(async () => {
    await s?.close();
  });

  it("the editor's workspace lint searches the same file endings as the CLI", () =>
    assert.deepEqual([...LINTED_ENDINGS].sort(), endings.map((e) => e.slice(1)).sort()));

  it('names enough fixtures to mean something', () => assert.ok(files.length >= 30, String(files.length)));

  for (const file of files)
    it(file.slice(FIXTURES.length + 1), async () => {
      const uri = pathToFileURL(file).href;
      const published = s.nextDiagnostics(uri, 1);
      await s.connection.sendNotification('textDocument/didOpen', {
        textDocument: { uri, languageId: 'json', version: 1, text: readFileSync(file, 'utf8') },
      });
      const server = (await published).map((d) => ({
        code: String(d.code),
        severity: SEVERITY[d.severity ?? 1],
        message: d.message,
        line: d.range.start.line + 1,
        column: d.range.start.character + 1,
        endLine: d.range.end.line + 1,
        endColumn: d.range.end.character + 1,
      }));
      const expected = (cli.get(file) ?? []).map((f) => ({
        code: f.code,
        severity: f.severity,
        message: f.message,
        line: f.line,
        column: f.column,
        endLine: f.endLine,
        endColumn: f.endColumn,
      }));
      assert.deepEqual(server, expected);
      await s.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    });
});
