import * as vscode from 'vscode';
import { guarded } from '../../ui/commands';
import { openBackupApi } from '../../aws/backupApi';
import { BackupClientFactory } from '../../aws/clientFactory';
import { connectionLabel, type Connection } from '../../aws/connection';
import { isLoopbackUrl } from '../../aws/localEmulator';
import { OrganizationJobs } from '../../aws/organizationJobs';
import type { PostureTarget } from '../../aws/postureApi';
import type { PostureRow } from '../compute';
import { formatReport } from '../format';
import { postureReport } from '../report';
import { DEFAULT_TARGETS, targetsFrom, type RpoTargets } from '../targets';
import { drTargetsFrom, NO_DR_TARGETS, type DrTargets } from '../dr';
import { readSetting } from '../../ui/settings';
import { openableRows } from './openable';
import { PosturePanel } from './panel';
import { readRtoTargets } from './rtoSettings';

export type ExportFormat = 'markdown' | 'csv' | 'json';

export interface PostureFeature {
  /** The panel shown last (tests await its drawing). */
  readonly panel: PosturePanel | undefined;
  /** Refreshes the shown panel; resolves when the report is drawn. */
  refresh(): Promise<void>;
  /** Exports the shown report (the webview's Export buttons). */
  exportAs(format: ExportFormat): Promise<void>;
  /** Tests: where an export is written instead of asking (undefined: ask with a save dialog). */
  setSaveTarget(pick: ((format: ExportFormat) => vscode.Uri | undefined) | undefined): void;
}

/** The explorer's connections (its own and its other Regions), handed over by the composition root. */
export interface PostureDeps {
  connections(): Connection[];
  maxAttempts: number;
}

const EXTENSION: Record<ExportFormat, string> = { markdown: 'md', csv: 'csv', json: 'json' };

/**
 * RPO targets from `awsBackupPitr.posture.rpoTargets`, the user's own value only (a workspace must
 * not relax the verdicts): `{ "S3": "15m", "*": "2h" }`. A value that is not a duration is reported.
 */
function readTargets(): { targets: RpoTargets; problem?: string } {
  const specs = Object.entries(readSetting('posture.rpoTargets')).map(([type, d]) =>
    type === '*' ? d : `${type}=${d}`,
  );
  if (specs.length === 0) return { targets: DEFAULT_TARGETS };
  const t = targetsFrom(specs);
  return typeof t === 'string'
    ? { targets: DEFAULT_TARGETS, problem: `awsBackupPitr.posture.rpoTargets: ${t}; the defaults are used` }
    : { targets: t };
}

/**
 * DR RPO targets from `awsBackupPitr.posture.drRpoTargets` (same shape as rpoTargets), the user's own
 * value only: a workspace must not set a target that silences a breach. None by default.
 */
function readDrTargets(): { targets: DrTargets; problem?: string } {
  const specs = Object.entries(readSetting('posture.drRpoTargets')).map(([type, d]) =>
    type === '*' ? d : `${type}=${d}`,
  );
  if (specs.length === 0) return { targets: NO_DR_TARGETS };
  const t = drTargetsFrom(specs);
  return typeof t === 'string'
    ? { targets: NO_DR_TARGETS, problem: `awsBackupPitr.posture.drRpoTargets: ${t}; no DR target is used` }
    : { targets: t };
}

const PROFILE = /^[\w.+@/-]{1,128}$/;

/** More profiles read beside the connection's (`awsBackupPitr.posture.profiles`, user settings only). */
function extraProfiles(): string[] {
  return readSetting('posture.profiles').filter((p) => PROFILE.test(p));
}

/**
 * The organisation's management (or delegated administrator) profile, from which the failed jobs of
 * every account are listed once per Region (`awsBackupPitr.posture.organizationProfile`, user
 * settings only: a workspace must not choose whose credentials sign).
 */
function organizationProfile(): string | undefined {
  const v = readSetting('posture.organizationProfile');
  return PROFILE.test(v) ? v : undefined;
}

/**
 * A profile named for the posture, in a Region of the connection and with its endpoint. Beside a
 * local endpoint (an emulator) it signs only with the emulator's keys: a real profile's credentials
 * never go there (src/aws/clientFactory.ts).
 */
function profileIn(profile: string, region: string, beside: Connection): Connection {
  const e = beside.endpoint;
  return {
    profile,
    region,
    ...(e ? { endpoint: e, ...(isLoopbackUrl(e) ? { emulatorKeysOnly: true } : {}) } : {}),
  };
}

/** The accounts and Regions read: the connections, and each extra profile in their Regions. */
function postureTargets(deps: PostureDeps): PostureTarget[] {
  const mine = deps.connections();
  const out: PostureTarget[] = mine.map((c) => ({ account: connectionLabel(c), connection: c }));
  const first = mine[0];
  if (!first || first.sample) return out;
  for (const profile of extraProfiles()) {
    if (profile === first.profile) continue;
    for (const c of mine) out.push({ account: profile, connection: profileIn(profile, c.region, c) });
  }
  return out;
}

/** A row's action: its timeline, or a restore of its point (both features by command id). */
async function actOnRow(
  action: 'open' | 'restore',
  row: PostureRow,
  targets: PostureTarget[],
  factory: BackupClientFactory,
): Promise<void> {
  const connection = targets.find(
    (t) => t.account === row.account && t.connection.region === row.region,
  )?.connection;
  if (!connection) throw new Error('That account and Region are no longer connected: refresh the posture.');
  const point = {
    RecoveryPointArn: row.recoveryPointArn,
    BackupVaultName: row.vault,
    ResourceArn: row.resourceArn,
    ...(row.resourceType ? { ResourceType: row.resourceType } : {}),
    ...(row.resourceName ? { ResourceName: row.resourceName } : {}),
  };
  // Features never import each other: the explorer's timeline and the restore wizard by command id.
  if (action === 'open')
    await vscode.commands.executeCommand('awsBackupPitr.explorer.showTimeline', { point });
  else {
    if (!row.recoveryPointArn || !row.vault)
      throw new Error(`${row.resourceName ?? row.resourceArn} has no recovery point to restore.`);
    const api = await openBackupApi(factory, connection);
    await vscode.commands.executeCommand('awsBackupPitr.restore.fromRecoveryPoint', {
      api,
      vault: row.vault,
      point,
    });
  }
}

export function registerPosture(
  context: vscode.ExtensionContext,
  deps: PostureDeps,
  log: vscode.LogOutputChannel,
): PostureFeature {
  const factory = new BackupClientFactory({ maxAttempts: deps.maxAttempts });
  let panel: PosturePanel | undefined;
  let running: AbortController | undefined;
  let saveTarget: ((format: ExportFormat) => vscode.Uri | undefined) | undefined;

  async function refresh(): Promise<void> {
    const p = panel;
    if (!p) return;
    const t = postureTargets(deps);
    if (t.length === 0) {
      p.progress('Not connected: run "AWS Backup: Connect…" or open the sample account, then Refresh.');
      return;
    }
    running?.abort();
    const ac = new AbortController();
    running = ac;
    const [rpo, rto, dr] = [readTargets(), readRtoTargets(), readDrTargets()];
    for (const w of [rpo.problem, rto.rtoProblem, dr.problem])
      if (w) void vscode.window.showWarningMessage(w);
    const drawn = p.whenDrawn();
    await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Recovery posture', cancellable: true },
      async (progress, token) => {
        token.onCancellationRequested(() => ac.abort());
        const first = deps.connections()[0];
        const org = first && !first.sample ? organizationProfile() : undefined;
        const report = await postureReport(t, {
          factory,
          now: new Date(),
          targets: rpo.targets,
          rtoTargets: rto.rtoTargets,
          drTargets: dr.targets,
          signal: ac.signal,
          ...(org && first
            ? {
                organization: new OrganizationJobs(org, (region) =>
                  Promise.resolve(profileIn(org, region, first)),
                ),
              }
            : {}),
          onProgress: (x) => {
            const text = `${x.account} · ${x.region}: ${x.resources} resources (${x.finished} of ${x.total} read)`;
            progress.report({ message: text });
            p.progress(`Reading… ${text}`);
          },
        });
        if (running === ac) running = undefined;
        p.progress(ac.signal.aborted ? 'Cancelled: what was read before is shown.' : '');
        log.info(
          `posture: ${report.rows.length} resources, ${report.failures.length} not read, ${report.requests} requests`,
        );
        p.show(report);
      },
    );
    await drawn;
  }

  const act = (action: 'open' | 'restore', row: PostureRow): Promise<void> =>
    actOnRow(action, row, postureTargets(deps), factory);

  async function exportReport(format: ExportFormat): Promise<void> {
    const report = panel?.report;
    if (!report) throw new Error('Nothing to export yet: refresh the posture first.');
    const uri =
      saveTarget?.(format) ??
      (await vscode.window.showSaveDialog({
        title: 'Export the recovery posture',
        saveLabel: 'Export',
        filters: { [format.toUpperCase()]: [EXTENSION[format]] },
        defaultUri: vscode.Uri.file(`recovery-posture.${EXTENSION[format]}`),
      }));
    if (!uri) return;
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(formatReport(report, format)));
    void vscode.window.showInformationMessage(`Recovery posture exported to ${uri.fsPath}`);
  }

  /** A webview's message handled in the one command wrapper (its failure said, never thrown). */
  const guard =
    <A extends unknown[]>(f: (...a: A) => Promise<unknown>) =>
    (...a: A): void =>
      void guarded(f)(...a);

  function show(): PosturePanel {
    if (panel) {
      panel.panel.reveal();
      return panel;
    }
    const p = PosturePanel.create(context.extensionUri, {
      refresh: guard(refresh),
      cancel: () => running?.abort(),
      act: guard(act),
      export: guard(exportReport),
      openable: () => openableRows(deps.connections()[0], postureTargets(deps)),
    });
    panel = p;
    p.panel.onDidDispose(() => {
      running?.abort();
      if (panel === p) panel = undefined;
    });
    return p;
  }

  context.subscriptions.push(
    factory,
    { dispose: () => running?.abort() },
    vscode.commands.registerCommand(
      'awsBackupPitr.posture.show',
      guarded(async () => {
        show();
        await refresh();
      }),
    ),
  );
  return {
    get panel() {
      return panel;
    },
    refresh,
    exportAs: exportReport,
    setSaveTarget: (pick) => (saveTarget = pick),
  };
}
