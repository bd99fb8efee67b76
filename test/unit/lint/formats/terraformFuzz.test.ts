import { strict as assert } from 'node:assert';
import { terraformPlanAdapter } from '../../../../src/lint/formats/terraformPlan';
import type { FormatAdapter } from '../../../../src/lint/formats/types';
import { mutate, rng } from '../fuzzSupport';
import { allNodes, applyEdits, fixture, lintWith, terraform } from './terraformSupport';

const NOISE = [
  '{',
  '}',
  '"',
  '${',
  '%{',
  '=',
  '\n',
  '#',
  '/*',
  '*/',
  '<<EOT\n',
  '[',
  ']',
  ',',
  '(',
  ')',
  '\\',
  '-',
  '.',
  '0',
  'null',
  'true',
  'var.x',
  'dynamic "rule" {',
  'rule {',
  'lifecycle {',
  'cold_storage_after = 7\n',
  'aws_backup_vault.primary.name',
  '\u00e9',
  '😀',
  '\ud800',
  '\r\n',
  '\t',
];

function mutateHcl(text: string, next: () => number): string {
  let out = text;
  for (let i = 1 + Math.floor(next() * 4); i > 0; i--) {
    const at = Math.floor(next() * (out.length + 1));
    const op = next();
    const piece = NOISE[Math.floor(next() * NOISE.length)]!;
    if (op < 0.45) out = out.slice(0, at) + piece + out.slice(at);
    else if (op < 0.75) out = out.slice(0, at) + out.slice(at + 1 + Math.floor(next() * 8));
    else out = out.slice(0, at) + piece + out.slice(at + 1);
  }
  return out;
}

function randomHcl(next: () => number): string {
  let out = 'resource "aws_backup_plan" "r" {\n';
  for (let i = Math.floor(next() * 40); i > 0; i--) out += NOISE[Math.floor(next() * NOISE.length)]!;
  return out;
}

describe('fuzz: the Terraform adapter never throws, never hangs, and stays in range', () => {
  let tf: FormatAdapter;
  before(async () => {
    tf = await terraform();
  });

  it('reads thousands of mutated and random .tf files; fixes keep valid HCL valid', function () {
    this.timeout(120_000);
    const seeds = ['seminar.tf', 'unknowns.tf', 'twoVaults.tf'].map(fixture);
    const next = rng(20260312);
    let fixesChecked = 0;
    let documents = 0;
    for (let i = 0; i < 1200; i++) {
      const text = i % 7 === 0 ? randomHcl(next) : mutateHcl(seeds[i % seeds.length]!, next);
      const started = Date.now();
      let found;
      try {
        const r = tf.extract(text, 'main.tf');
        for (const d of r?.documents ?? []) {
          documents++;
          for (const n of [d.resource, ...allNodes(d.root)])
            assert.ok(
              n.offset >= 0 && n.length >= 0 && n.offset + n.length <= text.length,
              `node out of range in ${JSON.stringify(text)}`,
            );
        }
        found = lintWith(tf, text);
      } catch (e) {
        assert.fail(`threw on ${JSON.stringify(text)}: ${e instanceof Error ? e.stack : String(e)}`);
      }
      assert.ok(Date.now() - started < 2000, `took ${Date.now() - started} ms on ${JSON.stringify(text)}`);
      const valid = !found.some((f) => f.code === 'TF001');
      for (const f of found) {
        assert.ok(f.offset >= 0 && f.offset + f.length <= text.length, `${f.code} out of range`);
        for (const fix of f.fixes) {
          for (const e of fix.edits) assert.ok(e.offset >= 0 && e.offset + e.length <= text.length);
          if (!valid) continue;
          const fixed = applyEdits(text, fix);
          const after = lintWith(tf, fixed);
          assert.ok(
            !after.some((x) => x.code === 'TF001'),
            `${f.code}'s fix broke the HCL:\n${text}\n---\n${fixed}`,
          );
          fixesChecked++;
        }
      }
    }
    assert.ok(documents > 500, `only ${documents} documents extracted`);
    assert.ok(fixesChecked > 200, `only ${fixesChecked} fixes checked`);
  });

  it('reads mutated plan JSON without throwing, its ranges inside the text', function () {
    this.timeout(60_000);
    const plan = fixture('plan.json');
    const next = rng(20260313);
    for (let i = 0; i < 600; i++) {
      const text = mutate(i % 2 ? plan : JSON.stringify(JSON.parse(plan)), next);
      let found;
      try {
        found = lintWith(terraformPlanAdapter, text, 'plan.json');
      } catch (e) {
        assert.fail(`threw on ${JSON.stringify(text)}: ${e instanceof Error ? e.stack : String(e)}`);
      }
      for (const f of found)
        assert.ok(
          f.offset >= 0 && f.length >= 0 && f.offset + f.length <= text.length,
          `${f.code} out of range`,
        );
    }
  });

  it('stays quick and in range on pathological files', function () {
    this.timeout(90_000);
    const head = 'resource "aws_backup_plan" "p" {\n  name = ';
    const cases = [
      `${head}${'['.repeat(20_000)}${']'.repeat(20_000)}\n}\n`,
      `${head}${'['.repeat(20_000)}\n`,
      `${head}"${'${'.repeat(5_000)}"\n}\n`,
      `${head}"p"\n${'  rule {\n    rule_name = "r"\n'.repeat(3_000)}`,
      `${head}${'{ a = '.repeat(5_000)}1${' }'.repeat(5_000)}\n}\n`,
      `${head}"${'x'.repeat(2_000_000)}"\n}\n`,
      '\ud800'.repeat(10_000) + head,
    ];
    // No wall-clock limit per case (a loaded CI machine is slow, and speed is the bench's to
    // measure): a case that goes quadratic or hangs runs past the test's timeout and fails it.
    for (const text of cases) {
      const found = lintWith(tf, text);
      for (const f of found) assert.ok(f.offset >= 0 && f.offset + f.length <= text.length, f.code);
    }
  });
});
