import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument, stringify } from 'yaml';
import { lint } from '../../../../src/lint';
import { embeddedCompletionsAt, embeddedHoverAt } from '../../../../src/lint/embeddedAssist';
import { extractTemplate } from '../../../../src/lint/formats/cloudformation';
import { applyEdits, isStrictJson, mutate, randomJson, rng } from '../fuzzSupport';
import { TEMPLATE_DIR, TEMPLATES } from './templateFixtures';

const SEEDS = TEMPLATES.map((f) => readFileSync(join(TEMPLATE_DIR, f), 'utf8'));

const YAML_NOISE = [
  '!Ref ',
  '!If [a, ',
  '!GetAtt ',
  '!Unknown ',
  '- ',
  ': ',
  '  ',
  '\t',
  '\n',
  '\n  - ',
  '{',
  '}',
  '[',
  ']',
  "'",
  '"',
  '&a ',
  '*a',
  '# ',
  '|\n',
  '>-\n',
  '? ',
  'Fn::If',
  '{"Ref": "V"}',
  '---\n',
  '%YAML 1.2\n',
  '\u2028',
];

function mutateYaml(text: string, next: () => number): string {
  let out = text;
  for (let i = 1 + Math.floor(next() * 3); i > 0; i--) {
    const at = Math.floor(next() * (out.length + 1));
    const op = next();
    const noise = YAML_NOISE[Math.floor(next() * YAML_NOISE.length)]!;
    if (op < 0.45) out = out.slice(0, at) + noise + out.slice(at);
    else if (op < 0.75) out = out.slice(0, at) + out.slice(at + 1 + Math.floor(next() * 8));
    else out = out.slice(0, at) + noise + out.slice(at + 1);
  }
  return out;
}

/** A template around random documents, in YAML (block or flow) or JSON. */
function randomTemplate(next: () => number): string {
  const doc = (property: string) => ({
    [property]:
      next() < 0.7 ? { BackupPlanName: 'p', BackupPlanRule: [randomJson(next, 4)] } : randomJson(next, 5),
  });
  const template = {
    AWSTemplateFormatVersion: '2010-09-09',
    Resources: {
      V: { Type: 'AWS::Backup::BackupVault', Properties: { BackupVaultName: 'v' } },
      P: { Type: 'AWS::Backup::BackupPlan', Properties: doc('BackupPlan') },
      S: {
        Type: 'AWS::Backup::BackupSelection',
        Properties: { BackupPlanId: 'x', ...doc('BackupSelection') },
      },
    },
  };
  const r = next();
  if (r < 0.3) return JSON.stringify(template, null, 2);
  return stringify(template, { collectionStyle: r < 0.5 ? 'flow' : 'any' });
}

function yamlReads(text: string): boolean {
  return parseDocument(text).errors.length === 0;
}

describe('fuzz: templates never make the engine throw or hang', () => {
  it('lints thousands of mutated and random templates; ranges stay in the text; fixes keep YAML and JSON readable', function () {
    this.timeout(120_000);
    const next = rng(20261203);
    let fixes = 0;
    for (let i = 0; i < 2500; i++) {
      const base = i % 2 === 0 ? randomTemplate(next) : SEEDS[i % SEEDS.length]!;
      const text = i % 7 === 0 ? base : i % 3 === 0 ? mutate(base, next) : mutateYaml(base, next);
      const started = Date.now();
      let result;
      try {
        extractTemplate(text);
        result = lint({ text, fileName: 'template.yaml' });
        const offset = Math.floor(next() * (text.length + 1));
        embeddedHoverAt(text, 'template.yaml', offset);
        embeddedCompletionsAt(text, 'template.yaml', offset);
      } catch (e) {
        assert.fail(`threw on ${JSON.stringify(text)}: ${e instanceof Error ? e.stack : String(e)}`);
      }
      assert.ok(
        Date.now() - started < 3000,
        `took ${Date.now() - started} ms on ${JSON.stringify(text).slice(0, 200)}`,
      );
      const json = text.trimStart().startsWith('{');
      const readable = json ? isStrictJson(text) : yamlReads(text);
      for (const f of result?.findings ?? []) {
        assert.ok(f.offset >= 0 && f.offset + f.length <= text.length, `range out of the text: ${f.code}`);
        assert.ok(f.message.length > 0);
        for (const fix of f.fixes ?? []) {
          const fixed = applyEdits(text, fix.edits);
          if (readable)
            assert.ok(
              json ? isStrictJson(fixed) : yamlReads(fixed),
              `${f.code} "${fix.title}" broke ${JSON.stringify(text)}: ${JSON.stringify(fixed)}`,
            );
          fixes++;
        }
      }
    }
    assert.ok(fixes > 100, `only ${fixes} quick fixes were tried`);
  });
});
