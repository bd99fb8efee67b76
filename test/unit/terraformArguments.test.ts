import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { PLAN, SELECTION, type Body } from '../../src/lint/formats/terraformSpec';
import type { FormatAdapter } from '../../src/lint/formats/types';
import { applyEdits, lintWith, terraform } from './lint/formats/terraformSupport';

interface Vendored {
  files: Record<string, string>;
  arguments: Record<string, string[]>;
  attributes: Record<string, string[]>;
}
const VENDORED = JSON.parse(readFileSync('schemas/terraform/aws-backup-arguments.json', 'utf8')) as Vendored;
/** Terraform's meta-arguments, on every resource block, not in the provider's pages. */
const META = ['count', 'for_each', 'provider', 'depends_on', 'lifecycle', 'provisioner', 'connection'];

/** Every block of the table, by its path in the vendored list. */
function bodies(body: Body, path: string, out: Map<string, Body> = new Map()): Map<string, Body> {
  out.set(path, body);
  for (const [name, f] of Object.entries(body.fields)) if (f.body) bodies(f.body, `${path}.${name}`, out);
  return out;
}

describe('Terraform: every argument checked against the provider’s documentation', () => {
  let tf: FormatAdapter;
  before(async () => {
    tf = await terraform();
  });

  it('the table has exactly the vendored arguments of every block (and says where they come from)', () => {
    assert.ok(Object.values(VENDORED.files).every((c) => /^[0-9a-f]{40}$/.test(c)));
    const all = new Map([...bodies(PLAN, 'aws_backup_plan'), ...bodies(SELECTION, 'aws_backup_selection')]);
    assert.deepEqual([...all.keys()].sort(), Object.keys(VENDORED.arguments).sort());
    for (const [path, body] of all) {
      const top = !path.includes('.');
      const ours = [...Object.keys(body.fields), ...(body.ignored ?? [])].filter(
        (n) => !(top && META.includes(n)) && !(top && n === 'id'),
      );
      assert.deepEqual(ours.sort(), [...VENDORED.arguments[path]!].sort(), path);
      if (top)
        assert.deepEqual(
          [...(body.computed ?? []), 'id'].sort(),
          [...VENDORED.attributes[path]!].sort(),
          path,
        );
    }
  });

  it('copy_action { target_kms_key_arn = … } is TF002 in Terraform’s words, and its line can be removed', () => {
    const text = `resource "aws_backup_plan" "p" {\n  name = "p"\n  arn  = "x"\n  rule {\n    rule_name         = "r"\n    target_vault_name = "v"\n    copy_action {\n      destination_vault_arn = "arn:aws:backup:us-east-1:123456789012:backup-vault:dr"\n      target_kms_key_arn    = "arn:aws:kms:us-east-1:123456789012:key/k" # not an argument\n    }\n    surprise {\n    }\n  }\n}\n`;
    const f = lintWith(tf, text).filter((x) => x.code === 'TF002');
    assert.deepEqual(
      f.map((x) => x.at),
      ['arn', 'target_kms_key_arn', 'surprise'],
    );
    assert.match(
      f[0]!.message,
      /"arn" is an attribute the provider sets on aws_backup_plan.*Can't configure a value for "arn"/,
    );
    assert.match(
      f[1]!.message,
      /"target_kms_key_arn" is not an argument of a copy_action block \(Terraform AWS provider\): Terraform refuses it: "Unsupported argument: An argument named "target_kms_key_arn" is not expected here\." Remove it\./,
    );
    assert.match(f[2]!.message, /Unsupported block type: Blocks of type "surprise" are not expected here/);
    const fixed = applyEdits(text, f[1]!.fixes[0]!);
    assert.ok(!fixed.includes('target_kms_key_arn'));
    assert.ok(
      fixed.includes(
        '      destination_vault_arn = "arn:aws:backup:us-east-1:123456789012:backup-vault:dr"\n    }\n',
      ),
    );
  });
});
