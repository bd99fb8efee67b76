/**
 * Runs the integration suite inside a real VS Code extension host (code-server + Chromium), with
 * nothing downloaded from outside the npm registry and Debian. Exit code: the suite's.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { memberAccounts, startEmulator } from '../../src/emulator/server';
import { launchChromium, installHost, remoteUri, ROOT, startHost, type PwConsoleMessage } from './vscodeHost';

async function main(): Promise<number> {
  installHost();
  // The local AWS Backup service the explorer's tests talk to, over HTTP, from the extension host.
  // It serves a member account too (its own keys): the recovery posture's tests read two accounts.
  const emulator = await startEmulator({
    bulkRecoveryPoints: 1200,
    restoreJobDurationMs: 60_000,
    accounts: memberAccounts(1),
    // The default account is the organization's management account (the posture's organization profile).
    organization: true,
  });
  const statsFile = process.env.TEST_STATS_FILE ?? join(ROOT, 'test-results', 'integration.json');
  const logFile = join(ROOT, 'test-results', 'integration.log');
  mkdirSync(dirname(logFile), { recursive: true });
  writeFileSync(logFile, '');
  const host = await startHost({
    workspaceTemplate: join(ROOT, 'test', 'fixtures', 'workspace'),
    userSettings: {
      'awsBackupPitr.lint.files': { '**/custom/*.json': 'backup-plan' },
    },
    env: {
      TEST_STATS_FILE: statsFile,
      TEST_LOG_FILE: logFile,
      PITR_TEST_EMULATOR_URL: emulator.url,
      AWS_BACKUP_PITR_TEST_HOOKS: '1',
      ...(process.env.PITR_TEST_FILES ? { PITR_TEST_FILES: process.env.PITR_TEST_FILES } : {}),
    },
  });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    const exitCode = new Promise<number>((res) => {
      void page.exposeFunction('codeAutomationExit', (code: number) => res(code));
    });
    // The workbench's offline noise (marketplace, GitHub sign-in) is left out; errors that name
    // this extension are shown.
    page.on('console', (m: PwConsoleMessage) => {
      if (m.type() === 'error' && /aws-backup-pitr|awsBackupPitr/i.test(m.text())) console.error(m.text());
    });
    await page.goto(
      host.url([
        ['extensionDevelopmentPath', remoteUri(host.port, ROOT)],
        [
          'extensionTestsPath',
          remoteUri(host.port, join(ROOT, 'out', 'test', 'integration', 'suite', 'index.js')),
        ],
        ['skipWelcome', 'true'],
      ]),
    );
    const timeout = new Promise<number>((res) =>
      setTimeout(() => {
        console.error('The integration suite did not finish within 5 minutes.');
        res(1);
      }, 300_000).unref(),
    );
    const code = await Promise.race([exitCode, timeout]);
    process.stdout.write(readFileSync(logFile, 'utf8'));
    return code;
  } finally {
    await browser.close();
    await host.stop();
    await emulator.close();
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof Error ? e.stack : String(e));
    process.exit(1);
  },
);
