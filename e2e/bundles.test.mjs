// The app ships as wasm bundles (app/src/lib.rs): `phoenix-app` for the playground, with
// `phoenix-linter`, its linter (the app's wasm links none); `phoenix-embed` for the
// embed; `phoenix-learn` for the lessons, workshops, drill and embed builder.
// static/boot.js picks one from the URL fragment before any wasm runs; app/src/shell/page.rs
// (`Page::bundle`) decides which views each bundle renders. These tests load every kind
// of view and check that the page downloads only its bundle, that the bundle it loaded
// renders the view (the two rules agree), and that following a link across bundles works.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { DIST, editorText, revision, setCode, useServedBrowser, waitForApp, waitForLint } from './harness.mjs';
import { bigApp } from './bench.mjs';

const env = useServedBrowser();

/** Opens `fragment` in a fresh context (after `setup`, given the page), and lists the
 *  bundles' files it requested. */
async function open(fragment, ready, setup = async () => {}) {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  await setup(page);
  const errors = [];
  page.on('pageerror', (error) => errors.push(error));
  const requested = [];
  page.on('request', (request) => {
    // The page's own requests and its worker's, not an embed the page frames (the embed
    // builder's preview loads the embed's bundle, as any docs page would).
    let frame = null;
    try {
      frame = request.frame();
    } catch {
      // A worker's request belongs to no frame.
    }
    if (frame && frame !== page.mainFrame()) return;
    requested.push(new URL(request.url()).pathname);
  });
  await page.goto(`${env.server.url}${fragment}`);
  await ready(page);
  // Distinct files: the lint worker imports the same glue again.
  const files = (pattern) => new Set(requested.filter((p) => pattern.test(p))).size;
  const bundles = () => ({
    app: files(/^\/phoenix-app-[0-9a-f]+(_bg\.wasm|\.js)$/),
    embed: files(/^\/phoenix-embed(_bg\.wasm|\.js)$/),
    learn: files(/^\/phoenix-learn(_bg\.wasm|\.js)$/),
    linter: files(/^\/phoenix-linter(_bg\.wasm|\.js)$/),
    fastLinter: files(/^\/phoenix-fastlinter(_bg\.wasm|\.js)$/),
  });
  return { page, context, errors, bundles };
}

/** The app started and rendered a view of its own: the boot screen is gone and the
 *  "loaded the part of the app for another view" message is not shown. */
async function started(page, selector) {
  await page.waitForSelector('#boot', { state: 'detached', timeout: 30_000 });
  await page.waitForSelector(selector);
  assert.equal(await page.locator('text=This page did not start').count(), 0);
}

const share = `#v1.${deflateRawSync(Buffer.from("let hits = 0;\n")).toString('base64url')}`;

const PLAYGROUND_VIEWS = [
  ['the playground', '', (page) => waitForApp(page)],
  ['a share link', share, (page) => waitForApp(page)],
  ['an unknown page', '#/no-such-page', (page) => started(page, 'main.not-found')],
];

const EMBED_VIEWS = [
  ['an embed', `#/embed?code=${share.slice(1)}`, (page) => started(page, '.cm-content')],
  ['an embed without code', '#/embed', (page) => started(page, '.embed-refused')],
  // Under the embed's name but not the embed: the embed bundle says so itself.
  ['an unknown page under the embed', '#/embed/elsewhere', (page) => started(page, 'main.not-found')],
];

const LEARN_VIEWS = [
  ['the lesson list', '#/tutorial', (page) => started(page, 'a[href^="#/tutorial/"]')],
  ['a lesson', '#/tutorial/uploads', (page) => started(page, '.cm-content')],
  ['a workshop', '#/workshop/default', (page) => started(page, 'main')],
  ['the facilitator view', '#/workshop/default/facilitator', (page) => started(page, 'main')],
  ['the drill', '#/drill', (page) => started(page, 'main')],
  // Its preview frames an embed, which loads the embed's bundle in that frame.
  ['the embed builder', '#/embed-builder', async (page) => {
    await started(page, 'main');
    const preview = await (await page.waitForSelector('#maker-preview')).contentFrame();
    await preview.waitForSelector('#boot', { state: 'detached', timeout: 30_000 });
  }],
  // Under a learn view's name but not one of its pages: the learn bundle says so itself.
  ['an unknown workshop page', '#/workshop/default/a/b', (page) => started(page, 'main.not-found')],
];

// No view fetches the linter built for speed for its short text.
const NONE = { app: 0, embed: 0, learn: 0, linter: 0, fastLinter: 0 };

for (const [bundle, views] of [['app', PLAYGROUND_VIEWS], ['embed', EMBED_VIEWS], ['learn', LEARN_VIEWS]]) {
  for (const [name, fragment, ready] of views) {
    test(`${name} downloads the ${bundle} bundle only${bundle === 'app' ? ', with its linter' : ''}`, async () => {
      const { context, errors, bundles } = await open(fragment, ready);
      // The playground's linter comes with it; the other bundles lint on the page.
      const linter = bundle === 'app' ? 2 : 0;
      assert.deepEqual(bundles(), { ...NONE, [bundle]: 2, linter });
      assert.deepEqual(errors, []);
      await context.close();
    });
  }
}

test('following links between the bundles loads the other bundle, and the code is kept', async () => {
  const { page, context, errors, bundles } = await open('', (page) => waitForApp(page));
  const code = "const express = require('express');\nlet visits = 0;\n";
  await setCode(page, code);
  await page.click('#lessons-link');
  await started(page, 'a[href^="#/tutorial/"]');
  assert.deepEqual(bundles(), { ...NONE, app: 2, learn: 2, linter: 2 });
  await page.goBack();
  await waitForApp(page);
  assert.equal(await editorText(page), code);
  assert.deepEqual(errors, []);
  await context.close();
});

test('an unknown page followed to from a lesson is shown by the bundle already running', async () => {
  const { page, context, errors, bundles } = await open('#/tutorial', (page) => started(page, 'a[href^="#/tutorial/"]'));
  await page.evaluate(() => { location.hash = '#/no-such-page'; });
  await page.waitForSelector('main.not-found');
  assert.match(await page.textContent('main.not-found'), /Nothing here/);
  assert.deepEqual(bundles(), { ...NONE, learn: 2 });
  assert.deepEqual(errors, []);
  await context.close();
});

test("the playground's wasm links no parser: its linter is a wasm of its own", async () => {
  const names = await readdir(DIST);
  const read = (pattern) => readFile(join(DIST, names.find((n) => pattern.test(n))));
  // A message only oxc's parser carries.
  const parser = Buffer.from('Unterminated string');
  assert.ok((await read(/^phoenix-linter_bg\.wasm$/)).includes(parser), 'the linter has no parser');
  assert.ok((await read(/^phoenix-embed_bg\.wasm$/)).includes(parser), 'the embed has no parser');
  assert.equal((await read(/^phoenix-app-[0-9a-f]+_bg\.wasm$/)).includes(parser), false,
    "the playground's wasm links the parser");
});

test("a fragment that moves to another bundle's view while the page loads opens that view", async () => {
  let release;
  const held = new Promise((done) => { release = done; });
  const { page, context, errors, bundles } = await open('', async (page) => {
    // The playground's own wasm is held back, so the app has not started when the
    // fragment moves to a lesson.
    await page.waitForFunction(() => performance.getEntriesByName('first-findings').length > 0, null, { timeout: 30_000 });
    await page.evaluate(() => { location.hash = '#/tutorial'; });
    release();
    await started(page, 'a[href^="#/tutorial/"]');
  }, async (page) => {
    await page.route(/\/phoenix-app-[0-9a-f]+_bg\.wasm$/, async (route) => { await held; await route.continue(); });
  });
  assert.deepEqual(bundles(), { ...NONE, app: 2, learn: 2, linter: 2 });
  assert.deepEqual(errors, []);
  await context.close();
});

/** Types one character at the end of the text and waits for its lint; the findings count. */
async function editAtEnd(page) {
  const before = await revision(page);
  await page.click('.cm-content');
  await page.keyboard.press('Control+End');
  await page.keyboard.type('x');
  await waitForLint(page, before);
  return page.$eval('section.findings', (el) => Number(el.dataset.count));
}

/** The lint worker's `linterStatus` (static/lint-worker.js): whether the linter built for
 *  speed is "not asked", "loading", "started" or "failed", and which linted last. */
function linterStatus(page) {
  const [worker] = page.workers();
  return worker.evaluate(() => ({ ...self.linterStatus }));
}

/** Waits until the linter built for speed is no longer loading. */
async function fastLinterSettled(page) {
  for (let i = 0; i < 300; i++) {
    const { fast } = await linterStatus(page);
    if (fast !== 'loading' && fast !== 'not asked') return fast;
    await page.waitForTimeout(100);
  }
  throw new Error('the linter built for speed was still loading after 30 s');
}

/** The playground with a 2,000-line text (86 KB), its 500 findings shown. */
async function openLong(setup) {
  const opened = await open('', (page) => waitForApp(page), setup);
  await setCode(opened.page, bigApp(2000));
  return opened;
}

test('a long text is linted by the linter built for speed, which the worker fetches for it', async () => {
  const { page, context, errors, bundles } = await openLong();
  // The long text's first lint asked for it; the small linter answered that one.
  assert.equal(await fastLinterSettled(page), 'started');
  assert.equal(await editAtEnd(page), 500);
  assert.deepEqual(await linterStatus(page), { fast: 'started', linted: 'fast' });
  assert.equal(bundles().fastLinter, 2);
  assert.deepEqual(errors, []);
  await context.close();
});

test('when the linter built for speed cannot load, the small one goes on linting', async () => {
  const { page, context, errors } = await openLong((page) =>
    page.context().route(/\/phoenix-fastlinter_bg\.wasm/, (route) => route.fulfill({ status: 404, body: '' })));
  assert.equal(await fastLinterSettled(page), 'failed');
  assert.equal(await editAtEnd(page), 500);
  assert.deepEqual(await linterStatus(page), { fast: 'failed', linted: 'small' });
  assert.equal(await page.locator('text=/The linter stopped/').count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a text the linter built for speed fails on is linted by the small one', async () => {
  // A stand-in for the fast linter that starts and then fails on every request, as it
  // would on a text it has not the stack for.
  const failing = 'export default async function () {}\n' +
    "export function answer() { throw new RangeError('Maximum call stack size exceeded'); }\n";
  const { page, context, errors } = await openLong((page) =>
    page.context().route(/\/phoenix-fastlinter\.js/, (route) =>
      route.fulfill({ status: 200, contentType: 'text/javascript', body: failing })));
  assert.equal(await fastLinterSettled(page), 'started');
  assert.equal(await editAtEnd(page), 500);
  // Having failed once, it is not asked again.
  assert.deepEqual(await linterStatus(page), { fast: 'failed', linted: 'small' });
  assert.equal(await editAtEnd(page), 500);
  // A finding's full diagnostic is asked of the linter that holds the text: it opens.
  await page.click('ul[aria-label="Findings"] button.finding');
  await page.locator('.rewrite button.apply').first().waitFor({ timeout: 10_000 });
  assert.equal(await page.locator('text=/The linter stopped/').count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

/** Texts nested `n` levels deep, one per shape oxc recurses on. */
const NESTS = {
  templates: (n) => `x = ${'`${'.repeat(n)}1${'}`'.repeat(n)};`,
  brackets: (n) => `x = ${'['.repeat(n)}1${']'.repeat(n)};`,
  parentheses: (n) => `x = ${'('.repeat(n)}1${')'.repeat(n)};`,
  calls: (n) => `x = ${'f('.repeat(n)}1${')'.repeat(n)};`,
  objects: (n) => `x = ${'{a:'.repeat(n)}1${'}'.repeat(n)};`,
  arrows: (n) => `x = ${'() => '.repeat(n)}1;`,
  functions: (n) => `x = ${'function () { return '.repeat(n)}1${'}'.repeat(n)};`,
  classes: (n) => `x = ${'class { m() { return '.repeat(n)}1${'}}'.repeat(n)};`,
  blocks: (n) => `${'if (a) { '.repeat(n)}x();${'}'.repeat(n)}`,
  'else if': (n) => `if (a) x();\n${'else if (a) x();\n'.repeat(n)}`,
  operators: (n) => `x = ${'1 + '.repeat(n)}1;`,
  ternaries: (n) => `x = ${'a ? b : '.repeat(n)}c;`,
  members: (n) => `x = a${'.b'.repeat(n)};`,
  unary: (n) => `x = ${'!'.repeat(n)}1;`,
  new: (n) => `x = ${'new '.repeat(n)}A;`,
};

test('the deepest text of each shape the linter accepts is linted in a worker, by either linter', async () => {
  // A worker's stack is the smallest the linter runs on (V8 lets wasm recurse less deep
  // there than on a page), and the linter built for speed takes more of it per level for
  // some shapes: lint-core's nesting limit has to fit both.
  const context = await env.browser.newContext();
  const page = await context.newPage();
  await page.goto(`${env.server.url}/static/favicon.svg`);
  const results = await page.evaluate(async ({ base, nests }) => {
    const shapes = Object.entries(nests).map(([name, make]) => [name, new Function('n', `return (${make})(n)`)]);
    const worker = `self.onmessage = async ({ data }) => {
      if (data.glue) {
        self.linter = await import(data.glue);
        await self.linter.default({ module_or_path: data.wasm });
        self.postMessage('ready');
        return;
      }
      try {
        const { result } = JSON.parse(self.linter.answer(data)).summary.summary;
        self.postMessage(result.diagnostics.some((d) => /too deeply nested/.test(d.message)) ? 'refused' : 'linted');
      } catch (error) {
        self.postMessage('failed: ' + error.message);
      }
    };`;
    const start = async (name) => {
      const url = URL.createObjectURL(new Blob([worker], { type: 'text/javascript' }));
      const started = new Worker(url, { type: 'module' });
      const ask = (message) => new Promise((done) => {
        started.onmessage = ({ data }) => done(data);
        started.postMessage(message);
      });
      await ask({ glue: new URL(`/${name}.js`, base).href, wasm: new URL(`/${name}_bg.wasm`, base).href });
      return (source) => ask(JSON.stringify({ lint: { id: 1, source } }));
    };
    const small = await start('phoenix-linter');
    const fast = await start('phoenix-fastlinter');
    const out = [];
    for (const [name, make] of shapes) {
      // The deepest the nesting guard accepts (it refuses the same in both linters).
      let accepted = 1;
      let refused = 4096;
      while (refused - accepted > 1) {
        const depth = (accepted + refused) >> 1;
        if ((await small(make(depth))) === 'refused') refused = depth;
        else accepted = depth;
      }
      out.push({ name, depth: accepted, small: await small(make(accepted)), fast: await fast(make(accepted)) });
    }
    return out;
  }, { base: env.server.url, nests: Object.fromEntries(Object.entries(NESTS).map(([k, f]) => [k, f.toString()])) });
  for (const { name, depth, small, fast } of results) {
    assert.ok(depth > 50, `${name}: only ${depth} levels accepted`);
    assert.deepEqual({ name, small, fast }, { name, small: 'linted', fast: 'linted' }, `${name} at ${depth} levels`);
  }
  await context.close();
});

test('the linter built for speed is fetched for a lint request of 32,768 characters, not a shorter one', async () => {
  const { page, context } = await open('', (page) => waitForApp(page));
  const app = bigApp(40);
  // One comment line brings the text to `length` characters; the edit types into it.
  const of = (length) => `${app}//${'-'.repeat(length - app.length - 2)}`;
  const request = (text) => JSON.stringify({ lint: { id: 1000, source: text } }).length;
  const short = of(32_600);
  assert.ok(request(short) + 1 < 32_768, `a request of ${request(short)} characters`);
  await setCode(page, short);
  assert.equal(await editAtEnd(page), 10);
  assert.deepEqual(await linterStatus(page), { fast: 'not asked', linted: 'small' });
  await setCode(page, of(32_768));
  assert.equal(await fastLinterSettled(page), 'started');
  await context.close();
});
