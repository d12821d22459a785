#!/usr/bin/env bash
# Installs what the project needs and is missing, skipping what is already there.
# Usage: scripts/setup.sh [--browser] [--real | --real-only]
#   --browser    also Chromium and ChromeDriver for the browser tests
#   --real       also what the real-run suite needs (redis-server, a PostgreSQL server,
#                realrun/'s npm packages); --real-only: only that
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
# trunk uses the wasm-bindgen CLI on PATH only when it equals the version in Cargo.lock.
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/[^0-9.]/,""); print; exit}' Cargo.lock 2>/dev/null || true)
WASM_BINDGEN_VERSION=${WASM_BINDGEN_VERSION:-0.2.130}

step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }
have() { command -v "$1" >/dev/null 2>&1; }

want_browser=0
want_real=0
real_only=0
for arg in "$@"; do
  case "$arg" in
    --browser) want_browser=1 ;;
    --real) want_real=1 ;;
    --real-only) want_real=1; real_only=1 ;;
    *) echo "unknown option: $arg" >&2; exit 2 ;;
  esac
done

# What the real-run suite (realrun/) starts and imports.
install_real() {
  export DEBIAN_FRONTEND=noninteractive
  local updated=0
  step "redis-server (Debian package)"
  if have redis-server; then
    echo "already installed: $(redis-server --version | cut -d' ' -f1-3)"
  else
    apt-get update -q && updated=1
    apt-get install -y -q redis-server
  fi

  # The suite runs initdb and postgres itself; Debian keeps them off PATH, in
  # /usr/lib/postgresql/N/bin.
  step "PostgreSQL server (Debian package)"
  if { have initdb && have pg_ctl; } || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    echo "already installed"
  else
    [ "$updated" = 1 ] || apt-get update -q
    if apt-cache show postgresql-15 >/dev/null 2>&1; then
      apt-get install -y -q postgresql-15
    else
      apt-get install -y -q postgresql
    fi
  fi

  step "npm packages of the real-run suite (from realrun/package-lock.json)"
  if [ -d realrun/node_modules ] && [ realrun/node_modules/.package-lock.json -nt realrun/package-lock.json ]; then
    echo "realrun/node_modules is up to date"
  else
    (cd realrun && npm ci --no-audit --no-fund)
  fi
}

if [ "$real_only" = 1 ]; then
  install_real
  step "set-up complete"
  exit 0
fi

step "Rust target wasm32-unknown-unknown"
if rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  echo "already installed"
else
  rustup target add wasm32-unknown-unknown
fi

step "trunk $TRUNK_VERSION"
if have trunk && trunk --version | grep -q " $TRUNK_VERSION"; then
  echo "already installed: $(trunk --version)"
else
  echo "building from crates.io (takes about 7 minutes on 2 cores)"
  cargo install --locked trunk --version "$TRUNK_VERSION"
fi

step "wasm-bindgen-cli $WASM_BINDGEN_VERSION"
if have wasm-bindgen && wasm-bindgen --version | grep -q " $WASM_BINDGEN_VERSION"; then
  echo "already installed: $(wasm-bindgen --version)"
else
  # Not --locked: a version in its own lock file is no longer in the registry.
  echo "building from crates.io (takes about 2 minutes)"
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi

step "npm packages (from package-lock.json)"
if [ -f package-lock.json ]; then
  if [ -d node_modules ] && [ node_modules/.package-lock.json -nt package-lock.json ]; then
    echo "node_modules is up to date"
  else
    npm ci --no-audit --no-fund
  fi
fi

step "npm packages of eslint-plugin/ (from eslint-plugin/package-lock.json)"
if [ -d eslint-plugin/node_modules ] && [ eslint-plugin/node_modules/.package-lock.json -nt eslint-plugin/package-lock.json ]; then
  echo "eslint-plugin/node_modules is up to date"
else
  (cd eslint-plugin && npm ci --no-audit --no-fund)
fi

if [ "$want_browser" = 1 ]; then
  step "Chromium and ChromeDriver (Debian packages)"
  if have chromium && have chromedriver; then
    echo "already installed: $(chromium --version 2>/dev/null | head -n1)"
  else
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q
    apt-get install -y -q chromium chromium-driver
  fi
fi

[ "$want_real" = 1 ] && install_real

step "set-up complete"
