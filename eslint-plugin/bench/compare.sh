#!/usr/bin/env bash
# The ESLint plugin's time per file next to phoenix-lint's, on bench/'s generated corpus of
# Express apps (bench/gen-corpus.mjs): whole processes with hyperfine (what a user waits
# for, start-up included), ESLint's own per-file timing (--stats, stats.mjs), then per file
# inside one warm Node process (per-file.mjs).
#
# Usage: eslint-plugin/bench/compare.sh [runs]    (default 10 timed runs, after 2 warm-ups)
# Needs: the plugin built (scripts/build-eslint-plugin.sh), eslint-plugin/node_modules
# (npm ci), cargo, and hyperfine (Debian's package).
set -euo pipefail

runs="${1:-10}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
target="${CARGO_TARGET_DIR:-target}"
[[ $target = /* ]] || target="$root/$target"

echo "==> building the release phoenix-lint"
(cd "$root" && cargo build --release --locked -p phoenix-lint)
phoenix="$target/release/phoenix-lint"

echo "==> generating the corpus (bench/gen-corpus.mjs)"
(cd "$root/bench" && node gen-corpus.mjs)
corpus="$root/bench/corpus"
files=("$corpus"/project/*.js)
echo "    ${#files[@]} files in corpus/project"

# ESLint lints only files under its config file's folder, so the config goes into the
# (git-ignored) corpus: the plugin as built here, with its recommended config only.
cat >"$corpus/eslint-plugin.config.mjs" <<CONFIG
import phoenix from '$here/../lib/index.js';
export default [phoenix.configs.recommended, { linterOptions: { reportUnusedDisableDirectives: 'off' } }];
CONFIG
cd "$corpus"
eslint=(node "$here/../node_modules/eslint/bin/eslint.js" -c eslint-plugin.config.mjs --format json)
echo "==> ESLint $("${eslint[@]:0:2}" --version), Node $(node --version), $(nproc) cores"

# Both must report the same findings before their times mean anything.
count() { node -e 'let n = 0; for (const f of JSON.parse(require("fs").readFileSync(0, "utf8"))) n += f.messages.length; console.log(n)'; }
for set in project large.js; do
  p=$("$phoenix" --format json "$corpus/$set" | count || true)
  e=$("${eslint[@]}" "$corpus/$set" | count || true)
  echo "    $set: phoenix-lint $p findings, ESLint + plugin $e findings"
  [[ $p == "$e" ]] || { echo "the findings differ" >&2; exit 1; }
done

echo "==> whole process ($runs runs each)"
hyperfine --warmup 2 --runs "$runs" --ignore-failure --style basic --export-json "$corpus/plugin-whole.json" \
  "$phoenix --format json $corpus/project" \
  "${eslint[*]} $corpus/project" \
  "$phoenix --format json $corpus/large.js" \
  "${eslint[*]} $corpus/large.js"

echo "==> per file inside one ESLint run (eslint --stats; medians over files, ms)"
{ "${eslint[@]}" --stats project || true; } | node "$here/stats.mjs"

echo "==> per file in one warm process (median over files of each file's median; ms)"
node "$here/per-file.mjs" "$runs" "${files[@]}"

echo "==> phoenix-lint per file, one process per file (ms, median over files)"
for f in "${files[@]}"; do
  hyperfine --warmup 1 --runs "$runs" --ignore-failure --style none --export-json /dev/stdout "$phoenix --format json $f" 2>/dev/null |
    node -e 'console.log(JSON.parse(require("fs").readFileSync(0, "utf8")).results[0].median * 1000)'
done | sort -g | awk '{ v[NR] = $1 } END { printf "  %.2f\n", (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
