#!/usr/bin/env bash
# Builds eslint-plugin-phoenix (eslint-plugin/) and packs it into eslint-plugin/dist/:
#   lint-core's wasm API (the crate behind phoenix-lint-wasm) bound with wasm-bindgen
#   `--target nodejs` (CommonJS, loaded synchronously by `require`) → eslint-plugin/wasm/,
#   the rule docs content/rules/*.md → eslint-plugin/docs/rules/,
#   then `npm pack` → eslint-plugin/dist/eslint-plugin-phoenix-<version>.tgz.
# See scripts/lib/wasm-api.sh for what the wasm build needs.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/wasm-api.sh

plugin=eslint-plugin
build_wasm_api nodejs "$plugin/wasm"

step "rule docs → $plugin/docs/rules/"
rm -rf "$plugin/docs"
mkdir -p "$plugin/docs/rules"
cp content/rules/*.md "$plugin/docs/rules/"

step "npm pack → $plugin/dist/"
rm -rf "$plugin/dist"
mkdir -p "$plugin/dist"
(cd "$plugin" && npm pack --silent --pack-destination dist >/dev/null)
print_sizes "$plugin"/wasm/phoenix_lint_wasm.js "$plugin"/wasm/phoenix_lint_wasm_bg.wasm "$plugin"/dist/*.tgz
