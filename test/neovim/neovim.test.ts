/**
 * pitr-lsp in an editor nobody here wrote: Debian's Neovim (scripts/install-neovim.sh installs it
 * on demand), headless, starting the server the way docs/lsp.md says, reading PLAN001 from
 * Neovim's own diagnostic API, and applying the quick fix's workspace edit. Neovim missing is a
 * failure, never a skip.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { FIVE_FIELD } from '../support/lspClient';

const ROOT = resolve(__dirname, '..', '..', '..');

interface NeovimResult {
  nvim: string;
  started_with?: string;
  found?: boolean;
  diagnostic?: { code: string; message: string; lnum: number; col: number; source: string; severity: number };
  actions?: string[];
  applied?: string;
  line?: string;
  cleared?: boolean;
  after?: string[];
  error?: string;
}

function runNeovim(mode: 'diagnostic' | 'fix'): NeovimResult {
  const dir = mkdtempSync(join(tmpdir(), 'pitr-nvim-'));
  try {
    const plan = join(dir, 'backup-plan.json');
    const out = join(dir, 'result.json');
    writeFileSync(plan, FIVE_FIELD);
    const run = spawnSync(
      'nvim',
      [
        '--headless',
        '--clean',
        '-n',
        '-i',
        'NONE',
        '-c',
        `luafile ${join(ROOT, 'test', 'neovim', 'pitr-lsp.lua')}`,
      ],
      {
        encoding: 'utf8',
        timeout: 90_000,
        env: {
          ...process.env,
          HOME: dir,
          XDG_STATE_HOME: dir,
          XDG_CACHE_HOME: dir,
          PITR_PLAN: plan,
          PITR_OUT: out,
          PITR_MODE: mode,
          PITR_NODE: process.execPath,
          PITR_LSP: join(ROOT, 'dist', 'lsp.js'),
        },
      },
    );
    assert.equal(
      run.error,
      undefined,
      `nvim did not run (scripts/install-neovim.sh installs it): ${String(run.error)}`,
    );
    const result = JSON.parse(readFileSync(out, 'utf8')) as NeovimResult;
    assert.equal(result.error, undefined, result.error);
    return result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('pitr-lsp in Neovim (headless, Debian neovim)', function () {
  this.timeout(120_000);

  it('shows PLAN001 on a five-field cron in vim.diagnostic.get', () => {
    const r = runNeovim('diagnostic');
    assert.equal(r.found, true, JSON.stringify(r));
    assert.equal(r.diagnostic?.code, 'PLAN001');
    assert.equal(r.diagnostic?.source, 'aws-backup-pitr');
    assert.equal(r.diagnostic?.lnum, 6);
    assert.equal(r.diagnostic?.severity, 1); // vim.diagnostic.severity.ERROR
    assert.match(r.diagnostic?.message ?? '', /five fields/);
  });

  it('applies the quick fix, and the diagnostic goes away', () => {
    const r = runNeovim('fix');
    assert.equal(r.applied, 'Change to "cron(0 5 ? * * *)"', JSON.stringify(r));
    assert.equal(r.line, '      "ScheduleExpression": "cron(0 5 ? * * *)"');
    assert.equal(r.cleared, true);
    assert.deepEqual(r.after, []);
  });
});
