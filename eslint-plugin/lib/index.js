'use strict';
// eslint-plugin-phoenix: the Phoenix Playground's rules (no-local-uploads,
// no-local-sessions, no-global-state) in ESLint, run by lint-core compiled to WebAssembly,
// so ESLint reports what `phoenix-lint` and the playground report.
//
//   // eslint.config.js
//   import phoenix from 'eslint-plugin-phoenix';
//   export default [phoenix.configs.recommended];

const { rules } = require('./rules');
const { name, version } = require('../package.json');

/** The file types lint-core reads, as `phoenix-lint` picks them in a folder. */
const FILES = ['**/*.js', '**/*.mjs', '**/*.cjs', '**/*.jsx', '**/*.ts', '**/*.mts', '**/*.cts', '**/*.tsx'];

const plugin = {
  meta: { name, version, namespace: 'phoenix' },
  rules,
  configs: {},
};

plugin.configs.recommended = {
  name: 'phoenix/recommended',
  files: FILES,
  plugins: { phoenix: plugin },
  rules: Object.fromEntries(Object.keys(rules).map((id) => [`phoenix/${id}`, 'error'])),
};

module.exports = plugin;
