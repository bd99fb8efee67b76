/**
 * AWS Backup schedule expressions: EventBridge's six-field cron,
 * `cron(Minutes Hours Day-of-month Month Day-of-week Year)`
 * (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-cron-expressions.html).
 * - Day-of-week is 1–7 or SUN–SAT (1 = Sunday, unlike Unix cron's 0–6).
 * - One of day-of-month and day-of-week must be `?`.
 * - `rate()` is not accepted by the AWS Backup API.
 */

export type CronResult =
  | { ok: true; minutes: ReadonlySet<number>; hours: ReadonlySet<number> }
  | { ok: false; message: string; fix?: string };

interface FieldSpec {
  name: string;
  min: number;
  max: number;
  names?: readonly string[];
  /** Special tokens allowed in this field besides `* , - /`. */
  question?: boolean;
  dayOfMonthSpecials?: boolean;
  dayOfWeekSpecials?: boolean;
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

const FIELDS: readonly FieldSpec[] = [
  { name: 'minutes', min: 0, max: 59 },
  { name: 'hours', min: 0, max: 23 },
  { name: 'day-of-month', min: 1, max: 31, question: true, dayOfMonthSpecials: true },
  { name: 'month', min: 1, max: 12, names: MONTHS },
  { name: 'day-of-week', min: 1, max: 7, names: DAYS, question: true, dayOfWeekSpecials: true },
  { name: 'year', min: 1970, max: 2199 },
];

const memo = new Map<string, CronResult>();

/** Parses an AWS Backup schedule expression (memoised: plans repeat a few expressions many times). */
export function parseScheduleExpression(expression: string): CronResult {
  let r = memo.get(expression);
  if (!r) {
    if (memo.size > 1000) memo.clear();
    r = parseUncached(expression);
    memo.set(expression, r);
  }
  return r;
}

function parseUncached(expression: string): CronResult {
  const trimmed = expression.trim();
  if (/^rate\s*\(/i.test(trimmed)) {
    return {
      ok: false,
      message: `"${trimmed}" is a rate expression, which AWS Backup does not accept. Use a cron expression, e.g. "cron(0 * ? * * *)" for hourly.`,
      fix: rateToCron(trimmed),
    };
  }
  const m = /^cron\((.*)\)$/s.exec(trimmed);
  if (!m) {
    return {
      ok: false,
      message: `"${expression}" is not a schedule expression. AWS Backup takes "cron(Minutes Hours Day-of-month Month Day-of-week Year)", e.g. "cron(0 5 ? * * *)".`,
    };
  }
  const parts = (m[1] ?? '')
    .trim()
    .split(/\s+/)
    .filter((p) => p.length > 0);
  if (parts.length === 5) {
    const fix = unixToAws(parts);
    return {
      ok: false,
      message: `"${trimmed}" has five fields, like Unix cron. AWS Backup takes six: Minutes Hours Day-of-month Month Day-of-week Year, with "?" in day-of-month or day-of-week${fix ? `, e.g. "${fix}"` : ''}.`,
      ...(fix ? { fix } : {}),
    };
  }
  if (parts.length !== 6) {
    return {
      ok: false,
      message: `"${trimmed}" has ${parts.length} field${parts.length === 1 ? '' : 's'}; AWS Backup cron takes six: Minutes Hours Day-of-month Month Day-of-week Year, e.g. "cron(0 5 ? * * *)".`,
    };
  }
  const sets: Set<number>[] = [];
  for (let i = 0; i < 6; i++) {
    const spec = FIELDS[i]!;
    const r = parseField(parts[i]!, spec);
    if (typeof r === 'string')
      return { ok: false, message: `In "${trimmed}", ${spec.name} field "${parts[i]}": ${r}` };
    sets.push(r);
  }
  const dom = parts[2]!;
  const dow = parts[4]!;
  if ((dom === '?') === (dow === '?')) {
    return {
      ok: false,
      message: `In "${trimmed}", exactly one of day-of-month ("${dom}") and day-of-week ("${dow}") must be "?": AWS cron cannot take both.`,
      ...(dom !== '?' && dow === '*'
        ? { fix: `cron(${[parts[0], parts[1], dom, parts[3], '?', parts[5]].join(' ')})` }
        : {}),
      ...(dom === '*' && dow !== '?'
        ? { fix: `cron(${[parts[0], parts[1], '?', parts[3], dow, parts[5]].join(' ')})` }
        : {}),
    };
  }
  return { ok: true, minutes: sets[0]!, hours: sets[1]! };
}

/** Returns the set of values the field fires on (specials like L/W/# count as one value), or an error. */
function parseField(field: string, spec: FieldSpec): Set<number> | string {
  const out = new Set<number>();
  if (field === '?') {
    if (!spec.question) return '"?" is allowed only in day-of-month and day-of-week';
    return out;
  }
  for (const item of field.split(',')) {
    if (item.length === 0) return 'empty list item';
    if (item === '?') return '"?" must stand alone';
    if (spec.dayOfMonthSpecials && /^(L|LW|L-\d{1,2}|\d{1,2}W)$/i.test(item)) {
      const n = /\d+/.exec(item);
      if (n && (Number(n[0]) < 1 || Number(n[0]) > 31)) return `day ${n[0]} is outside 1–31`;
      out.add(-1);
      continue;
    }
    if (spec.dayOfWeekSpecials && /^([1-7]|[A-Z]{3})?L$/i.test(item)) {
      const d = item.slice(0, -1);
      if (d && value(d, spec) === undefined) return `"${d}" is not a day of week (1–7 or SUN–SAT)`;
      out.add(-1);
      continue;
    }
    if (spec.dayOfWeekSpecials && item.includes('#')) {
      const [d, k] = item.split('#');
      if (d === undefined || value(d, spec) === undefined)
        return `"${d}" is not a day of week (1–7 or SUN–SAT)`;
      if (!/^[1-5]$/.test(k ?? '')) return `"#${k}" must be #1 to #5`;
      out.add(-1);
      continue;
    }
    const [rangePart, stepPart, extra] = item.split('/');
    if (extra !== undefined) return `"${item}" has more than one "/"`;
    let step = 1;
    if (stepPart !== undefined) {
      if (!/^\d+$/.test(stepPart) || Number(stepPart) < 1)
        return `step "/${stepPart}" must be a positive whole number`;
      step = Number(stepPart);
    }
    let lo: number;
    let hi: number;
    if (rangePart === '*') {
      lo = spec.min;
      hi = spec.max;
    } else {
      const bounds = (rangePart ?? '').split('-');
      if (bounds.length > 2) return `"${rangePart}" is not a value or a range`;
      const a = value(bounds[0] ?? '', spec);
      if (a === undefined) return describeBad(bounds[0] ?? '', spec);
      lo = a;
      hi = stepPart !== undefined && bounds.length === 1 ? spec.max : a;
      if (bounds.length === 2) {
        const b = value(bounds[1] ?? '', spec);
        if (b === undefined) return describeBad(bounds[1] ?? '', spec);
        if (b < a && spec.name !== 'day-of-week' && spec.name !== 'month')
          return `range "${rangePart}" runs backwards`;
        hi = b;
      }
    }
    if (hi < lo) {
      // Wrap-around ranges such as FRI-MON or NOV-FEB.
      for (let v = lo; v <= spec.max; v += step) out.add(v);
      for (let v = spec.min; v <= hi; v += step) out.add(v);
    } else {
      for (let v = lo; v <= hi; v += step) out.add(v);
    }
  }
  return out;
}

function value(token: string, spec: FieldSpec): number | undefined {
  if (/^\d+$/.test(token)) {
    const n = Number(token);
    return n >= spec.min && n <= spec.max ? n : undefined;
  }
  const i = spec.names?.indexOf(token.toUpperCase()) ?? -1;
  return i >= 0 ? i + 1 : undefined;
}

function describeBad(token: string, spec: FieldSpec): string {
  if (spec.name === 'day-of-week' && token === '0')
    return '0 is not a day of week: AWS numbers days 1–7 (1 = Sunday)';
  const names = spec.names ? ` or ${spec.names[0]}–${spec.names[spec.names.length - 1]}` : '';
  return `"${token}" is outside ${spec.min}–${spec.max}${names}`;
}

/** Unix `m h dom mon dow` to AWS six fields, when the meaning carries over exactly. */
function unixToAws(p: string[]): string | undefined {
  const [min, hour, dom, mon, dow] = p as [string, string, string, string, string];
  let awsDow: string | undefined = dow;
  if (dow !== '*' && dow !== '?') {
    // Unix day-of-week 0–7 (0 and 7 = Sunday) to AWS 1–7 (1 = Sunday); names carry over.
    awsDow = dow.replace(/\d+/g, (d) => {
      const n = Number(d);
      return n >= 0 && n <= 7 ? String((n % 7) + 1) : 'X';
    });
    if (awsDow.includes('X') || /\d+-\d+/.test(dow)) {
      // A numeric range may wrap after conversion (5-7 → 6-1): only plain values and lists are safe.
      if (/\d+-\d+/.test(dow)) return undefined;
    }
    if (awsDow.includes('X')) return undefined;
  }
  let fields: string[];
  if (dom === '*' && (dow === '*' || dow === '?')) fields = [min, hour, '?', mon, '*', '*'];
  else if (dom === '*' || dom === '?') fields = [min, hour, '?', mon, awsDow, '*'];
  else if (dow === '*' || dow === '?') fields = [min, hour, dom, mon, '?', '*'];
  else return undefined; // Unix ORs day-of-month and day-of-week; AWS cannot say that in one rule.
  const candidate = `cron(${fields.join(' ')})`;
  return parseUncached(candidate).ok ? candidate : undefined;
}

function rateToCron(rate: string): string | undefined {
  const m = /^rate\(\s*(\d+)\s+(hour|hours|day|days)\s*\)$/i.exec(rate);
  if (!m) return undefined;
  const n = Number(m[1]);
  // Only where the cron fires at exactly the same times: a step that divides the day, or daily.
  if (/^hour/i.test(m[2] ?? ''))
    return n === 1
      ? 'cron(0 * ? * * *)'
      : n > 0 && 24 % n === 0 && n < 24
        ? `cron(0 0/${n} ? * * *)`
        : n === 24
          ? 'cron(0 0 ? * * *)'
          : undefined;
  return n === 1 ? 'cron(0 0 ? * * *)' : undefined;
}
