'use strict';
// What the tests share: the repository's paths, and `phoenix-lint` (the native CLI on the
// same lint-core) as the reference the plugin's reports must equal.

const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const pluginDir = path.join(__dirname, '..');
const repoRoot = path.join(pluginDir, '..');

/** The phoenix-lint binary: $PHOENIX_LINT, or the debug build in cargo's target dir
 *  (`cargo build -p phoenix-lint`; scripts/test.sh builds it before these tests). */
function phoenixLintBin() {
  // cargo reads a relative CARGO_TARGET_DIR from the directory it runs in: the repository.
  const targetDir = path.resolve(repoRoot, process.env.CARGO_TARGET_DIR || 'target');
  const bin = process.env.PHOENIX_LINT || path.join(targetDir, 'debug', 'phoenix-lint');
  if (!fs.existsSync(bin)) {
    throw new Error(`phoenix-lint not found at ${bin}: run \`cargo build -p phoenix-lint\` or set PHOENIX_LINT`);
  }
  return bin;
}

/** Runs phoenix-lint with `args`; returns its `--format json` results (exit 0 or 1). */
function phoenixLintJson(args, { input, cwd } = {}) {
  const run = spawnSync(phoenixLintBin(), ['--format', 'json', ...args], { input, cwd, encoding: 'utf8' });
  if (run.status !== 0 && run.status !== 1) {
    throw new Error(`phoenix-lint exited ${run.status}: ${run.stderr}`);
  }
  return JSON.parse(run.stdout);
}

/** phoenix-lint's messages for one source text, linted as `filename`. */
function cliMessages(code, filename) {
  const [result] = phoenixLintJson(['--stdin-filename', filename, '-'], { input: code });
  return result.messages;
}

/** Applies an ESLint fix (UTF-16 offsets: JavaScript string indices) to `code`. */
function applyFix(code, { range: [start, end], text }) {
  return code.slice(0, start) + text + code.slice(end);
}

module.exports = { pluginDir, repoRoot, phoenixLintJson, cliMessages, applyFix };
