// End-to-end tests of the finding view: the selected finding's explanation and rewrites,
// what Apply does to the editor, the out-of-date list while the code does not parse, and
// the tools around it (report a wrong finding, the CLI equivalent, the shortcuts sheet,
// line wrapping).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import {
  editorText, findingRules, revision, ROOT, setCode, useServedBrowser, waitForApp, waitForLint,
} from './harness.mjs';

const SCREENSHOTS = join(ROOT, 'target', 'e2e-screenshots');
const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 375, height: 812 };

const env = useServedBrowser();


async function openApp(viewport = DESKTOP, { clipboard = false, hasTouch = false } = {}) {
  const context = await env.browser.newContext({ viewport, hasTouch, isMobile: hasTouch });
  if (clipboard) {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.server.url });
  }
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error));
  page.errors = errors;
  await page.goto(env.server.url);
  await waitForApp(page);
  return page;
}

/** The finding buttons of one rule. */
function findingsOf(page, rule) {
  return page.locator('ul[aria-label="Findings"] button.finding', {
    has: page.locator('.finding-rule', { hasText: rule }),
  });
}

/** Selects the first finding of `rule` and waits for its rewrites. */
async function selectWithRewrites(page, rule) {
  await findingsOf(page, rule).first().click();
  await page.locator('.rewrite button.apply').first().waitFor();
}

function scrollLeft(page) {
  return page.$eval('.editor-host .cm-scroller', (el) => el.scrollLeft);
}

function clipboard(page) {
  return page.evaluate(() => navigator.clipboard.readText());
}

describe('the finding view', () => {
  for (const viewport of [DESKTOP, PHONE]) {
    test(`after Apply the editor shows the start of its lines (${viewport.width} px)`, async () => {
      const page = await openApp(viewport);
      const original = await editorText(page);
      // Every rewrite of the example, each applied to the original code.
      for (const rule of ['no-local-uploads', 'no-local-sessions', 'no-global-state']) {
        const count = await findingsOf(page, rule).count();
        for (let i = 0; i < count; i++) {
          await findingsOf(page, rule).nth(i).click();
          const apply = page.locator('.rewrite button.apply').first();
          if (!(await apply.count())) continue;
          const start = await revision(page);
          await apply.click();
          await waitForLint(page, start);
          assert.equal(await scrollLeft(page), 0, `after applying the ${rule} rewrite #${i}`);
          await setCode(page, original);
        }
      }
      await page.context().close();
    });
  }

  test('right after Apply, Ctrl+Z and the notice\'s Undo button take it back', async () => {
    const page = await openApp();
    const original = await editorText(page);
    for (const undo of ['keyboard', 'button']) {
      await selectWithRewrites(page, 'no-global-state');
      const start = await revision(page);
      await page.locator('.rewrite button.apply').first().click();
      await waitForLint(page, start);
      assert.notEqual(await editorText(page), original);
      const applied = await revision(page);
      if (undo === 'keyboard') {
        // Nothing clicked in between: wherever Apply left the focus, Ctrl+Z undoes.
        await page.keyboard.press('Control+z');
      } else {
        await page.click('#notice-undo');
      }
      await waitForLint(page, applied);
      assert.equal(await editorText(page), original, `undone with the ${undo}`);
    }
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test('while the code has a syntax error the last findings stay, marked out of date', async () => {
    const page = await openApp();
    const original = await editorText(page);
    const rules = (await findingRules(page)).filter((r) => r !== 'syntax error');
    assert.ok(rules.length >= 3);
    // An unclosed brace: the parser gives up on the whole file, and no finding comes back.
    await setCode(page, `${original}\nlet x = {\n`);
    const where = (await page.textContent('button.finding.syntax-error .finding-pos')).trim();
    const kept = await page.$$eval('.finding-list.stale .finding-rule', (els) =>
      els.map((el) => el.textContent.trim()));
    assert.deepEqual(kept, rules, 'the findings of the last code that parsed are still listed');
    const stale = await page.textContent('#findings-stale');
    assert.match(stale, /out of date/i);
    assert.ok(stale.includes(where), `the error's line:column ${where} in "${stale}"`);
    assert.doesNotMatch(await page.textContent('section.findings'), /No stateful patterns found/);
    // Fixed: the list is current again.
    await setCode(page, original);
    assert.equal(await page.$('#findings-stale'), null);
    await page.context().close();
  });

  test('backticks in rewrite titles are shown as code', async () => {
    const page = await openApp();
    await selectWithRewrites(page, 'no-global-state');
    const titles = await page.$$eval('.rewrite h4', (hs) => hs.map((h) => h.textContent));
    assert.ok(titles.length > 0);
    for (const title of titles) assert.doesNotMatch(title, /`/, title);
    assert.ok(await page.$('.rewrite h4 code'), 'a title names the state in code');
    const labels = await page.$$eval('.rewrite button.apply', (bs) => bs.map((b) => b.textContent));
    for (const label of labels) assert.doesNotMatch(label, /`/, label);
    await page.context().close();
  });

  for (const viewport of [DESKTOP, PHONE]) {
    test(`a link to another page opens it at its top (${viewport.width} px)`, async () => {
      const page = await openApp(viewport);
      // The footer's link: reaching it scrolls the playground down.
      await page.click('#embed-builder-link');
      await page.waitForSelector('#boot', { state: 'detached' });
      await page.waitForTimeout(500);
      assert.equal(await page.evaluate(() => window.scrollY), 0);
      await page.context().close();
    });
  }

  test('the diff numbers old and new lines in their own columns', async () => {
    const page = await openApp();
    await selectWithRewrites(page, 'no-local-sessions');
    const hunks = await page.$$eval('.rewrite .hunk', (hunks) => hunks.map((hunk) =>
      [...hunk.querySelectorAll('.line')].map((line) => ({
        old: line.querySelector('.ln-old')?.textContent.trim() ?? null,
        new: line.querySelector('.ln-new')?.textContent.trim() ?? null,
        kind: line.classList.contains('add') ? 'add' : line.classList.contains('del') ? 'del' : 'ctx',
      }))));
    assert.ok(hunks.length > 0);
    for (const lines of hunks) {
      for (const column of ['old', 'new']) {
        const numbers = lines.map((l) => l[column]).filter(Boolean).map(Number);
        for (let i = 1; i < numbers.length; i++) {
          assert.equal(numbers[i], numbers[i - 1] + 1, `${column} numbers run on: ${numbers}`);
        }
      }
      for (const l of lines) {
        assert.equal(l.old === '', l.kind === 'add', 'an added line has no old number');
        assert.equal(l.new === '', l.kind === 'del', 'a removed line has no new number');
      }
    }
    await page.context().close();
  });

  for (const viewport of [DESKTOP, { width: 1024, height: 768 }, PHONE]) {
    test(`a selected finding reads without nested scroll boxes (${viewport.width} px)`, async () => {
      const page = await openApp(viewport);
      await selectWithRewrites(page, 'no-global-state');
      // The explanation is shown, and nothing in it (or around it) scrolls on its own.
      const heading = await page.locator('#explanation-heading').boundingBox();
      assert.ok(heading.y >= 0 && heading.y < viewport.height, `heading at y=${heading.y}`);
      const boxes = await page.$$eval('.side, .findings, .explanation, .explanation *', (els) =>
        els.filter((el) => {
          const style = getComputedStyle(el);
          return /(auto|scroll)/.test(style.overflowY) && el.scrollHeight > el.clientHeight + 1;
        }).map((el) => el.className || el.tagName));
      assert.deepEqual(boxes, [], 'no scroll box inside the page');
      // The diff does not clip its lines: it wraps them.
      const clipped = await page.$$eval('.rewrite .hunk', (hunks) =>
        hunks.filter((h) => h.scrollWidth > h.clientWidth + 1).length);
      assert.equal(clipped, 0);
      // Apply sits with its diff: in view together with the start of the diff.
      await page.locator('.rewrite .diff').first().scrollIntoViewIfNeeded();
      const apply = await page.locator('.rewrite button.apply').first().boundingBox();
      assert.ok(apply.y >= 0 && apply.y + apply.height <= viewport.height,
        `Apply at y=${apply.y} of ${viewport.height}`);
      const { scrollWidth, innerWidth } = await page.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth,
      }));
      assert.ok(scrollWidth <= innerWidth, `scrollWidth ${scrollWidth} > ${innerWidth}`);
      await mkdir(SCREENSHOTS, { recursive: true });
      for (const theme of ['light', 'dark']) {
        // Reaching the theme switch scrolls to the top: back to the finding, then its rewrite.
        await page.click(`.theme-option:has(input[value="${theme}"])`);
        for (const [part, selector] of [['finding', '#explanation-heading'], ['rewrite', '.rewrite']]) {
          await page.$eval(selector, (el) => el.scrollIntoView());
          await page.screenshot({
            path: join(SCREENSHOTS, `finding-view-${viewport.width}-${theme}-${part}.png`),
          });
        }
      }
      assert.deepEqual(page.errors, []);
      await page.context().close();
    });
  }

  test('on a phone a tapped finding opens its detail, not the editor', async () => {
    const page = await openApp(PHONE, { hasTouch: true });
    await findingsOf(page, 'no-local-uploads').first().tap();
    await page.locator('#explanation-heading code').waitFor();
    await page.waitForTimeout(600);
    assert.equal(await page.evaluate(() => window.PhoenixEditor.active.view.hasFocus), false,
      'the editor (and its keyboard) stays closed');
    const heading = await page.locator('#explanation-heading').boundingBox();
    assert.ok(heading.y >= 0 && heading.y < PHONE.height, `explanation heading at y=${heading.y}`);
    await page.context().close();
  });

  test('"Report a wrong finding" copies a report with the code, rule, position and version', async () => {
    const page = await openApp(DESKTOP, { clipboard: true });
    const finding = findingsOf(page, 'no-global-state').first();
    const position = (await finding.locator('.finding-pos').textContent()).trim();
    await finding.click();
    await page.click('#report-finding');
    const report = page.locator('#report-text');
    await report.waitFor();
    const text = await report.inputValue();
    assert.match(text, /no-global-state/);
    assert.ok(text.includes(position), `position ${position} in the report`);
    assert.match(text, /0\.1\.0/);
    assert.ok(text.includes("require('express')"), 'the code is in the report');
    // The learner may trim the code before copying: what is copied is what they see.
    await report.fill(`${text}\nmy note`);
    await page.click('#report-copy');
    assert.equal(await clipboard(page), `${text}\nmy note`);
    // With no findings the way to report a miss is there.
    await setCode(page, "const express = require('express');\nexpress().listen(3000);\n");
    await page.click('#report-miss');
    assert.match(await page.locator('#report-text').inputValue(), /missed/i);
    await page.context().close();
  });

  test('the CLI equivalent and a CI workflow check the same rules', async () => {
    const page = await openApp(DESKTOP, { clipboard: true });
    await page.click('#cli-open');
    await page.click('#cli-copy-command');
    const command = await clipboard(page);
    for (const rule of ['no-local-uploads', 'no-local-sessions', 'no-global-state']) {
      assert.ok(command.includes(`--rule ${rule}`), command);
    }
    assert.match(command, /^phoenix-lint /);
    await page.click('#cli-copy-workflow');
    const workflow = await clipboard(page);
    assert.match(workflow, /upload-sarif/);
    assert.match(workflow, /--format sarif --rule no-local-uploads --rule no-local-sessions --rule no-global-state/);
    await page.context().close();
  });

  test('"?" opens the keyboard shortcuts, which say how to leave the editor', async () => {
    const page = await openApp();
    // Typed in the editor, "?" is just text.
    await page.click('.cm-content');
    await page.keyboard.press('Control+End');
    await page.keyboard.type('?');
    assert.equal(await page.locator('#shortcuts').isVisible(), false);
    await page.keyboard.press('Escape');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => window.PhoenixEditor.active.view.hasFocus), false,
      'Escape then Tab leaves the editor');
    await page.keyboard.press('Shift+?');
    const sheet = page.locator('#shortcuts');
    await sheet.waitFor();
    const text = await sheet.textContent();
    assert.match(text, /Escape/);
    assert.match(text, /Tab/);
    await page.keyboard.press('Escape');
    await sheet.waitFor({ state: 'hidden' });
    await page.context().close();
  });

  test('the rule\'s doc comes with the first finding; a failed fetch says so and Try again loads it', async () => {
    const page = await openApp();
    let fail = true;
    await page.route('**/content/rule-docs.json', (route) => (fail ? route.abort() : route.continue()));
    await findingsOf(page, 'no-local-uploads').first().click();
    const doc = page.locator('details.rule-doc');
    await doc.locator('summary').click();
    const failed = doc.locator('.content-pending.failed[role="alert"]');
    await failed.waitFor();
    assert.match(await failed.textContent(), /Could not load the rule's documentation: the network request failed/);
    // The finding itself is all there.
    assert.match(await page.textContent('.explanation .finding-detail'), /\S/);
    fail = false;
    await failed.locator('button', { hasText: 'Try again' }).click();
    // Rendered at build time: the doc's title sits under the panel's heading, and its
    // code blocks take focus.
    await doc.locator('.markdown h3', { hasText: 'no-local-uploads' }).waitFor();
    assert.ok(await doc.locator('.markdown pre[tabindex="0"] code').count() > 0);
    await mkdir(SCREENSHOTS, { recursive: true });
    await doc.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SCREENSHOTS, 'rule-doc-1440.png') });
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test('line wrapping is on by default on a phone, off on a desktop, and toggles', async () => {
    const wraps = (page) => page.$eval('.cm-content', (el) => el.classList.contains('cm-lineWrapping'));
    const phone = await openApp(PHONE);
    assert.equal(await wraps(phone), true);
    await phone.context().close();
    const desktop = await openApp();
    assert.equal(await wraps(desktop), false);
    await desktop.click('#wrap-toggle');
    assert.equal(await wraps(desktop), true);
    assert.equal(await desktop.getAttribute('#wrap-toggle', 'aria-pressed'), 'true');
    await desktop.context().close();
  });
});
