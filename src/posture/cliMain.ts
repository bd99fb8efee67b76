import { runPostureCli } from './cli';
// The package version, for --version (esbuild inlines the JSON).
import pkg from '../../package.json';
import { messageOf } from '../aws/awsText';

// The AWS SDK's NodeVersionSupportWarning says that SDK versions published after a date will need a
// newer Node.js. This bin bundles its SDK at build time, so no such version reaches it without a new
// release of the package (whose `engines` then says which Node.js it needs): on stderr, in a cron job's
// mail or a CI log, the notice is noise that has nothing to do with the posture. Silent by default;
// AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED set to anything but "true" shows it again.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

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
