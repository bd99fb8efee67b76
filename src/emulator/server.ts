/**
 * A local AWS Backup service: REST-JSON over HTTP on loopback, SigV4-checked, model-validated,
 * with a seeded account and fault injection. Start it in-process with `startEmulator`, or from the
 * command line with `npm run emulator`.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { LOCAL_EMULATOR_CREDENTIALS } from '../aws/localEmulator';
import { ServiceError } from './errors';
import { HANDLERS } from './handlers';
import { compileRoutes, matchRoute, parseInput, serialize, validate } from './protocol';
import { seedAccount } from './seed';
import { verifySigV4, type Credentials } from './sigv4';
import { AccountState } from './state';

export const IMPLEMENTED_OPERATIONS = Object.keys(HANDLERS);

/** Faults to inject. Counts apply to matching requests and go down as they fire; -1 is "always". */
export interface Faults {
  /** Added before every answer. */
  latencyMs?: number;
  throttle?: { count: number; operations?: string[] };
  serverError?: { count: number; status?: 500 | 503; operations?: string[] };
  /** The connection is destroyed without an answer. */
  drop?: { count: number; operations?: string[] };
  /** Every request is answered as if its session token had expired. */
  expiredCredentials?: boolean;
  /** Operations answered with AccessDeniedException. */
  accessDenied?: string[];
}

export interface EmulatorOptions {
  port?: number;
  region?: string;
  accountId?: string;
  credentials?: Credentials[];
  /** "Now" for the account (seeds, jobs, windows); signatures are always checked against the real clock. */
  clock?: () => Date;
  bulkRecoveryPoints?: number;
  restoreJobDurationMs?: number;
  faults?: Faults;
  seed?: boolean;
}

export interface Emulator {
  url: string;
  port: number;
  region: string;
  accountId: string;
  credentials: Credentials;
  state: AccountState;
  faults: Faults;
  setFaults(f: Faults): void;
  /** Requests the service answered, per operation. */
  requestCount(operation?: string): number;
  close(): Promise<void>;
}

/** The port asked for is taken by another program. */
export class PortInUseError extends Error {
  constructor(readonly port: number) {
    super(`port ${port} on 127.0.0.1 is already in use`);
  }
}

/** The public development keys the extension's "Use the Local Emulator" signs with. */
export const DEFAULT_CREDENTIALS: Credentials = { ...LOCAL_EMULATOR_CREDENTIALS };

function matches(rule: { count: number; operations?: string[] } | undefined, op: string): boolean {
  if (!rule || rule.count === 0) return false;
  if (rule.operations && !rule.operations.includes(op)) return false;
  if (rule.count > 0) rule.count--;
  return true;
}

export async function startEmulator(opts: EmulatorOptions = {}): Promise<Emulator> {
  const region = opts.region ?? 'us-east-1';
  const accountId = opts.accountId ?? '123456789012';
  const credentials = opts.credentials ?? [DEFAULT_CREDENTIALS];
  const clock = opts.clock ?? (() => new Date());
  /** How long a new restore job runs; POST /__emulator/config changes it at run time. */
  let restoreJobDurationMs = opts.restoreJobDurationMs ?? 8_000;
  const state = new AccountState(accountId, region);
  if (opts.seed !== false) seedAccount(state, { now: clock(), bulkRecoveryPoints: opts.bulkRecoveryPoints });
  const routes = compileRoutes(IMPLEMENTED_OPERATIONS);
  let faults: Faults = { ...opts.faults };
  const counts = new Map<string, number>();
  const sockets = new Set<Socket>();

  const send = (
    res: ServerResponse,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ): void => {
    const text = body === undefined ? '' : JSON.stringify(body);
    res.writeHead(status, {
      'content-type': 'application/json',
      'x-amzn-requestid': randomUUID(),
      'content-length': Buffer.byteLength(text),
      ...headers,
    });
    res.end(text);
  };
  const sendError = (res: ServerResponse, e: ServiceError): void =>
    send(
      res,
      e.status,
      {
        Code: e.code ?? e.errorType,
        Message: e.message,
        Type: e.status >= 500 ? 'Server' : 'User',
        ...(e.context ? { Context: e.context } : {}),
      },
      { 'x-amzn-errortype': e.errorType },
    );

  async function handle(req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const rawPath = (req.url ?? '/').split('?')[0]!;
    const rawQuery = (req.url ?? '').includes('?')
      ? (req.url ?? '').slice((req.url ?? '').indexOf('?') + 1)
      : '';

    // Test control, unsigned, loopback only: faults and what the service received.
    if (rawPath.startsWith('/__emulator/')) {
      if (rawPath === '/__emulator/faults' && req.method === 'POST') {
        faults = JSON.parse(body.toString() || '{}') as Faults;
        send(res, 200, faults);
      } else if (rawPath === '/__emulator/config' && req.method === 'POST') {
        const c = JSON.parse(body.toString() || '{}') as { restoreJobDurationMs?: number };
        if (typeof c.restoreJobDurationMs === 'number') restoreJobDurationMs = c.restoreJobDurationMs;
        send(res, 200, { restoreJobDurationMs });
      } else if (rawPath === '/__emulator/requests') send(res, 200, serialize(state.requests));
      else send(res, 404, { message: 'unknown emulator control path' });
      return;
    }

    const route = matchRoute(routes, req.method ?? 'GET', rawPath);
    if (!route)
      throw new ServiceError(
        'UnknownOperationException',
        404,
        `No operation matches ${req.method} ${rawPath}.`,
      );
    const op = route.op.name;
    verifySigV4(
      { method: req.method ?? 'GET', rawPath, rawQuery, headers: req.headers, body },
      credentials,
      region,
      new Date(),
    );
    if (faults.latencyMs) await new Promise((r) => setTimeout(r, faults.latencyMs));
    if (faults.expiredCredentials)
      throw new ServiceError(
        'ExpiredTokenException',
        403,
        'The security token included in the request is expired',
      );
    if (faults.accessDenied?.includes(op))
      throw new ServiceError(
        'AccessDeniedException',
        403,
        `User: arn:aws:iam::${accountId}:user/emulator is not authorized to perform: backup:${op} because no identity-based policy allows the backup:${op} action`,
      );
    if (matches(faults.drop, op)) {
      req.socket.destroy();
      return;
    }
    if (matches(faults.throttle, op)) throw new ServiceError('ThrottlingException', 400, 'Rate exceeded');
    if (matches(faults.serverError, op)) {
      const status = faults.serverError?.status ?? 500;
      throw new ServiceError(
        status === 503 ? 'ServiceUnavailableException' : 'InternalFailure',
        status,
        status === 503 ? 'Service is unavailable. Retry later.' : 'An internal error occurred.',
      );
    }

    const input = parseInput(route.op, route.labels, url.searchParams, body.toString('utf8'));
    if (route.op.input) validate(input, route.op.input.shape, '');
    const out = HANDLERS[op]!(input, {
      state,
      now: clock(),
      restoreJobDurationMs,
    });
    state.requests.push({ operation: op, input });
    counts.set(op, (counts.get(op) ?? 0) + 1);
    send(res, 200, out === undefined ? undefined : serialize(out));
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      handle(req, res, Buffer.concat(chunks)).catch((e: unknown) => {
        if (res.headersSent || req.socket.destroyed) return;
        if (e instanceof ServiceError) sendError(res, e);
        else
          sendError(
            res,
            new ServiceError(
              'InternalFailure',
              500,
              `Emulator error: ${e instanceof Error ? e.message : String(e)}`,
            ),
          );
      });
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) =>
      reject(
        e.code === 'EADDRINUSE'
          ? new PortInUseError(opts.port ?? 0)
          : new Error(`cannot listen on 127.0.0.1:${opts.port ?? 0}: ${e.message}`),
      ),
    );
    server.listen(opts.port ?? 0, '127.0.0.1', resolve);
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    region,
    accountId,
    credentials: credentials[0]!,
    state,
    get faults() {
      return faults;
    },
    setFaults(f) {
      faults = { ...f };
    },
    requestCount(operation) {
      if (operation) return counts.get(operation) ?? 0;
      let n = 0;
      for (const c of counts.values()) n += c;
      return n;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
