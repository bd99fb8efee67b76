/** A deterministic backup plan of `n` rules, a realistic mix of snapshot and continuous rules. */
export function generatePlan(n: number): string {
  const rules = [];
  for (let i = 0; i < n; i++) {
    // One continuous rule, as a real plan has; the rest snapshot rules, some with copies.
    const continuous = i === 0;
    rules.push({
      RuleName: `rule-${i}`,
      TargetBackupVaultName: continuous ? 'pitr-vault' : `vault-${i % 7}`,
      ScheduleExpression: i % 3 === 0 ? 'cron(0 5 ? * * *)' : `cron(${i % 60} ${i % 24} ? * MON-FRI *)`,
      StartWindowMinutes: 60 + (i % 400),
      CompletionWindowMinutes: 10080,
      ...(continuous ? { EnableContinuousBackup: true } : {}),
      Lifecycle: continuous
        ? { DeleteAfterDays: 35 }
        : { MoveToColdStorageAfterDays: 30, DeleteAfterDays: 120 + (i % 200) },
      RecoveryPointTags: { team: `t${i % 11}`, env: 'prod' },
      ...(i % 4 === 1
        ? {
            CopyActions: [
              {
                DestinationBackupVaultArn: 'arn:aws:backup:us-west-2:123456789012:backup-vault:dr',
                Lifecycle: { DeleteAfterDays: 365 },
              },
            ],
          }
        : {}),
    });
  }
  return JSON.stringify({ BackupPlanName: 'bench-plan', Rules: rules }, null, 2);
}
