/** The window UI of the deploy flows: the one modal confirmation, quick picks, and notifications. */
import * as vscode from 'vscode';
import { noIcons, noLinks } from '../../aws/awsText';
import { confirmModal } from '../../ui/modal';
import type { DeployPrompts, DeployWindow } from '../flow';

export const realPrompts: DeployPrompts = {
  confirm: confirmModal,
  async pickPlan(items, title) {
    const picked = await vscode.window.showQuickPick(
      items.map((i) => ({ ...i, label: noIcons(i.label), description: noIcons(i.description) })),
      { title, ignoreFocusOut: true, matchOnDescription: true },
    );
    return picked?.planId;
  },
  pickType(types, title) {
    return Promise.resolve(vscode.window.showQuickPick(types.map(noIcons), { title, ignoreFocusOut: true }));
  },
};

/** Notifications for `doc`'s flows; a refusal counts every error and offers the Problems panel. */
export function windowFor(doc: vscode.TextDocument | undefined): DeployWindow {
  return {
    info: (m) => void vscode.window.showInformationMessage(noLinks(m)),
    error: (m) => void vscode.window.showErrorMessage(noLinks(m)),
    refuse(what, problems) {
      const show = 'Show Problems';
      const n = problems.length;
      const where = doc ? ` in ${vscode.workspace.asRelativePath(doc.uri)}` : '';
      void vscode.window
        .showErrorMessage(
          noLinks(`${what}: ${n} error${n === 1 ? '' : 's'}${where}. ${problems.slice(0, 3).join(' ')}`),
          show,
        )
        .then((p) =>
          p === show ? vscode.commands.executeCommand('workbench.actions.view.problems') : undefined,
        );
      return undefined;
    },
  };
}
