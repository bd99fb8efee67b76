import * as vscode from 'vscode';
import { errorText, messageOf } from '../aws/awsText';
import { BackupClientFactory } from '../aws/clientFactory';
import { readAwsSettings } from '../aws/settings';
import { readSetting } from '../ui/settings';
import { ConnectionManager } from './connectionManager';
import { ErrorNode, type ExplorerNode } from './nodes/base';
import { PlanNode } from './nodes/plan';
import { RecoveryPointNode, VaultNode } from './nodes/vault';
import { TimelinePanel } from './timelinePanel';
import { ExplorerTreeProvider } from './treeProvider';

export const READONLY_SCHEME = 'aws-backup-pitr';

export interface ExplorerFeature {
  connections: ConnectionManager;
  tree: ExplorerTreeProvider;
  /** The one client factory (the lifecycle commands build their calls on it). */
  factory: BackupClientFactory;
  /** The timeline panel opened last (tests await its drawing). */
  lastTimeline?: TimelinePanel;
}

/** Read-only documents for "Show details" and "Open plan as JSON". */
class ReadonlyDocuments implements vscode.TextDocumentContentProvider {
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

export function registerExplorer(
  context: vscode.ExtensionContext,
  log: vscode.LogOutputChannel,
  view: vscode.TreeView<unknown>,
  host: { attach(provider: vscode.TreeDataProvider<unknown>): void },
): ExplorerFeature {
  const factory = new BackupClientFactory({ maxAttempts: readAwsSettings().maxAttempts });
  const connections = new ConnectionManager(context, factory, log);
  const tree = new ExplorerTreeProvider(
    () => readSetting('explorer.pageSize'),
    () => readSetting('explorer.jobsDays'),
  );
  // Restore jobs started in this extension are marked "started here" (src/aws/activeConnection.ts).
  tree.startedHere = (id) => connections.active.restoreJobs.startedHere(id);
  const docs = new ReadonlyDocuments();
  tree.visible = view.visible;
  host.attach(tree);
  const feature: ExplorerFeature = { connections, tree, factory };

  const run =
    (f: (...args: never[]) => unknown) =>
    async (...args: never[]) => {
      try {
        await f(...args);
      } catch (e) {
        void vscode.window.showErrorMessage(errorText(e));
      }
    };

  context.subscriptions.push(
    factory,
    connections,
    tree,
    vscode.workspace.registerTextDocumentContentProvider(READONLY_SCHEME, docs),
    connections.onDidChange(() => tree.setApis(connections.apis)),
    // A restore job started or ended: the Restore jobs groups are out of date.
    connections.active.restoreJobs.onDidChange(() => {
      for (const root of tree.rootNodes) if (root.restoreJobs) tree.refresh(root.restoreJobs);
    }),
    view.onDidChangeVisibility((e) => {
      tree.visible = e.visible;
      // Settings can reach the extension host after activation: look again when the view opens.
      if (e.visible && !connections.api)
        void connections.restore().catch((err: unknown) => log.error(`connect failed: ${messageOf(err)}`));
      // Coming back into view resumes the polling of running jobs.
      if (e.visible) for (const root of tree.rootNodes) tree.refresh(root.restoreJobs);
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('awsBackupPitr.aws') || !connections.api)
        void connections.restore().catch((err: unknown) => log.error(`reconnect failed: ${messageOf(err)}`));
      else if (e.affectsConfiguration('awsBackupPitr.explorer')) tree.refresh();
    }),
    vscode.commands.registerCommand(
      'awsBackupPitr.connect',
      run(() => connections.pickAndConnect()),
    ),
    vscode.commands.registerCommand(
      'awsBackupPitr.useLocalEmulator',
      run((url?: string) => connections.useLocalEmulator(url)),
    ),
    vscode.commands.registerCommand(
      'awsBackupPitr.useSampleAccount',
      run(() => connections.useSampleAccount()),
    ),
    vscode.commands.registerCommand(
      'awsBackupPitr.disconnect',
      run(() => connections.disconnect()),
    ),
    vscode.commands.registerCommand('awsBackupPitr.explorer.refresh', (node?: ExplorerNode) =>
      tree.refresh(node),
    ),
    vscode.commands.registerCommand('awsBackupPitr.explorer.retry', (node: ExplorerNode) =>
      tree.refresh(node),
    ),
    vscode.commands.registerCommand(
      'awsBackupPitr.explorer.signIn',
      run((node: ErrorNode) => {
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
      run((node: VaultNode) => node.loadMore()),
    ),
    vscode.commands.registerCommand(
      'awsBackupPitr.explorer.copyArn',
      run(async (node: ExplorerNode) => {
        const arn = node.arn?.();
        if (!arn) throw new Error('This item has no ARN.');
        await vscode.env.clipboard.writeText(arn);
        void vscode.window.setStatusBarMessage(`Copied ${arn}`, 3000);
      }),
    ),
    vscode.commands.registerCommand(
      'awsBackupPitr.explorer.showDetails',
      run(async (node: ExplorerNode) => {
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
      run(async (node: PlanNode) => {
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
      run(async (node: ExplorerNode) => {
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
      run(async (node: VaultNode) => {
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
              ? 'e.g. S3, RDS, Aurora, EBS'
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
      }),
    ),
    vscode.commands.registerCommand(
      'awsBackupPitr.explorer.showTimeline',
      run(async (node: RecoveryPointNode) => {
        const api = connections.api;
        const resource = node.point.ResourceArn;
        if (!api || !resource) throw new Error('This recovery point names no resource.');
        feature.lastTimeline = await vscode.window.withProgress(
          { location: { viewId: 'awsBackupPitr.explorer' }, title: 'Loading the timeline' },
          () =>
            TimelinePanel.show(context.extensionUri, api, resource, node.point.ResourceType, (start) =>
              vscode.commands.executeCommand('awsBackupPitr.restore.fromRecoveryPoint', start),
            ),
        );
      }),
    ),
    vscode.commands.registerCommand('awsBackupPitr.explorer.clearFilter', (node: VaultNode) => {
      node.filter = {};
      tree.refresh(node);
    }),
  );
  void connections.restore().catch((e: unknown) => {
    log.error(`connect failed: ${messageOf(e)}`);
    void vscode.window.showErrorMessage(`AWS Backup: could not connect: ${errorText(e)}`);
  });
  return feature;
}
