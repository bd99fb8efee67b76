/**
 * The explorer's commands on its nodes: refresh and retry, sign in, load more, copy the ARN, show
 * details, open a plan as JSON, open the console, filter a vault's points, and the timeline.
 */
import * as vscode from 'vscode';
import { guarded } from '../../ui/commands';
import type { ConnectionManager } from '../../aws/connectionManager';
import { continuousTypes } from '../../backup/resourceTypes';
import type { ErrorNode, ExplorerNode } from '../nodes/base';
import { PlanNode } from '../nodes/plan';
import { RecoveryPointNode, VaultNode } from '../nodes/vault';
import { TimelinePanel } from '../timelinePanel';
import type { ExplorerTreeProvider } from '../treeProvider';

export const READONLY_SCHEME = 'aws-backup-pitr';

/** Read-only documents for "Show details" and "Open plan as JSON". */
export class ReadonlyDocuments implements vscode.TextDocumentContentProvider {
  private readonly docs = new Map<string, string>();
  private n = 0;
  add(name: string, content: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: READONLY_SCHEME, path: `/${++this.n}/${name}` });
    this.docs.set(uri.toString(), content);
    return uri;
  }
  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.docs.get(uri.toString()) ?? '';
  }
}

function consoleUrl(region: string, node: ExplorerNode): string | undefined {
  const base = `https://${region}.console.aws.amazon.com/backup/home?region=${region}#`;
  if (node instanceof VaultNode) return `${base}/backupvaults/details/${encodeURIComponent(node.name)}`;
  if (node instanceof RecoveryPointNode)
    return `${base}/backupvaults/details/${encodeURIComponent(node.point.BackupVaultName ?? node.parent.name)}/${encodeURIComponent(node.point.RecoveryPointArn ?? '')}`;
  if (node instanceof PlanNode) return `${base}/backupplan/details/${encodeURIComponent(node.planId)}`;
  return undefined;
}

/** "Filter…" on a vault: one filter of its recovery points, asked and checked. */
async function filterVault(node: VaultNode, tree: ExplorerTreeProvider): Promise<void> {
  const pick = await vscode.window.showQuickPick(
    [
      { label: 'Resource type', key: 'type' as const },
      { label: 'Resource ARN', key: 'arn' as const },
      { label: 'Created after (date)', key: 'after' as const },
      { label: 'Created before (date)', key: 'before' as const },
    ],
    { title: `Filter recovery points of ${node.name}` },
  );
  if (!pick) return;
  const value = await vscode.window.showInputBox({
    title: pick.label,
    prompt:
      pick.key === 'type'
        ? `e.g. ${continuousTypes().slice(0, 3).join(', ')}`
        : pick.key === 'arn'
          ? 'The resource ARN'
          : 'YYYY-MM-DD (UTC)',
    validateInput: (v) =>
      pick.key === 'after' || pick.key === 'before'
        ? /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v))
          ? undefined
          : 'A date as YYYY-MM-DD'
        : v.trim()
          ? undefined
          : 'A value',
  });
  if (!value) return;
  const f = { ...node.filter };
  if (pick.key === 'type') f.ByResourceType = value.trim();
  if (pick.key === 'arn') f.ByResourceArn = value.trim();
  if (pick.key === 'after') f.ByCreatedAfter = new Date(`${value}T00:00:00Z`);
  if (pick.key === 'before') f.ByCreatedBefore = new Date(`${value}T23:59:59Z`);
  node.filter = f;
  tree.refresh(node);
}

export interface NodeCommandDeps {
  context: vscode.ExtensionContext;
  connections: ConnectionManager;
  tree: ExplorerTreeProvider;
  docs: ReadonlyDocuments;
  /** The timeline panel opened last (tests await its drawing). */
  onTimeline(panel: TimelinePanel): void;
}

export function nodeCommands(deps: NodeCommandDeps): vscode.Disposable[] {
  const { context, connections, tree, docs } = deps;
  return [
    vscode.commands.registerCommand('awsBackupPitr.explorer.refresh', (node?: ExplorerNode) =>
      tree.refresh(node),
    ),
    vscode.commands.registerCommand('awsBackupPitr.explorer.retry', (node: ExplorerNode) =>
      tree.refresh(node),
    ),
    vscode.commands.registerCommand(
      'awsBackupPitr.explorer.signIn',
      guarded((node: ErrorNode) => {
        const action =
          node.error instanceof Error && 'action' in node.error
            ? String((node.error as { action?: string }).action ?? '')
            : '';
        if (action) {
          const t = vscode.window.createTerminal('AWS sign-in');
          t.show();
          t.sendText(action, false);
        }
      }),
    ),
    vscode.commands.registerCommand(
      'awsBackupPitr.explorer.loadMore',
      guarded((node: VaultNode) => node.loadMore()),
    ),
    vscode.commands.registerCommand(
      'awsBackupPitr.explorer.copyArn',
      guarded(async (node: ExplorerNode) => {
        const arn = node.arn?.();
        if (!arn) throw new Error('This item has no ARN.');
        await vscode.env.clipboard.writeText(arn);
        void vscode.window.setStatusBarMessage(`Copied ${arn}`, 3000);
      }),
    ),
    vscode.commands.registerCommand(
      'awsBackupPitr.explorer.showDetails',
      guarded(async (node: ExplorerNode) => {
        const details = node instanceof PlanNode ? await node.load() : node.details?.();
        const uri = docs.add(
          `${node.view().label.replace(/[^\w.-]+/g, '_')}.json`,
          JSON.stringify(details, null, 2),
        );
        await vscode.window.showTextDocument(
          await vscode.languages.setTextDocumentLanguage(
            await vscode.workspace.openTextDocument(uri),
            'json',
          ),
          { preview: true },
        );
      }),
    ),
    vscode.commands.registerCommand(
      'awsBackupPitr.explorer.openPlanJson',
      guarded(async (node: PlanNode) => {
        const plan = await node.load();
        // Named like the CLI's output file, so the linter checks it as get-backup-plan output.
        const uri = docs.add(
          `${node.name.replace(/[^\w.-]+/g, '_')}.get-backup-plan.json`,
          JSON.stringify(plan, null, 2),
        );
        await vscode.window.showTextDocument(
          await vscode.languages.setTextDocumentLanguage(
            await vscode.workspace.openTextDocument(uri),
            'json',
          ),
        );
      }),
    ),
    vscode.commands.registerCommand(
      'awsBackupPitr.explorer.openConsole',
      guarded(async (node: ExplorerNode) => {
        const api = connections.api;
        if (!api) return;
        if (api.connection.localEmulator || api.connection.endpoint)
          throw new Error('The AWS console shows real AWS accounts only, not a local or custom endpoint.');
        const url = consoleUrl(api.connection.region, node);
        if (url) await vscode.env.openExternal(vscode.Uri.parse(url));
      }),
    ),
    vscode.commands.registerCommand(
      'awsBackupPitr.explorer.filterVault',
      guarded((node: VaultNode) => filterVault(node, tree)),
    ),
    vscode.commands.registerCommand(
      'awsBackupPitr.explorer.showTimeline',
      guarded(async (node: RecoveryPointNode) => {
        const api = connections.api;
        const resource = node.point.ResourceArn;
        if (!api || !resource) throw new Error('This recovery point names no resource.');
        deps.onTimeline(
          await vscode.window.withProgress(
            { location: { viewId: 'awsBackupPitr.explorer' }, title: 'Loading the timeline' },
            () =>
              TimelinePanel.show(context.extensionUri, api, resource, node.point.ResourceType, (start) =>
                vscode.commands.executeCommand('awsBackupPitr.restore.fromRecoveryPoint', start),
              ),
          ),
        );
      }),
    ),
    vscode.commands.registerCommand('awsBackupPitr.explorer.clearFilter', (node: VaultNode) => {
      node.filter = {};
      tree.refresh(node);
    }),
  ];
}
