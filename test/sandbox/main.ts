/**
 * `npm run sandbox`: the whole product with no AWS account. Builds the extension, starts the local
 * AWS Backup emulator with its seeded account, and opens a real VS Code (code-server) on a copy of
 * samples/ with the extension loaded and connected to the emulator. Prints the URL to open; Ctrl-C
 * stops everything. `--desktop` opens desktop VS Code instead, where `code` is on the PATH.
 * `--port N` picks the VS Code port (the emulator takes 4566, or a free port if that is taken).
 */
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { LOCAL_EMULATOR_CREDENTIALS } from '../../src/backup/emulatorKeys';
import { startEmulator, type Emulator } from '../../src/emulator/server';
import { installHost, remoteUri, ROOT, startHost } from '../integration/vscodeHost';

async function emulatorOnPreferredPort(): Promise<Emulator> {
  try {
    return await startEmulator({ port: 4566, restoreJobDurationMs: 45_000 });
  } catch {
    return startEmulator({ restoreJobDurationMs: 45_000 });
  }
}

async function main(): Promise<void> {
  const desktop = process.argv.includes('--desktop');
  const emulator = await emulatorOnPreferredPort();
  const env = {
    AWS_ACCESS_KEY_ID: LOCAL_EMULATOR_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_EMULATOR_CREDENTIALS.secretAccessKey,
    AWS_REGION: emulator.region,
  };
  // The workbench's chat panel stays closed: the sandbox is about the AWS Backup view.
  const settings = {
    'awsBackupPitr.aws.endpoint': emulator.url,
    'workbench.colorTheme': 'Default Dark Modern',
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    'chat.disableAIFeatures': true,
  };
  console.log(`AWS Backup emulator: ${emulator.url} (account ${emulator.accountId}, ${emulator.region})`);

  if (desktop) {
    const which = spawnSync('code', ['--version'], { encoding: 'utf8' });
    if (which.status !== 0)
      throw new Error(
        '`code` is not on the PATH: run `npm run sandbox` without --desktop for the browser version.',
      );
    const child = spawn(
      'code',
      ['--new-window', `--extensionDevelopmentPath=${ROOT}`, join(ROOT, 'samples')],
      {
        stdio: 'inherit',
        env: { ...process.env, ...env, AWS_ENDPOINT_URL_BACKUP: emulator.url },
      },
    );
    console.log(
      'Desktop VS Code opened on samples/ (AWS_ENDPOINT_URL_BACKUP points it at the emulator). Ctrl-C stops the emulator.',
    );
    await new Promise<void>((resolve) => process.once('SIGINT', () => resolve()));
    child.kill();
    await emulator.close();
    return;
  }

  installHost();
  const host = await startHost({ workspaceTemplate: join(ROOT, 'samples'), userSettings: settings, env });
  const url = host.url([
    ['extensionDevelopmentPath', remoteUri(host.port, ROOT)],
    ['skipWelcome', 'true'],
  ]);
  console.log(
    `\nVS Code with the extension, connected to the emulator:\n\n  ${url}\n\nOpen it in a browser on this machine. Ctrl-C stops VS Code and the emulator.`,
  );
  await new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  console.log('\nStopping…');
  await host.stop();
  await emulator.close();
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : String(e));
    process.exit(1);
  },
);
