/**
 * `npm run bench`: lint time over bare jsonc-parser parse time, measured in the same run, for plans
 * of 10, 1,000 and 20,000 rules (issue 2: at most 3 at every size, and linear growth).
 */
import { parse } from 'jsonc-parser';
import { lint } from '../src/lint/engine';
import { generatePlan } from './planGenerator';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

/** Median wall time of `fn` in ms, over enough repetitions to fill ~`budgetMs`. */
function measure(fn: () => void, budgetMs: number): number {
  for (let i = 0; i < 3; i++) fn(); // warm-up: JIT and ajv compilation
  const samples: number[] = [];
  const start = performance.now();
  while (samples.length < 7 || (performance.now() - start < budgetMs && samples.length < 400)) {
    const t0 = performance.now();
    fn();
    samples.push(performance.now() - t0);
  }
  return median(samples);
}

const now = new Date('2025-08-01T12:00:00Z');
const sizes = [10, 1_000, 20_000];
const rows: { rules: number; bytes: number; parseMs: number; lintMs: number; ratio: number; findings: number }[] = [];
for (const n of sizes) {
  const text = generatePlan(n);
  let findings = 0;
  const parseMs = measure(() => void parse(text), 1500);
  const lintMs = measure(() => {
    findings = lint({ text, fileName: 'plan.json', now })?.findings.length ?? -1;
  }, 3000);
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
console.log(`linearity: lint time per rule at 20,000 over at 1,000 = ${(perRule20k / perRule1k).toFixed(2)} (1.00 is linear)`);
const worst = Math.max(...rows.map((r) => r.ratio));
console.log(`worst ratio ${worst.toFixed(2)} ${worst <= 3 ? 'meets' : 'MISSES'} the goal of 3`);
