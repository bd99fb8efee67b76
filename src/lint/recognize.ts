import type { Node } from 'jsonc-parser';
import { matchesGlob } from './glob';
import { properties, valueOf, stringValue } from './jsonAst';
import {
  METADATA_MARKER,
  WEAK_METADATA_MARKER,
  metadataTypeOfResourceType,
  resourceTypeFromFileName,
  resourceTypeFromKeys,
} from './metadataKeys';
import type { DocumentFamily, DocumentKind, MetadataResourceType, Recognition } from './types';

export interface RecognizeInput {
  root: Node | undefined;
  /** The file's path (any separator); only its name and, for globs, its path are used. */
  fileName?: string;
  /** Setting `awsBackupPitr.lint.files`: glob → family. */
  globs?: Readonly<Record<string, string>>;
}

const FAMILIES: readonly DocumentFamily[] = [
  'backup-plan',
  'backup-selection',
  'restore-metadata',
  'start-restore-job',
  'restore-testing-plan',
  'restore-testing-selection',
];

/** What kind of AWS Backup file this is, or undefined to leave the file alone. */
export function recognize(input: RecognizeInput): Recognition | undefined {
  const { root, fileName, globs } = input;
  if (fileName && globs) {
    for (const [pattern, family] of Object.entries(globs)) {
      if (FAMILIES.includes(family as DocumentFamily) && matchesGlob(pattern, fileName)) {
        return withType(
          { kind: kindInFamily(family as DocumentFamily, root), reason: 'setting' },
          root,
          fileName,
        );
      }
    }
  }
  const byContent = kindFromContent(root);
  if (byContent) return withType({ kind: byContent, reason: 'content' }, root, fileName);
  const family = fileName ? familyFromFileName(fileName) : undefined;
  if (family) return withType({ kind: kindInFamily(family, root), reason: 'file name' }, root, fileName);
  return undefined;
}

function withType(r: Recognition, root: Node | undefined, fileName: string | undefined): Recognition {
  if (r.kind === 'restore-metadata') return { ...r, resourceType: metadataType(root, undefined, fileName) };
  if (r.kind === 'start-restore-job' || r.kind === 'get-recovery-point-restore-metadata') {
    const declared = stringValue(valueOf(root, 'ResourceType'));
    const metadata = valueOf(root, r.kind === 'start-restore-job' ? 'Metadata' : 'RestoreMetadata');
    return { ...r, resourceType: metadataType(metadata, declared, fileName) };
  }
  return r;
}

function metadataType(
  metadata: Node | undefined,
  declared: string | undefined,
  fileName: string | undefined,
): MetadataResourceType {
  if (declared !== undefined) return metadataTypeOfResourceType(declared) ?? 'generic';
  const fromKeys = resourceTypeFromKeys(properties(metadata).map((p) => p.name));
  if (fromKeys) return fromKeys;
  const base = fileName ? fileName.replace(/\\/g, '/').split('/').pop() : undefined;
  return (base && resourceTypeFromFileName(base)) || 'generic';
}

function has(root: Node, name: string): boolean {
  return valueOf(root, name) !== undefined;
}

function kindInFamily(family: DocumentFamily, root: Node | undefined): DocumentKind {
  if (family === 'backup-plan' && root?.type === 'object' && valueOf(root, 'BackupPlan')?.type === 'object') {
    if (has(root, 'BackupPlanArn') || has(root, 'VersionId') || has(root, 'CreationDate'))
      return 'get-backup-plan';
    if (has(root, 'BackupPlanId')) return 'update-backup-plan';
    return 'create-backup-plan';
  }
  if (family === 'restore-metadata' && isRestoreMetadataOutput(root))
    return 'get-recovery-point-restore-metadata';
  if (family === 'restore-testing-plan' || family === 'restore-testing-selection')
    return (root?.type === 'object' && restoreTestingKind(root)) || family;
  if (
    family === 'backup-selection' &&
    root?.type === 'object' &&
    valueOf(root, 'BackupSelection')?.type === 'object'
  )
    return 'create-backup-selection';
  return family;
}

/** A saved `aws backup get-recovery-point-restore-metadata` output (service model: its Output shape). */
function isRestoreMetadataOutput(root: Node | undefined): boolean {
  return (
    root?.type === 'object' && valueOf(root, 'RestoreMetadata')?.type === 'object' && !has(root, 'Metadata')
  );
}

function kindFromContent(root: Node | undefined): DocumentKind | undefined {
  if (root?.type !== 'object') return undefined;
  const testing = restoreTestingKind(root);
  if (testing) return testing;
  if (valueOf(root, 'BackupPlan')?.type === 'object') return kindInFamily('backup-plan', root);
  if (valueOf(root, 'BackupSelection')?.type === 'object') return 'create-backup-selection';
  if (isRestoreMetadataOutput(root)) return 'get-recovery-point-restore-metadata';
  if (
    has(root, 'RecoveryPointArn') &&
    (has(root, 'Metadata') || has(root, 'IdempotencyToken') || has(root, 'ResourceType'))
  )
    return 'start-restore-job';
  const rules = valueOf(root, 'Rules');
  if (
    has(root, 'BackupPlanName') ||
    (rules?.type === 'array' &&
      rules.children?.some((r) => has(r, 'RuleName') || has(r, 'TargetBackupVaultName')))
  )
    return 'backup-plan';
  if (
    has(root, 'SelectionName') ||
    (has(root, 'IamRoleArn') &&
      (has(root, 'Resources') || has(root, 'ListOfTags') || has(root, 'Conditions')))
  )
    return 'backup-selection';
  const props = properties(root);
  if (props.some((p) => METADATA_MARKER.test(p.name))) return 'restore-metadata';
  const flat = props.every(
    (p) => p.value !== undefined && p.value.type !== 'object' && p.value.type !== 'array',
  );
  if (flat && props.some((p) => WEAK_METADATA_MARKER.test(p.name))) return 'restore-metadata';
  return undefined;
}

/**
 * A restore testing plan or selection (service model: RestoreTestingPlanForCreate,
 * RestoreTestingSelectionForCreate, and their Create…Input for --cli-input-json).
 */
function restoreTestingKind(root: Node): DocumentKind | undefined {
  if (valueOf(root, 'RestoreTestingPlan')?.type === 'object') return 'create-restore-testing-plan';
  if (valueOf(root, 'RestoreTestingSelection')?.type === 'object') return 'create-restore-testing-selection';
  if (
    has(root, 'RecoveryPointSelection') ||
    (has(root, 'RestoreTestingPlanName') && has(root, 'ScheduleExpression'))
  )
    return 'restore-testing-plan';
  if (has(root, 'ProtectedResourceType') || has(root, 'RestoreTestingSelectionName'))
    return 'restore-testing-selection';
  return undefined;
}

function familyFromFileName(path: string): DocumentFamily | undefined {
  const base = (path.replace(/\\/g, '/').split('/').pop() ?? '').toLowerCase();
  if (!base.endsWith('.json')) return undefined;
  if (/restore[-_.]?testing[-_.]?plan/.test(base)) return 'restore-testing-plan';
  if (/restore[-_.]?testing[-_.]?selection/.test(base)) return 'restore-testing-selection';
  if (/start[-_.]?restore[-_.]?job/.test(base)) return 'start-restore-job';
  if (/restore[-_.]?metadata/.test(base)) return 'restore-metadata';
  if (/backup[-_.]?selection/.test(base)) return 'backup-selection';
  if (/backup[-_.]?plan/.test(base)) return 'backup-plan';
  return undefined;
}
