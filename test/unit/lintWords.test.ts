/**
 * No wrong word: a Terraform file's messages quote what the service says word for word, suggest
 * HCL, and say "the service refuses" only where AWS says so; --kind is offered only where it works;
 * a SCHEMA finding on a selection links the selection's API page.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { lint } from '../../src/lint';
import { prepareFormats } from '../../src/lint/formats';
import { cli, workspace } from './cliSupport';
import { NOW } from './lint/helpers';
import { WASM_DIR } from './lint/formats/terraformSupport';

const SAMPLE_TF = readFileSync('samples/backup.tf', 'utf8');

async function tfFindings(text: string): Promise<{ code: string; message: string }[]> {
  await prepareFormats(text, 'main.tf', { wasmDir: WASM_DIR });
  return lint({ text, fileName: 'main.tf', now: NOW })!.findings;
}

const NO_LIFECYCLE = `resource "aws_backup_plan" "p" {
  name = "p"
  rule {
    rule_name                = "r"
    target_vault_name        = "vault"
    schedule                 = "cron(0 5 ? * * *)"
    enable_continuous_backup = true
  }
  rule {
    rule_name                = "s"
    target_vault_name        = "vault2"
    schedule                 = "cron(0 5 ? * * *)"
    enable_continuous_backup = true
    lifecycle {
    }
  }
}
`;

describe('the words of the messages', () => {
  it('Terraform: the service’s error is quoted as the service says it (MoveToColdStorageAfterDays)', async () => {
    const f = (await tfFindings(SAMPLE_TF)).find((x) => x.code === 'PITR003')!;
    assert.match(f.message, /\("Invalid lifecycle\. MoveToColdStorageAfterDays is unavailable"\)/);
    assert.doesNotMatch(f.message, /"[^"]*cold_storage_after is unavailable/);
  });

  it('Terraform: a suggested addition is HCL, and "refuses" only where AWS documents the refusal', async () => {
    const f = (await tfFindings(NO_LIFECYCLE)).filter((x) => x.code === 'PITR001');
    assert.equal(f.length, 2);
    assert.match(f[0]!.message, /Add lifecycle \{ delete_after = 35 \}\.$/);
    assert.match(f[0]!.message, /"Lifecycle must be specified for backup rule enabled continuous backup"/);
    assert.match(f[1]!.message, /Add delete_after = 35\.$/);
    assert.doesNotMatch(f[1]!.message, /refuses|rejects/);
    for (const x of f) assert.doesNotMatch(x.message, /"delete_after": /);
  });

  it('--kind is suggested for a JSON file only: it does nothing for a template or a .tf file', async () => {
    const dir = workspace({
      'k8s/pod.yaml': 'apiVersion: v1\nkind: Pod\n',
      'notes/other.json': '{"a":1}',
    });
    const yaml = await cli(['k8s/pod.yaml'], dir);
    assert.equal(yaml.code, 2);
    assert.doesNotMatch(yaml.err, /--kind/);
    assert.match(yaml.err, /skipped "k8s\/pod\.yaml": no AWS Backup plan or selection in it/);
    const json = await cli(['notes/other.json'], dir);
    assert.match(json.err, /skipped "notes\/other\.json": .*use --kind/);
    assert.match(json.err, /nothing was linted: .*use --kind/);
  });

  it('a SCHEMA003 on a selection links the selection’s API page (editor, JSON and SARIF)', async () => {
    const text = JSON.stringify({
      SelectionName: 's',
      IamRoleArn: 'arn:aws:iam::123456789012:role/r',
      Resources: 'x',
    });
    const f = lint({ text, fileName: 'backup-selection.json', now: NOW })!.findings.find(
      (x) => x.code === 'SCHEMA003',
    )!;
    assert.equal(f.url, 'https://docs.aws.amazon.com/aws-backup/latest/devguide/API_BackupSelection.html');
    const dir = workspace({ 'backup-selection.json': text });
    const out = JSON.parse((await cli(['--format', 'json', 'backup-selection.json'], dir)).out) as {
      findings: { code: string; url: string }[];
    }[];
    assert.equal(out[0]!.findings.find((x) => x.code === 'SCHEMA003')!.url, f.url);
    const sarif = JSON.parse((await cli(['--format', 'sarif', 'backup-selection.json'], dir)).out) as {
      runs: { results: { ruleId: string; properties?: { helpUri: string } }[] }[];
    };
    assert.equal(sarif.runs[0]!.results.find((r) => r.ruleId === 'SCHEMA003')!.properties?.helpUri, f.url);
    // A plan's keeps the rule's own page.
    const plan = lint({
      text: '{"BackupPlanName":"p","Rules":"x"}',
      fileName: 'backup-plan.json',
      now: NOW,
    })!;
    assert.equal(plan.findings.find((x) => x.code === 'SCHEMA003')!.url, undefined);
  });
});
