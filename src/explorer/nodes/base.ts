/**
 * The explorer's tree, without `vscode`: nodes know their label, icon, menus and children, and load
 * their children through the door to AWS. The vscode layer only turns them into TreeItems. This file:
 * what every node shares (the base class, its context), and the generic nodes (errors, messages,
 * lists).
 */
import { messageOf } from '../../aws/awsText';
import type { BackupApi, Page } from '../../aws/backupApi';
import { AwsAccessError } from '../../aws/errors';

export interface Icon {
  /** A codicon id. */
  id: string;
  /** A theme colour id. */
  color?: string;
}

export interface NodeView {
  label: string;
  description?: string;
  tooltip?: string;
  icon?: Icon;
  /** Drives the context menus (`viewItem == …`). */
  contextValue: string;
  collapsible: 'none' | 'collapsed' | 'expanded';
  /** A command run on click (load more, retry). */
  command?: { command: string; title: string; arguments: unknown[] };
}

export interface ExplorerContext {
  api: BackupApi;
  /** Days of jobs the Jobs groups list (default 14). */
  jobsDays?: number;
  now: () => Date;
  pageSize: number;
  /** The user's time zone (undefined: the runtime's). */
  timeZone?: string;
  /** Called when a node's children changed without a new load (load more, filter). */
  changed(node: ExplorerNode | undefined): void;
  /** Whether a restore job was started from this extension (marked "started here"). */
  startedHere?(restoreJobId: string): boolean;
}

export abstract class ExplorerNode {
  abstract readonly id: string;
  abstract view(): NodeView;
  /** Loads the children; an AwsAccessError becomes an error node with a retry. */
  children(_signal?: AbortSignal): Promise<ExplorerNode[]> {
    return Promise.resolve([]);
  }
  parent?: ExplorerNode;
  /** Drops what this node loaded, so the next expansion loads again. */
  reset(): void {}
  /** An ARN to copy, a JSON document to show. */
  arn?(): string | undefined;
  details?(): unknown;
}

export function errorChildren(parent: ExplorerNode, what: string, e: unknown): ExplorerNode[] {
  return [new ErrorNode(parent, what, e)];
}

export class ErrorNode extends ExplorerNode {
  readonly id: string;
  constructor(
    override readonly parent: ExplorerNode,
    readonly what: string,
    readonly error: unknown,
  ) {
    super();
    this.id = `${parent.id}/error`;
  }
  view(): NodeView {
    const e = this.error;
    const message = messageOf(e);
    const action = e instanceof AwsAccessError && e.action ? e.action : undefined;
    const expired =
      e instanceof AwsAccessError && (e.kind === 'credentials-expired' || e.kind === 'credentials-missing');
    return {
      label: `Could not ${this.what}: ${message}`,
      description: action ? `${action} · click to retry` : 'click to retry',
      tooltip: `${message}${action ? `\n\nWhat to do: ${action}` : ''}\n\nClick to retry.`,
      icon: { id: 'error', color: 'list.errorForeground' },
      contextValue: expired ? 'awsBackupPitr.error.signIn' : 'awsBackupPitr.error',
      collapsible: 'none',
      command: { command: 'awsBackupPitr.explorer.retry', title: 'Retry', arguments: [this.parent] },
    };
  }
}

export class MessageNode extends ExplorerNode {
  constructor(
    readonly id: string,
    private readonly text: string,
    private readonly icon = 'info',
  ) {
    super();
  }
  view(): NodeView {
    return {
      label: this.text,
      icon: { id: this.icon },
      contextValue: 'awsBackupPitr.message',
      collapsible: 'none',
    };
  }
}

/**
 * A group that lists one kind of thing, all pages, once: cached until refreshed; a failure becomes an
 * error node with a retry.
 */
export class ListGroupNode<T> extends ExplorerNode {
  readonly id: string;
  private cache?: ExplorerNode[];
  constructor(
    override readonly parent: ExplorerNode,
    private readonly spec: {
      id: string;
      view: Omit<NodeView, 'collapsible'> & { collapsible?: NodeView['collapsible'] };
      /** What failed, in words: "list backup vaults". */
      what: string;
      empty: string;
      list: (signal?: AbortSignal) => AsyncIterable<Page<T>>;
      make: (group: ListGroupNode<T>, item: T) => ExplorerNode;
    },
  ) {
    super();
    this.id = `${parent.id}/${spec.id}`;
  }
  view(): NodeView {
    return { collapsible: 'collapsed', ...this.spec.view };
  }
  override reset(): void {
    this.cache = undefined;
  }
  override async children(signal?: AbortSignal): Promise<ExplorerNode[]> {
    if (this.cache) return this.cache;
    try {
      const out: ExplorerNode[] = [];
      for await (const page of this.spec.list(signal))
        for (const item of page.items) out.push(this.spec.make(this, item));
      this.cache = out.length ? out : [new MessageNode(`${this.id}/none`, this.spec.empty)];
    } catch (e) {
      return errorChildren(this, this.spec.what, e);
    }
    return this.cache;
  }
}
