/**
 * The gate every restore passes before it starts, without `vscode`: the document is linted as the
 * editor lints it; any error, or a RestoreTime the account says is outside the point's window
 * (LIVE002), stops it. What passes is described in plain words for the confirmation.
 */
import { createHash } from 'node:crypto';
import { getNodeValue } from 'jsonc-parser';
import { messageOf } from '../aws/awsText';
import { lint } from '../lint/engine';
import { liveCheck, type LiveFacts } from '../lint/live';
import { parseDocument } from '../lint/jsonAst';
import { LineIndex } from '../lint/position';
import type { LintOptions, SeveritySetting } from '../lint/types';
import type { StartRequest } from './restoreRequest';
import { bothTimes } from './wizard';

export type { StartRequest };

export interface GateInput {
  text: string;
  fileName?: string;
  globs?: Readonly<Record<string, string>>;
  severity?: Readonly<Record<string, SeveritySetting>>;
  /** The account's facts for the Region of the request's recovery point; undefined when not connected. */
  factsFor?: (recoveryPointArn: string) => Promise<LiveFacts | undefined>;
  now?: Date;
}

export type GateResult =
  | { ok: true; request: StartRequest; notes: string[] }
  /** A bare restore-metadata file without errors: the point and role are still to be asked. */
  | { ok: 'needs-point'; metadata: Record<string, string> }
  | { ok: false; problems: string[] };

function where(index: LineIndex, offset: number): string {
  return `line ${index.position(offset).line + 1}`;
}

export async function checkBeforeStart(input: GateInput): Promise<GateResult> {
  const opts: LintOptions = {
    ...(input.now ? { now: input.now } : {}),
    ...(input.severity ? { severity: input.severity } : {}),
  };
  const result = lint({
    text: input.text,
    ...(input.fileName ? { fileName: input.fileName } : {}),
    ...(input.globs ? { globs: input.globs } : {}),
    ...opts,
  });
  const kind = result?.recognition.kind;
  if (!result || (kind !== 'start-restore-job' && kind !== 'restore-metadata'))
    return {
      ok: false,
      problems: [
        'This is not a start-restore-job document (aws backup start-restore-job --cli-input-json) or restore metadata (--metadata).',
      ],
    };
  const index = new LineIndex(input.text);
  const errors = result.findings.filter((f) => f.severity === 'error');
  if (errors.length)
    return {
      ok: false,
      problems: errors.map((f) => `${where(index, f.offset)}: ${f.message} (${f.code})`),
    };
  const value = getNodeValue(parseDocument(input.text).root!) as unknown;
  if (kind === 'restore-metadata') return { ok: 'needs-point', metadata: value as Record<string, string> };

  const request = value as StartRequest;
  const notes: string[] = [];
  const facts = await input.factsFor?.(request.RecoveryPointArn);
  if (facts) {
    try {
      const live = await liveCheck(input.text, result.recognition, facts);
      // LIVE002 stops the start whatever its configured severity: the service would fail the job.
      const outside = live.filter((f) => f.code === 'LIVE002');
      if (outside.length)
        return {
          ok: false,
          problems: outside.map((f) => `${where(index, f.offset)}: ${f.message} (LIVE002)`),
        };
    } catch (e) {
      notes.push(
        `The restorable window could not be checked against the account (${messageOf(e)}); the service checks it when the job runs.`,
      );
    }
  } else
    notes.push(
      'Not connected: the restorable window was not checked against the account; the service checks it.',
    );
  return { ok: true, request, notes };
}

/**
 * The IdempotencyToken a start sends: the document's own, else one derived from where the request
 * comes from and what it asks. The same request from the same file (a double click, a retry, a click
 * after a window reload) sends the same token, so the service starts one job; any change to the
 * request is a new one.
 */
export function idempotencyTokenFor(source: string, request: StartRequest): string {
  if (request.IdempotencyToken) return request.IdempotencyToken;
  const h = createHash('sha256').update(source).update('\0').update(JSON.stringify(request)).digest('hex');
  return [h.slice(0, 8), h.slice(8, 12), h.slice(12, 16), h.slice(16, 20), h.slice(20, 32)].join('-');
}

export interface PointFacts {
  resourceArn?: string;
  resourceName?: string;
  vault?: string;
  creationDate?: Date;
}

export interface Confirmation {
  message: string;
  detail: string;
}

const meta = (m: Record<string, string>, key: string): string | undefined =>
  Object.entries(m).find(([k]) => k.toLowerCase() === key.toLowerCase())?.[1];

/** What will happen, in plain words: resource, point in time (UTC and local), destination, role, notes. */
export function describeRestore(
  r: StartRequest,
  o: { point?: PointFacts; connection: string; timeZone?: string; notes?: string[] },
): Confirmation {
  const m = r.Metadata;
  const type = r.ResourceType ?? '';
  const name =
    o.point?.resourceName ?? o.point?.resourceArn?.split(/[:/]/).pop() ?? r.RecoveryPointArn.split(':').pop();
  const continuous = r.RecoveryPointArn.includes(':recovery-point:continuous:');
  const rawTime = meta(m, 'RestoreTime') ?? meta(m, 'restoreToTime');
  const time = rawTime ? new Date(rawTime) : undefined;
  const when =
    time && !Number.isNaN(time.getTime())
      ? bothTimes(time, o.timeZone)
      : continuous && meta(m, 'UseLatestRestorableTime') === 'true'
        ? 'the latest restorable time when the job runs'
        : o.point?.creationDate
          ? `the snapshot taken ${bothTimes(o.point.creationDate, o.timeZone)}`
          : 'the moment the recovery point was taken';

  const notes: string[] = [];
  let destination: string;
  if (type === 'S3') {
    const bucket = meta(m, 'DestinationBucketName') ?? '?';
    const created = meta(m, 'NewBucket') === 'true';
    destination = created ? `a new S3 bucket "${bucket}"` : `the S3 bucket "${bucket}"`;
    notes.push(
      'An S3 restore never overwrites: objects that already exist in the destination bucket are skipped.',
    );
    if (created) notes.push('The new bucket is billed from its creation.');
  } else if (type === 'RDS') {
    destination = `a new DB instance "${meta(m, 'DBInstanceIdentifier') ?? '?'}"`;
    notes.push(
      'The restore creates a new DB instance, billed from its creation; the source is left as it is.',
    );
  } else if (type === 'Aurora') {
    destination = `a new Aurora DB cluster "${meta(m, 'DBClusterIdentifier') ?? '?'}"`;
    notes.push(
      'An Aurora restore creates the cluster only, with no DB instances: add one (aws rds create-db-instance) before you connect.',
      'The new cluster is billed from its creation.',
    );
  } else if (type === 'SAP HANA on Amazon EC2') {
    destination = `the database ${meta(m, 'aws:backup:TargetDatabaseArn') ?? '?'}`;
    notes.push('A SAP HANA restore overwrites the target database.');
  } else {
    destination = 'the resource the restore metadata describes';
    notes.push('A restore into a new resource is billed from its creation.');
  }
  notes.push(...(o.notes ?? []));
  const lines = [
    `Resource: ${o.point?.resourceArn ?? name}${type ? ` (${type})` : ''}`,
    `From: ${continuous ? 'continuous backup' : 'recovery point'} ${r.RecoveryPointArn}${o.point?.vault ? ` in vault "${o.point.vault}"` : ''}`,
    `Point in time: ${when}`,
    `Destination: ${destination}`,
    `IAM role: ${r.IamRoleArn ?? '(none given: the service decides)'}`,
    `Account and Region: ${o.connection}`,
    '',
    ...notes.map((n) => `• ${n}`),
  ];
  return {
    message: `Restore ${name} to ${time && !Number.isNaN(time.getTime()) ? bothTimes(time, o.timeZone) : when.replace(/ when the job runs$/, '')}?`,
    detail: lines.join('\n'),
  };
}
