#!/usr/bin/env bash
# Regenerates package-lock.json without node_modules (npm/cli#4828 drops other platforms' entries otherwise).
set -euo pipefail
cd "$(dirname "$0")/.."
src=$(pwd); tmp=$(mktemp -d)
git ls-files '*package.json' package-lock.json | while read -r f; do mkdir -p "$tmp/$(dirname "$f")"; cp "$f" "$tmp/$f"; done
(cd "$tmp" && npm install --package-lock-only --no-audit --no-fund --ignore-scripts >/dev/null)
cp "$tmp/package-lock.json" "$src/package-lock.json"; rm -rf "$tmp"
