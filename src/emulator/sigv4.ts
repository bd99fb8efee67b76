/**
 * Verifies AWS Signature Version 4 on a request, as AWS does for service `backup`: the canonical
 * request (method, doubly encoded path, sorted query, signed headers, body hash), the string to sign
 * and the derived key. Errors are the ones AWS sends (403 with these types and messages).
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { ServiceError } from './errors';
import { decodeComponent } from './protocol';

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface SignedRequest {
  method: string;
  /** The raw path as sent (percent-encoding kept). */
  rawPath: string;
  rawQuery: string;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

const MAX_SKEW_MS = 15 * 60 * 1000;

/** RFC 3986 encoding, as SigV4 wants it. */
function encode(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

function hmac(key: Buffer | string, data: string): Buffer {
  return createHmac('sha256', key).update(data).digest();
}

const signatureMismatch = (): ServiceError =>
  new ServiceError(
    'InvalidSignatureException',
    403,
    'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
  );

function header(req: SignedRequest, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v.join(',') : v;
}

/**
 * Throws a ServiceError unless `req` is signed with one of `known` credentials, for `region` and
 * service `backup`, within 15 minutes of `now`. Returns the credentials that signed it.
 */
export function verifySigV4(
  req: SignedRequest,
  known: readonly Credentials[],
  region: string,
  now: Date,
): Credentials {
  const auth = header(req, 'authorization');
  if (!auth)
    throw new ServiceError('MissingAuthenticationTokenException', 403, 'Missing Authentication Token');
  const m =
    /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/.exec(
      auth,
    );
  if (!m)
    throw new ServiceError(
      'IncompleteSignatureException',
      403,
      `Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters. Authorization=${auth.split(' ')[0]}`,
    );
  const [, accessKeyId, date, scopeRegion, service, signedHeaders, signature] = m as unknown as [
    string,
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  const creds = known.find((c) => c.accessKeyId === accessKeyId);
  if (!creds)
    throw new ServiceError(
      'UnrecognizedClientException',
      403,
      'The security token included in the request is invalid.',
    );
  if (service !== 'backup' || scopeRegion !== region)
    throw new ServiceError(
      'InvalidSignatureException',
      403,
      `Credential should be scoped to a valid region and service 'backup', not '${scopeRegion}/${service}'.`,
    );
  const amzDate = header(req, 'x-amz-date');
  if (!amzDate || !/^\d{8}T\d{6}Z$/.test(amzDate) || !amzDate.startsWith(date))
    throw new ServiceError(
      'IncompleteSignatureException',
      403,
      'The request must contain a valid X-Amz-Date header matching the credential scope.',
    );
  const signedAt = Date.UTC(
    +amzDate.slice(0, 4),
    +amzDate.slice(4, 6) - 1,
    +amzDate.slice(6, 8),
    +amzDate.slice(9, 11),
    +amzDate.slice(11, 13),
    +amzDate.slice(13, 15),
  );
  if (Math.abs(now.getTime() - signedAt) > MAX_SKEW_MS) {
    const fmt = (t: number): string => new Date(t).toISOString().replace(/[-:]|\.\d{3}/g, '');
    throw new ServiceError(
      'InvalidSignatureException',
      403,
      `Signature expired: ${amzDate} is now earlier than ${fmt(now.getTime() - MAX_SKEW_MS)} (${fmt(now.getTime())} - 15 min.)`,
    );
  }
  if (creds.sessionToken !== undefined && header(req, 'x-amz-security-token') !== creds.sessionToken)
    throw new ServiceError(
      'UnrecognizedClientException',
      403,
      'The security token included in the request is invalid.',
    );

  const names = signedHeaders.split(';');
  if (!names.includes('host')) throw signatureMismatch();
  const canonicalHeaders = names
    .map((n) => `${n}:${(header(req, n) ?? '').trim().replace(/\s+/g, ' ')}\n`)
    .join('');
  const bodyHash = sha256(req.body);
  const declared = header(req, 'x-amz-content-sha256');
  if (declared && declared !== 'UNSIGNED-PAYLOAD' && declared !== bodyHash) throw signatureMismatch();
  // Non-S3 services sign the path encoded once more, segment by segment.
  const canonicalPath =
    req.rawPath === ''
      ? '/'
      : req.rawPath
          .split('/')
          .map((seg) => encode(seg))
          .join('/');
  const canonicalQuery = req.rawQuery
    .split('&')
    .filter((p) => p.length > 0)
    .map((p) => {
      const i = p.indexOf('=');
      const k = decodeComponent((i < 0 ? p : p.slice(0, i)).replace(/\+/g, '%20'), 'the query string');
      const v = i < 0 ? '' : decodeComponent(p.slice(i + 1).replace(/\+/g, '%20'), 'the query string');
      return [encode(k), encode(v)] as const;
    })
    .sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  const canonicalRequest = [
    req.method,
    canonicalPath,
    canonicalQuery,
    canonicalHeaders,
    signedHeaders,
    declared === 'UNSIGNED-PAYLOAD' ? 'UNSIGNED-PAYLOAD' : bodyHash,
  ].join('\n');
  const scope = `${date}/${scopeRegion}/${service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonicalRequest)].join('\n');
  const key = hmac(
    hmac(hmac(hmac(`AWS4${creds.secretAccessKey}`, date), scopeRegion), service),
    'aws4_request',
  );
  const expected = hmac(key, stringToSign);
  const given = Buffer.from(signature, 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw signatureMismatch();
  return creds;
}
