import * as vscode from 'vscode';
import { readSetting } from '../../ui/settings';
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
 * Reads the lint settings for a document. `files` picks which files are linted: a restricted
 * setting, so in an untrusted workspace only the user's own value counts (src/ui/settingsTable.ts).
 */
export function readLintSettings(scope?: vscode.Uri): LintSettings {
  // The kinds and levels are checked where they are used (an unknown one matches nothing).
  const files = readSetting('lint.files', scope) as Record<string, DocumentFamily>;
  // A bad pattern matches nothing (linting goes on); the user hears about it once.
  for (const w of warnOnce(files, warnedGlobs)) void vscode.window.showWarningMessage(w.message);
  return {
    enable: readSetting('lint.enable', scope),
    files,
    severity: readSetting('lint.severity', scope) as Record<string, SeveritySetting>,
    debounceMilliseconds: readSetting('lint.debounceMilliseconds', scope),
    live: readSetting('lint.live', scope),
  };
}

export function affectsLintSettings(e: vscode.ConfigurationChangeEvent): boolean {
  return e.affectsConfiguration(SECTION);
}
