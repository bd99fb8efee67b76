import type { BackupClient } from '@aws-sdk/client-backup';

/**
 * How long a request may take. The SDK's own timeouts end the wait for a connection and for an
 * answer's headers (with `throwOnRequestTimeout`, or it only logs that the time was exceeded), but
 * not a body that trickles in a byte at a time, nor a request retried again and again: the deadline
 * below ends the whole command — every attempt, its answer and its body — whatever the server does.
 */
export interface Deadlines {
  /** To open the connection (TCP and TLS). */
  connectionMs: number;
  /** From sending one attempt to its answer's headers; the SDK retries a timed-out attempt. */
  answerMs: number;
  /** For the whole command: every attempt and retry, and reading the body of the answer. */
  commandMs: number;
}

export const DEFAULT_DEADLINES: Deadlines = { connectionMs: 5_000, answerMs: 20_000, commandMs: 45_000 };

/** The deadlines for a command that must end within `commandMs` (each part no longer than the whole). */
export function deadlinesWithin(commandMs: number): Deadlines {
  return {
    connectionMs: Math.min(DEFAULT_DEADLINES.connectionMs, commandMs),
    answerMs: Math.min(DEFAULT_DEADLINES.answerMs, commandMs),
    commandMs,
  };
}

/** What a command was waiting for when its time ran out. */
export type Stall = 'connection' | 'answer' | 'body';

/** A command ran out of time: where it was sent, how long it waited, and for what. */
export class CommandDeadlineError extends Error {
  override readonly name = 'CommandDeadlineError';
  constructor(
    /** The endpoint the last attempt went to (scheme, host and port), when one was sent. */
    readonly endpoint: string | undefined,
    readonly waitedMs: number,
    readonly stall: Stall,
  ) {
    super(`No complete answer${endpoint ? ` from ${endpoint}` : ''} within ${waitedMs} ms (${stall}).`);
  }
}

/** An answer that is not AWS Backup's: not JSON, or not the shape the operation's model says. */
export class UnreadableAnswerError extends Error {
  override readonly name = 'UnreadableAnswerError';
  constructor(
    readonly endpoint: string | undefined,
    readonly status: number | undefined,
    readonly contentType: string | undefined,
  ) {
    super(`The answer${endpoint ? ` of ${endpoint}` : ''} (HTTP ${status ?? '?'}) could not be read.`);
  }
}

/**
 * The SDK's error for an answer it could not parse (it keeps the raw answer, hidden, in $response),
 * or for an error answer that named no error ("UnknownError"): neither is AWS Backup speaking.
 */
function unreadable(e: unknown, endpoint: string | undefined): UnreadableAnswerError | undefined {
  if (!(e instanceof Error)) return undefined;
  const x = e as {
    $response?: { statusCode?: number; headers?: Record<string, string | undefined> };
    $metadata?: { httpStatusCode?: number };
  };
  const parse = '$response' in e && /Deserialization error/.test(e.message);
  const nameless = /^Unknown(Error)?$/.test(e.name) && /^(Unknown(Error)?)?$/.test(e.message);
  if (!parse && !nameless) return undefined;
  const type = x.$response?.headers?.['content-type']?.split(';')[0]?.trim();
  return new UnreadableAnswerError(
    endpoint,
    x.$response?.statusCode ?? x.$metadata?.httpStatusCode,
    type || undefined,
  );
}

/** The SDK's own timeouts (connection, answer), and the socket's. */
function isTimeout(e: unknown): e is Error {
  const x = e as { name?: string; code?: string } | undefined;
  return x?.name === 'TimeoutError' || x?.code === 'ETIMEDOUT';
}

/** One command's deadline, shared by its attempts through the middleware context. */
class CommandDeadline {
  readonly expired: Promise<never>;
  endpoint: string | undefined;
  /** Set when an answer's body is being read: a stall then is a trickle. */
  reading = false;
  private readonly started = Date.now();
  private readonly timer: NodeJS.Timeout;
  private readonly onExpire = new Set<() => void>();
  private fired = false;

  constructor(readonly limitMs: number) {
    let reject: (e: Error) => void = () => undefined;
    this.expired = new Promise<never>((_, r) => (reject = r));
    // Nobody may be listening when a command ends in time.
    this.expired.catch(() => undefined);
    this.timer = setTimeout(() => {
      this.fired = true;
      for (const f of this.onExpire) f();
      reject(this.error());
    }, limitMs);
  }

  error(stall: Stall = this.reading ? 'body' : 'answer'): CommandDeadlineError {
    return new CommandDeadlineError(this.endpoint, Math.min(this.limitMs, Date.now() - this.started), stall);
  }

  /** Before each attempt: none starts once the deadline has passed. */
  throwIfPast(): void {
    if (this.fired) throw this.error();
  }

  /** Runs `f` when the deadline passes; returns a function that cancels it. */
  whenPast(f: () => void): () => void {
    this.onExpire.add(f);
    return () => this.onExpire.delete(f);
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.onExpire.clear();
  }
}

const KEY = 'pitrCommandDeadline';

interface RequestLike {
  protocol?: string;
  hostname?: string;
  port?: number;
}

interface BodyLike {
  destroy?(e: Error): void;
  once?(event: 'end' | 'close', f: () => void): void;
  readableEnded?: boolean;
}

function endpointOf(request: unknown): string | undefined {
  const r = request as RequestLike | undefined;
  if (!r?.hostname) return undefined;
  return `${r.protocol ?? 'https:'}//${r.hostname}${r.port ? `:${r.port}` : ''}`;
}

/**
 * Gives every command the client sends a deadline (`commandMs`): the command fails with a
 * CommandDeadlineError once it passes, whether the server never answered, answered so slowly that
 * the retries ran on, or sent headers and then trickled the body. The attempt in flight is let go
 * (the SDK's answer timeout or the client's destroy() closes its socket) and none is started after.
 */
export function addCommandDeadline(client: BackupClient, commandMs: number): void {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const d = new CommandDeadline(commandMs);
      context[KEY] = d;
      try {
        return await Promise.race([next(args), d.expired]);
      } catch (e) {
        // The SDK's timeouts, once its retries are spent: said as this deadline says its own.
        if (isTimeout(e)) throw d.error(/establish a connection/.test(e.message) ? 'connection' : undefined);
        throw unreadable(e, d.endpoint) ?? e;
      } finally {
        d.dispose();
      }
    },
    { step: 'initialize', priority: 'high', name: 'pitrCommandDeadline' },
  );
  // Innermost, once per attempt: it sees the raw answer before the deserializer reads its body.
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const d = context[KEY] as CommandDeadline | undefined;
      if (!d) return next(args);
      d.throwIfPast();
      d.endpoint = endpointOf(args.request) ?? d.endpoint;
      const out = await next(args);
      const body = (out.response as { body?: BodyLike } | undefined)?.body;
      if (body?.destroy && body.once && !body.readableEnded) {
        d.reading = true;
        const cancel = d.whenPast(() => body.destroy?.(d.error('body')));
        const done = (): void => {
          d.reading = false;
          cancel();
        };
        body.once('end', done);
        body.once('close', done);
      }
      return out;
    },
    { step: 'deserialize', priority: 'low', name: 'pitrAttemptDeadline' },
  );
}
