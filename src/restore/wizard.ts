/**
 * "Restore to a Point in Time…": the steps, their order, Back, and the checks of every answer,
 * without `vscode`. The window UI comes in as a `WizardUi` (quick picks and input boxes in the
 * editor; a scripted fake in unit tests). The result is a start-restore-job document: nothing
 * starts here — the document is shown, linted and confirmed first (src/restore/startGate.ts).
 *
 * Steps: connection → vault → recovery point → restore time → destination → IAM role.
 * From the explorer the flow starts at the restore time, its point already chosen; for a bare
 * restore-metadata file it asks the recovery point and the role only.
 */
import { randomUUID } from 'node:crypto';
import { noIcons } from '../aws/awsText';
import { IAM_ROLE_ARN_FORM, accountOf, defaultBackupRoleArn, isIamRoleArn, parseArn } from '../backup/arn';
import { collect, type BackupApi } from '../aws/backupApi';
import { describeConnection } from '../aws/connection';
import { formatLocal, formatUtc, windowText } from '../backup/format';
import {
  RESTORABLE_STATUSES,
  isContinuousRecoveryPointArn,
  type PointSummary,
} from '../backup/recoveryPoint';
import { bucketNameProblem, dbIdentifierProblem } from '../lint/restoreRules';
import { checkRestoreTime, windowOfRecoveryPoint, type RestorableWindow } from '../backup/restorableWindow';
import {
  buildRestoreRequest,
  isoSeconds,
  parseRestoreTime,
  type StartRestoreJobDocument,
} from './restoreRequest';

export const BACK = Symbol('back');
export type Back = typeof BACK;

export interface StepHeader {
  title: string;
  step: number;
  totalSteps: number;
}

export interface Choice<T> {
  label: string;
  description?: string;
  detail?: string;
  value: T;
}

export interface InputCheck {
  severity: 'error' | 'info';
  message: string;
}

export interface PickOptions<T> {
  placeholder: string;
  items: Promise<Choice<T>[]>;
  canGoBack: boolean;
}

export interface InputOptions {
  prompt: string;
  placeholder?: string;
  value?: string;
  canGoBack: boolean;
  /** An error blocks the answer; info is shown and accepted. */
  check(text: string): InputCheck | undefined;
}

/** The window UI. Each call resolves with the answer, BACK, or undefined when the user cancelled. */
export interface WizardUi {
  pick<T>(header: StepHeader, o: PickOptions<T>): Promise<T | Back | undefined>;
  input(header: StepHeader, o: InputOptions): Promise<string | Back | undefined>;
}

/** A recovery point as listed in a vault (or by the explorer), with the fields the flow reads. */
export interface WizardOptions {
  /** The connections to choose from (the first is the current one). */
  apis: readonly BackupApi[];
  /**
   * Start from this point (the explorer's context menu, the timeline): the flow begins at the restore
   * time; with `time` (a second picked on the timeline), at that second, typed in for the user to check.
   */
  start?: { api: BackupApi; vault: string; point: PointSummary; time?: Date };
  /** A bare restore-metadata file: its metadata is kept as written; only the point and role are asked. */
  metadata?: Record<string, string>;
  /** Role ARNs used before, most recent first. */
  recentRoles?: readonly string[];
  /** The caller's account (STS GetCallerIdentity), when the connection already knows it. */
  callerAccountId?: string;
  now?: () => Date;
  /** The user's time zone (undefined: the runtime's). */
  timeZone?: string;
  signal?: AbortSignal;
}

export interface WizardResult {
  api: BackupApi;
  vault: string;
  point: PointSummary;
  document: StartRestoreJobDocument;
}

const TITLE = 'Restore to a Point in Time';

export { accountOf, defaultBackupRoleArn };

/**
 * The account (and partition) a restore runs in. A recovery point's ARN names it for most types, but
 * not all: an EBS snapshot's (`arn:aws:ec2:us-east-1::snapshot/snap-…`) has no account. Then the
 * vault's ARN says it (the point's BackupVaultArn, or the vault as listed), else the caller identity
 * when the connection already knows it. The partition is the point's own when its ARN has one.
 */
export function accountOfRestore(
  point: Pick<PointSummary, 'RecoveryPointArn' | 'BackupVaultArn'> | undefined,
  vaultArn?: string,
  callerAccountId?: string,
): { accountId: string; partition: string } | undefined {
  const partition = parseArn(point?.RecoveryPointArn)?.partition;
  const found =
    accountOf(point?.RecoveryPointArn) ??
    accountOf(point?.BackupVaultArn) ??
    accountOf(vaultArn) ??
    (callerAccountId && /^\d{12}$/.test(callerAccountId)
      ? { accountId: callerAccountId, partition: partition ?? 'aws' }
      : undefined);
  return found ? { accountId: found.accountId, partition: partition ?? found.partition } : undefined;
}

/** "about 5 minutes ago": how far behind now a moment is, in words. */
export function agoText(at: Date, now: Date): string {
  const minutes = Math.round((now.getTime() - at.getTime()) / 60_000);
  if (minutes <= 0) return 'now';
  if (minutes < 120) return `about ${minutes} minute${minutes === 1 ? '' : 's'} ago`;
  const hours = Math.round(minutes / 60);
  return hours < 48 ? `about ${hours} hours ago` : `about ${Math.round(hours / 24)} days ago`;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** A name for the new resource that says what it is: `<source>-pitr-<MMDDhhmm>`, cut to 63. */
export function suggestedIdentifier(source: string | undefined, at: Date): string {
  const stem = (source ?? 'restored')
    .toLowerCase()
    .replace(/[^a-z0-9-]/g, '-')
    .replace(/-+/g, '-')
    .replace(/^[^a-z]+/, '');
  const suffix = `-pitr-${pad(at.getUTCMonth() + 1)}${pad(at.getUTCDate())}${pad(at.getUTCHours())}${pad(at.getUTCMinutes())}`;
  return `${(stem || 'restored').slice(0, 63 - suffix.length).replace(/-$/, '')}${suffix}`;
}

/** Both clocks a person reads: "2025-08-01 02:14:37 UTC · 2025-08-01 04:14:37 local". */
export function bothTimes(d: Date, timeZone?: string): string {
  return `${formatUtc(d)} · ${formatLocal(d, timeZone)} local${timeZone ? ` (${timeZone})` : ''}`;
}

/** What the user typed as a restore time, read and checked against the window as it is now. */
export function checkTypedTime(
  text: string,
  window: RestorableWindow,
  timeZone?: string,
): { time: Date; check: InputCheck } | { check: InputCheck } {
  if (!text.trim())
    return {
      check: {
        severity: 'error',
        message: 'Type a time: ISO 8601 (2025-08-01T02:14:37Z) or local (2025-08-01 02:14:37).',
      },
    };
  const parsed = parseRestoreTime(text, timeZone);
  if (!(parsed instanceof Date)) return { check: { severity: 'error', message: parsed.error } };
  const ok = checkRestoreTime(window, parsed);
  if (!ok.ok) return { check: { severity: 'error', message: ok.reason } };
  return { time: parsed, check: { severity: 'info', message: `Restores to ${bothTimes(parsed, timeZone)}` } };
}

function sortPoints(points: PointSummary[]): PointSummary[] {
  const continuous = (p: PointSummary): number => (isContinuousRecoveryPointArn(p.RecoveryPointArn) ? 0 : 1);
  return [...points].sort(
    (a, b) =>
      continuous(a) - continuous(b) || (b.CreationDate?.getTime() ?? 0) - (a.CreationDate?.getTime() ?? 0),
  );
}

type Step = 'next' | 'back' | 'skip' | 'cancel';

interface State {
  api?: BackupApi;
  vault?: string;
  vaultArn?: string;
  point?: PointSummary;
  timeMode?: 'latest' | 'specific';
  time?: Date;
  s3Target?: 'source' | 'existing' | 'new';
  destination?: string;
  roleChoice?: string;
  role?: string;
}

/**
 * Runs the steps with Back. Resolves with the document to review, or undefined when the user
 * cancelled. Errors from AWS (listing vaults or points, reading the metadata) are thrown as they are.
 */
export async function runRestoreWizard(ui: WizardUi, o: WizardOptions): Promise<WizardResult | undefined> {
  const now = o.now ?? ((): Date => new Date());
  const tz = o.timeZone;
  const s: State = o.start ? { api: o.start.api, vault: o.start.vault, point: o.start.point } : {};
  const bare = o.metadata !== undefined;
  const windowNow = (): RestorableWindow => windowOfRecoveryPoint(s.point ?? {}, now());
  const resourceType = (): string => s.point?.ResourceType ?? '';
  type Main = 'connection' | 'vault' | 'point' | 'time' | 'destination' | 'role';
  const mains = (['connection', 'vault', 'point', 'time', 'destination', 'role'] as const).filter(
    (m: Main) =>
      (m === 'connection' ? o.apis.length > 1 && !o.start : true) &&
      (m === 'vault' || m === 'point' ? !o.start : true) &&
      (m === 'time' || m === 'destination' ? !bare : true),
  );
  const header = (m: Main): StepHeader => ({
    title: bare ? 'Start a Restore Job from Restore Metadata' : TITLE,
    step: mains.indexOf(m) + 1,
    totalSteps: mains.length,
  });
  const answer = <T>(r: T | Back | undefined, set: (v: T) => void): Step => {
    if (r === undefined) return 'cancel';
    if (r === BACK) return 'back';
    set(r);
    return 'next';
  };

  const steps: ((canGoBack: boolean) => Promise<Step>)[] = [
    // 1. Connection (skipped when there is one).
    async (canGoBack) => {
      if (o.start) return 'skip';
      if (o.apis.length === 0) throw new Error('Connect to AWS first ("AWS Backup: Connect…").');
      if (o.apis.length === 1) {
        s.api = o.apis[0];
        return 'skip';
      }
      const r = await ui.pick(header('connection'), {
        placeholder: 'Which account and Region holds the backup?',
        canGoBack,
        items: Promise.resolve(
          o.apis.map((api) => ({ label: describeConnection(api.connection), value: api })),
        ),
      });
      return answer(r, (api) => {
        if (api !== s.api) Object.assign(s, { vault: undefined, point: undefined });
        s.api = api;
      });
    },
    // 2. Vault.
    async (canGoBack) => {
      if (o.start) return 'skip';
      const api = s.api!;
      const items = collect(api.listBackupVaults(o.signal ? { signal: o.signal } : {})).then((vaults) =>
        vaults.map((v) => ({
          label: v.BackupVaultName ?? '?',
          description: [
            `${v.NumberOfRecoveryPoints ?? 0} recovery points`,
            v.VaultType && v.VaultType !== 'BACKUP_VAULT' ? v.VaultType : undefined,
            v.Locked ? 'locked' : undefined,
          ]
            .filter(Boolean)
            .join(' · '),
          value: { name: v.BackupVaultName ?? '', arn: v.BackupVaultArn },
        })),
      );
      const r = await ui.pick(header('vault'), { placeholder: 'Which backup vault?', canGoBack, items });
      return answer(r, (vault) => {
        if (vault.name !== s.vault) s.point = undefined;
        s.vault = vault.name;
        s.vaultArn = vault.arn;
      });
    },
    // 3. Recovery point: continuous ones first, each with its window.
    async (canGoBack) => {
      if (o.start) return 'skip';
      const api = s.api!;
      const vault = s.vault!;
      const items = collect(api.listRecoveryPoints(vault, {}, o.signal ? { signal: o.signal } : {})).then(
        (points) => {
          const restorable = sortPoints(points.filter((p) => RESTORABLE_STATUSES.has(p.Status ?? '')));
          if (restorable.length === 0) throw new Error(`Vault "${vault}" has no recovery point to restore.`);
          return restorable.map((p) => {
            const continuous = isContinuousRecoveryPointArn(p.RecoveryPointArn);
            const w = windowText(windowOfRecoveryPoint(p, now()), tz);
            return {
              label: `${continuous ? '$(history) ' : '$(archive) '}${noIcons(p.ResourceName ?? p.ResourceArn?.split(/[:/]/).pop() ?? '?')}`,
              description: [
                continuous ? 'PITR' : 'snapshot',
                p.ResourceType,
                p.Status === 'STOPPED' ? 'STOPPED' : undefined,
              ]
                .filter(Boolean)
                .join(' · '),
              detail: w.label,
              value: p,
            };
          });
        },
      );
      const r = await ui.pick(header('point'), { placeholder: 'Which recovery point?', canGoBack, items });
      return answer(r, (p) => {
        if (p.RecoveryPointArn !== s.point?.RecoveryPointArn)
          Object.assign(s, {
            timeMode: undefined,
            time: undefined,
            destination: undefined,
            s3Target: undefined,
          });
        s.point = p;
      });
    },
    // 4a. Restore time: latest, or a chosen second (continuous points only).
    async (canGoBack) => {
      const w = windowNow();
      if (bare || (w.kind !== 'continuous' && w.kind !== 'continuous-open-end')) return 'skip';
      const items: Choice<'latest' | 'specific'>[] = [];
      if (w.kind === 'continuous')
        items.push({
          label: 'Latest restorable time',
          // The restore lag: the latest restorable second is behind the clock (S3 15, RDS 5 minutes).
          description: `${agoText(w.latest, now())}, ${bothTimes(w.latest, tz)}`,
          detail:
            resourceType() === 'S3'
              ? 'Sent as that exact second: an S3 restore needs an explicit RestoreTime.'
              : 'The service restores to the latest time it can when the job runs.',
          value: 'latest',
        });
      items.push({
        label: 'A specific second…',
        description: windowText(w, tz).label,
        detail:
          'Typed as ISO 8601 (2025-08-01T02:14:37Z) or as your local date and time (2025-08-01 02:14:37).',
        value: 'specific',
      });
      const r = await ui.pick(header('time'), {
        placeholder: 'Restore to which point in time?',
        canGoBack,
        items: Promise.resolve(items),
      });
      return answer(r, (m) => (s.timeMode = m));
    },
    // 4b. The second, checked live against the window and the restore lag.
    async (canGoBack) => {
      if (bare || s.timeMode !== 'specific') return 'skip';
      const r = await ui.input(header('time'), {
        // Examples go in the prompt: a placeholder looks like a value already filled in.
        prompt:
          'Restore time: ISO 8601 with Z or an offset, or your local date and time (e.g. 2025-08-01T02:14:37Z or 2025-08-01 02:14:37)',
        ...(s.time ? { value: isoSeconds(s.time) } : {}),
        canGoBack,
        check: (text) => checkTypedTime(text, windowNow(), tz).check,
      });
      if (r === undefined) return 'cancel';
      if (r === BACK) return 'back';
      const t = checkTypedTime(r, windowNow(), tz);
      if (!('time' in t)) return 'cancel'; // the input box only accepts a checked answer
      s.time = t.time;
      return 'next';
    },
    // 5a. S3: which bucket.
    async (canGoBack) => {
      if (bare || resourceType() !== 'S3') return 'skip';
      const source = s.point?.ResourceName ?? s.point?.ResourceArn?.replace(/^arn:aws[-a-z]*:s3:::/, '');
      const r = await ui.pick(header('destination'), {
        placeholder: 'Restore into which bucket?',
        canGoBack,
        items: Promise.resolve([
          {
            label: `The source bucket${source ? ` (${source})` : ''}`,
            detail: 'Objects that exist there are skipped, never overwritten.',
            value: 'source' as const,
          },
          {
            label: 'An existing bucket…',
            detail: 'It must have versioning turned on.',
            value: 'existing' as const,
          },
          {
            label: 'A new bucket…',
            detail: 'Created by the restore (a new bucket is billed).',
            value: 'new' as const,
          },
        ]),
      });
      return answer(r, (t) => {
        s.s3Target = t;
        if (t === 'source' && source) s.destination = source;
      });
    },
    // 5b. The destination's name.
    async (canGoBack) => {
      const type = resourceType();
      if (bare || !['S3', 'RDS', 'Aurora'].includes(type) || (type === 'S3' && s.s3Target === 'source'))
        return 'skip';
      const what =
        type === 'S3'
          ? s.s3Target === 'new'
            ? 'new bucket name'
            : 'existing bucket name'
          : type === 'RDS'
            ? 'new DB instance identifier'
            : 'new Aurora DB cluster identifier';
      const at = s.time ?? now();
      const suggested =
        type === 'S3'
          ? undefined
          : suggestedIdentifier(s.point?.ResourceName ?? s.point?.ResourceArn?.split(/[:/]/).pop(), at);
      const r = await ui.input(header('destination'), {
        prompt: `The ${what}${type === 'S3' ? '' : ' (a restore always creates a new one; the name must be unused in the account and Region)'}`,
        ...(s.destination && s.s3Target !== 'source'
          ? { value: s.destination }
          : suggested
            ? { value: suggested }
            : {}),
        canGoBack,
        check: (text) => {
          const problem = type === 'S3' ? bucketNameProblem(text.trim()) : dbIdentifierProblem(text.trim());
          return problem ? { severity: 'error', message: `Not a valid ${what}: it ${problem}.` } : undefined;
        },
      });
      return answer(r, (name) => (s.destination = name.trim()));
    },
    // 6a. IAM role: the account's default AWS Backup role, recent roles, or another.
    async (canGoBack) => {
      const acct = accountOfRestore(s.point, s.vaultArn, o.callerAccountId);
      const offered = [
        ...(o.recentRoles ?? []).filter((r) => isIamRoleArn(r)),
        ...(acct ? [defaultBackupRoleArn(acct.accountId, acct.partition)] : []),
      ].filter((r, i, all) => all.indexOf(r) === i);
      const items: Choice<string>[] = offered.map((arn) => ({
        label: arn.replace(/^.*:role\//, ''),
        description: (o.recentRoles ?? []).includes(arn) ? 'used recently' : 'AWS Backup default role',
        detail: arn,
        value: arn,
      }));
      items.push({ label: 'Another role ARN…', value: '' });
      const r = await ui.pick(header('role'), {
        placeholder: 'Which IAM role does AWS Backup use for the restore?',
        canGoBack,
        items: Promise.resolve(items),
      });
      return answer(r, (arn) => {
        s.roleChoice = arn;
        if (arn) s.role = arn;
      });
    },
    // 6b. Another role, typed.
    async (canGoBack) => {
      if (s.roleChoice !== '') return 'skip';
      const acct = accountOfRestore(s.point, s.vaultArn, o.callerAccountId);
      const example = defaultBackupRoleArn(acct?.accountId ?? '123456789012', acct?.partition);
      const r = await ui.input(header('role'), {
        // No placeholder: a grey example ARN looks filled in, and Enter on an empty box is refused.
        prompt: `The IAM role ARN AWS Backup assumes to restore (e.g. ${example})`,
        ...(s.role ? { value: s.role } : {}),
        canGoBack,
        check: (text) =>
          isIamRoleArn(text.trim())
            ? undefined
            : { severity: 'error', message: `Not an IAM role ARN (${IAM_ROLE_ARN_FORM}).` },
      });
      return answer(r, (arn) => (s.role = arn.trim()));
    },
  ];

  // A bare metadata file needs the point (vault, point) and the role; nothing else.
  const history: number[] = [];
  let i = 0;
  const w0 = windowNow();
  if (o.start?.time && !bare && (w0.kind === 'continuous' || w0.kind === 'continuous-open-end')) {
    // A second picked on the timeline: straight to it (step 4b); Back offers "latest" instead (4a).
    Object.assign(s, { timeMode: 'specific', time: o.start.time });
    history.push(3);
    i = 4;
  }
  while (i < steps.length) {
    if (bare && (i === 3 || i === 4 || i === 5 || i === 6)) {
      i++;
      continue;
    }
    const r = await steps[i]!(history.length > 0);
    if (r === 'cancel') return undefined;
    if (r === 'back') {
      const prev = history.pop();
      if (prev === undefined) return undefined;
      i = prev;
    } else {
      if (r === 'next') history.push(i);
      i++;
    }
  }

  const api = s.api!;
  const point = s.point!;
  const vault = s.vault ?? point.BackupVaultName ?? '';
  const meta = await api.getRecoveryPointRestoreMetadata(vault, point.RecoveryPointArn ?? '', {
    ...(o.signal ? { signal: o.signal } : {}),
  });
  const type = point.ResourceType ?? meta.ResourceType ?? '';
  if (bare)
    return {
      api,
      vault,
      point,
      document: {
        RecoveryPointArn: point.RecoveryPointArn ?? '',
        Metadata: { ...o.metadata },
        IamRoleArn: s.role!,
        ResourceType: type,
        IdempotencyToken: randomUUID(),
      },
    };
  const built = buildRestoreRequest({
    recoveryPointArn: point.RecoveryPointArn ?? '',
    resourceType: type,
    restoreMetadata: meta.RestoreMetadata ?? {},
    window: windowNow(),
    answers: {
      time: s.timeMode === 'specific' && s.time ? s.time : 'latest',
      destination: s.destination ?? '',
      iamRoleArn: s.role!,
    },
    ...(type === 'S3' && s.s3Target === 'new' ? { newBucket: true } : {}),
  });
  if ('errors' in built) throw new Error(`The restore cannot be prepared: ${built.errors.join(' ')}`);
  return { api, vault, point, document: built };
}
