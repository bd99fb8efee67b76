import { strict as assert } from 'node:assert';
import {
  checkTypedName,
  consequencesOf,
  lockModeOf,
  patternSelects,
  type KnownCopy,
  type LockFacts,
  type PlanCoverage,
  type PointFacts,
} from '../../../src/lifecycle/consequences';

const NOW = new Date('2026-03-01T12:00:00Z');
const DAY = 86_400_000;
const ago = (days: number) => new Date(NOW.getTime() - days * DAY);
const ARN = 'arn:aws:backup:us-east-1:123456789012:recovery-point';

const point = (type: string, continuous: boolean, extra: Partial<PointFacts> = {}): PointFacts => ({
  recoveryPointArn: continuous ? `${ARN}:continuous:x-1` : `${ARN}:0a1b2c`,
  vaultName: 'prod-pitr',
  resourceType: type,
  resourceArn:
    type === 'S3'
      ? 'arn:aws:s3:::orders-bucket'
      : type === 'Aurora'
        ? 'arn:aws:rds:us-east-1:123456789012:cluster:analytics-cluster'
        : 'arn:aws:rds:us-east-1:123456789012:db:orders-db',
  resourceName: type === 'S3' ? 'orders-bucket' : type === 'Aurora' ? 'analytics-cluster' : 'orders-db',
  status: 'COMPLETED',
  creationDate: ago(10),
  retentionDays: 35,
  ...extra,
});
const UNLOCKED: LockFacts = { locked: false };
const COMPLIANCE: LockFacts = {
  locked: true,
  minRetentionDays: 7,
  maxRetentionDays: 3650,
  lockDate: ago(30),
};
const PLAN: PlanCoverage = {
  planId: 'p-1',
  planName: 'pitr-orders',
  ruleName: 'continuous-35d',
  selectionName: 'orders-resources',
};
const COPY: KnownCopy = {
  vaultName: 'airgapped-lag',
  airGapped: true,
  recoveryPointArn: `${ARN}:copy-1`,
  fromThisPoint: true,
};
const of = (
  action: 'stop' | 'delete',
  p: PointFacts,
  lock = UNLOCKED,
  plans: PlanCoverage[] = [],
  copies: KnownCopy[] = [],
) => consequencesOf(action, p, lock, plans, copies, NOW);

describe('what stopping or deleting a recovery point does, per resource type', () => {
  describe('Stop Continuous Backup', () => {
    it('S3: the point becomes STOPPED and stays restorable until its retention ends', () => {
      const c = of('stop', point('S3', true));
      assert.equal(c.refusal, undefined);
      assert.equal(c.confirmLabel, 'Stop Continuous Backup');
      assert.match(c.message, /Stop the continuous backup of orders-bucket in prod-pitr\?/);
      assert.match(c.detail, /becomes STOPPED and stays restorable.*until its retention ends \(35 days\)/);
      assert.equal(c.typedName, undefined, 'stopping keeps the data: no name to type');
    });
    it('RDS: control goes back to RDS, the data stays there and restores from RDS', () => {
      const c = of('stop', point('RDS', true));
      assert.match(c.detail, /releases control .* to Amazon RDS/);
      assert.match(c.detail, /backup data stays in RDS .* can be restored from RDS/);
    });
    it('Aurora: control goes back to Aurora', () => {
      assert.match(of('stop', point('Aurora', true)).detail, /to Amazon Aurora.*restored from Aurora/);
    });
    it('is refused for a snapshot, a STOPPED point and a point being deleted', () => {
      assert.match(of('stop', point('RDS', false)).refusal ?? '', /Only a continuous backup can be stopped/);
      assert.match(of('stop', point('S3', true, { status: 'STOPPED' })).refusal ?? '', /already STOPPED/);
      assert.match(
        of('stop', point('S3', true, { status: 'DELETING' })).refusal ?? '',
        /already being deleted/,
      );
    });
    it('names the plan whose continuous rule will start it again', () => {
      const c = of('stop', point('S3', true), UNLOCKED, [PLAN]);
      assert.match(c.detail, /pitr-orders \(rule continuous-35d\) still selects orders-bucket/);
      assert.deepEqual(c.openPlan, PLAN);
    });
  });

  describe('Delete Recovery Point', () => {
    it('S3: the data is deleted and can no longer be restored', () => {
      const c = of('delete', point('S3', true));
      assert.match(c.detail, /backup data of bucket orders-bucket is deleted and can no longer be restored/);
      assert.equal(c.typedName, 'orders-bucket');
      const where = consequencesOf('delete', point('S3', true), UNLOCKED, [], [], NOW, 'prod · eu-west-1');
      assert.match(
        where.detail,
        /^Account and Region: \d{12} · prod · eu-west-1 · vault prod-pitr · recovery point arn:aws:backup:.*:continuous:x-1\n/,
      );
      assert.equal(c.confirmLabel, 'Delete Recovery Point');
    });
    it('RDS: permanently deleted, and RDS automated backups are turned off', () => {
      const c = of('delete', point('RDS', true));
      assert.match(c.detail, /permanently deleted, and RDS automated backups of orders-db are turned off/);
      assert.match(c.detail, /Multi-AZ .* Stop Continuous Backup \(disassociate\) instead/);
      assert.equal(c.typedName, 'orders-db');
    });
    it('Aurora: not fully deleted, restorable from Aurora, retention becomes 1 day', () => {
      const c = of('delete', point('Aurora', true));
      assert.match(c.detail, /not fully deleted: it stays restorable from Aurora/);
      assert.match(c.detail, /automated-backup retention to 1 day/);
    });
    it('a continuous point a plan still selects: deleting does not stop continuous backup', () => {
      const c = of('delete', point('RDS', true), UNLOCKED, [PLAN]);
      assert.match(
        c.detail,
        /does not stop continuous backup: the plan pitr-orders \(rule continuous-35d\) still selects orders-db .* next run creates a new continuous recovery point/,
      );
      assert.deepEqual(c.openPlan, PLAN);
      const alone = of('delete', point('RDS', true));
      assert.match(alone.detail, /continuous backup stops/);
      assert.equal(alone.openPlan, undefined);
    });
    it('a snapshot: deleted for good; the copies elsewhere are named, air-gapped ones marked', () => {
      const c = of('delete', point('RDS', false), UNLOCKED, [PLAN], [COPY]);
      assert.match(c.message, /Delete the snapshot of orders-db from prod-pitr\?/);
      assert.match(c.detail, /deleted for good: it can no longer be restored/);
      assert.match(c.detail, /airgapped-lag \(logically air-gapped\), copied from this point: .*copy-1/);
      assert.equal(c.openPlan, undefined, 'a snapshot is not re-created by a continuous rule');
      assert.match(
        of('delete', point('RDS', false)).detail,
        /No copies of this backup in other vaults are known/,
      );
    });
    it('is refused for a point already being deleted', () => {
      assert.match(
        of('delete', point('EBS', false, { status: 'DELETING' })).refusal ?? '',
        /already being deleted/,
      );
    });
  });

  describe('a locked vault, decided before anything is sent', () => {
    it('compliance mode within the minimum retention forbids deleting, and shows the bounds', () => {
      const c = of(
        'delete',
        point('DynamoDB', false, { creationDate: ago(2), vaultName: 'compliance-locked' }),
        COMPLIANCE,
      );
      assert.match(
        c.refusal ?? '',
        /vault lock forbids deleting this recovery point: it is younger than the lock's minimum retention/,
      );
      assert.match(
        c.refusal ?? '',
        /Vault lock on compliance-locked: minimum retention 7 days, maximum retention 3650 days; compliance mode, immutable since 2026-01-30/,
      );
    });
    it('past the minimum retention it may be sent, with the lock shown and the service left to decide', () => {
      const c = of('delete', point('DynamoDB', false, { creationDate: ago(30) }), COMPLIANCE);
      assert.equal(c.refusal, undefined);
      assert.match(c.detail, /The vault is locked: AWS Backup denies .* and will say so/);
      assert.match(c.detail, /minimum retention 7 days/);
    });
    it('a lock still in its grace time, or without a lock date, warns and lets the service decide', () => {
      const grace = { ...COMPLIANCE, lockDate: new Date(NOW.getTime() + 2 * DAY) };
      assert.equal(lockModeOf(grace, NOW), 'compliance-grace');
      assert.equal(lockModeOf({ locked: true, minRetentionDays: 7 }, NOW), 'governance');
      const c = of('delete', point('S3', true, { creationDate: ago(1) }), grace);
      assert.equal(c.refusal, undefined);
      assert.match(c.detail, /still changeable until/);
      assert.match(of('stop', point('S3', true), { locked: true }).detail, /governance mode/);
    });
    it('compliance mode forbids stopping a continuous backup (it can only expire)', () => {
      assert.match(of('stop', point('S3', true), COMPLIANCE).refusal ?? '', /vault lock forbids stopping/);
    });
  });

  it('the typed name must match exactly', () => {
    assert.equal(checkTypedName('orders-db', 'orders-db'), undefined);
    assert.match(checkTypedName('orders-db', 'orders-d') ?? '', /Type orders-db exactly/);
    assert.notEqual(checkTypedName('orders-db', 'Orders-db'), undefined);
    assert.notEqual(checkTypedName('orders-db', ' orders-db'), undefined);
  });

  it('selection patterns: exact ARNs and * wildcards', () => {
    const db = 'arn:aws:rds:us-east-1:123456789012:db:orders-db';
    assert.ok(patternSelects(db, db));
    assert.ok(patternSelects('arn:aws:rds:*:*:db:*', db));
    assert.ok(patternSelects('arn:aws:rds:us-east-1:123456789012:db:orders-*', db));
    assert.ok(!patternSelects('arn:aws:rds:*:*:cluster:*', db));
    assert.ok(!patternSelects('arn:aws:rds:us-east-1:123456789012:db:orders', db));
    assert.ok(!patternSelects('*-db-x', db));
  });
});
