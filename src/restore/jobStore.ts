/**
 * Restore jobs started from the extension, remembered across window reloads (no `vscode`: the
 * storage comes in as a key-value store, the extension's global state in the editor).
 *
 * A start is remembered *before* its request is sent, with its IdempotencyToken: if the window
 * reloads between the request and the answer, the start is sent again with the same token, so the
 * job is neither lost nor started twice. The request (restore metadata included) is kept only until
 * the service has answered with a job ID. Nothing here is ever written to a log.
 *
 * A start that could not be sent is never sent later on its own: the confirmation the user answered
 * is kept with it and shown again, and the start expires after 24 hours, or when its RestoreTime is
 * no longer inside the recovery point's window (`pendingStartCheck`).
 */
import type { Connection } from '../aws/connection';
import type { Confirmation } from '../ui/confirmation';
import type { StartRequest } from './startGate';
import { RESTORE_JOBS_KEY } from './stateKeys';

export interface KeyValueStore {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): PromiseLike<void>;
}

export interface RememberedJob {
  token: string;
  connection: Connection;
  /** What the notifications call the job ("orders-bucket to 2025-08-01 02:14:37 UTC"). */
  label: string;
  startedAt: number;
  /** Known once StartRestoreJob answered. */
  jobId?: string;
  /** Kept only while the job ID is unknown, to send the same start again. */
  request?: StartRequest & { IdempotencyToken: string };
  /** What the user confirmed: shown again before a start that was not sent is sent. */
  confirmation?: Pick<Confirmation, 'message' | 'detail'>;
  /** Set when the job ended (or the user dismissed it). */
  endedAt?: number;
  status?: string;
}

const KEY = RESTORE_JOBS_KEY;
/** A confirmed start not yet sent is forgotten after this long: the user's "yes" was for then. */
const PENDING_START_MS = 24 * 3_600_000;
const KEEP_ENDED_MS = 14 * 86_400_000;
const MAX = 50;

export class RememberedJobs {
  constructor(
    private readonly store: KeyValueStore,
    private readonly now: () => number = Date.now,
  ) {}

  all(): RememberedJob[] {
    return this.store.get<RememberedJob[]>(KEY) ?? [];
  }

  /** Jobs still to watch (or starts still to confirm) after a reload. */
  unfinished(): RememberedJob[] {
    return this.all().filter((j) => j.endedAt === undefined);
  }

  find(token: string): RememberedJob | undefined {
    return this.all().find((j) => j.token === token);
  }

  /** True for a start whose request was kept more than 24 hours without an answer. */
  expired(j: RememberedJob): boolean {
    return j.jobId === undefined && j.request !== undefined && this.now() - j.startedAt > PENDING_START_MS;
  }

  private async write(jobs: RememberedJob[]): Promise<void> {
    const cutoff = this.now() - KEEP_ENDED_MS;
    // An expired start is reported and forgotten (its request with it) at the next activation.
    const kept = jobs.filter((j) => j.endedAt === undefined || j.endedAt > cutoff);
    await this.store.update(KEY, kept.slice(-MAX));
  }

  private async change(token: string, f: (j: RememberedJob) => RememberedJob | undefined): Promise<void> {
    const jobs: RememberedJob[] = [];
    for (const j of this.all()) {
      const next = j.token === token ? f(j) : j;
      if (next) jobs.push(next);
    }
    await this.write(jobs);
  }

  /** Remembers a start before its request goes out. */
  async starting(job: Omit<RememberedJob, 'startedAt' | 'jobId' | 'endedAt'>): Promise<void> {
    const others = this.all().filter((j) => j.token !== job.token);
    await this.write([...others, { ...job, startedAt: this.now() }]);
  }

  /** The service answered: keep the job ID, drop the request. */
  async started(token: string, jobId: string): Promise<void> {
    await this.change(token, (j) => {
      const next: RememberedJob = { ...j, jobId };
      delete next.request;
      return next;
    });
  }

  async ended(token: string, status: string): Promise<void> {
    await this.change(token, (j) => ({ ...j, endedAt: this.now(), status }));
  }

  /** The start was refused: nothing to remember. */
  async forget(token: string): Promise<void> {
    await this.change(token, () => undefined);
  }
}
