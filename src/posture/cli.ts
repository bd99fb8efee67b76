/**
 * `pitr-posture`: the recovery posture of every resource in the accounts and Regions named, for cron
 * jobs and CI. Exit 0 when every resource meets its RPO target (and its RTO target, when one is set),
 * 1 when any misses it (or was never restored though an RTO target applies), 2 for a usage error, an
 * account or Region that could not be read, or nothing to check at all.
 */
import { BackupClientFactory } from '../aws/clientFactory';
import { boundsFromEnv } from '../aws/bounds';
import { resolveConnection, type Connection } from '../aws/connection';
import { OrganizationJobs } from '../aws/organizationJobs';
import type { PostureProgress, PostureTarget } from '../aws/postureApi';
import { messageOf } from '../aws/awsText';
import { isRegionName } from '../backup/arn';
import { parseIsoInstant } from '../backup/calendar';
import { AURORA, inWords, RDS, resourceTypes, S3 } from '../backup/resourceTypes';
import { visible } from '../backup/text';
import { POSTURE_FORMATS, formatReport, type PostureFormat } from './format';
import { allMeet, postureReport } from './report';
import { NO_RTO_TARGETS, rtoTargetsFrom, type RtoTargets } from './rto';
import { DEFAULT_TARGETS, formatDuration, targetsFrom, type RpoTargets } from './targets';
import { cliArgs, UsageError, type CliFlags } from '../ui/cliArgs';
import { drTargetsFrom, NO_DR_TARGETS, type DrTargets } from './dr';
import { DEFAULT_DAYS, MAX_DAYS } from './compliance';

export interface PostureCliIo {
  stdout(s: string): void;
  stderr(s: string): void;
  /** Whether stderr is a terminal: the progress line is drawn there only. */
  progressTty: boolean;
  env: NodeJS.ProcessEnv;
  version: string;
  clock?: () => Date;
}

/** "60 min for S3, RDS and Aurora": the record per type's default targets, in words. */
function defaultTargetsText(): string {
  const byMs = new Map<number, string[]>();
  for (const t of resourceTypes())
    if (t.defaultRpoMinutes)
      byMs.set(t.defaultRpoMinutes, [...(byMs.get(t.defaultRpoMinutes) ?? []), t.name]);
  return [...byMs].map(([min, names]) => `${formatDuration(min * 60_000)} for ${inWords(names)}`).join(', ');
}

const USAGE = `Usage: pitr-posture [options]

The recovery posture of every resource AWS Backup protects in the accounts and Regions named: its
protection (continuous, continuous STOPPED, snapshots only, nothing restorable), the RPO it has now,
how far back it can go, what covers it, its failed backup jobs, and whether it meets its RPO target;
and its measured RTO: how long its most recent completed restore took (restore tests included), or
"never restored".

Options:
  --profile NAME          an AWS profile (repeatable; default: AWS_PROFILE, else the default chain)
  --region REGION         a Region (repeatable; default: each profile's own)
  --rpo-target SPEC       a target for every type ("1h") or one type ("${S3.name}=15m") (repeatable);
                          default ${defaultTargetsText()}, ${formatDuration(DEFAULT_TARGETS.other)} for other types
  --rto-target SPEC       an RTO target, the same way ("4h", "${AURORA.name}=8h") (repeatable; default: none):
                          met when the latest completed restore took no longer; a resource never
                          restored is UNTESTED, which fails the check as a miss does
  --dr-rpo-target SPEC    a target for the RPO after losing the Region: the age of the newest copy
                          in another Region ("1d", "${RDS.name}=4h") (repeatable; default: none)
  --days N                the RPO over the last N days, from what AWS still holds (JSON rpoCompliance,
                          rpoDays; drRpoCompliance, drRpoDays) (default: ${DEFAULT_DAYS}, at most ${MAX_DAYS})
  --format FORMAT         table|markdown|csv|json (default: table)
  --now ISO               "now" for the RPO (default: the clock)
  --requests-per-account N  requests at once per account, all its Regions together (default: 8)
  --organization-profile NAME
                          the organization's management account or a delegated administrator: the
                          failed backup jobs of every account are listed from it once per Region
                          (ListBackupJobs with ByAccountId "*"), not once per account and Region;
                          every profile read is taken to be an account of that organization
  --version, --help

Every profile is read in every Region, at once. An account or Region that cannot be read is reported
with its reason and does not hide the others. To point it at an emulator or another endpoint, use
the SDK's own AWS_ENDPOINT_URL_BACKUP (or a profile's endpoint_url).

Copies outside each resource's Region are found among the accounts and Regions read (name the Region
and the profiles that hold the copies). The RPO after losing the account shows when more than one
account is read.

Exit status: 0 every resource meets its targets, 1 some resource misses one (or, with an RTO
target, was never restored), 2 a usage error, an account or Region that could not be read, or no
resource found at all.

In cron or CI:
  pitr-posture --profile prod --region us-east-1 --region eu-west-1 --rpo-target ${S3.name}=15m --format markdown
`;

interface Options {
  profiles: string[];
  regions: string[];
  targets: RpoTargets;
  rtoTargets: RtoTargets;
  drTargets: DrTargets;
  days: number;
  format: PostureFormat;
  now?: Date;
  requestsPerAccount?: number;
  organization?: string;
}

const shown = (s: string): string => JSON.stringify(s.length > 60 ? `${s.slice(0, 60)}…` : s);

const POSTURE_FLAGS: CliFlags = {
  help: 'switch',
  version: 'switch',
  profile: 'value',
  'organization-profile': 'value',
  region: 'value',
  'rpo-target': 'value',
  'rto-target': 'value',
  'dr-rpo-target': 'value',
  days: 'value',
  format: 'value',
  now: 'value',
  'requests-per-account': 'value',
};

const PROFILE = /^[\w.+@/-]{1,128}$/;

function parseArgs(argv: string[]): Options | 'help' | 'version' {
  const o: Options = {
    profiles: [],
    regions: [],
    targets: DEFAULT_TARGETS,
    rtoTargets: NO_RTO_TARGETS,
    drTargets: NO_DR_TARGETS,
    days: DEFAULT_DAYS,
    format: 'table',
  };
  const specs: string[] = [];
  const drSpecs: string[] = [];
  const rtoSpecs: string[] = [];
  for (const t of cliArgs(argv, POSTURE_FLAGS, { h: 'help' })) {
    if (t.kind !== 'flag')
      throw new UsageError(
        t.kind === 'unknown' ? `unknown option ${shown(t.arg)}` : `unexpected argument ${shown(t.arg)}`,
      );
    const v = t.value;
    switch (t.flag) {
      case '--help':
        return 'help';
      case '--version':
        return 'version';
      case '--profile': {
        if (!PROFILE.test(v)) throw new UsageError(`--profile: ${shown(v)} is not a profile name`);
        if (!o.profiles.includes(v)) o.profiles.push(v);
        break;
      }
      case '--organization-profile': {
        if (!PROFILE.test(v))
          throw new UsageError(`--organization-profile: ${shown(v)} is not a profile name`);
        o.organization = v;
        break;
      }
      case '--region': {
        if (!isRegionName(v))
          throw new UsageError(`--region takes a Region such as us-east-1, not ${shown(v)}`);
        if (!o.regions.includes(v)) o.regions.push(v);
        break;
      }
      case '--rpo-target':
        specs.push(v);
        break;
      case '--rto-target':
        rtoSpecs.push(v);
        break;
      case '--dr-rpo-target':
        drSpecs.push(v);
        break;
      case '--days': {
        const n = Number(v);
        if (!/^\d+$/.test(v) || n < 1 || n > MAX_DAYS)
          throw new UsageError(`--days takes a whole number from 1 to ${MAX_DAYS}, not ${shown(v)}`);
        o.days = n;
        break;
      }
      case '--format':
        if (!(POSTURE_FORMATS as readonly string[]).includes(v))
          throw new UsageError(`--format takes ${POSTURE_FORMATS.join(', ')}, not ${shown(v)}`);
        o.format = v as PostureFormat;
        break;
      case '--now': {
        o.now = parseIsoInstant(v);
        if (!o.now)
          throw new UsageError(`--now takes an ISO 8601 time such as 2025-08-01T12:00:00Z, not ${shown(v)}`);
        break;
      }
      case '--requests-per-account': {
        const n = Number(v);
        if (!/^\d+$/.test(v) || n < 1 || n > 100)
          throw new UsageError(`--requests-per-account takes a whole number from 1 to 100, not ${shown(v)}`);
        o.requestsPerAccount = n;
        break;
      }
    }
  }
  const t = targetsFrom(specs);
  if (typeof t === 'string') throw new UsageError(`--rpo-target: ${t}`);
  o.targets = t;
  const rto = rtoTargetsFrom(rtoSpecs);
  if (typeof rto === 'string') throw new UsageError(`--rto-target: ${rto}`);
  o.rtoTargets = rto;
  const dr = drTargetsFrom(drSpecs);
  if (typeof dr === 'string') throw new UsageError(`--dr-rpo-target: ${dr}`);
  o.drTargets = dr;
  return o;
}

/** Every profile in every Region (each profile's own Region when none is named). */
async function targetsOf(o: Options, env: NodeJS.ProcessEnv): Promise<PostureTarget[]> {
  const profiles: (string | undefined)[] = o.profiles.length ? o.profiles : [undefined];
  const out: PostureTarget[] = [];
  for (const profile of profiles) {
    const regions: (string | undefined)[] = o.regions.length ? o.regions : [undefined];
    for (const region of regions) {
      const connection = await resolveConnection(
        { ...(profile !== undefined ? { profile } : {}), ...(region ? { region } : {}) },
        env,
      );
      out.push({ account: connection.profile ?? 'default credentials', connection });
    }
  }
  return out;
}

export async function runPostureCli(argv: string[], io: PostureCliIo): Promise<number> {
  let o: Options | 'help' | 'version';
  try {
    o = parseArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.stderr(`pitr-posture: ${e.message}. See: pitr-posture --help\n`);
    return 2;
  }
  if (o === 'help') {
    io.stdout(USAGE);
    return 0;
  }
  if (o === 'version') {
    io.stdout(`${io.version}\n`);
    return 0;
  }
  let targets: PostureTarget[];
  try {
    targets = await targetsOf(o, io.env);
  } catch (e) {
    io.stderr(`pitr-posture: cannot read the AWS profiles: ${visible(messageOf(e))}\n`);
    return 2;
  }
  // The SDK's nine-line notice about credentials, as one line of ours.
  const factory = new BackupClientFactory({
    ...boundsFromEnv(io.env),
    warn: (line) => io.stderr(`pitr-posture: ${visible(line)}\n`),
  });
  const organization = o.organization;
  const env = io.env;
  const inRegion = (region: string): Promise<Connection> =>
    resolveConnection({ ...(organization ? { profile: organization } : {}), region }, env);
  let drawn = false;
  const progress = (p: PostureProgress): void => {
    if (!io.progressTty) return;
    const line = `reading ${p.finished}/${p.total} account–Regions · ${p.account} ${p.region}: ${p.resources} resources`;
    io.stderr(`\r\u001b[2K${visible(line.slice(0, 120))}`);
    drawn = true;
  };
  try {
    const report = await postureReport(targets, {
      factory,
      now: o.now ?? io.clock?.() ?? new Date(),
      targets: o.targets,
      rtoTargets: o.rtoTargets,
      drTargets: o.drTargets,
      days: o.days,
      ...(o.requestsPerAccount !== undefined ? { requestsPerAccount: o.requestsPerAccount } : {}),
      ...(organization ? { organization: new OrganizationJobs(organization, inRegion) } : {}),
      onProgress: progress,
    });
    if (drawn) io.stderr('\r\u001b[2K');
    io.stdout(formatReport(report, o.format));
    for (const f of report.failures)
      io.stderr(
        `pitr-posture: ${visible(`${f.account} · ${f.region} not read: ${f.message}${f.action ? ` (${f.action})` : ''}`)}\n`,
      );
    if (report.failures.length) return 2;
    if (report.rows.length === 0) {
      io.stderr(
        `pitr-posture: no protected resource found in ${visible(targets.map((t) => `${t.account} · ${t.connection.region}`).join(', '))}: nothing was checked.\n`,
      );
      return 2;
    }
    return allMeet(report) ? 0 : 1;
  } finally {
    factory.dispose();
  }
}
