import type { Node } from 'jsonc-parser';
import type { RawFinding, RuleContext } from './context';
import { valueOf, stringValue } from './jsonAst';
import { isContinuousRecoveryPointArn } from '../backup/recoveryPoint';
import { lintJob } from './jobRules';
import { lintPlan } from './planRules';
import { lintMetadata } from './restoreRules';
import { withSeverity } from './rules';
import { lintRestoreTestingPlan, lintRestoreTestingSelection } from './restoreTestingRules';
import { lintSelection } from './selectionRules';
import type { Finding, LintOptions, Recognition } from './types';

/** Runs the rules of a document's kind on its tree. */
export function runRules(r: Recognition, root: Node, ctx: RuleContext): void {
  switch (r.kind) {
    case 'backup-plan':
      lintPlan(root, ctx);
      break;
    case 'create-backup-plan':
    case 'update-backup-plan':
    case 'get-backup-plan':
      lintPlan(valueOf(root, 'BackupPlan'), ctx, { output: r.kind === 'get-backup-plan' });
      break;
    case 'backup-selection':
      lintSelection(root, ctx);
      break;
    case 'create-backup-selection':
      lintSelection(valueOf(root, 'BackupSelection'), ctx);
      break;
    case 'restore-metadata':
      lintMetadata(root, ctx, { resourceType: r.resourceType ?? 'generic' });
      break;
    case 'get-recovery-point-restore-metadata':
      // What the service returned for the point: linted as the metadata a restore would send.
      lintMetadata(valueOf(root, 'RestoreMetadata'), ctx, { resourceType: r.resourceType ?? 'generic' });
      break;
    case 'restore-testing-plan':
      lintRestoreTestingPlan(root, ctx);
      break;
    case 'create-restore-testing-plan':
      lintRestoreTestingPlan(valueOf(root, 'RestoreTestingPlan'), ctx);
      break;
    case 'restore-testing-selection':
      lintRestoreTestingSelection(root, ctx);
      break;
    case 'create-restore-testing-selection':
      lintRestoreTestingSelection(valueOf(root, 'RestoreTestingSelection'), ctx);
      break;
    case 'start-restore-job': {
      lintJob(root, ctx);
      const arn = stringValue(valueOf(root, 'RecoveryPointArn'));
      lintMetadata(valueOf(root, 'Metadata'), ctx, {
        resourceType: r.resourceType ?? 'generic',
        continuous: isContinuousRecoveryPointArn(arn),
      });
      break;
    }
  }
}

/** Severity applied (or the finding dropped), ranges clamped to the text, sorted by position. */
export function finish(raw: RawFinding[], severity: LintOptions['severity'], textLength: number): Finding[] {
  const out: Finding[] = [];
  for (const f of withSeverity(raw, severity)) {
    const offset = Math.min(Math.max(0, f.offset), textLength);
    out.push({ ...f, offset, length: Math.max(0, Math.min(f.length, textLength - offset)) });
  }
  out.sort((a, b) => a.offset - b.offset || a.code.localeCompare(b.code));
  return out;
}
