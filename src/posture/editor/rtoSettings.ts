import * as vscode from 'vscode';
import { NO_RTO_TARGETS, rtoTargetsFrom, type RtoTargets } from '../rto';

/**
 * A targets setting of the posture (`rpoTargets`, `rtoTargets`) as specs ("15m", "S3=15m"), from the
 * user's own value only (a workspace must not relax the verdicts); undefined when not set.
 */
export function targetSpecs(setting: 'rpoTargets' | 'rtoTargets'): string[] | undefined {
  const v = vscode.workspace
    .getConfiguration('awsBackupPitr.posture')
    .inspect<Record<string, unknown>>(setting)?.globalValue;
  if (!v || typeof v !== 'object') return undefined;
  return Object.entries(v).map(([type, d]) => (type === '*' ? String(d) : `${type}=${String(d)}`));
}

/**
 * RTO targets from `awsBackupPitr.posture.rtoTargets`, in the shape of `rpoTargets`:
 * `{ "Aurora": "8h", "*": "4h" }`. None by default; a value that is not a duration is reported and no
 * target is used.
 */
export function readRtoTargets(): { rtoTargets: RtoTargets; rtoProblem?: string } {
  const specs = targetSpecs('rtoTargets');
  if (!specs) return { rtoTargets: NO_RTO_TARGETS };
  const t = rtoTargetsFrom(specs);
  return typeof t === 'string'
    ? {
        rtoTargets: NO_RTO_TARGETS,
        rtoProblem: `awsBackupPitr.posture.rtoTargets: ${t}; no RTO target is used`,
      }
    : { rtoTargets: t };
}
