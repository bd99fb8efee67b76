import type { RuleInfo } from '../rules';

/**
 * The Terraform adapters' own findings (terraform.ts, terraformPlan.ts), to be listed with the
 * other rules in ../rules.ts (`...TERRAFORM_RULES`).
 */
export const TERRAFORM_RULES: readonly RuleInfo[] = [
  {
    code: 'TF001',
    severity: 'error',
    title: 'A Terraform file that is not valid HCL, or plan JSON that cannot be read',
    url: 'https://developer.hashicorp.com/terraform/language/syntax/configuration',
  },
  {
    code: 'TF002',
    severity: 'error',
    title: 'A misspelt argument of aws_backup_plan or aws_backup_selection',
    url: 'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/backup_plan',
  },
];
