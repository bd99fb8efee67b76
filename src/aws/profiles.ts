import { loadSharedConfigFiles } from '@smithy/core/config';

/** How a profile gets its credentials, as far as the shared files say. */
type ProfileKind = 'static' | 'assume-role' | 'sso' | 'process' | 'web-identity' | 'other';

export interface ProfileInfo {
  name: string;
  kind: ProfileKind;
  /** The profile's own region, if its config says one. */
  region?: string;
  /** The profile's own `endpoint_url` (config file), if any. */
  endpointUrl?: string;
}

/**
 * Profiles from the shared config and credentials files (AWS_CONFIG_FILE and
 * AWS_SHARED_CREDENTIALS_FILE are honoured by the loader), merged by name. Nothing secret leaves
 * here: only names, kinds, regions and endpoints.
 */
export async function listProfiles(): Promise<ProfileInfo[]> {
  const { configFile, credentialsFile } = await loadSharedConfigFiles({ ignoreCache: true });
  const names = new Set([...Object.keys(configFile), ...Object.keys(credentialsFile)]);
  const out: ProfileInfo[] = [];
  for (const name of [...names].sort()) {
    const c: Record<string, string | undefined> = { ...credentialsFile[name], ...configFile[name] };
    const kind: ProfileKind =
      c.sso_session || c.sso_start_url
        ? 'sso'
        : c.role_arn && c.web_identity_token_file
          ? 'web-identity'
          : c.role_arn
            ? 'assume-role'
            : c.credential_process
              ? 'process'
              : c.aws_access_key_id
                ? 'static'
                : 'other';
    out.push({
      name,
      kind,
      ...(c.region ? { region: c.region } : {}),
      ...(c.endpoint_url ? { endpointUrl: c.endpoint_url } : {}),
    });
  }
  return out;
}

/** The profile a user already chose in their environment (AWS_PROFILE), else "default". */
export function environmentProfile(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env.AWS_PROFILE || env.AWS_DEFAULT_PROFILE || undefined;
}
