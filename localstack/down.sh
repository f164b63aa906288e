#!/usr/bin/env bash
# Stops what up.sh started, and only that.
set -uo pipefail
cd "$(dirname "$0")/.."
PORT="${EMULATOR_PORT:-4566}"
# One record per port, so several emulators (e.g. parallel checkouts) never stop each other.
RUN_DIR=".run/emulator-${PORT}"
[[ -f "$RUN_DIR/emulator" ]] || { echo "no emulator started by make up"; exit 0; }
case "$(cat "$RUN_DIR/emulator")" in
  localstack)
    docker compose -f localstack/docker-compose.yml down
    ;;
  ministack)
    if [[ -f "$RUN_DIR/ministack.pid" ]]; then
      pid="$(cat "$RUN_DIR/ministack.pid")"
      # MiniStack runs functions as node worker processes in its process group: stop the whole group.
      kill -TERM -- "-$pid" 2>/dev/null || true
      for _ in $(seq 1 20); do kill -0 -- "-$pid" 2>/dev/null || break; sleep 0.25; done
      kill -KILL -- "-$pid" 2>/dev/null || true
    fi
    ;;
esac
rm -f "$RUN_DIR/emulator" "$RUN_DIR/ministack.pid"
echo "emulator stopped"
