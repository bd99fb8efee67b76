import { strict as assert } from 'node:assert';
import { DEFAULT_SETTINGS, mergeSettings, timeBudgetOf } from '../../../src/lsp/settings';

describe("pitr-lsp's settings", () => {
  it("default to pitr-lint's: every file by content, every rule at its severity, live allowed", () =>
    assert.deepEqual(DEFAULT_SETTINGS, { enable: true, files: {}, severity: {}, live: true }));

  it('take what is well formed and drop the rest', () => {
    const s = mergeSettings(DEFAULT_SETTINGS, {
      enable: 'yes',
      severity: { PLAN001: 'off', PITR007: 'loud', 'not a code': 'error' },
      files: { '**/backup/*.json': 'backup-plan', '[': 'backup-plan', 'x.json': 'pizza' },
      live: false,
    });
    assert.deepEqual(s, {
      enable: true,
      files: { '**/backup/*.json': 'backup-plan' },
      severity: { PLAN001: 'off' },
      live: false,
    });
  });

  it('ignore a settings value that is not an object', () => {
    for (const v of [null, 'x', 3, [1]])
      assert.deepEqual(mergeSettings(DEFAULT_SETTINGS, v), DEFAULT_SETTINGS);
  });

  it('bound the time budget', () => {
    assert.equal(timeBudgetOf({}), 10_000);
    assert.equal(timeBudgetOf({ timeBudgetMs: 1 }), 50);
    assert.equal(timeBudgetOf({ timeBudgetMs: 1e9 }), 600_000);
    assert.equal(timeBudgetOf({ timeBudgetMs: Number.NaN }), 10_000);
  });
});
