#!/usr/bin/env node
// Prints the comparison as a Markdown table from the files compare.sh wrote under
// corpus/results/: <set>.json (hyperfine --export-json shape) and <set>.findings.json.
import { readFileSync, statSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const results = join(here, 'corpus', 'results');
const sets = process.argv.slice(2);

function bytesOf(path) {
  const st = statSync(path);
  if (!st.isDirectory()) return st.size;
  return readdirSync(path).reduce((sum, name) => sum + bytesOf(join(path, name)), 0);
}

const fmtMs = (s) => `${(s * 1000).toFixed(1)} ms`;
const rules = ['no-local-uploads', 'no-local-sessions', 'no-global-state'];
console.log('| set | size | phoenix-lint median | ESLint median | ESLint / phoenix-lint | phoenix-lint MB/s | ESLint MB/s | findings phoenix-lint (uploads/sessions/global) | findings ESLint (uploads/sessions/global) |');
console.log('|---|---|---|---|---|---|---|---|---|');
for (const set of sets) {
  const timing = JSON.parse(readFileSync(join(results, `${set}.json`), 'utf8')).results;
  const findings = JSON.parse(readFileSync(join(results, `${set}.findings.json`), 'utf8'));
  const bytes = bytesOf(join(here, 'corpus', set.endsWith('project') ? 'project' : `${set}.js`));
  const mb = bytes / 1e6;
  const [phoenix, ...eslints] = timing;
  const describe = (f) =>
    `${f.total} (${rules.map((r) => f[r]).join('/')})${f.fatal ? `, ${f.fatal} fatal` : ''}`;
  for (const eslint of eslints) {
    const label = eslint.command.includes('--concurrency') ? `${set} (ESLint --concurrency=2)` : set;
    console.log(
      `| ${label} | ${(bytes / 1024).toFixed(0)} KiB | ${fmtMs(phoenix.median)} | ${fmtMs(eslint.median)} | ` +
        `${(eslint.median / phoenix.median).toFixed(1)}× | ${(mb / phoenix.median).toFixed(2)} | ` +
        `${(mb / eslint.median).toFixed(2)} | ${describe(findings.phoenix)} | ${describe(findings.eslint)} |`,
    );
  }
}
