/**
 * A local AWS Backup service: REST-JSON over HTTP on loopback, SigV4-checked, model-validated,
 * with a seeded account and fault injection. Start it in-process with `startEmulator`, or from the
 * command line with `npm run emulator`.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { LOCAL_EMULATOR_CREDENTIALS } from '../backup/emulatorKeys';
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
import { controlError, faultBefore, matches, parseFaults, serverError, type Faults } from './faults';

export { drAccounts, memberAccounts, type EmulatorAccount } from './accounts';
export type { Faults } from './faults';

export const IMPLEMENTED_OPERATIONS = Object.keys(HANDLERS);

/** The largest request body the emulator reads; a larger one is answered 413 and not kept. */
const MAX_BODY_BYTES = 1024 * 1024;

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

/** The public development keys the extension's "Use a Local Emulator…" command signs with. */
export const DEFAULT_CREDENTIALS: Credentials = { ...LOCAL_EMULATOR_CREDENTIALS };

/** A JSON answer, as the service sends one. */
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
/** A service error, as the service's REST-JSON protocol sends it. */
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

/**
 * A request's body read (at most MAX_BODY_BYTES kept), then `handle`d; what it throws is answered as
 * the service answers errors, never left hanging.
 */
function readThen(
  handle: (req: IncomingMessage, res: ServerResponse, body: Buffer) => Promise<void>,
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
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
  };
}

/** What a test may change while the emulator runs. */
interface Live {
  faults: Faults;
  /** How long a new restore job runs. */
  restoreJobDurationMs: number;
}

/** The test control paths (/__emulator/…): faults, the restore job duration, what was received. */
function control(
  r: {
    rawPath: string;
    method: string | undefined;
    url: URL;
    text: string;
    res: ServerResponse;
    now: Date;
  },
  live: Live,
  served: {
    accountId: string;
    region: string;
    accounts: readonly EmulatorAccount[];
    regions: readonly string[];
    states: ReadonlyMap<string, AccountState>;
  },
): void {
  const { accountId, region, accounts, regions, states } = served;
  const json = (): Record<string, unknown> => (r.text.trim() ? parseJsonObject(r.text) : {});
  if (r.rawPath === '/__emulator/faults' && r.method === 'POST') {
    // Parsed whole before anything changes: a bad fault set leaves the old one in force.
    live.faults = parseFaults(r.text.trim() ? parseJsonValue(r.text) : {});
    send(r.res, 200, live.faults);
  } else if (r.rawPath === '/__emulator/config' && r.method === 'POST') {
    const c = json();
    const ms = c.restoreJobDurationMs;
    if (ms !== undefined && (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0))
      throw controlError('"restoreJobDurationMs" must be a number of milliseconds, 0 or more.');
    if (ms !== undefined) live.restoreJobDurationMs = ms;
    send(r.res, 200, { restoreJobDurationMs: live.restoreJobDurationMs });
  } else if (r.rawPath === '/__emulator/restore-testing/run' && r.method === 'POST') {
    // A restore testing plan's scheduled run, now: {"plan": NAME} in the default account and Region.
    const plan = json().plan;
    if (typeof plan !== 'string') throw controlError('"plan" must name a restore testing plan.');
    const state = states.get(`${accountId}|${region}`)!;
    send(r.res, 200, { RestoreJobIds: runRestoreTestingPlan(state, plan, r.now) });
  } else if (r.rawPath === '/__emulator/requests') {
    // ?account=ID&region=R: another account's or Region's (one the emulator serves), as received.
    const id = r.url.searchParams.get('account') ?? accountId;
    const asked = r.url.searchParams.get('region') ?? region;
    if (!accounts.some((a) => a.accountId === id))
      throw controlError(`"account" must be one of the emulator's accounts, not ${JSON.stringify(id)}.`);
    if (!regions.includes(asked))
      throw controlError(
        `"region" must be one the emulator serves (${regions.join(', ')}), not ${JSON.stringify(asked)}.`,
      );
    // Looked up, not created: asking seeds nothing.
    send(r.res, 200, serialize(states.get(`${id}|${asked}`)?.requests ?? []));
  } else send(r.res, 404, { message: 'unknown emulator control path' });
}

/** The accounts served, by key; each account's state in a Region, seeded when first asked for. */
function servedAccounts(
  opts: EmulatorOptions,
  state: AccountState,
  credentials: Credentials[],
  seededAt: Date,
  regions: string[],
) {
  const accountId = state.accountId;
  const region = state.region;
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
  const stateOf = (id: string, r: string = state.region): AccountState => {
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
  return { accounts, allCredentials, accountByKey, states, stateOf, world };
}

/** Requests handled, of one operation or of all. */
function countOf(counts: ReadonlyMap<string, number>, operation?: string): number {
  if (operation) return counts.get(operation) ?? 0;
  let n = 0;
  for (const c of counts.values()) n += c;
  return n;
}

export async function startEmulator(opts: EmulatorOptions = {}): Promise<Emulator> {
  const region = opts.region ?? 'us-east-1';
  const accountId = opts.accountId ?? '123456789012';
  const credentials = opts.credentials ?? [DEFAULT_CREDENTIALS];
  const clock = opts.clock ?? (() => new Date());
  /** How long a new restore job runs; POST /__emulator/config changes it at run time. */
  const live: Live = { restoreJobDurationMs: opts.restoreJobDurationMs ?? 8_000, faults: { ...opts.faults } };
  const regions = [region, ...(opts.regions ?? []).filter((r) => r !== region)];
  const state = new AccountState(accountId, region);
  if (opts.seed !== false) seedAccount(state, { now: clock(), bulkRecoveryPoints: opts.bulkRecoveryPoints });
  const { accounts, allCredentials, accountByKey, states, stateOf, world } = servedAccounts(
    opts,
    state,
    credentials,
    clock(),
    regions,
  );
  const routes = compileRoutes(IMPLEMENTED_OPERATIONS);
  const counts = new Map<string, number>();
  const sockets = new Set<Socket>();

  async function handle(req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const rawPath = (req.url ?? '/').split('?')[0]!;
    const rawQuery = (req.url ?? '').includes('?')
      ? (req.url ?? '').slice((req.url ?? '').indexOf('?') + 1)
      : '';

    // Test control, unsigned, loopback only: faults and what the service received.
    if (rawPath.startsWith('/__emulator/')) {
      control({ rawPath, method: req.method, url, text: body.toString('utf8'), res, now: clock() }, live, {
        accountId,
        region,
        accounts,
        regions,
        states,
      });
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
    if (await faultBefore(live.faults, op, account.accountId, req)) return;

    const input = parseInput(route.op, route.labels, url.searchParams, body.toString('utf8'));
    // "*" is documented for ByAccountId from a management account, though the model's pattern is 12 digits.
    const byAccount = input.ByAccountId as string | undefined;
    if (byAccount === '*') delete input.ByAccountId;
    if (route.op.input) validate(input, route.op.input.shape, '');
    const ctx = { state: caller, now: clock(), restoreJobDurationMs: live.restoreJobDurationMs, world };
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
    if (matches(live.faults.dropAfter, op)) {
      req.socket.destroy();
      return;
    }
    if (matches(live.faults.serverErrorAfter, op)) throw serverError(live.faults.serverErrorAfter?.status);
    send(res, 200, out === undefined ? undefined : serialize(out));
  }

  const server = createServer(readThen(handle));
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
      return live.faults;
    },
    setFaults(f) {
      live.faults = { ...f };
    },
    requestCount: (operation) => countOf(counts, operation),
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
