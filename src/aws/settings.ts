import * as vscode from 'vscode';
import { isRegionName } from '../backup/arn';
import type { ConnectionRequest } from './connection';

export interface AwsSettings extends ConnectionRequest {
  maxAttempts: number;
  /** More Regions to show beside the connection's own. */
  regions: string[];
}

/**
 * The AWS connection settings. Profile, region and endpoint decide where signed requests go, so
 * they are read from the user's own settings only (their global value), never from a workspace,
 * trusted or not: a cloned repository cannot redirect requests signed with your credentials.
 */
export function readAwsSettings(): AwsSettings {
  const c = vscode.workspace.getConfiguration('awsBackupPitr.aws');
  const user = (key: string): string | undefined => {
    const v = c.inspect<string>(key)?.globalValue?.trim();
    return v ? v : undefined;
  };
  const profile = user('profile');
  const region = user('region');
  const endpoint = user('endpoint');
  return {
    ...(profile ? { profile } : {}),
    ...(region ? { region } : {}),
    ...(endpoint ? { endpoint } : {}),
    maxAttempts: c.inspect<number>('maxAttempts')?.globalValue ?? 4,
    regions: (c.inspect<string[]>('regions')?.globalValue ?? []).filter(
      (r) => typeof r === 'string' && isRegionName(r),
    ),
  };
}
