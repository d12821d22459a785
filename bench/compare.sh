#!/usr/bin/env bash
# Whole-process comparison of the release phoenix-lint and ESLint (no-restricted-syntax
# selectors standing in for the three rules, see eslint.config.mjs) on a generated corpus
# of Express apps. Prints medians, the ratio, throughput and the findings each reported,
# then phoenix-lint's throughput alone on one ~7 MB file (huge.js; ESLint would take
# half a minute per run there) with its --timings breakdown.
#
# Usage: bench/compare.sh [runs]     (default 10 timed runs per command, after 2 warm-ups)
# Needs: cargo, node + npm; hyperfine if available (installed with apt-get when running as
# root), otherwise the runs are timed here and their median taken.
set -euo pipefail

runs="${1:-10}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
cd "$here"

echo "==> building phoenix-lint (cargo build --profile cli -p phoenix-lint)"
(cd "$root" && cargo build --profile cli --locked -p phoenix-lint)
# cargo puts it under CARGO_TARGET_DIR when that is set (relative to the repository root).
target="${CARGO_TARGET_DIR:-target}"
[[ $target = /* ]] || target="$root/$target"
phoenix="$target/cli/phoenix-lint"

wanted=$(node -p "require('./package.json').devDependencies.eslint")
installed=$(node -p "require('./node_modules/eslint/package.json').version" 2>/dev/null || echo none)
if [[ $installed != "$wanted" ]]; then
  echo "==> installing ESLint from bench/package-lock.json (npm ci)"
  npm ci --no-audit --no-fund
fi
eslint=(node node_modules/eslint/bin/eslint.js -c eslint.config.mjs --format json)
echo "==> ESLint $("${eslint[@]:0:2}" --version)"

echo "==> generating the corpus (node gen-corpus.mjs)"
node gen-corpus.mjs --huge
mkdir -p corpus/results

if ! command -v hyperfine >/dev/null && [[ $EUID -eq 0 ]] && command -v apt-get >/dev/null; then
  echo "==> hyperfine not found; trying apt-get install -y hyperfine"
  apt-get install -y -qq hyperfine >/dev/null 2>&1 || echo "    (could not install it; timing runs here instead)"
fi

# time_commands <out.json> <command>...: hyperfine, or a median of repeated runs written
# in hyperfine's --export-json shape. Exit status 1 (findings) is expected from both.
time_commands() {
  local out="$1"
  shift
  if command -v hyperfine >/dev/null; then
    hyperfine --warmup 2 --runs "$runs" --ignore-failure --style basic --export-json "$out" "$@"
    return
  fi
  local json='{"results":['
  local sep=''
  for cmd in "$@"; do
    bash -c "$cmd" >/dev/null 2>&1 || true
    bash -c "$cmd" >/dev/null 2>&1 || true
    local times=()
    for ((i = 0; i < runs; i++)); do
      local t0 t1
      t0=$(date +%s%N)
      bash -c "$cmd" >/dev/null 2>&1 || true
      t1=$(date +%s%N)
      times+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.6f", (b - a) / 1e9 }')")
    done
    local median
    median=$(printf '%s\n' "${times[@]}" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }')
    echo "  $cmd: median ${median}s over $runs runs"
    json+="$sep{\"command\":$(node -e 'console.log(JSON.stringify(process.argv[1]))' "$cmd"),\"median\":$median,\"times\":[$(IFS=,; echo "${times[*]}")]}"
    sep=','
  done
  echo "$json]}" >"$out"
}

sets=(small medium large project)
for set in "${sets[@]}"; do
  if [[ $set == project ]]; then target=corpus/project; else target="corpus/$set.js"; fi
  echo "==> $set: findings"
  # Exit status 1 means "findings reported"; anything else is a failure.
  "$phoenix" --format json "$target" >"corpus/results/$set.phoenix-out.json" || [[ $? -eq 1 ]]
  "${eslint[@]}" "$target" >"corpus/results/$set.eslint-out.json" || [[ $? -eq 1 ]]
  phoenix_findings=$(node count-findings.mjs <"corpus/results/$set.phoenix-out.json")
  eslint_findings=$(node count-findings.mjs <"corpus/results/$set.eslint-out.json")
  echo "  phoenix-lint: $phoenix_findings"
  echo "  ESLint:       $eslint_findings"
  echo "{\"phoenix\":$phoenix_findings,\"eslint\":$eslint_findings}" >"corpus/results/$set.findings.json"
  echo "==> $set: timing ($runs runs each)"
  commands=("$phoenix --format json $target" "${eslint[*]} $target")
  if [[ $set == project ]]; then
    commands+=("${eslint[*]} --concurrency=2 $target")
  fi
  time_commands "corpus/results/$set.json" "${commands[@]}"
done

echo
echo "==> summary ($(nproc) cores; medians of whole-process wall time)"
node summarize.mjs "${sets[@]}"

echo
echo "==> huge.js: phoenix-lint alone ($runs runs)"
"$phoenix" --format json --timings corpus/huge.js >/dev/null || [[ $? -eq 1 ]]
time_commands corpus/results/huge.json "$phoenix --format json corpus/huge.js"
node -e '
  const fs = require("fs");
  const median = JSON.parse(fs.readFileSync("corpus/results/huge.json", "utf8")).results[0].median;
  const mb = fs.statSync("corpus/huge.js").size / 1e6;
  console.log(`huge.js: ${mb.toFixed(2)} MB, median ${(median * 1000).toFixed(1)} ms, ${(mb / median).toFixed(1)} MB/s`);
'
