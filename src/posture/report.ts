/**
 * A recovery-posture report over many accounts and Regions: read them all at once (src/aws/postureApi.ts),
 * then one row per resource, one failure per account–Region that could not be read, and the parts
 * that could not be read as warnings. No vscode.
 */
import type { BackupClientFactory } from '../aws/clientFactory';
import { readPosture, type PostureProgress, type PostureTarget } from '../aws/postureApi';
import { postureRows, sortRows, type PostureFailure, type PostureRow } from './compute';
import type { RpoTargets } from './targets';

export interface PostureReport {
  now: string;
  rows: PostureRow[];
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
  requestsPerAccount?: number;
  signal?: AbortSignal;
  onProgress?(p: PostureProgress): void;
}

export async function postureReport(
  targets: readonly PostureTarget[],
  o: ReportOptions,
): Promise<PostureReport> {
  const reads = await readPosture(targets, {
    factory: o.factory,
    now: o.now,
    ...(o.requestsPerAccount !== undefined ? { requestsPerAccount: o.requestsPerAccount } : {}),
    ...(o.signal ? { signal: o.signal } : {}),
    ...(o.onProgress ? { onProgress: (p: PostureProgress) => o.onProgress?.(p) } : {}),
  });
  const rows: PostureRow[] = [];
  const failures: PostureFailure[] = [];
  const warnings: PostureReport['warnings'] = [];
  let requests = 0;
  for (const r of reads) {
    const where = { account: r.target.account, region: r.target.connection.region };
    if (!r.ok) {
      failures.push({
        ...where,
        message: r.error.message,
        ...(r.error.action ? { action: r.error.action } : {}),
      });
      continue;
    }
    requests += r.facts.requests;
    rows.push(...postureRows(r.target, r.facts, o.now, o.targets));
    for (const message of r.facts.warnings) warnings.push({ ...where, message });
  }
  return {
    now: o.now.toISOString(),
    rows: sortRows(rows),
    failures,
    warnings,
    targets: targets.length,
    requests,
  };
}

/** True when every resource meets its target and every account–Region was read. */
export function allMeet(r: PostureReport): boolean {
  return r.failures.length === 0 && r.rows.every((x) => x.verdict === 'meets');
}
