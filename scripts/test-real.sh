#!/usr/bin/env bash
# The real-run suite alone: every starter app, its "Apply all" rewrite and every exercise
# solution run as two instances against real Redis, PostgreSQL and an S3-compatible server
# (see README.md, "Real-run suite"). Installs what it needs first (scripts/setup.sh --real-only).
# Usage: scripts/test-real.sh [APP-ID...]   (default: every app; REALRUN_JOBS=N runs at once)
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }

scripts/setup.sh --real-only

step "phoenix-lint (cargo build -p phoenix-lint)"
cargo build -p phoenix-lint --locked
export PHOENIX_LINT="${CARGO_TARGET_DIR:-$PWD/target}/debug/phoenix-lint"

step "Real-run suite (node --test realrun/)"
if [ "$#" -gt 0 ]; then
  REALRUN_ONLY="$(IFS=,; echo "$*")"
  export REALRUN_ONLY
fi
cd realrun
exec node --test --test-reporter=spec realrun.test.mjs lib.test.mjs
