import type * as vscode from 'vscode';
import { RECORD_SCHEMES } from '../../ui/schemes';

/**
 * The languages the linter reads: the AWS CLI's JSON files, YAML for CloudFormation templates
 * (JSON templates and the CDK's output are JSON), and Terraform (`.tf`; the extension names the
 * language when no Terraform extension does). A format that needs another language adds it here.
 */
export const LINTED_LANGUAGES: readonly string[] = ['json', 'jsonc', 'yaml', 'terraform'];

/**
 * Documents the linter looks at: not diffs' git views, not output panes, and not the read-only
 * records the features show (a plan diff's sides, a started restore's request).
 */
export function isLintable(doc: vscode.TextDocument): boolean {
  const { scheme } = doc.uri;
  return (
    LINTED_LANGUAGES.includes(doc.languageId) &&
    scheme !== 'git' &&
    scheme !== 'output' &&
    !RECORD_SCHEMES.has(scheme)
  );
}
