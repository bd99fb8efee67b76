/**
 * `npm run bench`: lint time over bare jsonc-parser parse time, measured in the same run, for plans
 * of 10, 1,000 and 20,000 rules (issue 2: at most 3 at every size, and linear growth); then the
 * explorer, the door to AWS, and activation in a real VS Code host (bench/activation.ts).
 */
import { parse } from 'jsonc-parser';
import { lint } from '../src/lint/engine';
import { benchActivation } from './activation';
import { benchDoor } from './door';
import { benchExplorer } from './explorer';
import { benchRestorePoints } from './restorePoints';
import { benchPosture } from './posture';
import { benchPostureDr } from './postureDr';
import { generatePlan } from './planGenerator';
import { benchTemplates } from './templates';
import { benchTerraform } from './terraform';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

/**
 * Median wall times of `a` and `b` in ms, measured alternately (a, b, a, b, …) so both see the same
 * heap and the same machine load, over enough rounds to fill ~`budgetMs`.
 */
function measurePair(a: () => void, b: () => void, budgetMs: number): [number, number] {
  for (let i = 0; i < 3; i++) {
    a(); // warm-up: JIT
    b();
  }
  const as: number[] = [];
  const bs: number[] = [];
  const start = performance.now();
  while (as.length < 9 || (performance.now() - start < budgetMs && as.length < 400)) {
    let t0 = performance.now();
    a();
    as.push(performance.now() - t0);
    t0 = performance.now();
    b();
    bs.push(performance.now() - t0);
  }
  return [median(as), median(bs)];
}

function benchLint(): void {
  const now = new Date('2025-08-01T12:00:00Z');
  const sizes = [10, 1_000, 20_000];
  const rows: {
    rules: number;
    bytes: number;
    parseMs: number;
    lintMs: number;
    ratio: number;
    findings: number;
  }[] = [];
  for (const n of sizes) {
    const text = generatePlan(n);
    let findings = 0;
    const [parseMs, lintMs] = measurePair(
      () => void parse(text),
      () => {
        findings = lint({ text, fileName: 'plan.json', now })?.findings.length ?? -1;
      },
      6000,
    );
    rows.push({ rules: n, bytes: text.length, parseMs, lintMs, ratio: lintMs / parseMs, findings });
  }

  console.log('Lint time over bare jsonc-parser parse time (median; goal: ratio <= 3 at every size)');
  console.log('rules     bytes       parse ms   lint ms    ratio  findings');
  for (const r of rows) {
    console.log(
      `${String(r.rules).padEnd(9)} ${String(r.bytes).padEnd(11)} ${r.parseMs.toFixed(3).padStart(9)} ${r.lintMs.toFixed(3).padStart(9)} ${r.ratio.toFixed(2).padStart(7)}  ${r.findings}`,
    );
  }
  const perRule1k = rows[1]!.lintMs / rows[1]!.rules;
  const perRule20k = rows[2]!.lintMs / rows[2]!.rules;
  const parsePerRule = rows[2]!.parseMs / rows[2]!.rules / (rows[1]!.parseMs / rows[1]!.rules);
  console.log(
    `linearity: time per rule at 20,000 over at 1,000: lint ${(perRule20k / perRule1k).toFixed(2)}, bare parse ${parsePerRule.toFixed(2)} (1.00 is linear)`,
  );
  const worst = Math.max(...rows.map((r) => r.ratio));
  console.log(`worst ratio ${worst.toFixed(2)} ${worst <= 3 ? 'meets' : 'MISSES'} the goal of 3`);
}

/**
 * `BENCH=posture npm run bench` (names separated by commas) runs only the named parts: lint, explorer,
 * templates, door, terraform, restorePoints, posture, postureDr, activation. Unset, it runs them all.
 */
const only = process.env.BENCH?.split(',')
  .map((s) => s.trim())
  .filter(Boolean);
const parts: [string, () => void | Promise<void>][] = [
  ['lint', benchLint],
  ['explorer', benchExplorer],
  ['templates', benchTemplates],
  ['door', benchDoor],
  ['terraform', benchTerraform],
  ['restorePoints', benchRestorePoints],
  ['posture', benchPosture],
  ['postureDr', benchPostureDr],
  ['activation', benchActivation],
];
const unknown = only?.filter((n) => !parts.some(([name]) => name === n)) ?? [];
if (unknown.length > 0) {
  console.error(
    `BENCH names no part ${unknown.join(', ')}: choose among ${parts.map(([n]) => n).join(', ')}`,
  );
  process.exitCode = 2;
} else {
  parts
    .filter(([name]) => !only || only.includes(name))
    .reduce<Promise<void>>((prev, [, run]) => prev.then(() => run()), Promise.resolve())
    .catch((e: unknown) => {
      console.error(e);
      process.exitCode = 1;
    });
}
