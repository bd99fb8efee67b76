import * as vscode from 'vscode';

/**
 * The explorer view's data provider until the explorer is loaded: the view exists from activation
 * (so its welcome content and title actions show), and its first request for items loads the
 * explorer, which then answers every request.
 */
export class LazyTreeHost implements vscode.TreeDataProvider<unknown>, vscode.Disposable {
  private real: vscode.TreeDataProvider<unknown> | undefined;
  private readonly emitter = new vscode.EventEmitter<unknown>();
  private forward: vscode.Disposable | undefined;
  readonly onDidChangeTreeData = this.emitter.event;

  constructor(private readonly load: () => void) {}

  /** The explorer's own provider takes over. */
  attach(provider: vscode.TreeDataProvider<unknown>): void {
    this.real = provider;
    this.forward = provider.onDidChangeTreeData?.((e) => this.emitter.fire(e));
    this.emitter.fire(undefined);
  }

  private provider(): vscode.TreeDataProvider<unknown> {
    if (!this.real) this.load();
    if (!this.real) throw new Error('the AWS Backup explorer did not load');
    return this.real;
  }

  getTreeItem(element: unknown): vscode.TreeItem | Thenable<vscode.TreeItem> {
    return this.provider().getTreeItem(element);
  }

  getChildren(element?: unknown): vscode.ProviderResult<unknown[]> {
    return this.provider().getChildren(element);
  }

  getParent(element: unknown): vscode.ProviderResult<unknown> {
    return this.provider().getParent?.(element);
  }

  dispose(): void {
    this.forward?.dispose();
    this.emitter.dispose();
  }
}
