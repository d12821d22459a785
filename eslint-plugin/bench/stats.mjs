// Medians per file of ESLint's own timing (`eslint --stats --format json` on stdin): the
// parse, the three phoenix rules together (the first rule to run lints the file in the
// wasm; the others read its result), and ESLint's total for the file.
import { readFileSync } from 'node:fs';

const results = JSON.parse(readFileSync(0, 'utf8'));
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const passes = results.map((r) => r.stats.times.passes[0]);
const phoenix = (pass) =>
  Object.entries(pass.rules ?? {})
    .filter(([id]) => id.startsWith('phoenix/'))
    .reduce((sum, [, t]) => sum + t.total, 0);
const ms = (x) => x.toFixed(2);
console.log(
  JSON.stringify({
    files: results.length,
    parse: ms(median(passes.map((p) => p.parse.total))),
    phoenixRules: ms(median(passes.map(phoenix))),
    total: ms(median(passes.map((p) => p.total))),
  }),
);
