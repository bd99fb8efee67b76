/**
 * A deterministic CloudFormation template (YAML) with `n` backup plans, as a team's stack has them:
 * a vault per ten plans, each plan a continuous rule and two snapshot rules (one with a copy), its
 * names from `!Sub`, its vaults by `!Ref`, and a selection per plan.
 */
export function generateTemplate(n: number): string {
  const out = [
    'AWSTemplateFormatVersion: "2010-09-09"',
    'Description: Backup plans for the bench',
    'Parameters:',
    '  DrVaultArn:',
    '    Type: String',
    '    Default: arn:aws:backup:us-west-2:123456789012:backup-vault:dr',
    'Resources:',
  ];
  for (let v = 0; v < Math.ceil(n / 10); v++)
    out.push(
      `  Vault${v}:`,
      '    Type: AWS::Backup::BackupVault',
      '    Properties:',
      `      BackupVaultName: pitr-vault-${v}`,
    );
  for (let i = 0; i < n; i++) {
    const vault = `Vault${Math.floor(i / 10)}`;
    out.push(
      `  Plan${i}:`,
      '    Type: AWS::Backup::BackupPlan',
      '    Properties:',
      '      BackupPlan:',
      `        BackupPlanName: !Sub "\${AWS::StackName}-plan-${i}"`,
      '        BackupPlanRule:',
      '          - RuleName: continuous',
      `            TargetBackupVault: !Ref ${vault}`,
      '            ScheduleExpression: cron(0 5 ? * * *)',
      '            StartWindowMinutes: 60',
      '            EnableContinuousBackup: true',
      '            Lifecycle:',
      '              DeleteAfterDays: 35',
      '          - RuleName: daily',
      `            TargetBackupVault: !Ref ${vault}`,
      `            ScheduleExpression: "cron(${i % 60} ${i % 24} ? * MON-FRI *)"`,
      `            StartWindowMinutes: ${60 + (i % 400)}`,
      '            CompletionWindowMinutes: 10080',
      '            Lifecycle: { MoveToColdStorageAfterDays: 30, DeleteAfterDays: 120 }',
      '            RecoveryPointTags: { team: platform, env: prod }',
      '          - RuleName: monthly',
      `            TargetBackupVault: !GetAtt ${vault}.BackupVaultName`,
      '            ScheduleExpression: cron(0 3 1 * ? *)',
      '            Lifecycle:',
      '              DeleteAfterDays: 365',
      '            CopyActions:',
      '              - DestinationBackupVaultArn: !Ref DrVaultArn',
      '                Lifecycle: { DeleteAfterDays: 365 }',
      `  Selection${i}:`,
      '    Type: AWS::Backup::BackupSelection',
      '    Properties:',
      `      BackupPlanId: !Ref Plan${i}`,
      '      BackupSelection:',
      `        SelectionName: selection-${i}`,
      '        IamRoleArn: !Sub "arn:aws:iam::${AWS::AccountId}:role/service-role/AWSBackupDefaultServiceRole"',
      '        ListOfTags:',
      '          - ConditionType: STRINGEQUALS',
      '            ConditionKey: backup',
      `            ConditionValue: plan-${i}`,
    );
  }
  return out.join('\n') + '\n';
}
