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
