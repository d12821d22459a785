#!/usr/bin/env bash
# Runs every check and test of the project; exits non-zero when anything fails.
# Installs what is missing first (see scripts/setup.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }

scripts/setup.sh --browser --real
export PATH="$PWD/node_modules/.bin:$PATH"
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"

step "Formatting (cargo fmt --check)"
cargo fmt --all -- --check

step "Lints (cargo clippy -D warnings)"
cargo clippy --workspace --all-targets --locked -- -D warnings

step "Native tests (cargo test)"
cargo test --workspace --locked

step "lint-core in WebAssembly, in headless Chromium (wasm-bindgen-test)"
cargo test -p lint-core --target wasm32-unknown-unknown --test wasm --locked

step "wasm API: package (scripts/build-wasm-api.sh) and its tests in headless Chromium"
scripts/build-wasm-api.sh
cargo test -p phoenix-lint-wasm --target wasm32-unknown-unknown --locked

step "Real-run suite: every rewrite run as two instances against Redis, PostgreSQL and S3"
scripts/test-real.sh

step "ESLint plugin: package (scripts/build-eslint-plugin.sh), RuleTester tests, and the packed tarball against phoenix-lint"
scripts/build-eslint-plugin.sh
cargo build -p phoenix-lint --locked
(cd eslint-plugin && npm test && npm run test:tarball)

step "End-to-end tests of the built playground in headless Chromium"
scripts/e2e.sh

step "All checks passed"
