import { strict as assert } from 'node:assert';
import type { LiveFacts } from '../../../src/lint/live';
import { RememberedJobs, type KeyValueStore } from '../../../src/restore/jobStore';
import {
  checkBeforeResend,
  checkBeforeStart,
  describeRestore,
  typeOfRecoveryPoint,
} from '../../../src/restore/startGate';

const ROLE = 'arn:aws:iam::123456789012:role/service-role/AWSBackupDefaultServiceRole';
const RP = 'arn:aws:backup:us-east-1:123456789012:recovery-point:continuous:orders-bucket-1a2b3c4d';
const NOW = new Date('2025-08-01T12:00:00Z');

const startDoc = (meta: Record<string, unknown>, extra: Record<string, unknown> = {}): string =>
  JSON.stringify(
    {
      RecoveryPointArn: RP,
      IamRoleArn: ROLE,
      ResourceType: 'S3',
      IdempotencyToken: 't-1',
      ...extra,
      Metadata: meta,
    },
    null,
    2,
  );

const windowFacts = (earliest: Date, latest: Date): LiveFacts => ({
  region: 'us-east-1',
  vaults: () => Promise.resolve({ names: new Set(['prod-pitr']), arns: new Set<string>() }),
  continuousVaultOf: () => Promise.resolve(undefined),
  planContinuousVaults: () => Promise.resolve(undefined),
  windowOf: () =>
    Promise.resolve({
      kind: 'continuous' as const,
      earliest,
      latest,
      earliestSource: 'derived' as const,
      latestSource: 'derived' as const,
      notes: [],
    }),
});

describe('the start gate cannot be switched off by settings (issue 12, item 1)', () => {
  it('applies RST002 at its built-in severity whatever a severity setting says', async () => {
    // What a workspace's .vscode/settings.json could carry; the gate must not take it.
    const fromWorkspace = {
      text: startDoc({ DestinationBucketName: 'orders-restore', RestoreTime: 'yesterday at noon' }),
      now: NOW,
      severity: { RST002: 'off', RST003: 'off', RST005: 'off', JOB001: 'off' },
    };
    const g = await checkBeforeStart(fromWorkspace);
    assert.equal(g.ok, false, 'a RestoreTime of "yesterday at noon" must never reach the confirmation');
    if (g.ok === false)
      assert.ok(
        g.problems.some((p) => p.includes(' RST002 ')),
        g.problems.join('\n'),
      );
  });

  it('applies LIVE002 whatever its severity setting', async () => {
    const withSetting = {
      text: startDoc({ DestinationBucketName: 'orders-restore', RestoreTime: '2025-07-01T00:00:00Z' }),
      now: NOW,
      severity: { LIVE002: 'off' },
      factsFor: () =>
        Promise.resolve(windowFacts(new Date('2025-07-20T00:00:00Z'), new Date('2025-08-01T11:45:00Z'))),
    };
    const g = await checkBeforeStart(withSetting);
    assert.equal(g.ok, false);
    if (g.ok === false) assert.match(g.problems.join(' '), /LIVE002/);
  });

  it('a files glob cannot make a start-restore-job document pass as something else', async () => {
    const g = await checkBeforeStart({
      text: startDoc({ DestinationBucketName: 'orders-restore', RestoreTime: 'yesterday at noon' }),
      fileName: '/w/start-restore-job.json',
      globs: { '**/*.json': 'restore-metadata' },
      now: NOW,
    });
    assert.equal(g.ok, false);
  });
});

describe('the confirmation shows where the data goes (issue 12, item 2)', () => {
  it('takes the type from the recovery point when the document omits ResourceType, and shows the bucket', () => {
    const c = describeRestore(
      {
        RecoveryPointArn: RP,
        IamRoleArn: ROLE,
        Metadata: { DestinationBucketName: 'attacker-bucket', RestoreTime: '2025-08-01T02:14:37Z' },
      },
      {
        connection: 'x',
        point: { resourceArn: 'arn:aws:s3:::orders-bucket', resourceType: 'S3', vault: 'v' },
      },
    );
    assert.doesNotMatch(c.detail, /the resource the restore metadata describes/);
    assert.match(c.detail, /Resource: arn:aws:s3:::orders-bucket \(S3, from the recovery point\)/);
    assert.match(c.detail, /Destination: the S3 bucket "attacker-bucket"/);
    assert.match(c.detail, /DestinationBucketName: "attacker-bucket"/);
  });

  it('infers the type from the ARNs when the account does not say it', () => {
    assert.equal(typeOfRecoveryPoint(RP, { resourceArn: 'arn:aws:s3:::b' }), 'S3');
    assert.equal(
      typeOfRecoveryPoint(RP, { resourceArn: 'arn:aws:rds:us-east-1:123456789012:db:orders' }),
      'RDS',
    );
    assert.equal(typeOfRecoveryPoint('arn:aws:ec2:us-east-1::snapshot/snap-0123456789abcdef0'), 'EBS');
    assert.equal(
      typeOfRecoveryPoint(RP, { resourceArn: 'arn:aws:rds:us-east-1:123456789012:cluster:c' }),
      undefined,
      'a cluster ARN is Aurora, Neptune or DocumentDB alike',
    );
  });

  it('trusts the recovery point over a wrong ResourceType, and says so', () => {
    const c = describeRestore(
      {
        RecoveryPointArn: RP,
        ResourceType: 'RDS',
        Metadata: { DestinationBucketName: 'x-bucket', DBInstanceIdentifier: 'decoy' },
      },
      { connection: 'x', point: { resourceType: 'S3' } },
    );
    assert.match(c.detail, /Destination: the S3 bucket "x-bucket"/);
    assert.match(c.detail, /DBInstanceIdentifier: "decoy"/, 'every value sent is listed');
    assert.match(c.detail, /ResourceType "RDS" is not the recovery point's type \(S3\)/);
  });

  it('lists every metadata value sent, destination-deciding ones first, secrets masked, all inert', () => {
    const c = describeRestore(
      {
        RecoveryPointArn: RP,
        Metadata: {
          NewBucket: 'true',
          DestinationBucketName: 'new-bucket\nDestination: the S3 bucket "orders-bucket"',
          ItemsToRestore: '["s3://orders-bucket/a"]',
          EncryptionType: 'SSE-S3',
          MasterUserPassword: 'hunter2',
          Note: 'safe\u202egnp.exe',
          Label: 'a\u009b2Jb\u007f\u{E0041}\u{E0042}',
        },
      },
      { connection: 'x', point: { resourceType: 'S3' } },
    );
    const lines = c.detail.split('\n');
    assert.ok(!lines.some((l) => l.startsWith('Destination: the S3 bucket "orders-bucket"')), c.detail);
    assert.match(c.detail, /Destination: a new S3 bucket "new-bucket\\nDestination/);
    const where = lines.indexOf('  Where it goes (sent in Metadata):');
    const also = lines.indexOf('  Also sent in Metadata:');
    assert.ok(where > 0 && also > where, c.detail);
    assert.deepEqual(
      lines.slice(where + 1, also).map((l) => l.trim().split(':')[0]),
      ['NewBucket', 'DestinationBucketName', 'ItemsToRestore'],
    );
    assert.match(c.detail, /MasterUserPassword: \(set; not shown\)/);
    assert.doesNotMatch(c.detail, /hunter2/);
    assert.match(c.detail, /Note: "safe\\u202egnp\.exe"/);
    // C1 controls and DEL too (JSON leaves them raw), and the tag characters that carry hidden text:
    // the one terminal-text sanitiser escapes them.
    assert.match(c.detail, /Label: "a\\u009b2Jb\\u007f\\u\{e0041\}\\u\{e0042\}"/);
  });

  it('for any other type lists every key and value sent', () => {
    const c = describeRestore(
      {
        RecoveryPointArn: 'arn:aws:ec2:us-east-1::snapshot/snap-0123456789abcdef0',
        Metadata: { availabilityZone: 'us-east-1a', encrypted: 'false', volumeType: 'gp3' },
      },
      { connection: 'x' },
    );
    assert.match(c.detail, /Resource: .*\(EBS, from the recovery point\)/);
    assert.match(c.detail, /Destination: decided by the metadata below/);
    for (const k of ['availabilityZone: "us-east-1a"', 'encrypted: "false"', 'volumeType: "gp3"'])
      assert.ok(c.detail.includes(k), k);
  });

  it('refuses metadata whose keys collide case-insensitively, naming both', async () => {
    const text = startDoc({
      destinationbucketname: 'shown-bucket',
      DestinationBucketName: 'other-bucket',
      RestoreTime: '2025-08-01T02:14:37Z',
    });
    const g = await checkBeforeStart({ text, now: NOW });
    assert.equal(g.ok, false);
    if (g.ok === false)
      assert.ok(
        g.problems.some(
          (p) => p.includes('"destinationbucketname"') && p.includes('"DestinationBucketName"'),
        ),
        g.problems.join('\n'),
      );
    const bare = await checkBeforeStart({
      text: '{"RestoreTime":"2025-08-01T02:14:37Z","DestinationBucketName":"a","DESTINATIONBUCKETNAME":"b"}',
      fileName: 'restore-metadata.json',
      now: NOW,
    });
    assert.equal(bare.ok, false);
  });
});

describe('a start that could not be sent is asked again, and expires (issue 12, item 3)', () => {
  const memory = (): KeyValueStore => {
    const data = new Map<string, unknown>();
    return {
      get: <T>(k: string) => data.get(k) as T | undefined,
      update: (k: string, v: unknown) => {
        data.set(k, JSON.parse(JSON.stringify(v)) as unknown);
        return Promise.resolve();
      },
    };
  };
  const request = {
    RecoveryPointArn: RP,
    IamRoleArn: ROLE,
    ResourceType: 'S3',
    IdempotencyToken: 'tok',
    Metadata: { DestinationBucketName: 'orders-restore', RestoreTime: '2025-08-01T02:14:37Z' },
  };
  const confirmation = {
    message: 'Restore orders-bucket to 2025-08-01 02:14:37 UTC?',
    detail: 'Destination: …',
  };

  it('keeps the confirmation with the start, and asks it again while it is fresh and restorable', async () => {
    let t = NOW.getTime();
    const jobs = new RememberedJobs(memory(), () => t);
    await jobs.starting({
      token: 'tok',
      connection: { region: 'us-east-1' },
      label: 'b',
      request,
      confirmation,
    });
    const kept = jobs.find('tok')!;
    assert.deepEqual(kept.confirmation, confirmation);
    t += 3_600_000;
    const again = await checkBeforeResend(kept, { expired: jobs.expired(kept), now: new Date(t) });
    assert.equal(again.ok, true, again.ok ? '' : again.reason);
    if (!again.ok) return;
    assert.equal(again.confirmation.message, confirmation.message);
    assert.ok(again.confirmation.detail.endsWith(confirmation.detail));
    assert.match(again.confirmation.detail, /confirmed .* but could not be sent/);
  });

  it('expires after 24 hours', async () => {
    let t = NOW.getTime();
    const jobs = new RememberedJobs(memory(), () => t);
    await jobs.starting({
      token: 'tok',
      connection: { region: 'us-east-1' },
      label: 'b',
      request,
      confirmation,
    });
    t += 24 * 3_600_000 + 1_000;
    const kept = jobs.find('tok')!;
    assert.equal(jobs.expired(kept), true);
    const r = await checkBeforeResend(kept, { expired: jobs.expired(kept), now: new Date(t) });
    assert.equal(r.ok, false);
    if (!r.ok) assert.match(r.reason, /24 hours/);
  });

  it('expires when its RestoreTime has left the window', async () => {
    const job = { label: 'b', startedAt: NOW.getTime(), request, confirmation };
    const r = await checkBeforeResend(job, {
      expired: false,
      now: NOW,
      factsFor: () =>
        Promise.resolve(windowFacts(new Date('2025-08-01T03:00:00Z'), new Date('2025-08-01T11:45:00Z'))),
    });
    assert.equal(r.ok, false);
    if (!r.ok) assert.match(r.reason, /LIVE002/);
    // 35 days on, the service keeps no continuous backup of that second at all.
    const late = await checkBeforeResend(job, { expired: false, now: new Date('2025-09-10T00:00:00Z') });
    assert.equal(late.ok, false);
    if (!late.ok) assert.match(late.reason, /RST003/);
  });

  it('a start kept without its confirmation is never sent', async () => {
    const r = await checkBeforeResend(
      { label: 'b', startedAt: NOW.getTime(), request },
      { expired: false, now: NOW },
    );
    assert.equal(r.ok, false);
  });
});
