/**
 * Sentences for what goes wrong at the edge, before AWS Backup's own errors: a server that does not
 * answer in time, an answer that is not AWS Backup's, an endpoint that is not a URL. Each says which
 * endpoint, what happened and what to check, instead of the SDK's internal text ("Deserialization
 * error: … $response", "TypeError: Invalid URL", "@smithy/node-http-handler - [ERROR] …").
 */
import type { Connection } from './connection';
import { CommandDeadlineError, UnreadableAnswerError } from './deadline';

export interface EdgeError {
  kind: 'unreachable' | 'service-error' | 'invalid-request';
  message: string;
  retryable: boolean;
}

/** "45 s", "1.5 s": how long was waited. */
export function seconds(ms: number): string {
  return ms >= 10_000 ? `${Math.round(ms / 1000)} s` : `${Math.round(ms / 100) / 10} s`;
}

/** What to check about the endpoint just named: AWS's own, or one somebody set (an emulator, a proxy). */
function check(endpoint: string | undefined, running = true): string {
  return endpoint && !/\.amazonaws\.com(\.cn)?(:\d+)?$/i.test(endpoint)
    ? `check that it is an AWS Backup endpoint${running ? ' and that it is running' : ''}`
    : 'check your network connection, proxy or VPN, and try again';
}

/** The endpoint a request went to when the error does not say: the setting's, else the SDK's environment. */
function endpointOf(c: Connection, env: NodeJS.ProcessEnv): string | undefined {
  return c.endpoint ?? (env.AWS_ENDPOINT_URL_BACKUP || env.AWS_ENDPOINT_URL || undefined);
}

/** Where a bad endpoint came from, so the sentence says what to fix. */
function endpointSource(c: Connection, env: NodeJS.ProcessEnv): string {
  if (c.endpoint) return 'the endpoint setting (awsBackupPitr.aws.endpoint)';
  if (env.AWS_ENDPOINT_URL_BACKUP) return 'AWS_ENDPOINT_URL_BACKUP';
  if (env.AWS_ENDPOINT_URL) return 'AWS_ENDPOINT_URL';
  return `the endpoint_url of ${c.profile ? `profile ${c.profile}` : 'the default profile'} in the AWS config file`;
}

const shown = (s: string): string => JSON.stringify(s.length > 80 ? `${s.slice(0, 80)}…` : s);

/** One of the edge failures above, in words; undefined for anything else. */
export function edgeError(
  e: unknown,
  operation: string,
  c: Connection,
  env: NodeJS.ProcessEnv = process.env,
): EdgeError | undefined {
  if (e instanceof CommandDeadlineError) {
    const url = e.endpoint ?? endpointOf(c, env);
    const where = url ?? `AWS Backup in ${c.region}`;
    const waited = seconds(e.waitedMs);
    const what =
      e.stall === 'connection'
        ? `Could not connect to ${where} within ${waited}`
        : e.stall === 'body'
          ? `${where} began to answer ${operation} but had not finished after ${waited}`
          : `${where} did not answer ${operation} within ${waited}`;
    return { kind: 'unreachable', message: `${what}: ${check(url)}.`, retryable: true };
  }
  if (e instanceof UnreadableAnswerError) {
    const url = e.endpoint ?? endpointOf(c, env);
    const where = url ?? `AWS Backup in ${c.region}`;
    const got = `HTTP ${e.status ?? '?'}${e.contentType ? `, ${e.contentType}` : ''}`;
    return {
      kind: 'service-error',
      message: `The answer of ${where} to ${operation} could not be read as AWS Backup's (${got}): ${check(url, false)}.`,
      retryable: (e.status ?? 0) >= 500,
    };
  }
  const x = e as { code?: string; input?: unknown } | undefined;
  if (x?.code === 'ERR_INVALID_URL') {
    const given = typeof x.input === 'string' ? ` ${shown(x.input)}` : '';
    return {
      kind: 'invalid-request',
      message: `The AWS Backup endpoint${given} from ${endpointSource(c, env)} is not an http:// or https:// URL: give one such as https://backup.${c.region}.amazonaws.com or http://127.0.0.1:4566.`,
      retryable: false,
    };
  }
  return undefined;
}
