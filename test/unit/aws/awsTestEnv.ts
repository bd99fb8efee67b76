import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_CREDENTIALS } from '../../../src/emulator/server';

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
