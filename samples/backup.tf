# The seminar's plan, as a team writes it in Terraform: a five-field cron, a 30-minute start
# window, and a continuous rule with cold storage after 7 days, 90 days' retention and a copy.

resource "aws_backup_vault" "primary" {
  name = "pitr-primary"
}

resource "aws_backup_vault" "dr" {
  name = "pitr-dr"
}

resource "aws_backup_plan" "seminar" {
  name = "seminar-plan"

  rule {
    rule_name                = "continuous"
    target_vault_name        = aws_backup_vault.primary.name
    schedule                 = "cron(0 5 * * *)"
    start_window             = 30
    enable_continuous_backup = true

    lifecycle {
      cold_storage_after = 7
      delete_after       = 90
    }

    copy_action {
      destination_vault_arn = aws_backup_vault.dr.arn
    }
  }
}

resource "aws_backup_selection" "seminar" {
  name         = "seminar-selection"
  iam_role_arn = "arn:aws:iam::123456789012:role/service-role/AWSBackupDefaultServiceRole"
  plan_id      = aws_backup_plan.seminar.id
  resources    = ["arn:aws:s3:::seminar-bucket"]

  selection_tag {
    type  = "STRINGEQUALS"
    key   = "backup"
    value = "pitr"
  }
}
