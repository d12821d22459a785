// Time per file inside one warm Node process, on the files given (the bench corpus):
//   wasm       — the plugin's engine alone: lint-core in WebAssembly (`lint` of the wasm API)
//   no rules   — ESLint's Linter with no rules: parsing (espree) and its own passes
//   plugin     — ESLint's Linter with phoenix.configs.recommended (all three rules)
// Each file is linted `rounds` times after one warm-up round; the per-file figure is the
// median over all files of each file's median time.
// Usage: node per-file.mjs <rounds> <file>...
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { Linter } = require('eslint');
const phoenix = require('../lib/index.js');
const wasm = require('../wasm/phoenix_lint_wasm.js');

const [rounds, ...files] = process.argv.slice(2);
// Linter matches `files` patterns against the name given, relative to the working folder:
// the bare file name keeps every file inside it.
const sources = files.map((file) => ({ file: basename(file), text: readFileSync(file, 'utf8') }));
const linter = new Linter();
const languageOptions = { ecmaVersion: 'latest', sourceType: 'commonjs' };

const cases = {
  wasm: ({ text, file }) => wasm.lint(text, { fileName: file }),
  'no rules': ({ text, file }) => linter.verify(text, [{ files: ['**/*.js'], languageOptions }], file),
  plugin: ({ text, file }) => linter.verify(text, [{ ...phoenix.configs.recommended, languageOptions }], file),
};

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

// A benchmark that lints nothing measures nothing: the plugin must find what the engine finds.
const count = (run) => sources.reduce((n, source) => n + run(source).length, 0);
const findings = count(cases.wasm);
if (findings === 0 || count(cases.plugin) !== findings) {
  throw new Error(`the plugin reports ${count(cases.plugin)} findings, the engine ${findings}`);
}

const out = {};
for (const [name, run] of Object.entries(cases)) {
  for (const source of sources) run(source);
  const perFile = sources.map((source) => {
    const times = [];
    for (let i = 0; i < Number(rounds); i++) {
      const t0 = process.hrtime.bigint();
      run(source);
      times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    return median(times);
  });
  out[name] = median(perFile);
}
console.log(JSON.stringify(out));
