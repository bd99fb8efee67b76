/**
 * The seeded Region's opt-in: S3 is NOT opted in, everything else is, so the Region check (LIVE005)
 * and "Opt In" have something to show. Which types a new account has opted in by default is not
 * documented (NOT FOUND on the AWS pages the project cites): this is the emulator's choice. The keys are
 * the resource type names DescribeRegionSettings returns (as in the service's documentation examples);
 * the types whose names have spaces ("SAP HANA on Amazon EC2", "Storage Gateway") are left out: the
 * service model's key pattern (^[a-zA-Z0-9\-\_\.]{1,50}$), which the emulator enforces, forbids
 * spaces, though the service itself returns and accepts them.
 */
export const SEEDED_OPT_IN: Readonly<Record<string, boolean>> = {
  Aurora: true,
  CloudFormation: true,
  DocumentDB: true,
  DynamoDB: true,
  EBS: true,
  EC2: true,
  EFS: true,
  FSx: true,
  Neptune: true,
  RDS: true,
  Redshift: true,
  S3: false,
  VirtualMachine: true,
};
