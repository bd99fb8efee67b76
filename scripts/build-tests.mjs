// Bundles each test file on its own into out/ (packages and `vscode` external), so tests import the
// sources and the JSON schemas exactly as the extension does.
import { build } from 'esbuild';
import { readdirSync, statSync, rmSync } from 'node:fs';
import { join } from 'node:path';

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}
rmSync('out', { recursive: true, force: true });
const entryPoints = walk('test').filter((p) => p.endsWith('.ts') && !p.includes('fixtures'));
await build({
  entryPoints,
  outdir: 'out/test',
  outbase: 'test',
  bundle: true,
  packages: 'external',
  external: ['vscode'],
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'inline',
  logLevel: 'warning',
});
