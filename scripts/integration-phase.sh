#!/usr/bin/env bash
# One emulator phase of `make test`: up → deploy every stack (timed) → integration suite → pipe-mode
# suite where the emulator can create a pipe → down → check that no process of the run is left.
# EMULATOR (ministack | localstack-host | localstack) and EMULATOR_PORT choose the emulator.
# Jest results: .run/jest-<emulator>-integration.json and .run/jest-<emulator>-pipe.json; a phase that
# cannot run writes .run/skipped-<emulator>-<suite>.txt (its reason), which the totals line reports.
set -euo pipefail
cd "$(dirname "$0")/.."
: "${EMULATOR:?set EMULATOR to ministack, localstack-host or localstack}"
export EMULATOR EMULATOR_PORT="${EMULATOR_PORT:-4566}" STAGE="${STAGE:-local}"
export LOCALSTACK_HOST="127.0.0.1:${EMULATOR_PORT}"
# The emulator accepts any credentials (as the Makefile sets them); without them the pipe probe would fail.
export AWS_ACCESS_KEY_ID="${AWS_ACCESS_KEY_ID:-test}" AWS_SECRET_ACCESS_KEY="${AWS_SECRET_ACCESS_KEY:-test}"
export AWS_REGION="${AWS_REGION:-us-east-1}"
mkdir -p .run
rm -f ".run/jest-${EMULATOR}-"*.json ".run/skipped-${EMULATOR}-"*.txt ".run/waits-${EMULATOR}.tsv"

# The integration jest invocation, in one place. Every suite file runs at once: they mostly wait for
# sagas and schedules, and each selects its own records and scopes its own faults, so their waits
# overlap instead of adding up. --verbose prints each test with its duration as its file ends.
run_jest() { # <project> <json output file>
  local files
  files=$(node_modules/.bin/jest --selectProjects "$1" --listTests | wc -l)
  node_modules/.bin/jest --selectProjects "$1" --maxWorkers="$((files > 0 ? files : 1))" --verbose \
    --json --outputFile="$2"
}

# The waits that used most of their budget (test/support/recordWait.ts): the margins left, by share.
tightest_waits() {
  local ledger=".run/waits-${EMULATOR}.tsv"
  [[ -s $ledger ]] || return 0
  echo "[$EMULATOR] tightest waits (share of budget, elapsed, budget, test, wait):"
  # sed reads all of sort's output: with `head`, sort could die of SIGPIPE and pipefail end the phase.
  sort -t $'\t' -k1,1nr "$ledger" | sed -n '1,5s/^/  /p'
}

# Where the phase's saga time went, hop by hop (make hops), so a slow wait shows its slow hop. A
# diagnostic: if it cannot read the tables it says so in one line and the phase goes on.
hop_report() { # <ISO time the suite started>
  local ledger=".run/waits-${EMULATOR}.tsv" orders=""
  # The orders of the three tightest waits that name any, each traced hop by hop.
  if [[ -s $ledger ]]; then
    orders="$(sort -t $'\t' -k1,1nr "$ledger" | awk -F'\t' '$6 != "" { print $6 }' \
      | sed -n '1,3p' | tr ',' '\n' | awk '!seen[$0]++' | paste -sd, -)" || orders=""
  fi
  echo "[$EMULATOR] hop timings of the sagas since $1${orders:+, then the orders of the tightest waits}:"
  make --no-print-directory hops SINCE="$1" ORDERS="$orders" 2>&1 | sed 's/^/  /' || echo "  [$EMULATOR] hop report not available (make hops failed)"
}

# Free LocalStack 4.14 has no Pipes API (and its CloudFormation skips AWS::Pipes::Pipe): ask the
# emulator rather than assume, and keep its answer as the reason.
pipes_unavailable() {
  local out
  if out="$(.venv/bin/aws --endpoint-url "http://${LOCALSTACK_HOST}" --region "${AWS_REGION:-us-east-1}" \
    pipes list-pipes 2>&1)"; then
    return 1
  fi
  echo "$out" | tr '\n' ' ' | sed 's/  */ /g; s/^ //; s/ $//' | cut -c1-200
}

was_running=0
curl -sf "http://${LOCALSTACK_HOST}/_localstack/health" >/dev/null 2>&1 && was_running=1
finish() {
  if [[ $was_running == 0 ]]; then
    localstack/down.sh
    localstack/leftovers.sh
  fi
}
trap finish EXIT

echo "== [$EMULATOR] emulator on ${LOCALSTACK_HOST}"
localstack/up.sh
if [[ "$EMULATOR" == localstack-host ]]; then
  echo "== [$EMULATOR] host Lambda executor: timeout, crash, memory, environment, logs"
  .venv-localstack/bin/python -m unittest discover -s localstack/host/executor/tests
fi

echo "== [$EMULATOR] deploy"
deploy_started=$(date +%s)
make --no-print-directory deploy-stacks
echo "[$EMULATOR] deployed all stacks in $(($(date +%s) - deploy_started)) s"
make --no-print-directory validate

echo "== [$EMULATOR] integration tests"
suite_started=$(date +%s)
suite_since=$(date -u +%Y-%m-%dT%H:%M:%SZ)
suite_rc=0
run_jest integration ".run/jest-${EMULATOR}-integration.json" || suite_rc=$?
echo "[$EMULATOR] integration suite took $(($(date +%s) - suite_started)) s"
tightest_waits
hop_report "$suite_since"
((suite_rc == 0)) || exit "$suite_rc"

if reason="$(pipes_unavailable)"; then
  echo "[$EMULATOR] pipe-mode suite NOT RUN (not counted as passed): this emulator cannot create a pipe ($reason)" \
    | tee ".run/skipped-${EMULATOR}-pipe.txt"
else
  echo "== [$EMULATOR] publisher: pipe (the outbox services redeployed with publisher=pipe)"
  make --no-print-directory deploy-stacks PUBLISHER=pipe
  make --no-print-directory validate
  rm -f ".run/waits-${EMULATOR}.tsv"
  pipe_since=$(date -u +%Y-%m-%dT%H:%M:%SZ)
  pipe_rc=0
  run_jest pipe ".run/jest-${EMULATOR}-pipe.json" || pipe_rc=$?
  tightest_waits
  hop_report "$pipe_since"
  ((pipe_rc == 0)) || exit "$pipe_rc"
fi

trap - EXIT
finish
