import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import pkg from '../../../package.json';
import { memberAccounts, startEmulator } from '../../../src/emulator/server';

const ROOT = join(__dirname, '..', '..', '..', '..');

/** Starts the built `npm run emulator` on a free port and returns what it printed before it was ready. */
function banner(): Promise<string> {
  const bin = join(ROOT, 'dist', 'emulator.js');
  assert.ok(existsSync(bin), `${bin} is built by npm run test:unit`);
  const child = spawn(process.execPath, [bin, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`the emulator printed no banner in 20 s: ${out}`));
    }, 20_000);
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString('utf8');
      if (out.includes('Ctrl-C stops it.')) {
        clearTimeout(timer);
        child.kill('SIGTERM');
        resolve(out);
      }
    });
    child.on('error', reject);
  });
}

describe('the emulator speaks of what exists (issue 23)', function () {
  this.timeout(60_000);

  it('its banner names the extension’s command as the palette shows it', async () => {
    const command = pkg.contributes.commands.find((c) => c.command === 'awsBackupPitr.useLocalEmulator');
    assert.equal(`${command?.category}: ${command?.title}`, 'AWS Backup: Use a Local Emulator…');
    const out = await banner();
    assert.match(out, /Point the extension at it: run "AWS Backup: Use a Local Emulator…"/);
  });

  it('every job and recovery point message it serves ends with a full stop', async () => {
    const emu = await startEmulator({ accounts: memberAccounts(2), organization: true });
    try {
      const messages: string[] = [];
      for (const { accountId } of emu.accounts) {
        const s = emu.stateOf(accountId);
        for (const j of s.backupJobs) if (j.StatusMessage !== undefined) messages.push(j.StatusMessage);
        for (const j of s.copyJobs) if (j.StatusMessage !== undefined) messages.push(j.StatusMessage);
        for (const j of s.restoreJobs.values())
          if (j.outcome.status === 'FAILED') messages.push(j.outcome.message);
        for (const p of s.recoveryPoints.values())
          if (p.StatusMessage !== undefined) messages.push(p.StatusMessage);
      }
      assert.ok(messages.length >= 4, `the seed has failed jobs and stopped points: ${messages.length}`);
      for (const m of messages) assert.match(m, /\.$/, m);
    } finally {
      await emu.close();
    }
  });
});
