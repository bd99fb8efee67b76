/**
 * The one reader of the extension's settings: `readSetting('aws.endpoint')` is typed, and takes its
 * value only from where the setting's scope allows (src/ui/settingsTable.ts says which, and why).
 */
import * as vscode from 'vscode';
import { pickSetting, type SettingKey, type SettingValue } from './settingsTable';

export type { SettingKey, SettingValue } from './settingsTable';

/** A setting's value for `scope` (a document's URI, for settings a folder may set). */
export function readSetting<K extends SettingKey>(key: K, scope?: vscode.Uri): SettingValue<K> {
  const dot = key.indexOf('.');
  const section = vscode.workspace.getConfiguration(`awsBackupPitr.${key.slice(0, dot)}`, scope);
  return pickSetting(key, section.inspect(key.slice(dot + 1)), vscode.workspace.isTrusted);
}
