/**
 * The recovery posture with its DR part and 30-day history (issue 26): 20 accounts × 3 Regions × 500
 * resources on the emulator (30 ms added per request), each Region's live S3, RDS and Aurora resources
 * copied daily into the next Region (`--dr-copies`). Goals: requests per resource constant as resources
 * grow (500 and 2,000 an account–Region); the DR read adds at most 25% to the posture's wall time,
 * measured in the same run; and for one account–Region, `pitr-posture` at most 0.1× the wall time of a
 * shell loop of AWS CLI calls doing the same reads (protected resources, recovery points per vault,
 * copy jobs) against the same emulator.
 */
import { execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BackupClientFactory } from '../src/aws/clientFactory';
import type { PostureTarget } from '../src/aws/postureApi';
import { memberAccounts } from '../src/emulator/server';
import { drTargetsFrom, type DrTargets } from '../src/posture/dr';
import { postureReport, type PostureReport } from '../src/posture/report';
import { DEFAULT_TARGETS } from '../src/posture/targets';
import { median, REGIONS, startChild, targetsOf, writeMemberProfiles } from './posture';

/** What a user writes today for one account–Region: the same listings, one AWS CLI call each. */
const SHELL_LOOP = `
set -e
aws backup list-protected-resources --endpoint-url "$URL" --region "$REGION" --output json > /dev/null
for v in $(aws backup list-backup-vaults --endpoint-url "$URL" --region "$REGION" --query 'BackupVaultList[].BackupVaultName' --output text); do
  aws backup list-recovery-points-by-backup-vault --backup-vault-name "$v" --endpoint-url "$URL" --region "$REGION" --output json > /dev/null
done
aws backup list-copy-jobs --by-created-after "$SINCE" --endpoint-url "$URL" --region "$REGION" --output json > /dev/null
`;

const timed = (run: () => void): number => {
  const t0 = performance.now();
  run();
  return performance.now() - t0;
};

export async function benchPostureDr(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'pitr-posture-dr-bench-'));
  const saved = { ...process.env };
  writeMemberProfiles(dir);
  const children: ChildProcess[] = [];
  try {
    const common = ['--regions', REGIONS.slice(1).join(','), '--latency', '30', '--dr-copies'];
    const big = await startChild(['--accounts', '20', '--resources', '500', ...common]);
    const large = await startChild(['--accounts', '1', '--resources', '2000', ...common]);
    children.push(big.child, large.child);
    const factory = new BackupClientFactory();
    const drTargets = drTargetsFrom(['1d']) as DrTargets;
    const read = (t: PostureTarget[], dr: boolean): Promise<PostureReport> =>
      postureReport(t, { factory, now: new Date(), targets: DEFAULT_TARGETS, drTargets, dr });
    const all = targetsOf(big.url, 20);
    await read(all, true); // warm-up: seeds every account–Region, opens connections
    const withDr: number[] = [];
    const without: number[] = [];
    let report: PostureReport | undefined;
    for (let round = 0; round < 3; round++) {
      let t0 = performance.now();
      report = await read(all, true);
      withDr.push(performance.now() - t0);
      t0 = performance.now();
      await read(all, false);
      without.push(performance.now() - t0);
    }
    const perResource = (r: PostureReport): number => r.requests / Math.max(1, r.rows.length);
    const one500 = await read(targetsOf(big.url, 1).slice(0, 1), true);
    const one2000 = await read(targetsOf(large.url, 1).slice(0, 1), true);
    factory.dispose();

    // One account–Region, as processes: the shell loop of AWS CLI calls, and pitr-posture.
    const m1 = memberAccounts(1)[0]!.credentials;
    const env = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      URL: big.url,
      REGION: 'us-east-1',
      SINCE: new Date(Date.now() - 35 * 86_400_000).toISOString(),
      AWS_ACCESS_KEY_ID: m1.accessKeyId,
      AWS_SECRET_ACCESS_KEY: m1.secretAccessKey,
      AWS_CONFIG_FILE: '/dev/null',
      AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_PAGER: '',
    };
    const shell = median(
      [0, 1, 2].map(() => timed(() => execFileSync('bash', ['-c', SHELL_LOOP], { env, stdio: 'ignore' }))),
    );
    const cli = median(
      [0, 1, 2].map(() =>
        timed(() => {
          try {
            execFileSync(
              process.execPath,
              [
                join(__dirname, 'posture.js'),
                '--region',
                'us-east-1',
                '--format',
                'json',
                '--dr-rpo-target',
                '1d',
              ],
              { env: { ...env, AWS_ENDPOINT_URL_BACKUP: big.url }, stdio: 'ignore' },
            );
          } catch {
            // Exit 1 (a target missed) is a finished report.
          }
        }),
      ),
    );

    const w = median(withDr);
    const wo = median(without);
    console.log(
      `\nRecovery posture with DR and 30-day history: 20 accounts × 3 Regions × 500 resources, live ones copied daily to the next Region, 30 ms per request`,
    );
    console.log(
      `with DR ms ${w.toFixed(0)}   without ms ${wo.toFixed(0)} (medians of 3, same run)   DR adds ${((w / wo - 1) * 100).toFixed(0)}% ${w / wo <= 1.25 ? 'meets' : 'MISSES'} the goal of at most 25%`,
    );
    console.log(
      `rows ${report!.rows.length}, requests ${report!.requests} (${perResource(report!).toFixed(3)} per resource); one account–Region: ${perResource(one500).toFixed(3)} per resource at ${one500.rows.length} resources, ${perResource(one2000).toFixed(3)} at ${one2000.rows.length} (goal: not growing: ${perResource(one2000) <= perResource(one500) * 1.05 ? 'meets' : 'MISSES'})`,
    );
    console.log(
      `one account–Region: pitr-posture ms ${cli.toFixed(0)}   shell loop of AWS CLI calls ms ${shell.toFixed(0)}   ratio ${(cli / shell).toFixed(2)} ${cli / shell <= 0.1 ? 'meets' : 'MISSES'} the goal of at most 0.1`,
    );
  } finally {
    for (const c of children) c.kill();
    rmSync(dir, { recursive: true, force: true });
    for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
    Object.assign(process.env, saved);
  }
}
