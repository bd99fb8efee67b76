import { isLoopbackUrl } from './localEmulator';
import { environmentProfile, listProfiles } from './profiles';

/** Which account, region and endpoint requests go to. */
export interface Connection {
  /** A named profile, or undefined for the default credential chain (environment, default profile, …). */
  profile?: string;
  region: string;
  /** An endpoint override (local emulator, compatible service); otherwise the SDK's own resolution. */
  endpoint?: string;
  /** Sign with the local emulator's public development keys (loopback endpoints only). */
  localEmulator?: boolean;
  /** The sample account: the emulator the extension runs inside itself (loopback, this window only). */
  sample?: boolean;
  /**
   * The profile was not named for this endpoint (the posture's extra profiles, read beside a local
   * endpoint): its credentials sign only if they are the emulator's public keys, never real ones.
   */
  emulatorKeysOnly?: boolean;
}

export function connectionKey(c: Connection): string {
  return JSON.stringify([
    c.profile ?? null,
    c.region,
    c.endpoint ?? null,
    c.localEmulator === true,
    c.sample === true,
    c.emulatorKeysOnly === true,
  ]);
}

/** What the connection is, in a word or two: the status bar's and the connection node's label. */
export function connectionLabel(c: Connection): string {
  if (c.sample) return 'Sample account';
  if (c.profile !== undefined) return c.profile;
  if (c.endpoint) return c.localEmulator || isLoopbackUrl(c.endpoint) ? 'Local emulator' : 'Custom endpoint';
  return 'Default credentials';
}

/** Where requests go, in full: logs, tooltips, the restore confirmation. */
export function describeConnection(c: Connection): string {
  if (c.sample) return `Sample account (not AWS: an emulator inside VS Code) · ${c.region}`;
  return `${c.profile ?? 'default credentials'} · ${c.region}${c.endpoint ? ` · ${c.endpoint}` : ''}`;
}

export interface ConnectionRequest {
  profile?: string;
  region?: string;
  endpoint?: string;
  /** Region to use when neither the request, the profile nor the environment names one. */
  fallbackRegion?: string;
}

/**
 * Resolves a connection as the AWS CLI would: the profile asked for, else AWS_PROFILE; the region
 * asked for, else the profile's own, else AWS_REGION / AWS_DEFAULT_REGION, else the fallback.
 */
export async function resolveConnection(
  req: ConnectionRequest,
  env: NodeJS.ProcessEnv = process.env,
): Promise<Connection> {
  const profile = req.profile ?? environmentProfile(env);
  let region = req.region;
  if (!region && profile !== undefined)
    region = (await listProfiles()).find((p) => p.name === profile)?.region;
  if (!region && profile === undefined)
    region = (await listProfiles()).find((p) => p.name === 'default')?.region;
  region ??= env.AWS_REGION || env.AWS_DEFAULT_REGION || req.fallbackRegion || 'us-east-1';
  return {
    ...(profile !== undefined ? { profile } : {}),
    region,
    ...(req.endpoint ? { endpoint: req.endpoint } : {}),
  };
}
