import * as vscode from 'vscode';
import type { EmbeddingFormat } from '../types';
import type { DocumentKind, Recognition } from '../types';
import type { LintDiagnostics } from './diagnostics';

const KIND_LABEL: Record<DocumentKind, string> = {
  'backup-plan': 'Backup plan',
  'create-backup-plan': 'create-backup-plan input',
  'update-backup-plan': 'update-backup-plan input',
  'get-backup-plan': 'get-backup-plan output',
  'backup-selection': 'Backup selection',
  'create-backup-selection': 'create-backup-selection input',
  'restore-metadata': 'Restore metadata',
  'start-restore-job': 'start-restore-job input',
  'get-recovery-point-restore-metadata': 'get-recovery-point-restore-metadata output',
  'restore-testing-plan': 'Restore testing plan',
  'create-restore-testing-plan': 'create-restore-testing-plan input',
  'restore-testing-selection': 'Restore testing selection',
  'create-restore-testing-selection': 'create-restore-testing-selection input',
};

const FORMAT_LABEL: Record<EmbeddingFormat, string> = {
  cloudformation: 'CloudFormation template',
  terraform: 'Terraform configuration',
  'terraform-plan': 'Terraform plan',
};

/** "CloudFormation template: 1 plan, 2 selections". */
function templateLabel(r: Recognition): string {
  const docs = r.documents ?? [];
  const count = (kind: DocumentKind, word: string): string | undefined => {
    const n = docs.filter((d) => d.kind === kind).length;
    return n ? `${n} ${word}${n === 1 ? '' : 's'}` : undefined;
  };
  const parts = [count('backup-plan', 'plan'), count('backup-selection', 'selection')].filter(Boolean);
  return `${FORMAT_LABEL[r.format ?? 'cloudformation']}${parts.length ? `: ${parts.join(', ')}` : ''}`;
}

/** A status-bar item that says what the active file is linted as; a click opens the Problems panel. */
export class LintStatusItem implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem(
    'awsBackupPitr.lintStatus',
    vscode.StatusBarAlignment.Right,
    100,
  );
  private readonly disposables: vscode.Disposable[] = [this.item];

  constructor(private readonly diagnostics: LintDiagnostics) {
    this.item.name = 'AWS Backup lint';
    this.item.command = 'workbench.actions.view.problems';
    this.disposables.push(
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      diagnostics.onDidLint(() => this.update()),
    );
    this.update();
  }

  update(): void {
    const doc = vscode.window.activeTextEditor?.document;
    const lint = doc ? this.diagnostics.resultFor(doc.uri) : undefined;
    if (!lint) {
      this.item.hide();
      return;
    }
    const r = lint.result.recognition;
    const errors = lint.findings.filter((f) => f.severity === 'error').length;
    const type = r.resourceType && r.resourceType !== 'generic' ? ` (${r.resourceType})` : '';
    const label = r.format ? templateLabel(r) : `${KIND_LABEL[r.kind]}${type}`;
    this.item.text = `${errors > 0 ? '$(error)' : '$(check)'} AWS Backup: ${label}`;
    this.item.tooltip = `Linted as ${label}, recognised by ${r.reason}. ${errors} error${errors === 1 ? '' : 's'}. Click to open Problems.`;
    this.item.show();
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
