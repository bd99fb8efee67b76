import { strict as assert } from 'node:assert';
import {
  builtInResourceTypes,
  continuousTypes,
  resourceType,
  resourceTypeNames,
  useResourceTypesForTest,
} from '../../../src/backup/resourceTypes';
import { consequencesOf } from '../../../src/lifecycle/consequences';
import { checkRegionOptIn } from '../../../src/lint/liveRegion';
import { parseDocument } from '../../../src/lint/jsonAst';
import { DEFAULT_TARGETS, targetsFrom } from '../../../src/posture/targets';
import { describeRestore, typeOfRecoveryPoint } from '../../../src/restore/startGate';
import { DYNAMODB_FIXTURE } from './resourceTypes/dynamodbRecord';
import { only } from '../lint/helpers';

const TABLE = 'arn:aws:dynamodb:us-east-1:123456789012:table/orders';
const BACKUP = `${TABLE}/backup/01754000000000-abcdef12`;

/** What each feature says of a DynamoDB table and its backup, with the record list as it stands. */
function whatFeaturesSay() {
  const job = JSON.stringify(
    {
      RecoveryPointArn: BACKUP,
      IamRoleArn: 'arn:aws:iam::123456789012:role/r',
      ResourceType: 'DynamoDB',
      Metadata: {},
    },
    null,
    2,
  );
  const selection = parseDocument(
    JSON.stringify({
      SelectionName: 's',
      IamRoleArn: 'arn:aws:iam::123456789012:role/r',
      Resources: ['arn:aws:dynamodb:*'],
    }),
  ).root;
  const targets = targetsFrom(['dynamodb=2h']);
  return {
    /** The lint: JOB002 (not a type AWS Backup restores) and LIVE005 (the Region's opt-in). */
    unknownType: only(job, 'JOB002').map((f) => f.message),
    optIn: checkRegionOptIn({ selection }, { DynamoDB: false, S3: true }, 'us-east-1').map((f) => f.message),
    /** The restore flow's type, as the confirmation before the start names it. */
    restoreType: typeOfRecoveryPoint(BACKUP),
    confirmation: describeRestore(
      { RecoveryPointArn: BACKUP, Metadata: {}, IamRoleArn: 'arn:aws:iam::123456789012:role/r' },
      { connection: 'local emulator · us-east-1' },
    ).detail.split('\n')[0],
    /** The consequences of deleting the backup: the name typed to confirm. */
    typedName: consequencesOf(
      'delete',
      { recoveryPointArn: BACKUP, vaultName: 'Default' },
      { locked: false },
      [],
      [],
      new Date(),
    ).typedName,
    /** The posture: a target for the type, and its default. */
    target: typeof targets === 'string' ? targets : targets.byType,
    continuous: continuousTypes().includes('DynamoDB'),
  };
}

describe('one record per resource type: a type added in one file reaches every feature', () => {
  const without = builtInResourceTypes().filter((t) => t.name !== 'DynamoDB');

  it('without DynamoDB in the list, no feature knows it', () => {
    const restore = useResourceTypesForTest(without);
    try {
      const said = whatFeaturesSay();
      assert.equal(said.unknownType.length, 1);
      assert.match(said.unknownType[0]!, /"DynamoDB" is not a type AWS Backup restores/);
      assert.deepEqual(said.optIn, []);
      assert.equal(said.restoreType, undefined);
      assert.match(said.confirmation!, /\(type unknown\)$/);
      assert.equal(said.typedName, BACKUP);
      assert.match(
        typeof said.target === 'string' ? said.target : '',
        /"dynamodb" is not an AWS Backup resource type/,
      );
    } finally {
      restore();
    }
  });

  it('with the fixture’s record added (and no other file touched), the lint, the restore, the consequences and the posture know it', () => {
    const restore = useResourceTypesForTest([...without, DYNAMODB_FIXTURE]);
    try {
      const said = whatFeaturesSay();
      assert.deepEqual(said.unknownType, []);
      assert.equal(said.optIn.length, 1);
      assert.match(said.optIn[0]!, /arn:aws:dynamodb:\* selects by service.*"DynamoDB" is not opted in/);
      assert.equal(said.restoreType, 'DynamoDB');
      assert.match(said.confirmation!, /\(DynamoDB, from the recovery point\)$/);
      assert.equal(said.typedName, 'orders');
      assert.equal(typeof said.target === 'string' ? said.target : said.target.DynamoDB, 2 * 3_600_000);
      // Truthfully snapshot-only: no continuous backup in AWS Backup, so no default RPO of its own.
      assert.equal(said.continuous, false);
      assert.equal(DEFAULT_TARGETS.byType.DynamoDB, undefined);
      assert.ok(resourceTypeNames().includes('DynamoDB'));
    } finally {
      restore();
    }
  });

  it('a continuous type added the same way gets its lag and its default RPO target', () => {
    const restore = useResourceTypesForTest([
      ...builtInResourceTypes(),
      {
        name: 'Example',
        optInName: 'Example',
        continuous: { restoreLagMinutes: 7 },
        defaultRpoMinutes: 30,
        arn: {},
      },
    ]);
    try {
      assert.ok(continuousTypes().includes('Example'));
      assert.equal(resourceType('Example')?.continuous?.restoreLagMinutes, 7);
      assert.equal(DEFAULT_TARGETS.byType.Example, 30 * 60_000);
    } finally {
      restore();
    }
    assert.equal(resourceType('Example'), undefined);
  });

  it('the built-in list: the continuous types AWS documents, every type once, DynamoDB without continuous backup', () => {
    assert.deepEqual([...continuousTypes()].sort(), ['Aurora', 'RDS', 'S3', 'SAP HANA on Amazon EC2']);
    const names = builtInResourceTypes().map((t) => t.name);
    assert.equal(new Set(names).size, names.length);
    assert.equal(resourceType('DynamoDB')?.continuous, undefined);
    assert.equal(resourceType('S3')?.continuous?.restoreLagMinutes, 15);
    assert.equal(resourceType('RDS')?.copy?.sourceSnapshotDeleted, true);
    assert.equal(resourceType('Aurora')?.copy?.sourceSnapshotDeleted, true);
    assert.equal(resourceType('S3')?.copy?.continuousCopyIs, 'snapshot');
  });
});
