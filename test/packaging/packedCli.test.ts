/**
 * The command-line linter as a person installs it: `npm pack`, then an install of that tarball into
 * an empty folder outside the repository, then `npx pitr-lint`. Nothing of the repository is
 * reachable from there (no node_modules, no sources), so what works here works on a machine that
 * has only the package.
 */
import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startLsp } from '../support/lspClient';

const ROOT = resolve(__dirname, '..', '..', '..');

describe('the packed command-line linter', function () {
  this.timeout(180_000);
  let work: string;
  let app: string;
  let tarball: string;

  before(() => {
    work = mkdtempSync(join(tmpdir(), 'pitr-lint-pack-'));
    const out = execFileSync('npm', ['pack', '--json', '--pack-destination', work], {
      cwd: ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const [info] = JSON.parse(out.slice(out.indexOf('['))) as {
      filename: string;
      files: { path: string }[];
    }[];
    tarball = join(work, info!.filename);
    packed = info!.files.map((f) => f.path).sort();
    app = join(work, 'app');
    execFileSync('mkdir', ['-p', app]);
    writeFileSync(join(app, 'package.json'), '{ "name": "ci-job", "private": true }\n');
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--offline', tarball], {
      cwd: app,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  let packed: string[] = [];
  function npx(...args: string[]): { status: number | null; stdout: string; stderr: string } {
    const bin = args[0] === 'pitr-posture' || args[0] === 'pitr-lsp' ? args.shift()! : 'pitr-lint';
    const r = spawnSync('npx', ['--no-install', bin, ...args], {
      cwd: app,
      encoding: 'utf8',
      env: { ...process.env, npm_config_update_notifier: 'false' },
    });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  }

  it('holds the three bundled CLIs (pitr-lint, pitr-posture, pitr-lsp), the Terraform parser with its licences, the README and the license only', () => {
    assert.deepEqual(packed, [
      'LICENSE',
      'README.md',
      'dist/cli.js',
      'dist/lsp-live.js',
      'dist/lsp.js',
      'dist/posture.js',
      'dist/tree-sitter-hcl.LICENSE',
      'dist/tree-sitter-hcl.wasm',
      'dist/web-tree-sitter.LICENSE',
      'dist/web-tree-sitter.wasm',
      'package.json',
    ]);
    assert.deepEqual(
      readdirSync(join(app, 'node_modules'))
        .filter((n) => !n.startsWith('.'))
        .sort(),
      ['aws-backup-pitr'],
    );
  });

  it('npx pitr-lint --version prints the package version', () => {
    const r = npx('--version');
    const pkg = JSON.parse(execFileSync('cat', [join(ROOT, 'package.json')], { encoding: 'utf8' })) as {
      version: string;
    };
    assert.equal(r.status, 0, r.stderr);
    assert.match(
      r.stdout,
      new RegExp(`^pitr-lint ${pkg.version.replace(/\./g, '\\.')}\\b|^${pkg.version}\\b`),
    );
  });

  it('npx pitr-lint <file> finds the five-field cron and exits 1; a clean file exits 0', () => {
    writeFileSync(
      join(app, 'backup-plan.json'),
      JSON.stringify({
        BackupPlanName: 'nightly',
        Rules: [
          { RuleName: 'daily', TargetBackupVaultName: 'Default', ScheduleExpression: 'cron(0 5 * * *)' },
        ],
      }),
    );
    const bad = npx('backup-plan.json');
    assert.equal(bad.status, 1, bad.stderr);
    assert.match(bad.stdout, /backup-plan\.json:1:\d+: error PLAN001/);
    writeFileSync(
      join(app, 'good-backup-plan.json'),
      JSON.stringify({
        BackupPlanName: 'nightly',
        Rules: [
          { RuleName: 'daily', TargetBackupVaultName: 'Default', ScheduleExpression: 'cron(0 5 ? * * *)' },
        ],
      }),
    );
    const good = npx('good-backup-plan.json');
    assert.equal(good.status, 0, good.stdout + good.stderr);
  });

  it('--help shows how to run it in CI', () => {
    const r = npx('--help');
    assert.equal(r.status, 0);
    assert.match(r.stdout, /--format sarif/);
    assert.match(r.stdout, /CI/);
  });

  it('npx pitr-posture, the second bin, runs from the tarball: --help, and a usage error exits 2', () => {
    const help = npx('pitr-posture', '--help');
    assert.equal(help.status, 0, help.stderr);
    assert.match(help.stdout, /--rpo-target SPEC/);
    const bad = npx('pitr-posture', '--format', 'xml');
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /--format takes table, markdown, csv, json, not "xml"/);
  });

  it('npx pitr-lsp --version prints the package version; one stdio session finds PLAN001', async () => {
    const pkg = JSON.parse(execFileSync('cat', [join(ROOT, 'package.json')], { encoding: 'utf8' })) as {
      version: string;
    };
    const v = npx('pitr-lsp', '--version');
    assert.equal(v.status, 0, v.stderr);
    assert.equal(v.stdout.trim(), pkg.version);
    const s = await startLsp(
      { file: 'npx', args: ['--no-install', 'pitr-lsp', '--stdio'], cwd: app },
      { processId: null },
    );
    const uri = pathToFileURL(join(app, 'backup-plan.json')).href;
    const published = s.nextDiagnostics(uri, 1);
    await s.connection.sendNotification('textDocument/didOpen', {
      textDocument: {
        uri,
        languageId: 'json',
        version: 1,
        text: '{"BackupPlanName":"n","Rules":[{"RuleName":"d","TargetBackupVaultName":"Default","ScheduleExpression":"cron(0 5 * * *)"}]}',
      },
    });
    assert.deepEqual(
      (await published).map((d) => d.code),
      ['PLAN001'],
    );
    assert.equal(s.initialized.serverInfo?.name, 'pitr-lsp');
    assert.equal(await s.close(), 0, s.stderr());
  });
});
