/** Calendar helpers shared by the linter, the explorer and the restore flow (no `vscode`). */

export interface DateTimeFields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** Reads "YYYY-MM-DD[T ]hh:mm[:ss]" at the start of a string. */
export function parseDateTimeFields(text: string): DateTimeFields | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?/.exec(text);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1).map((x) => Number(x ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  return { year, month, day, hour, minute, second };
}

/** True when the fields name a real moment (no 30 February, no hour 24). */
export function isRealDateTime(f: DateTimeFields): boolean {
  const daysInMonth = new Date(Date.UTC(f.year, f.month, 0)).getUTCDate();
  return (
    f.month >= 1 &&
    f.month <= 12 &&
    f.day >= 1 &&
    f.day <= daysInMonth &&
    f.hour <= 23 &&
    f.minute <= 59 &&
    f.second <= 59
  );
}

/** The wall-clock fields of an instant in a time zone (the runtime's when undefined). */
export function zonedFields(ms: number, timeZone?: string): DateTimeFields {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(ms));
  const g = (k: string): number => Number(parts.find((p) => p.type === k)?.value);
  return {
    year: g('year'),
    month: g('month'),
    day: g('day'),
    hour: g('hour'),
    minute: g('minute'),
    second: g('second'),
  };
}

/** The instant at which a time zone's wall clock shows `f` (twice, for times near a DST change). */
export function zonedToUtc(f: DateTimeFields, timeZone?: string): Date {
  const asUtc = Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second);
  const offset = (ms: number): number => {
    const z = zonedFields(ms, timeZone);
    return Date.UTC(z.year, z.month - 1, z.day, z.hour, z.minute, z.second) - ms;
  };
  let utc = asUtc - offset(asUtc);
  utc = asUtc - offset(utc);
  return new Date(utc);
}

/**
 * An instant given as ISO 8601 with a date and a time ("2025-08-01T12:00:00Z"), as the command
 * lines take `--now`; undefined for anything else (a bare date, "yesterday", 2025-02-30T…).
 */
export function parseIsoInstant(text: string): Date | undefined {
  const d = new Date(text);
  return /^\d{4}-\d{2}-\d{2}T/.test(text) && !Number.isNaN(d.getTime()) ? d : undefined;
}

/**
 * The second a click at `at` (epoch ms) on a continuous window asks for: whole seconds, inside the
 * window (undefined when the window holds no whole second, or `at` is not a time).
 */
export function secondInWindow(w: { earliest: number; latest: number }, at: number): Date | undefined {
  if (!Number.isFinite(at)) return undefined;
  const lo = Math.ceil(w.earliest / 1000) * 1000;
  const hi = Math.floor(w.latest / 1000) * 1000;
  if (hi < lo) return undefined;
  return new Date(Math.min(hi, Math.max(lo, Math.round(at / 1000) * 1000)));
}
