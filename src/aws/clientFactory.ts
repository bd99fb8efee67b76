import { BackupClient } from '@aws-sdk/client-backup';
import { fromNodeProviderChain } from '@aws-sdk/credential-providers';
import { connectionKey, type Connection } from './connection';
import { EMULATOR_KEY_PREFIX, LOCAL_EMULATOR_CREDENTIALS } from '../backup/emulatorKeys';
import { addCommandDeadline, DEFAULT_DEADLINES, type Deadlines } from './deadline';
import { refuseBadEndpoint } from './endpointCheck';
import { DEFAULT_PAGING_BOUND, type PagingBound } from './paging';
import { oneLineWarnings } from './sdkWarnings';
import { isLoopbackUrl } from './localEmulator';

export interface ClientOptions {
  /** Attempts per request, first included (the SDK's adaptive retry mode). */
  maxAttempts?: number;
  /** How long a connection, an answer and a whole command may take (./deadline.ts). */
  deadlines?: Deadlines;
  /** How far a listing follows NextToken (./paging.ts). */
  pagingBound?: PagingBound;
  /** Where the SDK's credential warnings go, one line each (else the SDK's own console.warn). */
  warn?: (line: string) => void;
}

type ChainInit = NonNullable<Parameters<typeof fromNodeProviderChain>[0]>;

/**
 * The one place that builds AWS Backup clients: credentials (a named profile — static keys,
 * source_profile role assumption, SSO, credential_process — or the default chain), region, endpoint,
 * adaptive retries and timeouts. Clients are cached per profile, region and endpoint.
 */
export class BackupClientFactory {
  private readonly clients = new Map<string, BackupClient>();

  constructor(private readonly options: ClientOptions = {}) {}

  get(c: Connection): BackupClient {
    const key = connectionKey(c);
    let client = this.clients.get(key);
    if (!client) {
      const deadlines = this.options.deadlines ?? DEFAULT_DEADLINES;
      client = new BackupClient({
        region: c.region,
        // Requests to loopback go to an emulator (the command, the sample account, or an endpoint
        // setting without a profile): they are signed with its public keys, never with credentials
        // found in the environment or the default profile, which would cross plain HTTP to
        // whatever listens there. Only a profile named on purpose beside the endpoint signs.
        credentials:
          c.endpoint && isLoopbackUrl(c.endpoint) && (c.localEmulator || c.profile === undefined)
            ? { ...LOCAL_EMULATOR_CREDENTIALS }
            : c.emulatorKeysOnly
              ? emulatorKeysOf(this.chainInit(c.profile))
              : fromNodeProviderChain(this.chainInit(c.profile)),
        ...(c.profile !== undefined ? { profile: c.profile } : {}),
        ...(c.endpoint ? { endpoint: c.endpoint } : {}),
        retryMode: 'adaptive',
        maxAttempts: this.options.maxAttempts ?? 4,
        requestHandler: {
          connectionTimeout: deadlines.connectionMs,
          requestTimeout: deadlines.answerMs,
          // Without it the SDK only logs that the answer is late, and waits on.
          throwOnRequestTimeout: true,
        },
      });
      addCommandDeadline(client, deadlines.commandMs);
      refuseBadEndpoint(client, c);
      this.clients.set(key, client);
    }
    return client;
  }

  /** How far the listings of its clients' doors follow NextToken. */
  get pagingBound(): PagingBound {
    return this.options.pagingBound ?? DEFAULT_PAGING_BOUND;
  }

  /** The credential chain's options: the profile, and our logger for its warnings. */
  private chainInit(profile: string | undefined): ChainInit {
    const warn = this.options.warn;
    return {
      ...(profile !== undefined ? { profile } : {}),
      ...(warn ? { logger: oneLineWarnings(warn) } : {}),
    };
  }

  /** How many clients are cached (tests check that a changed connection drops the old one). */
  get size(): number {
    return this.clients.size;
  }

  /** Drops every client not for `keep` (a profile, region or endpoint changed). */
  retainOnly(keep: readonly Connection[]): void {
    const keys = new Set(keep.map(connectionKey));
    for (const [k, client] of this.clients) {
      if (!keys.has(k)) {
        client.destroy();
        this.clients.delete(k);
      }
    }
  }

  dispose(): void {
    this.retainOnly([]);
  }
}

/**
 * A profile's credentials, only if they are the local emulator's public keys (its own, or a member
 * account's: AKIAEMULATOR…): real credentials are refused before anything is signed with them.
 */
function emulatorKeysOf(init: ChainInit): ReturnType<typeof fromNodeProviderChain> {
  const chain = fromNodeProviderChain(init);
  const profile = init.profile;
  return async () => {
    const keys = await chain();
    if (!keys.accessKeyId.startsWith(EMULATOR_KEY_PREFIX))
      throw new Error(
        `Profile ${profile ?? '(default)'} was not read: its credentials are not the local emulator's, and are never sent to a local endpoint. Read it without the endpoint, or give the profile the emulator's keys.`,
      );
    return keys;
  };
}
