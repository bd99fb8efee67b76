import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');
const read = (...p: string[]): string => readFileSync(join(ROOT, ...p), 'utf8');

/**
 * The webviews' scripts are TypeScript in media/, built into dist/webview/ (`npm run test:unit`
 * builds them), and take times from the domain core rather than copies of it (issue 22).
 */
describe('the webviews’ scripts, built from TypeScript that imports the core', () => {
  const panels = [
    ['src/explorer/timelinePanel.ts', 'timeline'],
    ['src/posture/editor/panel.ts', 'posture'],
  ] as const;

  it('each panel loads a script built from media/<name>.ts, a browser bundle with nothing of Node or vscode', () => {
    for (const [panel, name] of panels) {
      assert.match(read(panel), new RegExp(`js: '${name}\\.js'`), panel);
      assert.ok(existsSync(join(ROOT, 'media', `${name}.ts`)), `media/${name}.ts`);
      assert.ok(!existsSync(join(ROOT, 'media', `${name}.js`)), `no hand-written media/${name}.js beside it`);
      const built = read('dist', 'webview', `${name}.js`);
      assert.doesNotMatch(built, /\brequire\(|from ['"]vscode['"]/, `dist/webview/${name}.js`);
    }
  });

  it('the timeline writes times and picks the clicked second with the core’s calendar, not a copy', () => {
    const source = read('media', 'timeline.ts');
    assert.match(source, /import \{ secondInWindow \} from '\.\.\/src\/backup\/calendar';/);
    assert.match(source, /import \{ formatLocal, formatUtc \} from '\.\.\/src\/backup\/format';/);
    assert.doesNotMatch(source, /toISOString|toLocale\w*String|getTimezoneOffset|\/ 1000\) \* 1000/);
  });
});
