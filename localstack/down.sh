#!/usr/bin/env bash
# Stops what up.sh started on $EMULATOR_PORT, and only that: the emulator and every process it
# started (LocalStack's DynamoDB Local `java` and kinesis-local `node`, function processes).
# Then localstack/leftovers.sh proves none survived (exit 1 if one did).
set -uo pipefail
cd "$(dirname "$0")/.."
PORT="${EMULATOR_PORT:-4566}"
# One record per port, so several emulators (e.g. parallel checkouts) never stop each other.
RUN_DIR="$PWD/.run/emulator-${PORT}"
[[ -f "$RUN_DIR/emulator" ]] || { echo "no emulator started by make up"; exit 0; }
kind="$(cat "$RUN_DIR/emulator")"
pid="$(cat "$RUN_DIR/emulator.pid" 2>/dev/null || true)"
STARTED="$RUN_DIR/started-processes"   # "pid command" of everything to stop, read by leftovers.sh

# Every descendant of $1 (children first found, breadth first).
descendants() {
  ps -A -o pid=,ppid= | awk -v root="$1" '
    { kids[$2] = kids[$2] " " $1 }
    END { queue = root
      while (queue != "") { n = split(queue, q, " "); queue = ""
        for (i = 1; i <= n; i++) { m = split(kids[q[i]], k, " ")
          for (j = 1; j <= m; j++) { print k[j]; queue = queue " " k[j] } } } }'
}
command_of() { ps -p "$1" -o command= 2>/dev/null; }

# Same pid and same command line as recorded (a pid reused by another program is left alone).
still_ours() { [[ -n "$2" && "$(command_of "$1")" == "$2" ]]; }

# Adds to $STARTED what is running now and not yet recorded. Called before the stop, and again after
# it: a function process started while the emulator was shutting down is recorded then.
record() {
  local p
  touch "$STARTED"
  # Also what names the run dir (DynamoDB Local, kinesis-local), in case the emulator already died.
  for p in $pid $([[ -n "$pid" ]] && descendants "$pid") $(ls "$RUN_DIR/function-pids" 2>/dev/null) \
    $(ps -A -o pid=,command= | grep -F -- "$RUN_DIR/" | grep -v -e grep -e leftovers.sh | awk '{print $1}'); do
    grep -q "^$p " "$STARTED" || printf '%s %s\n' "$p" "$(command_of "$p")" >> "$STARTED"
  done
}

wait_gone() { # pid seconds
  local i
  for ((i = 0; i < $2 * 4; i++)); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.25; done
  return 1
}

case "$kind" in
  localstack)
    docker compose -f localstack/docker-compose.yml down
    ;;
  localstack-host)
    : > "$STARTED"
    record
    if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
      # Its own shutdown stops DynamoDB Local and kinesis-local (in their own process groups) and
      # every execution environment; a group kill would not reach them and can hang it.
      kill -TERM "$pid" 2>/dev/null
      if ! wait_gone "$pid" 40; then
        # Where it hangs, in its log: up.sh has it write every thread's stack on USR1.
        kill -USR1 "$pid" 2>/dev/null && sleep 1
        echo "LocalStack ignored TERM for 40 s: killing it (its threads' stacks: $RUN_DIR/localstack.log)"
        kill -KILL "$pid" 2>/dev/null
      fi
    fi
    ;;
  ministack)
    : > "$STARTED"
    record
    if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
      # MiniStack runs functions as node workers in its process group: stop the whole group.
      kill -TERM -- "-$pid" 2>/dev/null || true
      wait_gone "$pid" 5 || true
      kill -KILL -- "-$pid" 2>/dev/null || true
    fi
    ;;
esac

# Fallback, by recorded pid: whatever outlived its parent's shutdown.
if [[ -f "$STARTED" ]]; then
  record
  while read -r p cmd; do
    if still_ours "$p" "$cmd"; then
      echo "stopping leftover $p: ${cmd:0:100}"
      kill -TERM "$p" 2>/dev/null
      wait_gone "$p" 3 || kill -KILL "$p" 2>/dev/null
    fi
  done < "$STARTED"
fi
rm -f "$RUN_DIR/emulator" "$RUN_DIR/emulator.pid"
echo "emulator ($kind) stopped"
