// Bundles the extension, the CLI and the benchmark with esbuild (`vscode` stays external).
// `--production` minifies and drops source maps, for the .vsix.
import { build } from 'esbuild';

const production = process.argv.includes('--production');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  // jsonc-parser's UMD build hides its requires from bundlers: take its ES module build.
  mainFields: ['module', 'main'],
};
await build({
  ...common,
  entryPoints: ['src/extension.ts'],
  outfile: 'dist/extension.js',
  external: ['vscode'],
});
await build({
  ...common,
  entryPoints: ['src/cli/main.ts'],
  outfile: 'dist/cli.js',
  banner: { js: '#!/usr/bin/env node' },
});
// The local AWS Backup emulator (`npm run emulator`).
await build({ ...common, entryPoints: ['src/emulator/main.ts'], outfile: 'dist/emulator.js' });
if (!production) await build({ ...common, entryPoints: ['bench/main.ts'], outfile: 'dist/bench.js' });
