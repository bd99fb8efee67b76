/**
 * TF002: an argument of an `aws_backup_plan` or `aws_backup_selection` block that the provider does
 * not document (schemas/terraform/aws-backup-arguments.json lists them, with their origin; the
 * table in terraformSpec.ts is checked against it), or an attribute the provider sets itself.
 * Terraform refuses both, in the words quoted here (its "Unsupported argument", "Unsupported block
 * type" and "Value for unconfigurable attribute" errors).
 */
import type { RawFinding } from '../context';
import { didYouMean } from '../suggest';
import type { Fix } from '../types';
import type { Body } from './terraformSpec';
import type { SourceEntry } from './terraformTree';

export function unknownArgument(e: SourceEntry, body: Body, text: string, findings: RawFinding[]): void {
  const known = [...Object.keys(body.fields), ...(body.ignored ?? [])];
  const computed = body.computed?.includes(e.name) === true;
  const suggestion = computed ? undefined : didYouMean(e.name, known);
  const block = e.kind !== 'attribute';
  const terraform = computed
    ? `Terraform refuses it: "Can't configure a value for "${e.name}": its value will be decided automatically based on the result of applying this configuration."`
    : block
      ? `Terraform refuses it: "Unsupported block type: Blocks of type "${e.name}" are not expected here."`
      : `Terraform refuses it: "Unsupported argument: An argument named "${e.name}" is not expected here."`;
  const what = computed
    ? `"${e.name}" is an attribute the provider sets on ${body.name}, not an argument`
    : `"${e.name}" is not an argument of ${body.name} (Terraform AWS provider)`;
  const removal = removeLine(e, text);
  const fixes: Fix[] = suggestion
    ? [
        {
          title: `Change to "${suggestion}"`,
          edits: [{ offset: e.key.offset, length: e.key.length, newText: suggestion }],
          isPreferred: true,
        },
      ]
    : removal
      ? [{ title: `Remove ${e.name}`, edits: [removal], isPreferred: true }]
      : [];
  findings.push({
    code: 'TF002',
    message: `${what}: ${terraform} ${suggestion ? `Did you mean "${suggestion}"?` : 'Remove it.'}`,
    offset: e.key.offset,
    length: e.key.length,
    ...(fixes.length ? { fixes } : {}),
  });
}

/** The entry's lines, when nothing else is written on them (a comment after it goes too). */
function removeLine(
  e: SourceEntry,
  text: string,
): { offset: number; length: number; newText: '' } | undefined {
  const start = text.lastIndexOf('\n', e.offset - 1) + 1;
  if (!/^[ \t]*$/.test(text.slice(start, e.offset))) return undefined;
  const end = e.offset + e.length;
  const nl = text.indexOf('\n', end);
  const lineEnd = nl < 0 ? text.length : nl + 1;
  if (!/^[ \t]*(?:(?:#|\/\/).*)?\r?\n?$/.test(text.slice(end, lineEnd))) return undefined;
  return { offset: start, length: lineEnd - start, newText: '' };
}
