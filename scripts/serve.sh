#!/usr/bin/env bash
# Builds the playground and serves it at http://127.0.0.1:8080, rebuilding on change.
# trunk's live reload injects an inline script, which the page's Content-Security-Policy
# refuses, so it is off: reload the page after a rebuild.
# It serves the release build (the size and speed users get; the first build takes a few
# minutes). --debug serves the quicker debug build instead, whose wasm is about ten times
# larger and slower.
# Usage: scripts/serve.sh [--debug] [extra trunk serve arguments]
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }

step "Set-up (skips what is already installed)"
scripts/setup.sh

# wasm-opt comes from the npm package binaryen; esbuild for the editor bundle too.
export PATH="$PWD/node_modules/.bin:$PATH"

# trunk's watcher resolves its ignore paths before the first build writes the editor
# bundle there; on a fresh clone app/vendor and target do not exist yet and trunk stops.
mkdir -p app/vendor target

profile=(--release)
if [[ "${1:-}" == "--debug" ]]; then
  profile=()
  shift
fi

step "Serving on http://127.0.0.1:8080 (first build takes minutes; Ctrl+C stops)"
exec trunk serve "${profile[@]}" --address 127.0.0.1 --port 8080 --no-autoreload "$@"
