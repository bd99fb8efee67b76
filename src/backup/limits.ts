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

/**
 * The most often a snapshot rule runs: "You can also create a cron expression that creates snapshot
 * backups as frequently as hourly"
 * (https://docs.aws.amazon.com/aws-backup/latest/devguide/plan-options-and-configuration.html). A
 * continuous rule's copy action copies a snapshot on the rule's schedule, so no copy outside the
 * Region is fresher than this.
 */
export const MIN_SNAPSHOT_INTERVAL_MS = 3_600_000;
