/**
 * What every create, update and assignment passes first, without `vscode`: the lint engine's one send
 * gate (lintForSending: built-in severities, recognition by content first, live checks against the
 * account when connected, any error stops it). What passes becomes the request body, parsed from the
 * very text that was linted, and a CreatorRequestId derived from it and its target.
 */
import { createHash } from 'node:crypto';
import { parse } from 'jsonc-parser';
import { lintForSending, type DocumentKind, type LiveOutcome, type SendInput } from '../lint';

export type GateInput = SendInput;

export type Gate<T> =
  { ok: true; kind: DocumentKind; value: T; live: LiveOutcome } | { ok: false; problems: string[] };

/**
 * Lints `input`; refuses a document of another kind than `kinds` (saying what it is and what it
 * should be) or with errors (its own or the account's); otherwise hands the parsed document to `read`.
 */
export async function gate<T>(
  input: GateInput,
  kinds: readonly DocumentKind[],
  what: string,
  read: (root: Record<string, unknown>, kind: DocumentKind) => T,
): Promise<Gate<T>> {
  const checked = await lintForSending(input, { kinds, what });
  if (!checked.ok) return checked;
  const root = parse(input.text) as unknown;
  if (!root || typeof root !== 'object' || Array.isArray(root))
    return { ok: false, problems: ['The document is not a JSON object.'] };
  return {
    ok: true,
    kind: checked.kind,
    value: read(root as Record<string, unknown>, checked.kind),
    live: checked.live,
  };
}

/** JSON with object keys sorted at every level (arrays keep their order): equal content, equal text. */
export function canonicalJson(value: unknown): string {
  const sort = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(sort)
      : v && typeof v === 'object'
        ? Object.fromEntries(
            Object.keys(v)
              .sort()
              .map((k) => [k, sort((v as Record<string, unknown>)[k])]),
          )
        : v;
  return `${JSON.stringify(sort(value), null, 2)}\n`;
}

/**
 * The CreatorRequestId of a create: derived from where it goes (account, Region, endpoint; the plan,
 * for a selection) and what it sends, so the same request again — a retry, a double click, a reload —
 * is the same token, and the service answers with what it created instead of creating a second one.
 * 1–50 characters of letters, digits and "-_." (CreateBackupPlan's documented constraint,
 * https://docs.aws.amazon.com/aws-backup/latest/devguide/API_CreateBackupPlan.html).
 */
export function creatorRequestIdFor(target: string, body: unknown): string {
  return `pitr-${createHash('sha256')
    .update(`${target}\n${canonicalJson(body)}`)
    .digest('hex')
    .slice(0, 40)}`;
}

/** A CreatorRequestId the document sets itself, if it is one the service takes. */
export function ownCreatorRequestId(root: Record<string, unknown>): string | undefined {
  const id = root.CreatorRequestId;
  return typeof id === 'string' && /^[A-Za-z0-9_.-]{1,50}$/.test(id) ? id : undefined;
}
