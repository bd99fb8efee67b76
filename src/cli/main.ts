import { readFileSync } from 'node:fs';
import { runCli } from './run';
// The package version, for --version and SARIF (esbuild inlines the JSON).
import pkg from '../../package.json';
import { messageOf } from '../aws/awsText';

try {
  process.exitCode = runCli(process.argv.slice(2), {
    cwd: process.cwd(),
    readFile: (p) => readFileSync(p, 'utf8'),
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    version: pkg.version,
  });
} catch (e: unknown) {
  process.stderr.write(`pitr-lint: internal error: ${messageOf(e)}\n`);
  process.exitCode = 2;
}
