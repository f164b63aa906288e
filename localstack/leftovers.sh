#!/usr/bin/env bash
# After `make down`: fails (exit 1) if any process of the emulator run on $EMULATOR_PORT survived:
# a pid down.sh recorded (emulator and its descendants, function processes) still running the same
# command, a function process still registered by the executor, or any process whose command line
# names the run directory (LocalStack's DynamoDB Local and kinesis-local live under it).
set -uo pipefail
cd "$(dirname "$0")/.."
PORT="${EMULATOR_PORT:-4566}"
RUN_DIR="$PWD/.run/emulator-${PORT}"
left=()
if [[ -f "$RUN_DIR/started-processes" ]]; then
  while read -r p cmd; do
    [[ -n "$cmd" && "$(ps -p "$p" -o command= 2>/dev/null)" == "$cmd" ]] && left+=("$p $cmd")
  done < "$RUN_DIR/started-processes"
fi
for f in "$RUN_DIR"/function-pids/*; do
  [[ -e "$f" ]] || continue
  p="$(basename "$f")"
  kill -0 "$p" 2>/dev/null && left+=("$p function $(cat "$f")")
done
while read -r p cmd; do
  [[ "$p" == "$$" || "$cmd" == *leftovers.sh* ]] && continue
  left+=("$p $cmd")
done < <(ps -A -o pid=,command= | grep -F -- "$RUN_DIR/" | grep -v -F "grep")
if ((${#left[@]})); then
  echo "processes of the emulator run on port $PORT survived make down:" >&2
  printf '  %s\n' "${left[@]}" | sort -u | cut -c1-200 >&2
  exit 1
fi
echo "no process of the emulator run on port $PORT is left"
