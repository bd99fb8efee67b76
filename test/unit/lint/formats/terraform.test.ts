import { strict as assert } from 'node:assert';
import type { Node } from 'jsonc-parser';
import { valueOf, keyOf, elements } from '../../../../src/lint/jsonAst';
import { sniffTerraform } from '../../../../src/lint/formats/sniff';
import { loadTerraform } from '../../../../src/lint/formats/terraform';
import { RULES_BY_CODE } from '../../../../src/lint/rules';
import type { EmbeddedDocument, FormatAdapter } from '../../../../src/lint/formats/types';
import { applyEdits, fixture, lintWith, plain, terraform } from './terraformSupport';

const at = (text: string, n: { offset: number; length: number } | undefined): string =>
  n ? text.slice(n.offset, n.offset + n.length) : '<none>';

function docs(a: FormatAdapter, text: string): EmbeddedDocument[] {
  const r = a.extract(text, 'main.tf');
  assert.ok(r, 'extracted');
  return r.documents;
}

describe('Terraform (.tf) adapter', () => {
  let tf: FormatAdapter;
  before(async () => {
    tf = await terraform();
  });

  describe('the seminar plan', () => {
    const text = fixture('seminar.tf');

    it('reads aws_backup_plan and aws_backup_selection as the CLI shapes', () => {
      const [p, s] = docs(tf, text);
      assert.equal(p!.kind, 'backup-plan');
      assert.equal(p!.resource.label, 'aws_backup_plan.seminar');
      assert.equal(at(text, p!.resource), 'resource "aws_backup_plan" "seminar"');
      assert.deepEqual(plain(p!.root), {
        BackupPlanName: 'seminar-plan',
        Rules: [
          {
            RuleName: 'continuous',
            // aws_backup_vault.primary.name, resolved: the vault is declared in the file.
            TargetBackupVaultName: 'pitr-primary',
            ScheduleExpression: 'cron(0 5 * * *)',
            StartWindowMinutes: 30,
            EnableContinuousBackup: true,
            Lifecycle: { MoveToColdStorageAfterDays: 7, DeleteAfterDays: 90 },
            CopyActions: [{ DestinationBackupVaultArn: '?aws_backup_vault.dr.arn' }],
          },
        ],
      });
      assert.equal(s!.kind, 'backup-selection');
      assert.deepEqual(plain(s!.root), {
        SelectionName: 'seminar-selection',
        IamRoleArn: 'arn:aws:iam::123456789012:role/service-role/AWSBackupDefaultServiceRole',
        Resources: ['arn:aws:s3:::seminar-bucket'],
        ListOfTags: [{ ConditionType: 'STRINGEQUALS', ConditionKey: 'backup', ConditionValue: 'pitr' }],
      });
      assert.equal(p!.sourceNames?.StartWindowMinutes, 'start_window');
      assert.equal(p!.sourceNames?.Rules, 'rule');
      assert.equal(s!.sourceNames?.ListOfTags, 'selection_tag');
    });

    it('points keys at the names written and values at the values written', () => {
      const [p] = docs(tf, text);
      const rule = elements(valueOf(p!.root, 'Rules'))[0]!;
      const lifecycle = valueOf(rule, 'Lifecycle');
      const cases: [Node | undefined, string][] = [
        [keyOf(p!.root, 'BackupPlanName'), 'name'],
        [valueOf(p!.root, 'BackupPlanName'), '"seminar-plan"'],
        [keyOf(p!.root, 'Rules'), 'rule'],
        [keyOf(rule, 'ScheduleExpression'), 'schedule'],
        [valueOf(rule, 'ScheduleExpression'), '"cron(0 5 * * *)"'],
        [valueOf(rule, 'StartWindowMinutes'), '30'],
        [keyOf(rule, 'EnableContinuousBackup'), 'enable_continuous_backup'],
        [valueOf(rule, 'TargetBackupVaultName'), 'aws_backup_vault.primary.name'],
        [keyOf(rule, 'Lifecycle'), 'lifecycle'],
        [keyOf(lifecycle, 'MoveToColdStorageAfterDays'), 'cold_storage_after'],
        [valueOf(lifecycle, 'DeleteAfterDays'), '90'],
        [keyOf(rule, 'CopyActions'), 'copy_action'],
      ];
      for (const [n, expected] of cases) assert.equal(at(text, n), expected);
      assert.ok(at(text, rule).startsWith('{') && at(text, rule).endsWith('}'));
    });

    it('reports what cfn-lint misses, where the HCL says it', () => {
      const found = lintWith(tf, text).map((f) => [f.code, f.at]);
      assert.deepEqual(found, [
        ['PLAN001', '"cron(0 5 * * *)"'],
        ['PLAN002', '30'],
        ['PITR003', 'cold_storage_after'],
        ['PITR002', '90'],
        ['PLAN003', '90'],
        ['PITR004', 'copy_action'],
      ]);
    });

    it('translates each fix into HCL that parses, and the finding goes away', () => {
      const expected: Record<string, string> = {
        PLAN001: 'schedule                 = "cron(0 5 ? * * *)"',
        PLAN002: 'start_window             = 60',
        PITR002: 'delete_after       = 35',
      };
      for (const f of lintWith(tf, text)) {
        if (f.code === 'PITR004') {
          assert.equal(f.fixes.length, 0);
          continue;
        }
        assert.equal(f.fixes.length, 1, f.code);
        assert.equal(f.dropped, 0, f.code);
        const fixed = applyEdits(text, f.fixes[0]!);
        const after = lintWith(tf, fixed);
        assert.deepEqual(
          after.filter((x) => x.code.startsWith('TF')),
          [],
          `${f.code}'s fix leaves valid HCL:\n${fixed}`,
        );
        assert.ok(!after.some((x) => x.code === f.code && x.offset === f.offset), `${f.code} is fixed`);
        if (expected[f.code]) assert.ok(fixed.includes(expected[f.code]!), fixed);
        if (f.code === 'PITR003') {
          assert.ok(!fixed.includes('cold_storage_after'), fixed);
          assert.ok(fixed.includes('    lifecycle {\n      delete_after       = 90\n    }'), fixed);
        }
      }
    });
  });

  describe('unknown values', () => {
    it('never produce a finding: variables, locals, functions, templates, conditionals, dynamic blocks', () => {
      const text = fixture('unknowns.tf');
      assert.deepEqual(lintWith(tf, text), []);
      const [p, s, c] = docs(tf, text);
      const rules = plain(valueOf(p!.root, 'Rules')) as unknown[];
      assert.equal(rules.length, 3, 'two rule blocks and a dynamic one');
      assert.match(String(rules[2]), /^\?dynamic "rule"/);
      assert.deepEqual(plain(valueOf(s!.root, 'Resources')), ['?var.resources']);
      assert.equal(plain(valueOf(s!.root, 'IamRoleArn')), '?var.role_arn');
      assert.ok(valueOf(c!.root, 'Conditions'), 'a dynamic condition block is a condition');
    });

    it('a reference to a vault not in the file, or with a computed name, stays unknown', () => {
      const text = `resource "aws_backup_vault" "v" {\n  name = "v-\${var.env}"\n}\nresource "aws_backup_plan" "p" {\n  name = "p"\n  rule {\n    rule_name = "a"\n    target_vault_name = aws_backup_vault.v.name\n  }\n  rule {\n    rule_name = "b"\n    target_vault_name = aws_backup_vault.other.id\n  }\n}\n`;
      const [p] = docs(tf, text);
      const vaults = elements(valueOf(p!.root, 'Rules')).map((r) =>
        plain(valueOf(r, 'TargetBackupVaultName')),
      );
      assert.deepEqual(vaults, ['?aws_backup_vault.v.name', '?aws_backup_vault.other.id']);
    });

    it('reads what the provider does not send as absent: 0 days, empty strings, false, null', () => {
      const text = `resource "aws_backup_plan" "p" {\n  name = "p"\n  rule {\n    rule_name = "r"\n    target_vault_name = "v"\n    schedule = ""\n    enable_continuous_backup = true\n    start_window = null\n    lifecycle {\n      cold_storage_after = 0\n      delete_after = 35\n      opt_in_to_archive_for_supported_resources = false\n    }\n  }\n}\n`;
      const [p] = docs(tf, text);
      assert.deepEqual(plain(p!.root), {
        BackupPlanName: 'p',
        Rules: [
          {
            RuleName: 'r',
            TargetBackupVaultName: 'v',
            EnableContinuousBackup: true,
            Lifecycle: { DeleteAfterDays: 35 },
          },
        ],
      });
      assert.deepEqual(lintWith(tf, text), []);
    });
  });

  it('compares vaults across rules when a reference resolves (PITR005)', () => {
    const text = fixture('twoVaults.tf');
    const f = lintWith(tf, text);
    assert.deepEqual(
      f.map((x) => [x.code, x.at]),
      [['PITR005', '"vault-b"']],
    );
    assert.match(f[0]!.message, /"vault-a", "vault-b"/);
  });

  it('reads strings with HCL escapes, negative numbers, lists and maps', () => {
    const text = `resource "aws_backup_plan" "p" {\n  name = "a\\"b\\\\c\\u00e9 $\${x} %%{y}"\n  rule {\n    rule_name = "r"\n    target_vault_name = "v"\n    recovery_point_tags = { team = "db", "cost center" = 12 }\n    lifecycle {\n      delete_after = -1\n    }\n  }\n}\n`;
    const [p] = docs(tf, text);
    assert.equal(plain(valueOf(p!.root, 'BackupPlanName')), 'a"b\\cé ${x} %{y}');
    const rule = elements(valueOf(p!.root, 'Rules'))[0];
    assert.deepEqual(plain(valueOf(rule, 'RecoveryPointTags')), { team: 'db', 'cost center': 12 });
    assert.equal(plain(valueOf(valueOf(rule, 'Lifecycle'), 'DeleteAfterDays')), -1);
  });

  it('converts string literals to the argument’s type, as Terraform does', () => {
    const text = `resource "aws_backup_plan" "p" {\n  name = "p"\n  rule {\n    rule_name = "r"\n    target_vault_name = "v"\n    start_window = "30"\n    enable_continuous_backup = "true"\n    lifecycle {\n      delete_after = "35"\n      cold_storage_after = "seven"\n    }\n  }\n}\n`;
    const f = lintWith(tf, text);
    assert.deepEqual(
      f.map((x) => [x.code, x.at]),
      [
        ['PLAN002', '"30"'],
        ['PITR003', 'cold_storage_after'],
      ],
    );
    const fixed = applyEdits(text, f[0]!.fixes[0]!);
    assert.ok(fixed.includes('start_window = 60\n'), fixed);
  });

  it('keeps offsets in UTF-16 code units after accents and emoji', () => {
    const text = `# café ☕ 😀 — déjà vu\nresource "aws_backup_plan" "p" {\n  name = "😀"\n  rule {\n    rule_name = "r"\n    target_vault_name = "v"\n    start_window = 5\n  }\n}\n`;
    const f = lintWith(tf, text);
    assert.deepEqual(
      f.map((x) => [x.code, x.at]),
      [['PLAN002', '5']],
    );
  });

  describe('syntax and arguments', () => {
    it('says where the HCL is broken (TF001) and still reads what it can', () => {
      const text = `resource "aws_backup_plan" "p" {\n  name = "p"\n  rule {\n    rule_name = "r"\n    target_vault_name = "v"\n    start_window = 30\n  \n}\n`;
      const f = lintWith(tf, text);
      assert.ok(
        f.some((x) => x.code === 'TF001'),
        JSON.stringify(f),
      );
      assert.ok(f.every((x) => x.offset >= 0 && x.offset + x.length <= text.length));
    });

    it('lists each of its own codes with the rules, for severities, SARIF and the README', () => {
      const text = `resource "aws_backup_plan" "p" {\n  nme = "p"\n  rule {\n`;
      const codes = new Set(lintWith(tf, text).map((f) => f.code));
      assert.deepEqual([...codes].sort(), ['TF001', 'TF002']);
      for (const code of codes) assert.ok(RULES_BY_CODE.has(code), code);
    });

    it('names a misspelt argument with the provider’s own name (TF002), and renames it', () => {
      const text = `resource "aws_backup_plan" "p" {\n  name = "p"\n  rule {\n    rule_name = "r"\n    target_vault_name = "v"\n    start_windows = 30\n    tags_al = {}\n  }\n  tags = {}\n  count = 1\n}\n`;
      const f = lintWith(tf, text).filter((x) => x.code === 'TF002');
      // tags_al is no argument of a rule block, and close to none: reported too, its line removed.
      assert.deepEqual(
        f.map((x) => x.at),
        ['start_windows', 'tags_al'],
      );
      assert.match(f[0]!.message, /"start_windows" is not an argument of a rule block .*"start_window"/);
      const fixed = applyEdits(applyEdits(text, f[1]!.fixes[0]!), f[0]!.fixes[0]!);
      assert.deepEqual(
        lintWith(tf, fixed).map((x) => [x.code, x.at]),
        [['PLAN002', '30']],
      );
    });
  });

  describe('fix translation', () => {
    const base = `resource "aws_backup_plan" "p" {\n  name = "p"\n\n  rule {\n    rule_name         = "r"\n    target_vault_name = aws_backup_vault.v.name\n    schedule          = "cron(0 5 ? * * *)" # daily\n    lifecycle {\n      cold_storage_after = 7\n    }\n    copy_action { destination_vault_arn = "arn:aws:backup:us-east-1:123456789012:backup-vault:dr" }\n  }\n}\nresource "aws_backup_vault" "v" {\n  name = "v"\n}\n`;
    const docOf = (text: string): EmbeddedDocument => docs(tf, text)[0]!;
    const rule = (d: EmbeddedDocument): Node => elements(valueOf(d.root, 'Rules'))[0]!;

    it('inserts an argument after the block’s last one, with its indentation, past a trailing comment', () => {
      const d = docOf(base);
      const r = rule(d);
      const sched = valueOf(r, 'ScheduleExpression')!;
      const fix = tf.translateFix(
        {
          title: 'add',
          edits: [{ offset: sched.offset + sched.length, length: 0, newText: ',\n"StartWindowMinutes": 60' }],
        },
        d,
        base,
      );
      assert.ok(fix);
      const fixed = applyEdits(base, fix);
      assert.ok(fixed.includes('    schedule          = "cron(0 5 ? * * *)" # daily\n'), fixed);
      assert.ok(fixed.includes('    start_window = 60\n'), fixed);
      assert.equal(plain(valueOf(rule(docOf(fixed)), 'StartWindowMinutes')), 60);
    });

    it('inserts a nested block for an object', () => {
      const d = docOf(base);
      const lc = valueOf(rule(d), 'Lifecycle')!;
      const fix = tf.translateFix(
        { title: 'add', edits: [{ offset: lc.offset + 1, length: 0, newText: '"DeleteAfterDays": 35,' }] },
        d,
        base,
      );
      const fixed = applyEdits(base, fix!);
      assert.ok(fixed.includes('      cold_storage_after = 7\n      delete_after = 35\n    }'), fixed);
      const ins = tf.translateFix(
        {
          title: 'add',
          edits: [
            {
              offset: d.root.offset + 1,
              length: 0,
              newText:
                '"AdvancedBackupSettings": [{"ResourceType": "EC2", "BackupOptions": {"WindowsVSS": "enabled"}}],',
            },
          ],
        },
        d,
        base,
      );
      const withBlock = applyEdits(base, ins!);
      assert.ok(
        withBlock.includes(
          '  advanced_backup_setting {\n    resource_type = "EC2"\n    backup_options = { WindowsVSS = "enabled" }\n  }\n}',
        ),
        withBlock,
      );
      assert.deepEqual(
        lintWith(tf, withBlock).filter((x) => x.code.startsWith('TF')),
        [],
      );
    });

    it('writes replaced strings as HCL literals that read back the same', () => {
      const d = docOf(base);
      const sched = valueOf(rule(d), 'ScheduleExpression')!;
      const tricky = 'a "quoted" ${not.a.template} %{x} back\\slash\nline';
      const fix = tf.translateFix(
        {
          title: 'set',
          edits: [{ offset: sched.offset, length: sched.length, newText: JSON.stringify(tricky) }],
        },
        d,
        base,
      );
      const fixed = applyEdits(base, fix!);
      assert.equal(plain(valueOf(rule(docOf(fixed)), 'ScheduleExpression')), tricky);
    });

    it('refuses what it cannot do correctly: a resolved reference, a key, a one-line block, unknown JSON', () => {
      const d = docOf(base);
      const r = rule(d);
      const vault = valueOf(r, 'TargetBackupVaultName')!;
      const key = keyOf(r, 'ScheduleExpression')!;
      const copy = elements(valueOf(r, 'CopyActions'))[0]!;
      const refused = [
        { offset: vault.offset, length: vault.length, newText: '"other"' },
        { offset: key.offset, length: key.length, newText: '"Schedule"' },
        { offset: copy.offset + 1, length: 0, newText: '"Lifecycle": {"DeleteAfterDays": 7}' },
        { offset: valueOf(r, 'ScheduleExpression')!.offset, length: 3, newText: 'x' },
        { offset: d.root.offset + 1, length: 0, newText: '"NotAField": 1' },
      ];
      for (const e of refused)
        assert.equal(tf.translateFix({ title: 't', edits: [e] }, d, base), undefined, JSON.stringify(e));
      const other = docs(tf, base.replace('"p"', '"q"'))[0]!;
      const sched = valueOf(rule(other), 'ScheduleExpression')!;
      assert.equal(
        tf.translateFix(
          { title: 't', edits: [{ offset: sched.offset, length: sched.length, newText: '"x"' }] },
          { ...other, root: JSON.parse('{}') as Node },
          base,
        ),
        undefined,
        'a tree the adapter did not build',
      );
    });
  });

  describe('activation stays light', () => {
    it('sniffs a resource block by its text only', () => {
      assert.equal(sniffTerraform(fixture('seminar.tf'), 'main.tf'), true);
      assert.equal(sniffTerraform('resource "aws_backup_selection" "s" {}', undefined), true);
      assert.equal(
        sniffTerraform('resource "aws_s3_bucket" "b" {}\n# aws_backup_plan later', 'main.tf'),
        false,
      );
      assert.equal(sniffTerraform('data "aws_backup_plan" "p" { plan_id = "x" }', 'main.tf'), false);
      assert.equal(sniffTerraform('resource "aws_backup_plan" "p" {}', 'plan.json'), false);
      assert.equal(sniffTerraform('{"Resources": {}}', 'template.yaml'), false);
    });

    it('loads the parser from the package’s own folder, and says which file is missing', async () => {
      await assert.rejects(
        loadTerraform({ wasmDir: 'test/fixtures/terraform' }),
        /web-tree-sitter\.wasm is missing from test\/fixtures\/terraform .*reinstall/,
      );
      // The working start is shared.
      assert.equal(await terraform(), tf);
    });
  });
});
