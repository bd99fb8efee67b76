/**
 * The one gate every send passes (a restore's start, a plan's create or update, an assignment), no
 * `vscode`: the exact text that will be sent is linted with the rules' BUILT-IN severities (a
 * severity setting changes what the Problems panel shows, never what may be sent), recognised by its
 * content first (a workspace's `files` globs cannot make a file pass as another kind), then checked
 * against the account when a connection gives its facts. Any error-severity finding, from any rule
 * and from the live checks alike, stops the send; a text the engine cannot lint is refused, never
 * waved through. What passes is parsed from this very text by the caller.
 */
import { lint } from './engine';
import { liveCheck, type LiveFacts } from './live';
import { LineIndex } from './position';
import { withSeverity } from './rules';
import type { DocumentKind, Finding, LintResult } from './types';

export interface SendInput {
  /** The exact text that is to be sent. */
  text: string;
  fileName?: string;
  globs?: Readonly<Record<string, string>>;
  /** "Now" for the time-dependent rules (the clock when absent). */
  now?: Date;
  /**
   * The editor's lint of this very text, when it is the lint this gate would run (same version,
   * built-in severities, recognised as the gate recognises it): reused instead of linting again.
   */
  lintResult?: LintResult;
  /**
   * The account's facts for this text, asked only once the text itself passes (undefined: not
   * connected, nothing is checked against the account). A fresh set per send: no cached answer
   * from before a vault was created decides.
   */
  facts?: () => Promise<LiveFacts | undefined>;
  signal?: AbortSignal;
}

/** What a send takes: the kinds it sends, and how to say what it expected. */
export interface SendKinds {
  kinds: readonly DocumentKind[];
  /** "a backup plan", "a start-restore-job document …". */
  what: string;
}

/** Whether the text was checked against the account, and what that found below error severity. */
export type LiveOutcome =
  | { checked: true; findings: Finding[] }
  | { checked: false; reason: 'not-connected' }
  | { checked: false; reason: 'failed'; message: string };

export type SendLint =
  { ok: true; kind: DocumentKind; result: LintResult; live: LiveOutcome } | { ok: false; problems: string[] };

const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** The lint a send trusts: recognition by content first, the `files` globs only when content says nothing. */
function lintOf(input: SendInput): LintResult | undefined {
  if (input.lintResult) return input.lintResult;
  const base = {
    text: input.text,
    ...(input.fileName ? { fileName: input.fileName } : {}),
    ...(input.now ? { now: input.now } : {}),
  };
  const byContent = lint(base);
  if (byContent?.recognition.reason === 'content' || !input.globs) return byContent;
  return lint({ ...base, globs: input.globs }) ?? byContent;
}

/** One line per finding, as every refusal words it: "line N: CODE message". */
export function problemLines(text: string, findings: readonly Finding[]): string[] {
  const index = new LineIndex(text);
  return findings.map((f) => `line ${index.position(f.offset).line + 1}: ${f.code} ${f.message}`);
}

export async function lintForSending(input: SendInput, accepts: SendKinds): Promise<SendLint> {
  const { kinds, what } = accepts;
  const result = lintOf(input);
  const kind = result?.recognition.kind;
  // A template or Terraform file declares its plans for its own tool to deploy: what it embeds is
  // not a request body, so it is never sent from here.
  if (result?.recognition.format)
    return {
      ok: false,
      problems: [
        `This is a ${result.recognition.format} file: deploy it with its own tool. Send from an AWS CLI input file (${kinds.join(', ')}).`,
      ],
    };
  if (!result || !kind || !kinds.includes(kind))
    return {
      ok: false,
      problems: [`This is not ${what}${kind ? ` (it reads as ${kind})` : ''}: expected ${kinds.join(', ')}.`],
    };
  // The account is asked even when the text has errors of its own: the refusal then counts every
  // error the Problems panel shows (a missing vault's LIVE001 with the rest), not a part of them.
  const live = await checkLive(input, result);
  const errors = [...result.findings, ...(live.checked ? live.findings : [])]
    .filter((f) => f.severity === 'error')
    .sort((a, b) => a.offset - b.offset);
  if (errors.length) return { ok: false, problems: problemLines(input.text, errors) };
  return { ok: true, kind, result, live };
}

async function checkLive(input: SendInput, result: LintResult): Promise<LiveOutcome> {
  try {
    const facts = await input.facts?.();
    if (!facts) return { checked: false, reason: 'not-connected' };
    // Built-in severities here too: LIVE001 and LIVE002 stop a send whatever a setting says.
    const findings = withSeverity(await liveCheck(input.text, result.recognition, facts, input.signal));
    return { checked: true, findings };
  } catch (e) {
    return { checked: false, reason: 'failed', message: messageOf(e) };
  }
}

/**
 * What a confirmation says of the live checks: every finding they made on this text (none of them
 * an error, or the send was refused), or why the account was not asked.
 */
export function liveLines(text: string, live: LiveOutcome): string[] {
  if (!live.checked)
    return [
      live.reason === 'not-connected'
        ? 'Not checked against the account (not connected): the service checks it when it runs.'
        : `Not checked against the account (${live.message}): the service checks it when it runs.`,
    ];
  const n = live.findings.length;
  if (n === 0) return ['Checked against the account: nothing to report.'];
  return [
    `Checked against the account: ${n} finding${n === 1 ? '' : 's'}, as the Problems panel shows them:`,
    ...problemLines(text, live.findings).map((l) => `  ${l}`),
  ];
}
