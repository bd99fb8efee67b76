import * as vscode from 'vscode';
import { errorText } from './awsText';
import { ActiveConnection } from './activeConnection';
import type { BackupApi } from './backupApi';
import type { BackupClientFactory } from './clientFactory';
import { connectionLabel, describeConnection, resolveConnection, type Connection } from './connection';
import { isLoopbackUrl, LOCAL_EMULATOR_DEFAULT_URL } from './localEmulator';
import { listProfiles } from './profiles';
import type { SampleAccount } from './sampleAccount';
import { readAwsSettings } from './settings';
import { isRegionName } from '../backup/arn';
import { LAST_CONNECTION_KEY } from './stateKeys';

const LAST_CONNECTION = LAST_CONNECTION_KEY;

/**
 * Picks and remembers the active AWS connection (src/aws/activeConnection.ts holds it): from user
 * settings (profile, region, endpoint) when they name one, else the user's last choice in this
 * machine's global state. Sets the `awsBackupPitr.connected` context key that shows the explorer or
 * its welcome view, and a status-bar item with the connection.
 */
export class ConnectionManager implements vscode.Disposable {
  /** The connection itself, with its events: what the explorer and restore share. */
  readonly active: ActiveConnection;
  /** The sample account's emulator, started on first use and stopped with the window. */
  private sample: Promise<SampleAccount> | undefined;
  readonly onDidChange: ActiveConnection['onDidChange'];
  private readonly status = vscode.window.createStatusBarItem(
    'awsBackupPitr.connection',
    vscode.StatusBarAlignment.Left,
    50,
  );

  constructor(
    private readonly context: vscode.ExtensionContext,
    factory: BackupClientFactory,
    private readonly log: vscode.LogOutputChannel,
    /** Starts the sample account's emulator (the composition root loads its bundle). */
    private readonly startSample: () => Promise<SampleAccount>,
  ) {
    this.active = new ActiveConnection(factory, log);
    this.onDidChange = this.active.onDidChange;
    this.status.name = 'AWS Backup connection';
    this.status.command = 'awsBackupPitr.connect';
  }

  get api(): BackupApi | undefined {
    return this.active.api;
  }

  /** The connection's Region first, then the other Regions of `awsBackupPitr.aws.regions`. */
  get apis(): BackupApi[] {
    return this.active.apis;
  }

  /** Connects from settings or the last choice, if either names a connection. */
  async restore(): Promise<void> {
    const s = readAwsSettings();
    this.log.info(
      `restore: settings name ${s.profile ? 'a profile' : 'no profile'}, ${s.endpoint ? `endpoint ${s.endpoint}` : 'no endpoint'}`,
    );
    if (s.profile || s.endpoint) {
      await this.connect(await resolveConnection(s));
      return;
    }
    const last = this.context.globalState.get<Connection>(LAST_CONNECTION);
    // The sample account lives only as long as its window: open a fresh one.
    if (last?.sample) await this.useSampleAccount();
    else if (last) await this.connect(last);
    else await this.update();
  }

  async connect(connection: Connection, remember = false): Promise<BackupApi> {
    // The sample account has one Region.
    const api = await this.active.connect(connection, connection.sample ? [] : readAwsSettings().regions);
    if (remember) await this.context.globalState.update(LAST_CONNECTION, connection);
    await this.update();
    return api;
  }

  async disconnect(): Promise<void> {
    this.active.disconnect();
    await this.context.globalState.update(LAST_CONNECTION, undefined);
    await this.update();
  }

  private async update(): Promise<void> {
    const c = this.active.connection;
    await vscode.commands.executeCommand('setContext', 'awsBackupPitr.connected', c !== undefined);
    if (c) {
      const who = c.profile === undefined && !c.endpoint ? 'AWS' : connectionLabel(c);
      this.status.text = `${c.sample ? '$(beaker)' : '$(cloud)'} ${who} · ${c.region}`;
      this.status.tooltip = `AWS Backup: ${describeConnection(c)}. Click to switch.`;
      this.status.show();
    } else this.status.hide();
  }

  /** The "Connect…" command: a profile (or the default chain), then a Region. */
  async pickAndConnect(): Promise<void> {
    let profiles: Awaited<ReturnType<typeof listProfiles>> = [];
    try {
      profiles = await listProfiles();
    } catch (e) {
      void vscode.window.showWarningMessage(`Could not read the AWS config files: ${errorText(e)}`);
    }
    type Item = vscode.QuickPickItem & { profile?: string; region?: string };
    const items: Item[] = [
      {
        label: '$(key) Default credential chain',
        description: 'environment variables, AWS_PROFILE, the default profile, SSO, instance roles',
      },
      ...profiles.map((p) => ({
        label: p.name,
        description: `${p.kind}${p.region ? ` · ${p.region}` : ''}`,
        profile: p.name,
        ...(p.region ? { region: p.region } : {}),
      })),
    ];
    const picked = await vscode.window.showQuickPick(items, {
      title: 'AWS Backup: Connect',
      placeHolder: 'Choose an AWS profile',
    });
    if (!picked) return;
    const fallback = (await resolveConnection(picked.profile ? { profile: picked.profile } : {})).region;
    const region = await vscode.window.showInputBox({
      title: 'AWS Backup: Region',
      value: picked.region ?? fallback,
      validateInput: (v) => (isRegionName(v.trim()) ? undefined : 'A Region code such as us-east-1'),
    });
    if (!region) return;
    await this.connect(
      { ...(picked.profile ? { profile: picked.profile } : {}), region: region.trim() },
      true,
    );
  }

  /** The "Use a Local Emulator…" command (`npm run emulator` prints its URL). */
  async useLocalEmulator(url?: string): Promise<void> {
    const endpoint =
      url ??
      (await vscode.window.showInputBox({
        title: 'AWS Backup: Local emulator URL',
        value: LOCAL_EMULATOR_DEFAULT_URL,
        prompt: 'Start it with `npm run emulator` in this project; it prints its URL.',
        validateInput: (v) =>
          isLoopbackUrl(v.trim()) ? undefined : 'A loopback URL, such as http://127.0.0.1:4566',
      }));
    if (!endpoint) return;
    if (!isLoopbackUrl(endpoint))
      throw new Error(`${endpoint} is not a loopback URL: the local emulator runs on this machine.`);
    await this.connect({ region: 'us-east-1', endpoint: endpoint.trim(), localEmulator: true }, true);
  }

  /** "Open the Sample Account": starts the emulator inside the extension (once) and connects to it. */
  async useSampleAccount(): Promise<void> {
    this.sample ??= this.startSample().catch((e: unknown) => {
      this.sample = undefined;
      throw e;
    });
    const s = await this.sample;
    this.log.info('sample account started on loopback');
    await this.connect({ region: s.region, endpoint: s.url, localEmulator: true, sample: true }, true);
  }

  dispose(): void {
    void this.sample?.then((s) => s.close()).catch(() => undefined);
    this.status.dispose();
    this.active.dispose();
  }
}
