/**
 * The other types AWS Backup backs up (GetSupportedResourceTypes and StartRestoreJobInput.ResourceType
 * in the service model): snapshots only — continuous backup covers S3, RDS, Aurora and SAP HANA on
 * Amazon EC2 (https://docs.aws.amazon.com/aws-backup/latest/devguide/point-in-time-recovery.html).
 * What this project knows of each: the ARN forms of
 * https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html,
 * the recovery-point ID shapes of https://docs.aws.amazon.com/aws-backup/latest/devguide/recovery-points.html,
 * and which service-wide ARN covers their opt-in ("RDS, Aurora, Neptune, and DocumentDB ARNs start with
 * arn:aws:rds:", https://docs.aws.amazon.com/aws-backup/latest/devguide/assigning-resources-json.html).
 */
import type { ResourceTypeRecord } from './record';

const named = (name: string, more: Omit<Partial<ResourceTypeRecord>, 'name'> = {}): ResourceTypeRecord => ({
  name,
  optInName: name,
  arn: {},
  ...more,
});

export const SNAPSHOT_ONLY: readonly ResourceTypeRecord[] = [
  named('CloudFormation'),
  named('DocumentDB', {
    arn: { service: 'rds' },
    copy: { continuousCopyIs: 'snapshot', sourceSnapshotDeleted: false, oneHop: true },
  }),
  named('EBS', {
    arn: {
      service: 'ec2',
      resource: /^arn:[^:]+:ec2:[^:]*:\d*:volume\//,
      recoveryPoint: /^arn:[^:]+:ec2:[^:]*:\d*:snapshot\/snap-/,
    },
    icon: 'save',
  }),
  named('EC2', {
    arn: {
      service: 'ec2',
      resource: /^arn:[^:]+:ec2:[^:]*:\d*:instance\//,
      recoveryPoint: /^arn:[^:]+:ec2:[^:]*:\d*:image\/ami-/,
    },
    icon: 'vm',
  }),
  named('EKS'),
  named('FSx', { arn: { service: 'fsx', resource: /^arn:[^:]+:fsx:/, recoveryPoint: /^arn:[^:]+:fsx:/ } }),
  named('Neptune', {
    arn: { service: 'rds' },
    copy: { continuousCopyIs: 'snapshot', sourceSnapshotDeleted: false, oneHop: true },
  }),
  named('Redshift', {
    arn: { service: 'redshift', resource: /^arn:[^:]+:redshift:/, recoveryPoint: /^arn:[^:]+:redshift:/ },
  }),
  named('Storage Gateway'),
  named('Timestream'),
  named('VirtualMachine'),
];
