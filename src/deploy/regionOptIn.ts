/**
 * Turning a resource type on for AWS Backup in a Region, without `vscode`: which types can be turned
 * on, the request (the whole map, one type changed), and the confirmation.
 */
import { whereLine, type Confirmation, type Where } from '../ui/confirmation';

/** The types the Region has not opted in, sorted. */
export function notOptedIn(optIn: Readonly<Record<string, boolean>>): string[] {
  return Object.keys(optIn)
    .filter((t) => optIn[t] === false)
    .sort();
}

/**
 * The ResourceTypeOptInPreference to send: every type as it is now, `type` on. Whether the service
 * merges a partial map or replaces the whole one is not documented (NOT FOUND), so the whole one is
 * sent and nothing else can change.
 */
export function optInRequest(
  optIn: Readonly<Record<string, boolean>>,
  type: string,
): Record<string, boolean> {
  return { ...optIn, [type]: true };
}

export function describeOptIn(type: string, region: string, where: Where): Confirmation {
  return {
    message: `Opt in ${type} for AWS Backup in ${region}?`,
    detail: [
      whereLine(where),
      `AWS Backup then protects the ${type} resources of this Region that a backup plan selects by tags or by a service-wide ARN; without it, it does not try to (https://docs.aws.amazon.com/aws-backup/latest/devguide/API_DescribeRegionSettings.html). Resources a plan names by their own ARN are backed up either way.`,
      `Sends UpdateRegionSettings with the Region's current opt-in settings and ${type} turned on; no other type changes. The next scheduled run of each plan that selects ${type} resources backs them up (and is billed).`,
    ].join('\n'),
    action: `Opt In ${type}`,
  };
}
