#!/usr/bin/env node
// Reads ESLint-style JSON (phoenix-lint --format json or eslint --format json) on stdin and
// prints the findings per rule. ESLint's no-restricted-syntax messages are counted under
// the rule their "[rule-id]" prefix names; messages without a rule (syntax errors, refused
// files) are counted as "fatal".
import { readFileSync } from 'node:fs';

const files = JSON.parse(readFileSync(0, 'utf8'));
const counts = { total: 0, fatal: 0, 'no-local-uploads': 0, 'no-local-sessions': 0, 'no-global-state': 0 };
for (const file of files) {
  for (const m of file.messages) {
    if (!m.ruleId) {
      counts.fatal++;
      continue;
    }
    const rule = m.message.match(/^\[([a-z-]+)\]/)?.[1] ?? m.ruleId;
    counts[rule] = (counts[rule] ?? 0) + 1;
    counts.total++;
  }
}
console.log(JSON.stringify(counts));
