// The restore timeline, drawn from the data the extension posts. Every text from AWS goes through
// textContent or setAttribute, never innerHTML. Marks are focusable: Tab walks them, details follow focus.
// TypeScript (media/tsconfig.json, DOM), bundled by scripts/build.mjs into dist/webview/timeline.js.
// Times are written and clicks become seconds by the domain core's own calendar and format
// (src/backup), so the second the page shows is the second the extension is asked for.
import { secondInWindow } from '../src/backup/calendar';
import { formatLocal, formatUtc } from '../src/backup/format';
import type { TimelineData } from '../src/explorer/timelineModel';

/** What the webview posts: ready to draw, drawn (with counts, for the tests), or a restore asked for. */
type Posted =
  | { type: 'ready' }
  | { type: 'drawn'; windows: number; snapshots: number; jobs: number }
  | { type: 'restore'; arn: string; at?: number };

/** The part of the webview API this script uses (https://code.visualstudio.com/api/extension-guides/webview). */
interface WebviewApi {
  postMessage(message: Posted): void;
  getState(): TimelineData | undefined;
  setState(state: TimelineData): void;
}

(function () {
  const vscode = (globalThis as unknown as { acquireVsCodeApi(): WebviewApi }).acquireVsCodeApi();
  const SVG = 'http://www.w3.org/2000/svg';
  const byId = (id: string): HTMLElement => {
    const e = document.getElementById(id);
    if (!e) throw new Error(`the timeline page has no #${id}`);
    return e;
  };
  const root = byId('timeline');
  const details = byId('details');
  const title = byId('title');

  function el(name: string, attrs: Record<string, string | number>, parent?: Element): SVGElement {
    const e = document.createElementNS(SVG, name);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
    if (parent) parent.appendChild(e);
    return e;
  }
  /** A moment in the viewer's time zone, and in UTC, as the explorer writes them (src/backup/format.ts). */
  function fmt(ms: number): string {
    const d = new Date(ms);
    return formatLocal(d) + ' (' + formatUtc(d) + ')';
  }
  function show(text: string): void {
    details.textContent = text;
  }
  function focusable(node: SVGElement, label: string): void {
    node.setAttribute('tabindex', '0');
    node.setAttribute('role', 'img');
    node.setAttribute('aria-label', label);
    node.classList.add('mark');
    node.addEventListener('focus', () => show(label));
    node.addEventListener('mouseenter', () => show(label));
  }

  /** A mark that starts a restore: a click (or Enter / Space) posts which point, and when. */
  function restorable(node: SVGElement, arn: string, timeAt?: (e: MouseEvent) => number): void {
    node.classList.add('restorable');
    node.addEventListener('click', (e: MouseEvent) => {
      vscode.postMessage({ type: 'restore', arn: arn, at: timeAt ? timeAt(e) : undefined });
    });
    node.addEventListener('keydown', (e: KeyboardEvent) => {
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        vscode.postMessage({ type: 'restore', arn: arn });
      }
    });
  }

  function draw(data: TimelineData): void {
    title.textContent =
      'Restore options for ' + data.resourceName + (data.resourceType ? ' (' + data.resourceType + ')' : '');
    while (root.firstChild) root.removeChild(root.firstChild);
    const W = Math.max(320, root.clientWidth || 600);
    const lanes = Math.max(1, data.windows.length);
    const H = 90 + lanes * 34;
    const svg = el('svg', { width: W, height: H, viewBox: '0 0 ' + W + ' ' + H }, root);
    const x = (t: number): number => 20 + ((t - data.start) / (data.end - data.start)) * (W - 40);
    /** The time under the pointer, inside a window [lo, hi]. */
    const timeAt = (e: MouseEvent, lo: number, hi: number): number => {
      const box = svg.getBoundingClientRect();
      const px = ((e.clientX - box.left) * W) / (box.width || W);
      const t = data.start + ((px - 20) / (W - 40)) * (data.end - data.start);
      return Math.min(hi, Math.max(lo, t));
    };
    // Axis with day ticks.
    el('line', { x1: 20, y1: H - 30, x2: W - 20, y2: H - 30, class: 'axis' }, svg);
    const day = 86400000;
    const step = Math.max(1, Math.ceil((data.end - data.start) / day / 10)) * day;
    for (let t = Math.ceil(data.start / day) * day; t < data.end; t += step) {
      el('line', { x1: x(t), y1: H - 34, x2: x(t), y2: H - 26, class: 'axis' }, svg);
      const label = el('text', { x: x(t), y: H - 12, class: 'tick', 'text-anchor': 'middle' }, svg);
      label.textContent = formatUtc(new Date(t)).slice(5, 10);
    }
    // Continuous windows as bars, one lane each.
    data.windows.forEach((w, i) => {
      const y = 20 + i * 34;
      const bar = el(
        'rect',
        {
          x: x(w.earliest),
          y: y,
          width: Math.max(2, x(w.latest) - x(w.earliest)),
          height: 18,
          rx: 3,
          class: 'window' + (w.status === 'STOPPED' ? ' stopped' : ''),
        },
        svg,
      );
      const label =
        'Continuous backup in ' +
        w.vault +
        (w.status === 'STOPPED' ? ' (STOPPED)' : '') +
        ': restorable from ' +
        fmt(w.earliest) +
        ' to ' +
        fmt(w.latest) +
        (w.notes.length ? '. ' + w.notes.join(' ') : '') +
        '. Click a moment to restore to that second; Enter to choose the time.';
      focusable(bar, label);
      restorable(bar, w.arn, (e) => timeAt(e, w.earliest, w.latest));
      // The second a click here asks for, as the extension reads it (src/backup/calendar.ts).
      bar.addEventListener('mousemove', (e: MouseEvent) => {
        const second = secondInWindow(w, timeAt(e, w.earliest, w.latest));
        show(second ? 'Click to restore to ' + fmt(second.getTime()) + '. ' + label : label);
      });
    });
    // Snapshots as marks on their own row.
    const sy = 20 + lanes * 34;
    data.snapshots.forEach((s) => {
      const m = el('circle', { cx: x(s.at), cy: sy + 8, r: 5, class: 'snapshot' }, svg);
      focusable(
        m,
        'Snapshot in ' +
          s.vault +
          ' at ' +
          fmt(s.at) +
          (s.status && s.status !== 'COMPLETED' ? ' (' + s.status + ')' : '') +
          (s.restorable ? '. Click or Enter to restore it.' : ''),
      );
      if (s.restorable) restorable(m, s.arn);
    });
    // Restore jobs as events.
    data.jobs.forEach((j) => {
      const m = el(
        'path',
        { d: 'M' + x(j.at) + ' ' + (sy + 24) + ' l6 10 h-12 z', class: 'job ' + j.status.toLowerCase() },
        svg,
      );
      focusable(
        m,
        'Restore job ' +
          j.id +
          ' started ' +
          fmt(j.at) +
          ': ' +
          j.status +
          (j.message ? ' — ' + j.message : ''),
      );
    });
    // Now, and the restore lag before it.
    if (data.lagMinutes) {
      const lagStart = data.now - data.lagMinutes * 60000;
      const lag = el(
        'rect',
        {
          x: x(lagStart),
          y: 10,
          width: Math.max(2, x(data.now) - x(lagStart)),
          height: H - 40,
          class: 'lag',
        },
        svg,
      );
      focusable(lag, 'Restore lag: the last ' + data.lagMinutes + ' minutes cannot be restored yet');
    }
    const now = el('line', { x1: x(data.now), y1: 6, x2: x(data.now), y2: H - 30, class: 'now' }, svg);
    focusable(now, 'Now: ' + fmt(data.now));
    show(
      data.windows.length
        ? 'Tab through the marks, or point at them, for details. Click a moment of a window to restore to it.'
        : 'No continuous backup for this resource: only snapshots can be restored.',
    );
  }

  let last: TimelineData | undefined;
  window.addEventListener('message', (e: MessageEvent<{ type?: string; data: TimelineData }>) => {
    if (e.data && e.data.type === 'timeline') {
      const data = e.data.data;
      vscode.setState(data);
      last = data;
      draw(data);
      vscode.postMessage({
        type: 'drawn',
        windows: data.windows.length,
        snapshots: data.snapshots.length,
        jobs: data.jobs.length,
      });
    }
  });
  window.addEventListener('resize', () => {
    if (last) draw(last);
  });
  const saved = vscode.getState();
  if (saved) {
    last = saved;
    draw(saved);
  }
  vscode.postMessage({ type: 'ready' });
})();
