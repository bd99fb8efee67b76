import type { BackupClient } from '@aws-sdk/client-backup';
import type { Connection } from './connection';

/** An endpoint that is not an http:// or https:// URL, as Node reports a bad URL (./edgeErrors.ts words it). */
export class EndpointUrlError extends TypeError {
  readonly code = 'ERR_INVALID_URL';
  constructor(readonly input: string) {
    super('Invalid URL');
  }
}

function isHttpUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== '';
  } catch {
    return false;
  }
}

/**
 * The endpoint requests would go to, when one is configured and is not an http(s) URL: the
 * connection's (the endpoint setting), else the SDK's own variables (AWS_ENDPOINT_URL_BACKUP, then
 * AWS_ENDPOINT_URL, unless AWS_IGNORE_CONFIGURED_ENDPOINT_URLS is set). Left alone, the SDK fails on
 * these with "TypeError: Invalid URL", "UnknownError", or a lookup of a host that was never meant.
 */
export function badEndpoint(c: Connection, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const configured =
    c.endpoint ??
    (env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS === 'true'
      ? undefined
      : env.AWS_ENDPOINT_URL_BACKUP || env.AWS_ENDPOINT_URL || undefined);
  return configured !== undefined && !isHttpUrl(configured) ? configured : undefined;
}

/** Every command of the client fails at once, before anything is signed or sent, when its endpoint is bad. */
export function refuseBadEndpoint(client: BackupClient, c: Connection): void {
  client.middlewareStack.add(
    (next) => (args) => {
      const bad = badEndpoint(c);
      if (bad !== undefined) throw new EndpointUrlError(bad);
      return next(args);
    },
    { step: 'initialize', priority: 'high', name: 'pitrRefuseBadEndpoint' },
  );
}
