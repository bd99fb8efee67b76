/**
 * The metadata values a person changed in the restore flow, against what GetRecoveryPointRestoreMetadata
 * returned. Whatever is not changed stays exactly as the service returned it (key spelling included);
 * what is changed is listed, and the review document marks it (JSON has no comments: the review's
 * CodeLens and hover say it, src/restore/editor/changedValues.ts).
 */

export interface Change {
  /** The key as it is sent: the service's own spelling when it returned the key, else the documented one. */
  key: string;
  /** The value the service returned (undefined: it returned no such key). */
  from?: string;
  /** The value sent (undefined: the key is removed). */
  to?: string;
}

/** The key as the metadata spells it (keys are matched case-insensitively), else `key`. */
export function keyIn(meta: Readonly<Record<string, string>>, key: string): string {
  return Object.keys(meta).find((k) => k.toLowerCase() === key.toLowerCase()) ?? key;
}

/** The change from the metadata's value of `key` to `to` (undefined: remove it); none when equal. */
export function changeOf(
  meta: Readonly<Record<string, string>>,
  key: string,
  to: string | undefined,
): Change | undefined {
  const k = keyIn(meta, key);
  const from = Object.hasOwn(meta, k) ? meta[k] : undefined;
  if (from === to) return undefined;
  return { key: k, ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}) };
}

/** The metadata with the changes made, every other key and value as it was. */
export function applyChanges(
  meta: Readonly<Record<string, string>>,
  changes: readonly Change[],
): Record<string, string> {
  const out = { ...meta };
  for (const c of changes) {
    if (c.to === undefined) delete out[c.key];
    else out[c.key] = c.to;
  }
  return out;
}

/**
 * The changes a review document's text still holds: a value edited since (or back) is the document's
 * own, and only what the flow wrote is marked. None while the text is not JSON (being edited).
 */
export function changesStillIn(text: string, changes: readonly Change[]): Change[] {
  let metadata: unknown;
  try {
    metadata = (JSON.parse(text) as { Metadata?: unknown }).Metadata;
  } catch {
    return [];
  }
  if (typeof metadata !== 'object' || metadata === null) return [];
  const m = metadata as Record<string, unknown>;
  return changes.filter((c) => (c.to === undefined ? !Object.hasOwn(m, c.key) : m[c.key] === c.to));
}

/** The changes of the review documents opened lately, by the document's IdempotencyToken. */
const byToken = new Map<string, readonly Change[]>();
const KEPT = 50;

export function rememberChanges(token: string, changes: readonly Change[]): void {
  if (changes.length === 0) return;
  byToken.delete(token);
  byToken.set(token, changes);
  while (byToken.size > KEPT) byToken.delete(byToken.keys().next().value!);
}

export function changesFor(token: string): readonly Change[] | undefined {
  return byToken.get(token);
}
