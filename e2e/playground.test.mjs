// End-to-end tests of the built playground (dist/) in headless Chromium.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import {
  editorText, findingRules, revision, ROOT, setCode, useServedBrowser, waitForApp, waitForLint,
} from './harness.mjs';

const RULES = ['no-local-uploads', 'no-local-sessions', 'no-global-state'];
const SCREENSHOTS = join(ROOT, 'target', 'e2e-screenshots');

const env = useServedBrowser();


/** A page in a fresh context: its own, empty local storage. */
async function freshPage(viewport = { width: 1280, height: 900 }) {
  const context = await env.browser.newContext({ viewport });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error));
  page.errors = errors;
  return page;
}

async function openApp(viewport) {
  const page = await freshPage(viewport);
  await page.goto(env.server.url);
  await waitForApp(page);
  return page;
}

describe('Phoenix Playground', () => {
  test('the default example shows findings for all three rules', async () => {
    const page = await openApp();
    assert.match(await page.title(), /Phoenix Playground/);
    const rules = await findingRules(page);
    for (const rule of RULES) {
      assert.ok(rules.includes(rule), `expected a ${rule} finding, got ${JSON.stringify(rules)}`);
    }
    // Squiggles and gutter markers are drawn in the editor too.
    await page.waitForSelector('.cm-lintRange');
    await page.waitForSelector('.cm-gutter-lint .cm-lint-marker');
    const summary = await page.textContent('#findings-summary');
    assert.match(summary, /\d+ findings?:/);
    assert.equal(await page.getAttribute('#findings-summary', 'aria-live'), 'polite');
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test('typing new code updates the findings', async () => {
    const page = await openApp();
    await setCode(page, "const express = require('express');\nconst app = express();\n");
    assert.equal((await page.textContent('#findings-summary')).trim(), 'No stateful patterns found.');
    assert.deepEqual(await findingRules(page), []);

    // Real keystrokes: the lint runs once typing pauses.
    const start = await revision(page);
    await page.click('.cm-content');
    await page.keyboard.press('Control+End');
    await page.keyboard.type('let hits = 0;\napp.get("/", (req, res) => { hits++; res.send("" + hits); });\n');
    await waitForLint(page, start);
    await page.waitForFunction(() =>
      [...document.querySelectorAll('.finding-rule')].some((el) => el.textContent === 'no-global-state'));

    // A syntax error is shown as such, and the editor stays usable.
    const broken = await revision(page);
    await page.keyboard.type('const = ;');
    await waitForLint(page, broken);
    await page.waitForFunction(() =>
      document.querySelector('#findings-summary').textContent.startsWith('Syntax error'));
    assert.ok((await findingRules(page)).includes('syntax error'));
    const fixed = await revision(page);
    for (let i = 0; i < 'const = ;'.length; i++) await page.keyboard.press('Backspace');
    await waitForLint(page, fixed);
    await page.waitForFunction(() =>
      !document.querySelector('#findings-summary').textContent.startsWith('Syntax error'));
    await page.context().close();
  });

  test('activating a finding with the keyboard moves the editor selection to it', async () => {
    const page = await openApp();
    const buttons = await page.$$('ul[aria-label="Findings"] button.finding');
    assert.ok(buttons.length > 0, 'the default example has findings');
    const last = buttons[buttons.length - 1];
    const [line, column] = (await last.$eval('.finding-pos', (el) => el.textContent)).split(':').map(Number);
    await last.focus();
    await page.keyboard.press('Enter');
    assert.equal(await last.getAttribute('aria-pressed'), 'true');
    const selection = await page.evaluate(() => {
      const view = window.PhoenixEditor.active.view;
      const { from, to } = view.state.selection.main;
      const at = view.state.doc.lineAt(from);
      return { from, to, line: at.number, column: from - at.from + 1, focused: view.hasFocus };
    });
    assert.equal(selection.line, line);
    assert.equal(selection.column, column);
    assert.ok(selection.to >= selection.from);
    assert.ok(selection.focused, 'the editor has focus after jumping');
    // The explanation panel follows the selected finding.
    const heading = await page.textContent('#explanation-heading');
    assert.equal(heading.trim(), (await last.$eval('.finding-rule', (el) => el.textContent)).trim());
    await page.context().close();
  });

  test('applying a rewrite removes its finding, and undo brings it back', async () => {
    const page = await openApp();
    const count = await page.$$eval('ul[aria-label="Findings"] button.finding', (b) => b.length);
    let applied = false;
    for (let i = 0; i < count && !applied; i++) {
      await page.click(`ul[aria-label="Findings"] li:nth-child(${i + 1}) button.finding`);
      const apply = await page.$('.rewrite button.apply');
      if (!apply) continue;
      const message = await page.textContent(
        `ul[aria-label="Findings"] li:nth-child(${i + 1}) .finding-message`);
      const rule = (await page.textContent('#explanation-heading')).trim();
      const key = `${rule}\u0000${message}`;
      const keys = () => page.$$eval('button.finding', (bs) => bs.map((b) =>
        `${b.querySelector('.finding-rule').textContent}\u0000${b.querySelector('.finding-message').textContent}`));
      const before = (await keys()).filter((k) => k === key).length;
      const start = await revision(page);
      await apply.click();
      await waitForLint(page, start);
      assert.equal((await keys()).filter((k) => k === key).length, before - 1, 'the finding is gone');
      await page.waitForSelector('.notice.success');

      const undo = await revision(page);
      await page.click('.cm-content');
      await page.keyboard.press('Control+z');
      await waitForLint(page, undo);
      assert.equal((await keys()).filter((k) => k === key).length, before, 'one undo reverts the rewrite');
      applied = true;
    }
    assert.ok(applied, 'some finding of the default example offers a rewrite');
    await page.context().close();
  });

  test('a rewrite preview says what it needs: packages, environment, service', async () => {
    const page = await openApp();
    const sessions = page.locator('button.finding', {
      has: page.locator('.finding-rule', { hasText: 'no-local-sessions' }),
    });
    await sessions.first().click();
    const needs = page.locator('.rewrite').first().locator('dl.needs');
    await needs.waitFor();
    const text = await needs.textContent();
    assert.match(text, /npm install connect-redis@9 redis@6/);
    assert.match(text, /REDIS_URL/);
    assert.match(text, /Redis/);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test('"Apply all" applies the rewrites and removes their findings', async () => {
    const page = await openApp();
    const before = await page.$$eval('button.finding', (b) => b.length);
    const start = await revision(page);
    await page.click('#apply-all');
    await waitForLint(page, start);
    const after = await page.$$eval('button.finding', (b) => b.length);
    assert.ok(after < before, `findings went from ${before} to ${after}`);
    assert.equal(await page.$$eval('button.finding.syntax-error', (b) => b.length), 0,
      'the rewritten code still parses');
    await page.context().close();
  });

  test('the examples menu loads each starter app, undoably', async () => {
    const page = await openApp();
    let start = await revision(page);
    await page.selectOption('#example-select', 'clean');
    await waitForLint(page, start);
    assert.equal((await page.textContent('#findings-summary')).trim(), 'No stateful patterns found.');
    start = await revision(page);
    await page.selectOption('#example-select', 'typescript');
    await waitForLint(page, start);
    assert.equal((await page.textContent('.lang-badge')).trim(), 'TypeScript');
    assert.ok((await findingRules(page)).length > 0, 'the TypeScript example has findings');
    assert.equal(await page.$('button.finding.syntax-error'), null);
    start = await revision(page);
    await page.click('.cm-content');
    await page.keyboard.press('Control+z');
    await waitForLint(page, start);
    assert.equal((await page.textContent('#findings-summary')).trim(), 'No stateful patterns found.');
    await page.context().close();
  });

  test("picking an example keeps the learner's code: \"Your code\" brings it back, also after a reload", async () => {
    const page = await openApp();
    const mine = "const express = require('express');\n// my own work, not an example\nlet visits = 0;\n";
    await setCode(page, mine);
    assert.equal(await page.inputValue('#example-select'), '', '"Your code" is picked while it shows');
    let start = await revision(page);
    await page.selectOption('#example-select', 'clean');
    await waitForLint(page, start);
    const ownCodeEnabled = () => page.$eval('#example-select option[value=""]', (o) => !o.disabled);
    assert.ok(await ownCodeEnabled(), '"Your code" can be picked while an example shows');
    assert.match(await page.textContent('.notice'), /“Your code” in the Example menu/);
    // The example is saved as the code now; the learner's own code stays reachable.
    await page.reload();
    await waitForApp(page);
    assert.equal(await page.inputValue('#example-select'), 'clean');
    assert.ok(await ownCodeEnabled(), 'and still after a reload');
    start = await revision(page);
    await page.selectOption('#example-select', 'typescript');
    await waitForLint(page, start);
    start = await revision(page);
    await page.selectOption('#example-select', '');
    await waitForLint(page, start);
    assert.equal(await editorText(page), mine);
    assert.equal(await page.inputValue('#example-select'), '');
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test('"Your code" is disabled while an example shows and nothing of the learner\'s was put aside', async () => {
    const page = await openApp();
    assert.equal(await page.inputValue('#example-select'), 'all-three');
    assert.equal(await page.$eval('#example-select option[value=""]', (o) => o.disabled), true);
    await page.context().close();
  });

  test('a reload right after typing keeps the last keystrokes', async () => {
    const page = await openApp();
    const code = "const express = require('express');\n";
    await setCode(page, code);
    await page.click('.cm-content');
    await page.keyboard.press('Control+End');
    // No pause: the reload comes before the check that would have saved it.
    await page.keyboard.type('// typed just before the reload\n');
    await page.reload();
    await waitForApp(page);
    assert.equal(await editorText(page), `${code}// typed just before the reload\n`);
    await page.context().close();
  });

  test('a share link restores the code byte-exact in a fresh page', async () => {
    const page = await openApp();
    const code = "// 🔥 phoenix 🐦‍🔥 ünïcödé 中文\r\nconst hits = {};\r\nlet lone = 'cr'\r// end\n";
    await setCode(page, code);
    await page.click('#share-button');
    const link = await page.inputValue('.share-link input');
    assert.match(link, /^http:\/\/127\.0\.0\.1:\d+\/#v1\.[A-Za-z0-9_-]+$/);
    await page.context().close();

    const other = await freshPage();
    await other.goto(link);
    await waitForApp(other);
    assert.equal(await editorText(other), code);
    assert.match(await other.textContent('.notice'), /shared link/);
    assert.equal(await other.evaluate(() => location.hash), '', 'the fragment is cleared after opening');
    await other.context().close();
  });

  test('a share link over 8 KB is refused with a message', async () => {
    const page = await openApp();
    let seed = 7;
    const noise = Array.from({ length: 14000 }, () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return String.fromCharCode(33 + (seed % 90));
    }).join('');
    await setCode(page, `/*${noise.replaceAll('*/', '')}*/`);
    await page.click('#share-button');
    await page.waitForSelector('.notice.error');
    assert.match(await page.textContent('.notice.error'), /8 KB/);
    assert.equal(await page.$('.share-link input'), null);
    await page.context().close();
  });

  test('a reload restores the autosaved code', async () => {
    const page = await openApp();
    const code = "const express = require('express');\n// my own work ✍️\n";
    await setCode(page, code);
    await page.reload();
    await waitForApp(page);
    assert.equal(await editorText(page), code);
    await page.context().close();
  });

  test('a malformed share link shows a message and keeps the code', async () => {
    const page = await openApp();
    const code = '// keep me\nconst a = 1;\n';
    await setCode(page, code);
    for (const fragment of ['#v1.%%%not-base64', '#v1.aGVsbG8gd29ybGQ', '#v9.abc']) {
      await page.goto('about:blank');
      await page.goto(env.server.url + fragment);
      await waitForApp(page);
      await page.waitForSelector('.notice.error');
      assert.match(await page.textContent('.notice.error'), /Your own code was kept/);
      assert.equal(await editorText(page), code, `after ${fragment}`);
    }
    // Nothing was overwritten: a plain reload still has the code.
    await page.goto(env.server.url);
    await waitForApp(page);
    assert.equal(await editorText(page), code);
    // A broken link pasted into the open tab (a hash change) is refused the same way.
    await page.evaluate(() => { location.hash = '#v1.@@@'; });
    await page.waitForSelector('.notice.error');
    assert.equal(await editorText(page), code);
    await page.context().close();
  });

  for (const width of [375, 1440]) {
    test(`the layout fits ${width} px without horizontal overflow`, async () => {
      const page = await openApp({ width, height: width < 500 ? 812 : 900 });
      await mkdir(SCREENSHOTS, { recursive: true });
      await page.screenshot({ path: join(SCREENSHOTS, `overview-${width}.png`), fullPage: true });
      const first = await page.$('ul[aria-label="Findings"] button.finding');
      if (first) await first.click();
      await page.screenshot({ path: join(SCREENSHOTS, `finding-${width}.png`), fullPage: true });
      const { scrollWidth, innerWidth } = await page.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        innerWidth: window.innerWidth,
      }));
      assert.ok(scrollWidth <= innerWidth, `scrollWidth ${scrollWidth} > innerWidth ${innerWidth}`);
      await page.click('.theme-option:has(input[value="dark"])');
      assert.equal(await page.getAttribute('html', 'data-theme'), 'dark');
      await page.screenshot({ path: join(SCREENSHOTS, `dark-${width}.png`), fullPage: false });
      await page.context().close();
    });
  }
});
