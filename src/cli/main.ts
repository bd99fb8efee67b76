import { runCli } from './run';
import { NODE_FS } from './nodeFs';
// The package version, for --version and SARIF (esbuild inlines the JSON).
import pkg from '../../package.json';
import { messageOf } from '../backup/text';

runCli(process.argv.slice(2), {
  ...NODE_FS,
  cwd: process.cwd(),
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  version: pkg.version,
}).then(
  (code) => (process.exitCode = code),
  (e: unknown) => {
    process.stderr.write(`pitr-lint: internal error: ${messageOf(e)}\n`);
    process.exitCode = 2;
  },
);
