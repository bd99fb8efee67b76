import * as vscode from 'vscode';
import { guarded } from '../ui/commands';
import { errorText, messageOf } from '../aws/awsText';
import type { ConnectionManager } from '../aws/connectionManager';
import { nodeCommands, READONLY_SCHEME, ReadonlyDocuments } from './editor/nodeCommands';
import type { TimelinePanel } from './timelinePanel';
import { readSetting } from '../ui/settings';
import { ExplorerTreeProvider } from './treeProvider';

export interface ExplorerFeature {
  /** The connection the composition root built and handed in (tests read it here too). */
  connections: ConnectionManager;
  tree: ExplorerTreeProvider;
  /** The timeline panel opened last (tests await its drawing). */
  lastTimeline?: TimelinePanel;
}

export function registerExplorer(
  context: vscode.ExtensionContext,
  log: vscode.LogOutputChannel,
  view: vscode.TreeView<unknown>,
  host: { attach(provider: vscode.TreeDataProvider<unknown>): void },
  /** The AWS adapter: the connection, built by the composition root. */
  connections: ConnectionManager,
): ExplorerFeature {
  const tree = new ExplorerTreeProvider(
    () => readSetting('explorer.pageSize'),
    () => readSetting('explorer.jobsDays'),
  );
  // Restore jobs started in this extension are marked "started here" (src/aws/activeConnection.ts).
  tree.startedHere = (id) => connections.active.restoreJobs.startedHere(id);
  const docs = new ReadonlyDocuments();
  tree.visible = view.visible;
  host.attach(tree);
  const feature: ExplorerFeature = { connections, tree };

  context.subscriptions.push(
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
      guarded(() => connections.pickAndConnect()),
    ),
    vscode.commands.registerCommand(
      'awsBackupPitr.useLocalEmulator',
      guarded((url?: string) => connections.useLocalEmulator(url)),
    ),
    vscode.commands.registerCommand(
      'awsBackupPitr.useSampleAccount',
      guarded(() => connections.useSampleAccount()),
    ),
    vscode.commands.registerCommand(
      'awsBackupPitr.disconnect',
      guarded(() => connections.disconnect()),
    ),
    ...nodeCommands({ context, connections, tree, docs, onTimeline: (t) => (feature.lastTimeline = t) }),
  );
  void connections.restore().catch((e: unknown) => {
    log.error(`connect failed: ${messageOf(e)}`);
    void vscode.window.showErrorMessage(`AWS Backup: could not connect: ${errorText(e)}`);
  });
  return feature;
}
