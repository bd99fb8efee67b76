/**
 * The vscode side of Stop Continuous Backup… and Delete Recovery Point…: two commands on a
 * recovery point of the explorer (its context menu; hidden from the palette), a modal warning, an
 * input box for the name, and the tree redrawn afterwards. The decisions live in ../stopOrDelete.ts
 * and ../consequences.ts; this layer only adapts.
 */
import * as vscode from 'vscode';
import { errorText, noLinks } from '../../aws/awsText';
import type { BackupApi } from '../../aws/backupApi';
import { describeConnection } from '../../aws/connection';
import type { LifecycleApi } from '../../aws/lifecycleApi';
import { askModal } from '../../ui/modal';
import type { LifecycleAction } from '../consequences';
import { connectionDoor, runStopOrDelete, type LifecycleUi, type Outcome } from '../stopOrDelete';

const STOP_COMMAND = 'awsBackupPitr.lifecycle.stopContinuousBackup';
const DELETE_COMMAND = 'awsBackupPitr.lifecycle.deleteRecoveryPoint';

/** A recovery point node of the explorer's tree, as the commands receive it. */
interface TreePoint {
  api: BackupApi;
  point: { RecoveryPointArn?: string; BackupVaultName?: string };
  parent: { name?: string };
}

/** What the commands need of the explorer, wired by the composition root (src/awsFeatures.ts). */
export interface StopDeleteDeps {
  /** The lifecycle calls on the factory's client for this connection. */
  lifecycleFor(api: BackupApi): LifecycleApi;
  /** Redraws the node that lists the point (its vault, or its resource), through the tree's change events. */
  refresh(node: unknown): void;
  log: vscode.LogOutputChannel;
}

export interface StopDeleteFeature {
  /** Tests only: script the modal and the name box. */
  setUi(ui: LifecycleUi | undefined): void;
}

const realUi: LifecycleUi = {
  async confirm(c) {
    const openPlan = 'Open Backup Plan';
    const picked = await askModal({
      message: c.message,
      detail: c.detail,
      action: c.confirmLabel,
      ...(c.openPlan ? { others: [openPlan] } : {}),
    });
    return picked === c.confirmLabel ? 'confirm' : picked === openPlan ? 'open-plan' : undefined;
  },
  typeName(name, check) {
    return Promise.resolve(
      vscode.window.showInputBox({
        title: 'Delete Recovery Point',
        prompt: `Type ${name} to delete its recovery point for good.`,
        placeHolder: name,
        ignoreFocusOut: true,
        validateInput: (text) => (text === '' ? undefined : check(text)),
      }),
    );
  },
};

function isTreePoint(node: unknown): node is TreePoint {
  const n = node as Partial<TreePoint> | undefined;
  return typeof n?.point?.RecoveryPointArn === 'string' && typeof n.api === 'object';
}

export function registerStopDelete(
  context: vscode.ExtensionContext,
  deps: StopDeleteDeps,
): StopDeleteFeature {
  let ui = realUi;

  async function run(action: LifecycleAction, node: unknown): Promise<Outcome | undefined> {
    if (!isTreePoint(node)) {
      void vscode.window.showErrorMessage('Choose a recovery point in the AWS Backup explorer first.');
      return undefined;
    }
    const api = node.api;
    const vaultName = node.point.BackupVaultName || node.parent.name || '';
    const recoveryPointArn = node.point.RecoveryPointArn!;
    let outcome: Outcome;
    try {
      outcome = await runStopOrDelete(
        action,
        { vaultName, recoveryPointArn, where: describeConnection(api.connection) },
        connectionDoor(api, deps.lifecycleFor(api)),
        ui,
        new Date(),
      );
    } catch (e) {
      void vscode.window.showErrorMessage(
        `Could not read what ${action === 'stop' ? 'stopping' : 'deleting'} would do: ${errorText(e)}`,
      );
      return undefined;
    }
    const c = outcome.consequences;
    // Names only in the log: never credentials or restore metadata.
    deps.log.info(`${action} ${recoveryPointArn} in ${vaultName}: ${outcome.kind}`);
    switch (outcome.kind) {
      case 'refused':
        void vscode.window.showErrorMessage(noLinks(c.refusal ?? c.detail));
        break;
      case 'open-plan': {
        const { planId, planName } = outcome.plan;
        // The explorer's "Open Backup Plan as JSON" takes a node with a name and a load().
        await vscode.commands.executeCommand('awsBackupPitr.explorer.openPlanJson', {
          name: planName,
          load: async () => {
            const { $metadata: _m, ...plan } = await api.getBackupPlan(planId);
            void _m;
            return plan;
          },
        });
        break;
      }
      case 'failed':
        // The service's refusal, in its own words.
        void vscode.window.showErrorMessage(noLinks(outcome.message));
        deps.refresh(node.parent);
        break;
      case 'sent':
        void vscode.window.setStatusBarMessage(
          action === 'stop'
            ? `Stopped the continuous backup (${recoveryPointArn})`
            : `Deleted ${recoveryPointArn}`,
          5000,
        );
        deps.refresh(node.parent);
        break;
      case 'cancelled':
        break;
    }
    return outcome;
  }

  context.subscriptions.push(
    vscode.commands.registerCommand(STOP_COMMAND, (node: unknown) => run('stop', node)),
    vscode.commands.registerCommand(DELETE_COMMAND, (node: unknown) => run('delete', node)),
  );
  return {
    setUi(u) {
      ui = u ?? realUi;
    },
  };
}
