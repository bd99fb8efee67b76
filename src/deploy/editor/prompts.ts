/** The window UI of the deploy flows: a modal confirmation and quick picks. */
import * as vscode from 'vscode';
import { noIcons, noLinks } from '../../aws/awsText';
import type { Confirmation } from '../gate';

/** Replaced by integration tests: the window UI the flows use (the real one otherwise). */
export interface DeployPrompts {
  confirm(c: Confirmation): Promise<boolean>;
  /** A deployed plan, by id. */
  pickPlan(
    items: { label: string; description: string; planId: string }[],
    title: string,
  ): Promise<string | undefined>;
  pickType(types: string[], title: string): Promise<string | undefined>;
}

export const realPrompts: DeployPrompts = {
  async confirm(c) {
    const picked = await vscode.window.showWarningMessage(
      noLinks(c.message),
      { modal: true, detail: noLinks(c.detail) },
      c.action,
    );
    return picked === c.action;
  },
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
