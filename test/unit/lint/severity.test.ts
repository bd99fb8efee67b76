import { strict as assert } from 'node:assert';
import { resolveSeverity, RULES, withSeverity } from '../../../src/lint/rules';
import { lint } from '../../../src/lint';

const raw = (code: string) => ({ code, message: 'm', offset: 0, length: 1 });

describe('one severity resolution for lint and live checks', () => {
  it('a code not named in the setting keeps its default from the rules table', () => {
    for (const r of RULES)
      if (r.code !== 'PITR007') assert.equal(resolveSeverity(r.code, {}), r.severity, r.code);
    assert.equal(resolveSeverity('LIVE004'), 'info');
    assert.equal(resolveSeverity('LIVE003', { LIVE003: 'error' }), 'error');
  });

  it('off by default stays off unless named, for live findings too; "off" drops any', () => {
    assert.equal(resolveSeverity('PITR007'), undefined);
    assert.equal(resolveSeverity('PITR007', { PITR007: 'hint' }), 'hint');
    assert.deepEqual(
      withSeverity([raw('LIVE001'), raw('LIVE002'), raw('PITR007')], { LIVE002: 'off' }).map((f) => [
        f.code,
        f.severity,
      ]),
      [['LIVE001', 'error']],
    );
  });

  it('a code the table does not list is an error in both paths, never a weaker default', () => {
    assert.equal(resolveSeverity('LIVE999'), 'error');
    assert.deepEqual(
      withSeverity([raw('LIVE999')]).map((f) => f.severity),
      ['error'],
    );
  });

  it('the engine resolves its findings the same way', () => {
    const text = JSON.stringify({
      BackupPlanName: 'p',
      Rules: [{ RuleName: 'r', TargetBackupVaultName: 'v', StartWindowMinutes: 30 }],
    });
    const findings = lint({ text, fileName: 'plan.json', severity: { PLAN002: 'warning' } })!.findings;
    assert.deepEqual(
      findings.map((f) => [f.code, f.severity]),
      [
        ['SCHEMA004', 'error'],
        ['PLAN002', 'warning'],
      ],
    );
  });
});
