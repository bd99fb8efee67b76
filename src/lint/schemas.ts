import backupPlan from '../../schemas/backup-plan.schema.json';
import createBackupPlan from '../../schemas/create-backup-plan.schema.json';
import updateBackupPlan from '../../schemas/update-backup-plan.schema.json';
import getBackupPlan from '../../schemas/get-backup-plan.schema.json';
import backupSelection from '../../schemas/backup-selection.schema.json';
import createBackupSelection from '../../schemas/create-backup-selection.schema.json';
import restoreMetadata from '../../schemas/restore-metadata.schema.json';
import startRestoreJob from '../../schemas/start-restore-job.schema.json';
import getRecoveryPointRestoreMetadata from '../../schemas/get-recovery-point-restore-metadata.schema.json';
import restoreTestingPlan from '../../schemas/restore-testing-plan.schema.json';
import createRestoreTestingPlan from '../../schemas/create-restore-testing-plan.schema.json';
import restoreTestingSelection from '../../schemas/restore-testing-selection.schema.json';
import createRestoreTestingSelection from '../../schemas/create-restore-testing-selection.schema.json';
import type { DocumentKind } from './types';

/** A JSON Schema node, as far as completion, hover and error mapping read it. */
export interface SchemaNode {
  $ref?: string;
  type?: string | string[];
  description?: string;
  properties?: Record<string, SchemaNode>;
  additionalProperties?: boolean | SchemaNode;
  required?: string[];
  items?: SchemaNode;
  enum?: unknown[];
  pattern?: string;
  $defs?: Record<string, SchemaNode>;
}

export const SCHEMAS: Readonly<Record<DocumentKind, SchemaNode>> = {
  'backup-plan': backupPlan,
  'create-backup-plan': createBackupPlan,
  'update-backup-plan': updateBackupPlan,
  'get-backup-plan': getBackupPlan,
  'backup-selection': backupSelection,
  'create-backup-selection': createBackupSelection,
  'restore-metadata': restoreMetadata,
  'start-restore-job': startRestoreJob,
  'get-recovery-point-restore-metadata': getRecoveryPointRestoreMetadata,
  'restore-testing-plan': restoreTestingPlan,
  'create-restore-testing-plan': createRestoreTestingPlan,
  'restore-testing-selection': restoreTestingSelection,
  'create-restore-testing-selection': createRestoreTestingSelection,
};

/** Follows a local `$ref` within `root`. */
export function deref(root: SchemaNode, node: SchemaNode | undefined): SchemaNode | undefined {
  let n = node;
  for (let guard = 0; n?.$ref && guard < 16; guard++) {
    const name = n.$ref.replace('#/$defs/', '');
    n = root.$defs?.[name];
  }
  return n;
}

/** The schema at a JSON path (property names and array indexes), or undefined where none applies. */
export function schemaAtPath(root: SchemaNode, path: readonly (string | number)[]): SchemaNode | undefined {
  let n = deref(root, root);
  for (const seg of path) {
    if (!n) return undefined;
    if (typeof seg === 'number') n = deref(root, n.items);
    else {
      const p = n.properties?.[seg];
      n = deref(root, p ?? (typeof n.additionalProperties === 'object' ? n.additionalProperties : undefined));
    }
  }
  return n;
}
