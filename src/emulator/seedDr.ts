/**
 * Two accounts for disaster recovery (issue 26), apart from every other seed so that nothing they
 * count changes: a production account (home Region us-east-1) whose resources are copied to another
 * Region (us-west-2) and to a central backup account, and that central account. What each resource
 * shows after losing its Region:
 *  - fresh-db (RDS, continuous): a copy in us-west-2 every day, the newest 2 hours old;
 *  - stale-db (RDS, continuous): daily copies that stopped 9 days ago (its RPO meets, its DR RPO does not);
 *  - failing-bucket (S3, continuous): copies to the central account that have failed for 6 days with
 *    the service's message (https://repost.aws/knowledge-center/backup-troubleshoot-cross-account-copy);
 *  - nocopy-cluster (Aurora, continuous since 12 days): no copy at all;
 *  - expired-db (RDS, continuous): fresh copies, but the role lacks rds:DeleteDBSnapshot, so each
 *    copy's source snapshot is left EXPIRED
 *    (https://docs.aws.amazon.com/aws-backup/latest/devguide/point-in-time-recovery-copying.html);
 *  - ledger-table (DynamoDB, daily snapshots): copied to the central account in the same Region only;
 *  - reports-db (RDS, daily snapshots): copied to eu-central-1, a Region a reader may not read.
 * A continuous rule's copy action takes a snapshot and copies it on the rule's schedule
 * (point-in-time-recovery-copying.html): the copy is a snapshot dated when it was taken. Thirty-five
 * days of jobs and copies, so a 30-day history shows each colour. Deterministic and relative to "now":
 * every account–Region seeds its own part from the same plan (drPlan), so a copy's job in the source
 * and its recovery point in the destination agree without either seed reading the other.
 */
import { createHash } from 'node:crypto';
import type { AccountState, CopyJob, RecoveryPoint } from './state';

const DAY = 86_400_000;
const HOUR = 3_600_000;
export const DR_PROD_ACCOUNT = '310000000001';
export const DR_CENTRAL_ACCOUNT = '310000000002';
export const DR_HOME_REGION = 'us-east-1';
export const DR_COPY_REGION = 'us-west-2';
const FAR_REGION = 'eu-central-1';
const SOURCE_VAULT = 'dr-source';
const ROLE = `arn:aws:iam::${DR_PROD_ACCOUNT}:role/service-role/AWSBackupDefaultServiceRole`;
/** The role of expired-db's plan: it lacks rds:DeleteDBSnapshot. */
const ROLE_WITHOUT_DELETE = `arn:aws:iam::${DR_PROD_ACCOUNT}:role/dr-copy-role-without-delete`;

const hash = (s: string): string => createHash('sha256').update(s).digest('hex');
const uuid = (s: string): string => {
  const h = hash(s);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
};

interface Resource {
  name: string;
  type: 'S3' | 'RDS' | 'Aurora' | 'DynamoDB';
  arn: string;
  /** Continuous backup since this many days. */
  continuousDays?: number;
  /** Hours past the day at which its daily snapshots are taken (snapshot-only resources). */
  snapshotHour?: number;
  role: string;
}

interface PlannedCopy {
  resource: Resource;
  at: Date;
  to: { accountId: string; region: string; vault: string };
  failed?: string;
  /** The snapshot the copy was made from, and what became of it after the copy. */
  source: { arn: string; left: 'deleted' | 'expired' | 'kept' };
}

const prodArn = (service: string, rest: string): string =>
  `arn:aws:${service}:${DR_HOME_REGION}:${DR_PROD_ACCOUNT}:${rest}`;

const RESOURCES: readonly Resource[] = [
  { name: 'fresh-db', type: 'RDS', arn: prodArn('rds', 'db:fresh-db'), continuousDays: 60, role: ROLE },
  { name: 'stale-db', type: 'RDS', arn: prodArn('rds', 'db:stale-db'), continuousDays: 60, role: ROLE },
  { name: 'failing-bucket', type: 'S3', arn: 'arn:aws:s3:::failing-bucket', continuousDays: 50, role: ROLE },
  {
    name: 'nocopy-cluster',
    type: 'Aurora',
    arn: prodArn('rds', 'cluster:nocopy-cluster'),
    continuousDays: 12,
    role: ROLE,
  },
  {
    name: 'expired-db',
    type: 'RDS',
    arn: prodArn('rds', 'db:expired-db'),
    continuousDays: 60,
    role: ROLE_WITHOUT_DELETE,
  },
  {
    name: 'ledger-table',
    type: 'DynamoDB',
    arn: prodArn('dynamodb', 'table/ledger-table'),
    snapshotHour: 6,
    role: ROLE,
  },
  { name: 'reports-db', type: 'RDS', arn: prodArn('rds', 'db:reports-db'), snapshotHour: 5, role: ROLE },
];

/** A snapshot's ARN in the production account's source vault. */
function snapshotArn(r: Resource, at: Date, region = DR_HOME_REGION, account = DR_PROD_ACCOUNT): string {
  const id = hash(`${r.name}:${at.getTime()}:${region}:${account}`).slice(0, 16);
  return r.type === 'RDS'
    ? `arn:aws:rds:${region}:${account}:snapshot:awsbackup:job-${id}`
    : `arn:aws:backup:${region}:${account}:recovery-point:${uuid(id)}`;
}

/** Every copy job of the last 35 days, oldest first. */
function drPlan(now: number): PlannedCopy[] {
  const out: PlannedCopy[] = [];
  const byName = new Map(RESOURCES.map((r) => [r.name, r]));
  const daily = (
    name: string,
    offsetHours: number,
    to: PlannedCopy['to'],
    o: { from?: number; failedUntil?: number; left: PlannedCopy['source']['left'] },
  ): void => {
    const r = byName.get(name)!;
    for (let d = 34; d >= (o.from ?? 0); d--) {
      const at = new Date(now - offsetHours * HOUR - d * DAY);
      const failed =
        o.failedUntil !== undefined && d < o.failedUntil
          ? 'Copy job failed. Both source and destination account must be a member of the same organization'
          : undefined;
      out.push({
        resource: r,
        at,
        to,
        ...(failed ? { failed } : {}),
        source: { arn: snapshotArn(r, at), left: o.left },
      });
    }
  };
  const west = { accountId: DR_PROD_ACCOUNT, region: DR_COPY_REGION, vault: 'dr-copies' };
  daily('fresh-db', 2, west, { left: 'deleted' });
  daily('stale-db', 3, west, { from: 9, left: 'deleted' });
  daily(
    'failing-bucket',
    1,
    { accountId: DR_CENTRAL_ACCOUNT, region: DR_COPY_REGION, vault: 'central-vault' },
    {
      failedUntil: 6,
      left: 'deleted',
    },
  );
  daily('expired-db', 4, west, { left: 'expired' });
  daily(
    'ledger-table',
    6,
    { accountId: DR_CENTRAL_ACCOUNT, region: DR_HOME_REGION, vault: 'central-vault' },
    {
      left: 'kept',
    },
  );
  daily(
    'reports-db',
    5,
    { accountId: DR_PROD_ACCOUNT, region: FAR_REGION, vault: 'dr-far' },
    { left: 'kept' },
  );
  return out;
}

/** The recovery point a completed copy left in its destination. */
function copyPoint(
  c: PlannedCopy,
  sourceVaultArn = `arn:aws:backup:${DR_HOME_REGION}:${DR_PROD_ACCOUNT}:backup-vault:${SOURCE_VAULT}`,
): RecoveryPoint {
  const { accountId, region, vault } = c.to;
  const id = hash(`copy:${c.source.arn}:${accountId}:${region}`).slice(0, 16);
  const arn =
    c.resource.type === 'RDS'
      ? `arn:aws:rds:${region}:${accountId}:snapshot:awsbackup:copyjob-${id}`
      : c.resource.type === 'Aurora'
        ? `arn:aws:rds:${region}:${accountId}:cluster-snapshot:awsbackup:copyjob-${id}`
        : `arn:aws:backup:${region}:${accountId}:recovery-point:${uuid(id)}`;
  return {
    RecoveryPointArn: arn,
    BackupVaultName: vault,
    BackupVaultArn: `arn:aws:backup:${region}:${accountId}:backup-vault:${vault}`,
    SourceBackupVaultArn: sourceVaultArn,
    VaultType: 'BACKUP_VAULT',
    ResourceArn: c.resource.arn,
    ResourceType: c.resource.type,
    ResourceName: c.resource.name,
    IamRoleArn: c.resource.role,
    Status: 'COMPLETED',
    CreationDate: c.at,
    CompletionDate: new Date(c.at.getTime() + 20 * 60_000),
    BackupSizeInBytes: 5_368_709_120,
    Lifecycle: { DeleteAfterDays: 35 },
    CalculatedLifecycle: { DeleteAt: new Date(c.at.getTime() + 35 * DAY) },
    IsEncrypted: true,
    IsParent: false,
    StorageClass: 'WARM',
    restoreMetadata: {},
  };
}

function vault(state: AccountState, name: string, now: number): void {
  if (state.vaults.has(name)) return;
  state.vaults.set(name, {
    BackupVaultName: name,
    BackupVaultArn: state.vaultArn(name),
    VaultType: 'BACKUP_VAULT',
    VaultState: 'AVAILABLE',
    CreationDate: new Date(now - 400 * DAY),
    Locked: false,
  });
}

/** One account–Region's part of the plan: the copies that landed there, and in the home Region the rest. */
export function seedDr(state: AccountState, at: Date): void {
  const now = at.getTime();
  vault(state, 'Default', now);
  const plan = drPlan(now);
  for (const c of plan)
    if (c.to.accountId === state.accountId && c.to.region === state.region) {
      vault(state, c.to.vault, now);
      if (!c.failed) {
        const p = copyPoint(c);
        state.recoveryPoints.set(p.RecoveryPointArn, p);
      }
    }
  if (state.accountId === DR_PROD_ACCOUNT && state.region === DR_HOME_REGION) seedSources(state, now, plan);
}

function seedSources(state: AccountState, now: number, plan: PlannedCopy[]): void {
  vault(state, SOURCE_VAULT, now);
  const vaultArn = state.vaultArn(SOURCE_VAULT);
  const planId = uuid('dr-plan');
  const planArn = state.arn('backup', `backup-plan:${planId}`);
  const rule = (name: string): Record<string, string> => ({
    BackupPlanId: planId,
    BackupPlanArn: planArn,
    BackupPlanName: 'dr-plan',
    BackupPlanVersion: 'v1',
    BackupRuleId: uuid(`rule:${name}`),
    BackupRuleName: name,
  });
  const west = `arn:aws:backup:${DR_COPY_REGION}:${DR_PROD_ACCOUNT}:backup-vault:dr-copies`;
  state.plans.set(planId, {
    BackupPlanId: planId,
    BackupPlanArn: planArn,
    VersionId: uuid('dr-plan-v1'),
    CreationDate: new Date(now - 400 * DAY),
    BackupPlan: {
      BackupPlanName: 'dr-plan',
      Rules: [
        {
          RuleName: 'continuous-35d',
          RuleId: uuid('rule:continuous-35d'),
          TargetBackupVaultName: SOURCE_VAULT,
          ScheduleExpression: 'cron(0 5 ? * * *)',
          EnableContinuousBackup: true,
          Lifecycle: { DeleteAfterDays: 35 },
          CopyActions: [{ DestinationBackupVaultArn: west, Lifecycle: { DeleteAfterDays: 35 } }],
        },
        {
          RuleName: 'daily',
          RuleId: uuid('rule:daily'),
          TargetBackupVaultName: SOURCE_VAULT,
          ScheduleExpression: 'cron(0 3 ? * * *)',
          Lifecycle: { DeleteAfterDays: 35 },
        },
      ],
    },
  });
  const selectionId = uuid('dr-selection');
  state.selections.set(selectionId, {
    SelectionId: selectionId,
    BackupPlanId: planId,
    CreationDate: new Date(now - 400 * DAY),
    BackupSelection: {
      SelectionName: 'dr-resources',
      IamRoleArn: ROLE,
      Resources: RESOURCES.map((r) => r.arn),
    },
  });
  const base = (r: Resource, arn: string, created: Date): RecoveryPoint => ({
    RecoveryPointArn: arn,
    BackupVaultName: SOURCE_VAULT,
    BackupVaultArn: vaultArn,
    VaultType: 'BACKUP_VAULT',
    ResourceArn: r.arn,
    ResourceType: r.type,
    ResourceName: r.name,
    IamRoleArn: r.role,
    Status: 'COMPLETED',
    CreationDate: created,
    BackupSizeInBytes: 5_368_709_120,
    IsEncrypted: true,
    IsParent: false,
    StorageClass: 'WARM',
    restoreMetadata: {},
  });
  for (const r of RESOURCES) {
    if (r.continuousDays !== undefined) {
      const arn = state.arn('backup', `recovery-point:continuous:${r.name}-${hash(r.name).slice(0, 8)}`);
      state.recoveryPoints.set(arn, {
        ...base(r, arn, new Date(now - r.continuousDays * DAY)),
        CreatedBy: rule('continuous-35d'),
        Lifecycle: { DeleteAfterDays: 35 },
      });
    } else
      for (let d = 34; d >= 0; d--) {
        const created = new Date(now - r.snapshotHour! * HOUR - d * DAY);
        const arn = snapshotArn(r, created);
        state.recoveryPoints.set(arn, {
          ...base(r, arn, created),
          CreatedBy: rule('daily'),
          CompletionDate: new Date(created.getTime() + 20 * 60_000),
          Lifecycle: { DeleteAfterDays: 35 },
        });
      }
  }
  for (const c of plan) {
    // The snapshot a continuous rule's copy took: deleted after the copy, or left EXPIRED when the
    // role lacks rds:DeleteDBSnapshot (the service's StatusMessage for it is NOT FOUND: emulator's wording).
    if (c.source.left === 'expired')
      state.recoveryPoints.set(c.source.arn, {
        ...base(c.resource, c.source.arn, c.at),
        CreatedBy: rule('continuous-35d'),
        Status: 'EXPIRED',
        StatusMessage: `The source snapshot of a copy could not be deleted: role ${c.resource.role} is not authorized to perform rds:DeleteDBSnapshot.`,
        CompletionDate: new Date(c.at.getTime() + 20 * 60_000),
      });
    const to = `arn:aws:backup:${c.to.region}:${c.to.accountId}:backup-vault:${c.to.vault}`;
    const job: CopyJob = {
      AccountId: DR_PROD_ACCOUNT,
      CopyJobId: uuid(`copy-job:${c.source.arn}:${to}`).toUpperCase(),
      SourceBackupVaultArn: vaultArn,
      SourceRecoveryPointArn: c.source.arn,
      DestinationBackupVaultArn: to,
      ...(c.failed ? {} : { DestinationRecoveryPointArn: copyPoint(c).RecoveryPointArn }),
      ResourceArn: c.resource.arn,
      ResourceType: c.resource.type,
      ResourceName: c.resource.name,
      CreationDate: c.at,
      CompletionDate: new Date(c.at.getTime() + 20 * 60_000),
      State: c.failed ? 'FAILED' : 'COMPLETED',
      ...(c.failed
        ? { StatusMessage: c.failed, MessageCategory: 'AccessDenied' }
        : { MessageCategory: 'SUCCESS' }),
      BackupSizeInBytes: 5_368_709_120,
      IamRoleArn: c.resource.role,
      CreatedBy: rule(c.resource.continuousDays !== undefined ? 'continuous-35d' : 'daily'),
    };
    state.copyJobs.push(job);
  }
}

/**
 * For the bench (`npm run emulator -- --dr-copies`): a member account's live S3, RDS and Aurora
 * resources of the posture seed (seedPosture.ts, kinds 0 to 2) copied daily for a week from each Region
 * into the next one's vault "dr" (the Regions in turn), with their copy jobs in the source Region.
 * Each Region seeds its own side from the same names, as seedDr does.
 */
export function seedDrCopies(
  state: AccountState,
  at: Date,
  regions: readonly string[],
  resources: number,
): void {
  const now = at.getTime();
  const i = regions.indexOf(state.region);
  if (i < 0 || regions.length < 2) return;
  const next = regions[(i + 1) % regions.length]!;
  const prev = regions[(i - 1 + regions.length) % regions.length]!;
  vault(state, 'dr', now);
  const live = (region: string): Resource[] => {
    const tag = `${state.accountId.slice(-4)}-${region}`;
    const arn = (service: string, rest: string) => `arn:aws:${service}:${region}:${state.accountId}:${rest}`;
    const out: Resource[] = [];
    for (let n = 0; n < resources; n++) {
      const k = `${tag}-${Math.floor(n / 8)}`;
      const kind = n % 8;
      if (kind === 0)
        out.push({ name: `live-bucket-${k}`, type: 'S3', arn: `arn:aws:s3:::live-bucket-${k}`, role: ROLE });
      if (kind === 1)
        out.push({ name: `live-db-${k}`, type: 'RDS', arn: arn('rds', `db:live-db-${k}`), role: ROLE });
      if (kind === 2)
        out.push({
          name: `live-cluster-${k}`,
          type: 'Aurora',
          arn: arn('rds', `cluster:live-cluster-${k}`),
          role: ROLE,
        });
    }
    return out;
  };
  const copies = (from: string, to: string): PlannedCopy[] =>
    live(from).flatMap((r) =>
      Array.from({ length: 7 }, (_, d) => {
        const t = new Date(now - (d * 24 + 1) * HOUR);
        return {
          resource: r,
          at: t,
          to: { accountId: state.accountId, region: to, vault: 'dr' },
          source: { arn: snapshotArn(r, t, from, state.accountId), left: 'deleted' as const },
        };
      }),
    );
  const sourceVault = state.vaultArn('pitr');
  for (const c of copies(state.region, next)) {
    const to = `arn:aws:backup:${next}:${state.accountId}:backup-vault:dr`;
    state.copyJobs.push({
      AccountId: state.accountId,
      CopyJobId: uuid(`copy-job:${c.source.arn}:${to}`).toUpperCase(),
      SourceBackupVaultArn: sourceVault,
      SourceRecoveryPointArn: c.source.arn,
      DestinationBackupVaultArn: to,
      DestinationRecoveryPointArn: copyPoint(c, sourceVault).RecoveryPointArn,
      ResourceArn: c.resource.arn,
      ResourceType: c.resource.type,
      ResourceName: c.resource.name,
      CreationDate: c.at,
      CompletionDate: new Date(c.at.getTime() + 20 * 60_000),
      State: 'COMPLETED',
      MessageCategory: 'SUCCESS',
      IamRoleArn: ROLE,
    });
  }
  for (const c of copies(prev, state.region)) {
    const p = copyPoint(c, `arn:aws:backup:${prev}:${state.accountId}:backup-vault:pitr`);
    state.recoveryPoints.set(p.RecoveryPointArn, p);
  }
}
