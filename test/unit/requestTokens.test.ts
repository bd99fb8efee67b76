/**
 * The tokens that make a send idempotent depend on what is sent and where, never on the clock
 * (issue 23: a CreatorRequestId with the time in it passed a test that asked twice within one
 * millisecond). Each is asked for now and again with the clock a year and a bit later.
 */
import { strict as assert } from 'node:assert';
import { creatorRequestIdFor } from '../../src/deploy/gate';
import { createRequestId } from '../../src/deploy/planDeploy';
import { idempotencyTokenFor } from '../../src/restore/startGate';

/** `f` run with the clock (Date.now and `new Date()`) moved on by 400 days and a few seconds. */
function later<T>(f: () => T): T {
  const Real = Date;
  const shift = 400 * 86_400_000 + 4_321;
  class Shifted extends Real {
    constructor(...args: unknown[]) {
      if (args.length === 0) super(Real.now() + shift);
      else super(...(args as [string]));
    }
    static override now(): number {
      return Real.now() + shift;
    }
  }
  globalThis.Date = Shifted as DateConstructor;
  try {
    return f();
  } finally {
    globalThis.Date = Real;
  }
}

const plan = {
  BackupPlanName: 'orders-pitr',
  Rules: [{ RuleName: 'pitr', TargetBackupVaultName: 'prod-pitr', EnableContinuousBackup: true }],
};
const request = {
  RecoveryPointArn: 'arn:aws:backup:us-east-1:123456789012:recovery-point:continuous:orders-bucket-1a2b3c4d',
  IamRoleArn: 'arn:aws:iam::123456789012:role/r',
  Metadata: { DestinationBucketName: 'orders-restore', RestoreTime: '2025-08-01T02:14:37Z' },
};

describe('idempotency tokens do not depend on the clock', () => {
  it('the clock moved on in the test moves Date.now and new Date()', () => {
    const now = Date.now();
    assert.ok(later(() => Date.now()) - now > 399 * 86_400_000);
    assert.ok(later(() => new Date().getTime()) - now > 399 * 86_400_000);
  });

  it('a create’s CreatorRequestId: the same plan to the same place is the same token at any time', () => {
    const now = creatorRequestIdFor('acct\nus-east-1', plan);
    assert.equal(
      later(() => creatorRequestIdFor('acct\nus-east-1', plan)),
      now,
    );
    const doc = { plan: { ...plan }, tags: { team: 'orders' } };
    assert.equal(
      later(() => createRequestId(doc, 'acct\nus-east-1')),
      createRequestId(doc, 'acct\nus-east-1'),
    );
  });

  it('an assignment’s CreatorRequestId, and a restore’s IdempotencyToken, likewise', () => {
    const selection = { SelectionName: 's', IamRoleArn: 'arn:aws:iam::123456789012:role/r', Resources: [] };
    assert.equal(
      later(() => creatorRequestIdFor('acct\nus-east-1\nplan-1', selection)),
      creatorRequestIdFor('acct\nus-east-1\nplan-1', selection),
    );
    assert.equal(
      later(() => idempotencyTokenFor('untitled:Untitled-1', request)),
      idempotencyTokenFor('untitled:Untitled-1', request),
    );
  });
});
