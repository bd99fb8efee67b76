/**
 * The emulator's restore jobs and its backup job listing (copy jobs: ./copy.ts). Behaviour follows AWS's documentation and the service model; where no service message is recorded
 * (marked "emulator's wording"), the text is ours.
 */
import { invalid, invalidRequest, notFound } from '../errors';
import { UNVERSIONED_BUCKETS } from '../seed';
import type { RecoveryPoint, RestoreJob } from '../state';
import {
  type Handler,
  type HandlerContext,
  MINUTE,
  inRange,
  isContinuous,
  page,
  restorableWindow,
} from './common';
import { AURORA, RDS, S3 } from '../../backup/resourceTypes';

// ---- restore jobs ----------------------------------------------------------------------------

export function restoreJobView(j: RestoreJob, now: Date): Record<string, unknown> {
  const elapsed = now.getTime() - j.CreationDate.getTime();
  const pendingFor = j.durationMs * 0.1;
  const done = elapsed >= j.durationMs;
  const status = done ? j.outcome.status : elapsed < pendingFor ? 'PENDING' : 'RUNNING';
  const pct = done
    ? 100
    : elapsed < pendingFor
      ? 0
      : Math.floor(((elapsed - pendingFor) / (j.durationMs - pendingFor)) * 100);
  const { durationMs: _d, outcome, metadata: _m, idempotencyToken: _t, testing, ...api } = j;
  void _d;
  void _m;
  void _t;
  return {
    ...api,
    // A restore test's validation and clean-up follow its restore (handlers/restoreTesting.ts).
    ...(done && testing ? testing : {}),
    Status: status,
    PercentDone: `${pct.toFixed(2)}%`,
    ExpectedCompletionTimeMinutes: Math.max(1, Math.ceil(j.durationMs / MINUTE)),
    ...(done ? { CompletionDate: new Date(j.CreationDate.getTime() + j.durationMs) } : {}),
    ...(done && outcome.status === 'COMPLETED' ? { CreatedResourceArn: outcome.createdResourceArn } : {}),
    ...(done && outcome.status === 'FAILED' ? { StatusMessage: outcome.message } : {}),
  };
}

function isoOk(v: string | undefined): Date | undefined {
  if (v === undefined || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(v)) return undefined;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/**
 * An S3 restore's options, refused as the service refuses them before a job starts
 * (https://docs.aws.amazon.com/aws-backup/latest/devguide/restoring-s3.html, "Restore Amazon S3
 * recovery points through AWS CLI"): EncryptionType "original", "SSE-S3" or "SSE-KMS"; KMSKey with
 * SSE-KMS only, and a KMS key ARN or alias; ItemsToRestore a JSON array (as a string) of one to five
 * s3:// URIs of the backed-up bucket. The service's messages for these cases are NOT FOUND in AWS's
 * documentation: every message here is the emulator's wording. Returns the items of an item-level
 * restore (undefined: the whole bucket).
 */
function checkS3Options(p: RecoveryPoint, get: (k: string) => string | undefined): string[] | undefined {
  const enc = get('EncryptionType');
  const key = get('KMSKey');
  if (enc !== undefined && !['original', 'SSE-S3', 'SSE-KMS'].includes(enc))
    throw invalid(`Invalid EncryptionType ${enc}: use original, SSE-S3 or SSE-KMS.`); // emulator's wording
  if (enc === 'SSE-KMS' && !key) throw invalid('KMSKey is required when EncryptionType is SSE-KMS.'); // emulator's wording
  if (key !== undefined && enc !== 'SSE-KMS')
    throw invalid('KMSKey can be given only when EncryptionType is SSE-KMS.'); // emulator's wording
  if (
    key !== undefined &&
    !/^(arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:(key\/[0-9a-z-]+|alias\/[a-zA-Z0-9/_-]+)|alias\/[a-zA-Z0-9/_-]+)$/.test(
      key,
    )
  )
    throw invalid(`KMSKey ${key} is not a KMS key ARN or alias.`); // emulator's wording
  const raw = get('ItemsToRestore');
  if (raw === undefined) return undefined;
  let items: unknown;
  try {
    items = JSON.parse(raw);
  } catch {
    items = undefined;
  }
  if (!Array.isArray(items) || items.length === 0 || items.some((i) => typeof i !== 'string'))
    throw invalid(`ItemsToRestore must be a JSON array of one to five ${S3.name} URIs.`); // emulator's wording
  if (items.length > 5)
    throw invalid(`ItemsToRestore lists ${items.length} items; at most 5 can be restored in one job.`); // emulator's wording
  const bucket = p.ResourceArn.replace(/^arn:aws[a-z-]*:s3:::/, '');
  const foreign = (items as string[]).find(
    (i) => !i.startsWith(`s3://${bucket}/`) || i.length === `s3://${bucket}/`.length,
  );
  if (foreign !== undefined)
    throw invalid(
      `ItemsToRestore item ${foreign} is not an object or prefix of the backed-up bucket ${bucket}.`,
    ); // emulator's wording
  return items as string[];
}

function planRestore(
  ctx: HandlerContext,
  p: RecoveryPoint,
  meta: Record<string, string>,
  type: string,
): RestoreJob['outcome'] {
  const get = (k: string): string | undefined =>
    Object.entries(meta).find(([key]) => key.toLowerCase() === k.toLowerCase())?.[1];
  if (isContinuous(p)) {
    const w = restorableWindow(p, ctx.now)!;
    const latestFlag = get('UseLatestRestorableTime') === 'true';
    const raw = get('RestoreTime') ?? get('restoreToTime');
    if (!latestFlag || raw !== undefined) {
      const t = isoOk(raw);
      if (raw !== undefined && !t) throw invalid(`RestoreTime ${raw} is not a valid ISO 8601 UTC timestamp.`); // emulator's wording
      if (t && (t < w.earliest || t > w.latest))
        // The service's text for this case is NOT FOUND in AWS's docs: emulator's wording.
        return {
          status: 'FAILED',
          message: `The requested restore time ${raw} is outside the restorable window ${w.earliest.toISOString()} to ${w.latest.toISOString()}.`,
        };
      if (!t && type === S3.name)
        throw invalid(`RestoreTime is required to restore a continuous Amazon ${S3.name} recovery point.`); // emulator's wording
    }
  }
  if (type === S3.name) {
    const bucket = get('DestinationBucketName');
    if (!bucket) throw invalid('Missing required restore metadata key DestinationBucketName.'); // emulator's wording
    const items = checkS3Options(p, get);
    if (UNVERSIONED_BUCKETS.has(bucket))
      return {
        status: 'FAILED',
        message: `Destination bucket ${bucket} does not have versioning enabled. Amazon ${S3.name} restores require versioning on the destination bucket.`,
      };
    return {
      status: 'COMPLETED',
      createdResourceArn: `arn:aws:s3:::${bucket}`,
      ...(items ? { restoredItems: items } : {}),
    };
  }
  if (type === RDS.name) {
    const id = get('DBInstanceIdentifier');
    if (!id) throw invalid('Missing required restore metadata key DBInstanceIdentifier.'); // emulator's wording
    if (id === p.ResourceName || id === p.restoreMetadata.DBInstanceIdentifier)
      return { status: 'FAILED', message: `DBInstanceAlreadyExists: DB instance ${id} already exists.` };
    return { status: 'COMPLETED', createdResourceArn: ctx.state.arn('rds', `db:${id}`) };
  }
  if (type === AURORA.name) {
    const id = get('dbClusterIdentifier');
    if (!id) throw invalid('Missing required restore metadata key dbClusterIdentifier.'); // emulator's wording
    if (id === p.ResourceName)
      return { status: 'FAILED', message: `DBClusterAlreadyExistsFault: DB cluster ${id} already exists.` };
    return { status: 'COMPLETED', createdResourceArn: ctx.state.arn('rds', `cluster:${id}`) };
  }
  return { status: 'COMPLETED', createdResourceArn: `${p.ResourceArn}-restored` };
}

export const RESTORE_HANDLERS: Record<string, Handler> = {
  StartRestoreJob(input, ctx) {
    const token = input.IdempotencyToken as string | undefined;
    if (token) {
      const same = [...ctx.state.restoreJobs.values()].find((j) => j.idempotencyToken === token);
      if (same) return { RestoreJobId: same.RestoreJobId };
    }
    const p = ctx.state.recoveryPoints.get(String(input.RecoveryPointArn));
    if (!p) throw notFound(`Recovery point ${String(input.RecoveryPointArn)} was not found.`); // emulator's wording
    if (p.Status !== 'COMPLETED' && p.Status !== 'AVAILABLE' && p.Status !== 'STOPPED')
      throw invalidRequest(`Recovery point ${p.RecoveryPointArn} is ${p.Status} and cannot be restored.`); // emulator's wording
    const type = (input.ResourceType as string | undefined) ?? p.ResourceType;
    const meta = input.Metadata as Record<string, string>;
    const outcome = planRestore(ctx, p, meta, type);
    const id = ctx.state.id('restore');
    ctx.state.restoreJobs.set(id, {
      AccountId: ctx.state.accountId,
      RestoreJobId: id,
      RecoveryPointArn: p.RecoveryPointArn,
      SourceResourceArn: p.ResourceArn,
      BackupVaultArn: p.BackupVaultArn,
      CreationDate: ctx.now,
      IamRoleArn: input.IamRoleArn as string | undefined,
      ResourceType: type,
      RecoveryPointCreationDate: p.CreationDate,
      BackupSizeInBytes: p.BackupSizeInBytes,
      durationMs: ctx.restoreJobDurationMs,
      outcome,
      metadata: meta,
      idempotencyToken: token,
    });
    p.LastRestoreTime = ctx.now;
    return { RestoreJobId: id };
  },
  DescribeRestoreJob(input, ctx) {
    const j = ctx.state.restoreJobs.get(String(input.RestoreJobId));
    if (!j) throw notFound(`Restore job ${String(input.RestoreJobId)} was not found.`); // emulator's wording
    return restoreJobView(j, ctx.now);
  },
  ListRestoreJobs(input, ctx) {
    const jobs = [...ctx.state.restoreJobs.values()]
      .map((j) => restoreJobView(j, ctx.now))
      .filter(
        (j) =>
          (input.ByStatus === undefined || j.Status === input.ByStatus) &&
          (input.ByResourceType === undefined || j.ResourceType === input.ByResourceType) &&
          (input.ByRestoreTestingPlanArn === undefined ||
            (j.CreatedBy as { RestoreTestingPlanArn?: string } | undefined)?.RestoreTestingPlanArn ===
              input.ByRestoreTestingPlanArn) &&
          inRange(j.CreationDate as Date, input.ByCreatedAfter, input.ByCreatedBefore) &&
          (input.ByCompleteAfter === undefined && input.ByCompleteBefore === undefined
            ? true
            : inRange(j.CompletionDate as Date | undefined, input.ByCompleteAfter, input.ByCompleteBefore)),
      )
      .sort((a, b) => (b.CreationDate as Date).getTime() - (a.CreationDate as Date).getTime());
    return page(
      jobs,
      input,
      `restore-jobs:${String(input.ByStatus)}:${String(input.ByResourceType)}:${String(input.ByRestoreTestingPlanArn)}`,
      'RestoreJobs',
    );
  },
  ListBackupJobs(input, ctx) {
    const jobs = ctx.state.backupJobs.filter(
      (j) =>
        (input.ByResourceArn === undefined || j.ResourceArn === input.ByResourceArn) &&
        (input.ByState === undefined || j.State === input.ByState) &&
        (input.ByBackupVaultName === undefined || j.BackupVaultName === input.ByBackupVaultName) &&
        (input.ByResourceType === undefined || j.ResourceType === input.ByResourceType) &&
        inRange(j.CreationDate, input.ByCreatedAfter, input.ByCreatedBefore),
    );
    return page(
      jobs,
      input,
      `backup-jobs:${String(input.ByState)}:${String(input.ByBackupVaultName)}`,
      'BackupJobs',
    );
  },
};
