/**
 * Before the lint engine is loaded: is this document an AWS Backup file at all? The same
 * recognition the engine starts with (content first, then the file name and `lint.files`), on the
 * same parse, without the schemas, the rules or the validator — so a JSON file that is not an AWS
 * Backup document costs one parse.
 */
import type * as vscode from 'vscode';
import { parseDocument } from '../jsonAst';
import { recognize } from '../recognize';
import { isLintable } from './lintable';
import { readLintSettings } from './settings';

export function isBackupDocument(doc: vscode.TextDocument): boolean {
  if (!isLintable(doc) || doc.isClosed) return false;
  const settings = readLintSettings(doc.uri);
  if (!settings.enable) return false;
  const { root } = parseDocument(doc.getText());
  return recognize({ root, fileName: doc.uri.path, globs: settings.files }) !== undefined;
}
