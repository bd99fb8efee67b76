import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openBackupApi, type BackupApi } from '../../../src/aws/backupApi';
import { BackupClientFactory } from '../../../src/aws/clientFactory';
import { DEFAULT_CREDENTIALS, startEmulator, type Emulator } from '../../../src/emulator/server';

/**
 * Shared config and credentials files for the tests, and an environment with no AWS variables of
 * the machine's: each test names its profile. Returns a function that restores the environment.
 */
export function isolateAwsEnvironment(): { restore: () => void; dir: string } {
  const saved = Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith('AWS_')));
  for (const k of Object.keys(saved)) delete process.env[k];
  const dir = mkdtempSync(join(tmpdir(), 'pitr-aws-'));
  const c = DEFAULT_CREDENTIALS;
  const processCreds = JSON.stringify({
    Version: 1,
    AccessKeyId: c.accessKeyId,
    SecretAccessKey: c.secretAccessKey,
  });
  writeFileSync(join(dir, 'process-creds.js'), `process.stdout.write(${JSON.stringify(processCreds)});`);
  writeFileSync(
    join(dir, 'config'),
    [
      '[profile emulator]',
      'region = us-east-1',
      '',
      '[profile process]',
      'region = us-east-1',
      `credential_process = ${process.execPath} ${join(dir, 'process-creds.js')}`,
      '',
      '[profile eu]',
      'region = eu-west-1',
      '',
      '[profile expired-sso]',
      'sso_session = corp',
      'sso_account_id = 123456789012',
      'sso_role_name = BackupOperator',
      'region = us-east-1',
      '',
      '[sso-session corp]',
      'sso_start_url = https://corp.awsapps.invalid/start',
      'sso_region = us-east-1',
      '',
      '[profile nokeys]',
      'region = us-east-1',
      '',
    ].join('\n'),
  );
  writeFileSync(
    join(dir, 'credentials'),
    [
      '[emulator]',
      `aws_access_key_id = ${c.accessKeyId}`,
      `aws_secret_access_key = ${c.secretAccessKey}`,
      '',
      '[eu]',
      `aws_access_key_id = ${c.accessKeyId}`,
      `aws_secret_access_key = ${c.secretAccessKey}`,
      '',
      '[wrong-secret]',
      `aws_access_key_id = ${c.accessKeyId}`,
      'aws_secret_access_key = not-the-secret',
      '',
    ].join('\n'),
  );
  process.env.AWS_CONFIG_FILE = join(dir, 'config');
  process.env.AWS_SHARED_CREDENTIALS_FILE = join(dir, 'credentials');
  // No instance metadata lookups from the default chain on a machine without it.
  process.env.AWS_EC2_METADATA_DISABLED = 'true';
  return {
    dir,
    restore() {
      for (const k of Object.keys(process.env)) if (k.startsWith('AWS_')) delete process.env[k];
      Object.assign(process.env, saved);
    },
  };
}

/** For one describe block: an emulator (no bulk recovery points) and a client factory, closed after it. */
function emulatorBlock(factoryOptions?: ConstructorParameters<typeof BackupClientFactory>[0]): {
  readonly emu: Emulator;
  readonly factory: BackupClientFactory;
} {
  let emu: Emulator | undefined;
  let factory: BackupClientFactory | undefined;
  before(async () => {
    emu = await startEmulator({ bulkRecoveryPoints: 0 });
    factory = new BackupClientFactory(factoryOptions);
  });
  after(async () => {
    factory?.dispose();
    await emu?.close();
  });
  return {
    get emu() {
      return emu!;
    },
    get factory() {
      return factory!;
    },
  };
}

/**
 * For one describe block: an emulator (no bulk recovery points) and the extension's door to it,
 * with the extension's client (adaptive retries, 4 attempts per request); closed after the block.
 */
export function emulatorWithApi(): { readonly emu: Emulator; readonly api: BackupApi } {
  const block = emulatorBlock();
  let api: BackupApi | undefined;
  before(async () => {
    api = await openBackupApi(block.factory, {
      region: block.emu.region,
      endpoint: block.emu.url,
      localEmulator: true,
    });
  });
  return {
    get emu() {
      return block.emu;
    },
    get api() {
      return api!;
    },
  };
}

/**
 * For one describe block: an emulator (no bulk recovery points) and a client that tries each request
 * once; `openApi()` opens a fresh door to it (so nothing is cached between checks).
 */
export function emulatorAndFactory(): { readonly emu: Emulator; openApi(): Promise<BackupApi> } {
  const block = emulatorBlock({ maxAttempts: 1 });
  return {
    get emu() {
      return block.emu;
    },
    openApi: () =>
      openBackupApi(block.factory, { region: 'us-east-1', endpoint: block.emu.url, localEmulator: true }),
  };
}
