#!/usr/bin/env node
// Times shell commands in turn (A, B, C, A, B, C, …) rather than all runs of one then all
// of the next, so that a change in the machine's load during the run weighs on every
// command alike; prints each command's median wall time and its ratio to the first.
// Output goes to /dev/null; any exit status is accepted (1 means findings).
//
// Usage: node pairs.mjs <rounds> <command> <command>...
//   e.g. node pairs.mjs 11 "../target/cli/phoenix-lint --format json corpus/large.js" \
//          "node node_modules/eslint/bin/eslint.js -c eslint.config.mjs --format json corpus/large.js"

import { spawnSync } from 'node:child_process';

const [roundsArg, ...commands] = process.argv.slice(2);
const rounds = Number(roundsArg);
if (!Number.isInteger(rounds) || rounds < 1 || commands.length === 0) {
  console.error('usage: node pairs.mjs <rounds> <command> <command>...');
  process.exit(2);
}

const times = commands.map(() => []);
// One untimed round first: file cache, Node's compile cache.
for (const command of commands) spawnSync('bash', ['-c', `${command} >/dev/null 2>&1`]);
for (let round = 0; round < rounds; round++) {
  commands.forEach((command, i) => {
    const start = process.hrtime.bigint();
    spawnSync('bash', ['-c', `exec ${command} >/dev/null 2>&1`]);
    times[i].push(Number(process.hrtime.bigint() - start) / 1e6);
  });
}

const median = (list) => {
  const sorted = [...list].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const first = median(times[0]);
commands.forEach((command, i) => {
  const m = median(times[i]);
  console.log(
    `${m.toFixed(1).padStart(9)} ms  (${(m / first).toFixed(2)}× the first; min ${Math.min(...times[i]).toFixed(1)} ms)  ${command}`,
  );
});
