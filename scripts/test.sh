#!/usr/bin/env bash
# `make test`: static checks and unit tests, then the integration suite against freshly deployed
# stacks on an emulator. Stops the emulator it started (an emulator that was already running is left).
set -euo pipefail
cd "$(dirname "$0")/.."
started_at=$(date +%s)
export STAGE="${STAGE:-local}" EMULATOR_PORT="${EMULATOR_PORT:-4566}"

echo "== lint and types"
npx biome check .
npx tsc -p tsconfig.json --noEmit

mkdir -p .run
rm -f .run/jest-*.json .run/skipped-*.txt
echo "== policy scan (checkov over the prod templates of both publisher modes)"
scan_started=$(date +%s)
make --no-print-directory scan
echo "policy scan took $(($(date +%s) - scan_started)) s"

echo "== unit tests"
node_modules/.bin/jest --selectProjects unit --json --outputFile=.run/jest-unit.json

if [[ "${TEST_TARGET:-}" == localstack-container ]]; then
  # testcontainers starts LocalStack and deploys in the suite's global setup; it fails, never skips, without Docker.
  # Free LocalStack has no EventBridge Pipes, so the publisher=pipe suite does not run there (README matrix).
  echo "== integration tests (LocalStack container via testcontainers)"
  node_modules/.bin/jest --selectProjects integration --runInBand --json --outputFile=.run/jest-integration.json
else
  # One phase per emulator: up, deploy, integration (+ pipe where possible), down, leftover check.
  # Each on its own port, so an emulator a developer left running on the first is never mistaken
  # for the second.
  EMULATOR=ministack scripts/integration-phase.sh
  EMULATOR=localstack-host EMULATOR_PORT=$((EMULATOR_PORT + 1)) scripts/integration-phase.sh
fi
echo "make test: all suites passed in $(( $(date +%s) - started_at )) s"
# The phases that could not run (never counted as passed), then one plain closing line with the
# totals of every suite of every phase.
node -e 'const fs=require("fs");const files=fs.readdirSync(".run");const r=files.filter(f=>/^jest-.*\.json$/.test(f)).map(f=>JSON.parse(fs.readFileSync(".run/"+f,"utf8")));
  const sum=k=>r.reduce((s,x)=>s+x[k],0);
  for (const f of files.filter(f=>/^skipped-.*\.txt$/.test(f))) console.log(`not run: ${f.slice(8,-4)}`);
  console.log(`${sum("numPassedTests")} passed, ${sum("numFailedTests")} failed, ${sum("numPendingTests")} skipped`);'
