import * as vscode from 'vscode';
import { strictPage, webviewRoots } from '../../ui/webviewPage';
import type { PostureRow } from '../compute';
import { coveredText, protectionText, rpoText, typeText } from '../format';
import type { PostureReport } from '../report';
import { formatDuration } from '../targets';
import { rtoView } from './rtoView';
import { drView } from './drView';
import type { ExportFormat, FromPostureView, ToPostureView, ViewRow } from './viewModel';

/**
 * The recovery posture webview: the timeline's strict CSP (no inline script, a nonce, only this
 * extension's media, src/explorer/timelinePanel.ts), the report posted as a message (never spliced
 * into HTML), and text from AWS set with textContent only (media/posture.ts). The webview names rows
 * by the ids it was given; anything else it sends is ignored.
 */

type PostureAction = 'open' | 'restore';

/** A message from the webview as it arrives: any of the fields its messages have, each unchecked. */
type Untrusted<T> = { [K in T extends unknown ? keyof T : never]?: unknown };

/** What the webview reports it drew. */
interface PostureDrawn {
  rows: number;
  /** The verdicts top to bottom, as shown. */
  verdicts: string[];
  failures: number;
  /** The RTO cells top to bottom, as shown ("never restored" included). */
  rto: string[];
  /** The rows drawn with the "never restored" mark. */
  neverMarked: number;
  /** The DR RPO cells top to bottom, and the strips of days drawn (two per row). */
  dr: string[];
  strips: number;
}

interface PanelHandlers {
  refresh(): void;
  cancel(): void;
  act(action: PostureAction, row: PostureRow): void;
  export(format: ExportFormat): void;
  /**
   * Whether a row's timeline can be opened here (its connection is the explorer's): asked once per
   * report, for a test that then answers every row without reading the connections again.
   */
  openable(): (row: PostureRow) => boolean;
}

export class PosturePanel implements vscode.Disposable {
  static readonly viewType = 'awsBackupPitr.posture';
  private rows = new Map<string, PostureRow>();
  private ready = false;
  private pending: ToPostureView[] = [];
  private drawn: PostureDrawn | undefined;
  private readonly drawnEmitter = new vscode.EventEmitter<PostureDrawn>();
  private readonly waiting: (() => void)[] = [];
  report: PostureReport | undefined;

  private constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly handlers: PanelHandlers,
  ) {
    // A panel closed while a report is on its way: whoever waits for it to be drawn stops waiting.
    panel.onDidDispose(() => {
      for (const stop of this.waiting.splice(0)) stop();
      this.drawnEmitter.dispose();
    });
    panel.webview.onDidReceiveMessage((m: Untrusted<FromPostureView>) => {
      switch (m.type) {
        case 'ready':
          this.ready = true;
          for (const p of this.pending.splice(0)) void panel.webview.postMessage(p);
          break;
        case 'refresh':
          handlers.refresh();
          break;
        case 'cancel':
          handlers.cancel();
          break;
        case 'open':
        case 'restore': {
          const row = typeof m.id === 'string' ? this.rows.get(m.id) : undefined;
          if (row) handlers.act(m.type, row);
          break;
        }
        case 'export':
          if (m.format === 'markdown' || m.format === 'csv' || m.format === 'json') handlers.export(m.format);
          break;
        case 'drawn':
          this.drawn = {
            rows: typeof m.rows === 'number' ? m.rows : 0,
            verdicts: Array.isArray(m.verdicts) ? m.verdicts.map(String) : [],
            failures: typeof m.failures === 'number' ? m.failures : 0,
            rto: Array.isArray(m.rto) ? m.rto.map(String) : [],
            neverMarked: typeof m.neverMarked === 'number' ? m.neverMarked : 0,
            dr: Array.isArray(m.dr) ? m.dr.map(String) : [],
            strips: typeof m.strips === 'number' ? m.strips : 0,
          };
          this.drawnEmitter.fire(this.drawn);
          break;
      }
    });
  }

  private post(message: ToPostureView): void {
    if (this.ready) void this.panel.webview.postMessage(message);
    else this.pending.push(message);
  }

  /** Resolves when the webview has drawn the next report, or with undefined when the panel closes first. */
  whenDrawn(): Promise<PostureDrawn | undefined> {
    return new Promise((resolve) => {
      const stop = (): void => {
        sub.dispose();
        resolve(undefined);
      };
      const sub = this.drawnEmitter.event((d) => {
        sub.dispose();
        this.waiting.splice(this.waiting.indexOf(stop), 1);
        resolve(d);
      });
      this.waiting.push(stop);
    });
  }

  get lastDrawn(): PostureDrawn | undefined {
    return this.drawn;
  }

  progress(text: string | undefined): void {
    this.post({ type: 'progress', text: text ?? '' });
  }

  show(report: PostureReport): void {
    this.report = report;
    this.rows = new Map(report.rows.map((r, i) => [String(i), r]));
    const canOpen = this.handlers.openable();
    const view: ViewRow[] = report.rows.map((r, i) => ({
      id: String(i),
      verdict: r.verdict,
      account: r.accountId ? `${r.account} (${r.accountId})` : r.account,
      region: r.region,
      resource: r.resourceName ?? r.resourceArn,
      arn: r.resourceArn,
      type: typeText(r),
      protection: protectionText(r) + (r.stopReason ? `: ${r.stopReason}` : ''),
      rpoMs: r.rpoMs,
      rpo: rpoText(r),
      targetMs: r.targetMs,
      target: formatDuration(r.targetMs),
      ...rtoView(r),
      earliest: r.earliestRestorable?.replace(/\.\d{3}Z$/, 'Z') ?? '',
      coveredBy: coveredText(r),
      failedJobs: r.failedJobs.map((j) => `${j.at.slice(0, 10)}: ${j.message}`).join('\n'),
      optIn: r.optedIn === undefined ? 'unknown' : r.optedIn ? 'opted in' : 'NOT opted in',
      todo: r.todo.join('\n'),
      notes: r.notes.join('\n'),
      canOpen: canOpen(r),
      canRestore: r.recoveryPointArn !== undefined,
      ...drView(r),
    }));
    this.post({
      type: 'report',
      data: {
        now: report.now,
        rows: view,
        failures: report.failures,
        warnings: report.warnings,
      },
    });
  }

  dispose(): void {
    this.panel.dispose();
  }

  static create(extensionUri: vscode.Uri, handlers: PanelHandlers): PosturePanel {
    const panel = vscode.window.createWebviewPanel(
      PosturePanel.viewType,
      'Recovery posture',
      vscode.ViewColumn.Active,
      { enableScripts: true, localResourceRoots: webviewRoots(extensionUri), retainContextWhenHidden: true },
    );
    const instance = new PosturePanel(panel, handlers);
    panel.webview.html = strictPage(panel.webview, extensionUri, {
      title: 'Recovery posture',
      css: 'posture.css',
      js: 'posture.js',
      body: `<h1>Recovery posture</h1>
<div class="toolbar">
<button id="refresh" type="button">Refresh</button>
<button id="cancel" type="button" disabled>Cancel</button>
<label>Filter <input id="filter" type="search" placeholder="account, Region, name, type…"></label>
<label><input id="breaches" type="checkbox"> Breaches only</label>
<span class="export">Export <button type="button" data-format="markdown">Markdown</button><button type="button" data-format="csv">CSV</button><button type="button" data-format="json">JSON</button></span>
</div>
<div id="status" role="status" aria-live="polite"></div>
<ul id="failures"></ul>
<table id="table"><thead><tr></tr></thead><tbody></tbody></table>
<div id="details" aria-live="polite"></div>`,
    });
    return instance;
  }
}
