import { readSetting } from '../../ui/settings';
import { NO_RTO_TARGETS, rtoTargetsFrom, type RtoTargets } from '../rto';

/**
 * RTO targets from `awsBackupPitr.posture.rtoTargets`, in the shape of `rpoTargets`:
 * `{ "Aurora": "8h", "*": "4h" }`, the user's own value only (a workspace must not relax the
 * verdicts). None by default; a value that is not a duration is reported and no target is used.
 */
export function readRtoTargets(): { rtoTargets: RtoTargets; rtoProblem?: string } {
  const specs = Object.entries(readSetting('posture.rtoTargets')).map(([type, d]) =>
    type === '*' ? d : `${type}=${d}`,
  );
  if (specs.length === 0) return { rtoTargets: NO_RTO_TARGETS };
  const t = rtoTargetsFrom(specs);
  return typeof t === 'string'
    ? {
        rtoTargets: NO_RTO_TARGETS,
        rtoProblem: `awsBackupPitr.posture.rtoTargets: ${t}; no RTO target is used`,
      }
    : { rtoTargets: t };
}
