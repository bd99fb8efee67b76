/**
 * `npm run emulator`: starts the local AWS Backup service on loopback and prints how to point the
 * AWS CLI (v1 and v2) and the extension at it. `--help` lists the options.
 */
import { isRegionName } from '../backup/arn';
import { PortInUseError, drAccounts, memberAccounts, startEmulator } from './server';
// The command's name as the palette shows it, from the manifest (esbuild inlines the JSON).
import pkg from '../../package.json';

const USE_EMULATOR = pkg.contributes.commands.find((c) => c.command === 'awsBackupPitr.useLocalEmulator');
/** "AWS Backup: Use a Local Emulator…", as the command palette shows it. */
const USE_EMULATOR_COMMAND = USE_EMULATOR ? `${USE_EMULATOR.category}: ${USE_EMULATOR.title}` : '';

const HELP = `Usage: npm run emulator -- [options]

Starts a local AWS Backup service on 127.0.0.1 with a seeded sample account (vaults, continuous
and snapshot recovery points, plans, jobs). Requests must be signed with the keys it prints.

Options:
  --port N          port to listen on (default 4566; 0 picks a free one)
  --region R        the account's Region (default us-east-1)
  --regions R,R     more Regions to serve (the signature's Region picks one)
  --accounts N      also N member accounts of an organisation, each with its own keys (default 0)
  --resources N     resources per member account and Region (default 16)
  --dr-copies       members' live resources copied daily for a week into the next Region served
  --dr              also the two disaster-recovery accounts (seedDr.ts; serve us-west-2 too)
  --latency MS      added before every answer (default 0)
  --job-seconds S   how long a restore job runs (default 30)
  --help            this text
`;

class UsageError extends Error {}

function parse(argv: string[]):
  | {
      port: number;
      region: string;
      regions: string[];
      accounts: number;
      resources: number;
      drCopies: boolean;
      dr: boolean;
      latencyMs: number;
      jobSeconds: number;
    }
  | 'help' {
  const o = {
    port: 4566,
    region: 'us-east-1',
    regions: [] as string[],
    accounts: 0,
    resources: 16,
    drCopies: false,
    dr: false,
    latencyMs: 0,
    jobSeconds: 30,
  };
  const number = (flag: string, v: string | undefined, max: number): number => {
    const n = Number(v);
    if (v === undefined || !/^\d+$/.test(v) || n > max)
      throw new UsageError(
        `${flag} takes a whole number from 0 to ${max}, not ${v === undefined ? 'nothing' : `"${v}"`}`,
      );
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    switch (a) {
      case '--help':
      case '-h':
        return 'help';
      case '--port':
        o.port = number(a, argv[++i], 65535);
        break;
      case '--region': {
        const v = argv[++i];
        if (!v || !isRegionName(v))
          throw new UsageError(`--region takes a Region such as us-east-1, not ${v ? `"${v}"` : 'nothing'}`);
        o.region = v;
        break;
      }
      case '--regions': {
        const v = argv[++i] ?? '';
        const list = v.split(',').filter(Boolean);
        if (!list.length || !list.every(isRegionName))
          throw new UsageError(`--regions takes Regions such as eu-west-1,ap-southeast-2, not "${v}"`);
        o.regions = list;
        break;
      }
      case '--accounts':
        o.accounts = number(a, argv[++i], 50);
        break;
      case '--resources':
        o.resources = number(a, argv[++i], 100_000);
        break;
      case '--dr-copies':
        o.drCopies = true;
        break;
      case '--dr':
        o.dr = true;
        break;
      case '--latency':
        o.latencyMs = number(a, argv[++i], 60_000);
        break;
      case '--job-seconds':
        o.jobSeconds = number(a, argv[++i], 86_400);
        break;
      default:
        throw new UsageError(`unknown option "${a}"`);
    }
  }
  return o;
}

async function main(): Promise<void> {
  const o = parse(process.argv.slice(2));
  if (o === 'help') {
    process.stdout.write(HELP);
    return;
  }
  const emu = await startEmulator({
    port: o.port,
    region: o.region,
    regions: o.regions,
    ...(o.accounts || o.dr
      ? {
          accounts: [
            ...memberAccounts(
              o.accounts,
              o.resources,
              o.drCopies ? [o.region, ...o.regions.filter((r) => r !== o.region)] : undefined,
            ),
            ...(o.dr ? drAccounts() : []),
          ],
          organization: true,
        }
      : {}),
    restoreJobDurationMs: o.jobSeconds * 1000,
    faults: o.latencyMs ? { latencyMs: o.latencyMs } : {},
  });
  const c = emu.credentials;
  // AWS CLI v1 reads AWS_DEFAULT_REGION (v2 reads it too); v1 has no per-service endpoint variable,
  // so --endpoint-url is the one way that works with both.
  console.log(`AWS Backup emulator listening on ${emu.url} (region ${emu.region}, account ${emu.accountId})

Point the AWS CLI (v1 or v2) at it:
  export AWS_ACCESS_KEY_ID=${c.accessKeyId}
  export AWS_SECRET_ACCESS_KEY=${c.secretAccessKey}
  export AWS_DEFAULT_REGION=${emu.region}
  aws backup list-backup-vaults --endpoint-url ${emu.url}
${emu.accounts
  .slice(1)
  .map(
    (m) =>
      `\nMember account ${m.accountId}: AWS_ACCESS_KEY_ID=${m.credentials.accessKeyId} AWS_SECRET_ACCESS_KEY=${m.credentials.secretAccessKey}`,
  )
  .join('')}${emu.regions.length > 1 ? `\nRegions served: ${emu.regions.join(', ')}` : ''}

Point the extension at it: run "${USE_EMULATOR_COMMAND}" (it signs with the keys above,
never with your own credentials), or use its built-in sample account from the explorer.

Faults at run time:
  curl -X POST ${emu.url}/__emulator/faults -d '{"throttle":{"count":3}}'
  (throttle, serverError, drop fire before a request is processed; dropAfter and serverErrorAfter
  after it, as when an answer is lost; {} clears them)

Ctrl-C stops it.`);
  const stop = (): void => {
    void emu.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: unknown) => {
  if (e instanceof PortInUseError)
    console.error(
      `emulator: port ${e.port} is already in use (another emulator?). Choose another: npm run emulator -- --port 4567 (or --port 0 for any free port)`,
    );
  else if (e instanceof UsageError) console.error(`emulator: ${e.message}. See: npm run emulator -- --help`);
  else console.error(`emulator: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(e instanceof UsageError ? 2 : 1);
});
