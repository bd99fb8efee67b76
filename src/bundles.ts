/**
 * The extension ships as several bundles beside `extension.js` (see scripts/build.mjs), each loaded
 * on first use so that activation stays light:
 * - `lint.js`: the lint engine and its editor adapter, when a document turns out to be an AWS Backup file;
 * - `aws.js`: the AWS SDK, the explorer and the restore flows, when one of them is first used;
 * - `sample.js`: the emulator behind the sample account.
 */
import { join } from 'node:path';

export type BundleName = 'extension.js' | 'lint.js' | 'aws.js' | 'sample.js';

/** A bundle loaded, and the milliseconds its code took to load and run. */
export interface BundleLoad {
  name: BundleName;
  ms: number;
}

const loads: BundleLoad[] = [];

export function loadBundle<T>(name: BundleName): T {
  const t0 = performance.now();
  // A path esbuild cannot follow, so the bundle stays a file of its own.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require(join(__dirname, name)) as T;
  if (!loads.some((l) => l.name === name)) loads.push({ name, ms: performance.now() - t0 });
  return mod;
}

/**
 * Set by the first and the last line of the extension's bundle (scripts/build.mjs): how long its
 * code took to load. Absent when the sources run unbundled (unit tests).
 */
declare const __pitrLoadStart: number | undefined;
declare const __pitrLoadEnd: number | undefined;

/**
 * Records what activation cost, as VS Code counts it: loading extension.js's code, plus the
 * `activate` call (which began at `activateStart`).
 */
export function activationDone(activateStart: number): void {
  if (typeof __pitrLoadStart !== 'number' || typeof __pitrLoadEnd !== 'number') return;
  if (!loads.some((l) => l.name === 'extension.js'))
    loads.unshift({
      name: 'extension.js',
      ms: __pitrLoadEnd - __pitrLoadStart + (performance.now() - activateStart),
    });
}

export function loadedBundles(): readonly BundleLoad[] {
  return [...loads];
}
