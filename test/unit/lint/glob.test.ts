import { strict as assert } from 'node:assert';
import { globError, matchesGlob, warnOnce } from '../../../src/lint/glob';
import { lint } from '../../../src/lint';

const PLAN = '{"BackupPlanName":"p","Rules":[{"RuleName":"r","TargetBackupVaultName":"v1"}]}';

describe('lint.files and --kind globs', () => {
  it('a pattern with an unclosed brace or bracket matches nothing, says why, and never throws', () => {
    for (const bad of ['**/{plans,ops/*.json', 'backup/[ab.json', '*.{json']) {
      assert.equal(matchesGlob(bad, '/w/plans/a.json'), false, bad);
      assert.match(globError(bad) ?? '', /Missing closing/, bad);
    }
    // Linting goes on: the file is still recognised by its content.
    const r = lint({ text: PLAN, fileName: '/w/x.json', globs: { '**/{plans': 'backup-plan' } });
    assert.equal(r?.recognition.reason, 'content');
    assert.equal(globError('**/backup/*.json'), undefined);
  });

  it('nested "**/" patterns match in milliseconds, not seconds', () => {
    const deep = `/w/${'x/'.repeat(60)}b.json`;
    const patterns = [
      `${'**/'.repeat(12)}a/*.json`,
      '**/x/**/x/**/x/**/x/**/x/**/a.json',
      '**/*a*a*a*a*a*b',
      '**/x/**/x/**/a.json',
    ];
    for (const p of patterns) {
      const started = Date.now();
      for (const path of [deep, `/w/${'a'.repeat(250)}`]) matchesGlob(p, path);
      assert.ok(Date.now() - started < 100, `${p} took ${Date.now() - started} ms`);
    }
    // Redundant "**/**/" is one "**/": still a working pattern.
    assert.ok(matchesGlob(`${'**/'.repeat(12)}x/*.json`, deep));
    // Too many wildcards to match quickly: refused with a reason rather than slow.
    assert.match(globError(patterns[1]!) ?? '', /at most 3 are allowed/);
    assert.match(globError(patterns[2]!) ?? '', /at most 2 are allowed in one segment/);
    assert.ok(!matchesGlob(patterns[3]!, deep));
    assert.ok(matchesGlob(patterns[3]!, '/w/x/y/x/z/a.json'));
  });

  it('keeps the VS Code meaning: base name without a slash, end of path with one, dot files too', () => {
    assert.ok(matchesGlob('*.json', '/a/b/.plan.json'));
    assert.ok(matchesGlob('backup/*.json', '/a/backup/plan.json'));
    assert.ok(matchesGlob('backup/*.json', 'backup\\plan.json'));
    assert.ok(!matchesGlob('backup/*.json', '/a/mybackup/plan.json'));
    assert.ok(matchesGlob('/a/**/*.json', '/a/b/c/plan.json'));
    assert.ok(!matchesGlob('/a/**/*.json', '/z/a/b/plan.json'));
    assert.ok(matchesGlob('plans/[pd]*.json', '/r/plans/prod.json'));
  });

  it('warns about each bad pattern once, however often the settings are read', () => {
    const warned = new Set<string>();
    const files = { '{a': 'backup-plan', 'ok/*.json': 'backup-plan', '[x': 'restore-metadata' };
    assert.deepEqual(
      warnOnce(files, warned).map((w) => w.pattern),
      ['{a', '[x'],
    );
    assert.deepEqual(warnOnce(files, warned), []);
    assert.match(warnOnce({ 'b}/{c': 'backup-plan' }, warned)[0]!.message, /"b}\/\{c".*Missing closing/);
  });
});
