/** What the restore flow's steps say and check, without `vscode`: times, names, accounts. */
import { accountOf, parseArn } from '../../backup/arn';
import { formatLocal, formatUtc } from '../../backup/format';
import type { PointSummary } from '../../backup/recoveryPoint';
import { checkRestoreTime, type RestorableWindow } from '../../backup/restorableWindow';
import { parseRestoreTime } from '../restoreRequest';
import type { InputCheck } from './ui';

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

/** A restorable window in the flow's one time format (both clocks, as bothTimes says a time). */
export function windowWords(w: RestorableWindow, timeZone?: string): string {
  switch (w.kind) {
    case 'continuous':
      return `restorable ${bothTimes(w.earliest, timeZone)} → ${bothTimes(w.latest, timeZone)}`;
    case 'continuous-open-end':
      return `restorable from ${bothTimes(w.earliest, timeZone)} (end unknown)`;
    case 'snapshot':
      return `snapshot ${bothTimes(w.at, timeZone)}`;
    case 'none':
      return 'not restorable';
  }
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

/** The source bucket's name, from the point's resource name or its ARN. */
export const sourceBucketOf = (p: PointSummary | undefined): string | undefined =>
  p?.ResourceName ?? p?.ResourceArn?.replace(/^arn:aws[-a-z]*:s3:::/, '');
