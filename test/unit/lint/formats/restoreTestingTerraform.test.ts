import { strict as assert } from 'node:assert';
import { lint } from '../../../../src/lint';
import { NOW } from '../helpers';
import { prepareFormats } from '../../../../src/lint/formats';
import { applyEdits, WASM_DIR } from './terraformSupport';

/** The Terraform AWS provider's own examples (website/docs/r/backup_restore_testing_*.html.markdown), with a start window of 200 hours. */
const TF = `resource "aws_backup_restore_testing_plan" "example" {
  name = "example_restore_testing_plan"

  recovery_point_selection {
    algorithm            = "LATEST_WITHIN_WINDOW"
    include_vaults       = ["*"]
    recovery_point_types = ["CONTINUOUS"]
  }

  schedule_expression = "cron(0 12 ? * * *)" # Daily at 12:00
  start_window_hours  = 200
}

resource "aws_backup_restore_testing_selection" "example" {
  name = "ec2_selection"

  restore_testing_plan_name = aws_backup_restore_testing_plan.example.name
  protected_resource_type   = "EC2"
  iam_role_arn              = aws_iam_role.example.arn

  protected_resource_arns = ["*"]
}
`;

describe('lint: Terraform restore testing plans and selections', () => {
  before(async () => {
    assert.equal(await prepareFormats(TF, 'main.tf', { wasmDir: WASM_DIR }), undefined, 'the parser started');
  });
  const run = (text: string) => lint({ text, now: NOW, fileName: 'main.tf' })!;

  it('start_window_hours = 200 is an error on the value, fixed in HCL to 168', () => {
    const r = run(TF);
    assert.equal(r.recognition.format, 'terraform');
    const f = r.findings.find((x) => x.code === 'RTP001')!;
    assert.equal(f.resource, 'aws_backup_restore_testing_plan.example');
    assert.equal(TF.slice(f.offset, f.offset + f.length), '200');
    assert.match(f.message, /^start_window_hours is 200/);
    const fixed = applyEdits(TF, f.fixes![0]!);
    assert.match(fixed, /start_window_hours {2}= 168\n/);
    assert.ok(!run(fixed).findings.some((x) => x.code === 'RTP001'));
  });

  it('the provider’s two examples together: a CONTINUOUS-only plan restores nothing of EC2 (RTP009), and nothing else is wrong', () => {
    const codes = run(TF.replace('= 200', '= 24')).findings.map((x) => `${x.code} ${x.resource ?? ''}`);
    assert.deepEqual(codes, ['RTP009 aws_backup_restore_testing_selection.example']);
    assert.deepEqual(
      run(TF.replace('= 200', '= 24').replace('["CONTINUOUS"]', '["CONTINUOUS", "SNAPSHOT"]')).findings,
      [],
    );
  });
});
