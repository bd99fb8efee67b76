// Mocha's spec reporter, plus a stats file (TEST_STATS_FILE) that the test command adds up into
// its closing "N passed, N failed" line.
const Mocha = require('mocha');
const { writeFileSync, mkdirSync } = require('node:fs');
const { dirname } = require('node:path');

class StatsReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    runner.once('end', () => {
      const file = process.env.TEST_STATS_FILE;
      if (!file) return;
      mkdirSync(dirname(file), { recursive: true });
      const s = runner.stats ?? {};
      writeFileSync(
        file,
        JSON.stringify({ passes: s.passes ?? 0, failures: s.failures ?? 0, pending: s.pending ?? 0 }),
      );
    });
  }
}
module.exports = StatsReporter;
