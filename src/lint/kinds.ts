import type { DocumentKind } from './types';

/** Documents the restore flows start jobs from (CodeLens, editor title). */
export const RESTORE_KINDS: ReadonlySet<DocumentKind> = new Set<DocumentKind>([
  'start-restore-job',
  'restore-metadata',
]);

/** Documents the live checks look at against the connected account. */
export const LIVE_CHECKED_KINDS: ReadonlySet<DocumentKind> = new Set<DocumentKind>([
  'backup-plan',
  'create-backup-plan',
  'update-backup-plan',
  'get-backup-plan',
  'backup-selection',
  'create-backup-selection',
  'start-restore-job',
]);

/**
 * File name endings a workspace search picks up, without the dot: the same as formats' lintedExtensions()
 * (a unit test keeps them equal), here so the editor's client need not load the formats to know them.
 */
export const LINTED_ENDINGS: readonly string[] = ['json', 'yaml', 'yml', 'template', 'tf'];
