// End-to-end tests of the workshop's facilitator and presenter pages in headless Chromium:
// the presenter survives a switch to a shorter pack and handles its keys without console
// noise, reads from the back of a room and shows the learner link with a QR code; the
// facilitator finds the custom-pack form at once, copies its link, checks a learner's
// completion code and opens the learner view beside the guide.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { ROOT, useServedBrowser } from './harness.mjs';

const SCREENSHOTS = join(ROOT, 'target', 'e2e-screenshots');
const VIEWPORTS = [
  { width: 1440, height: 900 },
  { width: 1280, height: 720 },
  { width: 375, height: 812 },
];

const env = useServedBrowser();

before(async () => {
  await mkdir(SCREENSHOTS, { recursive: true });
});

/** A page in a fresh context that records page errors and console warnings and errors. */
async function freshPage(viewport = { width: 1440, height: 900 }, options = {}) {
  const context = await env.browser.newContext({ viewport, ...options });
  const page = await context.newPage();
  page.errors = [];
  page.console = [];
  page.on('pageerror', (error) => page.errors.push(error));
  page.on('console', (message) => {
    if (message.type() === 'warning' || message.type() === 'error') page.console.push(message.text());
  });
  return page;
}

async function visit(page, fragment) {
  await page.goto(env.server.url + fragment);
  await page.waitForSelector('#boot', { state: 'detached', timeout: 30_000 });
  // Lessons and packs are fetched when their page opens: wait for the page itself.
  await page.waitForSelector('main.content-page', { state: 'detached' });
}

function text(page, selector) {
  return page.textContent(selector).then((t) => t.trim());
}

/** The fragment of a custom pack, encoded as the app's links are (deflate, base64url). */
function customPack(view, title, exercises) {
  const json = JSON.stringify({ id: 'custom', title, steps: exercises.map((exercise) => ({ exercise })) });
  return `#/workshop/custom${view}?pack=${deflateRawSync(Buffer.from(json)).toString('base64url')}`;
}

function waitForSlide(page, counter) {
  return page.waitForFunction(
    (counter) => document.querySelector('.slide-meta')?.textContent.startsWith(counter),
    counter,
  );
}

/** Whether the element's box lies wholly inside the viewport as the page is now scrolled. */
function onScreen(page, selector) {
  return page.$eval(selector, (el) => {
    const box = el.getBoundingClientRect();
    return box.width > 0 && box.top >= 0 && box.left >= 0
      && box.bottom <= window.innerHeight && box.right <= window.innerWidth;
  });
}

describe('Presenter', () => {
  test('switching to a shorter pack in the same tab starts it at its first exercise', async () => {
    const page = await freshPage();
    await visit(page, '#/workshop/default/presenter');
    await waitForSlide(page, 'Exercise 1 of 11');
    for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
    await waitForSlide(page, 'Exercise 5 of 11');

    await page.evaluate((hash) => { location.hash = hash; },
      customPack('/presenter', 'Two steps', ['uploads-1-dest', 'sessions-1-memory']));
    await page.waitForFunction(() => document.querySelector('.presenter-pack')?.textContent === 'Two steps');
    await waitForSlide(page, 'Exercise 1 of 2');
    assert.equal(await text(page, '#slide-title'), 'Photos that survive a redeploy');
    // Still alive: the keys and buttons move through the new pack.
    await page.keyboard.press('ArrowRight');
    await waitForSlide(page, 'Exercise 2 of 2');
    assert.ok(await page.isDisabled('#presenter-next'));
    await page.click('#presenter-previous');
    await waitForSlide(page, 'Exercise 1 of 2');
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test('the arrow keys are handled without a passive-listener warning', async () => {
    const page = await freshPage();
    await visit(page, '#/workshop/default/presenter');
    await waitForSlide(page, 'Exercise 1 of 11');
    await page.keyboard.press('ArrowRight');
    await waitForSlide(page, 'Exercise 2 of 11');
    // A listener that may prevent the default cancels the key (so a clicker's Page Down
    // does not also scroll); a passive one cannot, and Chromium warns about it.
    const cancelled = await page.evaluate(() => !window.dispatchEvent(
      new KeyboardEvent('keydown', { key: 'ArrowLeft', bubbles: true, cancelable: true })));
    assert.ok(cancelled, 'the presenter cancels the arrow key it handles');
    await waitForSlide(page, 'Exercise 1 of 11');
    await page.keyboard.press('PageDown');
    await waitForSlide(page, 'Exercise 2 of 11');
    assert.deepEqual(page.console.filter((m) => /passive/i.test(m)), []);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test('the code reads from the back of the room, with its syntax highlighted', async () => {
    const page = await freshPage({ width: 1280, height: 720 });
    await visit(page, '#/workshop/default/presenter');
    await waitForSlide(page, 'Exercise 1 of 11');
    const sizes = await page.evaluate(() => ({
      code: parseFloat(getComputedStyle(document.querySelector('.slide-code')).fontSize),
      title: parseFloat(getComputedStyle(document.querySelector('#slide-title')).fontSize),
    }));
    assert.ok(sizes.code >= 20, `the code is ${sizes.code}px`);
    assert.ok(sizes.title <= sizes.code * 2.5, `the title (${sizes.title}px) dwarfs the code (${sizes.code}px)`);
    // Keywords, strings and comments each get their own colour.
    const colours = await page.$$eval('.slide-code [class*="tok-"]', (spans) => {
      const by = (cls) => spans.find((s) => s.classList.contains(cls));
      return ['tok-keyword', 'tok-string', 'tok-variableName'].map((cls) => by(cls) && getComputedStyle(by(cls)).color);
    });
    assert.ok(colours.every(Boolean), `highlighted tokens: ${colours}`);
    assert.equal(new Set(colours).size, 3, `distinct colours: ${colours}`);
    // The text is the starter code, whole.
    assert.match(await text(page, '.slide-code'), /multer\(\{ dest: 'uploads\/' \}\)/);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test('at 1280×720 every exercise fits with its navigation on screen', async () => {
    const page = await freshPage({ width: 1280, height: 720 });
    await visit(page, '#/workshop/default/presenter');
    for (let i = 1; i <= 11; i++) {
      await waitForSlide(page, `Exercise ${i} of 11`);
      assert.equal(await page.evaluate(() => window.scrollY), 0);
      assert.ok(await onScreen(page, '#presenter-next'), `Next is on screen at exercise ${i}`);
      assert.ok(await onScreen(page, '#presenter-previous'), `Previous is on screen at exercise ${i}`);
      if (i < 11) await page.keyboard.press('ArrowRight');
    }
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test('the learner link and its QR code are on screen', async () => {
    const page = await freshPage({ width: 1280, height: 720 });
    const fragment = customPack('/presenter', 'Two steps', ['uploads-1-dest', 'sessions-1-memory']);
    await visit(page, fragment);
    await waitForSlide(page, 'Exercise 1 of 2');
    const learner = env.server.url + fragment.replace('/presenter', '');
    assert.equal(await text(page, '#presenter-learner-link'), learner);
    assert.ok(await onScreen(page, '#presenter-learner-link'));
    assert.ok(await onScreen(page, 'svg.qr-code'));
    const qr = await page.$eval('svg.qr-code', (svg) => ({
      label: svg.getAttribute('aria-label'),
      modules: svg.viewBox.baseVal.width,
      width: svg.getBoundingClientRect().width,
      path: svg.querySelector('path')?.getAttribute('d') ?? '',
    }));
    assert.match(qr.label, /QR code/);
    // A QR symbol is 17 + 4·version modules wide, drawn here with a 4-module quiet zone.
    assert.equal((qr.modules - 8 - 17) % 4, 0, `${qr.modules} modules`);
    assert.ok(qr.modules - 8 > 21, 'a link this long needs more than a version-1 symbol');
    assert.ok(qr.width >= 120, `the QR code is ${qr.width}px wide`);
    assert.ok(qr.path.length > 100, 'the QR code has modules drawn');
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  for (const viewport of VIEWPORTS) {
    test(`screenshots of the presenter at ${viewport.width}×${viewport.height}`, async () => {
      for (const theme of ['light', 'dark']) {
        const page = await freshPage(viewport, { colorScheme: theme });
        await visit(page, '#/workshop/default/presenter');
        await waitForSlide(page, 'Exercise 1 of 11');
        await page.keyboard.press('ArrowRight');
        await waitForSlide(page, 'Exercise 2 of 11');
        const { scrollWidth, innerWidth } = await page.evaluate(() => ({
          scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth,
        }));
        assert.ok(scrollWidth <= innerWidth, `presenter overflows: ${scrollWidth} > ${innerWidth}`);
        await page.screenshot({ path: join(SCREENSHOTS, `presenter-${viewport.width}-${theme}.png`) });
        assert.deepEqual(page.errors, []);
        await page.context().close();
      }
    });
  }
});

describe('Facilitator', () => {
  test('the custom-pack form is found at once, near the top of the page', async () => {
    const page = await freshPage();
    await visit(page, '#/workshop/default/facilitator');
    const top = await page.$eval('#pack-form-heading', (el) => el.getBoundingClientRect().top);
    assert.ok(top < 900, `the custom-pack form starts at y=${top}`);
    assert.ok(await onScreen(page, '#pack-form-heading'));
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test('the custom link has a Copy button that says it copied', async () => {
    const page = await freshPage({ width: 1440, height: 900 }, { permissions: ['clipboard-read', 'clipboard-write'] });
    await visit(page, '#/workshop/default/facilitator');
    await page.click('#make-pack');
    const link = await page.inputValue('#custom-link');
    await page.click('#copy-custom-link');
    await page.waitForFunction(() => /Copied/.test(document.querySelector('#custom-copy-status')?.textContent));
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), link);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test('when the clipboard is refused, Copy selects the link and says how to copy it', async () => {
    const page = await freshPage();
    await page.addInitScript(() => {
      navigator.clipboard.writeText = () => Promise.reject(new DOMException('refused', 'NotAllowedError'));
    });
    await visit(page, '#/workshop/default/facilitator');
    await page.click('#make-pack');
    const link = await page.inputValue('#custom-link');
    await page.click('#copy-custom-link');
    await page.waitForFunction(() => /Ctrl\+C/.test(document.querySelector('#custom-copy-status')?.textContent));
    const selected = await page.evaluate(() => {
      const input = document.activeElement;
      return input.id === 'custom-link' ? input.value.slice(input.selectionStart, input.selectionEnd) : null;
    });
    assert.equal(selected, link);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test('"Open as a learner" opens a new tab and leaves the guide open', async () => {
    const page = await freshPage();
    await visit(page, '#/workshop/default/facilitator');
    await page.click('#make-pack');
    assert.equal(await page.getAttribute('#open-custom', 'target'), '_blank');
    assert.match(await page.getAttribute('#open-custom', 'rel'), /noopener/);
    const [learner] = await Promise.all([page.context().waitForEvent('page'), page.click('#open-custom')]);
    await learner.waitForSelector('.workshop-head h1');
    assert.match(learner.url(), /#\/workshop\/custom\?pack=/);
    assert.match(page.url(), /#\/workshop\/default\/facilitator$/);
    assert.ok(await page.isVisible('#custom-link'));
    await page.context().close();
  });

  test('a learner\'s completion code is checked against their solutions', async () => {
    const context = await env.browser.newContext({
      viewport: { width: 1440, height: 900 },
      permissions: ['clipboard-read', 'clipboard-write'],
    });
    const learnerFragment = customPack('', 'Uploads only', ['uploads-1-dest']);
    const learner = await context.newPage();
    learner.errors = [];
    learner.on('pageerror', (error) => learner.errors.push(error));
    await visit(learner, learnerFragment);
    await learner.waitForSelector('.bench[data-exercise="uploads-1-dest"] .cm-content');
    await learner.click('#check-button');
    await learner.waitForSelector('#check-summary');
    await learner.click('#solution-button');
    const solution = await learner.textContent('#solution-code');
    await learner.evaluate((code) => window.PhoenixEditor.active.setText(code), solution);
    await learner.waitForFunction(() => /no state kept/.test(document.querySelector('.lint-line')?.textContent));
    await learner.click('#check-button');
    await learner.waitForSelector('#completion-code');
    const code = (await learner.textContent('#completion-code')).trim();
    await learner.click('#copy-solutions');
    await learner.waitForFunction(() => /Copied/.test(document.querySelector('#solutions-copy-status')?.textContent));
    const solutions = await learner.evaluate(() => navigator.clipboard.readText());

    const page = await context.newPage();
    page.errors = [];
    page.on('pageerror', (error) => page.errors.push(error));
    await visit(page, customPack('/facilitator', 'Uploads only', ['uploads-1-dest']));
    const verdict = async (code, solutions) => {
      await page.fill('#check-code-input', code);
      await page.fill('#check-solutions-input', solutions);
      await page.click('#check-code-button');
      return text(page, '#check-code-verdict');
    };
    assert.match(await verdict(code.toLowerCase(), solutions), /^✓ Valid:/);
    assert.equal(await page.getAttribute('#check-code-verdict', 'data-valid'), 'true');
    const wrong = code.slice(0, 5) + (code[5] === 'A' ? 'B' : 'A');
    assert.match(await verdict(wrong, solutions), /^✗ Not valid/);
    assert.equal(await page.getAttribute('#check-code-verdict', 'data-valid'), 'false');
    // Code other than what the learner checked gives another code, even when it passes.
    const edited = solutions.replace(/\/\/ [^\\]*/, '// a comment the learner did not write');
    assert.notEqual(edited, solutions);
    assert.match(await verdict(code, edited), /^✗ Not valid/);
    assert.match(await verdict(code, 'not what the learner copied'), /^✗ Not valid/);
    // The built-in pack is another pack: the same code and solutions do not match it.
    await visit(page, '#/workshop/default/facilitator');
    assert.match(await verdict(code, solutions), /^✗ Not valid/);
    await page.screenshot({ path: join(SCREENSHOTS, 'facilitator-check-code-1440.png') });
    assert.deepEqual(page.errors, []);
    assert.deepEqual(learner.errors, []);
    await context.close();
  });

  for (const viewport of VIEWPORTS) {
    test(`screenshots of the facilitator guide at ${viewport.width}×${viewport.height}`, async () => {
      for (const theme of ['light', 'dark']) {
        const page = await freshPage(viewport, { colorScheme: theme });
        await visit(page, '#/workshop/default/facilitator');
        await page.click('#make-pack');
        const { scrollWidth, innerWidth } = await page.evaluate(() => ({
          scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth,
        }));
        assert.ok(scrollWidth <= innerWidth, `facilitator overflows: ${scrollWidth} > ${innerWidth}`);
        await page.evaluate(() => window.scrollTo(0, 0));
        await page.screenshot({ path: join(SCREENSHOTS, `facilitator-${viewport.width}-${theme}.png`) });
        assert.deepEqual(page.errors, []);
        await page.context().close();
      }
    });
  }
});
