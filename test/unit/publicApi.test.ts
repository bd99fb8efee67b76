import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TEST_HOOKS_ENV, testHooksAllowed } from '../../src/testHooks';

const ROOT = join(__dirname, '..', '..', '..');

describe('what the extension gives other extensions', () => {
  it('the test hooks need both development mode and the launcher’s environment flag', () => {
    assert.equal(testHooksAllowed({ [TEST_HOOKS_ENV]: '1' }, false), true);
    assert.equal(
      testHooksAllowed({ [TEST_HOOKS_ENV]: '1' }, true),
      false,
      'an installed .vsix never returns them',
    );
    assert.equal(testHooksAllowed({}, false), false);
    assert.equal(testHooksAllowed({ [TEST_HOOKS_ENV]: 'true' }, false), false);
  });

  it('the public API declares nothing that reaches AWS or starts a restore', () => {
    const src = readFileSync(join(ROOT, 'src', 'extension.ts'), 'utf8');
    const body = /export interface ExtensionApi \{([\s\S]*?)\n\}/.exec(src)?.[1] ?? '';
    const members = [...body.matchAll(/^\s{2}(\w+)\(/gm)].map((m) => m[1]);
    assert.deepEqual(members.sort(), ['lintResultFor', 'lintWorkspace', 'loaded']);
  });
});
