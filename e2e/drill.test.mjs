// End-to-end tests of the phoenix drill (#/drill) in headless Chromium: the default
// example loses uploads and sessions and counts differently on each instance; after
// "Apply all" in the playground, the same requests to the same routes lose nothing.
// A counter read from Redis and written back loses updates when requests arrive at
// once; after "Apply all" (one atomic command) the same burst counts every request.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import {
  findingRules, revision, ROOT, setCode, useServedBrowser, waitForApp, waitForLint,
} from './harness.mjs';

const STATE_RULES = ['no-local-uploads', 'no-local-sessions', 'no-global-state'];

/** A ticket counter kept in Redis, read and written back by its handler. */
const READ_MODIFY_WRITE = `const express = require('express');
const { createClient } = require('redis');

const redis = createClient({ url: process.env.REDIS_URL });
redis.on('error', (err) => console.error('Redis:', err.message));
redis.connect().catch(console.error);

const app = express();

app.post('/tickets', async (req, res) => {
  const issued = Number(await redis.get('tickets:issued')) || 0;
  const ticket = issued + 1;
  await redis.set('tickets:issued', ticket);
  res.status(201).json({ ticket });
});

app.get('/tickets', async (req, res) => {
  res.json({ issued: Number(await redis.get('tickets:issued')) || 0 });
});

app.listen(process.env.PORT || 3000);
`;
const SCREENSHOTS = join(ROOT, 'target', 'e2e-screenshots');

const env = useServedBrowser();

before(async () => {
  await mkdir(SCREENSHOTS, { recursive: true });
});

/** A page in a fresh context (empty local storage: the default example). */
async function freshPage(viewport, colorScheme = 'light', options = {}) {
  const context = await env.browser.newContext({ viewport, colorScheme, ...options });
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (error) => page.errors.push(error));
  return page;
}

async function waitForDrill(page) {
  await page.waitForSelector('#boot', { state: 'detached', timeout: 30_000 });
  await page.waitForSelector('svg.drill-svg');
}

const logTexts = (page) => page.$$eval('#drill-log li .text', (els) => els.map((el) => el.textContent));
const summary = async (page) => (await page.textContent('#drill-summary')).trim();

/** The method and path of every request of the script, from the log. */
const requestsIn = (log) => log.map((line) => line.match(/^([A-Z]+ \S+) \(/)?.[1]).filter(Boolean);

/** Presses "Play concurrent" and returns the log once its closing line is in. */
async function playConcurrent(page) {
  await page.click('#drill-concurrent');
  await page.waitForFunction(() => [...document.querySelectorAll('#drill-log li .text')]
    .some((el) => / requests at once to /.test(el.textContent)));
  return logTexts(page);
}

/** Plays every request (at once: the pace has its own test), then kills instance A; returns the log. */
async function playAndKill(page) {
  await page.selectOption('#drill-speed', 'instant');
  await page.click('#drill-play');
  await page.waitForFunction(() => document.querySelectorAll('#drill-log li').length > 10);
  const played = (await logTexts(page)).length;
  await page.click('button.kill[data-instance="A"]');
  await page.waitForFunction((n) => document.querySelectorAll('#drill-log li').length === n + 1, played);
  await page.waitForSelector('svg.drill-svg g.instance.killed[data-instance="A"]');
  return logTexts(page);
}

async function assertNoOverflow(page) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  assert.ok(scrollWidth <= innerWidth, `scrollWidth ${scrollWidth} > innerWidth ${innerWidth}`);
}

/** From the drill to the playground, "Apply all", and back to the drill. */
async function applyAllAndReturn(page) {
  await page.click('#back-to-code');
  await waitForApp(page);
  const start = await revision(page);
  await page.click('#apply-all');
  await waitForLint(page, start);
  const rules = await findingRules(page);
  for (const rule of STATE_RULES) {
    assert.ok(!rules.includes(rule), `a ${rule} finding is left after "Apply all": ${rules}`);
  }
  await page.click('#drill-link');
  await waitForDrill(page);
}

async function assertNothingLost(page) {
  assert.equal(await page.$$eval('.state-map li.inside', (els) => els.length), 0);
  assert.equal(await page.$$eval('svg.drill-svg g.instance g.state-box', (els) => els.length), 0,
    'no state box is drawn inside an instance');
  assert.deepEqual(
    await page.$$eval('svg.drill-svg g.service g.state-box', (els) => els.map((el) => el.dataset.state)),
    ['uploads', 'sessions', 'hits', 'cache'],
    'uploads, sessions, the counter and the cache live in backing services');
  // The services the rewritten code talks to say so, with the packages it uses.
  assert.match(await page.textContent('svg.drill-svg g.service.used[data-service="Redis"] .used-by text'), /^uses redis/);
  assert.match(await page.textContent('svg.drill-svg g.service.used[data-service="Object storage"] .used-by text'), /^uses @aws-sdk/);
  const log = await playAndKill(page);
  assert.match(log.at(-1), /^Instance A was killed\. It kept no data of its own: nothing is lost\.$/);
  assert.ok(!log.some((line) => /→ (404|401)/.test(line)), 'no read misses its data');
  assert.equal(await summary(page), 'Nothing lost: every piece of state lives outside the instances.');
  assert.equal(await page.getAttribute('#drill-summary', 'class'), 'drill-summary good');
}

/** From now on, the page records [time, number of log entries] each time the log changes. */
async function recordLog(page) {
  await page.evaluate(() => {
    window.__logTimes = [];
    const log = document.querySelector('#drill-log');
    new MutationObserver(() => window.__logTimes.push([performance.now(), log.children.length]))
      .observe(log, { childList: true });
  });
}

const logLength = (page) => page.$$eval('#drill-log li', (els) => els.length);
const hotWireAnimation = (page) => page.$eval('svg.drill-svg path.wire.hot', (p) => getComputedStyle(p).animationName);

describe('Phoenix drill', () => {
  test('Play is on the first screen and sends one request at a time at the chosen speed, until paused', async () => {
    for (const [width, height] of [[1440, 900], [375, 812]]) {
      const page = await freshPage({ width, height });
      await page.goto(`${env.server.url}#/drill`);
      await waitForDrill(page);
      const play = await page.$eval('#drill-play', (b) => b.getBoundingClientRect().toJSON());
      assert.ok(play.top >= 0 && play.bottom <= height,
        `at ${width}×${height} Play is at y=${Math.round(play.top)}–${Math.round(play.bottom)}, off the first screen`);
      await page.screenshot({ path: join(SCREENSHOTS, `drill-start-${width}.png`) });
      if (width < 640) {
        await page.context().close();
        continue;
      }
      assert.deepEqual(await page.$$eval('#drill-speed option', (os) => os.map((o) => o.value)),
        ['slow', 'normal', 'fast', 'instant']);
      assert.equal(await page.inputValue('#drill-speed'), 'normal');
      const total = Number((await page.textContent('.drill-progress')).match(/of (\d+) requests/)[1]);
      assert.ok(total > 10, `${total} requests`);

      await recordLog(page);
      await page.click('#drill-play');
      await page.waitForFunction(() => document.querySelectorAll('#drill-log li').length >= 4);
      assert.equal((await page.textContent('#drill-play')).trim(), 'Pause');
      assert.ok(await logLength(page) < total, 'the requests are not all sent at once');
      // One entry per change, the first at once, then about 600 ms apart: time to read each.
      const times = await page.evaluate(() => window.__logTimes);
      assert.deepEqual(times.slice(0, 4).map(([, n]) => n), [1, 2, 3, 4]);
      for (let i = 1; i < 4; i += 1) {
        const gap = times[i][0] - times[i - 1][0];
        assert.ok(gap >= 450, `request ${i + 1} came ${Math.round(gap)} ms after the one before`);
      }
      // The request just sent draws its arrow.
      assert.equal(await hotWireAnimation(page), 'drill-wire');
      await page.screenshot({ path: join(SCREENSHOTS, `drill-playing-${width}.png`) });

      // Pause stops the flow where it is; Play goes on from there.
      await page.click('#drill-play');
      assert.equal((await page.textContent('#drill-play')).trim(), 'Play');
      const paused = await logLength(page);
      await page.waitForTimeout(1500);
      assert.equal(await logLength(page), paused, 'nothing is sent while paused');
      assert.ok(paused < total);
      await page.selectOption('#drill-speed', 'fast');
      await page.click('#drill-play');
      await page.waitForFunction((n) => document.querySelectorAll('#drill-log li').length >= n + 2, paused);
      // Instant sends what is left at once.
      await page.selectOption('#drill-speed', 'instant');
      await page.waitForFunction((t) => document.querySelector('.drill-progress').textContent === `${t} of ${t} requests sent`, total);
      assert.equal((await page.textContent('#drill-play')).trim(), 'Play');
      assert.equal(await logLength(page), total);
      await page.screenshot({ path: join(SCREENSHOTS, `drill-played-${width}.png`) });
      assert.deepEqual(page.errors, []);
      await page.context().close();
    }
  });

  test('with reduced motion Play still sends one request at a time, and nothing is animated', async () => {
    const page = await freshPage({ width: 1440, height: 900 }, 'light', { reducedMotion: 'reduce' });
    await page.goto(`${env.server.url}#/drill`);
    await waitForDrill(page);
    await recordLog(page);
    await page.click('#drill-play');
    await page.waitForFunction(() => document.querySelectorAll('#drill-log li').length >= 2);
    const [[first], [second]] = await page.evaluate(() => window.__logTimes);
    assert.ok(second - first >= 450, `${Math.round(second - first)} ms between the first two requests`);
    assert.equal(await hotWireAnimation(page), 'none');
    await page.click('#drill-play');
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  for (const [width, height] of [[1440, 900], [375, 812]]) {
    test(`at ${width} px the default example loses data, and after "Apply all" nothing`, async () => {
      const page = await freshPage({ width, height });
      await page.goto(`${env.server.url}#/drill`);
      await waitForDrill(page);

      // The picture is described for screen readers: instances and where state lives.
      const svg = 'svg.drill-svg';
      assert.equal(await page.getAttribute(svg, 'role'), 'img');
      assert.match(await page.textContent(`${svg} > title`), /load balancer, 2 instances/);
      const desc = await page.textContent(`${svg} > desc`);
      assert.match(desc, /Instance A keeps in its memory: .*on its disk: uploads\//);
      assert.equal(await page.getAttribute(svg, 'data-orientation'), width < 640 ? 'narrow' : 'wide');
      assert.ok(await page.$$eval('.state-map li.inside', (els) => els.length) >= 3);
      assert.equal(await page.getAttribute('#drill-log', 'aria-live'), 'polite');

      const log = await playAndKill(page);
      const requestsBefore = requestsIn(log);
      const text = log.join('\n');
      // Only the example's own routes: POST /login, POST /photos, GET /photos/:id.
      for (const request of requestsBefore) {
        assert.match(request, /^(POST \/login|POST \/photos|GET \/photos\/\d+)$/);
      }
      assert.match(text, /GET \/photos\/1 \(fetch file 1\) → instance B → 404: file 1 is on instance A's disk/);
      assert.match(text, /→ 401: ada's session is in instance A's memory, not B's, so ada is logged out/);
      assert.match(text, /answers hits = \d, but one shared counter would say \d/);
      assert.match(log.at(-1), /^Instance A was killed\. Gone with it: file 1 from its disk; ada's session from its memory;/);
      assert.match(await summary(page), /^Data lost: \d+ \(\d+ reads found nothing, \d+ items died with killed instances\)\. Answers that differ: \d+\.$/);
      // The last entry is in view, and a killed instance's button explains itself.
      const lastVisible = await page.$eval('#drill-log', (log) => {
        const last = log.lastElementChild.getBoundingClientRect();
        const box = log.getBoundingClientRect();
        return last.bottom <= box.bottom + 1;
      });
      assert.ok(lastVisible, 'the newest log entry is visible');
      // aria-disabled keeps it focusable, so a keyboard user can press it and hear why.
      await page.focus('button.kill[data-instance="A"]');
      await page.keyboard.press('Enter');
      assert.match(await page.textContent('.drill-problem'), /instance A is already killed/);
      await assertNoOverflow(page);
      if (width < 640) {
        const figure = await page.$eval('.drill-figure', (el) => el.getBoundingClientRect().bottom);
        const logTop = await page.$eval('.drill-log-panel', (el) => el.getBoundingClientRect().top);
        assert.ok(logTop >= figure, 'the log comes below the picture');
      }
      await page.screenshot({ path: join(SCREENSHOTS, `drill-before-${width}.png`), fullPage: true });

      await applyAllAndReturn(page);
      await assertNothingLost(page);
      assert.deepEqual(requestsIn(await logTexts(page)), requestsBefore,
        'after "Apply all" the drill sends the same requests to the same routes');
      await assertNoOverflow(page);
      await page.screenshot({ path: join(SCREENSHOTS, `drill-after-${width}.png`), fullPage: true });
      assert.deepEqual(page.errors, []);
      await page.context().close();
    });
  }

  test('the drill uses what was just typed, and Reset, fresh and added instances work', async () => {
    const page = await freshPage({ width: 1280, height: 900 }, 'dark');
    await page.goto(env.server.url);
    await waitForApp(page);
    await page.evaluate(() => window.PhoenixEditor.active.setText(
      "const express = require('express');\nconst app = express();\n"));
    await page.click('.cm-content');
    await page.keyboard.press('Control+End');
    // Straight to the drill, before the debounced lint could save the keystrokes.
    await page.keyboard.type("let visits = 0;\napp.post('/visit', (req, res) => { visits++; res.json({ visits }); });\n");
    await page.click('#drill-link');
    await waitForDrill(page);
    assert.equal(await page.getAttribute('html', 'data-theme'), 'dark');
    const map = await page.$$eval('.state-map li', (els) => els.map((el) => el.textContent));
    assert.ok(map.some((line) => /^visits — a counter, in each instance's memory$/.test(line)), map.join('\n'));

    await page.click('#drill-step');
    await page.waitForSelector('#drill-log li');
    assert.match(await summary(page), /^Nothing lost yet/);
    assert.match((await logTexts(page))[0], /^POST \/visit \(count a request in visits\) → instance A/);
    // The request just sent is drawn: its arrow and the box it wrote are highlighted.
    await page.waitForSelector('svg.drill-svg path.wire.hot.good');
    await page.waitForSelector('svg.drill-svg g.instance.hot g.state-box.hot[data-state="visits"]');
    // Nothing else is made up: no uploads or sessions this code does not have.
    assert.equal(await page.$$eval('svg.drill-svg g.state-box[data-state="uploads"]', (els) => els.length), 0);
    assert.match((await playConcurrent(page)).at(-1),
      /^10 requests at once to visits: A says \d+, B says \d+; one shared copy would say \d+\.$/);
    await page.screenshot({ path: join(SCREENSHOTS, 'drill-step-dark-1280.png'), fullPage: true });
    await page.click('#drill-add');
    await page.waitForSelector('svg.drill-svg g.instance[data-instance="C"]');
    assert.equal(await page.getAttribute('#drill-add', 'aria-disabled'), 'true', 'three is the most');
    await page.click('button.kill[data-instance="B"]');
    await page.click('#drill-fresh');
    await page.waitForSelector('svg.drill-svg g.instance[data-instance="D"]');
    assert.match((await logTexts(page)).at(-1), /^Instance D started in place of B/);
    await page.screenshot({ path: join(SCREENSHOTS, 'drill-dark-1280.png'), fullPage: true });
    await page.click('#drill-reset');
    await page.waitForFunction(() => document.querySelectorAll('#drill-log li').length === 0);
    assert.deepEqual(
      await page.$$eval('svg.drill-svg g.instance', (gs) => gs.map((g) => g.dataset.instance)), ['A', 'B']);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test('a counter read from Redis and written back loses updates at once, and after "Apply all" it does not', async () => {
    const page = await freshPage({ width: 1440, height: 900 });
    await page.goto(env.server.url);
    await waitForApp(page);
    await setCode(page, READ_MODIFY_WRITE);
    await page.click('#drill-link');
    await waitForDrill(page);
    // The counter lives in the Redis box, not inside an instance, and is marked as losing updates.
    assert.equal(await page.$$eval('svg.drill-svg g.instance g.state-box', (els) => els.length), 0);
    await page.waitForSelector('svg.drill-svg g.service[data-service="Redis"] g.state-box[data-state="tickets:issued"]');
    assert.match(await page.textContent('.state-map li.lost-update'), /^tickets:issued — a counter, in Redis, outside the instances, loses concurrent updates$/);
    assert.match(await summary(page), /Press Play concurrent/);
    await page.screenshot({ path: join(SCREENSHOTS, 'drill-lost-update-start-1440.png'), fullPage: true });

    const log = await playConcurrent(page);
    // The interleaving is in the log: requests read the same value and write over each other.
    assert.match(log[1], /^\[2\/10 at once\] POST \/tickets .*→ 200, but: read tickets:issued = 0 from Redis before request 1's write landed, and wrote 1 over it\./);
    assert.equal(log.at(-1),
      '10 requests at once to tickets:issued: Redis says 4, but one update after another would give 10: 6 updates were overwritten by requests that read the same value at the same time.');
    assert.match(await summary(page), /^Data lost: 6 \(6 updates overwritten by requests at the same time\)\.$/);
    assert.equal(await page.getAttribute('#drill-summary', 'class'), 'drill-summary lost');
    assert.equal(await page.textContent('.drill-progress'), '0 of 4 requests sent', 'a burst is extra to the script');
    await assertNoOverflow(page);
    await page.screenshot({ path: join(SCREENSHOTS, 'drill-lost-update-1440.png'), fullPage: true });
    await page.setViewportSize({ width: 375, height: 812 });
    await assertNoOverflow(page);
    await page.screenshot({ path: join(SCREENSHOTS, 'drill-lost-update-375.png'), fullPage: true });
    await page.setViewportSize({ width: 1440, height: 900 });

    await page.click('#back-to-code');
    await waitForApp(page);
    const start = await revision(page);
    await page.click('#apply-all');
    await waitForLint(page, start);
    assert.deepEqual(await findingRules(page), [], 'the atomic command leaves nothing to report');
    await page.click('#drill-link');
    await waitForDrill(page);
    assert.equal(await page.$$eval('.state-map li.lost-update', (els) => els.length), 0);
    const after = await playConcurrent(page);
    assert.equal(after.at(-1), '10 requests at once to tickets:issued: Redis says 10. Every update counted.');
    assert.ok(!after.some((line) => /overwrit/.test(line)), after.join('\n'));
    assert.equal(await summary(page), 'Nothing lost: every piece of state lives outside the instances.');
    await page.screenshot({ path: join(SCREENSHOTS, 'drill-lost-update-after-1440.png'), fullPage: true });
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });
});
