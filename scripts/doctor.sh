#!/usr/bin/env bash
# `make doctor`: checks every prerequisite of `make demo` / `make test` and prints, for each missing one,
# the command that installs it on Debian/Ubuntu and on macOS. Exits 1 when a required item is missing;
# Docker and the browser are informational. Uses bash builtins where it can: it must run on a bare machine.
set -uo pipefail
cd "$(dirname "$0")/.."
PORT="${EMULATOR_PORT:-4566}"
PYTHON="${PYTHON:-python3}"
failed=0

ok() { printf '  ok       %s\n' "$1"; }
info() { printf '  info     %s\n' "$1"; }
# missing <what> <Debian/Ubuntu command> <macOS command>
missing() {
  printf '  MISSING  %s\n             Debian/Ubuntu: %s\n             macOS:         %s\n' "$1" "$2" "$3"
  failed=1
}
have() { command -v "$1" >/dev/null 2>&1; }
# major.minor of a version string, compared as integers: at_least 3.9 3.10 → false.
at_least() {
  local IFS=.
  local -a have_v=($1) want_v=($2)
  ((${have_v[0]:-0} > ${want_v[0]:-0})) || { ((${have_v[0]:-0} == ${want_v[0]:-0})) && ((${have_v[1]:-0} >= ${want_v[1]:-0})); }
}

echo "make doctor: prerequisites (EMULATOR_PORT=${PORT})"

node_fix_deb='curl -fsSL https://deb.nodesource.com/setup_22.x | sudo -E bash - && sudo apt-get install -y nodejs'
node_fix_mac='brew install node@22 && brew link --overwrite node@22'
if have node; then
  node_v="$(node -p process.versions.node 2>/dev/null)"
  if at_least "$node_v" 20.0; then ok "Node.js $node_v (>= 20)"; else missing "Node.js >= 20 (found $node_v)" "$node_fix_deb" "$node_fix_mac"; fi
  if have npm; then ok "npm $(npm -v 2>/dev/null)"; else missing "npm (ships with Node.js)" "$node_fix_deb" "$node_fix_mac"; fi
else
  missing "Node.js >= 20" "$node_fix_deb" "$node_fix_mac"
fi

py_fix_deb='sudo apt-get install -y python3 python3-venv'
py_fix_mac='brew install python@3.13   # then: make <target> PYTHON=python3.13 if python3 is still the system 3.9'
if have "$PYTHON"; then
  py_v="$("$PYTHON" -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null)"
  if ! at_least "$py_v" 3.10; then
    missing "Python >= 3.10 as ${PYTHON} (found ${py_v:-none}; MiniStack, the AWS CLI and cfn-lint need it)" "$py_fix_deb" "$py_fix_mac"
  elif ! "$PYTHON" -c 'import venv, ensurepip' >/dev/null 2>&1; then
    missing "Python venv module for ${PYTHON} ${py_v} (python3 -m venv)" "sudo apt-get install -y python${py_v}-venv" "$py_fix_mac"
  else
    ok "Python ${py_v} with venv (${PYTHON})"
  fi
else
  missing "Python >= 3.10 (${PYTHON})" "$py_fix_deb" "$py_fix_mac"
fi

# LocalStack on the host needs 3.13 (README, emulator section); searched the way localstack/up.sh does.
if [[ "${EMULATOR:-}" == localstack-host ]]; then
  found=""
  for candidate in "${LOCALSTACK_PYTHON:-}" python3.13 python3.14 "$HOME"/.pyenv/versions/3.1[3-9]*/bin/python3 \
    /opt/homebrew/bin/python3.13 /usr/local/bin/python3.13 "$PYTHON"; do
    [[ -n "$candidate" ]] && have "$candidate" || continue
    v="$("$candidate" -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null)"
    if at_least "$v" 3.13; then found="$candidate ($v)"; break; fi
  done
  if [[ -n "$found" ]]; then ok "Python >= 3.13 for LocalStack on the host: $found"; else
    missing "Python >= 3.13 for EMULATOR=localstack-host (or set LOCALSTACK_PYTHON)" \
      'sudo apt-get install -y python3.13 python3.13-venv   # Ubuntu < 25.04: sudo add-apt-repository ppa:deadsnakes/ppa first' \
      'brew install python@3.13'
  fi
fi

java_fix_deb='sudo apt-get install -y openjdk-17-jre-headless   # Debian 13: openjdk-21-jre-headless'
java_fix_mac='brew install openjdk@17 && sudo ln -sfn "$(brew --prefix)/opt/openjdk@17/libexec/openjdk.jdk" /Library/Java/JavaVirtualMachines/openjdk-17.jdk'
if have java; then
  # `openjdk version "17.0.12" …`; Java 8 reports "1.8.0_…".
  java_v="$(java -version 2>&1 | sed -n 's/.*version "\([0-9][0-9.]*\).*/\1/p' | head -1)"
  java_major="${java_v%%.*}"
  [[ "$java_major" == 1 ]] && java_major="$(echo "$java_v" | cut -d. -f2)"
  if ((${java_major:-0} >= 17)); then ok "Java ${java_v} (>= 17, for Amazon DynamoDB Local in the unit tests)"; else
    missing "Java >= 17 (found ${java_v:-an unreadable version})" "$java_fix_deb" "$java_fix_mac"
  fi
else
  missing "Java 17 (Amazon DynamoDB Local in the unit tests)" "$java_fix_deb" "$java_fix_mac"
fi

if have curl; then ok "curl"; else missing "curl" 'sudo apt-get install -y curl' 'brew install curl'; fi
if have make; then ok "make"; else missing "make" 'sudo apt-get install -y make' 'xcode-select --install'; fi

# The emulator port: free, or held by an emulator that answers (make up then leaves it as is).
if (exec 3<>"/dev/tcp/127.0.0.1/${PORT}") 2>/dev/null; then
  if have curl && curl -sf -m 3 "http://127.0.0.1:${PORT}/_localstack/health" >/dev/null 2>&1; then
    ok "port ${PORT}: an emulator already answers there (make up reuses it)"
  else
    missing "port ${PORT} is held by a process that is not an emulator" \
      "ss -ltnp 'sport = :${PORT}'   # stop it, or use another port: make up EMULATOR_PORT=4567" \
      "lsof -nP -iTCP:${PORT} -sTCP:LISTEN   # stop it, or use another port: make up EMULATOR_PORT=4567"
  fi
else
  ok "port ${PORT} is free"
fi

if have docker && docker info >/dev/null 2>&1; then
  info "Docker engine answers: make up starts LocalStack in Docker (EMULATOR=ministack to avoid it)"
else
  info "no Docker engine: make up starts MiniStack on the host (Docker is optional)"
fi

browser=""
if [[ -n "${CHROMIUM_PATH:-}" && -x "${CHROMIUM_PATH}" ]]; then browser="CHROMIUM_PATH=${CHROMIUM_PATH}"; fi
for name in chromium chromium-browser google-chrome google-chrome-stable; do
  [[ -z "$browser" ]] && have "$name" && browser="$(command -v "$name")"
done
for app in "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome" "/Applications/Chromium.app/Contents/MacOS/Chromium"; do
  [[ -z "$browser" && -x "$app" ]] && browser="$app"
done
[[ -z "$browser" && -d node_modules/@sparticuz/chromium ]] && browser="npm package @sparticuz/chromium"
if [[ -n "$browser" ]]; then ok "browser for test/explorer.int.ts: ${browser}"; else
  info "no Chrome/Chromium found; test/explorer.int.ts obtains one from npm. To use your own:"
  printf '             Debian/Ubuntu: %s\n             macOS:         %s\n' \
    'sudo apt-get install -y chromium   # Ubuntu: sudo snap install chromium; or set CHROMIUM_PATH' \
    'brew install --cask google-chrome   # or set CHROMIUM_PATH'
fi

if ((failed)); then
  echo "make doctor: something required is missing (see above)" >&2
  exit 1
fi
echo "make doctor: all required prerequisites found"
