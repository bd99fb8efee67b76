import { ParseErrorCode } from 'jsonc-parser';
import type { RawFinding, RuleContext } from './context';
import { finish, runRules } from './documentRules';
import { lintEmbedded } from './embedded';
import { describeParseError, MAX_DEPTH, parseDocument } from './jsonAst';
import { recognize } from './recognize';
import { checkSchema } from './schemaCheck';
import type { DocumentKind, LintOptions, LintResult, Recognition } from './types';

/**
 * A file too deep to parse, known by the AWS Backup keys its text names: it is still one of ours,
 * and its one finding says why it was not read (not skipped in silence, in a directory scan too).
 */
function recognizeUnread(text: string): Recognition | undefined {
  const names = (keys: string): RegExp => new RegExp(`"(?:${keys})"\\s*:`);
  const kind: DocumentKind | undefined = names('BackupPlanName|TargetBackupVaultName|BackupPlan').test(text)
    ? 'backup-plan'
    : names('SelectionName|BackupSelection').test(text)
      ? 'backup-selection'
      : names('RecoveryPointArn').test(text)
        ? 'start-restore-job'
        : undefined;
  return kind ? { kind, reason: 'content' } : undefined;
}

export interface LintInput extends LintOptions {
  text: string;
  fileName?: string;
  globs?: Readonly<Record<string, string>>;
  /**
   * The offset of the first character decoded from bytes that are not UTF-8 (as U+FFFD), when the
   * caller read the file as bytes: the AWS CLI cannot read such a file.
   */
  invalidUtf8At?: number;
  /** Skip recognition: lint as this kind (e.g. the user picked it). */
  recognition?: Recognition;
}

/**
 * Lints one document. Returns undefined when the file is not an AWS Backup file (it is then left
 * alone, with no finding). Never throws on any input text. A CloudFormation template or Terraform
 * file (by content: ./formats) has each plan and selection it embeds linted as the AWS CLI's file
 * would be.
 */
export function lint(input: LintInput): LintResult | undefined {
  const { text } = input;
  if (!input.recognition) {
    const embedded = lintEmbedded(input);
    if (embedded) return embedded;
    // The AWS CLI's files are JSON: a YAML file that is not a template is left alone, unparsed.
    // A YAML or Terraform file is only ever a template or configuration, never the AWS CLI's JSON.
    if (input.fileName && /\.(?:ya?ml|tf)$/i.test(input.fileName)) return undefined;
  }
  const parsed = parseDocument(text);
  const recognition =
    input.recognition ??
    recognize({ root: parsed.root, fileName: input.fileName, globs: input.globs }) ??
    (parsed.tooDeepAt !== undefined ? recognizeUnread(text) : undefined);
  if (!recognition) return undefined;

  const raw: RawFinding[] = [];
  const ctx: RuleContext = {
    text,
    now: input.now ?? new Date(),
    report(code, at, message, fixes) {
      raw.push({
        code,
        message,
        offset: at.offset,
        length: at.length,
        ...(fixes && fixes.length ? { fixes } : {}),
      });
    },
  };

  if (parsed.tooDeepAt !== undefined) {
    raw.push({
      code: 'JSON001',
      message: `Nested more than ${MAX_DEPTH} levels deep: the AWS CLI cannot read this file, and no AWS Backup input nests like this.`,
      offset: parsed.tooDeepAt,
      length: 1,
    });
  }
  if (parsed.bom)
    raw.push({
      code: 'JSON001',
      message:
        'The file starts with a UTF-8 byte order mark (BOM): the AWS CLI does not read it as JSON ("Error parsing parameter"). Save the file as UTF-8 without a BOM.',
      offset: 0,
      length: 1,
    });
  if (input.invalidUtf8At !== undefined)
    raw.push({
      code: 'JSON001',
      message:
        'Bytes that are not UTF-8: the AWS CLI cannot read this file ("text contents could not be decoded"). Save it as UTF-8.',
      offset: input.invalidUtf8At,
      length: 1,
    });
  for (const e of parsed.errors) {
    raw.push({
      code: 'JSON001',
      message: describeParseError(e.error, text, e.offset),
      offset: e.offset,
      // A missing value has no extent of its own: mark one character.
      length: e.error === ParseErrorCode.ValueExpected ? Math.max(e.length, 1) : e.length,
    });
  }
  const root = parsed.root;
  if (root) {
    checkSchema(
      recognition.kind,
      root,
      text,
      (f) => raw.push(f),
      'value' in parsed ? { value: parsed.value } : undefined,
    );
    runRules(recognition, root, ctx);
  }
  return { recognition, findings: finish(raw, input.severity, text.length) };
}
