// The recovery posture table, drawn from the report the extension posts. Every text from AWS goes
// through textContent or setAttribute, never innerHTML. Sorting, filtering and the row actions are
// buttons and inputs: Tab reaches them, Enter and Space use them.
// TypeScript (media/tsconfig.json, DOM), bundled by scripts/build.mjs into dist/webview/posture.js,
// against the messages the panel posts and takes back (src/posture/editor/viewModel.ts).
import type {
  FromPostureView,
  PostureViewData,
  ToPostureView,
  ViewRow,
} from '../src/posture/editor/viewModel';

/** The part of the webview API this script uses (https://code.visualstudio.com/api/extension-guides/webview). */
interface PostureWebviewApi {
  postMessage(message: FromPostureView): void;
}
type ColumnKey = keyof ViewRow | 'actions';

(function () {
  const vscode = (globalThis as unknown as { acquireVsCodeApi(): PostureWebviewApi }).acquireVsCodeApi();
  const SVG = 'http://www.w3.org/2000/svg';
  /** The element with this id, of this type; the page is the panel's own, so a missing one is a bug. */
  const byId = <T extends HTMLElement>(id: string, type: new () => T): T => {
    const e = document.getElementById(id);
    if (!(e instanceof type)) throw new Error(`the posture page has no ${type.name} #${id}`);
    return e;
  };
  const child = (parent: ParentNode, selector: string): Element => {
    const e = parent.querySelector(selector);
    if (!e) throw new Error(`the posture page has no ${selector}`);
    return e;
  };
  const table = byId('table', HTMLTableElement);
  const head = child(table, 'thead tr');
  const body = child(table, 'tbody');
  const status = byId('status', HTMLElement);
  const failures = byId('failures', HTMLElement);
  const details = byId('details', HTMLElement);
  const filter = byId('filter', HTMLInputElement);
  const breaches = byId('breaches', HTMLInputElement);
  const refresh = byId('refresh', HTMLButtonElement);
  const cancel = byId('cancel', HTMLButtonElement);

  // The log time axis of the bars: 1 minute to 60 days.
  const AXIS_MIN = 60000;
  const AXIS_MAX = 60 * 86400000;
  const BAR_W = 160;
  const x = (ms: number): number => {
    const v = Math.min(AXIS_MAX, Math.max(AXIS_MIN, ms));
    return (Math.log(v / AXIS_MIN) / Math.log(AXIS_MAX / AXIS_MIN)) * BAR_W;
  };

  const COLUMNS: { key: ColumnKey; label: string; unsortable?: boolean }[] = [
    { key: 'verdict', label: 'Verdict' },
    { key: 'account', label: 'Account' },
    { key: 'region', label: 'Region' },
    { key: 'resource', label: 'Resource' },
    { key: 'type', label: 'Type' },
    { key: 'protection', label: 'Protection' },
    { key: 'rpoMs', label: 'RPO here, and after losing the Region, vs targets (log scale)' },
    { key: 'drRpoMs', label: 'DR RPO / target' },
    { key: 'days', label: 'Last days: RPO, DR RPO', unsortable: true },
    { key: 'rtoMs', label: 'RTO (latest restore) vs target' },
    { key: 'earliest', label: 'Earliest restorable' },
    { key: 'todo', label: 'What to do' },
    { key: 'actions', label: 'Actions', unsortable: true },
  ];
  let rows: ViewRow[] = [];
  let failureCount = 0;
  // Breaches first, as the extension sends them, until a header is chosen.
  let sort: { key: ColumnKey | null; dir: number } = { key: null, dir: 1 };

  function text<K extends keyof HTMLElementTagNameMap>(
    tag: K,
    value: string,
    cls?: string,
  ): HTMLElementTagNameMap[K] {
    const e = document.createElement(tag);
    e.textContent = value;
    if (cls) e.className = cls;
    return e;
  }

  function drawHead(): void {
    while (head.firstChild) head.removeChild(head.firstChild);
    for (const c of COLUMNS) {
      const th = document.createElement('th');
      th.setAttribute('scope', 'col');
      if (c.unsortable) th.textContent = c.label;
      else {
        const b = text('button', c.label, 'sort');
        b.type = 'button';
        b.addEventListener('click', () => {
          sort = { key: c.key, dir: sort.key === c.key ? -sort.dir : 1 };
          drawBody();
          drawHead();
        });
        th.appendChild(b);
        th.setAttribute(
          'aria-sort',
          sort.key === c.key ? (sort.dir > 0 ? 'ascending' : 'descending') : 'none',
        );
      }
      head.appendChild(th);
    }
  }

  function bar(r: ViewRow): SVGSVGElement {
    const svg = document.createElementNS(SVG, 'svg');
    svg.setAttribute('width', String(BAR_W + 4));
    svg.setAttribute('height', '14');
    svg.setAttribute('role', 'img');
    // Here on top, after losing the Region below, on the same axis: the gap is what the eye sees.
    const lane = (ms: number | null, target: number | null, miss: boolean, y: number, cls: string): void => {
      const rect = document.createElementNS(SVG, 'rect');
      rect.setAttribute('x', '0');
      rect.setAttribute('y', String(y));
      rect.setAttribute('height', '5');
      rect.setAttribute('width', String(ms === null ? BAR_W : Math.max(2, x(ms))));
      rect.setAttribute('class', cls + (miss ? ' miss' : '') + (ms === null ? ' none' : ''));
      svg.appendChild(rect);
      if (target === null) return;
      const t = document.createElementNS(SVG, 'line');
      t.setAttribute('x1', String(x(target)));
      t.setAttribute('x2', String(x(target)));
      t.setAttribute('y1', String(y - 1));
      t.setAttribute('y2', String(y + 6));
      t.setAttribute('class', 'target');
      svg.appendChild(t);
    };
    lane(r.rpoMs, r.targetMs, r.verdict === 'misses', 1, 'rpo');
    lane(r.drRpoMs, r.drTargetMs, r.drVerdict === 'misses', 8, 'rpo dr');
    svg.setAttribute(
      'aria-label',
      'RPO here ' +
        r.rpo +
        ', target ' +
        r.target +
        '; after losing the Region ' +
        r.drRpo +
        ', ' +
        r.drTarget,
    );
    return svg;
  }

  /**
   * A strip of days, oldest first: green met all day, amber part of it, red not at all, grey unknown.
   * Its text alternative lists every day in words.
   */
  function strip(cells: ViewRow['days'], what: string): SVGSVGElement {
    const svg = document.createElementNS(SVG, 'svg');
    svg.setAttribute('width', String(cells.length * 5 + 2));
    svg.setAttribute('height', '8');
    svg.setAttribute('role', 'img');
    svg.setAttribute('class', 'strip');
    const count = (s: string): number => cells.filter((c) => c.state === s).length;
    svg.setAttribute(
      'aria-label',
      what +
        ', last ' +
        cells.length +
        ' days: ' +
        count('met') +
        ' met, ' +
        count('part') +
        ' met part of the day, ' +
        count('missed') +
        ' missed, ' +
        count('unknown') +
        ' unknown. ' +
        cells.map((c) => c.text).join('; '),
    );
    cells.forEach((c, i) => {
      const d = document.createElementNS(SVG, 'rect');
      d.setAttribute('x', String(i * 5));
      d.setAttribute('y', '1');
      d.setAttribute('width', '4');
      d.setAttribute('height', '6');
      d.setAttribute('class', 'day ' + c.state);
      const title = document.createElementNS(SVG, 'title');
      title.textContent = c.text;
      d.appendChild(title);
      svg.appendChild(d);
    });
    return svg;
  }

  /** A breach of its RTO target: a restore over it, or none to show it is met. */
  const rtoBreach = (r: ViewRow): boolean => r.rtoVerdict === 'misses' || r.rtoVerdict === 'untested';

  function rtoCell(r: ViewRow): HTMLTableCellElement {
    const td = document.createElement('td');
    td.className = 'rto-cell' + (r.rtoMs === null ? ' never' : '') + (rtoBreach(r) ? ' miss' : '');
    td.appendChild(text('span', r.rto, r.rtoMs === null ? 'never-badge' : 'rto-text'));
    if (r.rtoTarget) td.appendChild(text('span', ' / ' + r.rtoTarget, 'rto-target'));
    if (r.rtoVerdict !== 'no target') td.appendChild(text('span', ' ' + r.rtoVerdict, 'rto-verdict'));
    td.title = r.rtoDetail;
    return td;
  }

  function visible(): ViewRow[] {
    const q = filter.value.trim().toLowerCase();
    let out = rows.filter(
      (r) =>
        (!breaches.checked || r.verdict === 'misses' || rtoBreach(r)) &&
        (!q ||
          [
            r.verdict,
            r.account,
            r.region,
            r.resource,
            r.arn,
            r.type,
            r.protection,
            r.rto,
            r.rtoVerdict,
            r.todo,
          ]
            .join(' ')
            .toLowerCase()
            .includes(q)),
    );
    if (sort.key) {
      const k = sort.key;
      const val = (r: ViewRow): string | number | boolean =>
        k === 'rpoMs'
          ? r.rpoMs === null
            ? Infinity
            : r.rpoMs / r.targetMs
          : k === 'rtoMs'
            ? r.rtoMs === null
              ? Infinity
              : r.rtoMs / (r.rtoTargetMs ?? 1)
            : k === 'drRpoMs'
              ? (r.drRpoMs ?? Infinity)
              : k === 'actions' || k === 'days' || k === 'drDays'
                ? ''
                : (r[k] ?? '');
      out = out.slice().sort((a, b) => {
        const va = val(a);
        const vb = val(b);
        return (va < vb ? -1 : va > vb ? 1 : 0) * sort.dir;
      });
    }
    return out;
  }

  function action(
    label: string,
    type: 'open' | 'restore',
    r: ViewRow,
    enabled: boolean,
    why: string,
  ): HTMLButtonElement {
    const b = text('button', label, 'action');
    b.type = 'button';
    b.disabled = !enabled;
    b.title = enabled ? label + ' ' + r.resource : why;
    b.setAttribute('aria-label', label + ' ' + r.resource);
    b.addEventListener('click', () => vscode.postMessage({ type: type, id: r.id }));
    return b;
  }

  function drawBody(): void {
    while (body.firstChild) body.removeChild(body.firstChild);
    const shown = visible();
    for (const r of shown) {
      const tr = document.createElement('tr');
      const drMiss = r.drVerdict === 'misses';
      tr.className = r.verdict === 'misses' || drMiss ? 'miss' : 'meets';
      tr.appendChild(
        text(
          'td',
          r.verdict === 'misses' ? 'MISSES' : drMiss ? 'MISSES after losing the Region' : 'meets',
          'verdict',
        ),
      );
      tr.appendChild(text('td', r.account));
      tr.appendChild(text('td', r.region));
      const name = text('td', r.resource);
      name.title = r.arn;
      tr.appendChild(name);
      tr.appendChild(text('td', r.type));
      tr.appendChild(text('td', r.protection));
      const rpo = document.createElement('td');
      rpo.className = 'rpo-cell';
      rpo.appendChild(bar(r));
      rpo.appendChild(text('span', r.rpo + ' / ' + r.target, 'rpo-text'));
      tr.appendChild(rpo);
      tr.appendChild(text('td', r.drRpo + ' / ' + r.drTarget, drMiss ? 'dr miss' : 'dr'));
      const days = document.createElement('td');
      days.appendChild(strip(r.days, 'RPO here'));
      days.appendChild(strip(r.drDays, 'DR RPO'));
      tr.appendChild(days);
      tr.appendChild(rtoCell(r));
      tr.appendChild(text('td', r.earliest));
      tr.appendChild(text('td', r.todo, 'todo'));
      const acts = document.createElement('td');
      acts.appendChild(
        action(
          'Timeline',
          'open',
          r,
          r.canOpen,
          'Only the explorer’s own account and Region open a timeline here',
        ),
      );
      acts.appendChild(action('Restore…', 'restore', r, r.canRestore, 'Nothing to restore from'));
      tr.appendChild(acts);
      tr.tabIndex = 0;
      const info = (): void => {
        details.textContent = [
          r.resource + ' (' + r.arn + ')',
          'Covered by: ' + (r.coveredBy || 'no plan found'),
          'Opt-in of ' + r.type + ': ' + r.optIn,
          r.rtoDetail,
          r.failedJobs ? 'Failed backup jobs:\n' + r.failedJobs : '',
          r.notes,
        ]
          .filter(Boolean)
          .join('\n');
      };
      tr.addEventListener('focus', info);
      tr.addEventListener('mouseenter', info);
      body.appendChild(tr);
    }
    vscode.postMessage({
      type: 'drawn',
      rows: shown.length,
      verdicts: shown.map((r) => r.verdict),
      failures: failureCount,
      dr: shown.map((r) => r.drRpo),
      strips: body.querySelectorAll('svg.strip').length,
      rto: shown.map((r) => r.rto),
      neverMarked: body.querySelectorAll('.never-badge').length,
    });
  }

  function drawFailures(list: PostureViewData['failures'], warnings: PostureViewData['warnings']): void {
    while (failures.firstChild) failures.removeChild(failures.firstChild);
    for (const f of list)
      failures.appendChild(
        text(
          'li',
          f.account + ' · ' + f.region + ': not read: ' + f.message + (f.action ? ' (' + f.action + ')' : ''),
          'failure',
        ),
      );
    for (const w of warnings)
      failures.appendChild(text('li', w.account + ' · ' + w.region + ': ' + w.message, 'warning'));
  }

  filter.addEventListener('input', drawBody);
  breaches.addEventListener('change', drawBody);
  refresh.addEventListener('click', () => vscode.postMessage({ type: 'refresh' }));
  cancel.addEventListener('click', () => vscode.postMessage({ type: 'cancel' }));
  for (const b of document.querySelectorAll('button[data-format]'))
    b.addEventListener('click', () => {
      const format = b.getAttribute('data-format');
      vscode.postMessage({
        type: 'export',
        format: format === 'markdown' || format === 'csv' || format === 'json' ? format : null,
      });
    });

  window.addEventListener('message', (e: MessageEvent<ToPostureView>) => {
    const m = e.data;
    if (m.type === 'progress') {
      status.textContent = m.text;
      const busy = m.text.startsWith('Reading');
      cancel.disabled = !busy;
      refresh.disabled = busy;
    }
    if (m.type === 'report') {
      rows = m.data.rows;
      failureCount = m.data.failures.length;
      const miss = rows.filter((r) => r.verdict === 'misses').length;
      status.textContent =
        rows.length +
        ' resources, ' +
        miss +
        ' missing their RPO target, ' +
        failureCount +
        ' account–Regions not read (at ' +
        m.data.now +
        '); ' +
        rows.filter((r) => r.rtoMs === null).length +
        ' never restored';
      cancel.disabled = true;
      refresh.disabled = false;
      drawFailures(m.data.failures, m.data.warnings);
      drawHead();
      drawBody();
    }
  });
  drawHead();
  vscode.postMessage({ type: 'ready' });
})();
