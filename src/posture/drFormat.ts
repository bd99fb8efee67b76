/**
 * The disaster-recovery columns of a posture report (./dr.ts), as format.ts writes them: the RPO after
 * losing the Region, its target, the copy it comes from, and the RPO after losing the account. No vscode.
 */
import type { ReportRow } from './report';
import { formatDuration } from './targets';

export const DR_COLUMNS = ['DR RPO', 'DR target', 'DR copy', 'Account-loss RPO'];

export const DR_CSV_COLUMNS = [
  'DR verdict',
  'DR RPO (seconds)',
  'DR RPO',
  'DR target (seconds)',
  'DR copy region',
  'DR copy account',
  'DR copy vault',
  'DR copy recovery point',
  'DR copy created',
  'Account-loss RPO (seconds)',
];

const seconds = (ms: number | null | undefined): string =>
  ms === null || ms === undefined ? '' : String(Math.round(ms / 1000));

/** "2 h", "no copy", "unknown (why)", "unverified", with MISSES when it misses its target. */
export function drRpoText(r: ReportRow): string {
  if (r.drStatus === undefined) return '';
  const base =
    r.drStatus === 'copy' && r.drRpoMs !== null && r.drRpoMs !== undefined
      ? formatDuration(r.drRpoMs)
      : r.drStatus === 'unknown'
        ? `unknown (${r.drReason ?? 'not read'})`
        : r.drStatus;
  return r.drVerdict === 'misses' ? `${base} MISSES` : base;
}

export function drCells(r: ReportRow): Record<string, string> {
  const c = r.drCopy;
  return {
    'DR RPO': drRpoText(r),
    'DR target': r.drTargetMs === null || r.drTargetMs === undefined ? 'none' : formatDuration(r.drTargetMs),
    'DR copy': c
      ? `${c.region} · ${c.accountId} · ${c.vault} · ${c.createdAt.replace(/\.\d{3}Z$/, 'Z')}${c.status === 'unverified' ? ' (unverified)' : ''}`
      : '',
    'Account-loss RPO':
      r.accountLossRpoMs === undefined
        ? ''
        : r.accountLossRpoMs === null
          ? 'no copy'
          : formatDuration(r.accountLossRpoMs),
  };
}

export function drCsv(r: ReportRow): string[] {
  const c = r.drCopy;
  return [
    r.drVerdict === undefined ? '' : r.drVerdict === 'misses' ? 'MISSES' : r.drVerdict,
    seconds(r.drRpoMs),
    drRpoText(r),
    seconds(r.drTargetMs),
    c?.region ?? '',
    c?.accountId ?? '',
    c?.vault ?? '',
    c?.recoveryPointArn ?? '',
    c ? `${c.createdAt}${c.status === 'unverified' ? ' (unverified)' : ''}` : '',
    seconds(r.accountLossRpoMs),
  ];
}

/** The summary's DR part: how many miss their DR target, when any has one. */
export function drSummary(rows: readonly ReportRow[]): string {
  if (!rows.some((r) => r.drTargetMs !== null && r.drTargetMs !== undefined)) return '';
  return `, ${rows.filter((r) => r.drVerdict === 'misses').length} missing their DR RPO target`;
}
