'use strict';
// The plugin as ESLint's Linter runs it: one lint per file however many rules are on, each
// rule with only its own findings, one message for a file lint-core refuses or fails on,
// the recommended config, and the rules' meta.

const { describe, it } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { fileURLToPath } = require('node:url');
const { spawnSync } = require('node:child_process');
const { Linter } = require('eslint');
const tsParser = require('@typescript-eslint/parser');
const plugin = require('..');
const { stats } = require('../lib/engine');
const { pluginDir, repoRoot, cliMessages } = require('./helpers');

const example = (name) => fs.readFileSync(path.join(repoRoot, 'content', 'examples', name), 'utf8');
const ruleIds = ['no-local-uploads', 'no-local-sessions', 'no-global-state'];

function verify(code, filename, config = [plugin.configs.recommended]) {
  return new Linter().verify(code, config, filename);
}

describe('the engine', () => {
  it('lints a file once, however many rules are on', () => {
    const before = stats.lints;
    const messages = verify(example('all-three.js'), 'all-three.js');
    assert.equal(stats.lints - before, 1);
    // All three rules found something in that one lint.
    assert.deepEqual(new Set(messages.map((m) => m.ruleId)), new Set(ruleIds.map((id) => `phoenix/${id}`)));
  });

  it('gives each rule only its own findings', () => {
    const code = example('all-three.js');
    const all = verify(code, 'all-three.js');
    for (const id of ruleIds) {
      const only = verify(code, 'all-three.js', [{ plugins: { phoenix: plugin }, rules: { [`phoenix/${id}`]: 'error' } }]);
      assert.ok(only.length > 0, id);
      assert.deepEqual(only, all.filter((m) => m.ruleId === `phoenix/${id}`));
    }
  });

  it('reports what phoenix-lint reports for TypeScript read by @typescript-eslint/parser', () => {
    const code = example('typescript.ts');
    const config = [plugin.configs.recommended, { files: ['**/*.ts'], languageOptions: { parser: tsParser } }];
    const messages = verify(code, 'typescript.ts', config);
    const cli = cliMessages(code, 'typescript.ts');
    const shape = (m) => ({
      ruleId: m.ruleId.replace(/^phoenix\//, ''),
      message: m.message,
      line: m.line,
      column: m.column,
      endLine: m.endLine,
      endColumn: m.endColumn,
      suggestions: m.suggestions.map(({ desc, fix }) => ({ desc, fix })),
    });
    assert.ok(cli.length >= 3);
    assert.deepEqual(messages.map(shape), cli.map(shape));
  });

  it('says once that a refused file could not be linted, and does not throw', () => {
    const refused = {
      'deep.js': `const x = ${'['.repeat(600)}${']'.repeat(600)};\n`,
      'binary.js': '// \0\nconst x = 1;\n',
    };
    for (const [filename, code] of Object.entries(refused)) {
      const messages = verify(code, filename);
      assert.equal(messages.length, 1, filename);
      assert.equal(messages[0].messageId, 'unreadable');
      assert.equal(messages[0].fatal, undefined);
    }
  });

  it('turns a failure inside the wasm into one message and lints the next file', () => {
    // With a small stack the wasm runs out of it on deep nesting that lint-core accepts
    // (its limit is 300 levels): a RangeError thrown out of the module, which must not
    // escape into ESLint's run.
    const script = `
      const { resultFor } = require(${JSON.stringify(path.join(pluginDir, 'lib', 'engine.js'))});
      const deep = { text: 'const x = ' + '['.repeat(290) + ']'.repeat(290) + ';\\n' };
      const next = { text: "let hits = 0;\\nrequire('express')().get('/', (req, res) => { hits++; res.end(); });\\n" };
      const failed = resultFor(deep, 'deep.js');
      const linted = resultFor(next, 'next.js');
      console.log(JSON.stringify({ unreadable: failed.unreadable, next: [...linted.byRule.keys()] }));`;
    const run = spawnSync(process.execPath, ['--stack-size=200', '-e', script], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    const { unreadable, next } = JSON.parse(run.stdout);
    assert.match(unreadable.message, /stack ran out/);
    assert.deepEqual(next, ['no-global-state']);
  });
});

describe('the plugin', () => {
  it('recommends every rule lint-core has, as errors', () => {
    assert.deepEqual(Object.keys(plugin.rules).sort(), [...ruleIds].sort());
    const { recommended } = plugin.configs;
    assert.equal(recommended.plugins.phoenix, plugin);
    assert.deepEqual(recommended.rules, Object.fromEntries(ruleIds.map((id) => [`phoenix/${id}`, 'error'])));
    assert.ok(recommended.files.includes('**/*.ts'));
  });

  it('gives each rule a type, a description, suggestions and a docs page that exists', () => {
    for (const id of ruleIds) {
      const { meta } = plugin.rules[id];
      assert.equal(meta.type, 'problem');
      assert.equal(meta.hasSuggestions, true);
      assert.ok(meta.docs.description.length > 10, id);
      const page = fileURLToPath(meta.docs.url);
      assert.equal(path.basename(page), `${id}.md`);
      assert.equal(fs.readFileSync(page, 'utf8'), fs.readFileSync(path.join(repoRoot, 'content', 'rules', `${id}.md`), 'utf8'));
    }
  });
});
