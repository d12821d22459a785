// Shared set-up for the end-to-end tests and the benchmark: a static server for dist/
// on 127.0.0.1 and a headless Chromium from the system (never a downloaded browser).
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';

export const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
// PHOENIX_DIST serves another build (an older one, to compare or to see a test fail on it).
export const DIST = process.env.PHOENIX_DIST ? resolve(process.env.PHOENIX_DIST) : join(ROOT, 'dist');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
};

/** Serves dist/ (or `dist`) on a free port of 127.0.0.1; resolves to { url, close }.
 *  `gzip`: compressed at level 9 for a client that accepts it, as a static host would. */
export async function serveDist({ dist = DIST, gzip = false } = {}) {
  const compressed = new Map();
  try {
    await stat(join(dist, 'index.html'));
  } catch {
    throw new Error('dist/index.html is missing: run `trunk build --release` (scripts/e2e.sh does)');
  }
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const file = normalize(join(dist, path === '/' ? 'index.html' : path));
    if (!file.startsWith(dist)) {
      res.writeHead(403).end();
      return;
    }
    try {
      const type = { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' };
      if (gzip && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '')) {
        if (!compressed.has(file)) compressed.set(file, gzipSync(await readFile(file), { level: 9 }));
        res.writeHead(200, { ...type, 'content-encoding': 'gzip' });
        res.end(compressed.get(file));
        return;
      }
      const body = await readFile(file);
      res.writeHead(200, type);
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise((done) => server.close(done)),
  };
}

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Chromium with a fresh, throw-away profile (playwright makes a new user-data-dir);
 * `extraArgs` add to CHROMIUM_ARGS. */
export function launchBrowser(extraArgs = []) {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: [...CHROMIUM_ARGS, ...extraArgs],
  });
}

/** Waits until the wasm has started, the editor is mounted and a lint has rendered. */
export async function waitForApp(page) {
  await page.waitForSelector('#boot', { state: 'detached', timeout: 30_000 });
  await page.waitForSelector('.cm-content[aria-label="Code editor"]');
  await page.waitForSelector('section.findings[data-revision]');
}

/**
 * Opens `url` as a new document. `page.goto` to the same page with another fragment only
 * changes the fragment; the app then loads itself again when the fragment asks for a view
 * of another bundle (app/src/shell/root.rs), and a `reload()` of the test's own would race
 * with that one. A query of its own makes each visit a different address: one plain load.
 */
export async function loadAnew(page, url) {
  const address = new URL(url);
  address.searchParams.set('visit', String((loads += 1)));
  await page.goto(address.href);
}
let loads = 0;

export function revision(page) {
  return page.$eval('section.findings', (el) => Number(el.dataset.revision));
}

/** Waits for a lint newer than `after` to be on screen. */
export async function waitForLint(page, after) {
  await page.waitForFunction(
    (after) => Number(document.querySelector('section.findings')?.dataset.revision) > after,
    after,
  );
}

export function editorText(page) {
  return page.evaluate(() => window.PhoenixEditor.active.getText());
}

/** Replaces the editor's text the way a paste would, and waits for the lint. */
export async function setCode(page, code) {
  const before = await revision(page);
  await page.evaluate((code) => window.PhoenixEditor.active.setText(code), code);
  await waitForLint(page, before);
}

/** The rule ids of the findings shown, in order (syntax errors as "syntax error"). */
export function findingRules(page) {
  return page.$$eval('ul[aria-label="Findings"] button.finding .finding-rule', (els) =>
    els.map((el) => el.textContent.trim()),
  );
}

/**
 * Serves dist/ and launches headless Chromium before a test file's tests, and closes both
 * after them: `const env = useServedBrowser();`, then `env.server.url`, `env.browser`.
 */
export function useServedBrowser() {
  const env = { server: null, browser: null };
  before(async () => {
    env.server = await serveDist();
    env.browser = await launchBrowser();
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.close();
  });
  return env;
}
