/**
 * The cheap tests that decide, before any parse, whether a file may be a template or Terraform file
 * with AWS Backup resources. Nothing heavy is imported here: the extension's activation bundle
 * uses this module (src/lint/editor/sniff.ts), and a YAML or HCL file that is not such a file costs
 * a substring search.
 */
import type { EmbeddingFormat } from '../types';

/**
 * CloudFormation (YAML, JSON, SAM, CDK output): the text names an AWS Backup resource type and
 * has a `Resources` section. Every plan or selection a template declares has the type's name in it.
 */
export function sniffCloudFormation(text: string): boolean {
  const at = text.indexOf('AWS::Backup::');
  return at >= 0 && text.includes('Resources');
}

const RESOURCE =
  /\bresource\s+"?aws_backup_(?:plan|selection|restore_testing_plan|restore_testing_selection)\b/;
const OTHER_FORMATS = /\.(?:json|jsonc|ya?ml|template|tfvars)$/i;

/** Terraform HCL: a `resource "aws_backup_plan"` or `resource "aws_backup_selection"` in the text. */
export function sniffTerraform(text: string, fileName?: string): boolean {
  if (fileName !== undefined && OTHER_FORMATS.test(fileName)) return false;
  return text.includes('aws_backup_') && RESOURCE.test(text);
}

/** Terraform's plan or state JSON (`format_version`) with a Backup plan or selection in it. */
export function sniffTerraformPlan(text: string, fileName?: string): boolean {
  if (fileName !== undefined && !/\.json$/i.test(fileName)) return false;
  return (
    text.includes('"format_version"') &&
    (text.includes('"aws_backup_plan"') || text.includes('"aws_backup_selection"'))
  );
}

/** The format whose cheap test passes, cheapest first: the same tests the adapters make. */
export function sniffEmbedding(text: string, fileName?: string): EmbeddingFormat | undefined {
  if (sniffCloudFormation(text)) return 'cloudformation';
  if (sniffTerraform(text, fileName)) return 'terraform';
  if (sniffTerraformPlan(text, fileName)) return 'terraform-plan';
  return undefined;
}
