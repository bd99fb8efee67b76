/**
 * ARNs as AWS defines them, for the linter, the restore flows and the request builder alike. Domain
 * core: no `vscode`, no SDK; of the extension it reads only the record per type.
 *
 * IAM role ARNs (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html and
 * https://docs.aws.amazon.com/IAM/latest/APIReference/API_Role.html):
 * `arn:<partition>:iam::<12-digit account>:role/<path><name>`, where the path is "/" or
 * "/segment/…/" (printable ASCII, at most 512 characters) and the name is 1–64 characters of
 * letters, digits and `+=,.@_-`. IAM is global: a role ARN has no Region.
 */
import { typeOfResourceArn } from './resourceTypes';

/** The AWS partitions (https://docs.aws.amazon.com/whitepapers/latest/aws-fault-isolation-boundaries/partitions.html). */
export const PARTITIONS: readonly string[] = [
  'aws',
  'aws-cn',
  'aws-us-gov',
  'aws-iso',
  'aws-iso-b',
  'aws-iso-e',
  'aws-iso-f',
  'aws-eusc',
];

const PARTITION = PARTITIONS.map((p) => p.replace(/-/g, '\\-')).join('|');

/** An IAM role ARN; groups: 1 partition, 2 account, 3 path (without the leading "/"), 4 name. */
export const IAM_ROLE_ARN = new RegExp(
  `^arn:(${PARTITION}):iam::(\\d{12}):role/((?:[!-.0-~]+/)*)([\\w+=,.@-]{1,64})$`,
);

const MAX_PATH = 512;

/** True for an IAM role ARN, with or without a path, in any partition. */
export function isIamRoleArn(text: string): boolean {
  const m = IAM_ROLE_ARN.exec(text);
  return m !== null && m[3]!.length + 1 <= MAX_PATH;
}

/** What the role ARN should look like, for messages: a pattern, never a value to copy blindly. */
export const IAM_ROLE_ARN_FORM = 'arn:aws:iam::<account-id>:role/<optional-path/><role-name>';

/** Partition, service, Region and account of any ARN (empty strings where the ARN has none). */
export interface ArnParts {
  partition: string;
  service: string;
  region: string;
  accountId: string;
  resource: string;
}

export function parseArn(arn: string | undefined): ArnParts | undefined {
  const m = /^arn:([a-z-]+):([a-z0-9-]+):([a-z0-9-]*):(\d{12}|):(.+)$/.exec(arn ?? '');
  if (!m || !PARTITIONS.includes(m[1]!)) return undefined;
  return { partition: m[1]!, service: m[2]!, region: m[3]!, accountId: m[4]!, resource: m[5]! };
}

/** Account and partition from an ARN that names an account (an EBS snapshot's ARN names none). */
export function accountOf(arn: string | undefined): { accountId: string; partition: string } | undefined {
  const p = parseArn(arn);
  return p?.accountId ? { accountId: p.accountId, partition: p.partition } : undefined;
}

/**
 * The role the AWS Backup console creates for a first backup or restore
 * (https://docs.aws.amazon.com/aws-backup/latest/devguide/iam-service-roles.html). Offered, never
 * assumed: the account may not have it.
 */
export function defaultBackupRoleArn(accountId: string, partition = 'aws'): string {
  return `arn:${partition}:iam::${accountId}:role/service-role/AWSBackupDefaultServiceRole`;
}

/**
 * The AWS Backup resource type of a resource, from its ARN alone (the ARN templates of
 * https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html,
 * the types of GetSupportedResourceTypes). Undefined when the ARN does not decide it: an RDS cluster
 * ARN (`arn:aws:rds:…:cluster:…`) is Aurora's, Neptune's or DocumentDB's alike ("RDS, Aurora, Neptune,
 * and DocumentDB ARNs start with arn:aws:rds:",
 * https://docs.aws.amazon.com/aws-backup/latest/devguide/assigning-resources-json.html), and so is any
 * service not listed here. Where AWS gives the type (ListProtectedResources, a recovery point), use that.
 */
export function resourceTypeOfArn(resourceArn: string): string | undefined {
  return typeOfResourceArn(resourceArn);
}

/**
 * A Region's name as AWS spells them in every partition: a geography of two letters (four for the
 * European Sovereign Cloud's `eusc`), one or more words, and a number: us-east-1, eu-central-2,
 * ap-southeast-5, il-central-1, us-gov-west-1, cn-north-1, us-iso-east-1, us-isob-east-1,
 * eusc-de-east-1 (https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-regions.html).
 * Not an Availability Zone (us-east-1a), nor upper case. The one check for a Region typed by a person:
 * the settings, pitr-posture --region and the emulator's --region.
 */
export function isRegionName(text: string): boolean {
  return /^[a-z]{2,4}(?:-[a-z]+)+-\d{1,2}$/.test(text);
}
