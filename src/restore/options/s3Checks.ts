/**
 * The S3 restore options, checked as the person types and said back in plain words: the items of an
 * item-level restore, the encryption key, and what the confirmation says about items, encryption and
 * ACLs. Keys and values from https://docs.aws.amazon.com/aws-backup/latest/devguide/restoring-s3.html
 * (section "Restore Amazon S3 recovery points through AWS CLI"): `ItemsToRestore` "a list of up to
 * five paths of individual objects to restore", a JSON array as a string like every list in restore
 * metadata; `EncryptionType` "original", "SSE-S3" or "SSE-KMS"; `KMSKey` "only needed if encryption
 * is SSE-KMS"; `RestoreACLs` a boolean.
 */
import type { InputCheck } from '../wizardSteps/ui';
import { S3 } from '../../backup/resourceTypes';

/** At most five items in one item-level restore (restoring-s3.html). */
export const MAX_ITEMS = 5;

export const ENCRYPTION_TYPES = ['original', 'SSE-S3', 'SSE-KMS'] as const;

/** What the typed items say: the URIs, and the check the input box shows. */
export interface ItemsReading {
  items: string[];
  check: InputCheck;
}

/** Splits what was typed: a JSON array, or URIs separated by spaces, commas or new lines. */
function splitItems(text: string): string[] | { error: string } {
  const t = text.trim();
  if (!t.startsWith('[')) return t.split(/[\s,]+/).filter(Boolean);
  let parsed: unknown;
  try {
    parsed = JSON.parse(t);
  } catch {
    return {
      error:
        'Starts with "[" but is not a JSON array: write ["s3://…", "s3://…"], or the URIs separated by spaces.',
    };
  }
  if (!Array.isArray(parsed) || parsed.some((x) => typeof x !== 'string'))
    return {
      error: 'Is not a JSON array of strings: write ["s3://…", "s3://…"], or the URIs separated by spaces.',
    };
  return parsed as string[];
}

/**
 * Items typed for an item-level restore of `bucket`: up to five `s3://bucket/key` URIs of the
 * backed-up bucket; a prefix ends with `/` (everything under it), anything else is one object.
 */
export function readItems(text: string, bucket: string): ItemsReading {
  const error = (message: string): ItemsReading => ({ items: [], check: { severity: 'error', message } });
  const example = `e.g. s3://${bucket}/invoices/ (a prefix: everything under it) or s3://${bucket}/reports/2025.csv (one object)`;
  const split = splitItems(text);
  if (!Array.isArray(split)) return error(split.error);
  if (split.length === 0)
    return error(
      `Type up to ${MAX_ITEMS} ${S3.name} URIs of objects or prefixes in ${bucket}, separated by spaces: ${example}.`,
    );
  if (split.length > MAX_ITEMS)
    return error(
      `${split.length} items: an item-level restore takes at most ${MAX_ITEMS}. Restore a prefix they share, or the whole bucket.`,
    );
  for (const [i, item] of split.entries()) {
    const m = /^s3:\/\/([^/]+)(?:\/(.*))?$/.exec(item);
    if (!m) return error(`"${item}" is not an ${S3.name} URI: write s3://${bucket}/<key>, ${example}.`);
    if (m[1] !== bucket)
      return error(
        `"${item}" is in the bucket "${m[1]}": the items must be in the backed-up bucket "${bucket}" (the restore can still write them to another bucket).`,
      );
    if (!m[2])
      return error(
        `"${item}" names the whole bucket: restore the whole bucket instead, or add a key or a prefix ending with "/".`,
      );
    if (split.indexOf(item) !== i) return error(`"${item}" is listed twice.`);
  }
  const words = split.map((item) => {
    const key = item.slice(`s3://${bucket}/`.length);
    return key.endsWith('/') ? `the prefix ${key} (everything under it)` : `the object ${key}`;
  });
  return {
    items: split,
    check: {
      severity: 'info',
      message: `Restores ${split.length === 1 ? '1 item' : `${split.length} items`} of ${bucket}: ${words.join(', ')}. A prefix ends with "/"; anything else is one object.`,
    },
  };
}

const KEY_ID = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$/;
const ALIAS = /^alias\/[a-zA-Z0-9/_-]{1,250}$/;

/**
 * What is wrong with a KMS key given for SSE-KMS, if anything. A key ARN
 * (`arn:aws:kms:us-east-1:111122223333:key/<key id>`), an alias ARN or an alias name (`alias/…`), as
 * AWS KMS writes them (https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html#key-id).
 * The key must be in the restore's Region: "the KMS key must be in the same Region as the bucket"
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html).
 */
export function kmsKeyProblem(text: string, region?: string): string | undefined {
  const t = text.trim();
  if (!t)
    return 'Type the KMS key ARN or alias, e.g. arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab or alias/orders-restore.';
  if (ALIAS.test(t)) return undefined;
  if (KEY_ID.test(t))
    return `"${t}" is a key ID: write its ARN (arn:aws:kms:${region ?? '<region>'}:<account>:key/${t}) or an alias (alias/…).`;
  const m = /^arn:(aws[a-z-]*):kms:([a-z0-9-]+):(\d{12}):(.+)$/.exec(t);
  if (!m)
    return `"${t}" is not a KMS key ARN or alias: write arn:aws:kms:<region>:<account>:key/<key id> or alias/<name>.`;
  const resource = m[4]!;
  if (!(resource.startsWith('key/') && KEY_ID.test(resource.slice(4))) && !ALIAS.test(resource))
    return `"${t}" does not end in key/<key id> (a UUID, or mrk-… for a multi-Region key) or alias/<name>.`;
  if (region && m[2] !== region)
    return `The key is in ${m[2]}, the restore runs in ${region}: ${S3.name} encrypts a bucket's objects only with a KMS key of its own Region.`;
  return undefined;
}

const get = (m: Readonly<Record<string, string>>, key: string): string | undefined =>
  Object.entries(m).find(([k]) => k.toLowerCase() === key.toLowerCase())?.[1];

/** The items as listed in ItemsToRestore, when it is a JSON array of strings. */
export function itemsOf(m: Readonly<Record<string, string>>): string[] | undefined {
  const raw = get(m, 'ItemsToRestore');
  if (raw === undefined) return undefined;
  try {
    const parsed: unknown = JSON.parse(raw);
    return Array.isArray(parsed) && parsed.every((x) => typeof x === 'string') ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/**
 * What the confirmation says of an S3 restore's items, encryption and ACLs, every value from the
 * document shown through `shown` (quoted, invisible characters escaped).
 */
export function s3OptionWords(m: Readonly<Record<string, string>>, shown: (v: string) => string): string[] {
  const rawItems = get(m, 'ItemsToRestore');
  const items = itemsOf(m);
  const what =
    rawItems === undefined
      ? 'the whole bucket'
      : items
        ? `${items.length === 1 ? 'only 1 item' : `only ${items.length} items`}: ${items
            .map((i) => `${shown(i)} (${i.endsWith('/') ? 'a prefix: everything under it' : 'one object'})`)
            .join(', ')}`
        : `ItemsToRestore ${shown(rawItems)} (not a JSON array of ${S3.name} URIs)`;
  const enc = get(m, 'EncryptionType');
  const key = get(m, 'KMSKey');
  const encryption =
    enc === undefined
      ? 'EncryptionType is not sent (the service decides)'
      : enc === 'original'
        ? 'each object as it was encrypted in the backup (EncryptionType "original")'
        : enc === 'SSE-S3'
          ? `SSE-S3, keys managed by Amazon ${S3.name}`
          : enc === 'SSE-KMS'
            ? `SSE-KMS with the KMS key ${key === undefined ? '(none given)' : shown(key)}`
            : `EncryptionType ${shown(enc)}`;
  const acl = get(m, 'RestoreACLs');
  const acls =
    acl === undefined
      ? 'RestoreACLs is not sent'
      : acl.toLowerCase() === 'true'
        ? 'restored (only into a bucket with ACLs enabled, or the job fails)'
        : acl.toLowerCase() === 'false'
          ? 'not restored'
          : `RestoreACLs ${shown(acl)}`;
  return [`What is restored: ${what}`, `Encryption: ${encryption}`, `ACLs: ${acls}`];
}
