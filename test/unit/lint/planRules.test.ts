import { strict as assert } from 'node:assert';
import { applyFix, codes, only, plan, run } from './helpers';

describe('plan rules', () => {
  describe('PLAN001 cron expressions', () => {
    const bad: [string, RegExp, string | undefined][] = [
      ['cron(0 5 * * *)', /five fields/, 'cron(0 5 ? * * *)'],
      ['cron(30 2 * * 1)', /five fields/, 'cron(30 2 ? * 2 *)'],
      ['cron(0 5 1 * *)', /five fields/, 'cron(0 5 1 * ? *)'],
      ['cron(0 5 1 * 1)', /five fields/, undefined],
      ['rate(1 hour)', /rate expression/, 'cron(0 * ? * * *)'],
      ['rate(7 days)', /rate expression/, undefined],
      ['cron(0 5 * * * *)', /exactly one of day-of-month/, 'cron(0 5 ? * * *)'],
      ['cron(0 5 ? * ? *)', /exactly one of day-of-month/, undefined],
      ['cron(60 5 ? * * *)', /minutes field "60"/, undefined],
      ['cron(0 24 ? * * *)', /hours field "24"/, undefined],
      ['cron(0 5 ? * 0 *)', /0 is not a day of week/, undefined],
      ['cron(0 5 ? 13 * *)', /month field "13"/, undefined],
      ['cron(0 5 ? * * 1969)', /year field/, undefined],
      ['cron(0 5 ? * MON#6 *)', /#1 to #5/, undefined],
      ['cron(0 5 ? *)', /4 fields/, undefined],
      ['daily', /not a schedule expression/, undefined],
    ];
    for (const [expr, message, fix] of bad) {
      it(`rejects ${expr}`, () => {
        const text = plan({ ScheduleExpression: expr });
        const f = only(text, 'PLAN001');
        assert.equal(f.length, 1, JSON.stringify(run(text)));
        assert.equal(f[0]!.at, JSON.stringify(expr));
        assert.match(f[0]!.message, message);
        if (fix) {
          const fixed = applyFix(text, f[0]!);
          assert.ok(fixed.includes(JSON.stringify(fix)), fixed);
          assert.deepEqual(codes(fixed), []);
        } else assert.equal(f[0]!.fixes, undefined);
      });
    }
    for (const expr of [
      'cron(0 5 ? * * *)',
      'cron(0 5 1 * ? *)',
      'cron(15 */6 ? * MON-FRI *)',
      'cron(0 0 L * ? *)',
      'cron(0 3 ? * 6#3 2026-2030)',
      'cron(0 12 ? JAN,JUL * *)',
      'cron(0 0 15W * ? *)',
      'cron(0 1 ? * FRI-MON *)',
    ])
      it(`accepts ${expr}`, () => assert.deepEqual(codes(plan({ ScheduleExpression: expr })), []));
  });

  describe('PLAN006 more often than hourly', () => {
    it('warns on a schedule that fires several times an hour', () => {
      const f = only(plan({ ScheduleExpression: 'cron(0/15 * ? * * *)' }), 'PLAN006');
      assert.equal(f.length, 1);
      assert.equal(f[0]!.severity, 'warning');
      assert.match(f[0]!.message, /4 times an hour/);
    });
    it('accepts hourly', () =>
      assert.deepEqual(codes(plan({ ScheduleExpression: 'cron(0 * ? * * *)' })), []));
  });

  describe('PLAN002 StartWindowMinutes', () => {
    it('rejects below 60, with a fix to 60', () => {
      const text = plan({ StartWindowMinutes: 30 });
      const [f] = only(text, 'PLAN002');
      assert.equal(f?.at, '30');
      assert.deepEqual(codes(applyFix(text, f)), []);
    });
    it('rejects above 52,560,000', () =>
      assert.deepEqual(codes(plan({ StartWindowMinutes: 52_560_001 })), ['PLAN002']));
    it('accepts 60', () => assert.deepEqual(codes(plan({ StartWindowMinutes: 60 })), []));
  });

  describe('PLAN003 cold storage gap', () => {
    it('rejects DeleteAfterDays < cold + 90 in a rule', () => {
      const text = plan({ Lifecycle: { MoveToColdStorageAfterDays: 30, DeleteAfterDays: 100 } });
      const [f] = only(text, 'PLAN003');
      assert.equal(f?.at, '100');
      assert.match(f.message, /120/);
      assert.deepEqual(codes(applyFix(text, f)), []);
    });
    it('rejects it in a copy action', () => {
      const text = plan({
        CopyActions: [
          {
            DestinationBackupVaultArn: 'arn:aws:backup:us-west-2:123456789012:backup-vault:dr',
            Lifecycle: { MoveToColdStorageAfterDays: 10, DeleteAfterDays: 50 },
          },
        ],
      });
      assert.deepEqual(codes(text), ['PLAN003']);
      assert.match(only(text, 'PLAN003')[0]!.message, /copy action/);
    });
    it('accepts exactly cold + 90, and -1 (keep forever)', () => {
      assert.deepEqual(
        codes(plan({ Lifecycle: { MoveToColdStorageAfterDays: 30, DeleteAfterDays: 120 } })),
        [],
      );
      assert.deepEqual(
        codes(plan({ Lifecycle: { MoveToColdStorageAfterDays: -1, DeleteAfterDays: -1 } })),
        [],
      );
    });
  });

  describe('PLAN004 duplicate RuleName', () => {
    it('flags the second rule of a name', () => {
      const text = plan({}, [{ RuleName: 'r1', TargetBackupVaultName: 'Other' }]);
      const f = only(text, 'PLAN004');
      assert.equal(f.length, 1);
      assert.ok(f[0]!.offset > text.indexOf('"Other"') - 60);
    });
    it('accepts distinct names', () =>
      assert.deepEqual(codes(plan({}, [{ RuleName: 'r2', TargetBackupVaultName: 'Other' }])), []));
  });

  describe('PLAN005 time zones', () => {
    it('rejects an unknown zone and suggests the near one', () => {
      const text = plan({ ScheduleExpressionTimezone: 'America/Los_Angelos' });
      const [f] = only(text, 'PLAN005');
      assert.match(f!.message, /Did you mean "America\/Los_Angeles"/);
      assert.deepEqual(codes(applyFix(text, f!)), []);
    });
    for (const tz of ['America/Los_Angeles', 'UTC', 'Etc/UTC', 'Europe/Paris', 'Asia/Kolkata'])
      it(`accepts ${tz}`, () => assert.deepEqual(codes(plan({ ScheduleExpressionTimezone: tz })), []));
  });
});

describe('PITR rules', () => {
  const continuous = (lifecycle: Record<string, unknown> | undefined, extra: Record<string, unknown> = {}) =>
    plan({ EnableContinuousBackup: true, ...(lifecycle ? { Lifecycle: lifecycle } : {}), ...extra });

  it('PITR001: continuous rule without DeleteAfterDays', () => {
    assert.deepEqual(codes(continuous(undefined)), ['PITR001']);
    assert.equal(only(continuous(undefined), 'PITR001')[0]!.at, '"EnableContinuousBackup"');
    assert.equal(only(continuous({}), 'PITR001')[0]!.at, '"Lifecycle"');
    assert.deepEqual(codes(continuous({ DeleteAfterDays: 35 })), []);
  });

  it('PITR002: retention outside 1–35, fixed to 35', () => {
    for (const days of [0, 36, 365]) {
      const text = continuous({ DeleteAfterDays: days });
      const [f] = only(text, 'PITR002');
      assert.equal(f?.at, String(days));
      assert.deepEqual(codes(applyFix(text, f)), []);
    }
    assert.deepEqual(codes(continuous({ DeleteAfterDays: 1 })), []);
  });

  it('PITR003: cold storage or archive on a continuous rule, removed by the fix', () => {
    const text = continuous({
      MoveToColdStorageAfterDays: 7,
      DeleteAfterDays: 35,
      OptInToArchiveForSupportedResources: true,
    });
    const fs = only(text, 'PITR003');
    assert.deepEqual(
      fs.map((f) => f.at),
      ['"MoveToColdStorageAfterDays"', '"OptInToArchiveForSupportedResources"'],
    );
    let fixed = applyFix(text, fs[0]!);
    fixed = applyFix(fixed, only(fixed, 'PITR003')[0]!);
    assert.doesNotThrow(() => JSON.parse(fixed));
    const parsed = JSON.parse(fixed) as { Rules: { Lifecycle: unknown }[] };
    assert.deepEqual(parsed.Rules[0]!.Lifecycle, { DeleteAfterDays: 35 });
    assert.deepEqual(
      codes(continuous({ DeleteAfterDays: 35, OptInToArchiveForSupportedResources: false })),
      [],
    );
  });

  it('PITR004: copy actions on a continuous rule are snapshots', () => {
    const copies = {
      CopyActions: [{ DestinationBackupVaultArn: 'arn:aws:backup:us-west-2:123456789012:backup-vault:dr' }],
    };
    assert.deepEqual(codes(continuous({ DeleteAfterDays: 35 }, copies)), ['PITR004']);
    assert.deepEqual(codes(continuous({ DeleteAfterDays: 35 }, { CopyActions: [] })), []);
    assert.deepEqual(codes(plan(copies)), []);
  });

  it('PITR005: continuous rules into different vaults; PITR006: several into one', () => {
    const second = (vault: string, days: number) => ({
      RuleName: `c-${vault}-${days}`,
      TargetBackupVaultName: vault,
      EnableContinuousBackup: true,
      Lifecycle: { DeleteAfterDays: days },
    });
    assert.deepEqual(
      codes(
        plan({ EnableContinuousBackup: true, Lifecycle: { DeleteAfterDays: 35 } }, [second('Other', 35)]),
      ),
      ['PITR005'],
    );
    const same = plan({ EnableContinuousBackup: true, Lifecycle: { DeleteAfterDays: 14 } }, [
      second('Default', 35),
    ]);
    const f = only(same, 'PITR006');
    assert.equal(f.length, 1, 'only the shorter rule is flagged');
    assert.match(f[0]!.message, /longest retention \(35 days\)/);
    assert.ok(f[0]!.offset < same.indexOf('c-Default-35'), 'the flagged rule is the first (14 days)');
    assert.deepEqual(codes(plan({ EnableContinuousBackup: true, Lifecycle: { DeleteAfterDays: 35 } })), []);
  });

  it('PITR007: off by default, a hint when turned on', () => {
    const text = continuous({ DeleteAfterDays: 14 });
    assert.deepEqual(codes(text), []);
    const f = run(text, { severity: { PITR007: 'hint' } });
    assert.deepEqual(
      f.map((x) => [x.code, x.severity]),
      [['PITR007', 'hint']],
    );
    assert.deepEqual(codes(continuous({ DeleteAfterDays: 35 }), { severity: { PITR007: 'hint' } }), []);
  });
});

describe('plan forms', () => {
  const inner = {
    BackupPlanName: 'p',
    Rules: [{ RuleName: 'r', TargetBackupVaultName: 'v1', ScheduleExpression: 'cron(0 5 * * *)' }],
  };
  it('lints create-backup-plan --cli-input-json', () => {
    assert.deepEqual(codes(JSON.stringify({ BackupPlan: inner, BackupPlanTags: { a: 'b' } })), ['PLAN001']);
  });
  it('lints update-backup-plan --cli-input-json', () => {
    assert.deepEqual(codes(JSON.stringify({ BackupPlanId: 'abc', BackupPlan: inner })), ['PLAN001']);
  });
  it('lints get-backup-plan output, rule ids and dates included', () => {
    const out = {
      BackupPlan: { ...inner, Rules: [{ ...inner.Rules[0], RuleId: 'x' }] },
      BackupPlanId: 'abc',
      BackupPlanArn: 'arn:aws:backup:us-east-1:123456789012:backup-plan:abc',
      VersionId: 'v',
      CreationDate: '2025-01-01T00:00:00+00:00',
    };
    assert.deepEqual(codes(JSON.stringify(out)), ['PLAN001']);
  });
  it('does not accept RuleId in an input plan', () => {
    assert.deepEqual(
      codes(
        JSON.stringify({
          BackupPlan: {
            ...inner,
            Rules: [{ ...inner.Rules[0], RuleId: 'x', ScheduleExpression: 'cron(0 5 ? * * *)' }],
          },
        }),
      ),
      ['SCHEMA001'],
    );
  });
});
