import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const SRC = join(__dirname, '..', '..', '..', '..', 'src');

/** Every .ts file below src/, as a path relative to it. */
function sources(dir = SRC, prefix = ''): string[] {
  return readdirSync(join(dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? sources(join(dir, e.name), `${prefix}${e.name}/`)
      : e.name.endsWith('.ts')
        ? [`${prefix}${e.name}`]
        : [],
  );
}

/**
 * The lenses a feature draws by document kind (redrawn only when a document's kind changes, the
 * editor title's context keys set) are written once, in src/ui/kindLenses.ts: the restore and deploy
 * features both call it, and neither keeps a copy of its onDidLint diffing.
 */
describe('CodeLenses by document kind are written once', () => {
  it('the restore and deploy editors draw theirs through registerKindLenses, with no copy of its diffing', () => {
    for (const file of ['restore/editor/register.ts', 'deploy/editor/register.ts']) {
      const text = readFileSync(join(SRC, file), 'utf8');
      assert.match(text, /registerKindLenses\(/, file);
      assert.doesNotMatch(text, /onDidChangeCodeLenses|lensKinds/, file);
    }
    const diffing = sources().filter((f) =>
      /onDidLint\([\s\S]{0,400}onDidChangeCodeLenses|onDidChangeCodeLenses[\s\S]{0,2000}onDidLint\(/.test(
        readFileSync(join(SRC, f), 'utf8'),
      ),
    );
    assert.deepEqual(diffing, ['ui/kindLenses.ts']);
  });
});
