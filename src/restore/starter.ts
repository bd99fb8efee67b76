/**
 * Starting a restore job from a document, without `vscode`: the gate, the confirmation text, one
 * start per IdempotencyToken, and the remembered jobs. The editor's adapter (editor/register.ts)
 * shows what each outcome says; this module decides it.
 */
import type { BackupApi } from '../aws/backupApi';
import { describeConnection } from '../aws/connection';
import { AwsAccessError } from '../aws/errors';
import { liveFactsFrom } from '../aws/liveFacts';
import { locateRecoveryPoint } from '../aws/locate';
import { windowOfRecoveryPoint } from '../backup/restorableWindow';
import type { LiveFacts } from '../lint';
import type { Confirmation } from '../ui/confirmation';
import type { LintResult } from '../lint/types';
import type { KeyValueStore, RememberedJob, RememberedJobs } from './jobStore';
import {
  checkBeforeResend,
  checkBeforeStart,
  describeRestore,
  idempotencyTokenFor,
  type PointFacts,
  type StartRequest,
} from './startGate';

type Located = Awaited<ReturnType<typeof locateRecoveryPoint>>;

/** A document to start from, as the editor has it. */
export interface StartDocument {
  /** Where it comes from (its URI): part of the derived IdempotencyToken. */
  source: string;
  text: string;
  fileName: string;
  /** The `awsBackupPitr.lint.files` setting for it. */
  globs?: Readonly<Record<string, string>>;
  /** The editor's lint result for this very text, when `editorLintForGate` lets the gate reuse it. */
  lintResult?: LintResult;
}

export type SendOutcome =
  | { kind: 'started'; jobId: string }
  /** Kept: a retry (or the next window) sends the same token, so at most one job starts. */
  | { kind: 'kept'; error: AwsAccessError }
  /** Refused by the service (or not sendable at all): forgotten. */
  | { kind: 'refused'; error: unknown }
  /** Nothing to send and no job known. */
  | { kind: 'none' };

export type StartOutcome =
  | { kind: 'blocked'; problems: string[] }
  | { kind: 'needs-point'; metadata: Record<string, string> }
  | { kind: 'not-connected' }
  /** The same request again (a double click, a retry): the job it started, not a second one. */
  | { kind: 'already-started'; job: RememberedJob & { jobId: string }; api: BackupApi }
  | { kind: 'declined' }
  | { kind: 'sent'; job: RememberedJob; api: BackupApi; sent: SendOutcome };

export type ResendOutcome =
  | { kind: 'forgotten'; reason: string }
  | { kind: 'declined'; label: string }
  | { kind: 'sent'; sent: SendOutcome };

export interface StarterDeps {
  jobs: RememberedJobs;
  /** The extension's global state: the recent IAM roles. */
  store: KeyValueStore;
  /** The door for the Region a recovery point's ARN names; undefined when not connected. */
  apiFor(recoveryPointArn: string): Promise<BackupApi | undefined>;
  /** Asks the person; true only for an explicit yes. */
  confirm(c: Confirmation): Promise<boolean>;
  /** After a job started in `region` (the explorer lists restore jobs, and marks those started here). */
  jobsChanged(region: string, jobId: string): void;
  log: { info(message: string): void; warn(message: string): void };
}

const RECENT_ROLES = 'awsBackupPitr.recentRoles';

/**
 * The editor's lint result stands in for the gate's own lint only when the two are the same by
 * construction: of this very document version; linted with the rules' built-in severities (no
 * severity setting for this document, which the gate never reads); recognized by content or file
 * name, as the gate recognizes it (a `files` glob may make a document something the gate would not
 * take it for). A result with any error is never reused: the gate lints afresh, with the time now,
 * before it refuses. Time-dependent rules that could turn a pass into a refusal (the 35 days) are
 * checked against the account at every start anyway (LIVE002, in checkBeforeStart).
 */
export function editorLintForGate(
  editor: { version: number; result: LintResult } | undefined,
  document: { version: number; severity: Readonly<Record<string, string>> },
): LintResult | undefined {
  if (!editor || editor.version !== document.version) return undefined;
  if (Object.keys(document.severity).length > 0) return undefined;
  if (editor.result.recognition.reason === 'setting') return undefined;
  if (editor.result.findings.some((f) => f.severity === 'error')) return undefined;
  return editor.result;
}

function pointFacts(located: Located): PointFacts | undefined {
  if (!located) return undefined;
  const p = located.point;
  return {
    vault: located.vault,
    ...(p.ResourceArn ? { resourceArn: p.ResourceArn } : {}),
    ...(p.ResourceName ? { resourceName: p.ResourceName } : {}),
    ...(p.ResourceType ? { resourceType: p.ResourceType } : {}),
    ...(p.CreationDate ? { creationDate: p.CreationDate } : {}),
  };
}

export class RestoreStarter {
  constructor(private readonly deps: StarterDeps) {}

  recentRoles(): string[] {
    return this.deps.store.get<string[]>(RECENT_ROLES) ?? [];
  }

  async rememberRole(arn: string | undefined): Promise<void> {
    if (!arn) return;
    await this.deps.store.update(
      RECENT_ROLES,
      [arn, ...this.recentRoles().filter((r) => r !== arn)].slice(0, 5),
    );
  }

  /**
   * The account's facts for a start, over a recovery point located once: the gate's window check
   * and the confirmation's description of the point share one search through the vaults.
   */
  private factsLocatingOnce(): {
    factsFor: (arn: string) => Promise<LiveFacts | undefined>;
    located: (api: BackupApi, arn: string) => Promise<Located>;
  } {
    const found = new Map<string, Promise<Located>>();
    const located = (api: BackupApi, arn: string, names?: Iterable<string>): Promise<Located> => {
      let p = found.get(arn);
      if (!p) found.set(arn, (p = locateRecoveryPoint(api, arn, names)));
      return p;
    };
    return {
      factsFor: async (arn) => {
        const api = await this.deps.apiFor(arn);
        if (!api) return undefined;
        const facts = liveFactsFrom(api);
        return {
          ...facts,
          async windowOf(pointArn) {
            const point = await located(api, pointArn, (await facts.vaults()).names);
            return point
              ? windowOfRecoveryPoint({ ...point.point, RecoveryPointArn: pointArn }, new Date())
              : undefined;
          },
        };
      },
      located: (api, arn) => located(api, arn),
    };
  }

  /** "Start restore job" on a document: check, confirm, remember, start once. */
  async start(doc: StartDocument): Promise<StartOutcome> {
    const { factsFor, located } = this.factsLocatingOnce();
    // Neither the severity setting nor the live-check setting reaches the gate: they change what
    // the Problems panel shows, not what may be started.
    const gate = await checkBeforeStart({
      text: doc.text,
      fileName: doc.fileName,
      ...(doc.globs ? { globs: doc.globs } : {}),
      ...(doc.lintResult ? { lintResult: doc.lintResult } : {}),
      factsFor,
    });
    if (gate.ok === false) return { kind: 'blocked', problems: gate.problems };
    if (gate.ok === 'needs-point') return { kind: 'needs-point', metadata: gate.metadata };
    const request = gate.request;
    const api = await this.deps.apiFor(request.RecoveryPointArn);
    if (!api) return { kind: 'not-connected' };
    const token = idempotencyTokenFor(doc.source, request);
    const known = this.deps.jobs.find(token);
    if (known?.jobId) return { kind: 'already-started', job: { ...known, jobId: known.jobId }, api };
    const point = pointFacts(await located(api, request.RecoveryPointArn).catch(() => undefined));
    const confirmation = describeRestore(request, {
      connection: describeConnection(api.connection),
      notes: gate.notes,
      ...(point ? { point } : {}),
    });
    if (!(await this.deps.confirm(confirmation))) return { kind: 'declined' };
    const job: RememberedJob = {
      token,
      connection: api.connection,
      label: confirmation.message.replace(/^Restore (.*)\?$/, '$1'),
      startedAt: Date.now(),
      request: { ...request, IdempotencyToken: token },
      confirmation,
    };
    await this.deps.jobs.starting(job);
    await this.rememberRole(request.IamRoleArn);
    this.deps.log.info(`starting a restore job in ${api.connection.region}`); // never the metadata
    return { kind: 'sent', job, api, sent: await this.send(job, api) };
  }

  /** Sends a remembered start; throttling and dropped connections are retried with the same token. */
  async send(job: RememberedJob, api: BackupApi): Promise<SendOutcome> {
    if (!job.request) return job.jobId ? { kind: 'started', jobId: job.jobId } : { kind: 'none' };
    try {
      const id = await this.sendRequest(api, job.request);
      await this.deps.jobs.started(job.token, id);
      this.deps.jobsChanged(api.connection.region, id);
      return { kind: 'started', jobId: id };
    } catch (e) {
      if (e instanceof AwsAccessError && e.retryable) return { kind: 'kept', error: e };
      await this.deps.jobs.forget(job.token);
      return { kind: 'refused', error: e };
    }
  }

  private sendRequest(api: BackupApi, request: StartRequest & { IdempotencyToken: string }): Promise<string> {
    return api.startRestoreJobRetrying(request, {
      onRetry: (e) =>
        this.deps.log.warn(
          `StartRestoreJob failed (${e.kind}); sending it again with the same idempotency token`,
        ),
    });
  }

  /**
   * A confirmed start that was not sent: checked again (24 hours, the window), confirmed again with
   * the confirmation the user answered, and only then sent. Forgotten otherwise.
   */
  async resend(job: RememberedJob, api: BackupApi): Promise<ResendOutcome> {
    const check = await checkBeforeResend(job, {
      expired: this.deps.jobs.expired(job),
      factsFor: async (arn) => {
        const door = await this.deps.apiFor(arn);
        return door ? liveFactsFrom(door) : undefined;
      },
    });
    if (!check.ok) {
      await this.deps.jobs.forget(job.token);
      return { kind: 'forgotten', reason: check.reason };
    }
    if (!(await this.deps.confirm(check.confirmation))) {
      await this.deps.jobs.forget(job.token);
      return { kind: 'declined', label: job.label };
    }
    return { kind: 'sent', sent: await this.send(job, api) };
  }
}
