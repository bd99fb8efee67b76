/**
 * A posture row's RTO as the webview draws it (src/posture/editor/viewModel.ts): the cell, its
 * target, its verdict, and the detail shown when the row is focused. No vscode.
 */
import type { PostureRow } from '../compute';
import { rtoTargetText, rtoText } from '../rto';
import { formatDuration } from '../targets';
import type { ViewRow } from './viewModel';

export function rtoView(
  r: PostureRow,
): Pick<ViewRow, 'rtoMs' | 'rto' | 'rtoTargetMs' | 'rtoTarget' | 'rtoVerdict' | 'rtoDetail'> {
  const detail =
    r.rtoMs === null
      ? ['RTO: never restored: its backups are untested.', r.rtoHint ?? '']
      : [
          `RTO: ${formatDuration(r.rtoMs)}, its ${r.rtoBasis === 'restore test' ? 'latest restore test' : 'latest restore'}, completed ${r.lastRestoreAt?.replace(/\.\d{3}Z$/, 'Z') ?? '?'}.`,
          r.longestRestore30dMs !== undefined
            ? `Longest restore of the last 30 days: ${formatDuration(r.longestRestore30dMs)}.`
            : '',
        ];
  return {
    rtoMs: r.rtoMs,
    rto: rtoText(r),
    rtoTargetMs: r.rtoTargetMs,
    rtoTarget: rtoTargetText(r),
    rtoVerdict: r.rtoVerdict,
    rtoDetail: detail.filter(Boolean).join('\n'),
  };
}
