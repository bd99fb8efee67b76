/**
 * `pitr-lsp` (dist/lsp.js) spoken to over stdio by a raw client: initialize, the document
 * lifecycle, pushed and pulled diagnostics, quick fixes, hover, completion, cancellation, the time
 * budget, and a clean exit on shutdown/exit and when the client's process dies.
 */
import { strict as assert } from 'node:assert';
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CancellationTokenSource,
  type CodeAction,
  type CompletionItem,
  type Diagnostic,
  type DocumentDiagnosticReport,
  type Hover,
} from 'vscode-languageserver-protocol/node';
import { generatePlan } from '../../../bench/planGenerator';
import type { LiveFacts } from '../../../src/lint/live';
import { LIVE_FACT_REQUEST, type LiveFactParams } from '../../../src/lint/lspProtocol';
import { answerLiveFact } from '../../../src/lint/liveProxy';
import { FIVE_FIELD, startLsp, type LspSession } from '../../support/lspClient';

const ROOT = resolve(__dirname, '..', '..', '..', '..');
const PKG_VERSION = (JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as { version: string })
  .version;
export const LSP = { file: process.execPath, args: [resolve(ROOT, 'dist', 'lsp.js'), '--stdio'] };

const URI = pathToFileURL(resolve(ROOT, 'tmp-not-written', 'backup-plan.json')).href;

/** A diagnostic's message as text (LSP 3.18 allows Markdown there too). */
function messageOf(d: Diagnostic): string {
  return typeof d.message === 'string' ? d.message : d.message.value;
}

function open(s: LspSession, uri: string, text: string, languageId = 'json'): Promise<void> {
  return s.connection.sendNotification('textDocument/didOpen', {
    textDocument: { uri, languageId, version: 1, text },
  });
}

describe('pitr-lsp over stdio (a raw LSP client)', function () {
  this.timeout(60_000);
  let s: LspSession;
  afterEach(async () => {
    if (s && s.child.exitCode === null) await s.close();
  });

  it('answers --version, and initialize with its name, version and capabilities', async () => {
    const version = spawnSync(LSP.file, [LSP.args[0]!, '--version'], { encoding: 'utf8' });
    assert.equal(version.stdout.trim(), PKG_VERSION);
    s = await startLsp(LSP);
    assert.deepEqual(s.initialized.serverInfo, { name: 'pitr-lsp', version: PKG_VERSION });
    const c = s.initialized.capabilities;
    assert.equal(c.hoverProvider, true);
    assert.deepEqual(c.codeActionProvider, { codeActionKinds: ['quickfix'] });
    assert.ok(c.completionProvider);
    assert.equal(c.diagnosticProvider, undefined); // this client does not pull: diagnostics are pushed
  });

  it('pushes PLAN001 on a five-field cron; follows didChange; clears on didClose', async () => {
    s = await startLsp(LSP);
    const first = s.nextDiagnostics(URI, 1);
    await open(s, URI, FIVE_FIELD);
    const d = await first;
    const plan001 = d.find((x) => x.code === 'PLAN001');
    assert.ok(plan001, JSON.stringify(d));
    assert.equal(plan001.source, 'aws-backup-pitr');
    assert.equal(plan001.range.start.line, 6);
    assert.match(String(plan001.codeDescription?.href), /eb-cron-expressions/);

    const fixed = s.nextDiagnostics(URI, 2);
    await s.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: URI, version: 2 },
      contentChanges: [
        {
          range: { start: { line: 6, character: 29 }, end: { line: 6, character: 44 } },
          text: 'cron(0 5 ? * * *)',
        },
      ],
    });
    assert.deepEqual(
      (await fixed).map((x) => x.code),
      [],
    );
    const cleared = s.nextDiagnostics(URI);
    await s.connection.sendNotification('textDocument/didClose', { textDocument: { uri: URI } });
    assert.deepEqual(await cleared, []);
    assert.equal(await s.close(), 0);
  });

  it('offers the quick fix as a workspace edit, hover from the service model, and completion', async () => {
    s = await startLsp(LSP);
    const first = s.nextDiagnostics(URI, 1);
    await open(s, URI, FIVE_FIELD);
    const d = (await first).find((x) => x.code === 'PLAN001')!;
    const actions = (await s.connection.sendRequest<unknown>('textDocument/codeAction', {
      textDocument: { uri: URI },
      range: d.range,
      context: { diagnostics: [d] },
    })) as CodeAction[];
    const fix = actions.find((a) => a.isPreferred);
    assert.ok(fix, JSON.stringify(actions));
    assert.equal(fix.kind, 'quickfix');
    const edits = fix.edit?.changes?.[URI];
    assert.equal(edits?.length, 1);
    assert.match(edits[0]!.newText, /^"cron\(0 5 \? \* \* \*\)"$/);

    const hover = (await s.connection.sendRequest<unknown>('textDocument/hover', {
      textDocument: { uri: URI },
      position: { line: 6, character: 10 },
    })) as Hover;
    assert.match(JSON.stringify(hover.contents), /ScheduleExpression/);

    const items = (await s.connection.sendRequest<unknown>('textDocument/completion', {
      textDocument: { uri: URI },
      position: { line: 4, character: 6 },
    })) as CompletionItem[];
    assert.ok(
      items.some((i) => i.label === 'StartWindowMinutes'),
      items.map((i) => i.label).join(', '),
    );
  });

  it('asks the client for live facts when told to (live: { client: true }), and reports LIVE001 with them', async () => {
    s = await startLsp(LSP, { initializationOptions: { live: { client: true } } });
    const asked: string[] = [];
    const facts: LiveFacts = {
      region: 'eu-west-1',
      vaults: () =>
        Promise.resolve({ names: new Set(['Default']), arns: new Set<string>(), accountId: '123456789012' }),
      continuousVaultOf: () => Promise.resolve(undefined),
      planContinuousVaults: () => Promise.resolve(undefined),
      windowOf: () => Promise.resolve(undefined),
    };
    s.connection.onRequest(LIVE_FACT_REQUEST, (p: LiveFactParams) => {
      asked.push(p.fact);
      return answerLiveFact(facts, p);
    });
    const withLive = new Promise<Diagnostic[]>((resolveLive) => {
      const next = (): void =>
        void s
          .nextDiagnostics(URI)
          .then((d) => (d.some((x) => x.code === 'LIVE001') ? resolveLive(d) : next()));
      next();
    });
    await open(s, URI, FIVE_FIELD.replace('"Default"', '"no-such-vault"'));
    const live = (await withLive).find((x) => x.code === 'LIVE001')!;
    assert.match(messageOf(live), /"no-such-vault" does not exist in eu-west-1 \(account 123456789012\)/);
    assert.deepEqual(asked, ['vaults']);
  });

  it('makes no live request unless told to', async () => {
    s = await startLsp(LSP);
    let asked = 0;
    s.connection.onRequest(LIVE_FACT_REQUEST, () => {
      asked++;
      return null;
    });
    const first = s.nextDiagnostics(URI, 1);
    await open(s, URI, FIVE_FIELD.replace('"Default"', '"no-such-vault"'));
    assert.ok(!(await first).some((x) => x.code === 'LIVE001'));
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(asked, 0);
  });

  it('takes settings from initializationOptions and from workspace/configuration, ignoring malformed ones', async () => {
    s = await startLsp(LSP, {
      initializationOptions: { settings: { severity: { PLAN001: 'warning' } } },
    });
    let first = s.nextDiagnostics(URI, 1);
    await open(s, URI, FIVE_FIELD);
    assert.equal((await first).find((d) => d.code === 'PLAN001')?.severity, 2); // Warning
    await s.close();

    const asked: (string | undefined)[] = [];
    s = await startLsp(LSP, {
      capabilities: { workspace: { configuration: true } },
      configuration: (item) => {
        asked.push(item.section);
        return { severity: { PLAN001: 'off', SCHEMA004: 'loud' }, files: { '[': 'backup-plan' } };
      },
    });
    first = s.nextDiagnostics(URI, 1);
    await open(s, URI, FIVE_FIELD);
    assert.deepEqual(
      (await first).map((d) => d.code),
      [],
    );
    assert.deepEqual(asked, ['awsBackupPitr.lint']);
  });

  it('answers pulled diagnostics, and does not push, when the client pulls', async () => {
    s = await startLsp(LSP, {
      capabilities: { textDocument: { diagnostic: { dynamicRegistration: false } } },
    });
    let pushed = 0;
    void s.nextDiagnostics(URI).then(() => pushed++);
    await open(s, URI, FIVE_FIELD);
    const report = (await s.connection.sendRequest<unknown>('textDocument/diagnostic', {
      textDocument: { uri: URI },
    })) as DocumentDiagnosticReport;
    assert.equal(report.kind, 'full');
    assert.ok(report.kind === 'full' && report.items.some((i: Diagnostic) => i.code === 'PLAN001'));
    assert.equal(pushed, 0);
  });

  it('honours $/cancelRequest while a long document is being linted', async () => {
    s = await startLsp(LSP, { capabilities: { textDocument: { diagnostic: {} } } });
    await open(s, URI, generatePlan(20_000));
    const source = new CancellationTokenSource();
    const t0 = Date.now();
    const asked = s.connection
      .sendRequest('textDocument/diagnostic', { textDocument: { uri: URI } }, source.token)
      .then(
        () => 'answered' as const,
        (e: { code?: number }) => e.code,
      );
    setTimeout(() => source.cancel(), 50);
    assert.equal(await asked, -32800); // RequestCancelled
    assert.ok(Date.now() - t0 < 1_000, `cancelled after ${Date.now() - t0} ms`);
  });

  it('gives up a document over its time budget with a finding that says so, and goes on serving', async () => {
    // 250 ms: far below what 40,000 rules take on any machine (about a second here), far above a
    // five-line plan's lint; the thread's load time is not counted.
    s = await startLsp(LSP, { initializationOptions: { timeBudgetMs: 250 } });
    const big = pathToFileURL(resolve(ROOT, 'tmp-not-written', 'huge-plan.json')).href;
    const slow = s.nextDiagnostics(big);
    await open(s, big, generatePlan(40_000));
    const d = await slow;
    assert.equal(d.length, 1);
    assert.equal(d[0]!.code, 'LSP001');
    assert.match(messageOf(d[0]!), /too large to lint in time/);
    // The server still lints the next document (a new lint thread).
    const next = s.nextDiagnostics(URI);
    await open(s, URI, FIVE_FIELD);
    assert.ok((await next).some((x) => x.code === 'PLAN001'));
  });

  it('keeps results for a bounded number of documents, and lints an evicted one again when asked', async () => {
    s = await startLsp(LSP);
    const uris = Array.from({ length: 250 }, (_, i) => URI.replace('backup-plan.json', `plan-${i}.json`));
    const last = s.nextDiagnostics(uris[uris.length - 1]!, 1);
    for (const uri of uris) await open(s, uri, FIVE_FIELD);
    assert.ok((await last).some((d) => d.code === 'PLAN001'));
    // The first document's result was dropped (200 are kept): its quick fix is still offered.
    const d: Diagnostic = {
      range: { start: { line: 6, character: 28 }, end: { line: 6, character: 45 } },
      code: 'PLAN001',
      source: 'aws-backup-pitr',
      message: '',
    };
    const actions = await s.connection.sendRequest<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: uris[0] },
      range: d.range,
      context: { diagnostics: [d] },
    });
    assert.deepEqual(
      actions.map((a) => a.title),
      ['Change to "cron(0 5 ? * * *)"'],
    );
  });

  it('exits when the client process dies without shutdown', async () => {
    const parent = spawn('sleep', ['60']);
    s = await startLsp(LSP, { processId: parent.pid! });
    const exited = new Promise<number | null>((r) => s.child.once('exit', (code) => r(code)));
    parent.kill();
    const t0 = Date.now();
    await exited;
    assert.ok(Date.now() - t0 < 10_000);
  });

  it('exits 0 on shutdown then exit', async () => {
    s = await startLsp(LSP);
    assert.equal(await s.close(), 0);
  });
});
