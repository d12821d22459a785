#!/usr/bin/env bash
# Builds the wasm API (crate wasm-api/, package phoenix-lint-wasm) as an ES module package
# in wasm-api/pkg/, ready for `npm publish wasm-api/pkg`:
#   cargo build --release (wasm32) → wasm-bindgen --target web → wasm-opt -Oz
#   + package.json and README.md from wasm-api/.
# Needs the wasm-bindgen CLI equal to the crate's pinned version (scripts/setup.sh installs
# it) and, for wasm-opt, the npm package binaryen (node_modules/.bin); without wasm-opt the
# package is still built, only larger, and the script says so.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }
export PATH="$PWD/node_modules/.bin:$PATH"

out=wasm-api/pkg
wasm=target/wasm32-unknown-unknown/release/phoenix_lint_wasm.wasm

step "cargo build -p phoenix-lint-wasm --release --target wasm32-unknown-unknown"
cargo build -p phoenix-lint-wasm --release --target wasm32-unknown-unknown --locked

step "wasm-bindgen --target web → $out/"
want=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/[^0-9.]/,""); print; exit}' Cargo.lock)
if ! wasm-bindgen --version | grep -q " $want\$"; then
  echo "wasm-bindgen CLI $(wasm-bindgen --version) does not match the crate ($want): run scripts/setup.sh" >&2
  exit 1
fi
rm -rf "$out"
wasm-bindgen --target web --out-dir "$out" "$wasm"

if command -v wasm-opt >/dev/null 2>&1; then
  step "wasm-opt -Oz"
  # The features wasm-bindgen 0.2.130's output uses (rustc enables them for wasm32 by default).
  wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-mutable-globals --enable-reference-types --enable-multivalue \
    "$out/phoenix_lint_wasm_bg.wasm" -o "$out/phoenix_lint_wasm_bg.wasm"
else
  echo "wasm-opt not found (npm ci installs binaryen): the package is built unoptimised"
fi

cp wasm-api/package.json wasm-api/README.md "$out/"

step "Package $out"
for file in "$out"/*; do
  printf '  %-40s %8d bytes, %7d gzipped\n' "$(basename "$file")" "$(wc -c <"$file")" "$(gzip -9c "$file" | wc -c)"
done
