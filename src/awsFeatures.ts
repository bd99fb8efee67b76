/**
 * `dist/aws.js`: the AWS half of the extension — the SDK, the explorer, the restore flows and the
 * live lint checks — loaded on first use (src/bundles.ts). The composition root hands it the view
 * it already created and the lint feature it already loaded.
 */
import type * as vscode from 'vscode';
import { BackupClientFactory } from './aws/clientFactory';
import { ConnectionManager } from './aws/connectionManager';
import { liveFactsFrom } from './aws/liveFacts';
import { startSampleAccount, type SampleEmulator } from './aws/sampleAccount';
import { readAwsSettings, type AwsSettings } from './aws/settings';
import { loadBundle } from './bundles';
import { openLifecycleApi } from './aws/lifecycleApi';
import { registerDeploy, type DeployFeature } from './deploy/editor/register';
import { registerExplorer, type ExplorerFeature } from './explorer/register';
import type { ExplorerNode } from './explorer/nodes/base';
import { registerStopDelete, type StopDeleteFeature } from './lifecycle/editor/stopDeleteCommands';
import type { LintFeature } from './lint/editor/register';
import { readLintSettings } from './lint/editor/settings';
import { registerRestore, type RestoreFeature } from './restore/editor/register';
import type { LazyTreeHost } from './lazyTree';
import { registerPosture, type PostureFeature } from './posture/editor/register';

export interface AwsFeatures {
  explorer: ExplorerFeature;
  restore: RestoreFeature;
  stopDelete: StopDeleteFeature;
  deploy: DeployFeature;
  posture: PostureFeature;
  awsSettings(): AwsSettings;
}

export function activateAws(
  context: vscode.ExtensionContext,
  deps: {
    log: vscode.LogOutputChannel;
    lint: LintFeature;
    view: vscode.TreeView<unknown>;
    host: LazyTreeHost;
  },
): AwsFeatures {
  const { log, lint } = deps;
  // The AWS adapter: one client factory and one connection (src/aws), built here and handed to every
  // feature; no feature reaches another's.
  const factory = new BackupClientFactory({ maxAttempts: readAwsSettings().maxAttempts });
  const connections = new ConnectionManager(context, factory, log, () =>
    startSampleAccount(loadBundle<SampleEmulator>('sample.js')),
  );
  context.subscriptions.push(factory, connections);
  const explorer = registerExplorer(context, log, deps.view, deps.host, connections);
  // Live lint checks use the connection.
  context.subscriptions.push(
    connections.onDidChange((api) => lint.diagnostics.setLiveFacts(api ? liveFactsFrom(api) : undefined)),
  );
  if (connections.api) lint.diagnostics.setLiveFacts(liveFactsFrom(connections.api));
  // Restore and the explorer never import each other: both use the one active connection (src/aws).
  const restore = registerRestore(context, {
    connections: connections.active,
    diagnostics: lint.diagnostics,
    lintSettings: (uri) => readLintSettings(uri),
    log,
  });
  // Stop and delete: the lifecycle feature and the explorer never import each other either.
  const stopDelete = registerStopDelete(context, {
    lifecycleFor: (api) => openLifecycleApi(factory, api.connection),
    refresh: (node) => explorer.tree.refresh(node as ExplorerNode),
    log,
  });
  // Plans, assignments and the Region's opt-in: the explorer's connection and tree, the linter's results.
  const deploy = registerDeploy(context, {
    connections: connections.active,
    diagnostics: lint.diagnostics,
    lintFiles: (uri) => readLintSettings(uri).files,
    tree: {
      refreshPlans: () => {
        for (const root of explorer.tree.rootNodes) explorer.tree.refresh(root.plans);
      },
      refreshConnections: () => {
        for (const root of explorer.tree.rootNodes) explorer.tree.refresh(root);
      },
    },
    regionChanged: (api) => {
      if (api === connections.active.api) lint.diagnostics.setLiveFacts(liveFactsFrom(api));
    },
    log,
  });
  // The posture reads the connection's APIs (its own and its other Regions).
  const posture = registerPosture(
    context,
    {
      connections: () => connections.apis.map((a) => a.connection),
      maxAttempts: readAwsSettings().maxAttempts,
    },
    log,
  );
  return { explorer, restore, stopDelete, deploy, posture, awsSettings: readAwsSettings };
}
