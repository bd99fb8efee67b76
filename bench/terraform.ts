/**
 * Terraform (issue 14): linting N `aws_backup_plan` resources in one .tf file (the adapter's
 * extraction and every plan rule) over a bare tree-sitter parse of the same text, at 10 and 1,000
 * plans, measured alternately in this run. Goal: at most 3, as for the other formats.
 */
import type { RuleContext } from '../src/lint/context';
import { lintPlan } from '../src/lint/planRules';
import { loadHcl } from '../src/lint/formats/terraformHcl';
import { terraformAdapter } from '../src/lint/formats/terraform';

/** N plans, each with a snapshot rule and a continuous rule (one in four copies), and one vault. */
function generateTerraform(plans: number): string {
  const out = ['resource "aws_backup_vault" "pitr" {\n  name = "pitr-vault"\n}\n'];
  for (let i = 0; i < plans; i++)
    out.push(`
resource "aws_backup_plan" "plan_${i}" {
  name = "bench-plan-${i}"

  rule {
    rule_name         = "daily-${i}"
    target_vault_name = "vault-${i % 7}"
    schedule          = "cron(${i % 60} ${i % 24} ? * MON-FRI *)"
    start_window      = ${60 + (i % 400)}
    completion_window = 10080
    recovery_point_tags = { team = "t${i % 11}", env = "prod" }

    lifecycle {
      cold_storage_after = 30
      delete_after       = ${120 + (i % 200)}
    }
${
  i % 4 === 1
    ? `
    copy_action {
      destination_vault_arn = "arn:aws:backup:us-west-2:123456789012:backup-vault:dr"
      lifecycle {
        delete_after = 365
      }
    }
`
    : ''
}  }

  rule {
    rule_name                = "continuous-${i}"
    target_vault_name        = aws_backup_vault.pitr.name
    schedule                 = "cron(0 5 ? * * *)"
    enable_continuous_backup = true

    lifecycle {
      delete_after = 35
    }
  }
}
`);
  return out.join('');
}

export async function benchTerraform(): Promise<void> {
  const parser = await loadHcl();
  const adapter = terraformAdapter(parser);
  const now = new Date('2025-08-01T12:00:00Z');
  console.log(
    '\nTerraform: lint of N .tf plans over bare tree-sitter parse of the same text (median; goal <= 3)',
  );
  console.log('plans     bytes       parse ms   lint ms    ratio  findings');
  for (const plans of [10, 1_000]) {
    const text = generateTerraform(plans);
    let findings = 0;
    const parse = (): void => parser.parse(text)?.delete();
    const lint = (): void => {
      findings = 0;
      const ctx: RuleContext = { text, now, report: () => void findings++ };
      const result = adapter.extract(text, 'main.tf');
      findings += result?.findings.length ?? 0;
      for (const d of result?.documents ?? []) lintPlan(d.root, ctx);
    };
    const times: [number[], number[]] = [[], []];
    const until = performance.now() + 6000;
    for (let round = 0; round < 400 && (round < 12 || performance.now() < until); round++) {
      // The first three rounds warm the JIT and are not counted.
      for (const [i, run] of [parse, lint].entries()) {
        const t0 = performance.now();
        run();
        if (round >= 3) times[i]!.push(performance.now() - t0);
      }
    }
    const [parseMs, lintMs] = times.map((t) => t.sort((a, b) => a - b)[t.length >> 1] ?? 0) as [
      number,
      number,
    ];
    const ratio = lintMs / parseMs;
    console.log(
      `${String(plans).padEnd(9)} ${String(text.length).padEnd(11)} ${parseMs.toFixed(3).padStart(9)} ${lintMs.toFixed(3).padStart(9)} ${ratio.toFixed(2).padStart(7)}  ${findings}  ${ratio <= 3 ? 'meets' : 'MISSES'} the goal`,
    );
  }
}
