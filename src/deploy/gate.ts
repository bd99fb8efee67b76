/**
 * What every create, update and assignment passes first, without `vscode`: the document is linted by
 * the lint engine's public API with the rules' BUILT-IN severities (the severity setting changes what
 * the Problems panel shows, never what may be sent), recognised by its content first (a workspace's
 * `files` globs cannot make a file pass as another kind), and any error stops it. What passes becomes
 * the request body, and a CreatorRequestId derived from it and its target.
 */
import { createHash } from 'node:crypto';
import { parse } from 'jsonc-parser';
import { lint, type DocumentKind, type LintResult } from '../lint';

export interface GateInput {
  text: string;
  fileName?: string;
  globs?: Readonly<Record<string, string>>;
}

/** A confirmation: the modal's question and the lines under it. */
export interface Confirmation {
  message: string;
  detail: string;
  /** The label of the button that sends. */
  action: string;
}

/**
 * Where a request goes: the 12-digit account the service named in an ARN of its own (a deployed
 * plan's, a vault's), or "account unknown" when none could be read, then the connection's words
 * (profile, Region, endpoint).
 */
export interface Where {
  connection: string;
  accountId?: string;
}

/** The confirmation's first line: the account first, never guessed. */
export function whereLine(where: Where): string {
  return `Account and Region: ${where.accountId ?? 'account unknown'} · ${where.connection}`;
}

export type Gate<T> = { ok: true; kind: DocumentKind; value: T } | { ok: false; problems: string[] };

function lintForGate(input: GateInput): LintResult | undefined {
  const base = { text: input.text, ...(input.fileName ? { fileName: input.fileName } : {}) };
  const byContent = lint(base);
  if (byContent?.recognition.reason === 'content' || !input.globs) return byContent;
  return lint({ ...base, globs: input.globs }) ?? byContent;
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/**
 * Lints `input`; refuses a document of another kind than `kinds` (saying what it is and what it
 * should be) or with errors; otherwise hands the parsed document to `read`.
 */
export function gate<T>(
  input: GateInput,
  kinds: readonly DocumentKind[],
  what: string,
  read: (root: Record<string, unknown>, kind: DocumentKind) => T,
): Gate<T> {
  const result = lintForGate(input);
  const kind = result?.recognition.kind;
  // A template or Terraform file declares its plans for its own tool to deploy: what it embeds is
  // not a request body, so it is never sent from here (CloudFormation or Terraform deploy it).
  if (result?.recognition.format)
    return {
      ok: false,
      problems: [
        `This is a ${result.recognition.format} file: deploy it with its own tool. Create, update or assign from an AWS CLI input file (${kinds.join(', ')}).`,
      ],
    };
  if (!result || !kind || !kinds.includes(kind))
    return {
      ok: false,
      problems: [`This is not ${what}${kind ? ` (it reads as ${kind})` : ''}: expected ${kinds.join(', ')}.`],
    };
  const errors = result.findings.filter((f) => f.severity === 'error');
  if (errors.length)
    return {
      ok: false,
      problems: errors.map((f) => `line ${lineOf(input.text, f.offset)}: ${f.code} ${f.message}`),
    };
  const root = parse(input.text) as unknown;
  if (!root || typeof root !== 'object' || Array.isArray(root))
    return { ok: false, problems: ['The document is not a JSON object.'] };
  return { ok: true, kind, value: read(root as Record<string, unknown>, kind) };
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
