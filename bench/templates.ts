/**
 * CloudFormation templates (issue 14): the command line's wall time over cfn-lint's on a template of
 * 50 backup plans (goal at most 0.2), both started as processes the way CI starts them; and lint
 * time over a bare YAML parse (the `yaml` package's parseDocument, no options) at 10 and 1,000 plans
 * (goal at most 3), in this process.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { lint } from '../src/lint/engine';
import { generateTemplate } from './templateGenerator';

/** The fastest of `rounds` alternating runs of each function (ms): the least disturbed by load. */
function fastest(fns: (() => void)[], rounds: number): number[] {
  const best = fns.map(() => Infinity);
  for (let r = 0; r < rounds; r++)
    fns.forEach((fn, i) => {
      const t0 = performance.now();
      fn();
      best[i] = Math.min(best[i]!, performance.now() - t0);
    });
  return best;
}

function run(cmd: string, args: string[]): number {
  const r = spawnSync(cmd, args, { stdio: 'ignore', timeout: 300_000 });
  if (r.error) throw r.error;
  return r.status ?? -1;
}

export function benchTemplates(): void {
  const now = new Date('2025-08-01T12:00:00Z');
  console.log(
    '\nCloudFormation templates: lint time over bare YAML parse time (fastest of alternating runs; goal <= 3)',
  );
  console.log('plans     bytes       parse ms   lint ms    ratio  findings');
  let worst = 0;
  for (const n of [10, 1_000]) {
    const text = generateTemplate(n);
    let findings = 0;
    const [parseMs, lintMs] = fastest(
      [
        () => void parseDocument(text),
        () => {
          findings = lint({ text, fileName: 'template.yaml', now })?.findings.length ?? -1;
        },
      ],
      n > 100 ? 7 : 60,
    ) as [number, number];
    const ratio = lintMs / parseMs;
    worst = Math.max(worst, ratio);
    console.log(
      `${String(n).padEnd(9)} ${String(text.length).padEnd(11)} ${parseMs.toFixed(3).padStart(9)} ${lintMs.toFixed(3).padStart(9)} ${ratio.toFixed(2).padStart(7)}  ${findings}`,
    );
  }
  console.log(`worst ratio ${worst.toFixed(2)} ${worst <= 3 ? 'meets' : 'MISSES'} the goal of 3`);

  const probe = spawnSync('cfn-lint', ['--version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    console.log('pitr-lint over cfn-lint: skipped, cfn-lint is not on the PATH (pip install cfn-lint)');
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'pitr-bench-cfn-'));
  try {
    const file = join(dir, 'template.yaml');
    writeFileSync(file, generateTemplate(50));
    const cli = join(__dirname, 'cli.js');
    const codes: number[] = [];
    const [oursMs, theirsMs] = fastest(
      [
        () => void codes.push(run(process.execPath, [cli, file])),
        () => void codes.push(run('cfn-lint', [file])),
      ],
      3,
    ) as [number, number];
    const ratio = oursMs / theirsMs;
    console.log(
      `pitr-lint over cfn-lint (${probe.stdout.trim()}) on a template of 50 plans: ${oursMs.toFixed(0)} ms / ${theirsMs.toFixed(0)} ms = ${ratio.toFixed(2)} ${ratio <= 0.2 ? 'meets' : 'MISSES'} the goal of 0.2${codes.some((c) => c !== 0) ? ` (exit codes ${[...new Set(codes)].join(', ')})` : ''}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
