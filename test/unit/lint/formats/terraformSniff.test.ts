/**
 * Before the lint engine loads, the extension asks ../formats/sniff.ts whether an opened document
 * may be an AWS Backup file (src/lint/editor/sniff.ts); for a `.tf` file that is a text search. A
 * Terraform file without a Backup plan or selection loads nothing more (bench/activation.ts measures
 * it in the host); one with them loads the engine, which then starts the HCL parser.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sniffEmbedding } from '../../../../src/lint/formats/sniff';
import { formatsReady } from '../../../../src/lint/formats';
import { fixture } from './terraformSupport';

const workspace = (name: string): string =>
  readFileSync(join('test', 'fixtures', 'workspace', 'terraform', name), 'utf8');

describe("the editor's first test on a .tf file", () => {
  it('a .tf file with no aws_backup_plan or aws_backup_selection is not an AWS Backup file, and starts no parser', () => {
    const storage = workspace('storage.tf');
    assert.ok(storage.includes('aws_backup_vault'), 'a Backup vault alone is not a plan');
    assert.equal(sniffEmbedding(storage, '/w/terraform/storage.tf'), undefined);
    assert.equal(formatsReady(storage, '/w/terraform/storage.tf'), true, 'nothing to start for it');
  });

  it('a .tf file with a plan or a selection is Terraform, and needs the parser started', () => {
    for (const name of ['seminar.tf', 'unknowns.tf', 'twoVaults.tf']) {
      assert.equal(sniffEmbedding(fixture(name), `/w/${name}`), 'terraform', name);
      assert.equal(formatsReady(fixture(name), `/w/${name}`), false, name);
    }
    assert.equal(sniffEmbedding(workspace('seminar.tf'), '/w/MAIN.TF'), 'terraform');
  });
});
