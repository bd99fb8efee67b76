/**
 * The schemes of the read-only documents the features show (the plan diff's two sides, the record
 * of a started restore). They are records, not documents being written: the linter leaves them
 * alone, so they add no Problems, and none lingers after they close.
 */
export const PLAN_DIFF_SCHEME = 'aws-backup-pitr-plan';
export const RESTORE_RECORD_SCHEME = 'aws-backup-pitr-review';

export const RECORD_SCHEMES: ReadonlySet<string> = new Set([PLAN_DIFF_SCHEME, RESTORE_RECORD_SCHEME]);
