/**
 * Text that came from AWS (or from a file the user opened), made inert for the places VS Code reads
 * markup in: quick-pick labels, descriptions and details turn `$(name)` into icons, and notification
 * messages turn `[text](https:…)`, `[text](command:…)` and `[text](file:…)` into links a click
 * follows; and the message of anything thrown, which often carries such text. No `vscode` here:
 * the editor layers and the CLI call these where such text is shown.
 */

import { messageOf } from '../backup/text';

/** `$(name)` shown as written, not as an icon. */
export const noIcons = (text: string): string => text.replace(/\$\(/g, '\\$(');

/**
 * No link a notification would make clickable: `](` becomes `] (`, which VS Code's link syntax
 * does not match. Everything else reads as it was sent.
 */
export const noLinks = (text: string): string => text.replace(/\]\s*\(/g, '] (');

// The message of anything thrown lives on the floor below, where pitr-lint reads it too.
export { messageOf } from '../backup/text';

/** The message of anything thrown, ready for a notification. */
export const errorText = (e: unknown): string => noLinks(messageOf(e));
