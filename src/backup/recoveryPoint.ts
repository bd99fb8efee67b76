/**
 * Recovery points and their kinds. Domain core: no `vscode`, no SDK, no I/O.
 *
 * A continuous backup's recovery point has an ARN of the form
 * `arn:<partition>:backup:<region>:<account>:recovery-point:continuous:<id>`
 * (https://docs.aws.amazon.com/aws-backup/latest/devguide/point-in-time-recovery.html); a snapshot's
 * ARN is the backup's own (EBS, RDS, …) or `…:recovery-point:<id>`.
 */

/** True when the recovery point ARN names a continuous backup (point-in-time restorable). */
export function isContinuousRecoveryPointArn(arn: string | undefined): boolean {
  return arn !== undefined && arn.includes(':recovery-point:continuous:');
}

/**
 * True when the recovery point is continuous: from its ARN, or from restore metadata that carries
 * a point-in-time bound, EarliestRestorablePitrTimestamp (SAP HANA:
 * https://docs.aws.amazon.com/aws-backup/latest/devguide/saphana-restore.html).
 */
export function isContinuousRecoveryPoint(p: {
  recoveryPointArn: string;
  restoreMetadata?: Record<string, string> | undefined;
}): boolean {
  return (
    isContinuousRecoveryPointArn(p.recoveryPointArn) ||
    p.restoreMetadata?.EarliestRestorablePitrTimestamp !== undefined
  );
}

/** Recovery point statuses a restore can start from (a STOPPED continuous point, within its window). */
export const RESTORABLE_STATUSES: ReadonlySet<string> = new Set([
  'COMPLETED',
  'AVAILABLE',
  'STOPPED',
  'PARTIAL',
]);

/** A recovery point as the explorer, the timeline and the restore flow pass it on (the API's field names). */
export interface PointSummary {
  RecoveryPointArn?: string;
  BackupVaultName?: string;
  BackupVaultArn?: string;
  ResourceArn?: string;
  ResourceName?: string;
  ResourceType?: string;
  Status?: string;
  CreationDate?: Date;
  CompletionDate?: Date;
  Lifecycle?: { DeleteAfterDays?: number };
}
