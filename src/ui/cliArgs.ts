/**
 * The command lines' arguments (pitr-lint, pitr-posture): one reading of `--flag value` and
 * `--flag=value`, and one error for what cannot be read. Each command says what its flags mean.
 * No `vscode` here: the command-line bundles use it.
 */

/** An argument that cannot be read: the command prints the message and exits 2. */
export class UsageError extends Error {}

export interface CliArg {
  /** The argument as given. */
  arg: string;
  /** The flag: the argument up to its first "=" for `--flag=value`, else the whole argument. */
  flag: string;
  /** The flag's value: after its "=", else the next argument (not one that starts with "--"). */
  value: () => string;
}

/** The arguments one by one; a flag that takes a value takes it with `value()`. */
export function* cliArgs(argv: readonly string[]): Generator<CliArg> {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    // --flag=value splits at its first "=": --rpo-target=S3=15m is --rpo-target with S3=15m.
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    const inline = eq > 0 ? arg.slice(eq + 1) : undefined;
    yield {
      arg,
      flag,
      value: () => {
        if (inline !== undefined) return inline;
        const next = argv[i + 1];
        if (next === undefined || next.startsWith('--')) throw new UsageError(`${flag} needs a value`);
        i++;
        return next;
      },
    };
  }
}
