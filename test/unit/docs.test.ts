import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULES } from '../../src/lint/rules';

const ROOT = join(__dirname, '..', '..', '..');

describe('documentation and manifest', () => {
  it('the README rules table lists every rule with its default severity', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    for (const r of RULES)
      assert.match(
        readme,
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
