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

echo "== unit tests"
mkdir -p .run
rm -f .run/jest-*.json
node_modules/.bin/jest --selectProjects unit --json --outputFile=.run/jest-unit.json

if [[ "${TEST_TARGET:-}" == localstack-container ]]; then
  # testcontainers starts LocalStack and deploys in the suite's global setup; it fails, never skips, without Docker.
  # Free LocalStack has no EventBridge Pipes, so the publisher=pipe suite does not run there (README matrix).
  echo "== integration tests (LocalStack container via testcontainers)"
  node_modules/.bin/jest --selectProjects integration --runInBand --json --outputFile=.run/jest-integration.json
else
  stop_emulator=0
  if ! curl -sf "http://127.0.0.1:${EMULATOR_PORT}/_localstack/health" >/dev/null 2>&1; then stop_emulator=1; fi
  cleanup() { if [[ $stop_emulator == 1 ]]; then localstack/down.sh; fi; }
  trap cleanup EXIT
  echo "== emulator and deploy"
  localstack/up.sh
  deploy_started=$(date +%s)
  make --no-print-directory deploy-stacks
  echo "deployed all stacks in $(( $(date +%s) - deploy_started )) s"
  echo "== cfn-lint of the packaged templates"
  make --no-print-directory validate
  make --no-print-directory scan
  echo "== integration tests (emulator on 127.0.0.1:${EMULATOR_PORT})"
  node_modules/.bin/jest --selectProjects integration --runInBand --json --outputFile=.run/jest-integration.json
  echo "== publisher: pipe (the outbox services redeployed with publisher=pipe)"
  make --no-print-directory deploy-stacks PUBLISHER=pipe
  make --no-print-directory validate
  node_modules/.bin/jest --selectProjects pipe --runInBand --json --outputFile=.run/jest-pipe.json
  cleanup
  trap - EXIT
fi
echo "make test: all suites passed in $(( $(date +%s) - started_at )) s"
# One plain closing line with the totals of every suite that ran.
node -e 'const fs=require("fs");const r=["unit","integration","pipe"].map(n=>"./.run/jest-"+n+".json").filter(f=>fs.existsSync(f)).map(f=>require(f));
  const sum=k=>r.reduce((s,x)=>s+x[k],0);
  console.log(`${sum("numPassedTests")} passed, ${sum("numFailedTests")} failed, ${sum("numPendingTests")} skipped`);'
