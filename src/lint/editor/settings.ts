import * as vscode from 'vscode';
import { warnOnce } from '../glob';
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

/** Patterns of `awsBackupPitr.lint.files` already reported as unusable, this session. */
const warnedGlobs = new Set<string>();

/**
 * Reads the lint settings for a document. `files` picks which files are linted: in an untrusted
 * workspace only the user's own value counts, never the workspace's.
 */
export function readLintSettings(scope?: vscode.Uri): LintSettings {
  const c = vscode.workspace.getConfiguration(SECTION, scope);
  const setting = vscode.workspace.isTrusted
    ? c.get<Record<string, DocumentFamily>>('files', {})
    : (c.inspect<Record<string, DocumentFamily>>('files')?.globalValue ?? {});
  const files = setting && typeof setting === 'object' && !Array.isArray(setting) ? setting : {};
  // A bad pattern matches nothing (linting goes on); the user hears about it once.
  for (const w of warnOnce(files, warnedGlobs)) void vscode.window.showWarningMessage(w.message);
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
