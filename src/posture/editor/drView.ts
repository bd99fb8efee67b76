/**
 * The DR and history parts of a posture view row (viewModel.ts): the RPO after losing the Region, and
 * the strips of the last days with a text for each day (for screen readers and tooltips).
 */
import type { DayRpo } from '../compliance';
import { drRpoText } from '../drFormat';
import type { ReportRow } from '../report';
import { formatDuration } from '../targets';
import type { DayCell, ViewRow } from './viewModel';

function cells(days: readonly DayRpo[] | undefined, what: string): DayCell[] {
  return (days ?? []).map((d) => {
    const day = d.start.slice(0, 10);
    const failed = d.failedJobs ? `, ${d.failedJobs} failed job${d.failedJobs === 1 ? '' : 's'}` : '';
    if (d.worstRpoMs === null)
      return { state: 'unknown', text: `${day}: ${what} cannot be reconstructed (no trace left)${failed}` };
    const state = d.met === null ? 'unknown' : d.met >= 1 ? 'met' : d.met <= 0 ? 'missed' : 'part';
    const share = d.met === null ? 'no target' : `target met ${Math.round(d.met * 100)}% of the day`;
    return { state, text: `${day}: worst ${what} ${formatDuration(d.worstRpoMs)}, ${share}${failed}` };
  });
}

export function drView(
  r: ReportRow,
): Pick<ViewRow, 'drRpoMs' | 'drRpo' | 'drTargetMs' | 'drTarget' | 'drVerdict' | 'days' | 'drDays'> {
  return {
    drRpoMs: r.drRpoMs ?? null,
    drRpo: drRpoText(r) || 'not computed',
    drTargetMs: r.drTargetMs ?? null,
    drTarget:
      r.drTargetMs === null || r.drTargetMs === undefined ? 'no DR target' : formatDuration(r.drTargetMs),
    drVerdict: r.drVerdict ?? 'no target',
    days: cells(r.rpoDays, 'RPO'),
    drDays: cells(r.drRpoDays, 'DR RPO'),
  };
}
