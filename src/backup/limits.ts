/**
 * The service's limits and lags, each with the AWS page behind it: the one home of these numbers.
 * Domain core: no `vscode`, no SDK, no I/O.
 */

/**
 * Continuous backup retention: "The minimum retention period is 1 day. The maximum retention period
 * is 35 days." (https://docs.aws.amazon.com/aws-backup/latest/devguide/point-in-time-recovery-retention-period.html),
 * hence point-in-time restore "going back a maximum of 35 days"
 * (https://docs.aws.amazon.com/aws-backup/latest/devguide/point-in-time-recovery.html).
 */
export const CONTINUOUS_MIN_RETENTION_DAYS = 1;
export const CONTINUOUS_MAX_RETENTION_DAYS = 35;

/**
 * Cold storage: "Backups transitioned to cold storage must be stored in cold storage for a minimum
 * of 90 days"; "DeleteAfterDays … must be at least 90 days after … MoveToColdStorageAfterDays"
 * (service model: Lifecycle.DeleteAfterDays, BackupRuleInput.Lifecycle;
 * https://docs.aws.amazon.com/aws-backup/latest/devguide/API_Lifecycle.html).
 */
export const COLD_STORAGE_MIN_DAYS = 90;

/**
 * Restore lag per resource type, in minutes: "Amazon RDS … the most recent 5 minutes … Amazon S3 …
 * the most recent 15 minutes" (https://docs.aws.amazon.com/aws-backup/latest/devguide/point-in-time-recovery.html).
 * An Aurora figure is NOT FOUND in AWS Backup's docs: Aurora restores through the same RDS
 * point-in-time mechanism, so the RDS figure is assumed. SAP HANA and other types: unknown.
 */
export const RESTORE_LAG_MINUTES: Readonly<Partial<Record<string, number>>> = { S3: 15, RDS: 5, Aurora: 5 };

/**
 * The resource types with continuous backup (point-in-time recovery), as AWS Backup names them: S3,
 * RDS and Aurora (https://docs.aws.amazon.com/aws-backup/latest/devguide/point-in-time-recovery.html),
 * and SAP HANA on Amazon EC2, whose continuous recovery points restore to a point in time
 * (EarliestRestorablePitrTimestamp…, https://docs.aws.amazon.com/aws-backup/latest/devguide/saphana-restore.html).
 * The one list of them: the linter's LIVE005 and the posture's advice both read it.
 */
export const CONTINUOUS_TYPES: readonly string[] = ['S3', 'RDS', 'Aurora', 'SAP HANA on Amazon EC2'];
