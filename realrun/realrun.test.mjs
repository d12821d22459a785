//! The real-run suite: every starter app (a multi-file one as a project), its "Apply all"
//! rewrite and every exercise solution, run as two instances against real Redis, PostgreSQL and an S3-compatible
//! server. Rewrites and solutions must pass every check; each original must fail the checks
//! its scenario names, for the reason it names. Run with scripts/test-real.sh.
//! REALRUN_ONLY=id,id narrows the apps; REALRUN_JOBS sets how many runs go at once.

import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import os from 'node:os';
import { after, before, describe, test } from 'node:test';
import { RunContext, RUNTIME_CHECKS } from './lib/checks.mjs';
import { AppPair, deploymentEnv, errorLines, lastLines } from './lib/pair.mjs';
import { freePort, ObjectStore, Postgres, Redis, serviceVersions } from './lib/services.mjs';
import {
  allText, applyAll, importedPackages, isProject, lint, listApps, nodeCheck, nodeCheckProject, packageProblems, packageVersion,
  transpile, typeCheck, writeScratch,
} from './lib/sources.mjs';

const require = createRequire(import.meta.url);
const started = Date.now();
const only = process.env.REALRUN_ONLY?.split(',').filter(Boolean);
// Runs mostly wait on processes and the network, so a few more than the cores fit.
const jobs = Number(process.env.REALRUN_JOBS) || os.cpus().length + 1;
const apps = listApps().filter((app) => !only || only.includes(app.id));
for (const app of apps) app.scenario = (await import(`./scenarios/${app.id}.mjs`)).default;
const results = [];
let postgres;

const STATIC_CHECKS = ['lint', 'packages', 'syntax'];
const COLUMNS = [...STATIC_CHECKS, ...RUNTIME_CHECKS.map((c) => c.name)];

/** What a variant's run found: check name → { ok, detail } or { skip }. */
async function runVariant(app, variant, code, needs) {
  const scenario = app.scenario;
  const checks = {};
  const expectFindings = variant === 'original' && !scenario.control;

  const linted = await lint(code, app.ext);
  checks.lint = expectFindings
    ? { ok: linted.findings.length > 0, detail: `${linted.findings.length} findings (${[...new Set(linted.findings.map((f) => f.ruleId))].join(', ')})` }
    : {
      ok: linted.exitCode === 0 && linted.findings.length === 0,
      detail: linted.findings.length ? linted.findings.map((f) => `${f.ruleId} line ${f.line}: ${f.message}`).join('; ') : 'no findings',
    };

  const problems = packageProblems(code, needs);
  checks.packages = { ok: problems.length === 0, detail: problems.join('; ') || importedPackages(allText(code)).join(', ') };

  // TypeScript is type-checked as written, then run as JavaScript with the types removed.
  let runnable = code;
  let runExt = app.ext;
  const syntaxProblems = [];
  if (app.ext === '.ts') {
    const typeErrors = await typeCheck(code);
    if (typeErrors) syntaxProblems.push(`tsc --strict: ${lastLines(typeErrors, 4)}`);
    runnable = transpile(code);
    runExt = '.js';
  }
  const parseError = isProject(runnable) ? await nodeCheckProject(runnable) : await nodeCheck(writeScratch(runnable, runExt));
  if (parseError) syntaxProblems.push(`node --check: ${lastLines(parseError, 3)}`);
  checks.syntax = { ok: syntaxProblems.length === 0, detail: syntaxProblems.join('; ') || (app.ext === '.ts' ? 'tsc --strict, node --check' : 'node --check') };

  if (parseError) {
    for (const check of RUNTIME_CHECKS) {
      if (check.applies(scenario)) checks[check.name] = { ok: false, detail: 'not run: the code does not parse' };
    }
    return checks;
  }

  // No MongoDB server can be installed here: code using connect-mongo is started (so its
  // calls into connect-mongo@6 must resolve), but its sessions cannot be exercised.
  const usesMongo = importedPackages(allText(code)).includes('connect-mongo');
  const label = `${app.id}-${variant}`;
  // A database of its own only for code that reads DATABASE_URL: each one is some 300 files
  // that take long to delete at the end.
  const [redis, store, databaseUrl, mongoPort] = await Promise.all([
    Redis.start(),
    ObjectStore.start('realrun-uploads'),
    /DATABASE_URL/.test(allText(code)) ? postgres.createDatabase(label.replace(/[^a-z0-9]/g, '_'), scenario.sql) : postgres.url('postgres'),
    freePort(),
  ]);
  const env = deploymentEnv({ code, redis, store, databaseUrl, mongoUrl: `mongodb://127.0.0.1:${mongoPort}/realrun` });
  const pair = new AppPair({
    label, code: runnable, ext: runExt, entry: app.entry, env, folders: scenario.folders, preloads: scenario.preload,
  });
  try {
    try {
      await pair.start();
    } catch (err) {
      for (const check of RUNTIME_CHECKS) {
        if (check.applies(scenario)) checks[check.name] = { ok: false, detail: `the app did not start: ${errorLines(err.message)}` };
      }
      return checks;
    }
    const ctx = new RunContext({ pair, redis, store, scenario });
    for (const check of RUNTIME_CHECKS) {
      if (!check.applies(scenario)) continue;
      if (usesMongo && check.name === 'session') {
        checks.session = { skip: 'no MongoDB server can be installed here: both instances started with connect-mongo@6 (its calls resolved), sessions not exercised' };
        continue;
      }
      try {
        checks[check.name] = await check.run(ctx);
      } catch (err) {
        checks[check.name] = { ok: false, detail: `${err.name}: ${err.message}` };
      }
    }
  } finally {
    await pair.stop();
    await Promise.all([redis.stop(), store.stop()]);
  }
  return checks;
}

/** How an original app's run differs from what its scenario says must fail; [] when as expected. */
function originalProblems(app, checks) {
  const problems = [];
  if (!checks.lint.ok) problems.push(`lint: the original has no findings`);
  for (const [name, reason] of Object.entries(app.scenario.original ?? {})) {
    const check = checks[name];
    if (!check || check.ok !== false) problems.push(`${name}: expected to fail on the original (${reason}), but ${check ? 'it passed' : 'it did not run'}`);
    else if (!reason.test(check.detail)) problems.push(`${name}: failed for another reason than ${reason}: ${check.detail}`);
  }
  return problems;
}

function failures(checks) {
  return Object.entries(checks).filter(([, c]) => c.ok === false).map(([name, c]) => `${name}: ${c.detail}`);
}

before(async () => {
  postgres = await Postgres.start();
  // Loads the TypeScript compiler now: loading it blocks for a moment, which must not
  // fall inside another run's time-limited check.
  transpile('');
});

after(async () => {
  await postgres?.stop();
  printReport();
});

describe('real run: two instances, real Redis, PostgreSQL and S3', { concurrency: jobs }, () => {
  for (const app of apps) {
    // A control app has no findings, so its rewrite is the app itself.
    const variants = app.scenario.control ? ['original'] : ['original', 'rewritten', ...(app.variants.solution ? ['solution'] : [])];
    for (const variant of variants) {
      test(`${app.id} ${variant}`, async () => {
        let code = app.variants[variant];
        let needs = [];
        if (variant === 'rewritten') {
          // The rewrite's needs are reported on the original's findings.
          needs = (await lint(app.variants.original, app.ext)).needs;
          code = await applyAll(app.variants.original, app.ext);
        }
        const checks = await runVariant(app, variant, code, needs);
        const role = variant === 'original' && !app.scenario.control ? 'must fail' : 'must pass';
        const problems = role === 'must fail' ? originalProblems(app, checks) : failures(checks);
        results.push({ app: app.id, variant, role, checks, problems });
        assert.deepEqual(problems, [], `${app.id} ${variant} (${role}):\n  ${problems.join('\n  ')}`);
      });
    }
  }
});

// ---------------------------------------------------------------------------------------
// Report

function printReport() {
  const out = [];
  const cell = (check) => (!check ? '-' : check.skip ? 'skip' : check.ok ? 'ok' : 'FAIL');
  const header = ['app', 'variant', 'expected', ...COLUMNS, 'verdict'];
  const rows = results
    .sort((x, y) => x.app.localeCompare(y.app) || x.variant.localeCompare(y.variant))
    .map((r) => [r.app, r.variant, r.role, ...COLUMNS.map((c) => cell(r.checks[c])), r.problems.length ? 'WRONG' : 'as expected']);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (row) => row.map((v, i) => v.padEnd(widths[i])).join('  ');
  out.push('', line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line));

  out.push('', 'Details of failed and skipped checks:');
  for (const r of results) {
    for (const [name, check] of Object.entries(r.checks)) {
      if (check.ok === false || check.skip) out.push(`  ${r.app} ${r.variant} ${name}: ${check.skip ?? check.detail}`);
    }
  }

  const versions = serviceVersions();
  out.push('', 'Services:', ...Object.entries(versions).map(([name, v]) => `  ${name}: ${v}`));
  const { dependencies } = require('./package.json');
  const packages = Object.keys(dependencies).map((name) => `${name}@${packageVersion(name)}`);
  out.push('npm packages:', `  ${packages.join(', ')}`);
  const mongo = require('connect-mongo');
  out.push(
    'MongoDB: no server can be installed here, so code using connect-mongo is only started, not exercised.',
    `  connect-mongo@${packageVersion('connect-mongo')}: require('connect-mongo').MongoStore.create is a ${typeof mongo.MongoStore?.create}; ` +
      `require('connect-mongo').create is ${typeof mongo.create} (the default require is not the class)`,
  );
  const wrong = results.filter((r) => r.problems.length).length;
  out.push('', `${results.length} runs, ${wrong} not as expected, ${((Date.now() - started) / 1000).toFixed(0)} s with ${jobs} at a time (process up ${process.uptime().toFixed(0)} s)`);
  process.stderr.write(`${out.join('\n')}\n`);
}
