//! The apps under test and the three variants the suite runs of each: the original starter,
//! the starter after the playground's "Apply all" (`phoenix-lint --diff`, applied with
//! `git apply`; a multi-file app's folder planned as one project), and the exercise's
//! solution. Also the static checks of a variant: lint,
//! packages, `node --check`, `tsc --strict`.

import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseToml } from 'smol-toml';
import { makeTempDir } from './services.mjs';

export const realrunDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const repoRoot = path.resolve(realrunDir, '..');
const require = createRequire(import.meta.url);

/**
 * Deployments and scratch files of this suite run, removed at exit. They live under
 * realrun/ so that `node_modules` resolves upwards as in a learner's project.
 */
mkdirSync(path.join(realrunDir, '.runs'), { recursive: true });
export const runsDir = makeTempDir('run-', path.join(realrunDir, '.runs'));
// realrun/package.json says "type": "module"; the apps' own deployments are CommonJS unless
// written as .mjs, as they would be in a project without that field.
writeFileSync(path.join(runsDir, 'package.json'), '{ "type": "commonjs" }\n');

/**
 * Every app: the six examples and every exercise (starter + solution). `ext` is the file
 * extension the code is written with: `.mjs` for ES-module exercise code, so that Node and
 * the linter read it as a module whatever package.json says.
 */
export function listApps() {
  const apps = [];
  const examples = path.join(repoRoot, 'content', 'examples');
  for (const entry of readdirSync(examples, { withFileTypes: true }).sort((x, y) => x.name.localeCompare(y.name))) {
    if (entry.isDirectory()) {
      // A multi-file app is a folder: a project, its files by path, started from app.js.
      apps.push({
        id: entry.name,
        source: `content/examples/${entry.name}`,
        ext: '.js',
        entry: 'app.js',
        variants: { original: readProject(path.join(examples, entry.name)) },
      });
      continue;
    }
    const ext = path.extname(entry.name);
    apps.push({
      id: path.basename(entry.name, ext),
      source: `content/examples/${entry.name}`,
      ext,
      variants: { original: readFileSync(path.join(examples, entry.name), 'utf8') },
    });
  }
  const exercises = path.join(repoRoot, 'content', 'exercises');
  for (const file of readdirSync(exercises).filter((f) => f.endsWith('.toml')).sort()) {
    const exercise = parseToml(readFileSync(path.join(exercises, file), 'utf8'));
    const isModule = /^\s*(import|export)\s/m.test(exercise.starter);
    apps.push({
      id: exercise.id,
      source: `content/exercises/${file}`,
      ext: isModule ? '.mjs' : '.js',
      variants: { original: exercise.starter.trimStart(), solution: exercise.solution.trimStart() },
    });
  }
  return apps;
}

/** The JavaScript files of a folder, by `/`-separated path under it. */
function readProject(dir, under = '') {
  const files = {};
  for (const entry of readdirSync(path.join(dir, under), { withFileTypes: true })) {
    const relative = under ? `${under}/${entry.name}` : entry.name;
    if (entry.isDirectory()) Object.assign(files, readProject(dir, relative));
    else if (/\.[cm]?[jt]s$/.test(entry.name)) files[relative] = readFileSync(path.join(dir, relative), 'utf8');
  }
  return files;
}

/**
 * A variant's code: the text of a one-file app, or a project's files by path (an object).
 * `allText` joins a project's files, for what looks at the code as a whole (packages,
 * environment variables).
 */
export const isProject = (code) => typeof code === 'object';
export const allText = (code) => (isProject(code) ? Object.values(code).join('\n') : code);

/** Writes a project's files under `dir`. */
export function writeProject(dir, files) {
  for (const [relative, text] of Object.entries(files)) {
    const file = path.join(dir, relative);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
}

/**
 * Runs a command to its end: { status, stdout, stderr, error }. Asynchronous, so that the
 * runs going on at the same time keep being served (a synchronous spawn would stall their
 * requests and time-limited checks).
 */
function run(command, args, { cwd } = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk) => { stdout += chunk; });
    child.stderr.setEncoding('utf8').on('data', (chunk) => { stderr += chunk; });
    child.on('error', (error) => resolve({ status: null, stdout, stderr, error }));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

// ---------------------------------------------------------------------------------------
// phoenix-lint

/** The CLI binary: $PHOENIX_LINT, else the debug build in $CARGO_TARGET_DIR or target/. */
export function phoenixLintBinary() {
  const candidates = [
    process.env.PHOENIX_LINT,
    process.env.CARGO_TARGET_DIR && path.join(process.env.CARGO_TARGET_DIR, 'debug', 'phoenix-lint'),
    path.join(repoRoot, 'target', 'debug', 'phoenix-lint'),
  ].filter(Boolean);
  const found = candidates.find((file) => existsSync(file));
  if (!found) throw new Error(`phoenix-lint not built (looked in ${candidates.join(', ')}): cargo build -p phoenix-lint`);
  return found;
}

/**
 * Writes `code` as `app<ext>` into a fresh scratch folder and returns the file's path; a
 * project's files go into a `project` folder there, whose path is returned.
 */
function scratchFile(code, ext, prefix) {
  const dir = makeTempDir(`${prefix}-`, runsDir);
  if (isProject(code)) {
    const project = path.join(dir, 'project');
    writeProject(project, code);
    return project;
  }
  const file = path.join(dir, `app${ext}`);
  writeFileSync(file, code);
  return file;
}

/**
 * Lints code: { exitCode, findings: [{ ruleId, message, line }], needs: [{ name, major }] }.
 * `needs` are the packages the findings' first rewrites ask for, as the CLI's JSON reports
 * them (the `needs` of a suggestion, or its `npm install a@N b@M` text).
 */
export async function lint(code, ext) {
  const file = scratchFile(code, ext, 'lint');
  const linted = await run(phoenixLintBinary(), ['--format', 'json', '--color', 'never', file]);
  if (linted.status === 2 || linted.error) throw new Error(`phoenix-lint failed: ${linted.error ?? linted.stderr}`);
  // One result per file: a project's folder is linted as one project.
  const messages = JSON.parse(linted.stdout).flatMap((result) => result.messages);
  const findings = messages.map((m) => ({ ruleId: m.ruleId, message: m.message, line: m.line }));
  const needs = [];
  for (const message of messages) {
    const first = message.suggestions?.[0];
    if (!first) continue;
    if (Array.isArray(first.needs?.packages)) needs.push(...first.needs.packages);
    for (const match of JSON.stringify(first).matchAll(/npm install ((?:[@\w./-]+@\d+ ?)+)/g)) {
      for (const spec of match[1].trim().split(' ')) {
        const at = spec.lastIndexOf('@');
        needs.push({ name: spec.slice(0, at), major: spec.slice(at + 1) });
      }
    }
  }
  return { exitCode: linted.status, findings, needs };
}

/**
 * The code after "Apply all": `phoenix-lint --diff` prints the unified diff of the
 * playground's plan (the first rewrite of each finding, overlapping ones skipped) and
 * `git apply` applies it, as a learner outside a repository would.
 */
export async function applyAll(code, ext) {
  const file = scratchFile(code, ext, 'apply');
  const dir = path.dirname(file);
  // A project's folder is planned as one project: a rewrite that also edits another file
  // (data moved out of the module that declares it) has a diff for each file.
  const diff = await run(phoenixLintBinary(), ['--diff', path.basename(file)], { cwd: dir });
  if (diff.error || diff.status === 2) throw new Error(`phoenix-lint --diff failed (exit ${diff.status}): ${diff.error ?? diff.stderr}`);
  if (diff.stdout.trim() === '') return code;
  writeFileSync(path.join(dir, 'plan.diff'), diff.stdout);
  const applied = await run('git', ['apply', 'plan.diff'], { cwd: dir });
  if (applied.status !== 0) throw new Error(`git apply of phoenix-lint --diff failed: ${applied.stderr}`);
  return isProject(code) ? readProject(file) : readFileSync(file, 'utf8');
}

// ---------------------------------------------------------------------------------------
// Packages

const installed = JSON.parse(readFileSync(path.join(realrunDir, 'package.json'), 'utf8')).dependencies;

/** The installed version of a package (read from its folder: some export no package.json). */
export function packageVersion(name) {
  return JSON.parse(readFileSync(path.join(realrunDir, 'node_modules', name, 'package.json'), 'utf8')).version;
}

/** The major of a package as the suite installs it, or null when the suite lacks it. */
export function installedMajor(name) {
  if (!installed[name]) return null;
  return packageVersion(name).split('.')[0];
}

/** Bare package names the code imports or requires (built-ins left out). */
export function importedPackages(code) {
  const names = new Set();
  const patterns = [/require\(\s*['"]([^'"]+)['"]\s*\)/g, /\bfrom\s+['"]([^'"]+)['"]/g, /\bimport\s+['"]([^'"]+)['"]/g, /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g];
  for (const pattern of patterns) {
    for (const [, specifier] of code.matchAll(pattern)) {
      if (specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('node:')) continue;
      const parts = specifier.split('/');
      const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
      if (!builtinModules.includes(name)) names.add(name);
    }
  }
  return [...names].sort();
}

/**
 * Problems with the packages a variant uses: an import the suite does not install, or a
 * rewrite's declared need at a major other than the installed one.
 */
export function packageProblems(code, needs) {
  const problems = [];
  for (const name of importedPackages(allText(code))) {
    if (!installedMajor(name)) problems.push(`imports ${name}, which realrun/package.json does not list`);
  }
  for (const { name, major } of needs) {
    const have = installedMajor(name);
    if (have !== String(major)) problems.push(`needs ${name}@${major}, realrun installs ${have ? `${name}@${have}` : 'nothing of that name'}`);
  }
  return problems;
}

// ---------------------------------------------------------------------------------------
// Syntax and types

/** `node --check` of a file; returns the error text or null. */
export async function nodeCheck(file) {
  const checked = await run(process.execPath, ['--check', file]);
  return checked.status === 0 ? null : checked.stderr.trim();
}

/**
 * `tsc --noEmit --strict` with the installed packages' types (the scratch folder sits under
 * realrun/, so node_modules/@types is found as in a learner's project). Returns the errors
 * or null.
 */
export async function typeCheck(code) {
  const file = scratchFile(code, '.ts', 'tsc');
  const tsc = path.join(path.dirname(require.resolve('typescript/package.json')), 'bin', 'tsc');
  const checked = await run(process.execPath, [
    tsc, '--noEmit', '--strict', '--esModuleInterop', '--skipLibCheck', '--target', 'es2022',
    '--module', 'nodenext', '--moduleResolution', 'nodenext', path.basename(file),
  ], { cwd: path.dirname(file) });
  return checked.status === 0 ? null : (checked.stdout + checked.stderr).trim();
}

/** TypeScript to CommonJS JavaScript that Node runs (types are only removed). */
export function transpile(code) {
  const ts = require('typescript');
  return ts.transpileModule(code, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
  }).outputText;
}

/** Where a scratch copy of code is written for `node --check`. */
export function writeScratch(code, ext) {
  return scratchFile(code, ext, 'check');
}

/** `node --check` of every file of a project; the errors, each with its file, or null. */
export async function nodeCheckProject(files) {
  const dir = writeScratch(files, '.js');
  const errors = [];
  for (const relative of Object.keys(files)) {
    const error = await nodeCheck(path.join(dir, relative));
    if (error) errors.push(`${relative}: ${error}`);
  }
  return errors.length ? errors.join('\n') : null;
}
