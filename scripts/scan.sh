#!/usr/bin/env bash
# `make scan`: checkov over the templates a non-local stage deploys, in both publisher modes.
# Fails on any failed check; every suppression sits in the template next to its resource, with its reason.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

STAGE=${SCAN_STAGE:-prod}
OUT=.run/scan
SLS="$PWD/node_modules/.bin/sls"
export SLS_TELEMETRY_DISABLED=1 SLS_NOTIFICATIONS_MODE=off

MODE=${1:-scan}
if [ "$MODE" = scan ] && { [ ! -x .venv-scan/bin/checkov ] || [ scan/requirements.txt -nt .venv-scan/.install-stamp ]; }; then
  echo "installing checkov into .venv-scan (scan/requirements.txt)"
  python3 -m venv .venv-scan
  .venv-scan/bin/pip install --quiet --disable-pip-version-check -r scan/requirements.txt
  touch .venv-scan/.install-stamp
fi

rm -rf "$OUT"
package() { # <dir> <name> [sls args...]
  local dir=$1 name=$2; shift 2
  (cd "$dir" && "$SLS" package --stage "$STAGE" --package "$ROOT/$OUT/$name" "$@" >/dev/null 2>"$ROOT/$OUT/$name.log" \
    || { echo "sls package failed for $name:"; tail -20 "$ROOT/$OUT/$name.log"; exit 1; })
}
mkdir -p "$OUT"
echo "packaging the $STAGE templates (platform, four services, three of them in both publisher modes)"
(cd . && "$SLS" package --stage "$STAGE" --package "$OUT/platform" >/dev/null 2>"$OUT/platform.log") \
  || { echo "sls package failed for platform:"; tail -20 "$OUT/platform.log"; exit 1; }
package services/rewards rewards
for s in orders inventory payments; do
  package "services/$s" "$s-relay" --param="publisher=relay"
  package "services/$s" "$s-pipe" --param="publisher=pipe"
done

templates=("$OUT"/*/cloudformation-template-update-stack.json)
# The prod-template test (scripts/lib/prodTemplates.test.ts) packages through here without scanning.
[ "$MODE" = --package-only ] && exit 0
echo "checkov $(.venv-scan/bin/checkov --version) over ${#templates[@]} templates"
args=()
for t in "${templates[@]}"; do args+=(-f "$t"); done
.venv-scan/bin/checkov --framework cloudformation --compact --quiet --skip-download "${args[@]}"
