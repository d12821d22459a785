#!/usr/bin/env bash
# Builds the site in release mode and runs the end-to-end tests in headless Chromium.
# Exits non-zero when the build or any test fails.
# Usage: scripts/e2e.sh [--no-build]
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }

export PATH="$PWD/node_modules/.bin:$PATH"

if [ ! -d node_modules ] || [ ! node_modules/.package-lock.json -nt package-lock.json ]; then
  step "npm ci"
  npm ci --no-audit --no-fund
fi

if [ "${1:-}" != "--no-build" ]; then
  step "trunk build --release"
  trunk build --release
fi

step "End-to-end tests (node --test e2e/)"
node --test --test-concurrency=1 e2e/
