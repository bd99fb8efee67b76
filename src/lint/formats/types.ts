/**
 * The contract between the linter's rules and the file formats that embed AWS Backup documents
 * (CloudFormation and CDK templates, Terraform HCL, Terraform plan JSON).
 *
 * An adapter parses its source once and returns, for every embedded plan or selection, a tree in the
 * AWS CLI's shape (the shape every PLAN, PITR and SEL rule already reads), built from
 * jsonc-parser-compatible nodes whose offsets and lengths point into the *source* text. A renamed key
 * (CloudFormation's `BackupPlanRule`, Terraform's `rule` blocks, `start_window`…) is a key node whose
 * `value` is the CLI name and whose offset and length are those of the source key, so a finding lands
 * on what the person wrote.
 *
 * A value the linter cannot know (an intrinsic function, a parameter, a Terraform expression or
 * variable) is an {@link UnknownNode}: rules never report it as missing, mistyped or out of range.
 */
import type { Node } from 'jsonc-parser';
import type { RawFinding } from '../context';
import type { DocumentKind, EmbeddingFormat, Fix } from '../types';

/** A value that is not known before deployment (`!Ref`, `Fn::Sub`, `var.x`, `local.y`, …). */
export interface UnknownNode extends Node {
  type: 'null';
  value: undefined;
  unknown: true;
  /** How the source wrote it, for hovers and messages ("!Ref VaultName", "var.vault"). */
  source: string;
}

export function isUnknown(node: Node | undefined): node is UnknownNode {
  return node !== undefined && (node as Partial<UnknownNode>).unknown === true;
}

/** One plan or selection found inside a template or a Terraform file. */
export interface EmbeddedDocument {
  /**
   * `backup-plan` (BackupPlanInput shape), `backup-selection` (BackupSelection shape), or a restore
   * testing plan or selection (RestoreTestingPlanForCreate, RestoreTestingSelectionForCreate shapes).
   */
  kind: Extract<
    DocumentKind,
    'backup-plan' | 'backup-selection' | 'restore-testing-plan' | 'restore-testing-selection'
  >;
  /** The CLI-shaped tree; offsets point into the source text. */
  root: Node;
  /** Where the resource is declared (its logical ID or `aws_backup_plan.name`), for messages and SARIF. */
  resource: { label: string; offset: number; length: number };
  /**
   * The source's own name for a CLI key ("BackupPlanRule", "start_window"), so a message can speak the
   * file's language. Keys not listed keep their CLI name.
   */
  sourceNames?: Readonly<Record<string, string>>;
  /**
   * For a selection: the label of the plan document of the same file it belongs to, when the file
   * says so (CloudFormation `BackupPlanId: !Ref Plan`, Terraform `plan_id = aws_backup_plan.x.id`).
   * The live checks then take that plan's continuous vaults from the file itself.
   */
  planLabel?: string;
}

export interface EmbeddingResult {
  format: EmbeddingFormat;
  documents: EmbeddedDocument[];
  /** Findings of the format itself: a parse error, a property the resource schema does not have. */
  findings: RawFinding[];
  /**
   * The names of the backup vaults the file itself creates (a template's `AWS::Backup::BackupVault`,
   * a configuration's `aws_backup_vault`), where it writes them literally: the live checks never
   * report them missing from the account.
   */
  vaults?: readonly string[];
}

export interface FormatAdapter {
  format: EmbeddingFormat;
  /**
   * File name endings a directory search picks up for this format (`.yaml`, `.tf`); the content still
   * decides (the CLI and the editor's workspace lint read them).
   */
  extensions?: readonly string[];
  /**
   * A cheap test on the raw text (and file name) that must be false for almost every file that is not
   * one of this format's documents with AWS Backup resources: activation stays light.
   */
  sniff(text: string, fileName?: string): boolean;
  /** Parses and extracts; never throws, on any text. */
  extract(text: string, fileName?: string): EmbeddingResult | undefined;
  /**
   * A rule's fix is written as JSON edits against the CLI-shaped tree. The adapter turns it into edits
   * of its own syntax, or returns undefined when it cannot do so correctly (the fix is then dropped,
   * never applied wrongly).
   */
  translateFix(fix: Fix, document: EmbeddedDocument, text: string): Fix | undefined;
}
