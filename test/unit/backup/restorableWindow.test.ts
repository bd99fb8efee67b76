import { strict as assert } from 'node:assert';
import {
  checkRestoreTime,
  restorableWindow,
  type RecoveryPointFacts,
} from '../../../src/backup/restorableWindow';

const NOW = new Date('2025-08-01T12:00:00Z');
const DAY = 86_400_000;
const ago = (ms: number) => new Date(NOW.getTime() - ms);
const S3 = 'arn:aws:backup:us-east-1:123456789012:recovery-point:continuous:orders-bucket-1a2b3c4d';
const RDS = 'arn:aws:backup:us-east-1:123456789012:recovery-point:continuous:db-abcdefghijkl';
const point = (p: Partial<RecoveryPointFacts>): RecoveryPointFacts => ({
  recoveryPointArn: S3,
  resourceType: 'S3',
  status: 'COMPLETED',
  creationDate: ago(60 * DAY),
  deleteAfterDays: 35,
  ...p,
});

describe('restorable window', () => {
  it('continuous S3: from now − retention to now − 15 minutes, both derived', () => {
    const w = restorableWindow(point({}), NOW);
    assert.equal(w.kind, 'continuous');
    if (w.kind !== 'continuous') return;
    assert.equal(w.earliest.toISOString(), '2025-06-27T12:00:00.000Z');
    assert.equal(w.latest.toISOString(), '2025-08-01T11:45:00.000Z');
    assert.deepEqual([w.earliestSource, w.latestSource], ['derived', 'derived']);
    assert.deepEqual(w.notes, []);
  });

  it('a point younger than its retention starts at its creation', () => {
    const w = restorableWindow(
      point({ recoveryPointArn: RDS, resourceType: 'RDS', creationDate: ago(2 * DAY), deleteAfterDays: 14 }),
      NOW,
    );
    assert.ok(w.kind === 'continuous');
    assert.equal(w.earliest.toISOString(), ago(2 * DAY).toISOString());
    assert.equal(w.latest.toISOString(), '2025-08-01T11:55:00.000Z');
  });

  it('retention caps at 35 days and an unknown retention is assumed 35, with a note', () => {
    const w = restorableWindow(point({ deleteAfterDays: undefined }), NOW);
    assert.ok(w.kind === 'continuous');
    assert.equal(w.earliest.toISOString(), '2025-06-27T12:00:00.000Z');
    assert.match(w.notes.join(' '), /assumed the 35-day maximum/);
    const capped = restorableWindow(point({ deleteAfterDays: 90 }), NOW);
    assert.ok(capped.kind === 'continuous');
    assert.equal(capped.earliest.toISOString(), '2025-06-27T12:00:00.000Z');
  });

  it('Aurora uses the RDS lag, and says it is assumed; an undocumented type has no lag', () => {
    const a = restorableWindow(point({ resourceType: 'Aurora' }), NOW);
    assert.ok(a.kind === 'continuous');
    assert.equal(a.latest.toISOString(), '2025-08-01T11:55:00.000Z');
    assert.match(a.notes.join(' '), /Aurora restore lag assumed/);
    const other = restorableWindow(point({ resourceType: 'DynamoDB' }), NOW);
    assert.ok(other.kind === 'continuous');
    assert.equal(other.latest.toISOString(), NOW.toISOString());
    assert.match(other.notes.join(' '), /not documented/);
  });

  it('a STOPPED point ends where it stopped, or has an unknown end', () => {
    const stopped = restorableWindow(
      point({ status: 'STOPPED', creationDate: ago(20 * DAY), completionDate: ago(6 * DAY) }),
      NOW,
    );
    assert.ok(stopped.kind === 'continuous');
    assert.equal(stopped.latest.toISOString(), ago(6 * DAY).toISOString());
    assert.match(stopped.notes.join(' '), /stopped at/);
    const unknown = restorableWindow(point({ status: 'STOPPED' }), NOW);
    assert.equal(unknown.kind, 'continuous-open-end');
    const gone = restorableWindow(
      point({ status: 'STOPPED', creationDate: ago(80 * DAY), completionDate: ago(50 * DAY) }),
      NOW,
    );
    assert.equal(gone.kind, 'none');
  });

  it('SAP HANA bounds are read from the restore metadata', () => {
    const w = restorableWindow(
      {
        recoveryPointArn: 'arn:aws:backup:us-east-1:123456789012:recovery-point:abc',
        resourceType: 'SAP HANA on Amazon EC2',
        restoreMetadata: {
          EarliestRestorablePitrTimestamp: '1674764799789',
          LatestRestorablePitrTimestamp: '1674850299789',
        },
      },
      NOW,
    );
    assert.ok(w.kind === 'continuous');
    assert.equal(w.earliest.getTime(), 1674764799789);
    assert.equal(w.latest.getTime(), 1674850299789);
    assert.deepEqual([w.earliestSource, w.latestSource], ['read', 'read']);
    const bad = restorableWindow(
      {
        recoveryPointArn: 'x',
        restoreMetadata: {
          EarliestRestorablePitrTimestamp: '1674850299789',
          LatestRestorablePitrTimestamp: '1674764799789',
        },
      },
      NOW,
    );
    assert.equal(bad.kind, 'none');
  });

  it('snapshots restore to their moment; expired, deleting and creating points not at all', () => {
    const snap = restorableWindow(
      {
        recoveryPointArn: 'arn:aws:backup:us-east-1:123456789012:recovery-point:1234',
        creationDate: ago(DAY),
      },
      NOW,
    );
    assert.deepEqual(snap, { kind: 'snapshot', at: ago(DAY) });
    for (const status of ['EXPIRED', 'DELETING', 'CREATING'])
      assert.equal(restorableWindow(point({ status }), NOW).kind, 'none', status);
    assert.equal(restorableWindow(point({ creationDate: undefined }), NOW).kind, 'none');
    assert.equal(restorableWindow({ recoveryPointArn: 'arn:x:recovery-point:1' }, NOW).kind, 'none');
  });

  it('a point created inside the lag has nothing restorable yet', () => {
    const w = restorableWindow(point({ creationDate: ago(5 * 60_000) }), NOW);
    assert.equal(w.kind, 'none');
    assert.match((w as { reason: string }).reason, /Nothing is restorable yet/);
  });

  it('checks a chosen second against the window', () => {
    const w = restorableWindow(point({}), NOW);
    assert.deepEqual(checkRestoreTime(w, new Date('2025-08-01T02:14:37Z')), { ok: true });
    assert.match(
      (checkRestoreTime(w, new Date('2025-08-01T11:50:00Z')) as { reason: string }).reason,
      /after the latest/,
    );
    assert.match(
      (checkRestoreTime(w, new Date('2025-06-01T00:00:00Z')) as { reason: string }).reason,
      /before the earliest/,
    );
    assert.equal(checkRestoreTime({ kind: 'snapshot', at: NOW }, NOW).ok, false);
  });
});
