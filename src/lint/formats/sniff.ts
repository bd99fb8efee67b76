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

/** Terraform: an `aws_backup_plan` or `aws_backup_selection` resource (HCL, or plan JSON). */
export function sniffTerraform(text: string): boolean {
  return /aws_backup_(plan|selection)/.test(text);
}

/** The formats whose cheap test passes, cheapest first. */
export function sniffEmbedding(text: string, fileName?: string): EmbeddingFormat | undefined {
  if (sniffCloudFormation(text)) return 'cloudformation';
  if (sniffTerraform(text)) return fileName?.toLowerCase().endsWith('.tf') ? 'terraform' : 'terraform-plan';
  return undefined;
}
