import { zonedFields } from './calendar';
import type { RestorableWindow } from './restorableWindow';

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** Times as the explorer shows them: the user's time zone in labels, UTC in tooltips. */
export function formatLocal(d: Date, timeZone?: string): string {
  const f = zonedFields(d.getTime(), timeZone);
  return `${pad(f.year, 4)}-${pad(f.month)}-${pad(f.day)} ${pad(f.hour)}:${pad(f.minute)}:${pad(f.second)}`;
}

export function formatUtc(d: Date): string {
  return `${d
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d{3}Z$/, '')} UTC`;
}

export function formatBytes(n: number | undefined): string {
  if (n === undefined) return '';
  const units = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'];
  let v = n;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v >= 100 || i === 0 ? v.toFixed(0) : v.toFixed(1)} ${units[i]}`;
}

/** A restorable window in words: a short label (the user's time zone) and a tooltip (UTC). */
export function windowText(w: RestorableWindow, timeZone?: string): { label: string; tooltip: string } {
  switch (w.kind) {
    case 'continuous':
      return {
        label: `restorable ${formatLocal(w.earliest, timeZone)} → ${formatLocal(w.latest, timeZone)}`,
        tooltip: `Restorable from ${formatUtc(w.earliest)} to ${formatUtc(w.latest)}${w.notes.length ? `\n${w.notes.join('\n')}` : ''}\n(bounds derived from creation date, retention and restore lag: the API does not report them)`,
      };
    case 'continuous-open-end':
      return {
        label: `restorable from ${formatLocal(w.earliest, timeZone)} (end unknown)`,
        tooltip: `Restorable from ${formatUtc(w.earliest)}\n${w.notes.join('\n')}`,
      };
    case 'snapshot':
      return {
        label: `snapshot ${formatLocal(w.at, timeZone)}`,
        tooltip: `Snapshot taken ${formatUtc(w.at)}`,
      };
    case 'none':
      return { label: 'not restorable', tooltip: w.reason };
  }
}
