/**
 * The real AWS CLI (`aws`, v1 on these machines: botocore, a client nobody here wrote) against the
 * emulator, asynchronously (the emulator answers from this same process), signing with the keys
 * given and nothing of the machine's: no config or credentials file, no instance metadata.
 */
import { execFile } from 'node:child_process';

export interface AwsCliResult {
  status: number;
  /** The parsed output of a successful command ({} otherwise). */
  json: Record<string, unknown>;
  stderr: string;
}

export function awsBackup(
  endpoint: string,
  region: string,
  keys: { accessKeyId: string; secretAccessKey: string },
  args: string[],
): Promise<AwsCliResult> {
  return new Promise((resolve, reject) => {
    execFile(
      'aws',
      [
        'backup',
        ...args,
        '--endpoint-url',
        endpoint,
        '--region',
        region,
        '--output',
        'json',
        '--cli-read-timeout',
        '20',
      ],
      {
        encoding: 'utf8',
        env: {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          AWS_ACCESS_KEY_ID: keys.accessKeyId,
          AWS_SECRET_ACCESS_KEY: keys.secretAccessKey,
          AWS_CONFIG_FILE: '/dev/null',
          AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
          AWS_EC2_METADATA_DISABLED: 'true',
          AWS_PAGER: '',
        },
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : undefined) : 0;
        if (error && code === undefined) {
          reject(new Error(`could not run the AWS CLI (is "aws" installed?): ${error.message}`));
          return;
        }
        const json = code === 0 && stdout.trim() ? (JSON.parse(stdout) as Record<string, unknown>) : {};
        resolve({ status: code ?? -1, json, stderr });
      },
    );
  });
}
