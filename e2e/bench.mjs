// Browser benchmark of the built playground (not a test): prints
//  - what the playground page loads before its first findings, and in all, gzipped
//    (bench/page-size.mjs),
//  - for the default example and for 2,000- and 20,000-line Express files (autosaved, so
//    the page opens with them): the time from navigation to the first findings on screen
//    (on the loading screen when it marks them) and to the findings in the editor
//    (median and max of N fresh page loads), and for the default example when each step
//    of the load was done (median),
//  - per edit of the 2,000- and 20,000-line files: the time from the end of the debounce
//    to the findings on screen ("lint+render"), and the longest stretch the main thread
//    was busy meanwhile (the largest gap between animation frames), median and p95.
// Usage: node e2e/bench.mjs [loads=7] [edits=40]   (after `trunk build --release`)
import { DIST, launchBrowser, serveDist, waitForApp } from './harness.mjs';
import { measure, pageFiles } from '../bench/page-size.mjs';

const LOADS = Number(process.argv[2] ?? 7);
const EDITS = Number(process.argv[3] ?? 40);

function quantile(values, q) {
  const sorted = [...values].sort((a, b) => a - b);
  const i = Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
  return sorted[Math.max(0, i)];
}
const ms = (v) => `${v.toFixed(1)} ms`;
const kb = (v) => `${(v / 1024).toFixed(1)} KB`;

/** An Express app of exactly `lines` lines with a stateful handler every few lines; with
 *  `stateful: false` the same shape keeps its data in a store module, so nothing is found. */
export function bigApp(lines, { stateful = true } = {}) {
  const out = stateful
    ? [
      "const express = require('express');",
      "const session = require('express-session');",
      "const multer = require('multer');",
      'const app = express();',
      'app.use(session({ secret: process.env.SECRET, resave: false, saveUninitialized: false }));',
      "const upload = multer({ dest: 'uploads/' });",
    ]
    : [
      "const express = require('express');",
      "const store = require('./store');",
      'const app = express();',
      'app.use(express.json());',
      "app.disable('x-powered-by');",
      "app.set('trust proxy', 1);",
    ];
  for (let i = 0; out.length < lines - 1; i++) {
    out.push(...(stateful
      ? [
        `const cache${i} = {};`,
        `let hits${i} = 0;`,
        `app.get('/items/${i}/:id', (req, res) => {`,
        `  hits${i} += 1;`,
        `  cache${i}[req.params.id] = cache${i}[req.params.id] || { id: req.params.id, n: ${i} };`,
        `  res.json({ item: cache${i}[req.params.id], hits: hits${i} });`,
        '});',
        `app.post('/uploads/${i}', upload.single('file'), (req, res) => res.json({ name: req.file.filename }));`,
      ]
      : [
        `const prefix${i} = 'items:${i}:';`,
        `app.get('/items/${i}/:id', async (req, res) => {`,
        `  const item = await store.get(prefix${i} + req.params.id);`,
        `  const hits = await store.incr(prefix${i} + 'hits');`,
        `  res.json({ item: item ?? { id: req.params.id, n: ${i} }, hits });`,
        '});',
        `app.post('/items/${i}', async (req, res) => res.json(await store.add(prefix${i}, req.body)));`,
        '',
      ]));
  }
  out.length = lines - 1;
  // Edits go into this comment, so the file stays valid and every rule runs each time.
  out.push('app.listen(3000); // edits: ');
  return out.join('\n') + '\n';
}

const CODE_KEY = 'phoenix-playground.code';

/** The steps of a page load, in the order they happen: what each load's times are read
 *  from (the app's performance marks, and when the wasm had arrived). */
const LOAD_STEPS = [
  ["the linter's wasm arrived", () => performance.getEntriesByType('resource').find((e) => /\/phoenix-linter_bg\.wasm/.test(e.name))?.responseEnd],
  ['first findings (loading screen)', 'first-findings'],
  ["the app's wasm arrived", () => performance.getEntriesByType('resource').find((e) => /\/phoenix-app-[0-9a-f]+_bg\.wasm/.test(e.name))?.responseEnd],
  ['the editor bundle arrived', () => performance.getEntriesByType('resource').find((e) => /\/editor-[0-9a-f]+\.js/.test(e.name))?.responseEnd],
  ['app started', 'app-start'],
  ['first lint done', 'first-lint'],
  ['editor mounted', 'editor-mounted'],
  ['findings in the editor', 'editor-findings'],
];

/** In the page: the first findings are in the editor. A build from before the loading
 *  screen showed findings marks only `first-findings`, in the editor, as the app starts. */
function inEditorMarked() {
  return performance.getEntriesByName('editor-findings').length > 0
    || (!document.getElementById('boot') && performance.getEntriesByName('first-findings').length > 0);
}

/** Times of `first-findings` (on the loading screen when it marks them, else in the
 *  editor) and of `editor-findings` over fresh page loads that open with `code`; `steps`
 *  gets each load's time of each of LOAD_STEPS. */
async function firstFindings(browser, url, code, steps = {}) {
  const times = [];
  const inEditor = [];
  for (let i = 0; i < LOADS; i++) {
    const context = await browser.newContext();
    if (code !== null) {
      await context.addInitScript(
        ([key, value]) => {
          if (!sessionStorage.getItem('bench-seeded')) {
            localStorage.setItem(key, value);
            sessionStorage.setItem('bench-seeded', '1');
          }
        },
        [CODE_KEY, JSON.stringify(code)],
      );
    }
    const page = await context.newPage();
    await page.goto(url);
    await page.waitForFunction(inEditorMarked, null, { timeout: 60_000 });
    times.push(await page.evaluate(() => performance.getEntriesByName('first-findings')[0].startTime));
    inEditor.push(await page.evaluate(() =>
      (performance.getEntriesByName('editor-findings')[0] ?? performance.getEntriesByName('first-findings')[0]).startTime));
    for (const [label, step] of LOAD_STEPS) {
      const at = typeof step === 'string'
        ? await page.evaluate((name) => performance.getEntriesByName(name)[0]?.startTime, step)
        : await page.evaluate(step);
      if (at !== undefined) (steps[label] ??= []).push(at);
    }
    await context.close();
  }
  return { times, inEditor };
}

/** Types `edits` characters into the last line, one lint each; per edit the lint+render
 *  time and the longest gap between animation frames from the keystroke to the result. */
export async function perEdit(browser, url, code) {
  const context = await browser.newContext();
  await context.addInitScript(([key, value]) => localStorage.setItem(key, value), [CODE_KEY, JSON.stringify(code)]);
  const page = await context.newPage();
  await page.goto(url);
  await waitForApp(page);
  await page.waitForFunction(inEditorMarked, null, { timeout: 60_000 });
  const findings = await page.$eval('section.findings', (el) => el.dataset.count);
  if (await page.$('button.finding.syntax-error')) throw new Error('the benchmark file does not parse');
  await page.evaluate(() => {
    window.__gap = 0;
    let last = performance.now();
    const tick = (now) => {
      window.__gap = Math.max(window.__gap, now - last);
      last = now;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    performance.clearMeasures('lint+render');
  });
  await page.click('.cm-content');
  await page.keyboard.press('Control+End');
  const gaps = [];
  for (let i = 0; i < EDITS; i++) {
    const before = await page.evaluate(() => {
      window.__gap = 0;
      return performance.getEntriesByName('lint+render').length;
    });
    await page.keyboard.type(String.fromCharCode(97 + (i % 26)));
    await page.waitForFunction((n) => performance.getEntriesByName('lint+render').length > n, before, { timeout: 60_000 });
    // One more frame, so a block that ends with the render is counted.
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    gaps.push(await page.evaluate(() => window.__gap));
  }
  const durations = await page.evaluate(() =>
    performance.getEntriesByName('lint+render').map((e) => e.duration));
  await context.close();
  return { findings, durations, gaps };
}

const isMain = import.meta.url === `file://${process.argv[1]}`;
if (isMain) {
  const server = await serveDist();
  const browser = await launchBrowser();
  try {
    const views = [
      ['playground', 'before its first findings'],
      ['playground-whole', 'in all, once it runs'],
      ['playground-long', 'in all, once it has linted a long text'],
    ];
    for (const [view, what] of views) {
      const files = await measure(DIST, await pageFiles(DIST, view));
      console.log(`What the playground loads ${what} (gzip -9):`);
      for (const f of files) console.log(`  ${f.name.padEnd(44)} ${kb(f.raw).padStart(10)} raw  ${kb(f.gzip).padStart(9)} gzipped`);
      const total = files.reduce((sum, f) => sum + f.gzip, 0);
      console.log(`  ${'total'.padEnd(44)} ${kb(files.reduce((s, f) => s + f.raw, 0)).padStart(10)} raw  ${kb(total).padStart(9)} gzipped`);
    }

    console.log(`\nNavigation to first findings (${LOADS} fresh loads each, local server):`);
    const cases = [['default example', null], ['2,000 lines', bigApp(2000)], ['20,000 lines', bigApp(20000)]];
    const steps = {};
    for (const [label, code] of cases) {
      const { times: t, inEditor } = await firstFindings(browser, server.url, code, code === null ? steps : {});
      console.log(`  ${label.padEnd(16)} median ${ms(quantile(t, 0.5))}, max ${ms(Math.max(...t))};` +
        ` in the editor median ${ms(quantile(inEditor, 0.5))}, max ${ms(Math.max(...inEditor))}`);
    }
    console.log('  default example, median time of each step from navigation:');
    for (const [label, times] of Object.entries(steps)) console.log(`    ${label.padEnd(32)} ${ms(quantile(times, 0.5))}`);

    console.log(`\nPer edit (${EDITS} edits each, one character typed at the end, timed after the 250 ms debounce):`);
    const quiet = ['2,000 lines, nothing found', bigApp(2000, { stateful: false })];
    for (const [label, code] of [...cases.slice(1), quiet]) {
      const { findings, durations, gaps } = await perEdit(browser, server.url, code);
      console.log(`  ${label.padEnd(27)} (${findings} findings) lint+render median ${ms(quantile(durations, 0.5))}, p95 ${ms(quantile(durations, 0.95))};` +
        ` longest main-thread block median ${ms(quantile(gaps, 0.5))}, p95 ${ms(quantile(gaps, 0.95))}`);
    }
  } finally {
    await browser.close();
    await server.close();
  }
}
