import * as vscode from 'vscode';
import type { DocumentFamily, SeveritySetting } from '../types';

export interface LintSettings {
  enable: boolean;
  files: Record<string, DocumentFamily>;
  severity: Record<string, SeveritySetting>;
  debounceMilliseconds: number;
  /** Live checks against the connected account (LIVE001, LIVE003). */
  live: boolean;
}

const SECTION = 'awsBackupPitr.lint';

/**
 * Reads the lint settings for a document. `files` picks which files are linted: in an untrusted
 * workspace only the user's own value counts, never the workspace's.
 */
export function readLintSettings(scope?: vscode.Uri): LintSettings {
  const c = vscode.workspace.getConfiguration(SECTION, scope);
  const files = vscode.workspace.isTrusted
    ? c.get<Record<string, DocumentFamily>>('files', {})
    : (c.inspect<Record<string, DocumentFamily>>('files')?.globalValue ?? {});
  return {
    enable: c.get<boolean>('enable', true),
    files,
    severity: c.get<Record<string, SeveritySetting>>('severity', {}),
    debounceMilliseconds: c.get<number>('debounceMilliseconds', 200),
    live: c.get<boolean>('live', true),
  };
}

export function affectsLintSettings(e: vscode.ConfigurationChangeEvent): boolean {
  return e.affectsConfiguration(SECTION);
}
