/**
 * Text from AWS or from files made inert for a terminal, a log or an export: the one sanitiser both
 * command lines (pitr-lint, pitr-posture) use. Domain core: pure text handling, no I/O.
 */

/**
 * Characters that drive a terminal (C0 controls, DEL, C1 controls: ESC sequences move the cursor,
 * recolour, retitle) and those that hide or reorder what is read (the soft hyphen, the Arabic letter
 * mark, the Mongolian vowel separator, zero-width characters, the left-to-right and right-to-left
 * marks, the line and paragraph separators, the bidirectional embeddings, overrides and isolates,
 * the word joiner and invisible operators, the variation selectors, the byte order mark, and the
 * tag characters U+E0000–E007F, which carry hidden text).
 */
const UNSAFE =
  /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufe00-\ufe0f\ufeff\u{e0000}-\u{e007f}\u{e0100}-\u{e01ef}]/gu;

/** Every such character as its escape (`\u001b`, `\u{e0041}`): seen for what it is, never acted on. */
export function visible(s: string): string {
  return s.replace(UNSAFE, (c) => {
    const cp = c.codePointAt(0)!;
    return cp > 0xffff ? `\\u{${cp.toString(16)}}` : `\\u${cp.toString(16).padStart(4, '0')}`;
  });
}

/**
 * JSON text whose strings carry no such character as itself: each is written as its JSON escape
 * (`\u202e`, a tag character as its two `\udb40\udc41`), so the output parses to the same strings
 * and a terminal, a log or a diff viewer shows it inert.
 */
export function inertJson(value: unknown, space?: number): string {
  // C0 controls inside strings are escaped by JSON.stringify already; outside, they are its layout.
  return JSON.stringify(value, null, space).replace(UNSAFE, (c) => (c < ' ' ? c : utf16Escapes(c)));
}

function utf16Escapes(c: string): string {
  let out = '';
  for (let i = 0; i < c.length; i++) out += `\\u${c.charCodeAt(i).toString(16).padStart(4, '0')}`;
  return out;
}

/** The message of anything thrown: the AWS layer's, the features' and the command lines' one helper. */
export const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/**
 * Text from AWS or a file, inert where VS Code reads markup: quick-pick labels, descriptions and
 * details turn `$(name)` into icons; notification messages turn `[text](https:…)`,
 * `[text](command:…)` and `[text](file:…)` into links a click follows. No `vscode` here.
 */
/** `$(name)` shown as written, not as an icon. */
export const noIcons = (text: string): string => text.replace(/\$\(/g, '\\$(');

/**
 * No link a notification would make clickable: `](` becomes `] (`, which VS Code's link syntax
 * does not match. Everything else reads as it was sent.
 */
export const noLinks = (text: string): string => text.replace(/\]\s*\(/g, '] (');

/** The message of anything thrown, ready for a notification. */
export const errorText = (e: unknown): string => noLinks(messageOf(e));
