# Shared by scripts/build-wasm-api.sh and scripts/build-eslint-plugin.sh: builds the wasm
# API crate (wasm-api/, phoenix-lint-wasm) once and binds it for one JavaScript target.
# Source it, then call: build_wasm_api <wasm-bindgen target> <out dir>
#   cargo build --release (wasm32) → wasm-bindgen --target <target> → wasm-opt -Oz
# Needs the wasm-bindgen CLI equal to the crate's pinned version (scripts/setup.sh installs
# it) and, for wasm-opt, the npm package binaryen (node_modules/.bin); without wasm-opt the
# output is still built, only larger, and the function says so.

step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }

build_wasm_api() {
  local target="$1" out="$2"
  # Honour CARGO_TARGET_DIR, as cargo does, so a shared or per-worktree target dir works.
  local wasm="${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/release/phoenix_lint_wasm.wasm"
  export PATH="$PWD/node_modules/.bin:$PATH"

  step "cargo build -p phoenix-lint-wasm --release --target wasm32-unknown-unknown"
  cargo build -p phoenix-lint-wasm --release --target wasm32-unknown-unknown --locked

  step "wasm-bindgen --target $target → $out/"
  local want
  want=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/[^0-9.]/,""); print; exit}' Cargo.lock)
  if ! wasm-bindgen --version | grep -q " $want\$"; then
    echo "wasm-bindgen CLI $(wasm-bindgen --version) does not match the crate ($want): run scripts/setup.sh" >&2
    return 1
  fi
  rm -rf "$out"
  wasm-bindgen --target "$target" --out-dir "$out" "$wasm"

  if command -v wasm-opt >/dev/null 2>&1; then
    step "wasm-opt -Oz"
    # The features wasm-bindgen 0.2.130's output uses (rustc enables them for wasm32 by default).
    wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
      --enable-mutable-globals --enable-reference-types --enable-multivalue \
      "$out/phoenix_lint_wasm_bg.wasm" -o "$out/phoenix_lint_wasm_bg.wasm"
  else
    echo "wasm-opt not found (npm ci installs binaryen): the output is unoptimised"
  fi
}

# Prints each file's size, raw and gzipped.
print_sizes() {
  local file
  for file in "$@"; do
    printf '  %-40s %8d bytes, %7d gzipped\n' "$(basename "$file")" "$(wc -c <"$file")" "$(gzip -9c "$file" | wc -c)"
  done
}
