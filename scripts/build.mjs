// Bundles the extension, the CLI and the benchmark with esbuild (`vscode` stays external).
// `--production` minifies and drops source maps, for the .vsix.
import { build } from 'esbuild';
import { copyFileSync, readFileSync } from 'node:fs';

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
/** The first and last lines of extension.js: how long its code takes to load (src/bundles.ts). */
const LOAD_TIMES = {
  banner: { js: 'var __pitrLoadStart = performance.now();' },
  footer: { js: 'var __pitrLoadEnd = performance.now();' },
};
// The extension: a light entry and the bundles it loads on first use (src/bundles.ts).
for (const [entry, out] of [
  ['src/extension.ts', 'extension.js'],
  ['src/lint/editor/bundle.ts', 'lint.js'],
  ['src/awsFeatures.ts', 'aws.js'],
])
  await build({
    ...common,
    entryPoints: [entry],
    outfile: `dist/${out}`,
    external: ['vscode'],
    // When loading began, for the activation figures (src/bundles.ts).
    ...(out === 'extension.js' ? LOAD_TIMES : {}),
  });
await build({
  ...common,
  entryPoints: ['src/cli/main.ts'],
  outfile: 'dist/cli.js',
  banner: { js: '#!/usr/bin/env node' },
});
// `pitr-posture`, the recovery posture on the command line: the SDK bundled in.
await build({
  ...common,
  entryPoints: ['src/posture/cliMain.ts'],
  outfile: 'dist/posture.js',
  banner: { js: '#!/usr/bin/env node' },
});
// The local AWS Backup emulator: `npm run emulator`, and the sample account the extension runs
// inside itself (loaded on first use, src/bundles.ts).
// The emulator reads the model's shapes and operations, never its documentation (most of its bytes).
const modelWithoutDocs = {
  name: 'model-without-docs',
  setup(b) {
    b.onLoad({ filter: /aws-backup-model[\\/]service-2\.json$/ }, (args) => ({
      loader: 'json',
      contents: JSON.stringify(
        JSON.parse(readFileSync(args.path, 'utf8'), (k, v) => (k === 'documentation' ? undefined : v)),
      ),
    }));
  },
};
const emulator = { ...common, plugins: [modelWithoutDocs] };
await build({ ...emulator, entryPoints: ['src/emulator/main.ts'], outfile: 'dist/emulator.js' });
await build({ ...emulator, entryPoints: ['src/emulator/server.ts'], outfile: 'dist/sample.js' });
// The webviews' scripts (the restore timeline's, the recovery posture's): TypeScript in media/ that
// imports the domain core (its calendar and formats) instead of copying it, one browser script each,
// loaded by the panels under their strict CSP (src/ui/webviewPage.ts).
await build({
  ...common,
  entryPoints: ['media/timeline.ts', 'media/posture.ts'],
  outdir: 'dist/webview',
  platform: 'browser',
  target: 'es2022',
  format: 'iife',
  tsconfig: 'media/tsconfig.json',
});
if (!production)
  await build({ ...common, entryPoints: ['bench/main.ts'], outfile: 'dist/bench.js', external: ['esbuild'] });
// The Terraform adapter's parser (src/lint/formats/terraformHcl.ts): web-tree-sitter's runtime and
// tree-sitter's HCL grammar in WebAssembly, read from dist/ at run time (the extension and the CLI
// read nothing outside their package), with their licences beside them.
for (const [from, to] of [
  ['node_modules/web-tree-sitter/web-tree-sitter.wasm', 'web-tree-sitter.wasm'],
  ['node_modules/web-tree-sitter/LICENSE', 'web-tree-sitter.LICENSE'],
  ['node_modules/@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-hcl.wasm', 'tree-sitter-hcl.wasm'],
  ['node_modules/@tree-sitter-grammars/tree-sitter-hcl/LICENSE', 'tree-sitter-hcl.LICENSE'],
])
  copyFileSync(from, `dist/${to}`);
