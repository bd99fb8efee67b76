import { describeConnection, type Connection } from './connection';
import { edgeError } from './edgeErrors';

export type AccessErrorKind =
  | 'credentials-missing'
  | 'credentials-expired'
  | 'credentials-invalid'
  | 'access-denied'
  | 'vault-not-found'
  | 'not-found'
  | 'throttled'
  | 'invalid-request'
  | 'unreachable'
  | 'service-error'
  | 'cancelled'
  | 'unknown';

/**
 * The one error type the door to AWS throws: what went wrong in words a person can act on, what to
 * do about it (a command to run, where there is one), and whether trying again may help.
 */
export class AwsAccessError extends Error {
  override readonly name = 'AwsAccessError';
  constructor(
    readonly kind: AccessErrorKind,
    message: string,
    readonly operation: string,
    readonly action?: string,
    readonly retryable = false,
    /** The service's error name, when there was one (never credentials or request data). */
    readonly serviceCode?: string,
  ) {
    super(message);
  }
}

interface SdkErrorLike {
  name?: string;
  message?: string;
  code?: string;
  $fault?: 'client' | 'server';
  $metadata?: { httpStatusCode?: number; attempts?: number };
  cause?: unknown;
}

export interface ErrorContext {
  operation: string;
  connection: Connection;
  /** The vault the call was about: AWS answers an unknown vault with AccessDenied. */
  vaultName?: string;
  /** The profile's kind, for the sign-in command. */
  profileKind?: string;
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'ECONNABORTED',
]);

function networkCode(e: unknown): string | undefined {
  for (
    let cur = e as SdkErrorLike | undefined, i = 0;
    cur && i < 5;
    cur = cur.cause as SdkErrorLike | undefined, i++
  ) {
    if (cur.code && NETWORK_CODES.has(cur.code)) return cur.code;
    if (cur.name === 'TimeoutError' || cur.name === 'RequestTimeout') return 'timeout';
  }
  return undefined;
}

function signInCommand(ctx: ErrorContext): string {
  const p = ctx.connection.profile;
  if (ctx.profileKind === 'sso') return `aws sso login${p ? ` --profile ${p}` : ''}`;
  return p ? `aws configure --profile ${p}` : 'aws configure';
}

/** Missing, expired or rejected credentials, as the person can fix them (the sign-in command said). */
function credentialsError(
  name: string,
  msg: string,
  ctx: ErrorContext,
  profile: string,
): AwsAccessError | undefined {
  const op = ctx.operation;
  if (
    name === 'CredentialsProviderError' ||
    /Could not load credentials|Unable to load credentials|Profile .* could not be found/i.test(msg)
  ) {
    if (/expired|refresh/i.test(msg) || ctx.profileKind === 'sso')
      return new AwsAccessError(
        'credentials-expired',
        `The sign-in for ${profile} has expired or is missing: ${msg}`,
        op,
        signInCommand(ctx),
        false,
        name,
      );
    return new AwsAccessError(
      'credentials-missing',
      `No AWS credentials found for ${profile}: ${msg}`,
      op,
      signInCommand(ctx),
      false,
      name,
    );
  }
  if (
    /^(ExpiredToken(Exception)?|RequestExpired|TokenRefreshRequired)$/.test(name) ||
    /token.*expired|expired.*token|session.*expired/i.test(msg)
  )
    return new AwsAccessError(
      'credentials-expired',
      `The credentials for ${profile} have expired (${name}).`,
      op,
      signInCommand(ctx),
      false,
      name,
    );
  if (
    /^(UnrecognizedClientException|InvalidClientTokenId|InvalidSignatureException|SignatureDoesNotMatch|IncompleteSignatureException|MissingAuthenticationTokenException)$/.test(
      name,
    )
  )
    return new AwsAccessError(
      'credentials-invalid',
      `AWS rejected the credentials for ${profile} (${name}: ${msg})`,
      op,
      `Check the keys of ${profile}, e.g. ${signInCommand(ctx)}`,
      false,
      name,
    );
  return undefined;
}

/** Turns anything the SDK or the network throws into an AwsAccessError. */
export function toAccessError(e: unknown, ctx: ErrorContext): AwsAccessError {
  if (e instanceof AwsAccessError) return e;
  const err = (e ?? {}) as SdkErrorLike;
  const name = err.name ?? 'Error';
  const msg = err.message ?? String(e);
  const status = err.$metadata?.httpStatusCode;
  const attempts = err.$metadata?.attempts;
  const where = describeConnection(ctx.connection);
  const op = ctx.operation;
  const profile = ctx.connection.profile ? `profile "${ctx.connection.profile}"` : 'the default credentials';

  if (name === 'AbortError' || name === 'AbortedError' || /aborted/i.test(name))
    return new AwsAccessError('cancelled', `${op} was cancelled.`, op);
  const edge = edgeError(e, op, ctx.connection);
  if (edge) return new AwsAccessError(edge.kind, edge.message, op, undefined, edge.retryable);
  const signIn = credentialsError(name, msg, ctx, profile);
  if (signIn) return signIn;
  if (name === 'AccessDeniedException' || status === 403) {
    if (ctx.vaultName && /Insufficient privileges/i.test(msg))
      return new AwsAccessError(
        'vault-not-found',
        `Backup vault "${ctx.vaultName}" was not found in ${ctx.connection.region}, or you may not read it: AWS Backup answers both with "Insufficient privileges".`,
        op,
        'Check the vault name and region, and that your role allows backup:' + op,
        false,
        name,
      );
    return new AwsAccessError(
      'access-denied',
      `Access denied: ${profile} may not call backup:${op} (${msg})`,
      op,
      `Ask for the IAM permission backup:${op}`,
      false,
      name,
    );
  }
  if (
    /^(ThrottlingException|Throttling|TooManyRequestsException|RequestLimitExceeded|SlowDown)$/.test(name) ||
    status === 429
  )
    return new AwsAccessError(
      'throttled',
      `AWS Backup is throttling requests${attempts ? ` (still after ${attempts} attempts)` : ''}. Wait a minute and try again.`,
      op,
      undefined,
      true,
      name,
    );
  if (name === 'ResourceNotFoundException')
    return new AwsAccessError('not-found', msg, op, undefined, false, name);
  if (
    /^(InvalidParameterValueException|MissingParameterValueException|InvalidRequestException|ValidationException|InvalidResourceStateException|AlreadyExistsException|ConflictException|LimitExceededException)$/.test(
      name,
    )
  )
    return new AwsAccessError(
      'invalid-request',
      `AWS Backup refused ${op}: ${msg}`,
      op,
      undefined,
      false,
      name,
    );
  const net = networkCode(e);
  if (net)
    return new AwsAccessError(
      'unreachable',
      `Could not reach AWS Backup (${where}): ${net === 'timeout' ? 'the request timed out' : net}.`,
      op,
      ctx.connection.endpoint
        ? `Check that the endpoint ${ctx.connection.endpoint} is running`
        : 'Check your network connection',
      true,
    );
  if (err.$fault === 'server' || (status !== undefined && status >= 500))
    return new AwsAccessError(
      'service-error',
      `AWS Backup had a server error${status ? ` (HTTP ${status})` : ''}${attempts ? ` after ${attempts} attempts` : ''}: ${msg}`,
      op,
      'Try again in a moment',
      true,
      name,
    );
  return new AwsAccessError('unknown', `${op} failed: ${name}: ${msg}`, op, undefined, false, name);
}
