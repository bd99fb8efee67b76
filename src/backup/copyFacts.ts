/**
 * What AWS Backup documents about copies, per resource type: one small table, to fold into the
 * per-type record (src/backup/resourceTypes.ts) when both exist. Domain core: no vscode, no SDK.
 */

/**
 * Types whose continuous backups a plan's copy action copies by taking a snapshot, copying it, then
 * deleting that source snapshot: "For database resources, ensure that your IAM role has the
 * rds:DeleteDBSnapshot permission … If the role lacks this permission, AWS Backup cannot remove the
 * temporary snapshot. Instead, it creates an expired recovery point"
 * (https://docs.aws.amazon.com/aws-backup/latest/devguide/point-in-time-recovery-copying.html).
 */
export const COPY_SOURCE_SNAPSHOT_DELETED_TYPES: readonly string[] = ['RDS', 'Aurora'];

/**
 * Types whose copies go cross-Region or cross-account, not both in one copy: "For Amazon RDS and
 * Aurora snapshots, AWS Backup only supports automating either cross-account or cross-Region copies"
 * (https://docs.aws.amazon.com/aws-backup/latest/devguide/recov-point-create-a-copy.html); the feature
 * table's note adds DocumentDB and Neptune.
 */
export const ONE_HOP_COPY_TYPES: readonly string[] = ['RDS', 'Aurora', 'DocumentDB', 'Neptune'];

/**
 * The most often a snapshot rule runs: "You can also create a cron expression that creates snapshot
 * backups as frequently as hourly"
 * (https://docs.aws.amazon.com/aws-backup/latest/devguide/plan-options-and-configuration.html). A
 * continuous rule's copy action copies a snapshot on the rule's schedule, so no copy outside the
 * Region is fresher than this.
 */
export const MIN_SNAPSHOT_INTERVAL_MS = 3_600_000;
