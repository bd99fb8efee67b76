/**
 * The emulated account: vaults, recovery points, plans, selections, jobs, protected resources.
 * Records hold API field names, with Dates for timestamps, so handlers return them as they are.
 */
import { createHash } from 'node:crypto';

export interface Vault {
  BackupVaultName: string;
  BackupVaultArn: string;
  VaultType: 'BACKUP_VAULT' | 'LOGICALLY_AIR_GAPPED_BACKUP_VAULT' | 'RESTORE_ACCESS_BACKUP_VAULT';
  VaultState: 'AVAILABLE';
  CreationDate: Date;
  EncryptionKeyArn?: string;
  EncryptionKeyType?: 'AWS_OWNED_KMS_KEY' | 'CUSTOMER_MANAGED_KMS_KEY';
  CreatorRequestId?: string;
  Locked: boolean;
  MinRetentionDays?: number;
  MaxRetentionDays?: number;
  LockDate?: Date;
}

export interface Lifecycle {
  MoveToColdStorageAfterDays?: number;
  DeleteAfterDays?: number;
  OptInToArchiveForSupportedResources?: boolean;
}

export interface RecoveryPoint {
  RecoveryPointArn: string;
  BackupVaultName: string;
  BackupVaultArn: string;
  ResourceArn: string;
  ResourceType: string;
  ResourceName?: string;
  CreatedBy?: Record<string, string>;
  IamRoleArn: string;
  Status: 'COMPLETED' | 'PARTIAL' | 'DELETING' | 'EXPIRED' | 'AVAILABLE' | 'STOPPED' | 'CREATING';
  StatusMessage?: string;
  CreationDate: Date;
  InitiationDate?: Date;
  CompletionDate?: Date;
  BackupSizeInBytes: number;
  Lifecycle?: Lifecycle;
  CalculatedLifecycle?: { MoveToColdStorageAt?: Date; DeleteAt?: Date };
  EncryptionKeyArn?: string;
  IsEncrypted: boolean;
  StorageClass: 'WARM' | 'COLD' | 'DELETED';
  LastRestoreTime?: Date;
  /** A copy's source vault (service model: RecoveryPointByBackupVault.SourceBackupVaultArn). */
  SourceBackupVaultArn?: string;
  VaultType: Vault['VaultType'];
  IsParent: boolean;
  /** Not an API field: the metadata GetRecoveryPointRestoreMetadata returns. */
  restoreMetadata: Record<string, string>;
}

export interface BackupRule {
  RuleName: string;
  TargetBackupVaultName: string;
  ScheduleExpression?: string;
  ScheduleExpressionTimezone?: string;
  StartWindowMinutes?: number;
  CompletionWindowMinutes?: number;
  Lifecycle?: Lifecycle;
  RecoveryPointTags?: Record<string, string>;
  RuleId: string;
  CopyActions?: { DestinationBackupVaultArn: string; Lifecycle?: Lifecycle }[];
  EnableContinuousBackup?: boolean;
  [extra: string]: unknown;
}

export interface Plan {
  BackupPlanId: string;
  BackupPlanArn: string;
  VersionId: string;
  CreationDate: Date;
  DeletionDate?: Date;
  LastExecutionDate?: Date;
  CreatorRequestId?: string;
  /** CreateBackupPlan's BackupPlanTags, kept as sent (the service model marks them sensitive). */
  Tags?: Record<string, string>;
  BackupPlan: {
    BackupPlanName: string;
    Rules: BackupRule[];
    AdvancedBackupSettings?: unknown[];
    ScanSettings?: unknown[];
  };
  /** The versions UpdateBackupPlan replaced, oldest first (handlers/plans.ts). */
  versions?: PlanVersion[];
}

/** A replaced version of a plan: its body, and when it was made and replaced. */
export interface PlanVersion {
  VersionId: string;
  CreationDate: Date;
  ReplacedDate: Date;
  BackupPlan: Plan['BackupPlan'];
}

export interface Selection {
  SelectionId: string;
  BackupPlanId: string;
  CreationDate: Date;
  CreatorRequestId?: string;
  BackupSelection: {
    SelectionName: string;
    IamRoleArn: string;
    Resources?: string[];
    NotResources?: string[];
    ListOfTags?: unknown[];
    Conditions?: unknown;
  };
}

export interface RestoreJob {
  AccountId: string;
  RestoreJobId: string;
  RecoveryPointArn: string;
  SourceResourceArn: string;
  BackupVaultArn: string;
  CreationDate: Date;
  IamRoleArn?: string;
  ResourceType: string;
  RecoveryPointCreationDate: Date;
  BackupSizeInBytes: number;
  /** Not API fields: how the job will play out, and what it was started with. */
  durationMs: number;
  outcome:
    | {
        status: 'COMPLETED';
        createdResourceArn: string;
        /** S3 item-level: only these were restored. */ restoredItems?: string[];
      }
    | { status: 'FAILED'; message: string };
  metadata: Record<string, string>;
  idempotencyToken?: string;
  /** A restore testing plan's job: its plan, and how its validation and clean-up ended (handlers/restoreTesting.ts). */
  CreatedBy?: { RestoreTestingPlanArn: string };
  testing?: RestoreTestingOutcome;
}

/** How a restore test's job ends after its restore: validation, then deletion of what it restored. */
export interface RestoreTestingOutcome {
  ValidationStatus?: 'FAILED' | 'SUCCESSFUL' | 'TIMED_OUT' | 'VALIDATING';
  ValidationStatusMessage?: string;
  DeletionStatus?: 'DELETING' | 'FAILED' | 'SUCCESSFUL';
  DeletionStatusMessage?: string;
}

export interface RecoveryPointSelectionSpec {
  Algorithm?: string;
  IncludeVaults?: string[];
  ExcludeVaults?: string[];
  RecoveryPointTypes?: string[];
  SelectionWindowDays?: number;
}

export interface RestoreTestingPlan {
  RestoreTestingPlanName: string;
  RestoreTestingPlanArn: string;
  CreationTime: Date;
  CreatorRequestId?: string;
  LastExecutionTime?: Date;
  LastUpdateTime?: Date;
  RecoveryPointSelection: RecoveryPointSelectionSpec;
  ScheduleExpression: string;
  ScheduleExpressionTimezone?: string;
  StartWindowHours?: number;
  Tags?: Record<string, string>;
}

export interface RestoreTestingSelection {
  RestoreTestingPlanName: string;
  RestoreTestingSelectionName: string;
  CreationTime: Date;
  CreatorRequestId?: string;
  IamRoleArn: string;
  ProtectedResourceType: string;
  ProtectedResourceArns?: string[];
  ProtectedResourceConditions?: {
    StringEquals?: { Key: string; Value: string }[];
    StringNotEquals?: { Key: string; Value: string }[];
  };
  RestoreMetadataOverrides?: Record<string, string>;
  ValidationWindowHours?: number;
}

export interface BackupJob {
  AccountId: string;
  BackupJobId: string;
  BackupVaultName: string;
  BackupVaultArn: string;
  RecoveryPointArn?: string;
  ResourceArn: string;
  ResourceType: string;
  ResourceName?: string;
  CreationDate: Date;
  CompletionDate?: Date;
  State:
    | 'CREATED'
    | 'PENDING'
    | 'RUNNING'
    | 'ABORTING'
    | 'ABORTED'
    | 'COMPLETED'
    | 'FAILED'
    | 'EXPIRED'
    | 'PARTIAL';
  StatusMessage?: string;
  PercentDone?: string;
  BackupSizeInBytes?: number;
  IamRoleArn: string;
  CreatedBy?: Record<string, string>;
}

export interface CopyJob {
  AccountId: string;
  CopyJobId: string;
  SourceBackupVaultArn: string;
  SourceRecoveryPointArn: string;
  DestinationBackupVaultArn: string;
  DestinationRecoveryPointArn?: string;
  ResourceArn: string;
  ResourceType: string;
  CreationDate: Date;
  CompletionDate?: Date;
  State: 'CREATED' | 'RUNNING' | 'COMPLETED' | 'FAILED' | 'PARTIAL';
  StatusMessage?: string;
  BackupSizeInBytes?: number;
  IamRoleArn: string;
  ResourceName?: string;
  CreatedBy?: Record<string, string>;
  MessageCategory?: string;
  DestinationRecoveryPointLifecycle?: Lifecycle;
  /** Not API fields: a job StartCopyJob started plays out over `run` (handlers/copy.ts). */
  run?: { durationMs: number; idempotencyToken?: string };
}

export class AccountState {
  readonly vaults = new Map<string, Vault>();
  /** By recovery point ARN, in insertion order (the listing order). */
  readonly recoveryPoints = new Map<string, RecoveryPoint>();
  readonly plans = new Map<string, Plan>();
  readonly selections = new Map<string, Selection>();
  readonly restoreJobs = new Map<string, RestoreJob>();
  /** Restore testing plans by name, and their selections by "plan/selection" (handlers/restoreTesting.ts). */
  readonly restoreTestingPlans = new Map<string, RestoreTestingPlan>();
  readonly restoreTestingSelections = new Map<string, RestoreTestingSelection>();
  readonly backupJobs: BackupJob[] = [];
  readonly copyJobs: CopyJob[] = [];
  /** DescribeRegionSettings' ResourceTypeOptInPreference for this account's Region (handlers/region.ts seeds it). */
  readonly optIn = new Map<string, boolean>();
  /** Every request the emulator accepted, newest last: tests assert on what reached the service. */
  readonly requests: { operation: string; input: Record<string, unknown> }[] = [];
  private counter = 0;

  constructor(
    readonly accountId: string,
    readonly region: string,
  ) {}

  arn(service: string, resource: string, withRegion = true, withAccount = true): string {
    return `arn:aws:${service}:${withRegion ? this.region : ''}:${withAccount ? this.accountId : ''}:${resource}`;
  }

  vaultArn(name: string): string {
    return this.arn('backup', `backup-vault:${name}`);
  }

  /** Deterministic ids: a hash of a counter and a seed word, shaped like AWS's. */
  id(kind: string, shape: 'uuid' | 'hex' = 'uuid'): string {
    const h = createHash('sha256').update(`${kind}:${++this.counter}`).digest('hex');
    if (shape === 'hex') return h.slice(0, 16);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`.toUpperCase();
  }
}
