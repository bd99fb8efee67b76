/**
 * Hover and completion in a Terraform file's `aws_backup_plan` and `aws_backup_selection` blocks,
 * from the trees the adapter builds (terraform.ts): each body object remembers its source entries
 * (terraformTree.ts), so the argument under the cursor is found even when its value was left out of
 * the tree (an unknown `cold_storage_after`, a `0` the provider does not send).
 *
 * Hover: the API documentation of the field an argument maps to (the service model's, as for the
 * AWS CLI's files), under the provider's name, with what its value means to the linter: an
 * expression or variable known only when Terraform plans, a vault reference resolved in the file,
 * a value the provider leaves out of the request. Completion: the arguments the block at the cursor
 * takes (with that documentation), and the values a boolean or an enum allows.
 */
import { getNodePath, type Node } from 'jsonc-parser';
import { inlineCode, propertyDoc, type CompletionEntry, type HoverInfo } from '../assist';
import { schemaAtPath, SCHEMAS } from '../schemas';
import type { Body, Field } from './terraformSpec';
import { originOf, resolvedFrom, type SourceBody, type SourceEntry } from './terraformTree';
import { isUnknown, type EmbeddedDocument } from './types';

interface BodyAt {
  doc: EmbeddedDocument;
  /** The body's object in the CLI-shaped tree (its path is the API path). */
  object: Node;
  body: Body;
  source: SourceBody;
}

/** The innermost block body of the documents that holds `offset`. */
function bodyAt(documents: readonly EmbeddedDocument[], offset: number): BodyAt | undefined {
  let best: BodyAt | undefined;
  for (const doc of documents) {
    const stack = [doc.root];
    for (let n = stack.pop(); n; n = stack.pop()) {
      if (offset < n.offset || offset > n.offset + n.length) continue;
      const origin = n.type === 'object' ? originOf(n) : undefined;
      if (origin?.kind === 'body' && (!best || n.length <= best.object.length))
        best = { doc, object: n, body: origin.body, source: origin.source };
      for (const c of n.children ?? []) stack.push(c);
    }
  }
  return best;
}

/** Terraform arguments outside the API's documents, said in a line. */
const OUTSIDE: Readonly<Record<string, string>> = {
  plan_id:
    "The ID of the backup plan this selection assigns resources to: create-backup-selection's `BackupPlanId`, outside the `BackupSelection` document.",
};

export function terraformHoverAt(
  documents: readonly EmbeddedDocument[],
  offset: number,
): HoverInfo | undefined {
  const at = bodyAt(documents, offset);
  if (!at) return undefined;
  // On an argument's name or value; on a block's name (inside the block is the block's own body).
  const entry = at.source.entries.find((e) =>
    e.kind === 'attribute'
      ? offset >= e.offset && offset <= e.offset + e.length
      : offset >= e.key.offset && offset <= e.key.offset + e.key.length,
  );
  if (!entry) return undefined;
  const field = at.body.fields[entry.name];
  const range = { offset: entry.key.offset, length: entry.key.length };
  if (!field) {
    const outside = OUTSIDE[entry.name];
    return outside ? { markdown: `**${entry.name}**\n\n${outside}`, ...range } : undefined;
  }
  const path = getNodePath(at.object);
  const doc = propertyDoc(at.doc.kind, path, field.cli, entry.name) ?? `**${entry.name}**`;
  const note = valueNote(entry, field, at.object);
  return { markdown: `${doc}\n\nThe API's \`${field.cli}\`.${note ? `\n\n${note}` : ''}`, ...range };
}

/** What the linter makes of the argument's value. */
function valueNote(entry: SourceEntry, field: Field, object: Node): string | undefined {
  if (entry.kind === 'dynamic')
    return 'A `dynamic` block: its contents are known only when Terraform plans; the linter does not check them.';
  if (entry.kind !== 'attribute') return undefined;
  const prop = object.children?.find((p) => p.children?.[0]?.value === field.cli);
  const value = prop ? prop.children?.[1] : entry.value?.();
  if (isUnknown(value)) {
    const skipped =
      field.ifUnknown === 'absent' && !prop
        ? ' It may well be `null`, so the linter reads it as not set: no rule reports it.'
        : ' The linter does not check it.';
    return `Known only when Terraform plans (${inlineCode(value.source)}): variables, locals, other resources and functions have no value before \`terraform plan\`.${skipped} Lint the plan's JSON (\`terraform show -json\`) to check the values Terraform computes.`;
  }
  const from = resolvedFrom(value);
  if (from !== undefined && value)
    return `Resolves to ${inlineCode(String(value.value))}: ${inlineCode(from)}, the name of a vault this file declares.`;
  if (!prop && value && field.unset !== undefined && value.value === field.unset)
    return `The provider does not send ${inlineCode(JSON.stringify(field.unset))} for this argument: AWS Backup sees it as not set.`;
  return undefined;
}

/** Argument names and values, in the block at the cursor; `reread` extracts another text of the file. */
export function terraformCompletions(
  text: string,
  offset: number,
  reread: (text: string) => readonly EmbeddedDocument[],
): CompletionEntry[] {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  const name = /^[ \t]*([A-Za-z_][A-Za-z0-9_-]*)?$/.exec(before);
  const value = name ? undefined : /^[ \t]*([A-Za-z_][A-Za-z0-9_]*)[ \t]*=[ \t]*("?[A-Za-z_]*)$/.exec(before);
  if (!name && !value) return [];
  // What is being typed is not valid HCL yet: the file is read with that line blanked, so the
  // block around it is whole.
  const indent = before.length - before.trimStart().length;
  const blanked = text.slice(0, lineStart + indent) + ' '.repeat(before.length - indent) + text.slice(offset);
  const at = bodyAt(reread(blanked), offset);
  if (!at) return [];
  const path = getNodePath(at.object);
  if (name) {
    const typed = name[1] ?? '';
    const present = new Set(at.source.entries.map((e) => e.name));
    return Object.entries(at.body.fields)
      .filter(([arg, f]) => f.shape === 'blocks' || !present.has(arg))
      .map(([arg, f]) => {
        const documentation = propertyDoc(at.doc.kind, path, f.cli, arg);
        const required = schemaAtPath(SCHEMAS[at.doc.kind], path)?.required?.includes(f.cli);
        return {
          label: arg,
          kind: 'property' as const,
          insertSnippet: snippet(arg, f, at.doc.kind, [...path, f.cli]),
          offset: offset - typed.length,
          length: typed.length,
          ...(documentation ? { documentation } : {}),
          ...(required ? { detail: 'required' } : {}),
        };
      });
  }
  const field = at.body.fields[value![1]!];
  if (!field || field.shape !== 'value') return [];
  const typed = value![2]!;
  return valuesOf(field, at.doc.kind, [...path, field.cli]).map((v) => ({
    label: v,
    kind: 'value' as const,
    insertSnippet: v,
    offset: offset - typed.length,
    length: typed.length,
  }));
}

/** The values an argument allows, as HCL writes them. */
function valuesOf(field: Field, kind: EmbeddedDocument['kind'], path: (string | number)[]): string[] {
  if (field.type === 'bool') return ['true', 'false'];
  const s = schemaAtPath(SCHEMAS[kind], path);
  return (s?.enum ?? []).filter((v) => typeof v === 'string').map((v) => JSON.stringify(v));
}

function snippet(arg: string, f: Field, kind: EmbeddedDocument['kind'], path: (string | number)[]): string {
  if (f.shape === 'block' || f.shape === 'blocks') return `${arg} {\n\t$1\n}`;
  if (f.shape === 'list') return `${arg} = [$1]`;
  const values = valuesOf(f, kind, path);
  if (values.length > 0) return `${arg} = \${1|${values.join(',')}|}`;
  if (f.type === 'number') return `${arg} = \${1:0}`;
  // A map (`recovery_point_tags`, `backup_options`): an object expression.
  return schemaAtPath(SCHEMAS[kind], path)?.type === 'object' ? `${arg} = {\n\t$1\n}` : `${arg} = "$1"`;
}
