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
import { runRestoreTestingPlan } from './handlers/restoreTesting';
import { settleCopies } from './handlers/copy';
import type { EmulatorWorld } from './handlers/common';
import {
  compileRoutes,
  matchRoute,
  parseInput,
  parseJsonObject,
  parseJsonValue,
  serialize,
  validate,
} from './protocol';
import { seedAccount } from './seed';
import { seedPostureAccount } from './seedPosture';
import { listAcrossAccounts, type EmulatorAccount } from './accounts';
import { verifySigV4, type Credentials } from './sigv4';
import { AccountState } from './state';

export { drAccounts, memberAccounts, type EmulatorAccount } from './accounts';

export const IMPLEMENTED_OPERATIONS = Object.keys(HANDLERS);

/** Which requests a fault applies to: `count` of them (-1 is "always"), of these operations if given. */
export interface FaultRule {
  count: number;
  operations?: string[];
}

/**
 * Faults to inject. Counts apply to matching requests and go down as they fire. `throttle`,
 * `serverError` and `drop` fire before the request is processed; `dropAfter` and
 * `serverErrorAfter` fire after the service has done what was asked (a job started, a plan
 * created), as when an answer is lost on its way back: only a retry with the same idempotency
 * token then avoids doing it twice.
 */
export interface Faults {
  /** Added before every answer. */
  latencyMs?: number;
  throttle?: FaultRule;
  serverError?: FaultRule & { status?: 500 | 503 };
  /** The connection is destroyed without an answer, before the request is processed. */
  drop?: FaultRule;
  /** The request is processed, then the connection is destroyed without an answer. */
  dropAfter?: FaultRule;
  /** The request is processed, then answered with a server error instead of its result. */
  serverErrorAfter?: FaultRule & { status?: 500 | 503 };
  /** Every request is answered as if its session token had expired. */
  expiredCredentials?: boolean;
  /** Operations answered with AccessDeniedException. */
  accessDenied?: string[];
}

/** The largest request body the emulator reads; a larger one is answered 413 and not kept. */
export const MAX_BODY_BYTES = 1024 * 1024;

const controlError = (message: string): ServiceError =>
  new ServiceError('InvalidRequestException', 400, message);

/** A fault set from POST /__emulator/faults, checked member by member; anything else is a 400. */
export function parseFaults(value: unknown): Faults {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw controlError('The faults must be a JSON object, such as {"throttle":{"count":3}}.');
  const faults: Faults = {};
  const strings = (v: unknown, where: string): string[] => {
    if (!Array.isArray(v) || !v.every((x) => typeof x === 'string'))
      throw controlError(`The fault "${where}" must be a list of operation names.`);
    return v;
  };
  const rule = (v: unknown, where: string, withStatus: boolean): FaultRule & { status?: 500 | 503 } => {
    if (typeof v !== 'object' || v === null || Array.isArray(v))
      throw controlError(`The fault "${where}" must be an object such as {"count":1}.`);
    const r = v as Record<string, unknown>;
    for (const k of Object.keys(r))
      if (!['count', 'operations', ...(withStatus ? ['status'] : [])].includes(k))
        throw controlError(`The fault "${where}" has no member "${k}".`);
    if (typeof r.count !== 'number' || !Number.isInteger(r.count) || r.count < -1)
      throw controlError(`The fault "${where}" needs a whole "count" (-1 for always).`);
    if (r.status !== undefined && r.status !== 500 && r.status !== 503)
      throw controlError(`The fault "${where}" takes a "status" of 500 or 503.`);
    return {
      count: r.count,
      ...(r.operations !== undefined ? { operations: strings(r.operations, `${where}.operations`) } : {}),
      ...(r.status !== undefined ? { status: r.status } : {}),
    };
  };
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    switch (k) {
      case 'latencyMs':
        if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 600_000)
          throw controlError('The fault "latencyMs" must be a number of milliseconds from 0 to 600000.');
        faults.latencyMs = v;
        break;
      case 'throttle':
      case 'drop':
      case 'dropAfter':
        faults[k] = rule(v, k, false);
        break;
      case 'serverError':
      case 'serverErrorAfter':
        faults[k] = rule(v, k, true);
        break;
      case 'expiredCredentials':
        if (typeof v !== 'boolean')
          throw controlError('The fault "expiredCredentials" must be true or false.');
        faults.expiredCredentials = v;
        break;
      case 'accessDenied':
        faults.accessDenied = strings(v, k);
        break;
      default:
        throw controlError(`There is no fault "${k}".`);
    }
  }
  return faults;
}

export interface EmulatorOptions {
  port?: number;
  /** The default Region (the one `state` is of). */
  region?: string;
  /** Every Region served (default: the default one); a request signed for another is refused. */
  regions?: string[];
  accountId?: string;
  credentials?: Credentials[];
  /** More accounts, each with its own key; requests signed with a key act on its account. */
  accounts?: EmulatorAccount[];
  /**
   * The default account is an organisation's management account and the others its members: it may
   * list their jobs with ByAccountId (a member's id, or "*" for all), as AWS Backup's cross-account
   * monitoring does.
   */
  organization?: boolean;
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
  /** The default account in the default Region. */
  state: AccountState;
  /** Every account served: the default first. */
  accounts: readonly { accountId: string; credentials: Credentials }[];
  regions: readonly string[];
  /** An account's state in a Region (seeded on first use). */
  stateOf(accountId: string, region?: string): AccountState;
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

function matches(rule: FaultRule | undefined, op: string): boolean {
  if (!rule || rule.count === 0) return false;
  if (rule.operations && !rule.operations.includes(op)) return false;
  if (rule.count > 0) rule.count--;
  return true;
}

function serverError(status: 500 | 503 = 500): ServiceError {
  return status === 503
    ? new ServiceError('ServiceUnavailableException', 503, 'Service is unavailable. Retry later.')
    : new ServiceError('InternalFailure', 500, 'An internal error occurred.');
}

export async function startEmulator(opts: EmulatorOptions = {}): Promise<Emulator> {
  const region = opts.region ?? 'us-east-1';
  const accountId = opts.accountId ?? '123456789012';
  const credentials = opts.credentials ?? [DEFAULT_CREDENTIALS];
  const clock = opts.clock ?? (() => new Date());
  /** How long a new restore job runs; POST /__emulator/config changes it at run time. */
  let restoreJobDurationMs = opts.restoreJobDurationMs ?? 8_000;
  const regions = [region, ...(opts.regions ?? []).filter((r) => r !== region)];
  const state = new AccountState(accountId, region);
  if (opts.seed !== false) seedAccount(state, { now: clock(), bulkRecoveryPoints: opts.bulkRecoveryPoints });
  const seededAt = clock();
  const accounts: EmulatorAccount[] = [
    {
      accountId,
      credentials: credentials[0]!,
      // The default account elsewhere than its own Region: the posture seed (lighter than the sample's).
      seed: (s, now) => (opts.seed === false ? undefined : seedPostureAccount(s, { now })),
    },
    ...(opts.accounts ?? []),
  ];
  const allCredentials = [...credentials, ...(opts.accounts ?? []).map((a) => a.credentials)];
  const accountByKey = new Map<string, EmulatorAccount>();
  for (const c of credentials) accountByKey.set(c.accessKeyId, accounts[0]!);
  for (const a of opts.accounts ?? []) accountByKey.set(a.credentials.accessKeyId, a);
  const states = new Map<string, AccountState>([[`${accountId}|${region}`, state]]);
  const stateOf = (id: string, r: string = region): AccountState => {
    let s = states.get(`${id}|${r}`);
    if (!s) {
      const account = accounts.find((a) => a.accountId === id);
      if (!account) throw new Error(`the emulator serves no account ${id}`);
      s = new AccountState(id, r);
      account.seed?.(s, seededAt);
      states.set(`${id}|${r}`, s);
    }
    return s;
  };
  const world: EmulatorWorld = {
    regions,
    accountIds: accounts.map((a) => a.accountId),
    organization: opts.organization === true,
    stateOf,
  };
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
      const text = body.toString('utf8');
      const json = (): Record<string, unknown> => (text.trim() ? parseJsonObject(text) : {});
      if (rawPath === '/__emulator/faults' && req.method === 'POST') {
        // Parsed whole before anything changes: a bad fault set leaves the old one in force.
        faults = parseFaults(text.trim() ? parseJsonValue(text) : {});
        send(res, 200, faults);
      } else if (rawPath === '/__emulator/config' && req.method === 'POST') {
        const c = json();
        const ms = c.restoreJobDurationMs;
        if (ms !== undefined && (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0))
          throw controlError('"restoreJobDurationMs" must be a number of milliseconds, 0 or more.');
        if (ms !== undefined) restoreJobDurationMs = ms;
        send(res, 200, { restoreJobDurationMs });
      } else if (rawPath === '/__emulator/restore-testing/run' && req.method === 'POST') {
        // A restore testing plan's scheduled run, now: {"plan": NAME} in the default account and Region.
        const plan = json().plan;
        if (typeof plan !== 'string') throw controlError('"plan" must name a restore testing plan.');
        send(res, 200, { RestoreJobIds: runRestoreTestingPlan(state, plan, clock()) });
      } else if (rawPath === '/__emulator/requests') {
        // ?account=ID&region=R: another account's or Region's (one the emulator serves), as received.
        const id = url.searchParams.get('account') ?? accountId;
        const r = url.searchParams.get('region') ?? region;
        if (!accounts.some((a) => a.accountId === id))
          throw controlError(`"account" must be one of the emulator's accounts, not ${JSON.stringify(id)}.`);
        if (!regions.includes(r))
          throw controlError(
            `"region" must be one the emulator serves (${regions.join(', ')}), not ${JSON.stringify(r)}.`,
          );
        // Looked up, not created: asking seeds nothing.
        send(res, 200, serialize(states.get(`${id}|${r}`)?.requests ?? []));
      } else send(res, 404, { message: 'unknown emulator control path' });
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
    // The Region is the signature's (one endpoint serves them all, as local emulators do); a Region
    // not served is checked against the default one, and so refused as a wrongly scoped signature.
    const scoped = /Credential=[^/]+\/\d{8}\/([^/]+)\//.exec(String(req.headers.authorization ?? ''))?.[1];
    const signedRegion = scoped && regions.includes(scoped) ? scoped : region;
    const signer = verifySigV4(
      { method: req.method ?? 'GET', rawPath, rawQuery, headers: req.headers, body },
      allCredentials,
      signedRegion,
      new Date(),
    );
    const account = accountByKey.get(signer.accessKeyId)!;
    const caller = stateOf(account.accountId, signedRegion);
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
        `User: arn:aws:iam::${account.accountId}:user/emulator is not authorized to perform: backup:${op} because no identity-based policy allows the backup:${op} action`,
      );
    if (matches(faults.drop, op)) {
      req.socket.destroy();
      return;
    }
    if (matches(faults.throttle, op)) throw new ServiceError('ThrottlingException', 400, 'Rate exceeded');
    if (matches(faults.serverError, op)) throw serverError(faults.serverError?.status);

    const input = parseInput(route.op, route.labels, url.searchParams, body.toString('utf8'));
    // "*" is documented for ByAccountId from a management account, though the model's pattern is 12 digits.
    const byAccount = input.ByAccountId as string | undefined;
    if (byAccount === '*') delete input.ByAccountId;
    if (route.op.input) validate(input, route.op.input.shape, '');
    const ctx = { state: caller, now: clock(), restoreJobDurationMs, world };
    settleCopies(world, ctx.now);
    const out =
      byAccount !== undefined && byAccount !== account.accountId
        ? listAcrossAccounts(op, input, {
            target: byAccount,
            callerId: account.accountId,
            managementId: opts.organization ? accountId : undefined,
            accountIds: accounts.map((a) => a.accountId),
            stateOf: (id) => stateOf(id, signedRegion),
            ctx,
          })
        : HANDLERS[op]!(input, ctx);
    caller.requests.push({ operation: op, input });
    counts.set(op, (counts.get(op) ?? 0) + 1);
    // Done, and the answer is lost: the caller cannot tell this from a request that never arrived.
    if (matches(faults.dropAfter, op)) {
      req.socket.destroy();
      return;
    }
    if (matches(faults.serverErrorAfter, op)) throw serverError(faults.serverErrorAfter?.status);
    send(res, 200, out === undefined ? undefined : serialize(out));
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const declared = Number(req.headers['content-length'] ?? 0);
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY_BYTES) chunks.push(c);
      // Read on (and dropped) so the client gets its 413; a body that goes on far past the limit
      // is cut off.
      else if (size > 8 * MAX_BODY_BYTES) req.socket.destroy();
    });
    req.on('end', () => {
      const work =
        size > MAX_BODY_BYTES || declared > MAX_BODY_BYTES
          ? Promise.reject(
              new ServiceError(
                'RequestEntityTooLargeException',
                413,
                `The request body is larger than ${MAX_BODY_BYTES} bytes.`, // emulator's wording
              ),
            )
          : handle(req, res, Buffer.concat(chunks));
      work.catch((e: unknown) => {
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
    accounts: accounts.map((a) => ({ accountId: a.accountId, credentials: a.credentials })),
    regions,
    stateOf,
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
