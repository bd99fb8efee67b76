import { strict as assert } from 'node:assert';
import { sniffTerraformPlan } from '../../../../src/lint/formats/sniff';
import { terraformPlanAdapter } from '../../../../src/lint/formats/terraformPlan';
import { fixture, lintWith, plain } from './terraformSupport';

describe('Terraform plan JSON (terraform show -json) adapter', () => {
  const text = fixture('plan.json');

  it('reads each planned plan and selection, in every module, as the CLI shapes', () => {
    const r = terraformPlanAdapter.extract(text, 'plan.json');
    assert.ok(r);
    assert.equal(r.format, 'terraform-plan');
    assert.deepEqual(
      r.documents.map((d) => [
        d.kind,
        d.resource.label,
        text.slice(d.resource.offset, d.resource.offset + d.resource.length),
      ]),
      [
        ['backup-plan', 'aws_backup_plan.seminar', '"aws_backup_plan.seminar"'],
        // aws_backup_plan.retired is being deleted: not linted.
        [
          'backup-selection',
          'module.backup.aws_backup_selection.databases',
          '"module.backup.aws_backup_selection.databases"',
        ],
      ],
    );
    assert.deepEqual(plain(r.documents[0]!.root), {
      BackupPlanName: 'seminar-plan',
      Rules: [
        {
          CompletionWindowMinutes: 10080,
          CopyActions: [{ DestinationBackupVaultArn: '?(known after apply)' }],
          EnableContinuousBackup: true,
          // opt_in_to_archive_for_supported_resources = false is not sent by the provider.
          Lifecycle: { MoveToColdStorageAfterDays: 7, DeleteAfterDays: 90 },
          RuleName: 'continuous',
          ScheduleExpression: 'cron(0 5 * * *)',
          ScheduleExpressionTimezone: 'Etc/UTC',
          StartWindowMinutes: 30,
          TargetBackupVaultName: 'pitr-primary',
        },
      ],
    });
    assert.deepEqual(plain(r.documents[1]!.root), {
      IamRoleArn: 'arn:aws:iam::123456789012:role/service-role/AWSBackupDefaultServiceRole',
      SelectionName: 'databases',
      // resources: known after apply.
      Resources: ['?(known after apply)'],
    });
  });

  it('reports the seminar findings at the plan JSON lines, and nothing for values known after apply', () => {
    const found = lintWith(terraformPlanAdapter, text, 'plan.json');
    assert.deepEqual(
      found.map((f) => [f.code, f.at]),
      [
        ['PITR004', '"copy_action"'],
        ['PITR003', '"cold_storage_after"'],
        ['PITR002', '90'],
        ['PLAN003', '90'],
        ['PLAN001', '"cron(0 5 * * *)"'],
        ['PLAN002', '30'],
      ],
    );
    assert.ok(
      found.every((f) => f.fixes.length === 0),
      'a plan is generated: fixes belong in the .tf files',
    );
  });

  it('falls back to planned_values, and to a state’s values', () => {
    const parsed = JSON.parse(text) as Record<string, unknown>;
    delete parsed.resource_changes;
    const planned = JSON.stringify(parsed, null, 2);
    const r = terraformPlanAdapter.extract(planned, 'plan.json')!;
    assert.deepEqual(
      r.documents.map((d) => d.resource.label),
      ['aws_backup_plan.seminar', 'module.backup.aws_backup_selection.databases'],
    );
    // Without after_unknown a state's unset resources list reads as absent: SEL002 is then right.
    const state = JSON.stringify({ format_version: '1.0', values: parsed.planned_values });
    assert.equal(terraformPlanAdapter.extract(state, 'state.json')!.documents.length, 2);
  });

  it('says when the JSON is cut short, and never throws', () => {
    const cut = text.slice(0, 2000);
    const r = terraformPlanAdapter.extract(cut, 'plan.json');
    assert.ok(r?.findings.some((f) => f.code === 'TF001'));
    for (const t of [
      '',
      '{',
      'null',
      '{"format_version": 1, "resource_changes": {}}',
      '[1,2]',
      '{"format_version":"1","values":{"root_module":{"resources":[{"type":"aws_backup_plan","values":[]}]}}}',
    ])
      assert.doesNotThrow(() => terraformPlanAdapter.extract(t, 'plan.json'));
  });

  it('sniffs Terraform JSON with Backup resources only', () => {
    assert.equal(sniffTerraformPlan(text, 'plan.json'), true);
    assert.equal(sniffTerraformPlan(text, undefined), true);
    assert.equal(sniffTerraformPlan('{"format_version":"1.2","resource_changes":[]}', 'plan.json'), false);
    assert.equal(sniffTerraformPlan('{"BackupPlanName":"aws_backup_plan"}', 'plan.json'), false);
    assert.equal(sniffTerraformPlan(text, 'main.tf'), false);
  });
});
