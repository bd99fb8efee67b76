/**
 * The restore request, built and checked without `vscode` (issue 5's step logic): the metadata from
 * GetRecoveryPointRestoreMetadata completed with the user's answers, the restore time parsed and
 * checked against the window, the `start-restore-job --cli-input-json` document, the exact AWS CLI
 * equivalent, and an IdempotencyToken so a retry never starts a second job.
 */
import { randomUUID } from 'node:crypto';
import { isIamRoleArn } from '../backup/arn';
import { resourceType } from '../backup/resourceTypes';
import { isRealDateTime, parseDateTimeFields, zonedToUtc } from '../backup/calendar';
import { checkRestoreTime, type RestorableWindow } from '../backup/restorableWindow';

export interface RestoreAnswers {
  /** 'latest' or a chosen second. */
  time: 'latest' | Date;
  /** S3: the destination bucket; RDS: the new DB instance identifier; Aurora: the new cluster identifier. */
  destination: string;
  iamRoleArn: string;
}

export interface RestoreRequestInput {
  recoveryPointArn: string;
  resourceType: string;
  /** From GetRecoveryPointRestoreMetadata. */
  restoreMetadata: Record<string, string>;
  window: RestorableWindow;
  answers: RestoreAnswers;
  idempotencyToken?: string;
  /**
   * S3: the restore creates the destination bucket (`NewBucket`; not in the CLI's documented list,
   * https://docs.aws.amazon.com/aws-backup/latest/devguide/restoring-s3.html#s3-restore-cli).
   */
  newBucket?: boolean;
}

/** StartRestoreJob's input as a start-restore-job document (`--cli-input-json`) carries it. */
export interface StartRequest {
  RecoveryPointArn: string;
  Metadata: Record<string, string>;
  IamRoleArn?: string;
  ResourceType?: string;
  IdempotencyToken?: string;
  CopySourceTagsToRestoredResource?: boolean;
}

export interface StartRestoreJobDocument {
  RecoveryPointArn: string;
  Metadata: Record<string, string>;
  IamRoleArn: string;
  ResourceType: string;
  IdempotencyToken: string;
}

/** ISO 8601 UTC to the second, as RestoreTime takes it: 2025-08-01T02:14:37Z. */
export const isoSeconds = (d: Date): string => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * Parses a restore time typed as ISO 8601 (with Z or an offset) or as local date and time
 * ("2025-08-01 02:14:37", read in `timeZone`, the user's by default). Seconds precision.
 */
export function parseRestoreTime(text: string, timeZone?: string): Date | { error: string } {
  const t = text.trim();
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i.test(t)) {
    const d = new Date(t);
    return Number.isNaN(d.getTime())
      ? { error: `"${t}" is not a real date and time.` }
      : new Date(Math.floor(d.getTime() / 1000) * 1000);
  }
  const f = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2})?$/.test(t) ? parseDateTimeFields(t) : undefined;
  if (!f)
    return {
      error: `"${t}" is neither ISO 8601 (2025-08-01T02:14:37Z) nor a local date and time (2025-08-01 02:14:37).`,
    };
  if (!isRealDateTime(f)) return { error: `"${t}" is not a real date and time.` };
  return zonedToUtc(f, timeZone);
}

function metadataFor(
  type: string,
  base: Record<string, string>,
  a: RestoreAnswers,
  newBucket: boolean,
): Record<string, string> {
  const m = { ...base };
  const time = a.time === 'latest' ? undefined : isoSeconds(a.time);
  // The destination's key and the time's, as the record per type says the type's restore takes them.
  const restore = resourceType(type)?.restore;
  switch (restore?.options) {
    case 's3':
      m[restore.destination!.key] = a.destination;
      // The restore-testing metadata and working restores use NewBucket
      // (https://docs.aws.amazon.com/aws-backup/latest/devguide/restore-testing-inferred-metadata.html).
      if (newBucket) m.NewBucket = 'true';
      else delete m.NewBucket;
      if (time) m.RestoreTime = time;
      else delete m.RestoreTime;
      return m;
    case 'db-instance':
      m[restore.destination!.key] = a.destination;
      delete m.RestoreTime;
      if (time) {
        m.RestoreTime = time;
        m.UseLatestRestorableTime = 'false';
      } else m.UseLatestRestorableTime = 'true';
      return m;
    case 'db-cluster': {
      const key = restore.destination!.key;
      const idKey = Object.keys(m).find((k) => k.toLowerCase() === key.toLowerCase()) ?? key;
      m[idKey] = a.destination;
      for (const k of Object.keys(m)) if (/^(restoretotime|restoretime)$/i.test(k)) delete m[k];
      if (time) {
        m.restoreToTime = time;
        delete m.UseLatestRestorableTime;
      } else m.UseLatestRestorableTime = 'true';
      return m;
    }
    default:
      if (time) m.RestoreTime = time;
      return m;
  }
}

/** The request, or what is wrong with the answers (nothing starts from a failed check). */
export function buildRestoreRequest(
  input: RestoreRequestInput,
): StartRestoreJobDocument | { errors: string[] } {
  const errors: string[] = [];
  const { answers: a, window: w } = input;
  if (a.time !== 'latest') {
    const ok = checkRestoreTime(w, a.time);
    if (!ok.ok) errors.push(ok.reason);
  } else if (w.kind === 'none') errors.push(w.reason);
  // S3 continuous restores need an explicit RestoreTime
  // (https://docs.aws.amazon.com/aws-backup/latest/devguide/restoring-s3.html#s3-restore-cli): "latest" is the window's end.
  const answers: RestoreAnswers =
    resourceType(input.resourceType)?.restore?.explicitTime && a.time === 'latest' && w.kind === 'continuous'
      ? { ...a, time: w.latest }
      : a;
  if (!isIamRoleArn(a.iamRoleArn)) errors.push(`"${a.iamRoleArn}" is not an IAM role ARN.`);
  if (resourceType(input.resourceType)?.restore?.destination && !a.destination.trim())
    errors.push('A destination is required.');
  if (errors.length) return { errors };
  return {
    RecoveryPointArn: input.recoveryPointArn,
    Metadata: metadataFor(input.resourceType, input.restoreMetadata, answers, input.newBucket === true),
    IamRoleArn: a.iamRoleArn,
    ResourceType: input.resourceType,
    IdempotencyToken: input.idempotencyToken ?? randomUUID(),
  };
}

/** Quotes a shell word for POSIX shells. */
function shellQuote(s: string): string {
  return /^[A-Za-z0-9_\-./:=@]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/** The exact AWS CLI equivalent of the request. */
export function cliEquivalent(
  doc: StartRequest,
  region?: string,
  profile?: string,
  endpoint?: string,
): string {
  const args = [
    'aws backup start-restore-job',
    `--recovery-point-arn ${shellQuote(doc.RecoveryPointArn)}`,
    ...(doc.IamRoleArn ? [`--iam-role-arn ${shellQuote(doc.IamRoleArn)}`] : []),
    ...(doc.ResourceType ? [`--resource-type ${shellQuote(doc.ResourceType)}`] : []),
    ...(doc.IdempotencyToken ? [`--idempotency-token ${shellQuote(doc.IdempotencyToken)}`] : []),
    ...(doc.CopySourceTagsToRestoredResource === true
      ? ['--copy-source-tags-to-restored-resource']
      : doc.CopySourceTagsToRestoredResource === false
        ? ['--no-copy-source-tags-to-restored-resource']
        : []),
    `--metadata ${shellQuote(JSON.stringify(doc.Metadata))}`,
    ...(region ? [`--region ${shellQuote(region)}`] : []),
    ...(profile ? [`--profile ${shellQuote(profile)}`] : []),
    ...(endpoint ? [`--endpoint-url ${shellQuote(endpoint)}`] : []),
  ];
  return args.join(' \\\n  ');
}
