/** The one modal every send asks through (its text made inert: no link a click would follow). */
import * as vscode from 'vscode';
import { noLinks } from '../backup/text';
import type { Confirmation } from './confirmation';

/** The label of the button picked, or undefined (Escape, closed). */
export async function askModal(c: Confirmation): Promise<string | undefined> {
  return vscode.window.showWarningMessage(
    noLinks(c.message),
    { modal: true, detail: noLinks(c.detail) },
    c.action,
    ...(c.others ?? []),
  );
}

/** True only for an explicit click on the button that sends. */
export async function confirmModal(c: Confirmation): Promise<boolean> {
  return (await askModal(c)) === c.action;
}
