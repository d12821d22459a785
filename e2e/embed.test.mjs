// End-to-end tests of the embed tiers (link, iframe, <phoenix-snippet>), the link maker,
// the Content-Security-Policy and the wasm API package, in headless Chromium.
//
// The example docs page (examples/docs-site/) is served from a second origin, as a real
// docs site would be: its http://127.0.0.1:8080 (scripts/serve.sh's address) is rewritten
// to this run's playground server.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { mkdir, readFile, readdir, stat } from 'node:fs/promises';
import { deflateSync, deflateRawSync, inflateRawSync } from 'node:zlib';
import { join, normalize } from 'node:path';
import { ROOT, editorText, launchBrowser, serveDist, waitForApp, loadAnew } from './harness.mjs';

const EXAMPLE = join(ROOT, 'examples', 'docs-site');
const WASM_PKG = join(ROOT, 'wasm-api', 'pkg');
const RESIZE = 'phoenix-playground:resize';
const SCREENSHOTS = join(ROOT, 'target', 'e2e-screenshots');

let playground;
let docs;
let browser;

/** Serves examples/docs-site on its own port, pointing it at `playgroundUrl`. */
async function serveExample(playgroundUrl) {
  const origin = playgroundUrl.replace(/\/$/, '');
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const file = normalize(join(EXAMPLE, path === '/' ? 'index.html' : path));
    if (!file.startsWith(EXAMPLE)) return res.writeHead(403).end();
    try {
      const body = (await readFile(file, 'utf8')).replaceAll('http://127.0.0.1:8080', origin);
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  return {
    url: `http://127.0.0.1:${server.address().port}/`,
    close: () => new Promise((done) => server.close(done)),
  };
}

/** The share fragment as the playground writes it (raw deflate, base64url). */
function shareFragment(code) {
  return 'v1.' + deflateRawSync(Buffer.from(code, 'utf8'), { level: 9 }).toString('base64url');
}

before(async () => {
  playground = await serveDist();
  docs = await serveExample(playground.url);
  assert.notEqual(new URL(playground.url).origin, new URL(docs.url).origin);
  browser = await launchBrowser();
  await mkdir(SCREENSHOTS, { recursive: true });
});

after(async () => {
  await browser?.close();
  await docs?.close();
  await playground?.close();
});

/**
 * A page in a fresh context that records page errors, console errors and CSP violations
 * (in every frame), and traps `window.__pwned`: hostile inputs below try to set it.
 */
async function freshPage(options = {}) {
  const context = await browser.newContext({ viewport: { width: 1100, height: 800 }, ...options });
  await context.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`);
    });
  });
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (error) => page.errors.push(String(error)));
  page.on('console', (message) => {
    if (message.type() === 'error') page.errors.push(message.text());
  });
  return page;
}

async function pwned(pageOrFrame) {
  return pageOrFrame.evaluate(() => window.__pwned);
}

/** The contentFrame of the iframe `selector` matches, once its embed has linted. */
async function embedFrame(page, selector) {
  const handle = await page.waitForSelector(selector, { timeout: 30_000 });
  const frame = await handle.contentFrame();
  await frame.waitForSelector('.embed-body[data-count]', { timeout: 30_000 });
  return frame;
}

/**
 * Empties the docs page and puts an iframe of `src` in a 700 px column, grown by the
 * resize messages it posts (every height is kept in `window.__heights`).
 */
async function docsColumn(page, src) {
  await page.goto(docs.url);
  await page.evaluate(([src, type]) => {
    document.body.replaceChildren();
    window.__heights = [];
    const frame = document.createElement('iframe');
    frame.id = 'column-embed';
    Object.assign(frame.style, { width: '700px', height: '320px', border: '0', display: 'block' });
    addEventListener('message', (event) => {
      if (event.source !== frame.contentWindow || event.data?.type !== type) return;
      window.__heights.push(event.data.height);
      frame.style.height = `${Math.min(4000, Math.ceil(event.data.height))}px`;
    });
    frame.src = src;
    document.body.append(frame);
  }, [src, RESIZE]);
  return (await page.waitForSelector('#column-embed')).contentFrame();
}

/** Waits until the last height the embed reported is its own height now; returns it. */
async function settledHeight(page, frame) {
  let reported;
  let own;
  for (let tries = 0; tries < 50; tries += 1) {
    await page.waitForTimeout(200);
    reported = await page.evaluate(() => window.__heights.at(-1));
    own = await frame.$eval('main.embed', (m) => Math.ceil(m.getBoundingClientRect().height));
    if (reported === own) return reported;
  }
  assert.fail(`the embed is ${own} px tall but last reported ${reported}`);
}

function ruleTags(frame) {
  return frame.$$eval('.embed-findings .finding-rule', (els) => els.map((el) => el.textContent));
}

describe('embeds', () => {
  test('the playground and the embed run under the CSP without a violation', async () => {
    const page = await freshPage();
    await page.goto(playground.url);
    await waitForApp(page);
    const csp = await page.$eval('meta[http-equiv="Content-Security-Policy"]', (m) => m.content);
    assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/);
    assert.doesNotMatch(csp, /unsafe-inline/);
    // No inline script or style anywhere: trunk's loader and CodeMirror's CSS included.
    assert.equal(await page.$$eval('script:not([src])', (s) => s.length), 0);
    assert.equal(await page.$$eval('style', (s) => s.length), 0);
    await page.waitForSelector('.cm-lintRange');
    // CodeMirror's own CSS is applied (from a constructable sheet): the gutter is laid out.
    assert.equal(await page.$eval('.cm-gutters', (g) => getComputedStyle(g).display), 'flex');

    const code = "let hits = 0;\nrequire('express')().get('/', (q, r) => { hits++; r.end(); });\n";
    await loadAnew(page, `${playground.url}#/embed?code=${shareFragment(code)}`);
    await page.waitForSelector('.embed-body[data-count]');
    await page.waitForSelector('.cm-lintRange');
    assert.deepEqual(await page.evaluate(() => window.__violations), []);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test('the docs page on another origin shows the iframe embed with its findings, sized by resize messages', async () => {
    const page = await freshPage();
    await page.goto(docs.url);
    const frame = await embedFrame(page, '#uploads-embed');
    assert.deepEqual(await ruleTags(frame), ['no-local-uploads']);
    await frame.waitForSelector('.cm-lintRange');
    // Read-only, as the iframe's address asks.
    assert.equal(await frame.$eval('.cm-content', (c) => c.getAttribute('aria-readonly')), 'true');
    const before = await frame.evaluate(() => window.PhoenixEditor.active.getText());
    await frame.click('.cm-content');
    await page.keyboard.type('typed ');
    assert.equal(await frame.evaluate(() => window.PhoenixEditor.active.getText()), before);
    // The host's listener sized the iframe to the embed's own height.
    await page.waitForFunction(() => Number(document.querySelector('#uploads-embed').dataset.resized) > 0);
    const embedHeight = await frame.$eval('main.embed', (m) => Math.ceil(m.getBoundingClientRect().height));
    await page.waitForFunction(
      (h) => Math.abs(document.querySelector('#uploads-embed').getBoundingClientRect().height - h) <= 4,
      embedHeight,
    );
    // "Open in full playground" carries the same code, in a new tab without an opener.
    const open = await frame.$eval('a.embed-open', (a) => ({ href: a.href, target: a.target, rel: a.rel }));
    assert.equal(open.target, '_blank');
    assert.match(open.rel, /noopener/);
    const full = await freshPage();
    await full.goto(open.href);
    await waitForApp(full);
    assert.equal(await editorText(full), await frame.evaluate(() => window.PhoenixEditor.active.getText()));
    await full.context().close();
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test('the link opens the playground with the code of the docs page', async () => {
    const page = await freshPage();
    await page.goto(docs.url);
    const href = await page.getAttribute('#open-link', 'href');
    const expected = await page.$eval('#tier-link pre', (pre) => pre.textContent);
    await page.goto(href);
    await waitForApp(page);
    assert.equal(await editorText(page), expected);
    await page.waitForFunction(() =>
      [...document.querySelectorAll('.finding-rule')].some((el) => el.textContent === 'no-local-sessions'));
    await page.context().close();
  });

  test('the web component turns its <pre> into a live embed on request, and on visibility with lazy', async () => {
    const page = await freshPage();
    await page.goto(docs.url);
    const snippet = page.locator('#counter-snippet');
    const code = await snippet.locator('pre').textContent();
    assert.match(code, /Visit number \$\{visits\} <3/, 'the entity is text in the <pre>');
    // Not started until asked: no iframe, the code block and the button visible.
    assert.equal(await page.$$eval('#counter-snippet iframe', (f) => f.length), 0);
    assert.ok(await snippet.locator('pre').isVisible());
    const resized = page.evaluate(() => new Promise((done) =>
      document.querySelector('#counter-snippet').addEventListener('phoenix-snippet:resize', (e) => done(e.detail.height), { once: true })));
    await snippet.getByRole('button', { name: 'Check in Phoenix Playground' }).click();

    const frame = await embedFrame(page, '#counter-snippet iframe');
    assert.deepEqual(await ruleTags(frame), ['no-global-state']);
    // The code reached the embed byte for byte through CompressionStream('deflate-raw').
    assert.equal(await frame.evaluate(() => window.PhoenixEditor.active.getText()), code);
    assert.ok((await resized) > 80);
    // The <pre> is still in the page's DOM (unslotted), for search engines and copy.
    assert.equal(await page.$eval('#counter-snippet pre', (pre) => pre.isConnected), true);
    // The component asked the embed to send its height to this page's origin only.
    const src = await page.$eval('#counter-snippet iframe', (f) => f.src);
    assert.match(src, new RegExp(`origin=${encodeURIComponent(new URL(docs.url).origin)}`));

    // Below the fold, the lazy one waits for the reader to scroll to it.
    assert.equal(await page.$eval('#cache-snippet', (el) => el.dataset.state ?? 'waiting'), 'waiting');
    await page.locator('#cache-snippet').scrollIntoViewIfNeeded();
    const lazy = await embedFrame(page, '#cache-snippet iframe');
    assert.deepEqual(await ruleTags(lazy), ['no-global-state']);
    await lazy.waitForSelector('.explanation');
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test('the component sizes its iframe only from its own iframe, in the documented shape', async () => {
    const page = await freshPage();
    await page.goto(docs.url);
    await page.locator('#counter-snippet').getByRole('button').click();
    await embedFrame(page, '#counter-snippet iframe');
    const height = () => page.$eval('#counter-snippet iframe', (f) => f.style.height);
    const iframeHeight = () => document.querySelector('#counter-snippet').shadowRoot.querySelector('iframe').style.height;
    await page.waitForFunction(`(${iframeHeight})() !== '300px'`);
    const before = await height();
    // Forged by the host page itself, and malformed ones from the real iframe's window.
    await page.evaluate((type) => window.postMessage({ type, height: 3999 }, '*'), RESIZE);
    const frame = await (await page.$('#counter-snippet iframe')).contentFrame();
    await frame.evaluate((type) => {
      window.parent.postMessage({ type, height: '3999' }, '*');
      window.parent.postMessage({ type: 'other', height: 3999 }, '*');
      window.parent.postMessage(`{"type":"${type}","height":3999}`, '*');
    }, RESIZE);
    await page.waitForTimeout(300);
    assert.equal(await height(), before);
    // A well-formed message from the iframe is obeyed (and clamped).
    await frame.evaluate((type) => window.parent.postMessage({ type, height: 99999 }, '*'), RESIZE);
    await page.waitForFunction(`(${iframeHeight})() === '4000px'`);
    await page.context().close();
  });

  test('without JavaScript the docs page keeps its code blocks, and nothing is embedded', async () => {
    const page = await freshPage({ javaScriptEnabled: false });
    await page.goto(docs.url);
    const pre = page.locator('#counter-snippet pre');
    assert.ok(await pre.isVisible());
    assert.match(await pre.textContent(), /let visits = 0;/);
    assert.equal(await page.locator('#counter-snippet button').count(), 0);
    assert.equal(await page.locator('phoenix-snippet iframe').count(), 0);
    assert.ok(await page.locator('#cache-snippet pre').isVisible());
    await page.context().close();
  });

  test('the embed shows the code as plain text until it is scrolled into view', async () => {
    const page = await freshPage();
    await page.goto(docs.url);
    const code = "let hits = 0; // <b>not bold</b>\nrequire('express')().get('/', (q, r) => { hits++; r.end(); });\n";
    await page.evaluate((src) => {
      const spacer = document.createElement('div');
      spacer.style.height = '3000px';
      const frame = document.createElement('iframe');
      frame.id = 'far';
      frame.src = src;
      document.body.append(spacer, frame);
    }, `${playground.url}#/embed?code=${shareFragment(code)}`);
    const frame = await (await page.waitForSelector('#far')).contentFrame();
    await frame.waitForSelector('.embed-body[data-state="plain"]', { timeout: 30_000 });
    assert.equal(await frame.$eval('.embed-plain pre', (pre) => pre.textContent), code);
    assert.equal(await frame.$$eval('.embed-plain b, .cm-editor', (els) => els.length), 0);
    await page.locator('#far').scrollIntoViewIfNeeded();
    await frame.waitForSelector('.embed-body[data-state="active"][data-count="1"]');
    await page.context().close();
  });

  test('a project link embeds every file as a tab, each checked with the others', async () => {
    const shop = join(ROOT, 'content', 'examples', 'shop');
    const paths = ['app.js', 'config/session.js', 'controllers/cart.js', 'models/cart.js', 'routes/cart.js', 'routes/uploads.js'];
    const files = await Promise.all(paths.map(async (path) => ({ path, source: await readFile(join(shop, path), 'utf8') })));
    const fragment = 'p1.' + deflateRawSync(Buffer.from(JSON.stringify(files), 'utf8'), { level: 9 }).toString('base64url');
    const page = await freshPage();
    await page.goto(`${playground.url}#/embed?code=${fragment}&panel=explanation`);
    // Before it starts: app.js, and which files come with it.
    await page.waitForSelector('.embed-body[data-state]', { timeout: 30_000 });
    if (await page.$('.embed-start')) {
      assert.match(await page.textContent('#embed-other-files'), /^app\.js — one of the project's 6 files/);
      await page.click('.embed-start');
    }
    await page.waitForSelector('.embed-body[data-state="active"][data-count]');
    const tabs = await page.$$eval('.embed-file-tab', (els) => els.map((el) => el.dataset.path));
    assert.deepEqual(tabs, paths);
    assert.equal(await page.getAttribute('.embed-file-tab[aria-selected="true"]', 'data-path'), 'app.js');
    // The controller changes the model's data: found only because the model is there too.
    const revisionNow = () => page.getAttribute('.embed-body', 'data-revision');
    const before = await revisionNow();
    await page.click('.embed-file-tab[data-path="controllers/cart.js"]');
    await page.waitForFunction((r) => document.querySelector('.embed-body').dataset.revision !== r, before);
    assert.equal(await editorText(page), files[2].source);
    assert.equal(await page.getAttribute('.embed-body', 'data-count'), '2');
    assert.match(await page.textContent('.embed-findings'), /exported by models\/cart\.js/);
    // Its explanation points at the model's declaration, which opens that tab.
    await page.click('.where .other-file[data-file="models/cart.js"]');
    await page.waitForSelector('.embed-file-tab[aria-selected="true"][data-path="models/cart.js"]');
    assert.equal(await editorText(page), files[3].source);
    // Back to the controller: its text as it was; the full playground gets every file.
    await page.click('.embed-file-tab[data-path="controllers/cart.js"]');
    assert.equal(await editorText(page), files[2].source);
    assert.match(await page.getAttribute('.embed-open', 'href'), /#p1\./);
    await page.screenshot({ path: join(SCREENSHOTS, 'embed-project.png') });
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test('hostile parameters are refused with a message or shown as text, and nothing runs', async () => {
    const page = await freshPage();
    const hostile = [
      // A code parameter that is markup, not a share fragment.
      ['code=<script>window.__pwned=1</script>', /format this playground does not know/],
      [`code=${shareFragment('x')}&theme=<img src=x onerror="window.__pwned=1">`, /theme=“<img src=x onerror="window.__pwned=1">”/],
      [`code=${shareFragment('x')}&origin=javascript:window.__pwned=1`, /origin=“javascript:window.__pwned=1”/],
      [`code=${shareFragment('x')}&onload=window.__pwned=1`, /Unknown parameter “onload”/],
      [`code=${shareFragment('x')}&panel=${'A'.repeat(5000)}`, /panel=“A{40}…”/],
      [`code=v1.${'A'.repeat(20000)}`, /at most \d+ are read/],
      ['code=%3Cscript%3Ewindow.__pwned%3D1%3C%2Fscript%3E', /format this playground does not know/],
    ];
    for (const [query, message] of hostile) {
      await loadAnew(page, `${playground.url}#/embed?${query}`);
      const alert = page.locator('.embed-refused[role="alert"]');
      await alert.waitFor({ timeout: 30_000 });
      assert.match(await alert.textContent(), message, query.slice(0, 80));
      assert.equal(await page.locator('.embed-refused img, .embed-refused script').count(), 0);
      assert.equal(await pwned(page), undefined);
    }
    // Code that is markup is code: shown as text in the editor, linted, never run.
    const code = '</script><img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>\nlet hits = 0;';
    await loadAnew(page, `${playground.url}#/embed?code=${shareFragment(code)}&panel=explanation`);
    await page.waitForSelector('.embed-body[data-count]');
    assert.equal(await page.evaluate(() => window.PhoenixEditor.active.getText()), code);
    assert.equal(await page.locator('main.embed img').count(), 0);
    await page.waitForTimeout(300);
    assert.equal(await pwned(page), undefined);
    assert.deepEqual(await page.evaluate(() => window.__violations), []);
    await page.context().close();
  });

  test('share links are raw deflate: CompressionStream("deflate-raw") matches, zlib "deflate" does not', async () => {
    const page = await freshPage();
    await page.goto(docs.url);
    await page.waitForFunction(() => customElements.get('phoenix-snippet'));
    const code = "// 🔥 ünïcödé\r\nconst x = '<3';\n\tlet y = `${x}`;\r";
    const fragment = await page.evaluate((c) => customElements.get('phoenix-snippet').encode(c), code);
    // Compression levels differ between zlib builds, so compare what the bytes inflate to.
    assert.match(fragment, /^v1\.[A-Za-z0-9_-]+$/);
    assert.equal(inflateRawSync(Buffer.from(fragment.slice(3), 'base64url')).toString('utf8'), code);
    const app = await freshPage();
    await app.goto(`${playground.url}#${fragment}`);
    await waitForApp(app);
    assert.equal(await editorText(app), code);
    // A zlib stream (what CompressionStream('deflate') writes) is refused, not misread.
    const zlib = 'v1.' + deflateSync(Buffer.from(code)).toString('base64url');
    await loadAnew(app, `${playground.url}#/embed?code=${zlib}`);
    await app.waitForSelector('.embed-refused');
    assert.match(await app.textContent('.embed-refused'), /not deflate data/);
    await app.context().close();
    await page.context().close();
  });

  test('an explanation embed of each starter example fits a 700 px docs column, the rule doc folded', async () => {
    const page = await freshPage({ viewport: { width: 1100, height: 900 } });
    const dir = join(ROOT, 'content', 'examples');
    // The single-file starters; a folder (a multi-file example) is a project, not one embed code.
    const entries = await readdir(dir, { withFileTypes: true });
    for (const name of entries.filter((e) => e.isFile()).map((e) => e.name).sort()) {
      const code = await readFile(join(dir, name), 'utf8');
      const frame = await docsColumn(page, `${playground.url}#/embed?code=${shareFragment(code)}&panel=explanation&theme=light`);
      await frame.waitForSelector('.embed-body[data-count] .explanation', { timeout: 30_000 });
      await frame.waitForSelector('.cm-editor');
      const height = await settledHeight(page, frame);
      console.log(`explanation embed of ${name} in a 700 px column: ${height} px`);
      assert.ok(height < 900, `${name}: the embed is ${height} px tall`);
      if (name === 'all-three.js') {
        await page.screenshot({ path: join(SCREENSHOTS, 'embed-explanation-700.png'), fullPage: true });
        // The finding's own explanation is there; the rule's doc is one click away.
        assert.match(await frame.textContent('.explanation .finding-detail'), /\S/);
        const doc = frame.locator('details.rule-doc');
        assert.equal(await doc.getAttribute('open'), null);
        await doc.locator('summary').click();
        const opened = await settledHeight(page, frame);
        assert.ok(opened > height + 500, `the opened doc grew the frame from ${height} to ${opened} px`);
      }
    }
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test('an embed that refuses its address reports its height like a working one', async () => {
    const page = await freshPage();
    const origin = encodeURIComponent(new URL(docs.url).origin);
    for (const query of ['code=not-a-share-link', `code=v1.${'A'.repeat(20000)}`, `code=${shareFragment('x')}&panel=wide&origin=${origin}`]) {
      const frame = await docsColumn(page, `${playground.url}#/embed?${query}`);
      await frame.waitForSelector('.embed-refused', { timeout: 30_000 });
      const height = await settledHeight(page, frame);
      assert.ok(height > 80 && height < 600, `${query.slice(0, 40)}: ${height} px`);
      const frameHeight = await page.$eval('#column-embed', (f) => f.getBoundingClientRect().height);
      assert.ok(Math.abs(frameHeight - height) <= 1, `the host sized its iframe to ${frameHeight}, not ${height}`);
    }
    await page.context().close();
  });

  test('the link maker previews the embed and shows the height it reports', async () => {
    const page = await freshPage({ viewport: { width: 1280, height: 900 } });
    await loadAnew(page, `${playground.url}#/embed-builder`);
    await page.waitForSelector('#maker-code');
    await page.selectOption('#maker-panel', 'explanation');
    const preview = await (await page.waitForSelector('#maker-preview')).contentFrame();
    // Like any embed, the preview starts its editor when it scrolls into view.
    await page.locator('#maker-preview').scrollIntoViewIfNeeded();
    await preview.waitForSelector('.embed-body[data-count] .explanation', { timeout: 30_000 });
    const shown = async () => {
      for (let tries = 0; tries < 50; tries += 1) {
        const text = await page.textContent('#maker-preview-height');
        const measured = Number(text.match(/^Measured height: (\d+) px$/)?.[1]);
        const own = await preview.$eval('main.embed', (m) => Math.ceil(m.getBoundingClientRect().height));
        const frame = await page.$eval('#maker-preview', (f) => Math.round(f.getBoundingClientRect().height));
        if (measured === own && Math.abs(frame - own) <= 2) return measured;
        await page.waitForTimeout(200);
      }
      assert.fail(`the preview shows “${await page.textContent('#maker-preview-height')}”`);
    };
    const withExplanation = await shown();
    assert.equal(await page.getAttribute('#maker-preview-height', 'aria-live'), 'polite');
    await page.selectOption('#maker-panel', 'none');
    await preview.waitForFunction(() => !document.querySelector('.explanation'));
    const without = await shown();
    assert.ok(without < withExplanation, `${without} px without the explanation, ${withExplanation} px with it`);
    await page.screenshot({ path: join(SCREENSHOTS, 'embed-builder-1280.png'), fullPage: true });
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test('the link maker says "Copied", and selects the text when the browser refuses the clipboard', async () => {
    const page = await freshPage();
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(playground.url).origin });
    await loadAnew(page, `${playground.url}#/embed-builder`);
    await page.waitForSelector('#maker-link');
    assert.equal(await page.getAttribute('#maker-link-status', 'aria-live'), 'polite');
    await page.click('#maker-link-copy');
    await page.waitForFunction(() => document.querySelector('#maker-link-status').textContent === 'Copied');
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), await page.inputValue('#maker-link'));
    await page.context().close();

    const refused = await freshPage();
    await refused.context().addInitScript(() => {
      navigator.clipboard.writeText = () => Promise.reject(new DOMException('Write permission denied.', 'NotAllowedError'));
    });
    await loadAnew(refused, `${playground.url}#/embed-builder`);
    await refused.waitForSelector('#maker-iframe');
    await refused.click('#maker-iframe-copy');
    await refused.waitForFunction(() => /selected/.test(document.querySelector('#maker-iframe-status').textContent));
    assert.match(await refused.textContent('#maker-iframe-status'), /did not allow copying: the text is selected, press Ctrl\+C/);
    const selection = await refused.$eval('#maker-iframe', (t) => ({
      focused: document.activeElement === t, start: t.selectionStart, end: t.selectionEnd, length: t.value.length,
    }));
    assert.deepEqual(selection, { focused: true, start: 0, end: selection.length, length: selection.length });
    assert.ok(selection.length > 50);
    assert.deepEqual(refused.errors, []);
    await refused.context().close();
  });

  test('the link maker writes the three snippets from the playground', async () => {
    const page = await freshPage();
    await page.goto(playground.url);
    await waitForApp(page);
    await page.click('#embed-builder-link');
    await page.waitForSelector('#maker-code');
    const code = "let hits = 0; // <script>alert(1)</script>\nrequire('express')().get('/', (q, r) => { hits++; r.end(); });";
    await page.fill('#maker-code', code);
    await page.selectOption('#maker-theme', 'dark');
    await page.check('#maker-readonly');
    const link = await page.inputValue('#maker-link');
    const iframe = await page.inputValue('#maker-iframe');
    const component = await page.inputValue('#maker-component');
    assert.match(link, new RegExp(`^${playground.url}#v1\\.`));
    assert.match(iframe, /#\/embed\?code=v1\.[A-Za-z0-9_-]+&amp;theme=dark&amp;readonly=1"/);
    assert.match(component, /<phoenix-snippet src="[^"]+" theme="dark" readonly height="360">/);
    assert.match(component, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    assert.doesNotMatch(component, /<script>alert/);
    // The iframe snippet's address opens an embed of that code.
    const src = iframe.match(/src="([^"]+)"/)[1].replaceAll('&amp;', '&');
    await loadAnew(page, src);
    await page.waitForSelector('.embed-body[data-count="1"]');
    assert.equal(await page.evaluate(() => window.PhoenixEditor.active.getText()), code);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });
});

describe('wasm API package (wasm-api/pkg)', () => {
  test('lint returns the ESLint messages of the CLI, under node via initSync', async () => {
    try {
      await stat(join(WASM_PKG, 'phoenix_lint_wasm_bg.wasm'));
    } catch {
      assert.fail('wasm-api/pkg is missing: run scripts/build-wasm-api.sh (scripts/e2e.sh does)');
    }
    const api = await import(join(WASM_PKG, 'phoenix_lint_wasm.js'));
    api.initSync({ module: await readFile(join(WASM_PKG, 'phoenix_lint_wasm_bg.wasm')) });
    const source = "const express = require('express');\nconst app = express();\nlet hits = 0;\napp.get('/🔥', (req, res) => { hits++; res.send('' + hits); });\n";
    const messages = api.lint(source, { fileName: 'app.js' });
    assert.equal(messages.length, 1);
    const [message] = messages;
    assert.equal(message.ruleId, 'no-global-state');
    assert.equal(message.line, 4);
    // UTF-16 columns: the emoji counts two, as JavaScript strings index.
    const line = source.split('\n')[3];
    assert.equal(message.column, line.indexOf('hits++') + 1);
    assert.equal(message.nodeType, null);
    // The suggestion's one merged fix, applied to the JavaScript string, is the rewrite.
    const { fix } = message.suggestions[0];
    const fixed = source.slice(0, fix.range[0]) + fix.text + source.slice(fix.range[1]);
    assert.match(fixed, /redis/i);
    assert.equal(api.lint(fixed, { fileName: 'app.js' }).filter((m) => m.ruleId === 'no-global-state').length, 0);

    assert.deepEqual(api.lint(source, { rules: ['no-local-uploads'] }), []);
    assert.throws(() => api.lint(source, { rules: ['no-global-stat'] }), /unknown rule `no-global-stat`/);
    assert.equal(api.lint('const = ;')[0].fatal, true);
    const detailed = api.lintDetailed(source);
    assert.ok(detailed.diagnostics[0].rewrites[0].edits.length > 0);
    assert.match(api.ruleDoc('no-global-state'), /^#/m);
    assert.deepEqual(api.rules().map((r) => r.id), ['no-local-uploads', 'no-local-sessions', 'no-global-state']);
  });
});
