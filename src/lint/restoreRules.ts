import { getNodeValue, type Node } from 'jsonc-parser';
import type { RuleContext } from './context';
import { objectAnchor, properties, span, stringValue } from './jsonAst';
import {
  findMetadataKey,
  findMetadataKeyIgnoringCase,
  metadataKeysOf,
  type MetadataKey,
} from './metadataKeys';
import { changeTo, renameTo } from './fixes';
import { didYouMean } from './suggest';
import { isRealDateTime, parseDateTimeFields } from '../backup/calendar';
import {
  CONTINUOUS_MAX_RETENTION_DAYS as PITR_MAX_DAYS,
  resourceType as recordOf,
  restoreLagMinutes,
  S3,
} from '../backup/resourceTypes';
import type { MetadataResourceType } from './types';

const MINUTE = 60_000;
const DAY = 86_400_000;
// PITR goes back at most the continuous retention maximum, and not past the restore lag (the limits,
// with AWS's pages, are in the record per type, ../backup/resourceTypes). Types without a documented lag: no lag check.

export const ISO_UTC =
  /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,9})?Z$/;

export interface MetadataContext {
  resourceType: MetadataResourceType;
  /** True when the recovery point is known to be continuous (start-restore-job with a continuous ARN). */
  continuous?: boolean;
}

/** The property for a documented key, whatever its case (a case slip is RST006's, not a missing key). */
function get(meta: Node, key: string): { key: Node; value: Node | undefined; name: string } | undefined {
  const lower = key.toLowerCase();
  let found: { key: Node; value: Node | undefined; name: string } | undefined;
  for (const p of properties(meta)) if (p.name.toLowerCase() === lower) found = p;
  return found;
}

export function lintMetadata(meta: Node | undefined, ctx: RuleContext, mctx: MetadataContext): void {
  if (meta?.type !== 'object') return;
  const { resourceType } = mctx;
  const props = properties(meta);

  // RST001: every value is a string; lists and objects are JSON encoded inside the string.
  for (const p of props) {
    const v = p.value;
    if (!v || v.type === 'string') continue;
    const raw: unknown = getNodeValue(v);
    const asString = v.type === 'object' || v.type === 'array' ? JSON.stringify(raw) : String(raw);
    ctx.report(
      'RST001',
      v,
      `Restore metadata values must be strings: "${p.name}" is ${v.type === 'array' ? 'an array' : `a ${v.type}`}. Write ${JSON.stringify(asString)}${v.type === 'object' || v.type === 'array' ? ' (lists and objects are JSON encoded as a string)' : ''}.`,
      [
        {
          title: `Quote as ${JSON.stringify(asString).slice(0, 60)}`,
          edits: [{ ...span(v), newText: JSON.stringify(asString) }],
          isPreferred: true,
        },
      ],
    );
  }

  // RST006: keys the type does not know.
  if (resourceType !== 'generic') {
    const known = metadataKeysOf(resourceType).map((k) => k.key);
    for (const p of props) {
      if (findMetadataKey(resourceType, p.name)) continue;
      const caseSlip = findMetadataKeyIgnoringCase(resourceType, p.name);
      if (caseSlip) {
        ctx.report(
          'RST006',
          p.key,
          `"${p.name}" differs in case from the documented key "${caseSlip.key}". AWS documents case-insensitive keys only for restore testing: spell it as documented.`,
          renameTo(p.key, caseSlip.key),
        );
        continue;
      }
      const suggestion = didYouMean(p.name, known);
      ctx.report(
        'RST006',
        p.key,
        `"${p.name}" is not a restore metadata key for ${resourceType}.${suggestion ? ` Did you mean "${suggestion}"?` : ' The restore ignores or rejects it.'}`,
        renameTo(p.key, suggestion),
      );
    }
    // RST005: required keys; some only for a point-in-time restore (RDS's Engine, see metadataKeys.ts).
    const pointInTime =
      mctx.continuous === true ||
      get(meta, 'RestoreTime') !== undefined ||
      get(meta, 'UseLatestRestorableTime') !== undefined;
    for (const k of metadataKeysOf(resourceType)) {
      if (get(meta, k.key)) continue;
      if (k.required)
        ctx.report(
          'RST005',
          objectAnchor(meta),
          `${resourceType} restore metadata needs "${k.key}": ${k.doc}`,
        );
      else if (k.requiredForPointInTime && pointInTime)
        ctx.report(
          'RST005',
          objectAnchor(meta),
          `A point-in-time ${resourceType} restore needs "${k.key}": ${k.doc}`,
        );
    }
    // RST012: a documented key (however its case slipped) whose value is not one AWS documents for it.
    for (const p of props) {
      const k = findMetadataKey(resourceType, p.name) ?? findMetadataKeyIgnoringCase(resourceType, p.name);
      if (k && p.value && !CHECKED_ELSEWHERE.has(k.key)) lintDocumentedValue(k, p.name, p.value, ctx);
    }
  }

  const restore = recordOf(resourceType)?.restore;
  const timeProp =
    get(meta, 'RestoreTime') ??
    (restore?.options === 'db-cluster' || resourceType === 'generic'
      ? get(meta, 'restoreToTime')
      : undefined);
  if (restore?.explicitTime && mctx.continuous && !timeProp)
    ctx.report(
      'RST005',
      objectAnchor(meta),
      `Restoring a continuous ${resourceType} recovery point needs "RestoreTime", the second to restore to (ISO 8601 UTC).`,
    );
  if (timeProp?.value) lintRestoreTime(timeProp.name, timeProp.value, ctx, resourceType);

  const db = restore?.options === 'db-instance' || restore?.options === 'db-cluster';
  if (db) {
    const latest = get(meta, 'UseLatestRestorableTime');
    const latestValue = stringValue(latest?.value)?.toLowerCase();
    if (latest && latestValue === 'true' && timeProp)
      ctx.report(
        'RST004',
        latest.key,
        `UseLatestRestorableTime is "true" and ${timeProp.name} is given: ${resourceType} accepts one or the other. Remove one of them.`,
      );
    if (latest && latestValue === 'false' && !timeProp)
      ctx.report(
        'RST004',
        latest.key,
        'UseLatestRestorableTime is "false" but no RestoreTime says which second to restore to. Add "RestoreTime" (ISO 8601 UTC) or set UseLatestRestorableTime to "true".',
      );
  }

  if (restore?.options === 's3') lintS3(meta, ctx);
  if (restore?.options === 'db-instance')
    lintDbIdentifier(get(meta, restore.destination!.key)?.value, 'DB instance identifier', ctx);
  if (restore?.options === 'db-cluster') {
    const id = get(meta, restore.destination!.key);
    lintDbIdentifier(id?.value, 'DB cluster identifier', ctx);
    ctx.report(
      'RST011',
      id?.key ?? objectAnchor(meta),
      `An ${resourceType} restore creates the DB cluster only, with no DB instances: add one with "aws rds create-db-instance --db-cluster-identifier …" before connecting.`,
    );
  }
}

const BOOLEAN_VALUES: ReadonlySet<string> = new Set(['true', 'false']);

/** Keys whose values another rule checks with its own message (RST007: EncryptionType). */
const CHECKED_ELSEWHERE: ReadonlySet<string> = new Set(['EncryptionType']);

/**
 * RST012: a value outside the documented list (`values` in metadataKeys.ts, each from the type's
 * restore page). "true"/"false" are taken in any case: AWS's pages write both "true" and "TRUE"
 * (restoring-s3.html: RestoreACLs "set to TRUE").
 */
function lintDocumentedValue(k: MetadataKey, written: string, node: Node, ctx: RuleContext): void {
  const values: readonly string[] | undefined = k.values;
  const value = stringValue(node);
  if (!values || value === undefined) return; // Not a string: RST001 has it.
  const boolean = values.length > 0 && values.every((v) => BOOLEAN_VALUES.has(v));
  if (values.includes(value) || (boolean && BOOLEAN_VALUES.has(value.toLowerCase()))) return;
  const suggestion = didYouMean(value, values);
  const name = written === k.key ? `"${k.key}"` : `"${written}" (the key "${k.key}")`;
  ctx.report(
    'RST012',
    node,
    `${name} is "${value}", not one of the values AWS documents for it: ${values.map((v) => `"${v}"`).join(', ')}.${suggestion ? ` Did you mean "${suggestion}"?` : ''}`,
    changeTo(node, suggestion),
  );
}

/** ISO 8601 UTC with a real calendar date (Date.parse would roll 2025-02-30 over to March). */
export function isIsoUtc(value: string): boolean {
  if (!ISO_UTC.test(value)) return false;
  const t = Date.parse(value);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 19) === value.slice(0, 19);
}

/** True when the date and time fields name a real moment (no 30 February, no hour 24). */
function realCalendarFields(v: string): boolean {
  const f = parseDateTimeFields(v);
  return f !== undefined && isRealDateTime(f);
}

/** Converts a time AWS would reject to ISO 8601 UTC, where the meaning is certain. */
export function toIsoUtc(value: string): string | undefined {
  const v = value.trim();
  let ms: number | undefined;
  if (/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([zZ]|[+-]\d{2}:?\d{2})$/.test(v)) {
    if (!realCalendarFields(v)) return undefined;
    ms = Date.parse(
      v
        .replace(' ', 'T')
        .replace(/z$/, 'Z')
        .replace(/([+-]\d{2})(\d{2})$/, '$1:$2'),
    );
  } else if (/^\d{10}$/.test(v))
    ms = Number(v) * 1000; // epoch seconds
  else if (/^\d{13}$/.test(v)) ms = Number(v); // epoch milliseconds
  if (ms === undefined || Number.isNaN(ms)) return undefined;
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

function lintRestoreTime(name: string, node: Node, ctx: RuleContext, type: MetadataResourceType): void {
  const value = stringValue(node);
  if (value === undefined) return; // RST001 has it.
  if (!isIsoUtc(value)) {
    const fixed = toIsoUtc(value);
    ctx.report(
      'RST002',
      node,
      `${name} "${value}" is not ISO 8601 UTC. Write it as "YYYY-MM-DDThh:mm:ssZ"${fixed ? `: "${fixed}"` : ', e.g. "2025-08-01T11:30:27Z"'}.`,
      changeTo(node, fixed),
    );
    return;
  }
  const t = Date.parse(value);
  const now = ctx.now.getTime();
  const lag = restoreLagMinutes(type);
  const nowIso = ctx.now.toISOString().replace(/\.\d{3}Z$/, 'Z');
  if (t > now) {
    ctx.report(
      'RST003',
      node,
      `${name} ${value} is in the future (now is ${nowIso}). Pick a time in the past.`,
    );
  } else if (t < now - PITR_MAX_DAYS * DAY) {
    ctx.report(
      'RST003',
      node,
      `${name} ${value} is more than ${PITR_MAX_DAYS} days back (now is ${nowIso}): continuous backups keep at most ${PITR_MAX_DAYS} days. Pick a later time, or restore from a snapshot.`,
    );
  } else if (lag !== undefined && t > now - lag * MINUTE) {
    const latest = new Date(now - lag * MINUTE).toISOString().replace(/\.\d{3}Z$/, 'Z');
    ctx.report(
      'RST003',
      node,
      `${name} ${value} is inside the ${type} restore lag: ${type} restores reach only ${lag} minutes back from now, so the latest restorable time is about ${latest}.`,
    );
  }
}

/** S3 bucket naming rules: https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html */
export function bucketNameProblem(name: string): string | undefined {
  if (name.length < 3 || name.length > 63) return 'must be 3 to 63 characters long';
  if (!/^[a-z0-9.-]+$/.test(name)) return 'may contain only lowercase letters, digits, dots and hyphens';
  if (!/^[a-z0-9].*[a-z0-9]$/.test(name)) return 'must begin and end with a letter or digit';
  if (name.includes('..')) return 'must not contain two adjacent dots';
  if (/^\d+\.\d+\.\d+\.\d+$/.test(name)) return 'must not be formatted as an IP address';
  if (/^(xn--|sthree-|amzn-s3-demo-)/.test(name))
    return 'must not start with "xn--", "sthree-" or "amzn-s3-demo-"';
  if (/(-s3alias|--ol-s3|\.mrap|--x-s3|--table-s3)$/.test(name))
    return `must not end with a suffix ${S3.name} reserves (-s3alias, --ol-s3, .mrap, --x-s3, --table-s3)`;
  return undefined;
}

/** RDS identifiers: 1–63 letters, digits or hyphens; a letter first; no trailing or double hyphen. */
export function dbIdentifierProblem(id: string): string | undefined {
  if (id.length < 1 || id.length > 63) return 'must be 1 to 63 characters long';
  if (!/^[A-Za-z0-9-]+$/.test(id)) return 'may contain only letters, digits and hyphens';
  if (!/^[A-Za-z]/.test(id)) return 'must begin with a letter';
  if (id.endsWith('-') || id.includes('--'))
    return 'must not end with a hyphen or contain two consecutive hyphens';
  return undefined;
}

function lintDbIdentifier(node: Node | undefined, what: string, ctx: RuleContext): void {
  const id = stringValue(node);
  if (!node || id === undefined) return;
  const problem = dbIdentifierProblem(id);
  if (problem)
    ctx.report(
      'RST009',
      node,
      `"${id}" is not a valid ${what}: it ${problem}. The restore creates a new resource under this name.`,
    );
}

const ENCRYPTION_TYPES = ['original', 'SSE-S3', 'SSE-KMS'];

function lintS3(meta: Node, ctx: RuleContext): void {
  const bucket = get(meta, 'DestinationBucketName');
  const bucketName = stringValue(bucket?.value);
  if (bucket?.value && bucketName !== undefined) {
    const problem = bucketNameProblem(bucketName);
    if (problem)
      ctx.report(
        'RST009',
        bucket.value,
        `"${bucketName}" is not a valid ${S3.name} bucket name: it ${problem}.`,
      );
  }
  // Said only where it applies: a restore that creates its bucket (NewBucket "true") has nothing to skip.
  const newBucket = stringValue(get(meta, 'NewBucket')?.value)?.toLowerCase() === 'true';
  if (!newBucket)
    ctx.report(
      'RST010',
      bucket?.key ?? objectAnchor(meta),
      `An ${S3.name} restore never overwrites: objects that already exist in the destination bucket are skipped. Restore into an empty or new bucket to get the backup as it was.`,
    );

  const enc = get(meta, 'EncryptionType');
  const encValue = stringValue(enc?.value);
  const kms = get(meta, 'KMSKey');
  if (enc?.value && encValue !== undefined && !ENCRYPTION_TYPES.includes(encValue)) {
    const suggestion = didYouMean(encValue, ENCRYPTION_TYPES);
    ctx.report(
      'RST007',
      enc.value,
      `EncryptionType "${encValue}" is not one of "original", "SSE-S3", "SSE-KMS".${suggestion ? ` Did you mean "${suggestion}"?` : ''}`,
      changeTo(enc.value, suggestion),
    );
  } else if (encValue === 'SSE-KMS' && !kms && enc) {
    ctx.report(
      'RST007',
      enc.value ?? enc.key,
      'EncryptionType "SSE-KMS" needs "KMSKey", the ARN of the KMS key to encrypt the restored objects with.',
    );
  }
  if (kms && encValue !== 'SSE-KMS') {
    ctx.report(
      'RST007',
      kms.key,
      `KMSKey is used only with EncryptionType "SSE-KMS"${encValue ? `, not "${encValue}"` : ''}. Set EncryptionType to "SSE-KMS" or remove KMSKey.`,
    );
  }

  const items = get(meta, 'ItemsToRestore');
  const itemsValue = stringValue(items?.value);
  if (items?.value && itemsValue !== undefined) {
    const problem = itemsProblem(itemsValue);
    if (problem)
      ctx.report(
        'RST008',
        items.value,
        `ItemsToRestore ${problem}. Write a JSON array as a string, e.g. "[\\"s3://bucket/path/object\\"]".`,
      );
  }
}

function itemsProblem(value: string): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return 'is not a JSON array';
  }
  if (!Array.isArray(parsed)) return 'is not a JSON array';
  if (parsed.length === 0) return 'is empty';
  if (parsed.length > 5) return `lists ${parsed.length} items; an item-level restore takes at most five`;
  const bad: unknown = (parsed as unknown[]).find(
    (p) => typeof p !== 'string' || !/^s3:\/\/[^/]+\/.+/.test(p),
  );
  if (bad !== undefined) return `has ${JSON.stringify(bad)}, which is not an "s3://bucket/key" URI`;
  return undefined;
}
