/**
 * The active connection, without `vscode`: which account (profile), Region and endpoint requests go
 * to, the door to AWS for it and for the other Regions shown beside it, and the events the features
 * that share it listen to: the explorer and restore both use this one object, handed to them by the
 * composition root. The editor's adapter (src/aws/connectionManager.ts) picks and remembers
 * the connection and shows it in the status bar.
 */
import { messageOf } from './awsText';
import { openBackupApi, type BackupApi } from './backupApi';
import type { BackupClientFactory } from './clientFactory';
import { describeConnection, type Connection } from './connection';
import { Emitter, type Event } from './events';

/**
 * Restore jobs this extension started (the explorer marks them "started here"), and an event when
 * one started or ended in a Region (the explorer's lists of restore jobs are then out of date).
 */
export class RestoreJobActivity {
  private readonly ids = new Set<string>();
  private readonly changed: Emitter<string>;
  /** Fires with the Region a restore job started or ended in. */
  readonly onDidChange: Event<string>;

  constructor(onError: (e: unknown) => void) {
    this.changed = new Emitter(onError);
    this.onDidChange = this.changed.event;
  }

  /** Restore jobs started here (remembered across reloads by the restore feature). */
  record(jobIds: Iterable<string | undefined>): void {
    for (const id of jobIds) if (id) this.ids.add(id);
  }

  startedHere(jobId: string): boolean {
    return this.ids.has(jobId);
  }

  /** A restore job started (`jobId`) or ended in `region`. */
  jobChanged(region: string, jobId?: string): void {
    if (jobId) this.ids.add(jobId);
    this.changed.fire(region);
  }

  dispose(): void {
    this.changed.dispose();
  }
}

export class ActiveConnection {
  private current: { connection: Connection; api: BackupApi; others: BackupApi[] } | undefined;
  private readonly changed: Emitter<BackupApi | undefined>;
  /** Fires after every connect (with the connection's own Region's door) and disconnect (undefined). */
  readonly onDidChange: Event<BackupApi | undefined>;
  readonly restoreJobs: RestoreJobActivity;

  constructor(
    private readonly factory: BackupClientFactory,
    private readonly log: { info(message: string): void; error(message: string): void },
  ) {
    const onError = (e: unknown): void =>
      log.error(`a listener of the AWS connection failed: ${messageOf(e)}`);
    this.changed = new Emitter(onError);
    this.onDidChange = this.changed.event;
    this.restoreJobs = new RestoreJobActivity(onError);
  }

  get connection(): Connection | undefined {
    return this.current?.connection;
  }

  get api(): BackupApi | undefined {
    return this.current?.api;
  }

  /** The connection's Region first, then the other Regions shown beside it. */
  get apis(): BackupApi[] {
    return this.current ? [this.current.api, ...this.current.others] : [];
  }

  /** The door for a Region of the current connection (a recovery point's ARN names its Region). */
  async apiForRegion(region: string): Promise<BackupApi | undefined> {
    if (!this.current) return undefined;
    const known = this.apis.find((a) => a.connection.region === region);
    return known ?? openBackupApi(this.factory, { ...this.current.connection, region });
  }

  /** The door for a remembered connection (a restore job to watch again after a reload). */
  openApi(connection: Connection): Promise<BackupApi> {
    return openBackupApi(this.factory, connection);
  }

  /** Connects, with the same credentials in `otherRegions` too; the clients of any other connection are let go. */
  async connect(connection: Connection, otherRegions: readonly string[] = []): Promise<BackupApi> {
    const api = await openBackupApi(this.factory, connection);
    const others = await Promise.all(
      otherRegions
        .filter((r) => r !== connection.region)
        .map((region) => openBackupApi(this.factory, { ...connection, region })),
    );
    this.current = { connection, api, others };
    // Names only: never credentials.
    this.log.info(`connected: ${describeConnection(connection)}`);
    this.factory.retainOnly([connection, ...others.map((o) => o.connection)]);
    this.changed.fire(api);
    return api;
  }

  disconnect(): void {
    this.current = undefined;
    this.factory.retainOnly([]);
    this.changed.fire(undefined);
  }

  dispose(): void {
    this.changed.dispose();
    this.restoreJobs.dispose();
  }
}
