/**
 * The quick fixes the rules offer, built in one place: "Change to X" (a value replaced by the one it
 * should be), "Rename to X" (a key spelled as documented) and "Remove X" (a property the service
 * rejects). Edits are JSON edits against the
 * CLI-shaped tree; a format adapter (src/lint/formats/types.ts) turns them into its own syntax.
 */
import type { Node } from 'jsonc-parser';
import { removalEdit, type Span } from './jsonAst';
import type { Fix } from './types';

/** The text a value is written as in JSON: strings quoted and escaped, numbers as they are. */
function literal(value: string | number): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

/**
 * One preferred fix that replaces `at` with `value` (`Change to "cron(0 5 ? * * *)"`, `Change to 60`),
 * or none when there is no value to offer: the result goes straight into `ctx.report`.
 */
export function changeTo(at: Span, value: string | number | undefined): Fix[] {
  if (value === undefined) return [];
  const text = literal(value);
  return [
    {
      title: `Change to ${text}`,
      edits: [{ offset: at.offset, length: at.length, newText: text }],
      isPreferred: true,
    },
  ];
}

/** One preferred fix that renames the key at `key` to `name`, or none when there is no name. */
export function renameTo(key: Span, name: string | undefined): Fix[] {
  if (name === undefined) return [];
  return [
    {
      title: `Rename to "${name}"`,
      edits: [{ offset: key.offset, length: key.length, newText: JSON.stringify(name) }],
      isPreferred: true,
    },
  ];
}

/** One preferred fix that removes the property `prop` (key, value and the comma joining it). */
export function removeProperty(prop: Node, name: string): Fix[] {
  return [{ title: `Remove ${name}`, edits: [removalEdit(prop)], isPreferred: true }];
}
