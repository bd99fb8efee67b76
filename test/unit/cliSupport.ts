/** The command line run in-process, in a temporary folder of files (for the CLI's tests). */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NODE_FS } from '../../src/cli/nodeFs';
import { runCli, type CliFs } from '../../src/cli/run';

export function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'pitr-cli-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

/** Runs the command line in `cwd`; `fs` replaces parts of the real file system (e.g. to fail). */
export async function cli(
  args: string[],
  cwd: string,
  fs: Partial<CliFs> = {},
): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(args, {
    ...NODE_FS,
    ...fs,
    cwd,
    stdout: (s) => (out += s),
    stderr: (s) => (err += s),
    version: '0.0.0-test',
  });
  return { code, out, err };
}
