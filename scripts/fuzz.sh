#!/usr/bin/env bash
# Fuzzes lint-core with cargo-fuzz (libFuzzer) for a bounded time.
#
# Usage: scripts/fuzz.sh [seconds] [libFuzzer flags...]     (default 60 s)
#   e.g. scripts/fuzz.sh 600 -fork=1 -ignore_crashes=1   keeps going after a crash,
#   saving each under lint-core/fuzz/artifacts/ (what a long unattended run wants).
#   FUZZ_TARGET=lint (the only target), FUZZ_TOOLCHAIN=nightly|stable to force a choice.
#
# The target (lint-core/fuzz/fuzz_targets/lint.rs) lints arbitrary UTF-8 as JavaScript and
# TypeScript, checks every range against LineIndex, applies every rewrite and re-lints it.
# Seeds are read from lint-core/fuzz/corpus/lint (committed) and content/examples; inputs libFuzzer finds go to
# lint-core/fuzz/work/lint (git-ignored); a crash is saved under lint-core/fuzz/artifacts/.
#
# Toolchain: cargo-fuzz instruments with -Zsanitizer and other unstable rustc flags, so it
# needs nightly. When a nightly toolchain is installed it is used, with AddressSanitizer
# (oxc uses unsafe code in its allocator and lexer). This machine's kind has only the
# stable toolchain and rustup cannot download another, so otherwise the script uses
# stable with RUSTC_BOOTSTRAP=1 (which lets stable rustc accept the unstable flags) and
# `--sanitizer none`: libFuzzer's coverage guidance and Rust's own checks (panics, debug
# assertions, overflow checks) still apply; only ASan's memory checks are lost.
set -euo pipefail

seconds="${1:-60}"
shift || true
target="${FUZZ_TARGET:-lint}"
cargo_fuzz_version="0.13.1"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
fuzz_dir="$root/lint-core/fuzz"

if [[ "$(cargo fuzz --version 2>/dev/null || true)" != "cargo-fuzz $cargo_fuzz_version" ]]; then
  echo "==> installing cargo-fuzz $cargo_fuzz_version (cargo install --locked)"
  cargo install cargo-fuzz --version "$cargo_fuzz_version" --locked
fi

toolchain="${FUZZ_TOOLCHAIN:-}"
if [[ -z "$toolchain" ]]; then
  if rustup run nightly rustc --version >/dev/null 2>&1; then toolchain=nightly; else toolchain=stable; fi
fi
if [[ "$toolchain" == nightly ]]; then
  echo "==> nightly toolchain found ($(rustup run nightly rustc --version)): AddressSanitizer on"
  fuzz=(cargo +nightly fuzz)
  sanitizer=address
else
  echo "==> no nightly toolchain: stable rustc with RUSTC_BOOTSTRAP=1, --sanitizer none"
  export RUSTC_BOOTSTRAP=1
  fuzz=(cargo fuzz)
  sanitizer=none
fi

cd "$fuzz_dir"
mkdir -p "work/$target"
log="work/$target.log"
# The playground's starter apps are seeds too, read where they live rather than copied.
examples="../../content/examples"
echo "==> fuzzing target '$target' for ${seconds}s (seeds: corpus/$target and content/examples, log: lint-core/fuzz/$log)"
# -timeout: one input taking over 10 s is reported as a hang; -rss_limit_mb: ASan needs room.
status=0
"${fuzz[@]}" run --sanitizer "$sanitizer" "$target" "work/$target" "corpus/$target" "$examples" -- \
  -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 -print_final_stats=1 "$@" 2>&1 |
  tee "$log" || status=$?

echo "==> summary"
grep -E '^stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb)' "$log" ||
  grep -E '^#[0-9]+: cov: .* exec/s' "$log" | tail -1 || true
echo "  crashes saved: $(find "artifacts/$target" -type f 2>/dev/null | wc -l) (lint-core/fuzz/artifacts/$target/)"
echo "  corpus: $(find "work/$target" -type f | wc -l) inputs found + $(find "corpus/$target" "$examples" -type f | wc -l) seeds"
if [[ $status -ne 0 ]]; then
  echo "==> the fuzzer stopped with status $status: see lint-core/fuzz/artifacts/$target/" >&2
  exit "$status"
fi
echo "==> no crash in ${seconds}s"
