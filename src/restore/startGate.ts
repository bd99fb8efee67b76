/**
 * The gate every restore passes before it starts, without `vscode`: the document is linted as the
 * editor lints it; any error, or a RestoreTime the account says is outside the point's window
 * (LIVE002), stops it. What passes is described in plain words for the confirmation.
 */
import { createHash } from 'node:crypto';
import { getNodeValue, type Node } from 'jsonc-parser';
import { accountOf, resourceTypeOfArn } from '../backup/arn';
import { resourceType, typeOfServiceRecoveryPoint } from '../backup/resourceTypes';
import { isContinuousRecoveryPointArn } from '../backup/recoveryPoint';
import { visible } from '../backup/text';
import { lintForSending, type LiveFacts, type LintResult } from '../lint';
import { parseDocument, properties, stringValue, valueOf } from '../lint/jsonAst';
import { LineIndex } from '../lint/position';
import { whereLine, type Confirmation } from '../ui/confirmation';
import type { StartRequest } from './restoreRequest';
import { bothTimes } from './wizard';
import { s3OptionWords } from './options/s3Checks';

export type { StartRequest };

/** The label of the button that starts a restore. */
const START_ACTION = 'Start Restore Job';

export interface GateInput {
  text: string;
  fileName?: string;
  globs?: Readonly<Record<string, string>>;
  /** The account's facts for the Region of the request's recovery point; undefined when not connected. */
  factsFor?: (recoveryPointArn: string) => Promise<LiveFacts | undefined>;
  now?: Date;
  /**
   * The editor's lint of this very text, when it is the lint the gate would run (see
   * editorLintForGate in starter.ts): reused instead of linting again.
   */
  lintResult?: LintResult;
}

export type GateResult =
  | { ok: true; request: StartRequest; notes: string[] }
  /** A bare restore-metadata file without errors: the point and role are still to be asked. */
  | { ok: 'needs-point'; metadata: Record<string, string> }
  | { ok: false; problems: string[] };

function where(index: LineIndex, offset: number): string {
  return `line ${index.position(offset).line + 1}`;
}

/**
 * Metadata keys that are the same key to a reader or to the service, whatever their case
 * (`destinationbucketname` and `DestinationBucketName`): both would be sent, and which one the
 * service reads is not documented, so the confirmation could not say where the data goes.
 */
function collidingKeys(meta: Node | undefined, index: LineIndex): string[] {
  const seen = new Map<string, { name: string; offset: number }>();
  const problems: string[] = [];
  for (const p of properties(meta)) {
    const lower = p.name.toLowerCase();
    const first = seen.get(lower);
    if (first)
      problems.push(
        `${where(index, p.key.offset)}: the Metadata keys ${JSON.stringify(first.name)} (${where(index, first.offset)}) and ${JSON.stringify(p.name)} are the same key in another case; both would be sent and the confirmation could not say which the restore uses. Keep one of them.`,
      );
    else seen.set(lower, { name: p.name, offset: p.key.offset });
  }
  return problems;
}

/** What a restore sends from: a start-restore-job input, or bare restore metadata (the point and role asked). */
const RESTORE_SEND = {
  kinds: ['start-restore-job', 'restore-metadata'] as const,
  what: 'a start-restore-job document (aws backup start-restore-job --cli-input-json) or restore metadata (--metadata)',
};

/**
 * The lint engine's one send gate, with the account's facts for the Region the document's recovery
 * point names: any error-severity finding, the document's own or the account's (LIVE002: a
 * RestoreTime outside the point's window), stops the start, whatever any setting says.
 */
export async function checkBeforeStart(input: GateInput): Promise<GateResult> {
  const { factsFor } = input;
  const checked = await lintForSending(
    {
      text: input.text,
      ...(input.fileName ? { fileName: input.fileName } : {}),
      ...(input.globs ? { globs: input.globs } : {}),
      ...(input.now ? { now: input.now } : {}),
      ...(input.lintResult ? { lintResult: input.lintResult } : {}),
      ...(factsFor ? { facts: () => factsFor(recoveryPointOf(input.text)) } : {}),
    },
    RESTORE_SEND,
  );
  if (!checked.ok) return checked;
  const index = new LineIndex(input.text);
  const root = parseDocument(input.text).root!;
  const colliding = collidingKeys(
    checked.kind === 'restore-metadata' ? root : valueOf(root, 'Metadata'),
    index,
  );
  if (colliding.length) return { ok: false, problems: colliding };
  const value = getNodeValue(root) as unknown;
  if (checked.kind === 'restore-metadata')
    return { ok: 'needs-point', metadata: value as Record<string, string> };
  const notes: string[] = [];
  const { live } = checked;
  if (!live.checked && live.reason === 'failed')
    notes.push(
      `The restorable window could not be checked against the account (${live.message}); the service checks it when the job runs.`,
    );
  else if (!live.checked)
    notes.push(
      'Not connected: the restorable window was not checked against the account; the service checks it.',
    );
  return { ok: true, request: value as StartRequest, notes };
}

/** The RecoveryPointArn a start-restore-job text names (empty when none): whose Region's facts to ask. */
function recoveryPointOf(text: string): string {
  const root = parseDocument(text).root;
  return stringValue(root ? valueOf(root, 'RecoveryPointArn') : undefined) ?? '';
}

/**
 * A confirmed start that could not be sent (still throttled after every retry, or its answer lost to
 * a reload), before it is sent again: never on its own. It expires after 24 hours (`expired`), or when
 * the gate no longer lets it through (its RestoreTime has left the window, the lag, 35 days); else the
 * same confirmation is to be asked again, saying when it was first confirmed.
 */
export async function checkBeforeResend(
  job: {
    label: string;
    startedAt: number;
    request?: StartRequest;
    /** As it was kept (kept before the button's label was: none). */
    confirmation?: Pick<Confirmation, 'message' | 'detail'>;
  },
  o: {
    expired: boolean;
    factsFor?: GateInput['factsFor'];
    now?: Date;
    timeZone?: string;
  },
): Promise<{ ok: true; confirmation: Confirmation } | { ok: false; reason: string }> {
  const confirmed = bothTimes(new Date(job.startedAt), o.timeZone);
  const forgotten = `The restore of ${job.label}, confirmed ${confirmed}, was not sent and is forgotten:`;
  if (!job.request || !job.confirmation)
    return { ok: false, reason: `${forgotten} it was kept without its confirmation. Start it again.` };
  if (o.expired)
    return {
      ok: false,
      reason: `${forgotten} more than 24 hours have passed. Start it again if you still want it.`,
    };
  const gate = await checkBeforeStart({
    text: JSON.stringify(job.request),
    ...(o.factsFor ? { factsFor: o.factsFor } : {}),
    ...(o.now ? { now: o.now } : {}),
  });
  if (gate.ok !== true)
    return {
      ok: false,
      reason: `${forgotten} ${gate.ok === false ? gate.problems.join(' ') : 'it is not a start-restore-job request.'}`,
    };
  return {
    ok: true,
    confirmation: {
      message: job.confirmation.message,
      action: START_ACTION,
      detail: `This restore was confirmed ${confirmed} but could not be sent. It is sent only if you confirm it again (with the same idempotency token: at most one job starts).\n\n${job.confirmation.detail}`,
    },
  };
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
  /** The recovery point's ResourceType as DescribeRecoveryPoint gives it. */
  resourceType?: string;
  vault?: string;
  creationDate?: Date;
}

/**
 * The resource type of a recovery point, from the account's description of it, else from its ARNs
 * (https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html).
 * An RDS cluster ARN is Aurora's, Neptune's or DocumentDB's alike, so it decides nothing.
 */
export function typeOfRecoveryPoint(recoveryPointArn: string, point?: PointFacts): string | undefined {
  if (point?.resourceType) return point.resourceType;
  const resource = point?.resourceArn;
  return (resource ? resourceTypeOfArn(resource) : undefined) ?? typeOfServiceRecoveryPoint(recoveryPointArn);
}

/** Keys whose values are never shown (the service's own metadata has none; a user's could). */
const SECRET_KEY = /pass(word|phrase)?$|password|secret|credential|private.?key|auth.?token/i;

/**
 * A value from a file or from AWS as inert text: quoted (JSON escapes the quote, the backslash and
 * the C0 controls), and every other control and invisible character escaped by the one sanitiser.
 */
export function shownValue(v: unknown): string {
  return visible(JSON.stringify(typeof v === 'string' ? v : String(v)) ?? '""');
}

/** A name from a file or from AWS on one line, with no character that hides or reorders text. */
const oneLine = (v: string): string => shownValue(v).slice(1, -1);

const meta = (m: Record<string, string>, key: string): string | undefined =>
  Object.entries(m).find(([k]) => k.toLowerCase() === key.toLowerCase())?.[1];

function destinationSummary(type: string | undefined, m: Record<string, string>): string {
  const named = (key: string): string => {
    const v = meta(m, key);
    return v === undefined ? `(no ${key} is sent)` : shownValue(v);
  };
  return (
    resourceType(type)?.restore?.destinationSummary?.(named, (key) => meta(m, key)) ??
    'decided by the metadata below, every value of which is sent'
  );
}

/** Every metadata key and value sent, those that decide the destination first; secrets masked. */
function metadataLines(type: string | undefined, m: Record<string, string>): string[] {
  const decisive = (resourceType(type)?.restore?.destinationKeys ?? []).map((k) => k.toLowerCase());
  const line = ([k, v]: [string, string]): string =>
    `    ${oneLine(k)}: ${SECRET_KEY.test(k) ? '(set; not shown)' : shownValue(v)}`;
  const entries = Object.entries(m);
  const first = entries.filter(([k]) => decisive.includes(k.toLowerCase()));
  const rest = entries.filter(([k]) => !decisive.includes(k.toLowerCase()));
  return [
    ...(first.length ? ['  Where it goes (sent in Metadata):', ...first.map(line)] : []),
    ...(rest.length
      ? [first.length ? '  Also sent in Metadata:' : '  Sent in Metadata:', ...rest.map(line)]
      : []),
    ...(entries.length ? [] : ['  (no Metadata is sent)']),
  ];
}

/**
 * What will happen, in plain words: resource, point in time (UTC and local), destination with every
 * metadata value that is sent, role, notes. The resource type is the recovery point's (as the account
 * describes it, else as its ARN says), not the document's: a document without ResourceType, or with
 * a wrong one, must not change what the confirmation says about where the data goes.
 */
export function describeRestore(
  r: StartRequest,
  o: { point?: PointFacts; connection: string; timeZone?: string; notes?: string[] },
): Confirmation {
  const m = r.Metadata;
  const pointType = typeOfRecoveryPoint(r.RecoveryPointArn, o.point);
  const type = pointType ?? r.ResourceType;
  const name = oneLine(
    o.point?.resourceName ??
      o.point?.resourceArn?.split(/[:/]/).pop() ??
      r.RecoveryPointArn.split(':').pop() ??
      '',
  );
  const continuous = isContinuousRecoveryPointArn(r.RecoveryPointArn);
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
  if (pointType && r.ResourceType && r.ResourceType !== pointType)
    notes.push(
      `The document's ResourceType ${shownValue(r.ResourceType)} is not the recovery point's type (${pointType}): the service is likely to refuse the job.`,
    );
  if (!type)
    notes.push(
      'The resource type is not known: check every metadata value above, each one is sent as shown.',
    );
  const typeNotes = resourceType(type)?.restore?.notes?.((key) => meta(m, key));
  if (typeNotes) for (const n of typeNotes) notes.push(n);
  else notes.push('A restore into a new resource is billed from its creation.');
  for (const n of o.notes ?? []) notes.push(n);
  const typeText = pointType
    ? ` (${pointType}${r.ResourceType ? '' : ', from the recovery point'})`
    : r.ResourceType
      ? ` (${oneLine(r.ResourceType)}, as the document says)`
      : ' (type unknown)';
  const lines = [
    `Resource: ${oneLine(o.point?.resourceArn ?? name)}${typeText}`,
    `From: ${continuous ? 'continuous backup' : 'recovery point'} ${oneLine(r.RecoveryPointArn)}${o.point?.vault ? ` in vault ${shownValue(o.point.vault)}` : ''}`,
    `Point in time: ${when}`,
    `Destination: ${destinationSummary(type, m)}`,
    ...(resourceType(type)?.restore?.options === 's3' ? s3OptionWords(m, shownValue) : []),
    ...metadataLines(type, m),
    `IAM role: ${r.IamRoleArn !== undefined ? oneLine(r.IamRoleArn) : '(none given: the service decides)'}`,
    // The account the recovery point lives in, from its ARN: the restore is made there.
    whereLine({ connection: o.connection, accountId: accountOf(r.RecoveryPointArn)?.accountId ?? '' }),
    '',
    ...notes.map((n) => `• ${n}`),
  ];
  return {
    message: `Restore ${name} to ${time && !Number.isNaN(time.getTime()) ? bothTimes(time, o.timeZone) : when.replace(/ when the job runs$/, '')}?`,
    detail: lines.join('\n'),
    action: START_ACTION,
  };
}
