import { runPostureCli } from './cli';
// The package version, for --version (esbuild inlines the JSON).
import pkg from '../../package.json';
import { messageOf } from '../aws/awsText';

runPostureCli(process.argv.slice(2), {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  progressTty: process.stderr.isTTY === true,
  env: process.env,
  version: pkg.version,
}).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`pitr-posture: internal error: ${messageOf(e)}\n`);
    process.exitCode = 2;
  },
);
