import * as vscode from 'vscode';
import type { BackupApi } from '../aws/backupApi';
import type { ExplorerContext, ExplorerNode } from './nodes/base';
import { ConnectionNode } from './nodes/connection';
import { RestoreJobsNode } from './nodes/jobs';

const COLLAPSE: Record<string, vscode.TreeItemCollapsibleState> = {
  none: vscode.TreeItemCollapsibleState.None,
  collapsed: vscode.TreeItemCollapsibleState.Collapsed,
  expanded: vscode.TreeItemCollapsibleState.Expanded,
};

/** Adapts the explorer model to a TreeDataProvider; refreshes one node at a time. */
export class ExplorerTreeProvider implements vscode.TreeDataProvider<ExplorerNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<ExplorerNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private roots: ConnectionNode[] = [];
  private readonly polls = new Map<RestoreJobsNode, { timer: NodeJS.Timeout; delay: number }>();
  visible = false;

  constructor(
    private readonly pageSize: () => number,
    private readonly jobsDays: () => number = () => 14,
  ) {}

  /** One connection node per Region. */
  setApis(apis: readonly BackupApi[]): void {
    this.stopPolling();
    this.roots = apis.map((api) => new ConnectionNode(this.context(api)));
    this.emitter.fire(undefined);
  }

  private context(api: BackupApi): ExplorerContext {
    return {
      api,
      now: () => new Date(),
      pageSize: this.pageSize(),
      jobsDays: this.jobsDays(),
      changed: (n) => this.emitter.fire(n),
      startedHere: (id) => this.startedHere(id),
    };
  }

  /** Set by the restore feature: jobs it started are marked in the Restore jobs group. */
  startedHere: (restoreJobId: string) => boolean = () => false;

  /** The first connection node (the connection's own Region). */
  get rootNode(): ConnectionNode | undefined {
    return this.roots[0];
  }

  get rootNodes(): readonly ConnectionNode[] {
    return this.roots;
  }

  getTreeItem(node: ExplorerNode): vscode.TreeItem {
    const v = node.view();
    const item = new vscode.TreeItem(v.label, COLLAPSE[v.collapsible]);
    item.id = node.id;
    if (v.description) item.description = v.description;
    // Plain strings: text from AWS is never rendered as Markdown or HTML.
    if (v.tooltip) item.tooltip = v.tooltip;
    if (v.icon)
      item.iconPath = new vscode.ThemeIcon(
        v.icon.id,
        v.icon.color ? new vscode.ThemeColor(v.icon.color) : undefined,
      );
    item.contextValue = v.contextValue;
    if (v.command) item.command = v.command;
    return item;
  }

  async getChildren(node?: ExplorerNode): Promise<ExplorerNode[]> {
    if (!node) return this.roots;
    const kids = await node.children();
    for (const k of kids) k.parent ??= node;
    if (node instanceof RestoreJobsNode) this.schedulePoll(node);
    return kids;
  }

  getParent(node: ExplorerNode): ExplorerNode | undefined {
    return node.parent;
  }

  /** Refreshes one node (its next expansion loads again), or everything. */
  refresh(node?: ExplorerNode): void {
    if (node) node.reset();
    else this.setApis(this.roots.map((r) => r.ctx.api));
    this.emitter.fire(node);
  }

  /** Running restore jobs refresh themselves with backoff (5 s doubling to 60 s), while the view is visible. */
  private schedulePoll(jobs: RestoreJobsNode): void {
    const current = this.polls.get(jobs);
    clearTimeout(current?.timer);
    if (!jobs.hasRunning || !this.visible) {
      this.polls.delete(jobs);
      return;
    }
    const delay = current ? Math.min(current.delay * 2, 60_000) : 5_000;
    this.polls.set(jobs, { delay, timer: setTimeout(() => this.refresh(jobs), delay) });
  }

  private stopPolling(): void {
    for (const p of this.polls.values()) clearTimeout(p.timer);
    this.polls.clear();
  }

  dispose(): void {
    this.stopPolling();
    this.emitter.dispose();
  }
}
