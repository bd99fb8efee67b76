/**
 * `pitr-lsp` making its own live checks (initializationOptions.live with a Region and a loopback
 * endpoint), against the project's emulator over real HTTP: LIVE001 for a vault the account does not
 * have, and nothing asked of anyone without `live`.
 */
import { strict as assert } from 'node:assert';
import { resolve } from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-protocol/node';
import { startEmulator, type Emulator } from '../../../src/emulator/server';
import { FIVE_FIELD, startLsp, type LspSession } from '../../support/lspClient';

const ROOT = resolve(__dirname, '..', '..', '..', '..');
const LSP = { file: process.execPath, args: [resolve(ROOT, 'dist', 'lsp.js'), '--stdio'] };
const URI = 'file:///work/plans/backup-plan.json';

describe('pitr-lsp live checks of its own, against the emulator', function () {
  this.timeout(60_000);
  let emu: Emulator;
  let s: LspSession | undefined;
  before(async () => {
    emu = await startEmulator({ bulkRecoveryPoints: 0 });
  });
  after(() => emu.close());
  afterEach(async () => {
    if (s && s.child.exitCode === null) await s.close();
  });

  it('reports LIVE001 for a target vault the account does not have', async () => {
    s = await startLsp(LSP, { initializationOptions: { live: { region: 'us-east-1', endpoint: emu.url } } });
    const session = s;
    const withLive = new Promise<Diagnostic[]>((done) => {
      const next = (): void =>
        void session
          .nextDiagnostics(URI)
          .then((d) => (d.some((x) => x.code === 'LIVE001') ? done(d) : next()));
      next();
    });
    await s.connection.sendNotification('textDocument/didOpen', {
      textDocument: {
        uri: URI,
        languageId: 'json',
        version: 1,
        text: FIVE_FIELD.replace('"Default"', '"missing-vault"'),
      },
    });
    const live = (await withLive).find((d) => d.code === 'LIVE001')!;
    assert.match(
      typeof live.message === 'string' ? live.message : live.message.value,
      /"missing-vault" does not exist in us-east-1 \(account 123456789012\)/,
    );
  });

  it('takes no endpoint that is not loopback: live checks stay off (no request anywhere), and the log says why', async () => {
    s = await startLsp(LSP, {
      initializationOptions: { live: { region: 'us-east-1', endpoint: 'https://backup.example.invalid' } },
    });
    const first = s.nextDiagnostics(URI, 1);
    await s.connection.sendNotification('textDocument/didOpen', {
      textDocument: {
        uri: URI,
        languageId: 'json',
        version: 1,
        text: FIVE_FIELD.replace('"Default"', '"missing-vault"'),
      },
    });
    assert.ok(!(await first).some((d) => d.code === 'LIVE001'));
    const deadline = Date.now() + 10_000;
    while (!/not loopback/.test(s.logged()) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    assert.match(
      s.logged(),
      /live checks are off: the endpoint "https:\/\/backup\.example\.invalid" is not loopback/,
    );
  });
});
