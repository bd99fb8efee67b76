/** Live facts the server asks AWS for itself, with the profile and Region the client named. */
import { openBackupApi } from '../aws/backupApi';
import { BackupClientFactory } from '../aws/clientFactory';
import type { Connection } from '../aws/connection';
import { liveFactsFrom } from '../aws/liveFacts';
import { isLoopbackUrl } from '../aws/localEmulator';
import type { LiveFacts } from '../lint/live';

export async function standaloneFacts(
  live: { profile?: string; region: string; endpoint?: string },
  log: (m: string) => void,
): Promise<LiveFacts> {
  // Settings may come from a repository's own editor configuration: an endpoint that could send
  // signed requests elsewhere is refused; a loopback one (a local emulator) is taken.
  const endpoint = typeof live.endpoint === 'string' && live.endpoint ? live.endpoint : undefined;
  // Not falling back to AWS's own endpoint either: whoever named one meant somewhere else.
  if (endpoint && !isLoopbackUrl(endpoint))
    throw new Error(
      `the endpoint ${JSON.stringify(endpoint)} is not loopback (only a local emulator's is taken)`,
    );
  const connection: Connection = {
    ...(typeof live.profile === 'string' && live.profile ? { profile: live.profile } : {}),
    region: live.region,
    ...(endpoint ? { endpoint } : {}),
  };
  // The access layer's default deadlines and paging bound, as the extension's.
  const factory = new BackupClientFactory({ maxAttempts: 3 });
  const api = await openBackupApi(factory, connection);
  log(`live checks on: ${connection.profile ?? 'default credentials'} · ${connection.region}`);
  return liveFactsFrom(api);
}
