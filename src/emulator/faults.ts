/** The faults a test injects into the emulator (POST /__emulator/faults), and how they act. */
import type { IncomingMessage } from 'node:http';
import { ServiceError } from './errors';

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

export const controlError = (message: string): ServiceError =>
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

export function matches(rule: FaultRule | undefined, op: string): boolean {
  if (!rule || rule.count === 0) return false;
  if (rule.operations && !rule.operations.includes(op)) return false;
  if (rule.count > 0) rule.count--;
  return true;
}

export function serverError(status: 500 | 503 = 500): ServiceError {
  return status === 503
    ? new ServiceError('ServiceUnavailableException', 503, 'Service is unavailable. Retry later.')
    : new ServiceError('InternalFailure', 500, 'An internal error occurred.');
}

/** The faults a test set that act before the request is handled; true when the connection was dropped. */
export async function faultBefore(
  faults: Faults,
  op: string,
  accountId: string,
  req: IncomingMessage,
): Promise<boolean> {
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
    return true;
  }
  if (matches(faults.throttle, op)) throw new ServiceError('ThrottlingException', 400, 'Rate exceeded');
  if (matches(faults.serverError, op)) throw serverError(faults.serverError?.status);

  return false;
}
