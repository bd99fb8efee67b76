/**
 * The SDK's own warnings, in our words and on one line. The credential chain prints a nine-line
 * notice with `console.warn` when a profile is named and AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY are
 * also set (@aws-sdk/credential-provider-node, defaultProvider); given a logger, it warns through it.
 */

/** The logger the SDK's credential providers take (`init.logger`). */
export interface SdkLogger {
  debug(...content: unknown[]): void;
  info(...content: unknown[]): void;
  warn(...content: unknown[]): void;
  error(...content: unknown[]): void;
}

/** The sentence for the SDK's "Multiple credential sources detected" warning. */
export const BOTH_CREDENTIAL_SOURCES =
  'a profile is named and AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY are also set in the environment: the profile’s credentials are used, not those keys (unset them to silence this)';

/** One line for an SDK warning: ours where we know it, else its own words with the line breaks gone. */
export function sdkWarningLine(content: readonly unknown[]): string {
  const text = content.map((c) => (typeof c === 'string' ? c : String(c))).join(' ');
  if (/Multiple credential sources detected/i.test(text)) return BOTH_CREDENTIAL_SOURCES;
  return text.replace(/\s+/g, ' ').trim();
}

/** A logger that says the SDK's warnings as one line each through `say`, and drops its chatter. */
export function oneLineWarnings(say: (line: string) => void): SdkLogger {
  const quiet = (): void => undefined;
  return { debug: quiet, info: quiet, error: quiet, warn: (...content) => say(sdkWarningLine(content)) };
}
