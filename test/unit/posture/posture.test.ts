import { strict as assert } from 'node:assert';
import type { BackupJob, RecoveryPointByBackupVault } from '@aws-sdk/client-backup';
import type { PostureFacts, PostureTarget } from '../../../src/aws/postureApi';
import { isRegionName, resourceTypeOfArn } from '../../../src/backup/arn';
import { continuousTypes } from '../../../src/backup/resourceTypes';
import { postureRows, sortRows, type PostureRow } from '../../../src/posture/compute';
import { openableRows } from '../../../src/posture/editor/openable';
import { formatReport } from '../../../src/posture/format';
import type { PostureReport } from '../../../src/posture/report';
import {
  DEFAULT_TARGETS,
  formatDuration,
  parseDuration,
  targetsFrom,
  type RpoTargets,
} from '../../../src/posture/targets';

const NOW = new Date('2025-08-01T12:00:00Z');
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const ago = (ms: number): Date => new Date(NOW.getTime() - ms);
const target: PostureTarget = { account: 'prod', connection: { profile: 'prod', region: 'eu-west-1' } };

let n = 0;
function point(
  resource: string,
  type: string,
  kind: 'continuous' | 'snapshot',
  p: Partial<RecoveryPointByBackupVault> = {},
): RecoveryPointByBackupVault {
  n++;
  return {
    RecoveryPointArn:
      kind === 'continuous'
        ? `arn:aws:backup:eu-west-1:111122223333:recovery-point:continuous:c${n}`
        : `arn:aws:backup:eu-west-1:111122223333:recovery-point:s${n}`,
    BackupVaultName: 'pitr',
    ResourceArn: resource,
    ResourceType: type,
    Status: 'COMPLETED',
    CreationDate: ago(10 * DAY),
    Lifecycle: { DeleteAfterDays: kind === 'continuous' ? 14 : 35 },
    ...p,
  };
}

function facts(points: RecoveryPointByBackupVault[], more: Partial<PostureFacts> = {}): PostureFacts {
  return {
    resources: [],
    points,
    rules: [],
    selections: [],
    failedJobs: [],
    warnings: [],
    requests: 0,
    ...more,
  };
}

function one(
  points: RecoveryPointByBackupVault[],
  more: Partial<PostureFacts> = {},
  targets: RpoTargets = DEFAULT_TARGETS,
  now = NOW,
): PostureRow {
  const rows = postureRows(target, facts(points, more), now, targets);
  assert.equal(rows.length, 1, JSON.stringify(rows));
  return rows[0]!;
}

const BUCKET = 'arn:aws:s3:::orders';
const DB = 'arn:aws:rds:eu-west-1:111122223333:db:orders-db';
const CLUSTER = 'arn:aws:rds:eu-west-1:111122223333:cluster:analytics';
const TABLE = 'arn:aws:dynamodb:eu-west-1:111122223333:table/ledger';

describe('recovery posture: the RPO each resource has now', () => {
  it('a live continuous point has its type’s restore lag as RPO: S3 15 min, RDS 5, Aurora 5', () => {
    for (const [arn, type, lag] of [
      [BUCKET, 'S3', 15],
      [DB, 'RDS', 5],
      [CLUSTER, 'Aurora', 5],
    ] as const) {
      const r = one([point(arn, type, 'continuous', { CreationDate: ago(40 * DAY) })]);
      assert.equal(r.protection, 'continuous');
      assert.equal(r.rpoMs, lag * MIN, type);
      assert.equal(r.vault, 'pitr');
      assert.equal(r.verdict, 'meets');
      assert.match(r.rpoBasis, new RegExp(`restore lag of ${type} \\(${lag} min\\)`));
      // Earliest: now − 14 days of retention (the point is older than that).
      assert.equal(r.earliestRestorable, ago(14 * DAY).toISOString());
    }
  });

  it('a continuous point younger than its retention reaches back to its creation', () => {
    const r = one([point(DB, 'RDS', 'continuous', { CreationDate: ago(3 * DAY) })]);
    assert.equal(r.earliestRestorable, ago(3 * DAY).toISOString());
  });

  it('a STOPPED point: RPO is the time since it stopped, with the reason and what to do', () => {
    const r = one([
      point(BUCKET, 'S3', 'continuous', {
        Status: 'STOPPED',
        StatusMessage: 'versioning was suspended',
        CompletionDate: ago(2 * DAY),
      }),
    ]);
    assert.equal(r.protection, 'stopped');
    assert.equal(r.rpoMs, 2 * DAY);
    assert.equal(r.stoppedAt, ago(2 * DAY).toISOString());
    assert.equal(r.stopReason, 'versioning was suspended');
    assert.equal(r.verdict, 'misses');
    assert.match(r.todo[0]!, /Fix what stopped continuous backup \("versioning was suspended"\).*versioning/);
    assert.match(r.todo[0]!, /need not be deleted/);
  });

  it('a snapshot newer than the stop is the RPO; the protection still says STOPPED', () => {
    const r = one([
      point(BUCKET, 'S3', 'continuous', { Status: 'STOPPED', CompletionDate: ago(2 * DAY) }),
      point(BUCKET, 'S3', 'snapshot', { CreationDate: ago(5 * HOUR) }),
    ]);
    assert.equal(r.protection, 'stopped');
    assert.equal(r.rpoMs, 5 * HOUR);
    assert.equal(r.rpoBasis, 'since the newest snapshot');
  });

  it('a STOPPED point with no stop time and nothing else: RPO unknown, a miss', () => {
    const r = one([point(BUCKET, 'S3', 'continuous', { Status: 'STOPPED' })]);
    assert.equal(r.protection, 'stopped');
    assert.equal(r.rpoMs, null);
    assert.equal(r.verdict, 'misses');
    assert.ok(r.notes.some((x) => /end of the window is unknown/.test(x)));
  });

  it('snapshots only: RPO since the newest completed one; a continuous-capable type is told to add a rule', () => {
    const r = one([
      point(DB, 'RDS', 'snapshot', { CreationDate: ago(26 * HOUR) }),
      point(DB, 'RDS', 'snapshot', { CreationDate: ago(2 * HOUR) }),
      point(DB, 'RDS', 'snapshot', { CreationDate: ago(1 * HOUR), Status: 'EXPIRED' }),
      point(DB, 'RDS', 'snapshot', { CreationDate: ago(30 * MIN), Status: 'CREATING' }),
    ]);
    assert.equal(r.protection, 'snapshots');
    assert.equal(r.rpoMs, 2 * HOUR);
    assert.equal(r.earliestRestorable, ago(26 * HOUR).toISOString());
    assert.equal(r.verdict, 'misses');
    assert.match(r.todo.join(' '), /Add a continuous rule \(EnableContinuousBackup\).*5 min/);
  });

  it('every type with continuous backup (one list, src/backup/limits.ts) is told to add a continuous rule', () => {
    assert.deepEqual(continuousTypes().sort(), ['Aurora', 'RDS', 'S3', 'SAP HANA on Amazon EC2']);
    for (const type of continuousTypes()) {
      const arn = `arn:aws:backup-test:eu-west-1:111122223333:resource/${type}`;
      const r = one([point(arn, type, 'snapshot', { CreationDate: ago(3 * DAY) })]);
      assert.match(r.todo.join(' '), /Add a continuous rule/, type);
    }
    const r = one([point(TABLE, 'DynamoDB', 'snapshot', { CreationDate: ago(3 * DAY) })]);
    assert.doesNotMatch(r.todo.join(' '), /Add a continuous rule/);
  });

  it('snapshots of a type without continuous backup are held to 24 h by default', () => {
    const meets = one([point(TABLE, 'DynamoDB', 'snapshot', { CreationDate: ago(20 * HOUR) })]);
    assert.equal(meets.verdict, 'meets');
    const misses = one([point(TABLE, 'DynamoDB', 'snapshot', { CreationDate: ago(30 * HOUR) })]);
    assert.equal(misses.verdict, 'misses');
    assert.match(misses.todo.join(' '), /Back it up at least every 1 d: DynamoDB has no continuous backup/);
  });

  it('nothing restorable: no RPO, a miss, and the failed job’s message with the other-vault advice', () => {
    const job: BackupJob = {
      ResourceArn: 'arn:aws:s3:::reports',
      ResourceType: 'S3',
      State: 'FAILED',
      CreationDate: ago(DAY),
      StatusMessage:
        'Bucket reports already has continuous backup enabled for another vault Backup job failed.',
    };
    const r = one([], { failedJobs: [job] });
    assert.equal(r.protection, 'none');
    assert.equal(r.rpoMs, null);
    assert.equal(r.verdict, 'misses');
    assert.equal(r.failedJobs[0]!.message, job.StatusMessage);
    assert.ok(r.todo.some((t) => /Resolve the other vault/.test(t)));
  });

  it('a resource a selection names by ARN with no recovery point is a row: nothing restorable', () => {
    const r = one([], {
      selections: [
        { planId: 'p1', name: 'sel', resources: [TABLE, 'arn:aws:s3:::*'], notResources: [], byTags: false },
      ],
      rules: [{ planId: 'p1', planName: 'nightly', ruleName: 'daily', continuous: false, vault: 'Default' }],
    });
    assert.equal(r.resourceArn, TABLE);
    assert.equal(r.resourceType, 'DynamoDB');
    assert.deepEqual(r.coveredBy, ['nightly / daily']);
    assert.match(r.todo.join(' '), /make its backup jobs succeed/);
  });

  it('covering plans come from selections (wildcards, NotResources) and from the points’ creators', () => {
    const p = point(BUCKET, 'S3', 'continuous', {
      CreatedBy: { BackupPlanId: 'p2', BackupPlanName: 'pitr-plan', BackupRuleName: 'cont' },
    });
    const r = one([p], {
      selections: [
        { planId: 'p1', name: 'all-buckets', resources: ['arn:aws:s3:::*'], notResources: [], byTags: false },
        {
          planId: 'p3',
          name: 'not-orders',
          resources: ['arn:aws:s3:::*'],
          notResources: [BUCKET],
          byTags: false,
        },
      ],
      rules: [
        { planId: 'p1', planName: 'nightly', ruleName: 'daily', continuous: false, vault: 'Default' },
        { planId: 'p2', planName: 'pitr-plan', ruleName: 'cont', continuous: true, vault: 'pitr' },
        { planId: 'p3', planName: 'other', ruleName: 'x', continuous: false, vault: 'Default' },
      ],
    });
    assert.deepEqual(r.coveredBy, ['nightly / daily', 'pitr-plan / cont (continuous)']);
  });

  it('a selection by tags may cover a resource: its plans are named as "maybe", and the advice says to check the tags', () => {
    const rules = [
      { planId: 'p1', planName: 'tagged-plan', ruleName: 'daily', continuous: false, vault: 'Default' },
      { planId: 'p2', planName: 'cond-plan', ruleName: 'hourly', continuous: false, vault: 'Default' },
    ];
    const resources = [{ ResourceArn: TABLE, ResourceType: 'DynamoDB' }];
    const byTag = { planId: 'p1', name: 'tagged', resources: [], notResources: [], byTags: 'or' as const };
    const r = one([], { resources, rules, selections: [byTag] });
    assert.deepEqual(r.coveredBy, []);
    assert.deepEqual(r.maybeCoveredBy, ['tagged-plan / daily']);
    assert.doesNotMatch(r.todo.join(' '), /add it to a backup plan’s selection/);
    assert.match(
      r.todo.join(' '),
      /"tagged" of tagged-plan may pick it by its tags.*check that its tags match/,
    );
    const md = formatReport(
      { now: NOW.toISOString(), rows: [r], failures: [], warnings: [], targets: 1, requests: 0 },
      'markdown',
    );
    assert.match(md, /maybe, by tags: tagged-plan \/ daily/);

    // ListOfTags is OR-ed with Resources: named by ARN, it is covered whatever its tags.
    const named = one([], { resources, rules, selections: [{ ...byTag, resources: [TABLE] }] });
    assert.deepEqual(named.coveredBy, ['tagged-plan / daily']);
    assert.deepEqual(named.maybeCoveredBy, []);
    // Conditions are AND-ed with Resources: named by ARN, it is still only "maybe".
    const cond = one([], {
      resources,
      rules,
      selections: [{ planId: 'p2', name: 'cond', resources: [TABLE], notResources: [], byTags: 'and' }],
    });
    assert.deepEqual(cond.coveredBy, []);
    assert.deepEqual(cond.maybeCoveredBy, ['cond-plan / hourly']);
    // NotResources excludes it; a type the Region has not opted in is skipped by a tag-only pick.
    const excluded = one([], { resources, rules, selections: [{ ...byTag, notResources: [TABLE] }] });
    assert.deepEqual(excluded.maybeCoveredBy, []);
    assert.match(excluded.todo.join(' '), /add it to a backup plan’s selection/);
    const notOptedIn = one([], { resources, rules, selections: [byTag], optIn: { DynamoDB: false } });
    assert.deepEqual(notOptedIn.maybeCoveredBy, []);
  });

  it('a selection with no Resources, tags or conditions selects every opted-in resource', () => {
    const rules = [{ planId: 'p1', planName: 'all', ruleName: 'daily', continuous: false, vault: 'Default' }];
    const resources = [{ ResourceArn: TABLE, ResourceType: 'DynamoDB' }];
    const selections = [
      { planId: 'p1', name: 'everything', resources: [], notResources: [], byTags: false as const },
    ];
    assert.deepEqual(one([], { resources, rules, selections, optIn: { DynamoDB: true } }).coveredBy, [
      'all / daily',
    ]);
    assert.deepEqual(one([], { resources, rules, selections }).maybeCoveredBy, ['all / daily']);
    const off = one([], { resources, rules, selections, optIn: { DynamoDB: false } });
    assert.deepEqual([off.coveredBy, off.maybeCoveredBy], [[], []]);
  });

  it('an RDS cluster known by its ARN only has no type (Aurora, Neptune or DocumentDB); AWS’s own type is kept', () => {
    const rules = [
      { planId: 'p1', planName: 'nightly', ruleName: 'daily', continuous: false, vault: 'Default' },
    ];
    const selections = [
      { planId: 'p1', name: 'sel', resources: [CLUSTER], notResources: [], byTags: false as const },
    ];
    const r = one([], { rules, selections });
    assert.equal(r.resourceType, undefined);
    assert.equal(r.targetMs, DEFAULT_TARGETS.other);
    assert.ok(r.notes.some((x) => /Neptune/.test(x)));
    const table = formatReport(
      { now: NOW.toISOString(), rows: [r], failures: [], warnings: [], targets: 1, requests: 0 },
      'table',
    );
    assert.match(table.split('\n')[2]!, /cluster:anal…\s+unknown\s/);
    const neptune = one([], {
      rules,
      selections,
      resources: [{ ResourceArn: CLUSTER, ResourceType: 'Neptune', ResourceName: 'graph' }],
    });
    assert.equal(neptune.resourceType, 'Neptune');
    assert.equal(resourceTypeOfArn(CLUSTER), undefined);
    assert.equal(resourceTypeOfArn(DB), 'RDS');
    assert.equal(resourceTypeOfArn(BUCKET), 'S3');
  });

  it('clock skew: a point dated minutes ahead counts as now; one dated hours ahead is not trusted', () => {
    const skewed = one([
      point(TABLE, 'DynamoDB', 'snapshot', { CreationDate: new Date(NOW.getTime() + 5 * MIN) }),
    ]);
    assert.equal(skewed.rpoMs, 0);
    assert.ok(skewed.notes.some((x) => /5 min after now \(clock skew\): counted as now/.test(x)));
    const future = one([
      point(TABLE, 'DynamoDB', 'snapshot', { CreationDate: new Date(NOW.getTime() + 3 * HOUR) }),
    ]);
    assert.equal(future.rpoMs, null);
    assert.equal(future.protection, 'none');
    assert.equal(future.verdict, 'misses');
    assert.ok(future.notes.some((x) => /3 h after now: not counted.*clock \(or --now\)/.test(x)));
  });

  it('a continuous point started within its restore lag restores nothing yet', () => {
    const r = one([point(BUCKET, 'S3', 'continuous', { CreationDate: ago(5 * MIN) })]);
    assert.equal(r.rpoMs, null);
    assert.ok(r.notes.some((x) => /Nothing is restorable yet/.test(x)));
  });

  it('--now moves the RPO: the same snapshot meets at one "now" and misses a day later', () => {
    const pts = [point(TABLE, 'DynamoDB', 'snapshot', { CreationDate: ago(2 * HOUR) })];
    assert.equal(one(pts).verdict, 'meets');
    const later = one(pts, {}, DEFAULT_TARGETS, new Date(NOW.getTime() + DAY));
    assert.equal(later.rpoMs, 26 * HOUR);
    assert.equal(later.verdict, 'misses');
  });

  it('a type the Region does not opt in says so and what to do', () => {
    const r = one([point(TABLE, 'DynamoDB', 'snapshot', { CreationDate: ago(HOUR) })], {
      optIn: { DynamoDB: false, S3: true },
    });
    assert.equal(r.optedIn, false);
    assert.match(r.todo.join(' '), /Opt DynamoDB in for eu-west-1/);
  });

  it('targets per type: S3=5m makes a live S3 continuous backup miss, with the lag advice', () => {
    const t = targetsFrom(['S3=5m']);
    assert.ok(typeof t !== 'string');
    const r = one([point(BUCKET, 'S3', 'continuous')], {}, t);
    assert.equal(r.verdict, 'misses');
    assert.match(r.todo.join(' '), /no AWS Backup setting shortens it/);
  });

  it('breaches sort first, nothing-restorable before the furthest over target', () => {
    const rows = postureRows(
      target,
      facts(
        [
          point(DB, 'RDS', 'continuous'),
          point(TABLE, 'DynamoDB', 'snapshot', { CreationDate: ago(3 * DAY) }),
          point(BUCKET, 'S3', 'snapshot', { CreationDate: ago(2 * HOUR) }),
        ],
        { failedJobs: [{ ResourceArn: 'arn:aws:s3:::none', ResourceType: 'S3', State: 'FAILED' }] },
      ),
      NOW,
      DEFAULT_TARGETS,
    );
    assert.deepEqual(
      sortRows(rows).map((r) => `${r.verdict} ${r.resourceArn}`),
      [
        'misses arn:aws:s3:::none',
        `misses ${TABLE}`, // 3 d over 24 h: ×3
        `misses ${BUCKET}`, // 2 h over 60 min: ×2
        `meets ${DB}`,
      ],
    );
  });
});

describe('Region names (src/backup/arn.ts, the one check)', () => {
  it('every partition’s Regions are Regions; Availability Zones and other text are not', () => {
    for (const r of [
      'us-east-1',
      'eu-central-2',
      'ap-southeast-5',
      'il-central-1',
      'us-gov-west-1',
      'cn-north-1',
      'us-iso-east-1',
      'us-isob-east-1',
      'eusc-de-east-1',
    ])
      assert.ok(isRegionName(r), r);
    for (const r of ['us-east-1a', 'US-EAST-1', 'us-east', 'east-1', 'u-east-1', 'us-east-1 ', '', 'local'])
      assert.ok(!isRegionName(r), r);
  });
});

describe('recovery posture: which rows open a timeline (once per report)', () => {
  it('the explorer’s own account and Region, with a point; not another profile’s, nor one without a point', () => {
    const explorer = { profile: 'prod', region: 'eu-west-1' };
    const others: PostureTarget[] = [
      { account: 'prod', connection: explorer },
      { account: 'prod', connection: { profile: 'prod', region: 'us-east-1' } },
      { account: 'dev', connection: { profile: 'dev', region: 'eu-west-1' } },
    ];
    let reads = 0;
    // The targets are read when the answer is built, never per row.
    const counted = new Proxy(others, {
      get: (t, k, r) => {
        if (k === Symbol.iterator) reads++;
        return Reflect.get(t, k, r) as unknown;
      },
    });
    const canOpen = openableRows(explorer, counted);
    const row = one([point(BUCKET, 'S3', 'continuous', { CreationDate: ago(DAY) })]);
    const answers = Array.from({ length: 500 }, () => canOpen(row));
    assert.ok(answers.every(Boolean));
    assert.equal(reads, 1);
    assert.equal(canOpen({ ...row, region: 'us-east-1' }), false, 'another Region of the same profile');
    assert.equal(canOpen({ ...row, account: 'dev' }), false, 'another profile');
    const noPoint: PostureRow = { ...row };
    delete noPoint.recoveryPointArn;
    assert.equal(canOpen(noPoint), false, 'no recovery point');
    assert.equal(openableRows(undefined, others)(row), false, 'not connected');
  });
});

describe('recovery posture: targets and durations', () => {
  it('parses durations and refuses what is not one', () => {
    assert.equal(parseDuration('15m'), 15 * MIN);
    assert.equal(parseDuration('1h30m'), 90 * MIN);
    assert.equal(parseDuration('2d'), 2 * DAY);
    assert.equal(parseDuration('90s'), 90_000);
    for (const bad of ['', '15', 'm', '1x', '-1h', '0m']) assert.equal(parseDuration(bad), undefined, bad);
    assert.equal(formatDuration(90 * MIN), '1 h 30 min');
    assert.equal(formatDuration(6 * DAY + 2 * HOUR), '6 d 2 h');
  });

  it('a bare target sets every type; a typed one wins whatever the order; types match any case', () => {
    const t = targetsFrom(['s3=15m', '2h']);
    assert.ok(typeof t !== 'string');
    assert.deepEqual(t, { byType: { S3: 15 * MIN }, other: 2 * HOUR });
    assert.match(
      targetsFrom(['S4=1h']) as string,
      /"S4" is not an AWS Backup resource type: use one of Aurora/,
    );
    assert.match(targetsFrom(['S3=soon']) as string, /"soon" is not a duration/);
  });
});

describe('recovery posture: formats keep AWS text inert', () => {
  const hostile: PostureRow = {
    ...one([point(BUCKET, 'S3', 'continuous', { Status: 'STOPPED', CompletionDate: ago(DAY) })]),
    resourceName: '=HYPERLINK("http://x")|[a](http://x)<img src=x>\u001b[31m',
    stopReason: '<script>alert(1)</script>',
  };
  const report: PostureReport = {
    now: NOW.toISOString(),
    rows: [hostile],
    failures: [{ account: 'dev', region: 'ap-south-2', message: 'AWS rejected the credentials' }],
    warnings: [],
    targets: 2,
    requests: 10,
  };

  it('markdown escapes markup, pipes and HTML; the table strips terminal escapes', () => {
    const md = formatReport(report, 'markdown');
    assert.ok(!md.includes('<img'), md);
    assert.ok(!md.includes('[a](http'), md);
    assert.ok(md.includes('\\|\\[a\\]\\(http:/&#8203;/x\\)&lt;img src=x&gt;'), md);
    assert.match(md, /## Not read\n\n- dev · ap-south-2: NOT READ: AWS rejected the credentials/);
    const table = formatReport(report, 'table');
    assert.ok(!table.includes('\u001b'), 'no escape character reaches the terminal');
    assert.match(table, /MISSES\s+prod\s+eu-west-1/);
  });

  it('no live link in the Markdown, and no bidirectional override in any text format', () => {
    const text = 'see https://evil.example/x, WWW.evil.example or ops@evil.example \u202eexe.txt\u2066';
    const r: PostureReport = {
      ...report,
      rows: [{ ...hostile, resourceName: text }],
      failures: [{ account: 'dev', region: 'ap-south-2', message: text }],
    };
    const md = formatReport(r, 'markdown');
    assert.doesNotMatch(md, /https:\/\/|www\.|@evil/i, md);
    assert.ok(md.includes('https:/&#8203;/evil.example/x'), md);
    for (const f of ['markdown', 'table', 'csv'] as const) {
      const out = formatReport(r, f);
      assert.doesNotMatch(out, /[\u202e\u2066]/, f);
      const escaped = f === 'markdown' ? '\\\\u202eexe.txt\\\\u2066' : '\\u202eexe.txt\\u2066';
      assert.ok(out.includes(escaped), `${f}: the override is shown as its escape`);
    }
  });

  it('CSV quotes fields and defuses formulas; JSON round-trips', () => {
    const csv = formatReport(report, 'csv');
    const line = csv.split('\r\n')[1]!;
    assert.ok(line.includes(`"'=HYPERLINK(""http://x"")`), line);
    assert.match(csv, /\r\nNOT READ,dev,,ap-south-2,/);
    const json = JSON.parse(formatReport(report, 'json')) as PostureReport;
    assert.equal(json.rows[0]!.stopReason, '<script>alert(1)</script>');
  });
});

describe('recovery posture: the planted bugs it must catch', () => {
  it('a snapshot restores the moment it was taken: its CreationDate, not when the job completed', () => {
    // A snapshot begun 3 h ago whose job took until 40 min ago holds the data of 3 h ago.
    const r = one([
      point(DB, 'RDS', 'snapshot', { CreationDate: ago(3 * HOUR), CompletionDate: ago(40 * MIN) }),
    ]);
    assert.equal(r.rpoMs, 3 * HOUR);
    assert.equal(r.earliestRestorable, ago(3 * HOUR).toISOString());
    assert.equal(r.verdict, 'misses');
  });

  it('CSV defuses every leading formula character: =, +, -, @', () => {
    const base = one([point(BUCKET, 'S3', 'continuous', { Status: 'STOPPED', CompletionDate: ago(DAY) })]);
    const names = ['-2+3+cmd|/C calc', '+1', '=1', '@SUM(A1)', 'plain-name'];
    const report: PostureReport = {
      now: NOW.toISOString(),
      rows: names.map((resourceName) => ({ ...base, resourceName })),
      failures: [],
      warnings: [],
      targets: 1,
      requests: 1,
    };
    const lines = formatReport(report, 'csv')
      .split('\r\n')
      .slice(1, 1 + names.length);
    const cells = lines.map((l) => l.split(',')[4]);
    assert.deepEqual(cells, ["'-2+3+cmd|/C calc", "'+1", "'=1", "'@SUM(A1)", 'plain-name']);
  });
});
