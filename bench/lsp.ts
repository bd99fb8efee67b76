/**
 * `pitr-lsp` against the in-process engine (issue 25): for a 1,000-rule plan and the seminar's plan,
 * the time from sending `didChange` to receiving its `publishDiagnostics` through the server
 * (dist/lsp.js over stdio), p50 and p95 over 50 edits, beside the in-process lint of the same texts
 * in the same run. Goal: p95 through the server at most 1.5 × the in-process p95. Then the largest
 * plan: a 40,000-rule plan with an error in every rule, linted in-process, against the 1,000-rule one
 * (linear: 40 ×).
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { lint } from '../src/lint/engine';
import { startLsp } from '../test/support/lspClient';
import { generatePlan } from './planGenerator';

const ROOT = resolve(__dirname, '..');
const EDITS = 50;
const WARM_UP = 5;

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? 0;
}

/** The text after edit `i`: the plan's name, changed in place (same length, so the same findings). */
function edited(text: string, i: number): { text: string; at: number; old: string; now: string } {
  const at = text.indexOf('"BackupPlanName": "') + '"BackupPlanName": "'.length;
  const old = text.slice(at, at + 1);
  const now = String.fromCharCode(97 + (i % 26));
  return { text: text.slice(0, at) + now + text.slice(at + 1), at, old, now };
}

async function benchOne(label: string, text: string): Promise<void> {
  const s = await startLsp({ file: process.execPath, args: [join(ROOT, 'dist', 'lsp.js'), '--stdio'] });
  const uri = `file:///bench/${label.replace(/\W+/g, '-')}.json`;
  const opened = s.nextDiagnostics(uri, 1);
  await s.connection.sendNotification('textDocument/didOpen', {
    textDocument: { uri, languageId: 'json', version: 1, text },
  });
  await opened;
  const lsp: number[] = [];
  const local: number[] = [];
  let current = text;
  const lines = (t: string, offset: number): { line: number; character: number } => {
    const before = t.slice(0, offset);
    const line = before.split('\n').length - 1;
    return { line, character: offset - (before.lastIndexOf('\n') + 1) };
  };
  for (let i = 0; i < WARM_UP + EDITS; i++) {
    const e = edited(current, i);
    const version = i + 2;
    const published = s.nextDiagnostics(uri, version);
    const t0 = performance.now();
    await s.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [
        { range: { start: lines(current, e.at), end: lines(current, e.at + 1) }, text: e.now },
      ],
    });
    await published;
    const viaServer = performance.now() - t0;
    current = e.text;
    const t1 = performance.now();
    lint({ text: current, fileName: uri.slice('file://'.length) });
    const inProcess = performance.now() - t1;
    if (i >= WARM_UP) {
      lsp.push(viaServer);
      local.push(inProcess);
    }
  }
  await s.close();
  const ratio = percentile(lsp, 95) / percentile(local, 95);
  console.log(
    `${label.padEnd(22)} server p50 ${percentile(lsp, 50).toFixed(1).padStart(7)} ms  p95 ${percentile(lsp, 95).toFixed(1).padStart(7)} ms | in-process p50 ${percentile(local, 50).toFixed(1).padStart(7)} ms  p95 ${percentile(local, 95).toFixed(1).padStart(7)} ms | p95 ratio ${ratio.toFixed(2)} (goal <= 1.5: ${ratio <= 1.5 ? 'met' : 'MISSED'})`,
  );
}

/** A plan of `n` rules with an error in each (an unknown property): the validator's worst case. */
function erroringPlan(n: number): string {
  const plan = JSON.parse(generatePlan(n)) as { Rules: Record<string, unknown>[] };
  for (const r of plan.Rules) r.Bogus = 1;
  return JSON.stringify(plan, null, 2);
}

function benchLargest(): void {
  const small = erroringPlan(1_000);
  const large = erroringPlan(40_000);
  lint({ text: small, fileName: 'plan.json' }); // warm-up
  let t0 = performance.now();
  lint({ text: small, fileName: 'plan.json' });
  const smallMs = performance.now() - t0;
  t0 = performance.now();
  lint({ text: large, fileName: 'plan.json' });
  const largeMs = performance.now() - t0;
  const growth = largeMs / smallMs;
  console.log(
    `a 40,000-rule plan with an error in every rule (${(large.length / 1e6).toFixed(1)} MB) lints in-process in ${(largeMs / 1000).toFixed(2)} s: ${growth.toFixed(1)} × the 1,000-rule one's ${smallMs.toFixed(0)} ms (40 × is linear; goal: at most 40 × — ${growth <= 40 ? 'met' : 'MISSED'}; before the fix: 17 s, quadratic)`,
  );
}

export async function benchLsp(): Promise<void> {
  console.log(
    'pitr-lsp: didChange → publishDiagnostics over stdio, against the in-process lint of the same text (50 edits)',
  );
  await benchOne('a 1,000-rule plan', generatePlan(1_000));
  await benchOne(
    "the seminar's plan",
    readFileSync(join(ROOT, 'test', 'fixtures', 'workspace', 'backup-plan.json'), 'utf8'),
  );
  benchLargest();
}
