/**
 * A member account's seed, for the recovery posture (issue 15): `resources` resources of eight kinds in
 * turn — S3, RDS and Aurora with live continuous backup, an S3 bucket whose continuous backup STOPPED
 * two days ago (with snapshots from before), an RDS instance with daily snapshots only, a DynamoDB
 * table with snapshots whose type the Region does not opt in, an EBS volume whose newest snapshot is
 * three days old, and an S3 bucket with nothing but a backup job that failed because another vault
 * holds its continuous backup. Deterministic and relative to "now"; names carry the account and Region.
 */
import { optOut } from './handlers/region';
import { seedPostureRestores } from './seedRto';
import type { AccountState, RecoveryPoint } from './state';

const DAY = 86_400_000;
const HOUR = 3_600_000;

interface PostureSeedOptions {
  now: Date;
  /** How many resources (default 16: each kind twice). */
  resources?: number;
}

export function seedPostureAccount(state: AccountState, opts: PostureSeedOptions): void {
  const now = opts.now.getTime();
  const ago = (ms: number): Date => new Date(now - ms);
  const role = `arn:aws:iam::${state.accountId}:role/service-role/AWSBackupDefaultServiceRole`;
  const tag = `${state.accountId.slice(-4)}-${state.region}`;
  const vault = (name: string): RecoveryPoint['BackupVaultArn'] => {
    state.vaults.set(name, {
      BackupVaultName: name,
      BackupVaultArn: state.vaultArn(name),
      VaultType: 'BACKUP_VAULT',
      VaultState: 'AVAILABLE',
      CreationDate: ago(300 * DAY),
      Locked: false,
    });
    return state.vaultArn(name);
  };
  vault('Default');
  vault('pitr');
  const planId = state.id('plan');
  const planArn = state.arn('backup', `backup-plan:${planId}`);
  const rules = { continuous: state.id('rule'), daily: state.id('rule') };
  state.plans.set(planId, {
    BackupPlanId: planId,
    BackupPlanArn: planArn,
    VersionId: state.id('version'),
    CreationDate: ago(300 * DAY),
    BackupPlan: {
      BackupPlanName: 'posture-plan',
      Rules: [
        {
          RuleName: 'continuous-14d',
          RuleId: rules.continuous,
          TargetBackupVaultName: 'pitr',
          ScheduleExpression: 'cron(0 5 ? * * *)',
          EnableContinuousBackup: true,
          Lifecycle: { DeleteAfterDays: 14 },
        },
        {
          RuleName: 'daily',
          RuleId: rules.daily,
          TargetBackupVaultName: 'pitr',
          ScheduleExpression: 'cron(0 3 ? * * *)',
          Lifecycle: { DeleteAfterDays: 35 },
        },
      ],
    },
  });
  const selectionId = state.id('selection');
  state.selections.set(selectionId, {
    SelectionId: selectionId,
    BackupPlanId: planId,
    CreationDate: ago(300 * DAY),
    BackupSelection: {
      SelectionName: 'tagged',
      IamRoleArn: role,
      ListOfTags: [{ ConditionType: 'STRINGEQUALS', ConditionKey: 'backup', ConditionValue: 'posture' }],
    },
  });
  const by = (rule: 'continuous' | 'daily'): Record<string, string> => ({
    BackupPlanId: planId,
    BackupPlanArn: planArn,
    BackupPlanName: 'posture-plan',
    BackupPlanVersion: 'v1',
    BackupRuleId: rules[rule],
    BackupRuleName: rule === 'continuous' ? 'continuous-14d' : 'daily',
  });
  const point = (
    r: { arn: string; type: string; name: string },
    continuous: boolean,
    p: Partial<RecoveryPoint> & { CreationDate: Date },
  ): void => {
    const arn = continuous
      ? state.arn('backup', `recovery-point:continuous:${r.name}-${state.id('c', 'hex').slice(0, 8)}`)
      : state.arn('backup', `recovery-point:${state.id('s').toLowerCase()}`);
    state.recoveryPoints.set(arn, {
      RecoveryPointArn: arn,
      BackupVaultName: 'pitr',
      BackupVaultArn: state.vaultArn('pitr'),
      VaultType: 'BACKUP_VAULT',
      ResourceArn: r.arn,
      ResourceType: r.type,
      ResourceName: r.name,
      CreatedBy: by(continuous ? 'continuous' : 'daily'),
      IamRoleArn: role,
      Status: 'COMPLETED',
      BackupSizeInBytes: 1_073_741_824,
      IsEncrypted: true,
      IsParent: false,
      StorageClass: 'WARM',
      Lifecycle: { DeleteAfterDays: continuous ? 14 : 35 },
      ...(continuous ? {} : { CompletionDate: new Date(p.CreationDate.getTime() + 600_000) }),
      restoreMetadata: {},
      ...p,
    });
  };
  const n = opts.resources ?? 16;
  for (let i = 0; i < n; i++) {
    const kind = i % 8;
    const k = `${tag}-${Math.floor(i / 8)}`;
    switch (kind) {
      case 0: {
        const r = { arn: `arn:aws:s3:::live-bucket-${k}`, type: 'S3', name: `live-bucket-${k}` };
        point(r, true, { CreationDate: ago(40 * DAY) });
        point(r, false, { CreationDate: ago(20 * HOUR) });
        break;
      }
      case 1: {
        const name = `live-db-${k}`;
        point({ arn: state.arn('rds', `db:${name}`), type: 'RDS', name }, true, {
          CreationDate: ago(9 * DAY),
        });
        break;
      }
      case 2: {
        const name = `live-cluster-${k}`;
        point({ arn: state.arn('rds', `cluster:${name}`), type: 'Aurora', name }, true, {
          CreationDate: ago(60 * DAY),
        });
        break;
      }
      case 3: {
        const r = { arn: `arn:aws:s3:::stopped-bucket-${k}`, type: 'S3', name: `stopped-bucket-${k}` };
        point(r, true, {
          CreationDate: ago(12 * DAY),
          CompletionDate: ago(2 * DAY),
          Status: 'STOPPED',
          StatusMessage: `Continuous backup stopped: versioning was suspended on bucket stopped-bucket-${k}.`,
        });
        point(r, false, { CreationDate: ago(3 * DAY + 20 * HOUR) });
        break;
      }
      case 4: {
        const name = `snap-db-${k}`;
        const r = { arn: state.arn('rds', `db:${name}`), type: 'RDS', name };
        for (let d = 0; d < 2; d++) point(r, false, { CreationDate: ago(d * DAY + 20 * HOUR) });
        break;
      }
      case 5: {
        const name = `table-${k}`;
        const r = { arn: state.arn('dynamodb', `table/${name}`), type: 'DynamoDB', name };
        point(r, false, { CreationDate: ago(6 * HOUR) });
        break;
      }
      case 6: {
        const name = `vol-${k}`;
        const r = { arn: state.arn('ec2', `volume/${name}`), type: 'EBS', name };
        point(r, false, { CreationDate: ago(3 * DAY + 4 * HOUR) });
        break;
      }
      case 7:
        state.backupJobs.push({
          AccountId: state.accountId,
          BackupJobId: state.id('backup-job'),
          BackupVaultName: 'Default',
          BackupVaultArn: state.vaultArn('Default'),
          ResourceArn: `arn:aws:s3:::other-vault-bucket-${k}`,
          ResourceType: 'S3',
          ResourceName: `other-vault-bucket-${k}`,
          CreationDate: ago(DAY),
          CompletionDate: ago(DAY - 300_000),
          State: 'FAILED',
          StatusMessage: `Bucket other-vault-bucket-${k} already has continuous backup enabled for another vault Backup job failed.`,
          IamRoleArn: role,
        });
        break;
    }
  }
  optOut(state, 'DynamoDB');
  seedPostureRestores(state, now);
}
