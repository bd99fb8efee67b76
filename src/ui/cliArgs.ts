/**
 * The command lines' arguments (pitr-lint, pitr-posture), read by Node's own `util.parseArgs`:
 * `--flag value`, `--flag=value`, and `--` that ends the options. One error for what cannot be read;
 * each command says what its flags mean. No `vscode` here: the command-line bundles use it.
 */
import { parseArgs } from 'node:util';

/** An argument that cannot be read: the command prints the message and exits 2. */
export class UsageError extends Error {}

/** The flags a command knows, by long name: `value` takes one, `switch` takes none. */
export type CliFlags = Readonly<Record<string, 'value' | 'switch'>>;

export type CliArg =
  /** A flag the command knows. `value`: a value flag's value (never one that starts with "--" unless
   * given after "="); a switch's text after "=" if it was given one (the caller refuses it), else "". */
  | { kind: 'flag'; flag: string; arg: string; value: string; inline: boolean }
  /** An argument that looks like a flag the command does not know, as given. */
  | { kind: 'unknown'; arg: string }
  /** Anything else, and everything after "--". */
  | { kind: 'positional'; arg: string };

/**
 * The arguments one by one, in order; a value flag without its value throws `UsageError` when it is
 * reached, so the first thing wrong on the line is the one reported.
 * `short`: one-letter aliases, e.g. `{ h: 'help' }`.
 */
export function* cliArgs(
  argv: readonly string[],
  flags: CliFlags,
  short: Readonly<Record<string, string>> = {},
): Generator<CliArg> {
  const options: Record<string, { type: 'string' | 'boolean'; short?: string }> = {};
  for (const [name, kind] of Object.entries(flags))
    options[name] = { type: kind === 'value' ? 'string' : 'boolean' };
  for (const [letter, name] of Object.entries(short)) if (options[name]) options[name].short = letter;
  // Not strict: unknown flags and positionals come back as tokens, and each command words its own
  // message for them.
  const { tokens } = parseArgs({
    args: [...argv],
    options,
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  let lastUnknown = -1;
  for (const t of tokens) {
    if (t.kind === 'option-terminator') continue;
    if (t.kind === 'positional') {
      yield { kind: 'positional', arg: t.value };
      continue;
    }
    const arg = argv[t.index]!;
    const kind = flags[t.name];
    // "-abc" comes back as three letters and "-h=x" as "-h", "-=", "-x": the argument as given is
    // unknown unless it is exactly a known short flag.
    const isShort = !t.rawName.startsWith('--');
    if (kind === undefined || (isShort && arg !== t.rawName)) {
      if (t.index !== lastUnknown) yield { kind: 'unknown', arg };
      lastUnknown = t.index;
      continue;
    }
    const flag = `--${t.name}`;
    const value = t.value ?? '';
    if (kind === 'value' && (t.value === undefined || (!t.inlineValue && value.startsWith('--'))))
      throw new UsageError(`${flag} needs a value`);
    yield { kind: 'flag', flag, arg, value, inline: t.inlineValue === true };
  }
}
