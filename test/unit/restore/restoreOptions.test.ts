import { strict as assert } from 'node:assert';
import { collect, openBackupApi, type BackupApi } from '../../../src/aws/backupApi';
import { BackupClientFactory } from '../../../src/aws/clientFactory';
import { startEmulator, type Emulator } from '../../../src/emulator/server';
import type { PointSummary } from '../../../src/backup/recoveryPoint';
import { changesFor, changesStillIn } from '../../../src/restore/options/changes';
import { AURORA_SETTINGS, RDS_SETTINGS } from '../../../src/restore/options/dbSettings';
import { kmsKeyProblem, readItems, s3OptionWords } from '../../../src/restore/options/s3Checks';
import { cliEquivalent } from '../../../src/restore/restoreRequest';
import { describeRestore } from '../../../src/restore/startGate';
import { BACK, runRestoreWizard } from '../../../src/restore/wizard';
import { ScriptedUi, by } from './scriptedUi';

const KEY = 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const INVOICES = 's3://orders-bucket/invoices/';
const REPORTS = 's3://orders-bucket/reports/2025/';

describe('restore options: S3 items, encryption and ACLs; RDS and Aurora settings (issue 16)', function () {
  this.timeout(30_000);
  let emu: Emulator;
  let factory: BackupClientFactory;
  let api: BackupApi;
  before(async () => {
    emu = await startEmulator({ bulkRecoveryPoints: 0, restoreJobDurationMs: 0 });
    factory = new BackupClientFactory({ maxAttempts: 1 });
    api = await openBackupApi(factory, { region: 'us-east-1', endpoint: emu.url, localEmulator: true });
  });
  after(async () => {
    factory.dispose();
    await emu.close();
  });
  async function point(name: string): Promise<PointSummary> {
    const all = await collect(api.listRecoveryPoints('prod-pitr'));
    const p = all.find((x) => x.ResourceName === name && x.RecoveryPointArn?.includes(':continuous:'));
    assert.ok(p, `${name} not seeded`);
    return p;
  }
  const start = async (name: string) => ({ api, vault: 'prod-pitr', point: await point(name) });

  it('S3: two prefixes with SSE-KMS, checked as typed, end in exactly that metadata and an item-level restore', async () => {
    const ui = new ScriptedUi([
      { pick: /point in time/, choose: by(/Latest restorable time/) },
      { pick: /which bucket/, choose: by(/new bucket/) },
      { input: /new bucket name/, type: ['orders-invoices-back'] },
      { pick: /What to restore from orders-bucket/, active: 'bucket', choose: by(/Up to five/) },
      {
        input: /Up to five S3 URIs in orders-bucket/,
        type: [
          '',
          'orders-bucket/invoices/',
          's3://other-bucket/invoices/',
          's3://orders-bucket/',
          `${INVOICES} ${INVOICES}`,
          Array.from({ length: 6 }, (_, i) => `s3://orders-bucket/p${i}/`).join(' '),
          '["s3://orders-bucket/a/",',
          `${INVOICES}, ${REPORTS}`,
        ],
        expectChecks: [
          { severity: 'error', message: 'Type up to 5 S3 URIs' },
          { severity: 'error', message: 'is not an S3 URI' },
          { severity: 'error', message: 'must be in the backed-up bucket "orders-bucket"' },
          { severity: 'error', message: 'names the whole bucket' },
          { severity: 'error', message: 'listed twice' },
          { severity: 'error', message: '6 items: an item-level restore takes at most 5' },
          { severity: 'error', message: 'not a JSON array' },
          {
            severity: 'info',
            message:
              'Restores 2 items of orders-bucket: the prefix invoices/ \\(everything under it\\), the prefix reports/2025/',
          },
        ],
      },
      { pick: /Encrypt/, active: 'SSE-S3', choose: by(/^SSE-KMS/) },
      {
        input: /KMS key for SSE-KMS.*us-east-1/,
        type: [
          '',
          '1234abcd-12ab-34cd-56ef-1234567890ab',
          KEY.replace('us-east-1', 'eu-west-1'),
          'arn:aws:kms:us-east-1:123456789012:key/not-a-key',
          'alias/orders-restore',
          KEY,
        ],
        expectChecks: [
          { severity: 'error', message: 'Type the KMS key ARN or alias' },
          { severity: 'error', message: 'is a key ID: write its ARN' },
          { severity: 'error', message: 'The key is in eu-west-1, the restore runs in us-east-1' },
          { severity: 'error', message: 'does not end in key/<key id>' },
          undefined,
          undefined,
        ],
      },
      {
        pick: /ACLs/,
        active: 'false',
        choose: (items) => {
          const restore = by(/Restore the ACLs/)(items);
          assert.match(restore.detail ?? '', /only into a bucket with ACLs enabled/);
          assert.match(by(/Do not restore/)(items).detail ?? '', /recommends leaving ACLs disabled/);
          return restore;
        },
      },
      { pick: /IAM role/, choose: by(/AWSBackupDefaultServiceRole/) },
    ]);
    const r = await runRestoreWizard(ui, { apis: [api], start: await start('orders-bucket') });
    assert.ok(ui.done && r);
    const m = r.document.Metadata;
    assert.deepEqual(JSON.parse(m.ItemsToRestore ?? ''), [INVOICES, REPORTS]);
    assert.equal(m.ItemsToRestore, JSON.stringify([INVOICES, REPORTS]), 'a JSON array as a string');
    assert.equal(m.EncryptionType, 'SSE-KMS');
    assert.equal(m.KMSKey, KEY);
    assert.equal(m.RestoreACLs, 'true');
    // What was not changed is exactly as the service returned it.
    assert.equal(m.Encrypted, 'true');
    assert.deepEqual(
      r.changes.map((c) => [c.key, c.from, c.to]),
      [
        ['ItemsToRestore', undefined, m.ItemsToRestore],
        ['EncryptionType', 'SSE-S3', 'SSE-KMS'],
        ['KMSKey', undefined, KEY],
        ['RestoreACLs', 'false', 'true'],
      ],
    );
    assert.deepEqual(changesFor(r.document.IdempotencyToken), r.changes, 'the review can mark them');
    const review = JSON.stringify(r.document, null, 2);
    assert.deepEqual(changesStillIn(review, r.changes), r.changes);
    // A value edited in the review since is the document's own: no longer marked; nothing while not JSON.
    const edited = JSON.stringify({ ...r.document, Metadata: { ...m, RestoreACLs: 'false' } });
    assert.deepEqual(
      changesStillIn(edited, r.changes).map((c) => c.key),
      ['ItemsToRestore', 'EncryptionType', 'KMSKey'],
    );
    assert.deepEqual(changesStillIn(review.slice(0, -3), r.changes), []);

    // The CLI equivalent carries exactly the same metadata.
    const metadataArg = /--metadata '([^']*)'/.exec(cliEquivalent(r.document))?.[1];
    assert.deepEqual(JSON.parse(metadataArg ?? ''), m);

    // The confirmation says the items, the encryption and the ACL choice in words.
    const c = describeRestore(r.document, { connection: 'local emulator · us-east-1' });
    assert.match(
      c.detail,
      /What is restored: only 2 items: "s3:\/\/orders-bucket\/invoices\/" \(a prefix: everything under it\), "s3:\/\/orders-bucket\/reports\/2025\/"/,
    );
    assert.match(c.detail, new RegExp(`Encryption: SSE-KMS with the KMS key "${KEY}"`));
    assert.match(c.detail, /ACLs: restored \(only into a bucket with ACLs enabled/);

    // The emulator takes exactly that metadata and restores only those items.
    const id = await api.startRestoreJob(r.document);
    const sent = emu.state.requests.filter((q) => q.operation === 'StartRestoreJob').pop();
    assert.deepEqual(sent?.input.Metadata, m);
    const job = emu.state.restoreJobs.get(id);
    assert.equal((await api.describeRestoreJob(id)).Status, 'COMPLETED');
    assert.deepEqual(job?.outcome.status === 'COMPLETED' && job.outcome.restoredItems, [INVOICES, REPORTS]);
  });

  it('S3: Back keeps every answer; SSE-S3 after SSE-KMS drops the key; the whole bucket drops the items', async () => {
    const ui = new ScriptedUi([
      { pick: /point in time/, choose: by(/Latest restorable time/) },
      { pick: /which bucket/, choose: by(/source bucket/) },
      { pick: /What to restore/, choose: by(/Up to five/) },
      { input: /Up to five/, type: [INVOICES] },
      { pick: /Encrypt/, choose: by(/^SSE-KMS/) },
      { input: /KMS key/, type: ['alias/orders-restore'] },
      { pick: /ACLs/, choose: () => BACK },
      { input: /KMS key/, opensWith: 'alias/orders-restore', type: [], back: true },
      { pick: /Encrypt/, active: 'SSE-KMS', choose: () => BACK },
      { input: /Up to five/, opensWith: INVOICES, type: [], back: true },
      { pick: /What to restore/, active: 'items', choose: by(/whole bucket/) },
      { pick: /Encrypt/, active: 'SSE-KMS', choose: by(/^SSE-S3/) },
      { pick: /ACLs/, choose: by(/Do not restore/) },
      { pick: /IAM role/, choose: by(/AWSBackupDefaultServiceRole/) },
    ]);
    const r = await runRestoreWizard(ui, { apis: [api], start: await start('orders-bucket') });
    assert.ok(ui.done && r);
    assert.equal(r.document.Metadata.ItemsToRestore, undefined);
    assert.equal(r.document.Metadata.KMSKey, undefined);
    assert.equal(r.document.Metadata.EncryptionType, 'SSE-S3');
    assert.deepEqual(r.changes, []);
    assert.match(
      describeRestore(r.document, { connection: 'x' }).detail,
      /What is restored: the whole bucket\nEncryption: SSE-S3, keys managed by Amazon S3\nACLs: not restored/,
    );
  });

  it('RDS: "Adjust settings…" changes the instance class and keeps Multi-AZ off exactly as returned', async () => {
    const ui = new ScriptedUi([
      { pick: /point in time/, choose: by(/Latest restorable time/) },
      { input: /new DB instance identifier/, type: ['orders-db-r6g-xl'] },
      {
        pick: /Adjust settings/,
        active: '',
        choose: (items) => {
          assert.deepEqual(
            items.map((i) => i.label),
            [
              'Continue with these settings',
              'DB instance class',
              'Storage type',
              'Multi-AZ standby',
              'DB subnet group',
              'VPC security groups',
              'Port',
              'Public access',
              'Deletion protection',
              'Copy tags to snapshots',
            ],
          );
          assert.equal(by(/^DB instance class/)(items).description, 'db.r6g.large');
          assert.equal(by(/^VPC security/)(items).description, 'sg-0a1b2c3d4e5f60718');
          assert.equal(by(/^Public access/)(items).description, 'not set · the service decides');
          return by(/^DB instance class/)(items);
        },
      },
      {
        input: /DB instance class/,
        opensWith: 'db.r6g.large',
        type: ['r6g.xlarge', 'db.R6G.xlarge', 'db.r6g.xlarge'],
        expectChecks: [
          { severity: 'error', message: 'is not a DB instance class' },
          { severity: 'error', message: 'is not a DB instance class' },
          undefined,
        ],
      },
      {
        pick: /Adjust settings/,
        active: 'DBInstanceClass',
        choose: (items) => {
          assert.equal(
            by(/^DB instance class/)(items).description,
            'db.r6g.xlarge · changed (was db.r6g.large)',
          );
          return by(/^Multi-AZ/)(items);
        },
      },
      { pick: /Multi-AZ standby/, active: 'false', choose: by(/^Create a standby instance/) },
      { pick: /Adjust settings/, choose: by(/^Multi-AZ/) },
      { pick: /Multi-AZ standby/, active: 'true', choose: by(/^Do not create a standby instance/) },
      {
        pick: /Adjust settings/,
        choose: (items) => {
          assert.equal(by(/^Multi-AZ/)(items).description, 'Do not create a standby instance');
          return by(/^Port/)(items);
        },
      },
      {
        input: /port/,
        opensWith: '5432',
        type: ['80', 'abc', '70000', '5433'],
        expectChecks: [
          { severity: 'error', message: 'outside 1150–65535' },
          { severity: 'error', message: 'not a port number' },
          { severity: 'error', message: 'outside 1150–65535' },
          undefined,
        ],
        back: true,
      },
      { pick: /Adjust settings/, active: 'Port', choose: by(/^VPC security/) },
      {
        input: /Security group IDs/,
        opensWith: 'sg-0a1b2c3d4e5f60718',
        type: ['sg-xyz', 'sg-0a1b2c3d4e5f60718 sg-0a1b2c3d4e5f60718', 'sg-0a1b2c3d4e5f60718 sg-12345678'],
        expectChecks: [
          { severity: 'error', message: 'is not a security group ID' },
          { severity: 'error', message: 'listed twice' },
          undefined,
        ],
      },
      { pick: /Adjust settings/, choose: by(/^Continue/) },
      { pick: /IAM role/, choose: () => BACK },
      {
        pick: /Adjust settings/,
        choose: (items) => {
          assert.equal(by(/^Continue/)(items).description, '2 changed', 'Back keeps the settings');
          return by(/^Continue/)(items);
        },
      },
      { pick: /IAM role/, choose: by(/AWSBackupDefaultServiceRole/) },
    ]);
    const r = await runRestoreWizard(ui, { apis: [api], start: await start('orders-db') });
    assert.ok(ui.done && r);
    const m = r.document.Metadata;
    assert.equal(m.DBInstanceClass, 'db.r6g.xlarge');
    assert.equal(m.MultiAZ, 'false');
    assert.equal(m.VpcSecurityGroupIds, '["sg-0a1b2c3d4e5f60718","sg-12345678"]');
    assert.equal(m.Port, '5432', 'Back from the port input changed nothing');
    assert.equal(m.StorageType, 'gp3');
    assert.equal(m.PubliclyAccessible, undefined);
    assert.deepEqual(
      r.changes.map((c) => c.key),
      ['DBInstanceClass', 'VpcSecurityGroupIds'],
    );
    await api.startRestoreJob(r.document);
    const sent = emu.state.requests.filter((q) => q.operation === 'StartRestoreJob').pop();
    assert.deepEqual(sent?.input.Metadata, m);
  });

  it("Aurora: the cluster's settings, in the metadata's own spelling, and the note on instances", async () => {
    const ui = new ScriptedUi([
      { pick: /point in time/, choose: by(/Latest restorable time/) },
      { input: /new Aurora DB cluster identifier/, type: ['analytics-restored'] },
      {
        pick: /Adjust settings.*DB cluster/,
        choose: (items) => {
          assert.deepEqual(
            items.map((i) => i.label),
            [
              'Continue with these settings',
              'DB subnet group',
              'VPC security groups',
              'Port',
              'Copy tags to snapshots',
            ],
          );
          assert.match(
            items[0]!.detail ?? '',
            /creates the cluster only: instance class, Multi-AZ and public access/,
          );
          return by(/^DB subnet group/)(items);
        },
      },
      {
        input: /DB subnet group/,
        opensWith: 'analytics-subnets',
        type: ['', 'bad/name', 'analytics-subnets-b'],
        expectChecks: [
          { severity: 'error', message: 'Type the name of a DB subnet group' },
          { severity: 'error', message: 'is not a DB subnet group name' },
          undefined,
        ],
      },
      { pick: /Adjust settings/, choose: by(/^Copy tags/) },
      { pick: /Copy tags/, choose: by(/^Copy tags to snapshots/) },
      { pick: /Adjust settings/, choose: by(/^Continue/) },
      { pick: /IAM role/, choose: by(/AWSBackupDefaultServiceRole/) },
    ]);
    const r = await runRestoreWizard(ui, { apis: [api], start: await start('analytics-cluster') });
    assert.ok(ui.done && r);
    assert.equal(r.document.Metadata.dbSubnetGroupName, 'analytics-subnets-b');
    assert.equal(r.document.Metadata.copyTagsToSnapshot, 'true');
    assert.equal(r.document.Metadata.DBSubnetGroupName, undefined, 'the service spelling is kept');
    assert.equal(r.document.Metadata.port, '3306');
  });

  it('the emulator refuses ItemsToRestore and encryption keys the service does not take', async () => {
    const s3 = await point('orders-bucket');
    const base = {
      RecoveryPointArn: s3.RecoveryPointArn!,
      IamRoleArn: 'arn:aws:iam::123456789012:role/service-role/AWSBackupDefaultServiceRole',
      ResourceType: 'S3',
    };
    const time = new Date(Date.now() - 3_600_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const bad: [Record<string, string>, RegExp][] = [
      [{ ItemsToRestore: 's3://orders-bucket/a/' }, /JSON array/],
      [{ ItemsToRestore: '[]' }, /JSON array of one to five/],
      [
        { ItemsToRestore: JSON.stringify(Array.from({ length: 6 }, (_, i) => `s3://orders-bucket/${i}/`)) },
        /6 items/,
      ],
      [
        { ItemsToRestore: '["s3://other-bucket/a/"]' },
        /not an object or prefix of the backed-up bucket orders-bucket/,
      ],
      [{ EncryptionType: 'AES256' }, /Invalid EncryptionType AES256/],
      [{ EncryptionType: 'SSE-KMS' }, /KMSKey is required/],
      [{ EncryptionType: 'SSE-S3', KMSKey: KEY }, /only when EncryptionType is SSE-KMS/],
      [{ EncryptionType: 'SSE-KMS', KMSKey: 'my-key' }, /not a KMS key ARN or alias/],
    ];
    for (const [extra, message] of bad)
      await assert.rejects(
        api.startRestoreJob({
          ...base,
          IdempotencyToken: `bad-${JSON.stringify(extra)}`,
          Metadata: { DestinationBucketName: 'orders-restore', RestoreTime: time, ...extra },
        }),
        (e: Error & { serviceCode?: string }) => {
          assert.match(e.message, message);
          assert.equal(e.serviceCode, 'InvalidParameterValueException');
          return true;
        },
        JSON.stringify(extra),
      );
  });
});

describe('restore option checks', () => {
  it('reads items typed as a JSON array too, and says which are prefixes', () => {
    const r = readItems('["s3://b/logs/", "s3://b/x.csv"]', 'b');
    assert.deepEqual(r.items, ['s3://b/logs/', 's3://b/x.csv']);
    assert.match(r.check.message, /the prefix logs\/ \(everything under it\), the object x\.csv/);
    assert.equal(readItems('[1]', 'b').check.severity, 'error');
  });

  it('takes KMS key ARNs of every form and partition, aliases and multi-Region keys', () => {
    for (const ok of [
      'arn:aws-cn:kms:cn-north-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
      'arn:aws:kms:us-east-1:123456789012:key/mrk-1234abcd12ab34cd56ef1234567890ab',
      'arn:aws:kms:us-east-1:123456789012:alias/orders',
      'alias/aws/s3',
    ])
      assert.equal(kmsKeyProblem(ok), undefined, ok);
    assert.match(kmsKeyProblem('arn:aws:kms:us-east-1:1234:key/x') ?? '', /not a KMS key ARN/);
  });

  it('says a metadata value the flow did not write as it is, inert', () => {
    const words = s3OptionWords(
      { ItemsToRestore: 'not json', EncryptionType: 'weird\u202e', RestoreACLs: 'maybe' },
      (v) => JSON.stringify(v).replace(/\u202e/g, '\\u202e'),
    );
    assert.deepEqual(words, [
      'What is restored: ItemsToRestore "not json" (not a JSON array of S3 URIs)',
      'Encryption: EncryptionType "weird\\u202e"',
      'ACLs: RestoreACLs "maybe"',
    ]);
  });

  it('every setting that is typed has a check, every other one its choices', () => {
    for (const s of [...RDS_SETTINGS, ...AURORA_SETTINGS])
      assert.ok(s.choices !== undefined || typeof s.problem === 'function', s.key);
  });
});
