/**
 * The server's lint engine, out of its main thread: jobs run one at a time in a worker thread
 * (./lintWorker.ts). A job that exceeds its time budget terminates the thread (the next job starts a
 * new one), so the server keeps answering — `$/cancelRequest`, hovers, other documents — whatever a
 * document costs; a crash or an exhausted heap in the thread is one job's failure, not the server's.
 */
import { Worker } from 'node:worker_threads';
import type { DocumentFamily, LintResult, SeveritySetting } from '../lint/types';

export interface LintJob {
  id: number;
  text: string;
  fileName: string;
  globs: Record<string, DocumentFamily>;
  severity: Record<string, SeveritySetting>;
  /** "Now" as epoch milliseconds (tests); the clock otherwise. */
  now?: number;
}

export type LintReply =
  { id: number; result: LintResult | null; notStarted?: string } | { id: number; crashed: string };

export type LintOutcome =
  | { kind: 'done'; result: LintResult | undefined }
  | { kind: 'timeout'; budgetMs: number }
  | { kind: 'failed'; message: string };

/** The worker's heap: a document that needs more is reported as not linted, never the server's memory. */
const WORKER_HEAP_MB = 1024;

export class WorkerLinter {
  private worker: Promise<Worker> | undefined;
  private nextId = 1;
  private queue: Promise<unknown> = Promise.resolve();
  private disposed = false;

  /** `script`: the bundle to run in the thread (the server's own, which runs the worker when told). */
  constructor(
    private readonly script: string,
    private readonly workerData: unknown,
  ) {}

  /** Lints one document after the jobs before it; never rejects. */
  lint(job: Omit<LintJob, 'id'>, budgetMs: number): Promise<LintOutcome> {
    const run = this.queue.then(() => this.run({ ...job, id: this.nextId++ }, budgetMs));
    this.queue = run;
    return run;
  }

  /** Starts the lint thread now (it takes a moment to load), so the first document does not wait for it. */
  warm(): void {
    this.worker ??= this.start();
  }

  /** A new lint thread, once it has loaded (its load time is not counted in any document's budget). */
  private start(): Promise<Worker> {
    const w = new Worker(this.script, {
      workerData: this.workerData,
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
      stdout: true,
      stderr: true,
    });
    w.unref();
    // The thread's own output never reaches stdout (the protocol's channel).
    w.stdout.resume();
    w.stderr.resume();
    return new Promise<Worker>((resolve, reject) => {
      w.once('message', () => resolve(w));
      w.once('error', reject);
      w.once('exit', () => reject(new Error('the lint thread stopped as it started')));
    });
  }

  private async run(job: LintJob, budgetMs: number): Promise<LintOutcome> {
    if (this.disposed) return { kind: 'failed', message: 'the server is shutting down' };
    const starting = (this.worker ??= this.start());
    let worker: Worker;
    try {
      worker = await starting;
    } catch (e) {
      if (this.worker === starting) this.worker = undefined;
      return { kind: 'failed', message: e instanceof Error ? e.message : String(e) };
    }
    return new Promise<LintOutcome>((resolve) => {
      const done = (outcome: LintOutcome, restart: boolean): void => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        if (restart) {
          if (this.worker === starting) this.worker = undefined;
          void worker.terminate();
        }
        resolve(outcome);
      };
      const onMessage = (reply: LintReply): void => {
        if (reply.id !== job.id) return;
        if ('crashed' in reply) done({ kind: 'failed', message: reply.crashed }, false);
        else done({ kind: 'done', result: reply.result ?? undefined }, false);
      };
      const onError = (e: Error): void => done({ kind: 'failed', message: e.message }, true);
      const onExit = (): void => done({ kind: 'failed', message: 'the lint thread stopped' }, true);
      const timer = setTimeout(() => done({ kind: 'timeout', budgetMs }, true), budgetMs);
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      worker.postMessage(job);
    });
  }

  dispose(): Promise<void> {
    this.disposed = true;
    const w = this.worker;
    this.worker = undefined;
    return w
      ? w
          .then((x) => x.terminate())
          .then(
            () => undefined,
            () => undefined,
          )
      : Promise.resolve();
  }
}
