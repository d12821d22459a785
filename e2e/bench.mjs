// Browser benchmark of the built playground (not a test): prints
//  - the gzipped size of the wasm, JS and CSS in dist/,
//  - the time from navigation to the first findings on screen (median of N page loads),
//  - lint + render time per edit of a 2,000-line file (median and p95).
// Usage: node e2e/bench.mjs [loads=7] [edits=40]   (after `trunk build --release`)
import { readdir, readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { DIST, launchBrowser, serveDist, setCode, waitForApp } from './harness.mjs';

const LOADS = Number(process.argv[2] ?? 7);
const EDITS = Number(process.argv[3] ?? 40);

function quantile(values, q) {
  const sorted = [...values].sort((a, b) => a - b);
  const i = Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
  return sorted[Math.max(0, i)];
}
const ms = (v) => `${v.toFixed(1)} ms`;
const kb = (v) => `${(v / 1024).toFixed(1)} KB`;

async function sizes() {
  const rows = [];
  for (const name of await readdir(DIST)) {
    if (!['.wasm', '.js', '.css'].includes(extname(name))) continue;
    const bytes = await readFile(join(DIST, name));
    rows.push({ name, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length });
  }
  return rows.sort((a, b) => b.gzip - a.gzip);
}

/** An Express app of exactly `lines` lines with a stateful handler every few lines. */
function bigApp(lines) {
  const out = [
    "const express = require('express');",
    "const session = require('express-session');",
    "const multer = require('multer');",
    'const app = express();',
    'app.use(session({ secret: process.env.SECRET, resave: false, saveUninitialized: false }));',
    "const upload = multer({ dest: 'uploads/' });",
  ];
  for (let i = 0; out.length < lines - 1; i++) {
    out.push(
      `const cache${i} = {};`,
      `let hits${i} = 0;`,
      `app.get('/items/${i}/:id', (req, res) => {`,
      `  hits${i} += 1;`,
      `  cache${i}[req.params.id] = cache${i}[req.params.id] || { id: req.params.id, n: ${i} };`,
      `  res.json({ item: cache${i}[req.params.id], hits: hits${i} });`,
      '});',
      `app.post('/uploads/${i}', upload.single('file'), (req, res) => res.json({ name: req.file.filename }));`,
    );
  }
  out.length = lines - 1;
  // Edits go into this comment, so the file stays valid and every rule runs each time.
  out.push('app.listen(3000); // edits: ');
  return out.join('\n') + '\n';
}

const server = await serveDist();
const browser = await launchBrowser();
try {
  const files = await sizes();
  console.log('Transfer size of dist/ (gzip -9):');
  for (const f of files) console.log(`  ${f.name.padEnd(44)} ${kb(f.raw).padStart(10)} raw  ${kb(f.gzip).padStart(9)} gzipped`);
  const total = files.reduce((sum, f) => sum + f.gzip, 0);
  console.log(`  ${'total (wasm + JS + CSS)'.padEnd(44)} ${kb(files.reduce((s, f) => s + f.raw, 0)).padStart(10)} raw  ${kb(total).padStart(9)} gzipped`);

  const firsts = [];
  for (let i = 0; i < LOADS; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(server.url);
    await waitForApp(page);
    await page.waitForFunction(() => performance.getEntriesByName('first-findings').length > 0);
    firsts.push(await page.evaluate(() => performance.getEntriesByName('first-findings')[0].startTime));
    await context.close();
  }
  console.log(`\nNavigation to first findings (${LOADS} fresh loads, local server): median ${ms(quantile(firsts, 0.5))}, min ${ms(Math.min(...firsts))}, max ${ms(Math.max(...firsts))}`);

  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(server.url);
  await waitForApp(page);
  const code = bigApp(2000);
  await setCode(page, code);
  const findings = await page.$eval('section.findings', (el) => el.dataset.count);
  if (await page.$('button.finding.syntax-error')) throw new Error('the benchmark file does not parse');
  await page.evaluate(() => performance.clearMeasures('lint+render'));
  await page.click('.cm-content');
  await page.keyboard.press('Control+End');
  for (let i = 0; i < EDITS; i++) {
    const before = await page.evaluate(() => performance.getEntriesByName('lint+render').length);
    await page.keyboard.type(String.fromCharCode(97 + (i % 26)));
    await page.waitForFunction((n) => performance.getEntriesByName('lint+render').length > n, before);
  }
  const durations = await page.evaluate(() =>
    performance.getEntriesByName('lint+render').map((e) => e.duration));
  console.log(`\nLint + render per edit, ${code.split('\n').length - 1}-line file with ${findings} findings (${durations.length} edits, after the 250 ms debounce): median ${ms(quantile(durations, 0.5))}, p95 ${ms(quantile(durations, 0.95))}`);
  await context.close();
} finally {
  await browser.close();
  await server.close();
}
