/**
 * `pitr-lsp`: the language server's entry (dist/lsp.js). The same bundle is the lint thread the
 * server starts (./workerLinter.ts), told apart by its worker data.
 */
import { isMainThread, workerData } from 'node:worker_threads';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
// The package version, for --version and serverInfo (esbuild inlines the JSON).
import pkg from '../../package.json';
import { runLintWorker } from './lintWorker';
import { startServer } from './server';

const WORKER_MARK = 'pitr-lsp lint thread';

const USAGE = `Usage: pitr-lsp --stdio

The AWS Backup PITR linter as a language server (LSP 3.17) on standard input and output:
diagnostics, quick fixes, hover and completion for AWS Backup plans, selections and restore files,
CloudFormation templates and Terraform, recognised by content. Editor set-ups: docs/lsp.md.

Options:
  --stdio               talk LSP on stdin/stdout (the default)
  --clientProcessId N   exit when process N ends (as set by most clients)
  --version, --help
`;

if (!isMainThread && workerData === WORKER_MARK) runLintWorker();
else {
  const args = process.argv.slice(2);
  if (args.includes('--version')) process.stdout.write(`${pkg.version}\n`);
  else if (args.includes('--help') || args.includes('-h')) process.stdout.write(USAGE);
  else {
    const unknown = args.find(
      (a) =>
        !['--stdio', '--node-ipc'].includes(a) && !/^--clientProcessId(=\d+)?$/.test(a) && !/^\d+$/.test(a),
    );
    if (unknown !== undefined) {
      process.stderr.write(`pitr-lsp: unknown option ${JSON.stringify(unknown)}\n\n${USAGE}`);
      process.exitCode = 2;
    } else {
      if (!args.includes('--stdio') && !args.includes('--node-ipc')) process.argv.push('--stdio');
      const connection = createConnection(ProposedFeatures.all);
      // Over stdio, the client went away without `exit`: so does the server.
      if (!args.includes('--node-ipc')) process.stdin.on('end', () => process.exit(0));
      startServer(connection, { workerScript: __filename, workerData: WORKER_MARK, version: pkg.version });
    }
  }
}
