import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULES } from '../../src/lint/rules';

const ROOT = join(__dirname, '..', '..', '..');

describe('the README a user reads (issue 22)', () => {
  const readme = (): string => readFileSync(join(ROOT, 'README.md'), 'utf8');

  it('is at most 400 lines; the rest is in docs/', () => {
    const lines = readme().split('\n').length - 1;
    assert.ok(lines <= 400, `README.md is ${lines} lines: move the detail to docs/`);
  });

  it('holds the two commands that work on a fresh machine, word for word', () => {
    assert.match(readme(), /```sh\nnpm ci && npm run sandbox\n```/);
    assert.match(readme(), /```sh\nnpm ci && npm test\n```/);
  });

  it('meets a Marketplace reader with the product: no machine set-up, no benchmark figures', () => {
    assert.doesNotMatch(readme(), /Debian|apt-get|code-server \+ Chromium|^## Benchmark/m);
    for (const page of ['formats', 'rules', 'emulator', 'development', 'benchmark'])
      assert.match(readme(), new RegExp(`\\(docs/${page}\\.md[)#]`), `the README links docs/${page}.md`);
  });
});

describe('documentation and manifest', () => {
  it('the rules table (docs/rules.md) lists every rule with its default severity', () => {
    const table = readFileSync(join(ROOT, 'docs', 'rules.md'), 'utf8');
    for (const r of RULES)
      assert.match(
        table,
        new RegExp(`\\| \`${r.code}\`\\s*\\| (off \\(hint\\)|${r.severity})\\s*\\|`),
        r.code,
      );
  });

  it('the README documents every setting the extension contributes', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      contributes: { configuration: { properties: Record<string, unknown> } };
    };
    for (const key of Object.keys(pkg.contributes.configuration.properties))
      assert.ok(readme.includes(`| \`${key}\``), key);
  });

  it('every setting the code reads is declared in package.json', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      contributes: {
        configuration: { properties: Record<string, unknown> };
        commands: { command: string; category: string }[];
      };
      engines: { vscode: string };
      activationEvents: string[];
    };
    const props = Object.keys(pkg.contributes.configuration.properties);
    for (const key of ['enable', 'files', 'severity', 'debounceMilliseconds'])
      assert.ok(props.includes(`awsBackupPitr.lint.${key}`), key);
    assert.ok(pkg.contributes.commands.every((c) => c.category === 'AWS Backup'));
    assert.match(pkg.engines.vscode, /^\^1\.(9[0-5]|[0-8]\d)\./, 'engines.vscode no newer than 1.95');
    assert.ok(!pkg.activationEvents.includes('*'));
  });
});
