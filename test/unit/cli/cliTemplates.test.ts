import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { prepareFormats } from '../../../src/lint/formats';
import { WASM_DIR } from '../lint/formats/terraformSupport';
import { cli as run, workspace } from '../cliSupport';

const FIXTURES = join(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'cloudformation');
const SEMINAR = readFileSync(join(FIXTURES, 'seminar.yaml'), 'utf8');
const CDK = readFileSync(join(FIXTURES, 'cdk.out', 'PitrStack.template.json'), 'utf8');

/** The command line at a fixed "now" (the seminar's findings depend on it). */
const cli = (args: string[], cwd: string) => run([...args, '--now', '2025-08-01T12:00:00Z'], cwd);

/** 1-based line and column of the first occurrence of `needle` in `text`. */
function lineCol(text: string, needle: string): [number, number] {
  const at = text.indexOf(needle);
  const before = text.slice(0, at).split('\n');
  return [before.length, before[before.length - 1]!.length + 1];
}

describe('pitr-lint on CloudFormation templates', () => {
  const dir = workspace({
    'infra/backup.yaml': SEMINAR,
    'cdk.out/PitrStack.template.json': CDK,
    'cdk.out/manifest.json': '{"version":"36.0.0","artifacts":{}}',
    'k8s/pod.yml': 'apiVersion: v1\nkind: Pod\nmetadata: { name: x }\n',
    'notes/readme.txt': 'AWS::Backup::BackupPlan Resources',
  });

  it('searches directories for templates by content: YAML and the CDK output, nothing else', async () => {
    const r = await cli(['.'], dir);
    assert.equal(r.code, 1, r.err);
    assert.match(r.out, /^cdk\.out\/PitrStack\.template\.json:\d+:\d+: error PITR002/m);
    assert.match(r.out, /^infra\/backup\.yaml:23:33: error PLAN001/m);
    assert.match(r.out, /2 files linted: 6 errors, 1 warning/);
    assert.equal(r.err, '');
  });

  it('SARIF results point at the template lines, with the resource as a logical location', async () => {
    const r = await cli(['--format', 'sarif', 'infra/backup.yaml'], dir);
    const sarif = JSON.parse(r.out) as {
      runs: {
        results: {
          ruleId: string;
          locations: {
            physicalLocation: { artifactLocation: { uri: string }; region: Record<string, number> };
            logicalLocations?: { name: string; kind: string }[];
          }[];
        }[];
      }[];
    };
    const results = sarif.runs[0]!.results;
    assert.deepEqual(
      results.map((x) => x.ruleId),
      ['PLAN001', 'PLAN002', 'PITR003', 'PITR002', 'PLAN003', 'PITR004'],
    );
    const cron = results[0]!.locations[0]!;
    const [line, column] = lineCol(SEMINAR, 'cron(0 5 * * *)');
    assert.equal(cron.physicalLocation.artifactLocation.uri, 'infra/backup.yaml');
    assert.deepEqual(cron.physicalLocation.region, {
      startLine: line,
      startColumn: column,
      endLine: line,
      endColumn: column + 'cron(0 5 * * *)'.length,
    });
    assert.deepEqual(cron.logicalLocations, [{ name: 'SeminarPlan', kind: 'resource' }]);
  });

  it('JSON output names the format, the documents and each finding’s resource', async () => {
    const r = await cli(['--format', 'json', 'cdk.out'], dir);
    const [report] = JSON.parse(r.out) as {
      file: string;
      format: string;
      documents: unknown[];
      findings: { code: string; resource: string }[];
    }[];
    assert.equal(report!.file, 'cdk.out/PitrStack.template.json');
    assert.equal(report!.format, 'cloudformation');
    assert.equal(report!.documents.length, 2);
    assert.deepEqual(
      report!.findings.map((f) => [f.code, f.resource]),
      [['PITR002', 'PlanDAF4E53A']],
    );
  });

  it('a YAML file named that is not a template is skipped with a reason, and nothing linted is exit 2', async () => {
    const r = await cli(['k8s/pod.yml'], dir);
    assert.equal(r.code, 2);
    assert.match(r.err, /skipped "k8s\/pod\.yml": no AWS Backup plan or selection in it/);
  });
});

describe('pitr-lint on Terraform files and plan JSON', () => {
  const SEMINAR_TF = readFileSync(join('test', 'fixtures', 'terraform', 'seminar.tf'), 'utf8');
  const dir = workspace({
    'infra/main.tf': SEMINAR_TF,
    'infra/variables.tf': 'variable "region" {\n  default = "eu-west-1"\n}\n',
    'infra/plan.json': readFileSync(join('test', 'fixtures', 'terraform', 'plan.json'), 'utf8'),
  });
  // The CLI starts the parser from its bundle's folder (dist/); these tests run from out/.
  before(() => prepareFormats(SEMINAR_TF, 'main.tf', { wasmDir: WASM_DIR }));

  it('searches directories for .tf files, lints each aws_backup_plan at its lines, and leaves other .tf files alone', async () => {
    const r = await cli(['infra'], dir);
    assert.equal(r.code, 1, r.err);
    const [line, column] = lineCol(SEMINAR_TF, '"cron(0 5 * * *)"');
    assert.match(r.out, new RegExp(`^infra/main\\.tf:${line}:${column}: error PLAN001`, 'm'));
    assert.match(r.out, /^infra\/main\.tf:\d+:\d+: error PITR003/m);
    assert.match(r.out, /^infra\/plan\.json:\d+:\d+: error PLAN001/m);
    assert.doesNotMatch(r.out, /variables\.tf/);
    assert.match(r.out, /2 files linted/);
  });

  it('SARIF names the Terraform resource of each finding', async () => {
    const r = await cli(['--format', 'sarif', 'infra/main.tf'], dir);
    const sarif = JSON.parse(r.out) as {
      runs: { results: { ruleId: string; locations: { logicalLocations?: { name: string }[] }[] }[] }[];
    };
    const cron = sarif.runs[0]!.results.find((x) => x.ruleId === 'PLAN001')!;
    assert.deepEqual(
      cron.locations[0]!.logicalLocations?.map((l) => l.name),
      ['aws_backup_plan.seminar'],
    );
  });

  it('a .tf file named that declares no AWS Backup resource is skipped with a reason', async () => {
    const r = await cli(['infra/variables.tf'], dir);
    assert.equal(r.code, 2);
    assert.match(r.err, /skipped "infra\/variables\.tf": no AWS Backup plan or selection in it/);
  });
});
