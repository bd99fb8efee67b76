/**
 * RPO targets: a duration per resource type, and durations in words. No vscode, no SDK.
 *
 * The defaults are this project's (issue 15), not AWS's: each type's own in the record per type (60
 * minutes for the types with continuous backup and a restore lag AWS documents), 24 hours for every
 * other type, whose backups are snapshots on a schedule. Read when used: a type added to the record
 * has its default and its name here with no change.
 */
import { resourceTypeNames, resourceTypes } from '../backup/resourceTypes';

export const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export interface RpoTargets {
  /** Milliseconds per resource type (AWS's type names, as the record per type spells them). */
  byType: Record<string, number>;
  /** Milliseconds for every type not in byType. */
  other: number;
}

export const DEFAULT_TARGETS: RpoTargets = {
  get byType(): Record<string, number> {
    return Object.fromEntries(
      resourceTypes().flatMap((t) => (t.defaultRpoMinutes ? [[t.name, t.defaultRpoMinutes * MINUTE]] : [])),
    );
  },
  other: 24 * HOUR,
};

export function targetFor(t: RpoTargets, type: string): number {
  return t.byType[type] ?? t.other;
}

const UNIT: Record<string, number> = { s: 1000, m: MINUTE, h: HOUR, d: DAY, w: 7 * DAY };

/** "15m", "1h", "1h30m", "2d", "90s" → milliseconds; undefined when it is not such a duration. */
export function parseDuration(text: string): number | undefined {
  const s = text.trim().toLowerCase();
  if (!/^(\d+(\.\d+)?[smhdw])+$/.test(s)) return undefined;
  let ms = 0;
  for (const m of s.matchAll(/(\d+(?:\.\d+)?)([smhdw])/g)) ms += Number(m[1]) * UNIT[m[2]!]!;
  return ms > 0 && Number.isFinite(ms) ? Math.round(ms) : undefined;
}

/** A duration as people read it: "15 min", "1 h 30 min", "6 d 2 h", "40 s". */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return '∞';
  const abs = Math.max(0, Math.round(ms));
  if (abs < MINUTE) return `${Math.round(abs / 1000)} s`;
  if (abs < HOUR) return `${Math.round(abs / MINUTE)} min`;
  if (abs < DAY) {
    const h = Math.floor(abs / HOUR);
    const m = Math.round((abs - h * HOUR) / MINUTE);
    return m && m < 60 ? `${h} h ${m} min` : `${h} h`;
  }
  const d = Math.floor(abs / DAY);
  const h = Math.round((abs - d * DAY) / HOUR);
  return h && h < 24 ? `${d} d ${h} h` : `${d} d`;
}

/** The resource type a person wrote, in AWS's spelling; undefined when there is no such type. */
function resourceTypeNamed(name: string): string | undefined {
  const n = name.trim().toLowerCase();
  return resourceTypeNames().find((t) => t.toLowerCase() === n);
}

/**
 * Targets from specs such as "1h" (every type) and "S3=15m" (one type); a type's own target wins
 * over a bare one whatever their order. Returns the error in words for a spec that is not one.
 */
export function targetsFrom(
  specs: readonly string[],
  base: RpoTargets = DEFAULT_TARGETS,
): RpoTargets | string {
  const bare: number[] = [];
  const typed: Record<string, number> = {};
  for (const spec of specs) {
    const eq = spec.indexOf('=');
    const durationText = eq < 0 ? spec : spec.slice(eq + 1);
    const ms = parseDuration(durationText);
    if (ms === undefined)
      return `"${durationText}" is not a duration: write a number and a unit, e.g. 15m, 1h, 1h30m, 2d`;
    if (eq < 0) {
      bare.push(ms);
      continue;
    }
    const type = resourceTypeNamed(spec.slice(0, eq));
    if (!type)
      return `"${spec.slice(0, eq)}" is not an AWS Backup resource type: use one of ${resourceTypeNames().join(', ')}`;
    typed[type] = ms;
  }
  const all = bare.at(-1);
  return {
    byType: { ...(all === undefined ? base.byType : {}), ...typed },
    other: all ?? base.other,
  };
}
