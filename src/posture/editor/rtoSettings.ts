import * as vscode from 'vscode';
import { NO_RTO_TARGETS, rtoTargetsFrom, type RtoTargets } from '../rto';

/**
 * RTO targets from `awsBackupPitr.posture.rtoTargets`, the user's own value only (a workspace must not
 * relax the verdicts), in the shape of `rpoTargets`: `{ "Aurora": "8h", "*": "4h" }`. None by default;
 * a value that is not a duration is reported and no target is used.
 */
export function readRtoTargets(): { rtoTargets: RtoTargets; rtoProblem?: string } {
  const v = vscode.workspace
    .getConfiguration('awsBackupPitr.posture')
    .inspect<Record<string, unknown>>('rtoTargets')?.globalValue;
  if (!v || typeof v !== 'object') return { rtoTargets: NO_RTO_TARGETS };
  const specs = Object.entries(v).map(([type, d]) => (type === '*' ? String(d) : `${type}=${String(d)}`));
  const t = rtoTargetsFrom(specs);
  return typeof t === 'string'
    ? {
        rtoTargets: NO_RTO_TARGETS,
        rtoProblem: `awsBackupPitr.posture.rtoTargets: ${t}; no RTO target is used`,
      }
    : { rtoTargets: t };
}
