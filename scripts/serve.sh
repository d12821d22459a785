#!/usr/bin/env bash
# Builds the playground and serves it at http://127.0.0.1:8080, rebuilding on change.
# trunk's live reload injects an inline script, which the page's Content-Security-Policy
# refuses, so it is off: reload the page after a rebuild.
# Usage: scripts/serve.sh [extra trunk serve arguments]
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

step "Serving on http://127.0.0.1:8080 (first build takes about a minute; Ctrl+C stops)"
exec trunk serve --address 127.0.0.1 --port 8080 --no-autoreload "$@"
