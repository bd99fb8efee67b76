/**
 * Runs the same integration suite under @vscode/test-electron, where VS Code can be downloaded
 * (or VSCODE_EXECUTABLE names an installed VS Code). Not used on machines without that download.
 */
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { startEmulator, memberAccounts } from '../../src/emulator/server';

const ROOT = resolve(__dirname, '..', '..', '..');

async function main(): Promise<void> {
  // As runOffline.ts: a member account too, the default account its organization's management account.
  const emulator = await startEmulator({
    bulkRecoveryPoints: 1200,
    restoreJobDurationMs: 60_000,
    accounts: memberAccounts(1),
    organization: true,
  });
  const workspace = join(mkdtempSync(join(tmpdir(), 'pitr-electron-')), 'workspace');
  cpSync(join(ROOT, 'test', 'fixtures', 'workspace'), workspace, { recursive: true });
  await runTests({
    ...(process.env.VSCODE_EXECUTABLE
      ? { vscodeExecutablePath: process.env.VSCODE_EXECUTABLE }
      : { version: process.env.VSCODE_VERSION ?? 'stable' }),
    extensionDevelopmentPath: ROOT,
    extensionTestsPath: join(ROOT, 'out', 'test', 'integration', 'suite', 'index.js'),
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
    extensionTestsEnv: {
      TEST_STATS_FILE: process.env.TEST_STATS_FILE ?? join(ROOT, 'test-results', 'integration.json'),
      PITR_TEST_EMULATOR_URL: emulator.url,
      AWS_BACKUP_PITR_TEST_HOOKS: '1',
    },
  }).finally(() => emulator.close());
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(1);
});
