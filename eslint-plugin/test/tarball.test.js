'use strict';
// The packed plugin as a user gets it: the tarball from scripts/build-eslint-plugin.sh
// installed into a scratch project with ESLint from npm (the versions in this package's
// devDependencies, from the npm cache when it has them), configured with the snippet the
// docs show (content/ci/eslint.config.typescript.mjs), run over the starter apps in
// content/examples. Its findings must be phoenix-lint's: rule, message, position and
// suggestions, file by file.

const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { pluginDir, repoRoot, phoenixLintJson } = require('./helpers');

const { devDependencies } = require('../package.json');

function tarball() {
  const dist = path.join(pluginDir, 'dist');
  const files = fs.existsSync(dist) ? fs.readdirSync(dist).filter((f) => f.endsWith('.tgz')) : [];
  if (files.length !== 1) {
    throw new Error(`expected one tarball in ${dist}: run scripts/build-eslint-plugin.sh`);
  }
  return path.join(dist, files[0]);
}

function run(command, args, cwd) {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', timeout: 300_000 });
  if (result.error) throw result.error;
  return result;
}

/** What the comparison looks at: everything but severity, which ESLint takes from the
 *  config. Files are keyed by their path relative to the project. */
function findings(results, cwd) {
  const byFile = {};
  for (const result of results) {
    byFile[path.relative(cwd, result.filePath)] = result.messages.map((m) => ({
      ruleId: m.ruleId?.replace(/^phoenix\//, '') ?? null,
      message: m.message,
      line: m.line,
      column: m.column,
      endLine: m.endLine,
      endColumn: m.endColumn,
      suggestions: (m.suggestions ?? []).map(({ desc, fix }) => ({ desc, fix })),
    }));
  }
  return byFile;
}

describe('the packed plugin in a scratch project', () => {
  let project;

  before(() => {
    project = fs.mkdtempSync(path.join(os.tmpdir(), 'phoenix-eslint-'));
    fs.writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'scratch', private: true, type: 'module' }));
    const install = run(
      'npm',
      [
        'install',
        '--no-audit',
        '--no-fund',
        '--prefer-offline',
        '--loglevel=error',
        tarball(),
        `eslint@${devDependencies.eslint}`,
        `eslint9@${devDependencies.eslint9}`,
        `@typescript-eslint/parser@${devDependencies['@typescript-eslint/parser']}`,
        `typescript@${devDependencies.typescript}`,
      ],
      project,
    );
    assert.equal(install.status, 0, install.stderr);
    fs.copyFileSync(path.join(repoRoot, 'content', 'ci', 'eslint.config.typescript.mjs'), path.join(project, 'eslint.config.mjs'));
    fs.cpSync(path.join(repoRoot, 'content', 'examples'), path.join(project, 'src'), { recursive: true });
  });

  after(() => {
    if (project) fs.rmSync(project, { recursive: true, force: true });
  });

  for (const eslintPackage of ['eslint', 'eslint9']) {
    it(`reports what phoenix-lint reports, under ${eslintPackage}@${devDependencies[eslintPackage]}`, () => {
      const bin = path.join(project, 'node_modules', eslintPackage, 'bin', 'eslint.js');
      const eslint = run(process.execPath, [bin, '--format', 'json', 'src'], project);
      // 1: findings reported; anything else is a crash or a configuration error.
      assert.equal(eslint.status, 1, eslint.stderr || eslint.stdout);
      // ESLint lints each file on its own, so the plugin is compared with phoenix-lint's
      // per-file mode; a folder given to phoenix-lint is otherwise one project.
      const expected = findings(phoenixLintJson(['--no-cross-file', 'src'], { cwd: project }), project);
      const actual = findings(JSON.parse(eslint.stdout), project);

      // Every starter app is linted, and the ones with findings have all three rules' worth.
      const examplesDir = path.join(repoRoot, 'content', 'examples');
      const examples = fs.readdirSync(examplesDir, { recursive: true })
        .filter((f) => fs.statSync(path.join(examplesDir, f)).isFile())
        .map((f) => path.join('src', f));
      assert.deepEqual(Object.keys(actual).sort(), examples.sort());
      assert.deepEqual(new Set(Object.values(expected).flat().map((m) => m.ruleId)), new Set(['no-local-uploads', 'no-local-sessions', 'no-global-state']));
      assert.deepEqual(actual, expected);
    });
  }
});
