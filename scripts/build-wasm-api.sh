#!/usr/bin/env bash
# Builds the wasm API (crate wasm-api/, package phoenix-lint-wasm) as an ES module package
# in wasm-api/pkg/, ready for `npm publish wasm-api/pkg`:
#   cargo build --release (wasm32) → wasm-bindgen --target web → wasm-opt -Oz
#   + package.json and README.md from wasm-api/.
# See scripts/lib/wasm-api.sh for what it needs.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/wasm-api.sh

out=wasm-api/pkg
build_wasm_api web "$out"
cp wasm-api/package.json wasm-api/README.md "$out/"

step "Package $out"
print_sizes "$out"/*
