import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** The operations the product sends: every `new XCommand(` outside the emulator. */
function operationsCalled(): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const file of sources(join(ROOT, 'src')).filter((f) => !f.includes(`${join('src', 'emulator')}`))) {
    for (const m of readFileSync(file, 'utf8').matchAll(/new ([A-Z][A-Za-z]+)Command\(/g))
      out.set(m[1]!, [...(out.get(m[1]!) ?? []), file.slice(ROOT.length + 1)]);
  }
  return out;
}

/** The policy the README's "Use it with your AWS account" section asks for, statement by statement. */
function readmePolicy(): { Sid: string; Action: string | string[] }[] {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Use it with your AWS account'));
  const json = /```json\n([\s\S]*?)```/.exec(section);
  assert.ok(json, 'the README has no IAM policy under "Use it with your AWS account"');
  return (JSON.parse(json[1]!) as { Statement: { Sid: string; Action: string | string[] }[] }).Statement;
}

describe('the IAM policy in the README', () => {
  const called = operationsCalled();
  const allowed = new Set(readmePolicy().flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action])));

  it('the code sends AWS Backup requests (the scan is not looking at nothing)', () => {
    for (const op of ['ListBackupVaults', 'StartRestoreJob', 'DeleteRecoveryPoint', 'UpdateBackupPlan'])
      assert.ok(called.has(op), op);
  });

  it('allows every action the extension and pitr-lint call', () => {
    const missing = [...called]
      .filter(([op]) => !allowed.has(`backup:${op}`))
      .map(([op, f]) => `${op} (${f.join(', ')})`);
    assert.deepEqual(missing, [], 'add these to the README policy (backup:<Operation>)');
  });

  it('asks for nothing the code does not call', () => {
    const extra = [...allowed].filter(
      (a) => a.startsWith('backup:') && !called.has(a.slice('backup:'.length)),
    );
    assert.deepEqual(extra, []);
    assert.ok(allowed.has('iam:PassRole'), 'restores and selections pass a role');
  });

  it('stopping and deleting are a statement of their own, apart from the read-only one', () => {
    const statements = readmePolicy();
    const readOnly = statements.find((s) => s.Sid === 'ExplorerAndLiveChecks');
    assert.ok(readOnly);
    const reads = Array.isArray(readOnly.Action) ? readOnly.Action : [readOnly.Action];
    assert.ok(
      reads.every((a) => /^backup:(List|Describe|Get)/.test(a)),
      reads.join(', '),
    );
    const stop = statements.find((s) => s.Sid === 'StopAndDelete');
    assert.deepEqual(stop?.Action, ['backup:DisassociateRecoveryPoint', 'backup:DeleteRecoveryPoint']);
  });
});
