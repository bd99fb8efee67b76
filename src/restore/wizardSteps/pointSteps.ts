/** Steps 1–3 of the restore flow: the connection, the vault, and the recovery point. */
import { noIcons } from '../../aws/awsText';
import { collect } from '../../aws/backupApi';
import { describeConnection } from '../../aws/connection';
import { vaultTypeWords } from '../../backup/vaultTypes';
import {
  RESTORABLE_STATUSES,
  isContinuousRecoveryPointArn,
  type PointSummary,
} from '../../backup/recoveryPoint';
import { windowOfRecoveryPoint } from '../../backup/restorableWindow';
import { answer, type Flow, type StepRun } from './flow';
import { windowWords } from './words';
import type { Choice } from './ui';

/** 1. Connection (skipped when there is one). */
export const connectionStep: StepRun = async (f, canGoBack) => {
  const { o, s } = f;
  if (o.start) return 'skip';
  if (o.apis.length === 0) throw new Error('Connect to AWS first ("AWS Backup: Connect…").');
  if (o.apis.length === 1) {
    s.api = o.apis[0];
    return 'skip';
  }
  const r = await f.ui.pick(f.header('connection'), {
    placeholder: 'Which account and Region holds the backup?',
    canGoBack,
    items: Promise.resolve(o.apis.map((api) => ({ label: describeConnection(api.connection), value: api }))),
  });
  return answer(r, (api) => {
    if (api !== s.api) Object.assign(s, { vault: undefined, point: undefined });
    s.api = api;
  });
};

/** 2. Vault. */
export const vaultStep: StepRun = async (f, canGoBack) => {
  const { o, s } = f;
  if (o.start) return 'skip';
  const items = collect(s.api!.listBackupVaults(o.signal ? { signal: o.signal } : {})).then((vaults) =>
    vaults.map((v) => ({
      label: v.BackupVaultName ?? '?',
      description: [
        `${v.NumberOfRecoveryPoints ?? 0} recovery points`,
        v.VaultType && v.VaultType !== 'BACKUP_VAULT' ? `${vaultTypeWords(v.VaultType)} vault` : undefined,
        v.Locked ? 'locked' : undefined,
      ]
        .filter(Boolean)
        .join(' · '),
      value: { name: v.BackupVaultName ?? '', arn: v.BackupVaultArn },
    })),
  );
  const r = await f.ui.pick(f.header('vault'), { placeholder: 'Which backup vault?', canGoBack, items });
  return answer(r, (vault) => {
    if (vault.name !== s.vault) s.point = undefined;
    s.vault = vault.name;
    s.vaultArn = vault.arn;
  });
};

const isContinuous = (p: PointSummary): boolean => isContinuousRecoveryPointArn(p.RecoveryPointArn);

/** Continuous points first, then the newest first. */
export function sortPoints(points: PointSummary[]): PointSummary[] {
  const rank = (p: PointSummary): number => (isContinuous(p) ? 0 : 1);
  return [...points].sort(
    (a, b) => rank(a) - rank(b) || (b.CreationDate?.getTime() ?? 0) - (a.CreationDate?.getTime() ?? 0),
  );
}

function pointChoice(f: Flow, p: PointSummary): Choice<PointSummary> {
  const continuous = isContinuous(p);
  return {
    label: `${continuous ? '$(history) ' : '$(archive) '}${noIcons(p.ResourceName ?? p.ResourceArn?.split(/[:/]/).pop() ?? '?')}`,
    description: [
      continuous ? 'PITR' : 'snapshot',
      p.ResourceType,
      p.Status === 'STOPPED' ? 'STOPPED' : undefined,
    ]
      .filter(Boolean)
      .join(' · '),
    detail: windowWords(windowOfRecoveryPoint(p, f.now()), f.tz),
    value: p,
  };
}

/**
 * The vault's recovery points a page at a time (issue 11): the first page is shown after one request,
 * its continuous points first; later pages arrive while the person reads. Their continuous points join
 * the continuous ones already shown, their snapshots go to the end; choices already shown keep their
 * objects, so the quick pick keeps the item under the cursor active.
 */
export function pointPages(
  f: Flow,
  vault: string,
): { first: Promise<Choice<PointSummary>[]>; more: AsyncIterable<Choice<PointSummary>[]> } {
  const pages = f.s.api!.listRecoveryPoints(vault, {}, f.o.signal ? { signal: f.o.signal } : {});
  let shown: Choice<PointSummary>[] = [];
  let ended = false;
  const add = (batch: PointSummary[]): void => {
    const restorable = sortPoints(batch.filter((p) => RESTORABLE_STATUSES.has(p.Status ?? '')));
    const at = shown.findIndex((c) => !isContinuous(c.value));
    const end = at < 0 ? shown.length : at;
    shown = [
      ...shown.slice(0, end),
      ...restorable.filter(isContinuous).map((p) => pointChoice(f, p)),
      ...shown.slice(end),
      ...restorable.filter((p) => !isContinuous(p)).map((p) => pointChoice(f, p)),
    ];
  };
  const nextPage = async (): Promise<boolean> => {
    const r = await pages.next();
    if (r.done) ended = true;
    else add(r.value.items);
    return !r.done;
  };
  const first = (async () => {
    // A page with nothing restorable on it shows nothing: read on until something is, or the end.
    while (shown.length === 0 && (await nextPage()));
    if (shown.length === 0) throw new Error(`Vault "${vault}" has no recovery point to restore.`);
    return shown;
  })();
  async function* more(): AsyncGenerator<Choice<PointSummary>[]> {
    await first;
    try {
      while (!ended && (await nextPage())) yield shown;
    } finally {
      if (!ended) await pages.return(undefined);
    }
  }
  return { first, more: more() };
}

/** 3. Recovery point: continuous ones first, each with its window. */
export const pointStep: StepRun = async (f, canGoBack) => {
  const { o, s } = f;
  if (o.start) return 'skip';
  const { first, more } = pointPages(f, s.vault!);
  const r = await f.ui.pick(f.header('point'), {
    placeholder: 'Which recovery point?',
    canGoBack,
    items: first,
    more,
  });
  return answer(r, (p) => {
    if (p.RecoveryPointArn !== s.point?.RecoveryPointArn)
      Object.assign(s, {
        timeMode: undefined,
        time: undefined,
        destination: undefined,
        s3Target: undefined,
        s3: undefined,
        db: undefined,
      });
    s.point = p;
  });
};
