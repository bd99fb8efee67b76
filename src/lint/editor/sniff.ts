/**
 * Before the lint engine is loaded: is this document an AWS Backup file at all? For JSON, the same
 * recognition the engine starts with (content first, then the file name and `lint.files`), on the
 * same parse, without the schemas, the rules or the validator — so a JSON file that is not an AWS
 * Backup document costs one parse. A template (YAML or JSON) is let through by a substring test
 * (../formats/sniff.ts), before any parse: a YAML file that names no AWS Backup resource type costs
 * that search and nothing more.
 */
import type * as vscode from 'vscode';
import { sniffEmbedding } from '../formats/sniff';
import { parseDocument } from '../jsonAst';
import { recognize } from '../recognize';
import { isLintable } from './lintable';
import { readLintSettings } from './settings';

export function isBackupDocument(doc: vscode.TextDocument): boolean {
  if (!isLintable(doc) || doc.isClosed) return false;
  const settings = readLintSettings(doc.uri);
  if (!settings.enable) return false;
  const text = doc.getText();
  if (sniffEmbedding(text, doc.uri.path)) return true;
  if (doc.languageId !== 'json' && doc.languageId !== 'jsonc') return false;
  const { root } = parseDocument(text);
  return recognize({ root, fileName: doc.uri.path, globs: settings.files }) !== undefined;
}
