/**
 * Terraform files in the editor: hover (the API's documentation of the field an argument maps to,
 * and what its value means to the linter), completion of arguments and values in the block at the
 * cursor, and the live checks (LIVE001, LIVE003) as templates have them.
 */
import { strict as assert } from 'node:assert';
import { embeddedCompletionsAt, embeddedHoverAt } from '../../../../src/lint/embeddedAssist';
import { prepareFormats } from '../../../../src/lint/formats';
import type { LiveFacts } from '../../../../src/lint/live';
import { liveCheckEmbedded } from '../../../../src/lint/liveEmbedded';
import { fixture, WASM_DIR } from './terraformSupport';

const SEMINAR = fixture('seminar.tf');
const UNKNOWNS = fixture('unknowns.tf');

function hover(text: string, at: string, plus = 1): string | undefined {
  const offset = text.indexOf(at);
  assert.ok(offset >= 0, at);
  return embeddedHoverAt(text, 'main.tf', offset + plus)?.markdown;
}

/** The text with `typed` inserted at `at`, and the completions at its end. */
function complete(text: string, at: number, typed: string): { label: string; snippet: string }[] {
  const t = text.slice(0, at) + typed + text.slice(at);
  return embeddedCompletionsAt(t, 'main.tf', at + typed.length).map((c) => {
    assert.equal(t.slice(c.offset, at + typed.length), typed.trimStart().replace(/^.*= ?/, ''));
    return { label: c.label, snippet: c.insertSnippet };
  });
}

describe('Terraform files in the editor: hover, completion, live checks', () => {
  before(async () => {
    await prepareFormats(SEMINAR, 'main.tf', { wasmDir: WASM_DIR });
  });

  it("hover on an aws_backup_plan argument gives the API documentation of the field it maps to, under the provider's name", () => {
    const h = embeddedHoverAt(SEMINAR, 'main.tf', SEMINAR.indexOf('start_window') + 3)!;
    assert.match(
      h.markdown,
      /^\*\*start_window\*\* `integer`\n\nA value in minutes after a backup is scheduled/,
    );
    assert.match(h.markdown, /it must be at least 60 minutes/);
    assert.match(h.markdown, /The API's `StartWindowMinutes`\.$/);
    assert.equal(SEMINAR.slice(h.offset, h.offset + h.length), 'start_window');
    // On the value too, and in nested blocks.
    assert.match(hover(SEMINAR, '= 30', 2)!, /^\*\*start_window\*\*/);
    assert.match(hover(SEMINAR, 'cold_storage_after')!, /The API's `MoveToColdStorageAfterDays`/);
    assert.match(hover(SEMINAR, 'destination_vault_arn')!, /\(required\)[\s\S]*`DestinationBackupVaultArn`/);
    assert.match(hover(SEMINAR, 'key   =')!, /^\*\*key\*\* `string` \(required\)[\s\S]*`ConditionKey`/);
  });

  it('hover says what a vault reference resolves to, and what plan_id is', () => {
    assert.match(
      hover(SEMINAR, 'target_vault_name')!,
      /Resolves to `pitr-primary`: `aws_backup_vault\.primary\.name`, the name of a vault this file declares\./,
    );
    assert.match(hover(SEMINAR, 'plan_id')!, /create-backup-selection's `BackupPlanId`/);
    // Not a Backup argument, or not in a Backup resource: nothing.
    assert.equal(hover(SEMINAR, 'name = "pitr-primary"'), undefined);
    assert.equal(hover(SEMINAR, 'resource "aws_backup_plan"'), undefined);
  });

  it('hover on an unknown value (var.x, local.y, an expression) says it is known only when Terraform plans', () => {
    assert.match(
      hover(UNKNOWNS, 'start_window')!,
      /Known only when Terraform plans \(`var\.days \/ 3`\)[\s\S]*The linter does not check it\.[\s\S]*terraform show -json/,
    );
    assert.match(hover(UNKNOWNS, 'target_vault_name        = var.vault')!, /\(`var\.vault`\)/);
    // Read as not set (no PITR003 false positive): the hover says so, though the tree has no value.
    assert.match(
      hover(UNKNOWNS, 'cold_storage_after')!,
      /\(`var\.days > 90 \? 7 : null`\)[\s\S]*reads it as not set: no rule reports it/,
    );
    assert.match(hover(UNKNOWNS, '"copy_action"')!, /^\*\*copy_action\*\*[\s\S]*A `dynamic` block/);
  });

  it('hover says when the provider leaves a value out of the request', () => {
    const text = SEMINAR.replace('cold_storage_after = 7', 'cold_storage_after = 0');
    assert.match(hover(text, 'cold_storage_after')!, /The provider does not send `0` for this argument/);
  });

  it('completes the arguments the block at the cursor takes, with their documentation, and not those already set', () => {
    const rule = SEMINAR.indexOf('    lifecycle {');
    const inRule = complete(SEMINAR, rule, '    comp');
    const labels = inRule.map((c) => c.label);
    assert.ok(
      labels.includes('completion_window') && labels.includes('schedule_expression_timezone'),
      labels.join(),
    );
    assert.ok(!labels.includes('schedule') && !labels.includes('start_window'), 'already set');
    assert.ok(labels.includes('copy_action'), 'a repeated block may be added again');
    const snippet = (l: string) => inRule.find((c) => c.label === l)?.snippet;
    assert.equal(snippet('completion_window'), 'completion_window = ${1:0}');
    assert.equal(snippet('copy_action'), 'copy_action {\n\t$1\n}');
    assert.equal(snippet('recovery_point_tags'), 'recovery_point_tags = {\n\t$1\n}');
    const doc = embeddedCompletionsAt(
      SEMINAR.slice(0, rule) + '    ' + SEMINAR.slice(rule),
      'main.tf',
      rule + 4,
    ).find((c) => c.label === 'completion_window');
    assert.match(doc?.documentation ?? '', /^\*\*completion_window\*\*[\s\S]*minutes/);

    const lifecycle = SEMINAR.indexOf('      delete_after');
    assert.deepEqual(
      complete(SEMINAR, lifecycle, '      ').map((c) => [c.label, c.snippet]),
      [
        [
          'opt_in_to_archive_for_supported_resources',
          'opt_in_to_archive_for_supported_resources = ${1|true,false|}',
        ],
      ],
    );
    const selection = SEMINAR.indexOf('  selection_tag {');
    assert.deepEqual(
      complete(SEMINAR, selection, '  ').map((c) => c.label),
      ['not_resources', 'selection_tag', 'condition'],
    );
  });

  it('completes the values a boolean or an enum argument takes', () => {
    const flag = SEMINAR.indexOf('true');
    const withoutFlag = SEMINAR.slice(0, flag) + SEMINAR.slice(flag + 4);
    assert.deepEqual(
      complete(withoutFlag, flag, 't').map((c) => c.label),
      ['true', 'false'],
    );
    const type = SEMINAR.indexOf('"STRINGEQUALS"');
    const withoutType = SEMINAR.slice(0, type) + SEMINAR.slice(type + '"STRINGEQUALS"'.length);
    assert.ok(complete(withoutType, type, '').some((c) => c.label === '"STRINGEQUALS"'));
    const name = SEMINAR.indexOf('"seminar-plan"');
    assert.deepEqual(
      complete(SEMINAR.slice(0, name) + SEMINAR.slice(name + 14), name, ''),
      [],
      'a free string',
    );
  });

  it('live checks ask about literal and resolved vaults (never one the file creates), and the selection against the plan its plan_id names', async () => {
    const asked: string[] = [];
    const facts: LiveFacts = {
      region: 'us-east-1',
      vaults: () =>
        Promise.resolve({ names: new Set(['pitr-dr']), arns: new Set(), accountId: '123456789012' }),
      continuousVaultOf: (arn) => {
        asked.push(arn);
        return Promise.resolve('elsewhere');
      },
      planContinuousVaults: () => Promise.reject(new Error('not asked: the plan is in the file')),
      windowOf: () => Promise.resolve(undefined),
    };
    const found = await liveCheckEmbedded(SEMINAR, 'main.tf', facts);
    // pitr-primary is not in the account, but the configuration creates it: never reported missing.
    assert.deepEqual(
      found.map((f) => [f.code, SEMINAR.slice(f.offset, f.offset + f.length), f.resource]),
      [['LIVE003', '"arn:aws:s3:::seminar-bucket"', 'aws_backup_selection.seminar']],
    );
    assert.match(found[0]!.message, /elsewhere/);
    assert.deepEqual(asked, ['arn:aws:s3:::seminar-bucket']);
    // Its literal name, and a copy to it by ARN, are the same vault; a vault it does not declare is missing.
    const literal = SEMINAR.replace('aws_backup_vault.primary.name', '"pitr-primary"')
      .replace('aws_backup_vault.dr.arn', '"arn:aws:backup:us-east-1:123456789012:backup-vault:pitr-dr"')
      .replace('name = "pitr-primary"', 'name = "pitr-other"');
    assert.deepEqual(
      (await liveCheckEmbedded(literal, 'main.tf', facts))
        .filter((f) => f.code === 'LIVE001')
        .map((f) => literal.slice(f.offset, f.offset + f.length)),
      ['"pitr-primary"'],
    );

    // Unknown vaults and resources are not asked about (the literal "elsewhere" is); a plan_id that
    // is not the file's plan is not followed.
    asked.length = 0;
    const unknowns = await liveCheckEmbedded(UNKNOWNS, 'main.tf', facts);
    assert.deepEqual(
      unknowns.map((f) => [f.code, UNKNOWNS.slice(f.offset, f.offset + f.length)]),
      [['LIVE001', '"elsewhere"']],
    );
    const other = SEMINAR.replace('aws_backup_plan.seminar.id', 'var.plan_id');
    const none = await liveCheckEmbedded(other, 'main.tf', facts);
    assert.deepEqual(
      none.map((f) => f.code),
      [],
    );
    assert.deepEqual(asked, []);
  });
});
