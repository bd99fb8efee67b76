import type { Node } from 'jsonc-parser';
import type { RuleContext } from './context';
import { changeTo } from './fixes';
import { properties, stringValue, valueOf } from './jsonAst';
import { resourceTypeNames } from '../backup/resourceTypes';
import { resourceTypeFromKeys } from './metadataKeys';
import { didYouMean } from './suggest';

/**
 * Recovery point ARNs (https://docs.aws.amazon.com/aws-backup/latest/devguide/recovery-points.html).
 * Fully managed types (S3, Aurora's continuous
 * points, EFS, …) have `arn:…:backup:…:recovery-point:ID`; the others are the resource's own
 * snapshot or backup ARN (EBS snapshot, AMI, RDS snapshot, DynamoDB backup, FSx backup, …).
 */
const RECOVERY_POINT_ARNS: RegExp[] = [
  /^arn:aws(-[a-z]+)*:backup:[a-z0-9-]+:\d{12}:recovery-point:[^\s]+$/,
  /^arn:aws(-[a-z]+)*:ec2:[a-z0-9-]+:\d{0,12}:(snapshot\/snap-|image\/ami-)[0-9a-f]+$/,
  /^arn:aws(-[a-z]+)*:rds:[a-z0-9-]+:\d{12}:(snapshot|cluster-snapshot):[^\s]+$/,
  /^arn:aws(-[a-z]+)*:dynamodb:[a-z0-9-]+:\d{12}:table\/[^/\s]+\/backup\/[^\s]+$/,
  /^arn:aws(-[a-z]+)*:fsx:[a-z0-9-]+:\d{12}:backup\/[^\s]+$/,
  /^arn:aws(-[a-z]+)*:redshift:[a-z0-9-]+:\d{12}:snapshot:[^\s]+$/,
  /^arn:aws(-[a-z]+)*:timestream:[a-z0-9-]+:\d{12}:[^\s]+$/,
];

export function isRecoveryPointArn(arn: string): boolean {
  return RECOVERY_POINT_ARNS.some((re) => re.test(arn));
}

function arnMistake(arn: string): string {
  if (!arn.startsWith('arn:')) return 'it is not an ARN';
  if (/:backup:[^:]*:\d*:backup-vault:/.test(arn))
    return 'it is a backup vault ARN; use the ARN of a recovery point in the vault';
  if (
    /^arn:[^:]+:s3:::/.test(arn) ||
    /:rds:[^:]*:\d*:(db|cluster):/.test(arn) ||
    /:dynamodb:[^:]*:\d*:table\/[^/]+$/.test(arn)
  )
    return 'it is the ARN of the backed-up resource; use the ARN of one of its recovery points ("aws backup list-recovery-points-by-resource")';
  return 'it does not have the form "arn:aws:backup:<region>:<account>:recovery-point:<id>" or a snapshot ARN';
}

export function lintJob(root: Node | undefined, ctx: RuleContext): void {
  if (root?.type !== 'object') return;
  const rp = valueOf(root, 'RecoveryPointArn');
  const rpArn = stringValue(rp);
  if (rp && rpArn !== undefined && !isRecoveryPointArn(rpArn))
    ctx.report(
      'JOB001',
      rp,
      `RecoveryPointArn "${rpArn}" is not a recovery point ARN: ${arnMistake(rpArn)}.`,
    );

  const rt = valueOf(root, 'ResourceType');
  const declared = stringValue(rt);
  if (!rt || declared === undefined) return;
  const names = resourceTypeNames();
  if (!names.includes(declared)) {
    const suggestion = didYouMean(declared, names);
    ctx.report(
      'JOB002',
      rt,
      `ResourceType "${declared}" is not a type AWS Backup restores.${suggestion ? ` Did you mean "${suggestion}"?` : ` Use one of: ${names.join(', ')}.`}`,
      changeTo(rt, suggestion),
    );
    return;
  }
  const inferred = resourceTypeFromKeys(properties(valueOf(root, 'Metadata')).map((p) => p.name));
  if (inferred && inferred !== declared) {
    ctx.report(
      'JOB002',
      rt,
      `ResourceType is "${declared}" but the Metadata keys are those of a ${inferred} restore. Make them agree.`,
    );
  }
}
