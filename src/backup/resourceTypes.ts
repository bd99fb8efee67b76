/**
 * One record per resource type: the one home of what the project knows about S3, RDS, Aurora, SAP
 * HANA, EFS, DynamoDB and the other types AWS Backup backs up (their files in ./resourceTypes/, each
 * citing its AWS pages). Every feature reads the list here, when it runs: a type added to it
 * appears in the lint, the restore flow, the stop-and-delete consequences and the posture with no
 * other file touched (test/unit/backup/resourceTypes.test.ts proves it). Outside this file and its
 * folder, src/ writes no type's name and no continuous-retention limit as a literal (ESLint
 * `no-restricted-syntax`, eslint.config.mjs). Domain core: no `vscode`, no SDK, no I/O.
 */
import { AURORA } from './resourceTypes/aurora';
import { DYNAMODB } from './resourceTypes/dynamodb';
import { EFS } from './resourceTypes/efs';
import { RDS } from './resourceTypes/rds';
import type { ResourceTypeRecord } from './resourceTypes/record';
import { S3 } from './resourceTypes/s3';
import { SAP_HANA } from './resourceTypes/sapHana';
import { SNAPSHOT_ONLY } from './resourceTypes/snapshotOnly';

export { AURORA, EFS, RDS, S3, SAP_HANA };
export type { MetadataKey, ResourceTypeRecord, RestoreFacts } from './resourceTypes/record';

/**
 * Continuous backup retention: "The minimum retention period is 1 day. The maximum retention period
 * is 35 days." (https://docs.aws.amazon.com/aws-backup/latest/devguide/point-in-time-recovery-retention-period.html),
 * hence point-in-time restore "going back a maximum of 35 days"
 * (https://docs.aws.amazon.com/aws-backup/latest/devguide/point-in-time-recovery.html). The same for
 * every type with continuous backup.
 */
export const CONTINUOUS_MIN_RETENTION_DAYS = 1;
export const CONTINUOUS_MAX_RETENTION_DAYS = 35;

/** In the order a file name is matched against them (S3's first, SAP HANA's before EFS's). */
const BUILT_IN: readonly ResourceTypeRecord[] = [S3, RDS, AURORA, SAP_HANA, EFS, DYNAMODB, ...SNAPSHOT_ONLY];
let records: readonly ResourceTypeRecord[] = BUILT_IN;

/** Every type the project knows, in the list's order. */
export function resourceTypes(): readonly ResourceTypeRecord[] {
  return records;
}

/**
 * Every type's name, as AWS Backup spells it (StartRestoreJob's ResourceType, the Region's opt-in),
 * in alphabetical order as the service model lists them.
 */
export function resourceTypeNames(): string[] {
  return records.map((t) => t.name).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The record of the type of that name, or undefined when the project does not know it. */
export function resourceType(name: string | undefined): ResourceTypeRecord | undefined {
  return name === undefined ? undefined : records.find((t) => t.name === name);
}

/** The types with continuous backup (point-in-time recovery) in AWS Backup, in the list's order. */
export function continuousTypes(): string[] {
  return records.filter((t) => t.continuous).map((t) => t.name);
}

/**
 * The types whose continuous backups a plan's copy action copies by taking a snapshot, copying it,
 * then deleting that source snapshot (left EXPIRED without rds:DeleteDBSnapshot).
 */
export function copySourceSnapshotDeletedTypes(): string[] {
  return records.filter((t) => t.copy?.sourceSnapshotDeleted).map((t) => t.name);
}

/** The types whose copies go cross-Region or cross-account, not both in one copy. */
export function oneHopCopyTypes(): string[] {
  return records.filter((t) => t.copy?.oneHop).map((t) => t.name);
}

/** Names as a person lists them: "S3, RDS and Aurora". */
export function inWords(names: readonly string[]): string {
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)!}` : names.join('');
}

/** The restore lag of a continuous type, in minutes; undefined when AWS does not say or the type has none. */
export function restoreLagMinutes(type: string | undefined): number | undefined {
  return resourceType(type)?.continuous?.restoreLagMinutes;
}

/** The type of a resource, from its ARN alone; undefined when the ARN does not decide it. */
export function typeOfResourceArn(resourceArn: string): string | undefined {
  return records.find((t) => t.arn.resource?.test(resourceArn))?.name;
}

/** The type of a recovery point of a type's own service (a snapshot, an AMI, a table backup). */
export function typeOfServiceRecoveryPoint(recoveryPointArn: string): string | undefined {
  return records.find((t) => t.arn.recoveryPoint?.test(recoveryPointArn))?.name;
}

/** The opt-in names a service-wide ARN (`arn:aws:<service>:*`) covers; undefined for a service not known. */
export function optInNamesOfService(service: string): string[] | undefined {
  const names = records.filter((t) => t.arn.service === service).map((t) => t.optInName);
  return names.length ? names : undefined;
}

/**
 * For tests only: the list replaced by `list` until the returned function is called (a test adds a
 * type, or leaves one out, and sees every feature follow).
 */
export function useResourceTypesForTest(list: readonly ResourceTypeRecord[]): () => void {
  const before = records;
  records = list;
  return () => {
    records = before;
  };
}

/** The built-in list, for tests that add to it. */
export function builtInResourceTypes(): readonly ResourceTypeRecord[] {
  return BUILT_IN;
}
