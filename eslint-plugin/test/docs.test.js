'use strict';
// The copy-paste snippets in content/ci/ are the one source: the README, docs/ci.md and
// this package's README must show each of them as it is, so the docs cannot drift from
// the files the tarball test and the playground use.

const { it } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { repoRoot } = require('./helpers');

const snippet = (name) => fs.readFileSync(path.join(repoRoot, 'content', 'ci', name), 'utf8');
const fence = { mjs: 'js', yml: 'yaml', json: 'json' };

/** The snippet `name` as a fenced code block of its kind, as the docs show it. */
function block(name) {
  return `\`\`\`${fence[path.extname(name).slice(1)]}\n${snippet(name)}\`\`\``;
}

const pages = {
  'README.md': ['eslint.config.mjs', 'phoenix-lint.yml'],
  'docs/ci.md': ['eslint.config.mjs', 'eslint.config.typescript.mjs', 'phoenix-lint.yml', 'eslint.yml', 'oxlintrc.json'],
  'eslint-plugin/README.md': ['eslint.config.mjs', 'eslint.config.typescript.mjs', 'oxlintrc.json'],
};

for (const [page, names] of Object.entries(pages)) {
  it(`${page} shows the snippets of content/ci/ as they are`, () => {
    const text = fs.readFileSync(path.join(repoRoot, page), 'utf8');
    for (const name of names) {
      assert.ok(text.includes(block(name)), `${page} does not show content/ci/${name} as it is`);
    }
  });
}

it('every snippet in content/ci/ is shown somewhere', () => {
  const shown = new Set(Object.values(pages).flat());
  assert.deepEqual(fs.readdirSync(path.join(repoRoot, 'content', 'ci')).filter((n) => !shown.has(n)), []);
});
