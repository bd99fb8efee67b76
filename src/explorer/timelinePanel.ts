import * as vscode from 'vscode';
import { strictPage, webviewRoots } from '../ui/webviewPage';
import type { BackupApi } from '../aws/backupApi';
import type { PointSummary } from '../backup/recoveryPoint';
import { secondInWindow } from '../backup/calendar';
import { loadTimeline, type Timeline } from './timelineModel';

/**
 * The timeline webview: a strict CSP (no inline script, a nonce, only this extension's media), the
 * data posted as a message (never spliced into HTML), theme colours from VS Code's CSS variables.
 * A click on a continuous window or a snapshot asks to restore from it: the webview only names a
 * point it was given and a time; both are checked here before anything is asked of the user.
 */

/** Where a restore from the timeline begins: a point drawn on it and, for a window, the second clicked. */
export interface TimelineRestore {
  api: BackupApi;
  vault: string;
  point: PointSummary;
  time?: Date;
}

/** What the webview reports it drew. */
export interface DrawnCounts {
  windows: number;
  snapshots: number;
  jobs: number;
}

export class TimelinePanel {
  static readonly viewType = 'awsBackupPitr.timeline';
  private drawn: DrawnCounts | undefined;
  private readonly drawnEmitter = new vscode.EventEmitter<DrawnCounts>();

  /** Resolves when the webview has drawn the data (at once if it already has). */
  whenDrawn(): Promise<DrawnCounts> {
    if (this.drawn) return Promise.resolve(this.drawn);
    return new Promise((resolve) => {
      const sub = this.drawnEmitter.event((d) => {
        sub.dispose();
        resolve(d);
      });
    });
  }

  private constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly timeline: Timeline,
    private readonly api: BackupApi,
    private readonly onRestore: (r: TimelineRestore) => unknown,
  ) {
    panel.onDidDispose(() => this.drawnEmitter.dispose());
    panel.webview.onDidReceiveMessage(
      (m: {
        type?: string;
        windows?: number;
        snapshots?: number;
        jobs?: number;
        arn?: unknown;
        at?: unknown;
      }) => {
        if (m.type === 'ready')
          void panel.webview.postMessage({ type: 'timeline', data: this.timeline.data });
        if (m.type === 'drawn') {
          this.drawn = { windows: m.windows ?? 0, snapshots: m.snapshots ?? 0, jobs: m.jobs ?? 0 };
          this.drawnEmitter.fire(this.drawn);
        }
        if (m.type === 'restore') {
          const r = this.restoreFor(m.arn, m.at);
          if (r) this.onRestore(r);
        }
      },
    );
  }

  /** A restore for a point this timeline drew (anything else from the webview is ignored). */
  restoreFor(arn: unknown, at: unknown): TimelineRestore | undefined {
    const found = typeof arn === 'string' ? this.timeline.points.get(arn) : undefined;
    if (!found) return undefined;
    const w = this.timeline.data.windows.find((x) => x.arn === arn);
    const time = w && typeof at === 'number' ? secondInWindow(w, at) : undefined;
    return { api: this.api, vault: found.vault, point: found.point, ...(time ? { time } : {}) };
  }

  static async show(
    extensionUri: vscode.Uri,
    api: BackupApi,
    resourceArn: string,
    resourceType: string | undefined,
    onRestore: (r: TimelineRestore) => unknown,
  ): Promise<TimelinePanel> {
    const timeline = await loadTimeline(api, resourceArn, resourceType, new Date());
    const data = timeline.data;
    const panel = vscode.window.createWebviewPanel(
      TimelinePanel.viewType,
      `Timeline: ${data.resourceName}`,
      vscode.ViewColumn.Active,
      {
        enableScripts: true,
        localResourceRoots: webviewRoots(extensionUri),
      },
    );
    const instance = new TimelinePanel(panel, timeline, api, onRestore);
    panel.webview.html = strictPage(panel.webview, extensionUri, {
      title: 'Timeline',
      css: 'timeline.css',
      js: 'timeline.js',
      body: `<h1 id="title">Restore options</h1>
<div class="legend"><span>▬ continuous window</span><span>● snapshot</span><span>▲ restore job</span><span>│ now</span><span>░ restore lag</span></div>
<div id="timeline"></div>
<div id="details" aria-live="polite"></div>`,
    });
    return instance;
  }
}
