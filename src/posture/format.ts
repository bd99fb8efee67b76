/**
 * A posture report as text: a table for a terminal, Markdown, CSV and JSON. Text from AWS (names,
 * messages) is made inert for each format: no Markdown or HTML in a Markdown cell, no formula in a
 * CSV cell, no control characters anywhere. No vscode.
 */
import type { PostureRow } from './compute';
import type { PostureReport, ReportRow } from './report';
import { drCells, DR_COLUMNS, DR_CSV_COLUMNS, drCsv, drSummary } from './drFormat';
import { visible } from '../backup/text';
import { rtoBreached, rtoTargetText, rtoText } from './rto';
import { formatDuration } from './targets';

export type PostureFormat = 'table' | 'markdown' | 'csv' | 'json';
export const POSTURE_FORMATS: readonly PostureFormat[] = ['table', 'markdown', 'csv', 'json'];

const PROTECTION: Record<PostureRow['protection'], string> = {
  continuous: 'continuous',
  stopped: 'continuous STOPPED',
  snapshots: 'snapshots only',
  none: 'nothing restorable',
};

/** Control, invisible and direction-changing characters as their escapes (src/backup/text.ts). */
const plain = visible;

export const rpoText = (r: PostureRow): string => (r.rpoMs === null ? 'none' : formatDuration(r.rpoMs));

export function protectionText(r: PostureRow): string {
  const base = PROTECTION[r.protection];
  if (r.protection === 'continuous' && r.vault) return `${base} (${r.vault})`;
  if (r.protection === 'stopped')
    return `${base}${r.stoppedAt ? ` since ${r.stoppedAt.replace(/\.\d{3}Z$/, 'Z')}` : ''}`;
  return base;
}

/** The resource type, or "unknown" when nothing decides it (an RDS cluster known by its ARN only). */
export const typeText = (r: PostureRow): string => r.resourceType ?? 'unknown';

/** The covering plans, then those that may cover it by tags, in one line. */
export function coveredText(r: PostureRow): string {
  const maybe = r.maybeCoveredBy.length ? `maybe, by tags: ${r.maybeCoveredBy.join('; ')}` : '';
  return [...r.coveredBy, ...(maybe ? [maybe] : [])].join('; ');
}

const optInText = (r: PostureRow): string =>
  r.optedIn === undefined ? 'unknown' : r.optedIn ? 'opted in' : 'NOT opted in';

const COLUMNS = [
  'Verdict',
  'Account',
  'Region',
  'Resource',
  'Type',
  'Protection',
  'RPO now',
  'Target',
  'RTO',
  'RTO target',
  'RTO verdict',
  ...DR_COLUMNS,
  'Earliest restorable',
  'Covered by',
  'Failed jobs',
  'Opt-in',
  'What to do',
];

/** The RTO verdict as a cell: breaches in capitals, as the RPO's; nothing without a target. */
const RTO_VERDICT: Record<PostureRow['rtoVerdict'], string> = {
  meets: 'meets',
  misses: 'MISSES',
  untested: 'UNTESTED',
  'no target': '',
};

/** The columns every format shares (COLUMNS), as plain strings. */
function cells(r: ReportRow): Record<string, string> {
  return {
    ...drCells(r),
    Verdict: r.verdict === 'meets' ? 'meets' : 'MISSES',
    Account: r.accountId ? `${r.account} (${r.accountId})` : r.account,
    Region: r.region,
    Resource: r.resourceName ?? r.resourceArn,
    Type: typeText(r),
    Protection: protectionText(r),
    'RPO now': rpoText(r),
    Target: formatDuration(r.targetMs),
    RTO: rtoText(r),
    'RTO target': rtoTargetText(r),
    'RTO verdict': RTO_VERDICT[r.rtoVerdict],
    'Earliest restorable': r.earliestRestorable?.replace(/\.\d{3}Z$/, 'Z') ?? '',
    'Covered by': coveredText(r),
    'Failed jobs': r.failedJobs.map((j) => j.message).join('; '),
    'Opt-in': optInText(r),
    'What to do': r.todo.join(' '),
  };
}

function failureLines(report: PostureReport): string[] {
  return [
    ...report.failures.map(
      (f) => `${f.account} · ${f.region}: NOT READ: ${f.message}${f.action ? ` (${f.action})` : ''}`,
    ),
    ...report.warnings.map((w) => `${w.account} · ${w.region}: ${w.message}`),
  ].map(plain);
}

function summary(report: PostureReport): string {
  const miss = report.rows.filter((r) => r.verdict === 'misses').length;
  const never = report.rows.filter((r) => r.rtoMs === null).length;
  const rto = report.rows.some((r) => r.rtoTargetMs !== null)
    ? `; ${report.rows.filter((r) => rtoBreached(r)).length} missing their RTO target or never restored`
    : '';
  return `${report.rows.length} resources, ${miss} missing their RPO target${drSummary(report.rows)}, ${report.failures.length} account–Regions not read (at ${report.now}); ${never} never restored${rto}`;
}

function table(report: PostureReport): string {
  // The columns up to the targets: the RPO here and its target, the RTO, then the DR RPO and its target.
  const cols = COLUMNS.slice(0, COLUMNS.indexOf('DR RPO') + 2);
  const rows = report.rows.map((r) => {
    const c = cells(r);
    return cols.map((k) => plain(c[k] ?? ''));
  });
  const width = cols.map((h, i) => Math.min(48, Math.max(h.length, ...rows.map((r) => r[i]!.length))));
  const line = (vals: string[]): string =>
    vals
      .map((v, i) => (v.length > width[i]! ? `${v.slice(0, width[i]! - 1)}…` : v.padEnd(width[i]!)))
      .join('  ')
      .trimEnd();
  const out = [line(cols), line(width.map((w) => '-'.repeat(w)))];
  for (const [i, r] of report.rows.entries()) {
    out.push(line(rows[i]!));
    for (const t of r.todo) out.push(`    → ${plain(t)}`);
    if (r.rtoHint) out.push(`    ≈ ${plain(r.rtoHint)}`);
    for (const j of r.failedJobs)
      out.push(`    ✗ failed ${j.at.replace(/\.\d{3}Z$/, 'Z')}: ${plain(j.message)}`);
  }
  return [...out, '', ...failureLines(report), summary(report), ''].join('\n');
}

/**
 * A Markdown cell: no pipes, no markup, no links; HTML's brackets as entities. Autolinks (GFM's and a
 * previewer's linkify: `https://…`, `www.…`, `name@host`) are broken by a zero-width space after the
 * `:/`, the `www` or the `@`, so a URL from AWS reads as text and is never a live link. (A bare domain,
 * which some previewers link fuzzily, is left as it is: a bucket name is often one.)
 */
const md = (s: string): string =>
  plain(s)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_{}[\]()#+!|~])/g, '\\$1')
    .replace(/([a-z][a-z0-9+.-]*:\/)\//gi, '$1&#8203;/')
    .replace(/\b(www)\./gi, '$1&#8203;.')
    .replace(/@/g, '@&#8203;');

function markdown(report: PostureReport): string {
  const cols = COLUMNS;
  const out = [
    `# Recovery posture`,
    '',
    md(summary(report)),
    '',
    `| ${cols.join(' | ')} |`,
    `| ${cols.map(() => '---').join(' | ')} |`,
    ...report.rows.map((r) => {
      const c = cells(r);
      return `| ${cols.map((k) => md(c[k] ?? '')).join(' | ')} |`;
    }),
  ];
  const notRead = failureLines(report);
  if (notRead.length) out.push('', '## Not read', '', ...notRead.map((l) => `- ${md(l)}`));
  return `${out.join('\n')}\n`;
}

/** A CSV field (RFC 4180), with a leading =, +, - or @ defused so a spreadsheet shows it as text. */
function csvField(s: string): string {
  const t = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
}

function csv(report: PostureReport): string {
  const cols = [
    'Verdict',
    'Account',
    'Account ID',
    'Region',
    'Resource',
    'Resource ARN',
    'Type',
    'Protection',
    'Vault',
    'Stopped at',
    'Stop reason',
    'RPO now (seconds)',
    'RPO now',
    'Target (seconds)',
    ...DR_CSV_COLUMNS,
    'Earliest restorable',
    'Latest restorable',
    'Covered by',
    'Failed jobs',
    'Opt-in',
    'RTO (seconds)',
    'RTO',
    'RTO basis',
    'Last restore completed',
    'Longest restore in 30 days (seconds)',
    'RTO target (seconds)',
    'RTO verdict',
    'RTO hint',
    'What to do',
  ];
  const seconds = (ms: number | null | undefined): string =>
    ms === null || ms === undefined ? '' : String(Math.round(ms / 1000));
  const lines = [cols.join(',')];
  for (const r of report.rows) {
    const c = cells(r);
    lines.push(
      [
        c.Verdict!,
        r.account,
        r.accountId ?? '',
        r.region,
        r.resourceName ?? '',
        r.resourceArn,
        typeText(r),
        PROTECTION[r.protection],
        r.vault ?? '',
        r.stoppedAt ?? '',
        r.stopReason ?? '',
        r.rpoMs === null ? '' : String(Math.round(r.rpoMs / 1000)),
        rpoText(r),
        String(Math.round(r.targetMs / 1000)),
        ...drCsv(r),
        r.earliestRestorable ?? '',
        r.latestRestorable ?? '',
        c['Covered by']!,
        c['Failed jobs']!,
        c['Opt-in']!,
        seconds(r.rtoMs),
        c.RTO!,
        r.rtoBasis,
        r.lastRestoreAt ?? '',
        seconds(r.longestRestore30dMs),
        seconds(r.rtoTargetMs),
        c['RTO verdict']!,
        r.rtoHint ?? '',
        c['What to do']!,
      ]
        .map((v) => csvField(plain(v)))
        .join(','),
    );
  }
  for (const f of report.failures)
    lines.push(
      [
        'NOT READ',
        f.account,
        '',
        f.region,
        ...Array<string>(cols.length - 5).fill(''),
        plain(`${f.message}${f.action ? ` (${f.action})` : ''}`),
      ]
        .map(csvField)
        .join(','),
    );
  return `${lines.join('\r\n')}\r\n`;
}

export function formatReport(report: PostureReport, format: PostureFormat): string {
  switch (format) {
    case 'table':
      return table(report);
    case 'markdown':
      return markdown(report);
    case 'csv':
      return csv(report);
    case 'json':
      return `${JSON.stringify(report, null, 2)}\n`;
  }
}
