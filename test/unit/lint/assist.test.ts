import { strict as assert } from 'node:assert';
import { completionsAt, hoverAt } from '../../../src/lint/assist';
import { parseDocument } from '../../../src/lint/jsonAst';
import { recognize } from '../../../src/lint/recognize';
import type { Recognition } from '../../../src/lint/types';

function at(textWithCursor: string, fileName = 'x.json'): { text: string; offset: number; r: Recognition } {
  const offset = textWithCursor.indexOf('|');
  const text = textWithCursor.replace('|', '');
  const r = recognize({ root: parseDocument(text).root, fileName });
  assert.ok(r, 'not recognised');
  return { text, offset, r };
}

describe('completion and hover', () => {
  it('completes the properties a rule does not have yet, replacing the typed quotes', () => {
    const { text, offset, r } = at('{"BackupPlanName":"p","Rules":[{"RuleName":"r", "|"}]}');
    const items = completionsAt(text, offset, r);
    const labels = items.map((i) => i.label);
    assert.ok(labels.includes('EnableContinuousBackup') && labels.includes('Lifecycle'));
    assert.ok(!labels.includes('RuleName'));
    const cont = items.find((i) => i.label === 'EnableContinuousBackup')!;
    assert.equal(cont.insertSnippet, '"EnableContinuousBackup": ${1|true,false|}');
    assert.equal(text.slice(cont.offset, cont.offset + cont.length), '""');
    assert.match(cont.documentation ?? '', /point-in-time restore/);
    assert.match(items.find((i) => i.label === 'TargetBackupVaultName')!.detail ?? '', /required/);
  });

  it('completes enum and boolean values', () => {
    const sel = at('{"SelectionName":"s","IamRoleArn":"r","ListOfTags":[{"ConditionType": |}]}');
    assert.deepEqual(
      completionsAt(sel.text, sel.offset, sel.r).map((i) => i.label),
      ['"STRINGEQUALS"', '"StringEquals"'],
    );
    const b = at('{"BackupPlanName":"p","Rules":[{"RuleName":"r","EnableContinuousBackup": |}]}');
    assert.deepEqual(
      completionsAt(b.text, b.offset, b.r).map((i) => i.label),
      ['true', 'false'],
    );
  });

  it('completes restore metadata keys for the resource type, and their values', () => {
    const k = at('{"DestinationBucketName":"b", "|"}');
    const labels = completionsAt(k.text, k.offset, k.r).map((i) => i.label);
    assert.ok(labels.includes('RestoreTime') && labels.includes('EncryptionType'));
    assert.ok(!labels.includes('DestinationBucketName') && !labels.includes('DBInstanceIdentifier'));
    const v = at('{"DestinationBucketName":"b","EncryptionType": "|"}');
    assert.deepEqual(
      completionsAt(v.text, v.offset, v.r).map((i) => i.label),
      ['"original"', '"SSE-S3"', '"SSE-KMS"'],
    );
    const j = at(
      '{"RecoveryPointArn":"a","ResourceType":"RDS","Metadata":{"DBInstanceIdentifier":"x", "|"}}',
    );
    assert.ok(completionsAt(j.text, j.offset, j.r).some((i) => i.label === 'UseLatestRestorableTime'));
  });

  it('hovers a property name or value with its documentation from the model', () => {
    const { text, r } = at('{"BackupPlanName":"p","Rules":[{"RuleName":"r","StartWindowMinutes":480}]}|');
    const onKey = hoverAt(text, text.indexOf('StartWindowMinutes'), r);
    assert.match(onKey!.markdown, /^\*\*StartWindowMinutes\*\* `integer`/);
    assert.match(onKey!.markdown, /at least 60 minutes/);
    assert.equal(text.slice(onKey!.offset, onKey!.offset + onKey!.length), '"StartWindowMinutes"');
    const onValue = hoverAt(text, text.indexOf('480') + 1, r);
    assert.equal(onValue?.offset, onKey!.offset);
    const meta = at('{"DestinationBucketName":"b"}|');
    assert.match(
      hoverAt(meta.text, 3, meta.r)!.markdown,
      /\*\*DestinationBucketName\*\* — S3 restore metadata \(required\)/,
    );
    assert.equal(hoverAt(text, 0, r), undefined);
  });
});
