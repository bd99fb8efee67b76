#!/usr/bin/env bash
# The project's whole test run: types, lint, format, schemas, build, unit tests in plain Node, the
# packed command-line linter, the integration suite in a real VS Code host, the end-to-end tour and
# packaging. Installs what the integration host needs on first use.
# Ends with a summary that names every step, and "Tests: N passed, N failed" — or what failed.
set -uo pipefail
cd "$(dirname "$0")/.."
rm -rf test-results && mkdir -p test-results
# The AWS SDK warns, on Node 20, that its releases after January 2027 will need Node 22: true, and
# said in the README; in the middle of a test run a person takes it for an error.
export AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=true
status=0
steps=()
step() {
  local name="$1"
  shift
  echo "::: $name"
  local t0=$SECONDS
  if "$@"; then
    steps+=("  ok      $name ($((SECONDS - t0)) s)")
  else
    echo "::: FAILED: $name"
    steps+=("  FAILED  $name ($((SECONDS - t0)) s)")
    status=1
  fi
}

step "type check" npx tsc -p . --noEmit
step "type check (the timeline webview's script, media/tsconfig.json)" npx tsc -p media --noEmit
step "lint (type-aware)" npx eslint --max-warnings 0 .
step "format" npx prettier --check --log-level warn .
# Unused files, exports and dependencies (knip.json says what the entry points are).
step "dead exports (knip)" npx knip --no-progress
step "schemas match the service model" node scripts/generate-schemas.mjs --check
step "compiled validators match the schemas" node scripts/generate-validators.mjs --check
step "build" node scripts/build.mjs
step "build tests" node scripts/build-tests.mjs
# The AWS CLI conformance test needs `aws`; a fresh machine of this kind may lack it.
if ! command -v aws >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ]; then
    echo "::: installing the AWS CLI (Debian awscli)"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq awscli >/dev/null
  else
    echo "::: the AWS CLI is missing: sudo apt-get install awscli"
  fi
fi
step "unit tests" env TEST_STATS_FILE=test-results/unit.json npx mocha
# Issue 22's figures: import loops between folders, upward imports, type names and the 35-day limit
# outside the record per type, files a new type touches. Fails when one is over its bound.
step "the house's figures" node scripts/house-figures.mjs
if [ "${VSCODE_TEST_LAUNCHER:-offline}" = "electron" ]; then
  step "integration tests (@vscode/test-electron)" env TEST_STATS_FILE=test-results/integration.json node out/test/integration/runElectron.js
else
  step "integration tests (code-server + Chromium)" env TEST_STATS_FILE=test-results/integration.json node out/test/integration/runOffline.js
fi
step "end-to-end (the sandbox in Chromium)" env TEST_STATS_FILE=test-results/e2e.json node out/test/e2e/sandboxTour.js
step "package (.vsix)" npm run --silent package
step "the .vsix holds what .vscodeignore ships, and nothing else" env TEST_STATS_FILE=test-results/vsix-contents.json npx mocha --no-config --reporter ./test/support/stats-reporter.js --timeout 60000 out/test/packaging/vsixContents.test.js
step "the packed command-line linter, installed from its tarball" env TEST_STATS_FILE=test-results/packed-cli.json npx mocha --no-config --reporter ./test/support/stats-reporter.js --timeout 200000 out/test/packaging/packedCli.test.js
step "the packaged .vsix installed in a real VS Code host" env TEST_STATS_FILE=test-results/installed-vsix.json node out/test/packaging/installedVsix.js

echo
echo "Summary:"
printf '%s\n' "${steps[@]}"
node -e '
const fs = require("fs");
let passed = 0, failed = 0;
for (const f of fs.readdirSync("test-results").filter((f) => f.endsWith(".json"))) {
  const s = JSON.parse(fs.readFileSync("test-results/" + f, "utf8"));
  console.log(`  ${f.replace(".json", "")}: ${s.passes} passed, ${s.failures} failed`);
  passed += s.passes; failed += s.failures;
}
const bad = process.argv[1] !== "0";
console.log(`Tests: ${passed} passed, ${failed} failed${bad ? " — and a step FAILED (see the summary above)" : ""}`);
' "$status"
exit $status
