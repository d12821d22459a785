// End-to-end tests of the lessons (#/tutorial) and workshops (#/workshop/…) in headless
// Chromium: an exercise solved with hints, progress kept and reset, the workshop's
// learner, facilitator and presenter views, custom packs and their completion code.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { editorText, ROOT, useServedBrowser, waitForApp } from './harness.mjs';

const SCREENSHOTS = join(ROOT, 'target', 'e2e-screenshots');
const WIDTHS = [375, 1440];

const env = useServedBrowser();

before(async () => {
  await mkdir(SCREENSHOTS, { recursive: true });
});

function viewportFor(width) {
  return { width, height: width < 500 ? 812 : 900 };
}

/** A page in a fresh context (its own, empty local storage) that records page errors. */
async function freshPage(viewport = viewportFor(1440)) {
  const context = await env.browser.newContext({ viewport });
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (error) => page.errors.push(error));
  return page;
}

async function visit(page, fragment) {
  await page.goto(env.server.url + fragment);
  await page.waitForSelector('#boot', { state: 'detached', timeout: 30_000 });
  // Lessons and packs are fetched when their page opens: wait for the page itself.
  await page.waitForSelector('main.content-page', { state: 'detached' });
}

async function assertNoHorizontalOverflow(page, what) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  assert.ok(scrollWidth <= innerWidth, `${what}: scrollWidth ${scrollWidth} > innerWidth ${innerWidth}`);
}

function text(page, selector) {
  return page.textContent(selector).then((t) => t.trim());
}

/** Waits until the workbench holds `exercise` and its editor is mounted. */
async function waitForBench(page, exercise) {
  await page.waitForSelector(`.bench[data-exercise="${exercise}"] .cm-content[aria-label="Code editor"]`);
}

/** Replaces the editor's text as a paste would, and waits for the lint line to follow. */
async function typeCode(page, code) {
  await page.evaluate((code) => window.PhoenixEditor.active.setText(code), code);
  await page.waitForFunction(() => /no state kept/.test(document.querySelector('.lint-line')?.textContent));
}

/** Checks once (so the solution may be shown), reveals the solution and checks it. */
async function solveWithTheSolution(page) {
  await page.click('#check-button');
  await page.waitForSelector('#check-summary');
  await page.click('#solution-button');
  const solution = await page.textContent('#solution-code');
  await typeCode(page, solution);
  await page.click('#check-button');
  await page.waitForSelector('#celebration');
  return solution;
}

describe('Lessons', () => {
  test('the playground header links to the lessons', async () => {
    const page = await freshPage();
    await page.goto(env.server.url);
    await waitForApp(page);
    await page.click('#lessons-link');
    await page.waitForSelector('.tutorial-home .lesson-list');
    assert.equal(await page.evaluate(() => location.hash), '#/tutorial');
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test('an exercise is solved with hints, kept after a reload, and reset', async () => {
    const page = await freshPage();
    await visit(page, '#/tutorial');
    assert.equal(await page.locator('.tutorial-home .lesson-item').count(), 5);
    assert.equal(await text(page, '.tutorial-home .lesson-progress[data-lesson="uploads"] [aria-hidden]'), '0/3');
    // Every lesson ends with work to do: a warm-up first, the three habits at once last.
    assert.equal(await text(page, '.tutorial-home .lesson-progress[data-lesson="phoenix-servers"] [aria-hidden]'), '0/1');
    assert.equal(await text(page, '.tutorial-home .lesson-progress[data-lesson="wrap-up"] [aria-hidden]'), '0/1');
    await page.screenshot({ path: join(SCREENSHOTS, 'tutorial-home-1440.png'), fullPage: true });

    await page.click('.tutorial-home a[href="#/tutorial/uploads"]');
    await page.waitForSelector('.lesson-text h1');
    assert.equal(await text(page, '.lesson-text h1'), 'Uploads that outlive the server');
    // A fresh learner starts at the lesson's first exercise, with its findings drawn inline.
    await waitForBench(page, 'uploads-1-dest');
    await page.waitForSelector('.bench .cm-lintRange');
    assert.match(await text(page, '.lint-line'), /finds 1 problem.*no-local-uploads/);
    assert.equal(await page.$('#solution-button'), null, 'no solution before a first check');

    // The hint ladder: nudge, then what to use, then the whole rewrite as a diff.
    for (let n = 1; n <= 3; n++) {
      await page.click('#hint-button');
      await page.waitForSelector(`#hint-${n}`);
      assert.equal(await page.evaluate(() => document.activeElement?.id), `hint-${n}`);
    }
    assert.equal(await page.locator('.hint-rung').count(), 3);
    assert.ok(await page.$('.hint-rung.full .diff .hunk .add'), 'the full hint shows added lines');
    assert.ok(await page.isDisabled('#hint-button'));

    // The starter fails, with results in plain words and tags, announced politely.
    await page.click('#check-button');
    await page.waitForSelector('#check-summary');
    assert.match(await text(page, '#check-summary'), /^\d of 4 checks pass\./);
    assert.equal(await page.getAttribute('.check-status', 'aria-live'), 'polite');
    assert.ok(await page.$('.check-result.fail.actionable'), 'an actionable failure is listed');
    assert.match(await text(page, '.check-result.fail .check-tag'), /actionable|essential/);
    assert.equal(await page.$('#celebration'), null);

    const solution = await solveWithTheSolution(page);
    assert.equal(await text(page, '#check-summary'), 'All 4 checks pass.');
    assert.match(await text(page, '#celebration'), /bucket/);
    assert.equal(await text(page, '.lesson-sidebar .lesson-progress[data-lesson="uploads"] [aria-hidden]'), '1/3');
    assert.ok(await page.isVisible('#next-exercise'));
    await page.screenshot({ path: join(SCREENSHOTS, 'tutorial-solved-1440.png'), fullPage: true });

    // After a reload: the next open exercise comes first, and the solved one is as left.
    await page.reload();
    await page.waitForSelector('#boot', { state: 'detached' });
    await waitForBench(page, 'uploads-2-disk-storage');
    assert.equal(await text(page, '.lesson-sidebar .lesson-progress[data-lesson="uploads"] [aria-hidden]'), '1/3');
    await page.click('.step-tab:has-text("Exercise 1")');
    await waitForBench(page, 'uploads-1-dest');
    assert.equal(await editorText(page), solution);
    assert.ok(await page.isVisible('.solved-badge'));
    assert.equal(await page.locator('.hint-rung').count(), 3);
    assert.ok(await page.isVisible('#solution-button'), 'checked before, so the solution is offered');

    // Reset asks first, then forgets everything, also across a reload.
    await page.click('#reset-progress');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'reset-cancel');
    await page.click('#reset-confirm');
    await page.waitForFunction(() =>
      document.querySelector('.lesson-sidebar .lesson-progress[data-lesson="uploads"] [aria-hidden]')
        ?.textContent === '0/3');
    await waitForBench(page, 'uploads-1-dest');
    assert.match(await editorText(page), /dest: 'uploads\/'/, 'the starter is back');
    assert.equal(await page.locator('.hint-rung').count(), 0);
    assert.equal(await page.$('#solution-button'), null);
    await page.reload();
    await page.waitForSelector('#boot', { state: 'detached' });
    assert.equal(await text(page, '.lesson-sidebar .lesson-progress[data-lesson="uploads"] [aria-hidden]'), '0/3');
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test('lessons are fetched when the tutorial opens; a failed fetch says so, keeps what was saved, and Try again loads them', async () => {
    const page = await freshPage();
    const fetched = [];
    let fail = true;
    await page.route('**/content/*.json', (route) => {
      fetched.push(new URL(route.request().url()).pathname);
      return fail ? route.fulfill({ status: 503, body: 'busy' }) : route.continue();
    });
    await visit(page, '#/');
    await waitForApp(page);
    assert.deepEqual(fetched, [], 'the playground loads no lessons');
    const saved = await page.evaluate(() => JSON.stringify(localStorage));

    await page.evaluate(() => { window.location.hash = '#/tutorial/uploads'; });
    const failed = page.locator('main.content-page .content-pending.failed[role="alert"]');
    await failed.waitFor();
    assert.match(await failed.textContent(), /Could not load the lessons and exercises: the server answered 503/);
    assert.equal(await page.evaluate(() => JSON.stringify(localStorage)), saved, 'nothing saved was touched');

    fail = false;
    await failed.locator('button', { hasText: 'Try again' }).click();
    await page.waitForSelector('.lesson-text h1');
    assert.equal(await text(page, '.lesson-text h1'), 'Uploads that outlive the server');
    await waitForBench(page, 'uploads-1-dest');
    assert.deepEqual(fetched, ['/content/learn.json', '/content/learn.json']);
    await page.screenshot({ path: join(SCREENSHOTS, 'lesson-fetched-1440.png'), fullPage: true });
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test('an unknown lesson says so and lists the real ones', async () => {
    const page = await freshPage();
    await visit(page, '#/tutorial/nope');
    assert.match(await text(page, '[role="alert"]'), /no lesson called “nope”/);
    assert.equal(await page.locator('.lesson-item').count(), 5);
    await page.context().close();
  });

  for (const width of WIDTHS) {
    test(`lessons fit ${width} px without horizontal overflow`, async () => {
      const page = await freshPage(viewportFor(width));
      await visit(page, '#/tutorial');
      await assertNoHorizontalOverflow(page, 'lesson list');
      await visit(page, '#/tutorial/sessions');
      await waitForBench(page, 'sessions-1-memory');
      await page.click('#hint-button');
      await page.click('#hint-button');
      await page.click('#hint-button');
      await page.click('#check-button');
      await page.waitForSelector('#check-summary');
      await assertNoHorizontalOverflow(page, 'lesson with hints and checks');
      await page.screenshot({ path: join(SCREENSHOTS, `tutorial-lesson-${width}.png`), fullPage: true });
      await page.context().close();
    });
  }
});

describe('Workshops', () => {
  for (const width of WIDTHS) {
    test(`the learner view walks the default pack at ${width} px`, async () => {
      const page = await freshPage(viewportFor(width));
      await visit(page, '#/workshop/default');
      assert.equal(await text(page, '.workshop-head h1'), 'Phoenix servers: a two-hour workshop');
      assert.equal(await page.locator('.pack-step').count(), 11);
      assert.match(await text(page, '#workshop-progress'), /^0 of 11 exercises solved · about 115 minutes/);
      await waitForBench(page, 'uploads-1-dest');
      assert.equal(await text(page, '.bench .badge.timebox'), 'Time box: 10 min');
      await page.click('#next-step');
      await waitForBench(page, 'sessions-1-memory');
      assert.equal(await text(page, '.step-count'), 'Exercise 2 of 11');
      assert.equal(await page.getAttribute('.pack-step[aria-current="step"]', 'aria-current'), 'step');
      await assertNoHorizontalOverflow(page, 'workshop learner');
      await page.screenshot({ path: join(SCREENSHOTS, `workshop-learner-${width}.png`), fullPage: true });
      assert.deepEqual(page.errors, []);
      await page.context().close();
    });

    test(`the facilitator guide lists every exercise and prints a handout at ${width} px`, async () => {
      const page = await freshPage(viewportFor(width));
      await visit(page, '#/workshop/default/facilitator');
      assert.equal(await page.locator('.handout-item').count(), 11);
      assert.equal(await page.locator('.handout-item .goal').count(), 11);
      assert.equal(await page.locator('.facilitator-hints > li').count(), 33);
      assert.equal(await page.locator('.handout-item .solution-code').count(), 11);
      assert.match(await page.inputValue('#learner-link'), /^http:\/\/127\.0\.0\.1:\d+\/#\/workshop\/default$/);
      await assertNoHorizontalOverflow(page, 'facilitator');
      await page.screenshot({ path: join(SCREENSHOTS, `workshop-facilitator-${width}.png`), fullPage: true });

      // On paper: the goals and the link, without the form; notes only when asked for.
      await page.emulateMedia({ media: 'print' });
      assert.ok(await page.isHidden('.pack-form'));
      assert.ok(await page.isHidden('.mode-bar'));
      assert.ok(await page.isVisible('.print-only'));
      assert.ok(await page.isHidden('.handout-item .notes >> nth=0'));
      // The switch itself is not printed, so it is set on screen.
      await page.emulateMedia({ media: 'screen' });
      await page.check('#print-notes');
      await page.emulateMedia({ media: 'print' });
      assert.ok(await page.isVisible('.handout-item .notes >> nth=0'));
      await page.screenshot({ path: join(SCREENSHOTS, `workshop-handout-print-${width}.png`), fullPage: true });
      await page.emulateMedia({ media: 'screen' });
      await page.context().close();
    });

    test(`the presenter view shows one exercise at a time at ${width} px`, async () => {
      const page = await freshPage(viewportFor(width));
      await visit(page, '#/workshop/default/presenter');
      assert.equal(await text(page, '#slide-title'), 'Photos that survive a redeploy');
      assert.equal(await text(page, '.slide-meta'), 'Exercise 1 of 11 · 10 minutes');
      assert.ok(await page.isVisible('.slide-goal'));
      assert.match(await text(page, '.slide-code'), /multer\(\{ dest: 'uploads\/' \}\)/);
      const size = await page.$eval('#slide-title', (el) => parseFloat(getComputedStyle(el).fontSize));
      // Large type, a little smaller on a phone so that the code keeps room.
      assert.ok(size >= (width < 500 ? 26 : 36), `large type: the title is ${size}px`);
      await page.keyboard.press('ArrowRight');
      await page.waitForFunction(() => document.querySelector('.slide-meta').textContent.startsWith('Exercise 2 of 11'));
      assert.notEqual(await text(page, '#slide-title'), 'Photos that survive a redeploy');
      await page.keyboard.press('ArrowLeft');
      await page.keyboard.press('ArrowLeft');
      await page.waitForFunction(() => document.querySelector('.slide-meta').textContent.startsWith('Exercise 1 of 11'));
      assert.ok(await page.isDisabled('#presenter-previous'));
      await page.click('#presenter-next');
      await page.waitForFunction(() => document.querySelector('.slide-meta').textContent.startsWith('Exercise 2 of 11'));
      await assertNoHorizontalOverflow(page, 'presenter');
      await page.screenshot({ path: join(SCREENSHOTS, `workshop-presenter-${width}.png`), fullPage: false });
      assert.deepEqual(page.errors, []);
      await page.context().close();
    });
  }

  test('a custom pack made by the facilitator opens, and completing it gives a code', async () => {
    const page = await freshPage();
    await visit(page, '#/workshop/default/facilitator');
    for (const box of await page.$$('input[id^="include-"]')) {
      const id = await box.getAttribute('id');
      if ((id === 'include-uploads-1-dest') !== (await box.isChecked())) await box.click();
    }
    await page.fill('.draft-step:has(#include-uploads-1-dest) input[type="number"]', '7');
    await page.fill('#pack-title', 'Uploads only');
    await page.click('#make-pack');
    const link = await page.inputValue('#custom-link');
    assert.match(link, /^http:\/\/127\.0\.0\.1:\d+\/#\/workshop\/custom\?pack=[A-Za-z0-9_-]+$/);

    await page.goto(link);
    await page.waitForSelector('.workshop-head h1');
    assert.equal(await text(page, '.workshop-head h1'), 'Uploads only');
    assert.equal(await page.locator('.pack-step').count(), 1);
    await waitForBench(page, 'uploads-1-dest');
    assert.equal(await text(page, '.bench .badge.timebox'), 'Time box: 7 min');
    assert.equal(await page.$('#completion-code'), null);
    await solveWithTheSolution(page);
    await page.waitForSelector('#completion-code');
    assert.match(await text(page, '#completion-code'), /^[0-9A-HJKMNP-TV-Z]{6}$/);
    await page.screenshot({ path: join(SCREENSHOTS, 'workshop-complete-1440.png'), fullPage: true });
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test('bad workshop links are refused with a message', async () => {
    const page = await freshPage();
    const deflated = (json) => deflateRawSync(Buffer.from(json)).toString('base64url');
    const cases = [
      ['#/workshop/nope', /no workshop pack called “nope”/],
      ['#/workshop/custom', /lost its pack/],
      ['#/workshop/custom?pack=%%%', /damaged \(not base64url\)/],
      ['#/workshop/custom?pack=aGVsbG8', /damaged \(not deflate data\)/],
      [
        `#/workshop/custom?pack=${deflated('{"id":"x","title":"<img src=x onerror=alert(1)>","steps":[{"exercise":"../../etc"}]}')}`,
        /not valid: unknown exercise/,
      ],
    ];
    for (const [fragment, message] of cases) {
      await page.goto('about:blank');
      await visit(page, fragment);
      assert.match(await text(page, '.workshop-error [role="alert"]'), message, fragment);
    }
    assert.equal(await page.$('img[src="x"]'), null, 'nothing from the pack is rendered as markup');
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });
});
