/**
 * The shape of one record per resource type (src/backup/resourceTypes.ts holds the list): every fact
 * the features need about a type, in one place. Domain core: no `vscode`, no SDK, no I/O.
 */

/**
 * Restore metadata keys per resource type, as AWS's restore pages list them
 * (https://docs.aws.amazon.com/aws-backup/latest/devguide/restoring-s3.html, restoring-rds.html,
 * restoring-aur.html, saphana-restore.html). A key is known when it is spelled
 * as AWS documents it for StartRestoreJob, or as another spelling AWS documents for the same key
 * (`aliases`: the Aurora page writes `dbClusterIdentifier` in its list and `DBClusterIdentifier` in
 * its example). Any other spelling that differs only in case is reported (RST006, with a rename):
 * case-insensitive keys are documented only for restore testing, not for StartRestoreJob.
 */
export interface MetadataKey {
  key: string;
  aliases?: readonly string[];
  doc: string;
  required?: boolean;
  /**
   * Required only for a point-in-time restore (RestoreTime or UseLatestRestorableTime given, or a
   * continuous recovery point): RDS's `Engine`.
   */
  requiredForPointInTime?: boolean;
  /**
   * Returned by GetRecoveryPointRestoreMetadata (AWS's example output for the type), so the restore
   * flow keeps it in the documents it writes: known, never reported.
   */
  returnedByService?: boolean;
  /**
   * Seen in working restores but not in today's documented list
   * (https://docs.aws.amazon.com/aws-backup/latest/devguide/restoring-s3.html#s3-restore-cli).
   */
  undocumented?: boolean;
  values?: readonly string[];
}

/** What the restore flow asks for the destination (the new resource's name), and how it checks it. */
export interface RestoreDestination {
  /** The metadata key that names the destination. */
  key: string;
  /** Its name in the flow's prompt ("new DB instance identifier"). */
  what: string;
  /** The kind of name, for its check: an S3 bucket name or an RDS/Aurora identifier. */
  nameKind: 'bucket' | 'db-identifier';
  /** The restore always creates a new resource (RDS, Aurora): a name is suggested. */
  alwaysNew: boolean;
}

/** How a restore of the type is confirmed and asked for. */
export interface RestoreFacts {
  /** The keys StartRestoreJob's Metadata takes, as AWS documents them. */
  metadataKeys: readonly MetadataKey[];
  /** Keys (lower case) that say a bare metadata file restores this type. */
  markers?: RegExp;
  /** A file name (lower case) that says so (`s3-restore-metadata.json`). */
  fileName?: RegExp;
  /** The keys that decide where the data goes: shown first in the confirmation. */
  destinationKeys: readonly string[];
  /** The confirmation's "Destination:" line, from the metadata sent (`named(key)` shows a value). */
  destinationSummary?: (named: (key: string) => string, value: (key: string) => string | undefined) => string;
  /** The confirmation's notes: what the restore does to the data and the bill. */
  notes?: (value: (key: string) => string | undefined) => readonly string[];
  /** The restore flow's destination step, for types it asks one for. */
  destination?: RestoreDestination;
  /** The restore flow's options step: S3's items, encryption and ACLs, or a database's settings. */
  options?: 's3' | 'db-instance' | 'db-cluster';
  /** A continuous restore must send the time explicitly (S3 has no "latest"). */
  explicitTime?: boolean;
}

/** Continuous backup (point-in-time recovery) as AWS Backup offers it for the type. */
export interface ContinuousFacts {
  /** How far behind the clock the latest restorable second is, in minutes; undefined when AWS does not say. */
  restoreLagMinutes?: number;
  /** Said wherever the lag is used, when it is assumed rather than documented. */
  restoreLagNote?: string;
  /** What to check when a continuous backup of the type stops (STOPPED), in words. */
  stoppedCauses?: string;
}

/** What stopping and deleting a continuous recovery point of the type do, in words. */
export interface LifecycleFacts {
  stop: (name: string, retentionDays?: number) => readonly string[];
  delete: (name: string) => readonly string[];
}

/** What a copy to another vault (Region or account) of the type's backups becomes. */
export interface CopyFacts {
  /** "A copy of a continuous point is a snapshot": no point-in-time restore from a copy. */
  continuousCopyIs: 'snapshot';
  /**
   * AWS Backup takes a snapshot, copies it, and deletes the source snapshot (RDS, Aurora); without
   * rds:DeleteDBSnapshot the source is left EXPIRED.
   */
  sourceSnapshotDeleted: boolean;
  /**
   * Copies go cross-Region or cross-account, not both in one copy: "For Amazon RDS and Aurora
   * snapshots, AWS Backup only supports automating either cross-account or cross-Region copies"
   * (https://docs.aws.amazon.com/aws-backup/latest/devguide/recov-point-create-a-copy.html); the
   * feature table's note adds DocumentDB and Neptune.
   */
  oneHop?: boolean;
}

/** Restore testing (https://docs.aws.amazon.com/aws-backup/latest/devguide/restore-testing-inferred-metadata.html). */
export interface RestoreTestingFacts {
  /** The inferred metadata keys a restore-testing selection may override. */
  overridableKeys: readonly string[];
}

export interface ResourceTypeRecord {
  /** AWS Backup's ResourceType, exactly as the service spells it. */
  name: string;
  /** Its key in the Region's opt-in (DescribeRegionSettings' ResourceTypeOptInPreference). */
  optInName: string;
  /** Continuous backup; undefined when AWS Backup has none for the type (its backups are snapshots). */
  continuous?: ContinuousFacts;
  arn: {
    /** The service of a service-wide ARN (`arn:aws:<service>:*`) whose opt-in covers the type. */
    service?: string;
    /** A resource ARN that is this type's and no other's. */
    resource?: RegExp;
    /** A recovery point of the type's own service (a snapshot, an AMI, a table backup). */
    recoveryPoint?: RegExp;
    /** The resource's name, from such a recovery point's ARN. */
    nameOfRecoveryPoint?: (recoveryPointArn: string) => string | undefined;
  };
  /** What a person calls one ("bucket", "cluster"); undefined: just its name. */
  noun?: string;
  restore?: RestoreFacts;
  lifecycle?: LifecycleFacts;
  copy?: CopyFacts;
  restoreTesting?: RestoreTestingFacts;
  /**
   * The posture's default RPO target, in minutes: this project's choice (issue 15), 60 for the types
   * with continuous backup and a restore lag AWS documents; undefined: the default for other types.
   */
  defaultRpoMinutes?: number;
  /** The explorer's codicon for its recovery points. */
  icon?: string;
}

/**
 * `aws:backup:request-id`: "any UUID string used for idempotency". AWS documents it in the restore
 * metadata of several types, not only SAP HANA: EFS ("You may also include `aws:backup:request-id`",
 * https://docs.aws.amazon.com/aws-backup/latest/devguide/restoring-efs.html#efs-restore-cli), EBS
 * (restoring-ebs.html), DynamoDB (restoring-dynamodb.html), EC2 (the start-restore-job example of
 * https://docs.aws.amazon.com/aws-backup/latest/devguide/restoring-a-backup.html), SAP HANA
 * (saphana-restore.html). It says nothing about the resource type.
 */
export const REQUEST_ID: MetadataKey = {
  key: 'aws:backup:request-id',
  doc: 'Any UUID, for idempotency. It does not change the restore.',
};
