/**
 * The one confirmation every send asks (a restore's start, a plan's create or update, an
 * assignment, a Region's opt-in, a stop or a delete), without `vscode`: the question, the lines under
 * it, and the buttons. The modal that shows it is ./modal.ts; the flows build it and test it bare.
 */
export interface Confirmation {
  message: string;
  detail: string;
  /** The label of the button that sends. */
  action: string;
  /** Other buttons that send nothing (e.g. "Open Backup Plan"), answered by their label. */
  others?: readonly string[];
}

/**
 * Where a request goes: the 12-digit account the service named in an ARN of its own (a deployed
 * plan's, a vault's, a recovery point's), or "account unknown" when none could be read, then the
 * connection's words (profile, Region, endpoint).
 */
export interface Where {
  connection: string;
  accountId?: string;
}

/** The line of every confirmation that says where the request goes: the account first, never guessed. */
export function whereLine(where: Where): string {
  return `Account and Region: ${where.accountId || 'account unknown'} · ${where.connection}`;
}
