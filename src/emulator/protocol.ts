/**
 * REST-JSON, as the AWS SDK for JavaScript v3 and botocore speak it to AWS Backup, driven by the
 * service model (schemas/aws-backup-model/service-2.json): routes from `http.requestUri` (with or without the
 * trailing slash botocore adds), labels split from the raw path before percent-decoding, query
 * parameters by their lower-camel location names, timestamps in as RFC 3339 or epoch seconds and
 * out as epoch seconds, input validated against the model's constraints.
 */
import { invalid, missing, ServiceError } from './errors';
import { MODEL, shape, type Operation, type Shape, type ShapeRef } from './model';

interface Route {
  op: Operation;
  method: string;
  segments: ({ literal: string } | { label: string })[];
  literals: number;
}

export function compileRoutes(operations: readonly string[]): Route[] {
  return operations
    .map((name) => {
      const op = MODEL.operations[name];
      if (!op) throw new Error(`operation ${name} is not in the model`);
      const path = op.http.requestUri.split('?')[0]!;
      const segments = path
        .split('/')
        .filter((s) => s.length > 0)
        .map((s) => (s.startsWith('{') ? { label: s.slice(1, -1).replace(/\+$/, '') } : { literal: s }));
      return {
        op: { ...op, name },
        method: op.http.method,
        segments,
        literals: segments.filter((s) => 'literal' in s).length,
      };
    })
    .sort((a, b) => b.literals - a.literals);
}

export interface ParsedRequest {
  op: Operation;
  input: Record<string, unknown>;
}

export function matchRoute(
  routes: Route[],
  method: string,
  rawPath: string,
): { op: Operation; labels: Record<string, string> } | undefined {
  const parts = rawPath.split('/').filter((s) => s.length > 0);
  const decoded = parts.map((p) => decodeComponent(p, 'the request path'));
  for (const r of routes) {
    if (r.method !== method || r.segments.length !== parts.length) continue;
    const labels: Record<string, string> = {};
    let ok = true;
    r.segments.forEach((seg, i) => {
      if ('literal' in seg) {
        if (seg.literal !== parts[i]) ok = false;
      } else labels[seg.label] = decoded[i]!;
    });
    if (ok) return { op: r.op, labels };
  }
  return undefined;
}

/** Percent-decodes one path segment or query component; a malformed escape is the caller's 400. */
export function decodeComponent(raw: string, where: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw invalid(`${where} has an invalid percent-encoding: "${raw.slice(0, 200)}".`); // emulator's wording
  }
}

/** Deeper than any AWS Backup shape nests (selection conditions are the deepest, at about six). */
export const MAX_JSON_DEPTH = 64;

const serializationError = (message: string): ServiceError =>
  new ServiceError('SerializationException', 400, message);

/**
 * Parses a JSON request body into an object, as a REST-JSON service does: a body that is not JSON,
 * not an object, nests deeper than MAX_JSON_DEPTH or has a "__proto__" key (which a JavaScript
 * object cannot hold as data) is a SerializationException. The depth is measured before parsing, so
 * a hostile body costs one pass over its text.
 */
export function parseJsonObject(text: string): Record<string, unknown> {
  const parsed = parseJsonValue(text);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw serializationError('The request body is not a JSON object.');
  return parsed as Record<string, unknown>;
}

/** parseJsonObject's checks, for a body that may be any JSON value. */
export function parseJsonValue(text: string): unknown {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > MAX_JSON_DEPTH)
        throw serializationError(`The request body is nested deeper than ${MAX_JSON_DEPTH} levels.`); // emulator's wording
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text, (key, value: unknown) => {
      if (key === '__proto__') throw new ProtoKeyError();
      return value;
    });
  } catch (e) {
    throw serializationError(
      e instanceof ProtoKeyError
        ? 'The request body has a member named "__proto__", which no AWS Backup shape has.' // emulator's wording
        : 'The request body is not valid JSON.',
    );
  }
  return parsed;
}

class ProtoKeyError extends Error {}

/** A shape's member by name: own members only, so "constructor" or "toString" is no member. */
function member(s: Shape, name: string): ShapeRef | undefined {
  return s.members && Object.hasOwn(s.members, name) ? s.members[name] : undefined;
}

function parseTimestamp(raw: string, where: string): Date {
  const d = /^\d+(\.\d+)?$/.test(raw) ? new Date(Number(raw) * 1000) : new Date(raw);
  if (Number.isNaN(d.getTime())) throw invalid(`Invalid timestamp for ${where}: ${raw}`);
  return d;
}

function fromString(raw: string, ref: ShapeRef, where: string): unknown {
  const s = shape(ref.shape);
  switch (s.type) {
    case 'integer':
    case 'long':
      if (!/^-?\d+$/.test(raw)) throw invalid(`Invalid value for ${where}: ${raw} is not an integer`);
      return Number(raw);
    case 'boolean':
      if (raw !== 'true' && raw !== 'false')
        throw invalid(`Invalid value for ${where}: ${raw} is not a boolean`);
      return raw === 'true';
    case 'timestamp':
      return parseTimestamp(raw, where);
    default:
      return raw;
  }
}

/** Builds the operation input from labels, query and body, as the model binds each member. */
export function parseInput(
  op: Operation,
  labels: Record<string, string>,
  query: URLSearchParams,
  body: string,
): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  if (!op.input) return input;
  const s = shape(op.input.shape);
  const json = body.trim().length > 0 ? parseJsonObject(body) : {};
  for (const [name, ref] of Object.entries(s.members ?? {})) {
    const where = ref.locationName ?? name;
    if (ref.location === 'uri') {
      const v = labels[where];
      if (v !== undefined) input[name] = v;
    } else if (ref.location === 'querystring') {
      const v = query.get(where);
      if (v !== null) input[name] = fromString(v, ref, where);
    } else if (ref.location === undefined && Object.hasOwn(json, name)) {
      input[name] = fromJson(json[name], ref, name);
    }
  }
  return input;
}

/** JSON body values: timestamps arrive as epoch seconds (or strings); the rest as they are. */
function fromJson(v: unknown, ref: ShapeRef, where: string): unknown {
  if (v === null) return undefined;
  const s = shape(ref.shape);
  if (s.type === 'timestamp')
    return typeof v === 'number' ? new Date(v * 1000) : typeof v === 'string' ? parseTimestamp(v, where) : v;
  if (s.type === 'structure' && typeof v === 'object' && !Array.isArray(v)) {
    const out: Record<string, unknown> = {};
    for (const [k, val] of Object.entries(v as Record<string, unknown>)) {
      // Members the shape does not have are dropped, as the service ignores them.
      const m = member(s, k);
      if (m) out[k] = fromJson(val, m, k);
    }
    return out;
  }
  if (s.type === 'list' && Array.isArray(v)) return v.map((x, i) => fromJson(x, s.member!, `${where}[${i}]`));
  if (s.type === 'map' && typeof v === 'object' && !Array.isArray(v))
    return Object.fromEntries(
      Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, fromJson(x, s.value!, k)]),
    );
  return v;
}

const lowerFirst = (s: string): string => s[0]!.toLowerCase() + s.slice(1);

/**
 * Validates a value against its shape. AWS-style messages: "1 validation error detected: Value 'x'
 * at 'backupPlan.rules.1.member.ruleName' failed to satisfy constraint: …".
 */
export function validate(value: unknown, shapeName: string, path: string): void {
  const s = shape(shapeName);
  const fail = (constraint: string): never => {
    throw invalid(
      `1 validation error detected: Value '${display(value)}' at '${path}' failed to satisfy constraint: ${constraint}`,
    );
  };
  switch (s.type) {
    case 'structure': {
      if (typeof value !== 'object' || value === null || Array.isArray(value))
        fail('Member must be a structure');
      const obj = value as Record<string, unknown>;
      for (const req of s.required ?? []) {
        if (obj[req] === undefined || obj[req] === null)
          throw missing(
            `1 validation error detected: Value null at '${path ? `${path}.` : ''}${lowerFirst(req)}' failed to satisfy constraint: Member must not be null`,
          );
      }
      for (const [name, ref] of Object.entries(s.members ?? {})) {
        if (obj[name] !== undefined)
          validate(obj[name], ref.shape, path ? `${path}.${lowerFirst(name)}` : lowerFirst(name));
      }
      return;
    }
    case 'list': {
      if (!Array.isArray(value)) fail('Member must be a list');
      const arr = value as unknown[];
      if (s.min !== undefined && arr.length < s.min)
        fail(`Member must have length greater than or equal to ${s.min}`);
      if (s.max !== undefined && arr.length > s.max)
        fail(`Member must have length less than or equal to ${s.max}`);
      arr.forEach((x, i) => validate(x, s.member!.shape, `${path}.${i + 1}.member`));
      return;
    }
    case 'map': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) fail('Member must be a map');
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
        validate(k, s.key!.shape, `${path}.key`);
        validate(v, s.value!.shape, `${path}.${k}`);
      }
      return;
    }
    case 'string':
      if (typeof value !== 'string') fail('Member must be a string');
      if (s.min !== undefined && (value as string).length < s.min)
        fail(`Member must have length greater than or equal to ${s.min}`);
      if (s.max !== undefined && (value as string).length > s.max)
        fail(`Member must have length less than or equal to ${s.max}`);
      if (s.enum && !s.enum.includes(value as string))
        fail(`Member must satisfy enum value set: [${s.enum.join(', ')}]`);
      if (s.pattern && !new RegExp(s.pattern.replace(/\\_/g, '_'), 'u').test(value as string))
        fail(`Member must satisfy regular expression pattern: ${s.pattern}`);
      return;
    case 'integer':
    case 'long':
    case 'double':
    case 'float':
      if (
        typeof value !== 'number' ||
        ((s.type === 'integer' || s.type === 'long') && !Number.isInteger(value))
      )
        fail(`Member must be a number`);
      if (s.min !== undefined && (value as number) < s.min)
        fail(`Member must have value greater than or equal to ${s.min}`);
      if (s.max !== undefined && (value as number) > s.max)
        fail(`Member must have value less than or equal to ${s.max}`);
      return;
    case 'boolean':
      if (typeof value !== 'boolean') fail('Member must be a boolean');
      return;
    case 'timestamp':
      if (!(value instanceof Date)) fail('Member must be a timestamp');
      return;
    default:
      return;
  }
}

function display(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v).slice(0, 100);
}

/** Output as the service writes it: timestamps as epoch seconds, nulls and undefined left out. */
export function serialize(value: unknown): unknown {
  if (value instanceof Date) return value.getTime() / 1000;
  if (Array.isArray(value)) return value.map(serialize);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>))
      if (v !== undefined && v !== null) out[k] = serialize(v);
    return out;
  }
  return value;
}

export type { Shape };
