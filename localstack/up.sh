#!/usr/bin/env bash
# Starts a LocalStack-compatible endpoint on 127.0.0.1:$EMULATOR_PORT (default 4566):
# LocalStack in Docker where a Docker engine answers, otherwise MiniStack as a host process.
# Records what it started in .run/ so down.sh stops exactly that. EMULATOR=ministack|localstack forces one.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT="${EMULATOR_PORT:-4566}"
RUN_DIR=".run/emulator-${PORT}"
mkdir -p "$RUN_DIR"

healthy() { curl -sf "http://127.0.0.1:${PORT}/_localstack/health" >/dev/null 2>&1; }

wait_healthy() {
  for _ in $(seq 1 120); do
    if healthy; then return 0; fi
    sleep 0.5
  done
  echo "emulator did not become healthy on port ${PORT}" >&2
  return 1
}

if healthy; then
  echo "emulator already running on 127.0.0.1:${PORT} (left as is)"
  exit 0
fi

choice="${EMULATOR:-auto}"
if [[ "$choice" == auto ]]; then
  if docker info >/dev/null 2>&1; then choice=localstack; else choice=ministack; fi
fi

case "$choice" in
  localstack)
    echo "starting LocalStack (${LOCALSTACK_IMAGE:-localstack/localstack:4.14.0}) in Docker"
    docker compose -f localstack/docker-compose.yml up -d
    echo localstack > "$RUN_DIR/emulator"
    ;;
  ministack)
    echo "no Docker engine: starting MiniStack on the host"
    # Persistence off: every run starts from an empty account. 127.0.0.1 only, never the network.
    BIND_HOST=127.0.0.1 GATEWAY_PORT="$PORT" MINISTACK_REGION="${AWS_REGION:-us-east-1}" \
      LAMBDA_EXECUTOR=local PERSIST_STATE=0 \
      setsid nohup .venv/bin/ministack > "$RUN_DIR/ministack.log" 2>&1 < /dev/null &
    # setsid makes the pid a process-group id: down.sh stops MiniStack and its Lambda workers together.
    echo $! > "$RUN_DIR/ministack.pid"
    echo ministack > "$RUN_DIR/emulator"
    ;;
  *)
    echo "unknown EMULATOR=$choice (use ministack or localstack)" >&2
    exit 2
    ;;
esac
wait_healthy
echo "emulator ($(cat "$RUN_DIR/emulator")) healthy on 127.0.0.1:${PORT}"
