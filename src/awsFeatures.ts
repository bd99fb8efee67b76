/**
 * `dist/aws.js`: the AWS half of the extension — the SDK, the explorer, the restore flows and the
 * live lint checks — loaded on first use (src/bundles.ts). The composition root hands it the view
 * it already created and the lint feature it already loaded.
 */
import type * as vscode from 'vscode';
import { liveFactsFrom } from './aws/liveFacts';
import { readAwsSettings, type AwsSettings } from './aws/settings';
import { registerExplorer, type ExplorerFeature } from './explorer/register';
import type { LintFeature } from './lint/editor/register';
import { readLintSettings } from './lint/editor/settings';
import { registerRestore, type RestoreFeature } from './restore/editor/register';
import type { LazyTreeHost } from './lazyTree';
import { registerPosture, type PostureFeature } from './posture/editor/register';

export interface AwsFeatures {
  explorer: ExplorerFeature;
  restore: RestoreFeature;
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
  const explorer = registerExplorer(context, log, deps.view, deps.host);
  // Live lint checks use the explorer's connection.
  context.subscriptions.push(
    explorer.connections.onDidChange((api) =>
      lint.diagnostics.setLiveFacts(api ? liveFactsFrom(api) : undefined),
    ),
  );
  if (explorer.connections.api) lint.diagnostics.setLiveFacts(liveFactsFrom(explorer.connections.api));
  const restore = registerRestore(context, {
    connections: explorer.connections,
    // Restore and the explorer never import each other: the tree's hooks are handed over here.
    tree: {
      setStartedHere: (startedHere) => (explorer.tree.startedHere = startedHere),
      refreshRestoreJobs: () => {
        for (const root of explorer.tree.rootNodes)
          if (root.restoreJobs) explorer.tree.refresh(root.restoreJobs);
      },
    },
    diagnostics: lint.diagnostics,
    lintFiles: (uri) => readLintSettings(uri).files,
    log,
  });
  // The posture reads the explorer's connections; the two never import each other.
  const posture = registerPosture(
    context,
    {
      connections: () => explorer.connections.apis.map((a) => a.connection),
      maxAttempts: readAwsSettings().maxAttempts,
    },
    log,
  );
  return { explorer, restore, posture, awsSettings: readAwsSettings };
}
