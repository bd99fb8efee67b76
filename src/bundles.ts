/**
 * The extension ships as several bundles beside `extension.js` (see scripts/build.mjs), each loaded
 * on first use so that activation stays light: `require` of a path esbuild cannot follow.
 */
import { join } from 'node:path';

export function loadBundle<T>(name: 'sample.js'): T {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(join(__dirname, name)) as T;
}
