/** The kinds of file the linter knows, one per way the AWS CLI takes or prints them. */
export type DocumentKind =
  | 'backup-plan' // BackupPlanInput: create-backup-plan --backup-plan file://…
  | 'create-backup-plan' // create-backup-plan --cli-input-json
  | 'update-backup-plan' // update-backup-plan --cli-input-json
  | 'get-backup-plan' // get-backup-plan output
  | 'backup-selection' // create-backup-selection --backup-selection file://…
  | 'create-backup-selection' // create-backup-selection --cli-input-json
  | 'restore-metadata' // start-restore-job --metadata file://…
  | 'start-restore-job' // start-restore-job --cli-input-json
  | 'get-recovery-point-restore-metadata' // its output: RestoreMetadata is restore metadata
  | 'restore-testing-plan' // create-restore-testing-plan --restore-testing-plan file://…
  | 'create-restore-testing-plan' // create-restore-testing-plan --cli-input-json
  | 'restore-testing-selection' // create-restore-testing-selection --restore-testing-selection file://…
  | 'create-restore-testing-selection'; // create-restore-testing-selection --cli-input-json

/** The families a user names in settings; recognition picks the exact kind inside one. */
export type DocumentFamily =
  | 'backup-plan'
  | 'backup-selection'
  | 'restore-metadata'
  | 'start-restore-job'
  | 'restore-testing-plan'
  | 'restore-testing-selection';

export const DOCUMENT_KINDS: readonly DocumentKind[] = [
  'backup-plan',
  'create-backup-plan',
  'update-backup-plan',
  'get-backup-plan',
  'backup-selection',
  'create-backup-selection',
  'restore-metadata',
  'start-restore-job',
  'get-recovery-point-restore-metadata',
  'restore-testing-plan',
  'create-restore-testing-plan',
  'restore-testing-selection',
  'create-restore-testing-selection',
];

export const FAMILY_OF: Record<DocumentKind, DocumentFamily> = {
  'backup-plan': 'backup-plan',
  'create-backup-plan': 'backup-plan',
  'update-backup-plan': 'backup-plan',
  'get-backup-plan': 'backup-plan',
  'backup-selection': 'backup-selection',
  'create-backup-selection': 'backup-selection',
  'restore-metadata': 'restore-metadata',
  'start-restore-job': 'start-restore-job',
  'get-recovery-point-restore-metadata': 'restore-metadata',
  'restore-testing-plan': 'restore-testing-plan',
  'create-restore-testing-plan': 'restore-testing-plan',
  'restore-testing-selection': 'restore-testing-selection',
  'create-restore-testing-selection': 'restore-testing-selection',
};

/**
 * The resource type whose restore metadata the linter checks key by key: a name from the record per
 * type (src/backup/resourceTypes.ts) whose restore keys are known, or 'generic'.
 */
export type MetadataResourceType = string;

export type Severity = 'error' | 'warning' | 'info' | 'hint';
export type SeveritySetting = Severity | 'off';

/** A text edit by UTF-16 offsets into the document. */
export interface TextEdit {
  offset: number;
  length: number;
  newText: string;
}

export interface Fix {
  title: string;
  edits: TextEdit[];
  isPreferred?: boolean;
}

export interface Finding {
  code: string;
  message: string;
  severity: Severity;
  /** UTF-16 offset and length of the key or value at fault. */
  offset: number;
  length: number;
  fixes?: Fix[];
  /** In a template or Terraform file: the resource the finding belongs to (logical ID, address). */
  resource?: string;
  /** The AWS page this finding rests on, when it is not the rule's own (a SCHEMA code on a selection). */
  url?: string;
}

export interface LintOptions {
  /** "Now" for time-dependent rules; the clock when absent. */
  now?: Date;
  /** Severity per code; 'off' drops the finding. Codes not named keep their default. */
  severity?: Readonly<Record<string, SeveritySetting>>;
}

export interface Recognition {
  /** For a template or Terraform file: the kind of its first embedded document. */
  kind: DocumentKind;
  /** For restore metadata (bare or inside start-restore-job): the type its rules assume. */
  resourceType?: MetadataResourceType;
  /** How it was recognised, for the status item and the CLI's verbose output. */
  reason: 'content' | 'file name' | 'setting';
  /** Set when the file is a template or Terraform file: its format, and the documents it embeds. */
  format?: EmbeddingFormat;
  documents?: { kind: DocumentKind; label: string }[];
}

export interface LintResult {
  recognition: Recognition;
  findings: Finding[];
}

/** The formats that embed AWS Backup documents, each read by an adapter (./formats). */
export type EmbeddingFormat = 'cloudformation' | 'terraform' | 'terraform-plan';
