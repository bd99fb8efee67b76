import * as vscode from 'vscode';
import type { BackupApi } from '../aws/backupApi';
import { ConnectionNode, RestoreJobsNode, type ExplorerContext, type ExplorerNode } from './model';

const COLLAPSE: Record<string, vscode.TreeItemCollapsibleState> = {
  none: vscode.TreeItemCollapsibleState.None,
  collapsed: vscode.TreeItemCollapsibleState.Collapsed,
  expanded: vscode.TreeItemCollapsibleState.Expanded,
};

/** Adapts the explorer model to a TreeDataProvider; refreshes one node at a time. */
export class ExplorerTreeProvider implements vscode.TreeDataProvider<ExplorerNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<ExplorerNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private root: ConnectionNode | undefined;
  private pollTimer: NodeJS.Timeout | undefined;
  private pollDelay = 5_000;
  visible = false;

  constructor(private readonly pageSize: () => number) {}

  setApi(api: BackupApi | undefined): void {
    this.root = api ? new ConnectionNode(this.context(api)) : undefined;
    this.emitter.fire(undefined);
  }

  private context(api: BackupApi): ExplorerContext {
    return { api, now: () => new Date(), pageSize: this.pageSize(), changed: (n) => this.emitter.fire(n) };
  }

  get rootNode(): ConnectionNode | undefined {
    return this.root;
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
    if (!node) return this.root ? [this.root] : [];
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
    else if (this.root) this.setApi(this.root.ctx.api);
    this.emitter.fire(node);
  }

  /** Running restore jobs refresh themselves with backoff, while the view is visible. */
  private schedulePoll(jobs: RestoreJobsNode): void {
    clearTimeout(this.pollTimer);
    if (!jobs.hasRunning) {
      this.pollDelay = 5_000;
      return;
    }
    if (!this.visible) return;
    this.pollTimer = setTimeout(() => {
      this.pollDelay = Math.min(this.pollDelay * 2, 60_000);
      this.refresh(jobs);
    }, this.pollDelay);
  }

  dispose(): void {
    clearTimeout(this.pollTimer);
    this.emitter.dispose();
  }
}
