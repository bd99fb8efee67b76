/**
 * A recovery-posture report over many accounts and Regions: read them all at once (src/aws/postureApi.ts),
 * then one row per resource, one failure per account–Region that could not be read, and the parts
 * that could not be read as warnings. No vscode.
 */
import type { BackupClientFactory } from '../aws/clientFactory';
import type { OrganizationJobs } from '../aws/organizationJobs';
import { readPosture, type PostureProgress, type PostureTarget } from '../aws/postureApi';
import { postureRows, sortRows, type PostureFailure, type PostureRow } from './compute';
import { rtoBreached, type RtoTargets } from './rto';
import { applyDr, drEvidence, NO_DR_TARGETS, type DrEvidence, type DrFields, type DrTargets } from './dr';
import type { RpoTargets } from './targets';
import { DEFAULT_DAYS, tracesOf, withHistory, type HistoryFields } from './compliance';

/** A row of the report: the posture here, and after losing the Region (./dr.ts; always set by postureReport). */
export type ReportRow = PostureRow & Partial<DrFields> & Partial<HistoryFields>;

export interface PostureReport {
  now: string;
  rows: ReportRow[];
  failures: PostureFailure[];
  warnings: { account: string; region: string; message: string }[];
  /** Account–Regions read, and requests sent. */
  targets: number;
  requests: number;
}

export interface ReportOptions {
  factory: BackupClientFactory;
  now: Date;
  targets: RpoTargets;
  /** RTO targets (none by default: every RTO verdict is then "no target"). */
  rtoTargets?: RtoTargets;
  /** DR RPO targets (./dr.ts); none by default. */
  drTargets?: DrTargets;
  /** Days of RPO history (./compliance.ts; default 30, at most 35). */
  days?: number;
  /** false: the posture without its DR part (no copy jobs read, no DR fields), as the bench compares. */
  dr?: boolean;
  requestsPerAccount?: number;
  signal?: AbortSignal;
  onProgress?(p: PostureProgress): void;
  /** Failed jobs from the organisation's one listing per Region, not each account's (src/aws/postureApi.ts). */
  organization?: OrganizationJobs;
}

export async function postureReport(
  targets: readonly PostureTarget[],
  o: ReportOptions,
): Promise<PostureReport> {
  // Each account–Region becomes its rows as soon as it is read (src/aws/postureApi.ts: `each`), while
  // the others are still being read; its facts are not kept.
  const parts = await readPosture(
    targets,
    {
      factory: o.factory,
      now: o.now,
      ...(o.requestsPerAccount !== undefined ? { requestsPerAccount: o.requestsPerAccount } : {}),
      ...(o.signal ? { signal: o.signal } : {}),
      ...(o.onProgress ? { onProgress: (p: PostureProgress) => o.onProgress?.(p) } : {}),
      ...(o.organization ? { organization: o.organization } : {}),
      ...(o.dr === false ? { copyJobs: false } : {}),
    },
    (r) => {
      const where = { account: r.target.account, region: r.target.connection.region };
      if (!r.ok)
        return {
          rows: [],
          dr: undefined,
          requests: 0,
          warnings: [],
          failure: {
            ...where,
            message: r.error.message,
            ...(r.error.action ? { action: r.error.action } : {}),
          },
        };
      return {
        rows: withHistory(
          postureRows(r.target, r.facts, o.now, o.targets, o.rtoTargets),
          tracesOf(r.facts.points, r.facts.failedJobs, o.now.getTime()),
          o.now.getTime(),
          o.days ?? DEFAULT_DAYS,
        ),
        dr: o.dr === false ? undefined : drEvidence(r.target, r.facts),
        requests: r.facts.requests,
        warnings: r.facts.warnings.map((message) => ({ ...where, message })),
      };
    },
  );
  const rows: (PostureRow & HistoryFields)[] = [];
  const evidence: DrEvidence[] = [];
  const failures: PostureFailure[] = [];
  const warnings: PostureReport['warnings'] = [];
  let requests = 0;
  // In the order of the targets, as before: ties in the sort keep it.
  for (const p of parts) {
    for (const row of p.rows) rows.push(row);
    if (p.dr) evidence.push(p.dr);
    if (p.failure) failures.push(p.failure);
    for (const w of p.warnings) warnings.push(w);
    requests += p.requests;
  }
  const org = o.organization;
  if (org) {
    requests += org.requests;
    if (org.listed.length)
      warnings.push({
        account: org.account,
        region: [...org.listed].sort().join(', '),
        message: `Failed backup jobs were read from the organization's listing (profile ${org.account}), one per Region: every account read is taken to be in that organization, and an account outside it shows no failed jobs`,
      });
    for (const f of org.failures)
      warnings.push({
        account: org.account,
        region: f.region,
        message: `The organization's failed backup jobs could not be listed from ${org.account} (${f.message}): each account's own were read instead`,
      });
  }
  return {
    now: o.now.toISOString(),
    rows: sortRows(
      o.dr === false
        ? rows
        : applyDr(rows, evidence, {
            failures,
            targets: o.drTargets ?? NO_DR_TARGETS,
            now: o.now,
            days: o.days ?? DEFAULT_DAYS,
          }),
    ),
    failures,
    warnings,
    targets: targets.length,
    requests,
  };
}

/**
 * True when every resource meets its targets (RPO, DR RPO, and its RTO target if one applies: a
 * resource never restored does not), and every account–Region was read.
 */
export function allMeet(r: PostureReport): boolean {
  return (
    r.failures.length === 0 &&
    r.rows.every((x) => x.verdict === 'meets' && x.drVerdict !== 'misses' && !rtoBreached(x))
  );
}
