import { isRegionName } from '../backup/arn';
import { readSetting } from '../ui/settings';
import type { ConnectionRequest } from './connection';

export interface AwsSettings extends ConnectionRequest {
  maxAttempts: number;
  /** More Regions to show beside the connection's own. */
  regions: string[];
}

/**
 * The AWS connection settings. Profile, region and endpoint decide where signed requests go, so
 * they are machine settings, read from the user's own settings only, never from a workspace,
 * trusted or not (src/ui/settingsTable.ts): a cloned repository cannot redirect requests signed
 * with your credentials.
 */
export function readAwsSettings(): AwsSettings {
  const profile = readSetting('aws.profile');
  const region = readSetting('aws.region');
  const endpoint = readSetting('aws.endpoint');
  return {
    ...(profile ? { profile } : {}),
    ...(region ? { region } : {}),
    ...(endpoint ? { endpoint } : {}),
    maxAttempts: readSetting('aws.maxAttempts'),
    regions: readSetting('aws.regions').filter(isRegionName),
  };
}
