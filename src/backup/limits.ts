/**
 * The service's limits that belong to no resource type, each with the AWS page behind it. The limits
 * and lags of continuous backup are in the record per type (resourceTypes.ts). Domain core: no
 * `vscode`, no SDK, no I/O.
 */

/**
 * Cold storage: "Backups transitioned to cold storage must be stored in cold storage for a minimum
 * of 90 days"; "DeleteAfterDays … must be at least 90 days after … MoveToColdStorageAfterDays"
 * (service model: Lifecycle.DeleteAfterDays, BackupRuleInput.Lifecycle;
 * https://docs.aws.amazon.com/aws-backup/latest/devguide/API_Lifecycle.html).
 */
export const COLD_STORAGE_MIN_DAYS = 90;
