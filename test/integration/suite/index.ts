/** The integration suite's entry, loaded by the extension host under either launcher. */
import Mocha from 'mocha';
import { appendFileSync, readdirSync } from 'node:fs';
import { format } from 'node:util';
import { join } from 'node:path';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const StatsReporter = require('../../support/stats-reporter.js') as typeof Mocha.reporters.Base;

/**
 * The extension host forwards console output to the workbench with its own decoration; the
 * reporter's lines go to a plain log file instead (TEST_LOG_FILE), which the launcher prints.
 */
function redirectReporterOutput(): void {
  const file = process.env.TEST_LOG_FILE;
  if (!file) return;
  const base = Mocha.reporters.Base as unknown as { consoleLog: (...args: unknown[]) => void };
  base.consoleLog = (...args: unknown[]) => appendFileSync(file, format(...args) + '\n');
}

export function run(): Promise<void> {
  redirectReporterOutput();
  const mocha = new Mocha({ ui: 'bdd', timeout: 30_000, color: false, reporter: StatsReporter });
  // PITR_TEST_FILES (a while working on one part): only the suite files whose names it matches.
  const only = process.env.PITR_TEST_FILES ? new RegExp(process.env.PITR_TEST_FILES) : undefined;
  for (const f of readdirSync(__dirname).sort())
    if (f.endsWith('.test.js') && (!only || only.test(f))) mocha.addFile(join(__dirname, f));
  return new Promise((res, rej) => {
    mocha.run((failures) =>
      failures > 0 ? rej(new Error(`${failures} integration test(s) failed`)) : res(),
    );
  });
}
