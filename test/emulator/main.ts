/**
 * `npm run emulator`: starts the local AWS Backup service on loopback and prints how to point the
 * extension and the AWS CLI at it. Options: --port N, --region R, --latency MS, --job-seconds S.
 */
import { startEmulator } from './server';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const port = Number(arg('--port') ?? 4566);
  const emu = await startEmulator({
    port,
    region: arg('--region') ?? 'us-east-1',
    restoreJobDurationMs: Number(arg('--job-seconds') ?? 30) * 1000,
    faults: arg('--latency') ? { latencyMs: Number(arg('--latency')) } : {},
  });
  const c = emu.credentials;
  console.log(`AWS Backup emulator listening on ${emu.url} (region ${emu.region}, account ${emu.accountId})

Point the AWS CLI at it:
  export AWS_ACCESS_KEY_ID=${c.accessKeyId}
  export AWS_SECRET_ACCESS_KEY=${c.secretAccessKey}
  export AWS_REGION=${emu.region}
  export AWS_ENDPOINT_URL_BACKUP=${emu.url}
  aws backup list-backup-vaults

Point the extension at it (user settings, machine scope):
  "awsBackupPitr.aws.endpoint": "${emu.url}"

Faults at run time:
  curl -X POST ${emu.url}/__emulator/faults -d '{"throttle":{"count":3}}'

Ctrl-C stops it.`);
  const stop = (): void => {
    void emu.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(1);
});
