#!/usr/bin/env bash
# Builds the site in release mode and runs the end-to-end tests in headless Chromium.
# Exits non-zero when the build or any test fails.
# Usage: scripts/e2e.sh [--no-build]
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }

step "Set-up (skips what is already installed; --browser adds Chromium)"
scripts/setup.sh --browser

# wasm-opt comes from the npm package binaryen; esbuild for the editor bundle too.
export PATH="$PWD/node_modules/.bin:$PATH"

if [ "${1:-}" != "--no-build" ]; then
  step "trunk build --release"
  trunk build --release
  # e2e/embed.test.mjs and e2e/project.test.mjs load the wasm API package too, and the
  # latter compares it with the CLI.
  scripts/build-wasm-api.sh
  cargo build -p phoenix-lint --locked
fi

step "End-to-end tests (node --test e2e/)"
node --test --test-concurrency=1 e2e/
