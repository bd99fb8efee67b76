/**
 * Facts of AWS Backup restore testing, per resource type, from the service model
 * (schemas/aws-backup-model/service-2.json: RestoreTestingPlanForCreate, RestoreTestingSelectionForCreate,
 * RestoreTestingRecoveryPointSelection) and
 * https://docs.aws.amazon.com/aws-backup/latest/devguide/restore-testing-inferred-metadata.html.
 * To be folded into the one record per resource type (resourceTypes.ts) at merge.
 */

/** ProtectedResourceType's documented values (RestoreTestingSelectionForCreate.ProtectedResourceType). */
export const RESTORE_TESTABLE_TYPES: readonly string[] = [
  'Aurora',
  'DocumentDB',
  'DynamoDB',
  'EBS',
  'EC2',
  'EFS',
  'FSx',
  'Neptune',
  'RDS',
  'S3',
];

/**
 * The RestoreMetadataOverrides keys a type takes ("Overridable metadata" of the inferred-metadata
 * page; "key values are not case sensitive"). Only the types whose list was read are here: for the
 * others (EC2, EFS, FSx, RDS and the clusters) the list is NOT FOUND in the project's sources, and
 * their overrides are not checked.
 */
export const RESTORE_TESTING_OVERRIDES: Readonly<Partial<Record<string, readonly string[]>>> = {
  DynamoDB: ['encryptionType', 'kmsMasterKeyArn'],
  EBS: ['availabilityZone', 'iops', 'kmsKeyId', 'throughput', 'volumesize', 'volumetype'],
  S3: ['encryptionType', 'kmsKey', 'restoreACLs'],
};

/** StartWindowHours: "a maximum value of 168 hours (one week)"; default 24; a minimum is NOT FOUND. */
export const RESTORE_TESTING_START_WINDOW_MAX_HOURS = 168;
/** SelectionWindowDays: "integers from 1 to 365". */
export const RESTORE_TESTING_SELECTION_WINDOW_DAYS = { min: 1, max: 365 } as const;
/** ValidationWindowHours: "hours (0 to 168)". */
export const RESTORE_TESTING_VALIDATION_WINDOW_HOURS = { min: 0, max: 168 } as const;
