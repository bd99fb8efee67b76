import { strict as assert } from 'node:assert';
import type { RestoreJobsListMember } from '@aws-sdk/client-backup';
import {
  indexRestores,
  rtoOf,
  rtoTargetsFrom,
  NO_RTO_TARGETS,
  type RtoTargets,
} from '../../../src/posture/rto';

const NOW = new Date('2026-06-30T12:00:00Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const DB = 'arn:aws:rds:us-east-1:111122223333:db:orders';
const OTHER = 'arn:aws:rds:us-east-1:111122223333:db:reports';

/** A restore job as ListRestoreJobs returns it: created `agoMs` before NOW, taking `ms`. */
function job(
  arn: string,
  agoMs: number,
  ms: number,
  extra: Partial<RestoreJobsListMember> = {},
): RestoreJobsListMember {
  const created = new Date(NOW.getTime() - agoMs);
  return {
    RestoreJobId: `job-${agoMs}-${ms}`,
    SourceResourceArn: arn,
    ResourceType: 'RDS',
    Status: 'COMPLETED',
    CreationDate: created,
    CompletionDate: new Date(created.getTime() + ms),
    ...extra,
  };
}

const targets = (spec: string): RtoTargets => rtoTargetsFrom([spec]) as RtoTargets;

describe('the measured RTO of a resource (src/posture/rto.ts)', () => {
  it('the most recent completed restore is the RTO; the longest of the last 30 days beside it', () => {
    const index = indexRestores([
      job(DB, 40 * DAY, 9 * HOUR), // older than 30 days: neither latest nor in the month
      job(DB, 10 * DAY, 3 * HOUR),
      job(DB, 2 * DAY, HOUR, {
        CreatedBy: {
          RestoreTestingPlanArn: 'arn:aws:backup:us-east-1:111122223333:restore-testing-plan:p-1',
        },
      }),
    ]);
    const r = rtoOf({ arn: DB, type: 'RDS' }, index, targets('2h'), NOW);
    assert.equal(r.rtoMs, HOUR);
    assert.equal(r.rtoBasis, 'restore test');
    assert.equal(r.longestRestore30dMs, 3 * HOUR);
    assert.equal(r.lastRestoreAt, new Date(NOW.getTime() - 2 * DAY + HOUR).toISOString());
    assert.equal(r.rtoVerdict, 'meets', 'the latest restore decides, as AWS Config’s rules do');
  });

  it('failed, aborted, pending and running jobs never count', () => {
    const index = indexRestores([
      job(DB, DAY, 10 * 60_000, { Status: 'FAILED' }),
      job(DB, DAY, 10 * 60_000, { Status: 'ABORTED' }),
      job(DB, HOUR, 10 * 60_000, { Status: 'RUNNING', CompletionDate: undefined }),
      job(DB, HOUR, 10 * 60_000, { Status: 'PENDING', CompletionDate: undefined }),
    ]);
    const r = rtoOf({ arn: DB, type: 'RDS' }, index, targets('1h'), NOW);
    assert.deepEqual([r.rtoMs, r.rtoBasis, r.rtoVerdict], [null, 'never restored', 'untested']);
  });

  it('a job completed before it was created is left out, with a note', () => {
    const skewed = job(DB, DAY, -5 * 60_000);
    const index = indexRestores([skewed, job(DB, 3 * DAY, 2 * HOUR)]);
    const r = rtoOf({ arn: DB, type: 'RDS' }, index, targets('1h'), NOW);
    assert.equal(r.rtoMs, 2 * HOUR, 'the restore before it is the latest that counts');
    assert.equal(r.rtoVerdict, 'misses');
    assert.deepEqual(r.notes, [
      `Restore job ${skewed.RestoreJobId} is dated as completed 5 min before it was created (clock skew): its duration is not counted.`,
    ]);
  });

  it('never restored: the typical restore of its type here is a labelled hint, not its RTO', () => {
    const index = indexRestores([
      job(OTHER, DAY, HOUR),
      job(OTHER, 2 * DAY, 3 * HOUR),
      job(OTHER, 3 * DAY, 2 * HOUR),
    ]);
    const r = rtoOf({ arn: DB, type: 'RDS' }, index, NO_RTO_TARGETS, NOW);
    assert.equal(r.rtoMs, null);
    assert.equal(r.rtoVerdict, 'no target');
    assert.equal(r.typicalRestoreMs, 2 * HOUR);
    assert.match(
      r.rtoHint!,
      /^hint, not its RTO: a typical RDS restore here takes 2 h \(median of 3 restores/,
    );
    assert.deepEqual(r.todo, [], 'without a target, nothing to do');
    assert.equal(rtoOf({ arn: DB, type: 'EBS' }, index, NO_RTO_TARGETS, NOW).rtoHint, undefined);
  });

  it('targets: bare for every type, per type, none by default; bad specs are errors in words', () => {
    assert.deepEqual(rtoTargetsFrom([]), NO_RTO_TARGETS);
    assert.deepEqual(rtoTargetsFrom(['4h', 'aurora=8h']), { byType: { Aurora: 8 * HOUR }, other: 4 * HOUR });
    const typed = rtoTargetsFrom(['S3=30m']) as RtoTargets;
    assert.equal(rtoOf({ arn: DB, type: 'RDS' }, indexRestores([]), typed, NOW).rtoVerdict, 'no target');
    assert.match(rtoTargetsFrom(['4 hours']) as string, /is not a duration/);
  });
});
