/** The one wrapper every command runs in: a failure is said in a message, never thrown at VS Code. */
import * as vscode from 'vscode';
import { errorText } from '../backup/text';

/** `run` as a command's handler: what it returns, or undefined after showing why it failed. */
export function guarded<A extends unknown[], T>(
  run: (...args: A) => Promise<T> | T,
): (...args: A) => Promise<T | undefined> {
  return async (...args) => {
    try {
      return await run(...args);
    } catch (e) {
      void vscode.window.showErrorMessage(errorText(e));
      return undefined;
    }
  };
}
