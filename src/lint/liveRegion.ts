/**
 * LIVE005: the Region must be ready. AWS Backup protects a resource type in a Region only when the
 * type is opted in there (DescribeRegionSettings' ResourceTypeOptInPreference: "If service opt-in is
 * enabled for a service, AWS Backup tries to protect that service's resources in this Region …
 * Otherwise, AWS Backup does not try to protect that service's resources in this Region",
 * https://docs.aws.amazon.com/aws-backup/latest/devguide/API_DescribeRegionSettings.html).
 *
 * What the opt-in applies to (https://docs.aws.amazon.com/aws-backup/latest/devguide/API_UpdateRegionSettings.html
 * and https://docs.aws.amazon.com/aws-backup/latest/devguide/assigning-resources-json.html): resources
 * picked by tags or conditions only, and service-wide ARNs (`arn:aws:ec2:*`, or `*`). A resource named by a
 * resource-type ARN (`arn:aws:ec2:::instance/*`, or one bucket) is backed up "even if the opt-in is not
 * enabled". So the check names a type only where the opt-in decides: a service-wide ARN or `*`, a
 * selection by tags only, and a continuous rule (for the types continuous backup supports).
 *
 * (The issue asked for LIVE004; that code was already taken by the skipped-resources note, so this is
 * LIVE005.)
 */
import type { Node } from 'jsonc-parser';
import { continuousTypes, optInNamesOfService, resourceType } from '../backup/resourceTypes';
import { booleanValue, elements, stringValue, valueOf } from './jsonAst';
import type { Finding } from './types';

type Raw = Omit<Finding, 'severity'>;

/**
 * The opt-in types a service-wide ARN covers ("RDS, Aurora, Neptune, and DocumentDB ARNs start with
 * arn:aws:rds:", assigning-resources-json.html), from the record per type. A service no record
 * names: not checked.
 */
function optInTypesOfArn(arn: string): readonly string[] | 'all' | undefined {
  if (arn.trim() === '*') return 'all';
  const m = /^arn:[a-z-]+:([a-z0-9-]+):\*$/.exec(arn.trim());
  return m ? optInNamesOfService(m[1]!) : undefined;
}

/** How to turn them on, in words a user can act on. */
function howToOptIn(types: readonly string[]): string {
  return `Turn ${types.length === 1 ? 'it' : 'them'} on with "AWS Backup: Opt In a Resource Type in This Region…", or in the AWS Backup console: Settings → Service opt-in → Configure resources.`;
}

/** LIVE005 findings for a plan (its continuous rules) or a selection, given the Region's opt-in map. */
export function checkRegionOptIn(
  target: { plan?: Node; selection?: Node },
  optIn: Readonly<Record<string, boolean>>,
  region: string,
): Raw[] {
  const off = (types: readonly string[] | 'all'): string[] =>
    (types === 'all' ? Object.keys(optIn) : types).filter((t) => optIn[t] === false).sort();
  const list = (types: string[]): string => types.map((t) => `"${t}"`).join(', ');
  const out: Raw[] = [];
  for (const rule of elements(valueOf(target.plan, 'Rules'))) {
    const flag = valueOf(rule, 'EnableContinuousBackup');
    if (!flag || booleanValue(flag) !== true) continue;
    const types = off(continuousTypes().map((t) => resourceType(t)!.optInName));
    if (types.length)
      out.push({
        code: 'LIVE005',
        message: `${list(types)} ${types.length === 1 ? 'is' : 'are'} not opted in for AWS Backup in ${region}: this continuous rule backs up nothing of ${types.length === 1 ? 'that type' : 'those types'} that a selection picks by tags or by a service-wide ARN ("arn:aws:s3:*", "*"); resources named by their own ARN are backed up regardless. ${howToOptIn(types)}`,
        offset: flag.offset,
        length: flag.length,
      });
  }
  const sel = target.selection;
  if (!sel) return out;
  const resources = elements(valueOf(sel, 'Resources'));
  for (const r of resources) {
    const arn = stringValue(r);
    const covers = arn ? optInTypesOfArn(arn) : undefined;
    const types = covers ? off(covers) : [];
    if (types.length)
      out.push({
        code: 'LIVE005',
        message: `${arn} selects by service, so the Region's opt-in applies, and ${list(types)} ${types.length === 1 ? 'is' : 'are'} not opted in for AWS Backup in ${region}: nothing of ${types.length === 1 ? 'that type' : 'those types'} is backed up through this entry. ${howToOptIn(types)}`,
        offset: r.offset,
        length: r.length,
      });
  }
  // By tags or conditions only: every type the Region has not opted in is left out.
  const byTags = valueOf(sel, 'ListOfTags') ?? valueOf(sel, 'Conditions');
  if (resources.length === 0 && byTags) {
    const types = off('all');
    if (types.length)
      out.push({
        code: 'LIVE005',
        message: `This selection picks resources by tags only, so the Region's opt-in applies, and ${list(types)} ${types.length === 1 ? 'is' : 'are'} not opted in for AWS Backup in ${region}: tagged resources of ${types.length === 1 ? 'that type' : 'those types'} are not backed up. ${howToOptIn(types)}`,
        offset: byTags.offset,
        length: byTags.length,
      });
  }
  return out;
}
