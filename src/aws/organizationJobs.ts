/**
 * The organisation's failed backup jobs, for the recovery posture (./postureApi.ts): one listing per
 * Region from the management account or a delegated administrator.
 */
import type { BackupJob } from '@aws-sdk/client-backup';
import { collect, openBackupApi, pages } from './backupApi';
import type { BackupClientFactory } from './clientFactory';
import type { Connection } from './connection';

/** Items per page of the posture's listings (the most the service gives). */
export const PAGE = 1000;

/** An abort as the SDK reports one, so a request stopped before it was sent reads "cancelled". */
export function aborted(): Error {
  return Object.assign(new Error('The request was aborted before it was sent.'), { name: 'AbortError' });
}

interface OrganizationReadOptions {
  factory: BackupClientFactory;
  since: Date;
  gateOf(connection: Connection): { run<T>(task: () => Promise<T>): Promise<T> };
  signal?: AbortSignal;
}

/**
 * The failed backup jobs of a whole organisation, read once per Region from its management account
 * or a delegated administrator: ListBackupJobs with ByAccountId "*" ("If used from an AWS
 * Organizations management account, passing * returns all jobs across the organization",
 * https://docs.aws.amazon.com/aws-backup/latest/devguide/API_ListBackupJobs.html; cross-account
 * monitoring: https://docs.aws.amazon.com/aws-backup/latest/devguide/manage-cross-account.html).
 * One listing per Region takes the place of one per account and Region. It holds jobs only: what is
 * restorable is still read in each account with its own credentials. When the listing fails, each
 * account reads its own jobs, and the failure is said once (`failures`), not once per account.
 * Every account read is taken to be in the organisation: one outside it would show no failed jobs
 * (AWS Backup says nothing of who the members are), so the report says so once (src/posture/report.ts).
 */
export class OrganizationJobs {
  private readonly byRegion = new Map<string, Promise<BackupJob[] | undefined>>();
  /** Requests sent for the organisation's listings. */
  requests = 0;
  /** The Regions whose listing failed, with the reason. */
  readonly failures: { region: string; message: string }[] = [];
  /** The Regions whose listing was read (and used for every account read there). */
  readonly listed: string[] = [];
  constructor(
    /** The profile people know the management account by, for messages. */
    readonly account: string,
    /** The management account's connection in a Region. */
    private readonly connectionIn: (region: string) => Promise<Connection>,
  ) {}

  /** The organisation's failed jobs in `region` since `since`, or undefined when they could not be read. */
  failedJobs(region: string, o: OrganizationReadOptions): Promise<BackupJob[] | undefined> {
    let p = this.byRegion.get(region);
    if (!p) this.byRegion.set(region, (p = this.read(region, o)));
    return p;
  }

  private async read(region: string, o: OrganizationReadOptions): Promise<BackupJob[] | undefined> {
    try {
      const connection = await this.connectionIn(region);
      const api = await openBackupApi(o.factory, connection);
      // The management account's own gate: its bound holds when it is also read as an account.
      const gate = o.gateOf(connection);
      const out = await collect(
        pages(
          (token) =>
            gate.run(() => {
              if (o.signal?.aborted) return Promise.reject(aborted());
              this.requests++;
              return api.listBackupJobsPage(
                { ByAccountId: '*', ByState: 'FAILED', ByCreatedAfter: o.since },
                token,
                { pageSize: PAGE, ...(o.signal ? { signal: o.signal } : {}) },
              );
            }),
          undefined,
          api.pagingBound,
        ),
      );
      this.listed.push(region);
      return out;
    } catch (e) {
      if (o.signal?.aborted) throw e;
      this.failures.push({ region, message: e instanceof Error ? e.message : String(e) });
      return undefined;
    }
  }
}
