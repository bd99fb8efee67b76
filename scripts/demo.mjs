// `npm run demo`: lints the sample files in samples/ with pitr-lint, as CI would, at a fixed "now"
// (so the restore-time rules give the same answer every day). The samples carry deliberate mistakes:
// pitr-lint exits 1 on them, which is what this demo expects.
import { spawnSync } from 'node:child_process';

const r = spawnSync(process.execPath, ['dist/cli.js', 'samples', '--now', '2025-08-01T12:00:00Z'], {
  stdio: 'inherit',
});
if (r.status === 1) {
  console.log('\npitr-lint exited 1: it found the errors planted in samples/. Fix them and it exits 0.');
  process.exit(0);
}
console.error(`\npitr-lint exited ${r.status}; the samples should have given exit status 1 (errors found).`);
process.exit(1);
