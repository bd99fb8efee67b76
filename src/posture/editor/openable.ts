/**
 * Which posture rows can open their timeline in the explorer: those with a recovery point whose
 * account and Region is the explorer's own connection (the timeline reads through it). No vscode.
 */
import { connectionKey, type Connection } from '../../aws/connection';
import type { PostureTarget } from '../../aws/postureApi';
import type { PostureRow } from '../compute';

/**
 * The answer for every row of one report, from the connections read once: the targets are looked
 * up per account and Region in a map, not read again per row.
 */
export function openableRows(
  explorer: Connection | undefined,
  targets: readonly PostureTarget[],
): (row: PostureRow) => boolean {
  if (!explorer) return () => false;
  const mine = connectionKey(explorer);
  const keys = new Map<string, string>();
  for (const t of targets) {
    const at = `${t.account}\u0000${t.connection.region}`;
    // The first target of an account and Region decides, as the action's lookup does (register.ts).
    if (!keys.has(at)) keys.set(at, connectionKey(t.connection));
  }
  return (row) =>
    row.recoveryPointArn !== undefined && keys.get(`${row.account}\u0000${row.region}`) === mine;
}
