// Accessibility check of every view with axe-core, in light and dark: no serious or
// critical violation. A failure lists each one (rule, element, what is wrong) so it can be
// fixed without re-running axe by hand.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { deflateRawSync } from 'node:zlib';
import { revision, setCode, useServedBrowser, waitForApp, waitForLint } from './harness.mjs';

const AXE_SOURCE = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const BLOCKING = new Set(['serious', 'critical']);

/** The share fragment as the playground writes it (raw deflate, base64url). */
const share = (code) => 'v1.' + deflateRawSync(Buffer.from(code, 'utf8')).toString('base64url');
const EMBED_CODE = share(
  "const express = require('express');\nconst multer = require('multer');\nconst app = express();\n" +
  "const upload = multer({ dest: 'uploads/' });\nlet hits = 0;\n" +
  "app.post('/a', upload.single('f'), (req, res) => { hits++; res.send('ok'); });\n",
);

/** Opens a finding's explanation, where the view has findings to pick. */
async function pickFirstFinding(page) {
  const first = page.locator('button.finding').first();
  await first.waitFor();
  await first.click();
}

async function pickExample(page, id) {
  const start = await revision(page);
  await page.selectOption('#example-select', id);
  await waitForLint(page, start);
}

/** Own code replaced by an example: a notice shows, and "Earlier code" lists it, open. */
async function putOwnCodeAside(page) {
  await setCode(page, "const express = require('express');\nlet visits = 0;\n");
  await pickExample(page, 'clean');
  await page.waitForSelector('.notice');
  await page.click('#kept > summary');
}

/** The shop example open as tabs, its controller shown with a finding's explanation. */
async function openProject(page) {
  await page.selectOption('#example-select', 'shop');
  await page.waitForSelector('.file-tab-name[data-path="controllers/cart.js"]');
  const start = await revision(page);
  await page.click('.file-tab-name[data-path="controllers/cart.js"]');
  await waitForLint(page, start);
  await pickFirstFinding(page);
  await page.waitForSelector('.where .other-file');
}

/** The tab bar's name field, with a wrong name told beside it. */
async function nameAFile(page) {
  await page.click('#file-add');
  await page.fill('#file-name', '../outside.js');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#file-name-help.has-error');
}

const SHOP_LINK = 'p1.' + deflateRawSync(Buffer.from(JSON.stringify([
  { path: 'app.js', source: "const express = require('express');\nconst cart = require('./cart');\nconst app = express();\napp.post('/c', cart.add);\n" },
  { path: 'cart.js', source: "const items = [];\nexports.add = (req, res) => { items.push(req.body); res.end(); };\n" },
]), 'utf8')).toString('base64url');

/** Each view: its fragment, what to arrange before it loads, what shows it is ready, and
 *  what to open before checking. */
const ROUTES = [
  { name: 'playground', fragment: '', ready: waitForApp, then: pickFirstFinding },
  { name: 'playground with a notice and earlier code', fragment: '', ready: waitForApp, then: putOwnCodeAside },
  { name: 'playground, TypeScript example', fragment: '', ready: waitForApp, then: (page) => pickExample(page, 'typescript') },
  { name: 'playground with a project', fragment: '', ready: waitForApp, then: openProject },
  { name: 'playground naming a file', fragment: '', ready: waitForApp, then: nameAFile },
  {
    name: 'embed of a project',
    fragment: `#/embed?code=${SHOP_LINK}&panel=explanation`,
    ready: (page) => page.waitForSelector('.embed-body[data-count]', { timeout: 30_000 }),
    then: async (page) => {
      await page.click('.embed-file-tab[data-path="cart.js"]');
      await page.waitForSelector('.embed-file-tab[aria-selected="true"][data-path="cart.js"]');
    },
  },
  ...['findings', 'explanation', 'none'].map((panel) => ({
    name: `embed, panel=${panel}`,
    fragment: `#/embed?code=${EMBED_CODE}&panel=${panel}`,
    ready: (page) => page.waitForSelector('.embed-body[data-count]', { timeout: 30_000 }),
    then: panel === 'none' ? null : pickFirstFinding,
  })),
  { name: 'embed builder', fragment: '#/embed-builder', ready: (page) => page.waitForSelector('main.maker') },
  { name: 'tutorial', fragment: '#/tutorial', ready: (page) => page.waitForSelector('.tutorial-home .lesson-list') },
  {
    name: 'lesson',
    fragment: '#/tutorial/uploads',
    ready: (page) => page.waitForSelector('.lesson-text h1'),
    then: (page) => page.waitForSelector('.cm-content'),
  },
  // Lessons and rule docs are fetched when a view opens: what shows until they come.
  {
    name: 'lesson while its content loads',
    fragment: '#/tutorial/uploads',
    // Never answered, so the loading line stays.
    setup: (page) => page.route('**/content/learn.json', () => {}),
    ready: (page) => page.waitForSelector('main.content-page .content-pending[role="status"]'),
  },
  {
    name: 'lesson whose content did not load',
    fragment: '#/tutorial/uploads',
    setup: (page) => page.route('**/content/learn.json', (route) => route.abort()),
    ready: (page) => page.waitForSelector('main.content-page .content-pending.failed'),
  },
  {
    name: 'finding whose rule doc did not load',
    fragment: '',
    setup: (page) => page.route('**/content/rule-docs.json', (route) => route.abort()),
    ready: waitForApp,
    then: async (page) => {
      await pickFirstFinding(page);
      await page.click('details.rule-doc > summary');
      await page.waitForSelector('details.rule-doc .content-pending.failed');
    },
  },
  { name: 'workshop', fragment: '#/workshop/default', ready: (page) => page.waitForSelector('.workshop-head h1') },
  { name: 'facilitator', fragment: '#/workshop/default/facilitator', ready: (page) => page.waitForSelector('.workshop-head h1') },
  { name: 'presenter', fragment: '#/workshop/default/presenter', ready: (page) => page.waitForSelector('#slide-title') },
  { name: 'drill', fragment: '#/drill', ready: (page) => page.waitForSelector('svg.drill-svg') },
  { name: 'not found', fragment: '#/no-such-page', ready: (page) => page.waitForSelector('main.not-found') },
];

const env = useServedBrowser();


/** axe's serious and critical violations on the page, one readable line per element. */
async function blockingViolations(page) {
  // Evaluated through the debugging protocol, so the page's script-src 'self' does not
  // block it and the page runs under its real Content-Security-Policy.
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const results = await window.axe.run(document, { resultTypes: ['violations'] });
    return results.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({
        target: n.target.join(' '),
        summary: n.failureSummary.replace(/\s+/g, ' ').trim(),
      })),
    }));
  });
  return violations
    .filter((v) => BLOCKING.has(v.impact))
    .flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}) at ${n.target}: ${v.help}. ${n.summary}`));
}

/** Every view on a desktop in light and dark, and on a phone. */
const LOOKS = [
  { colorScheme: 'light', viewport: { width: 1280, height: 900 }, name: 'light' },
  { colorScheme: 'dark', viewport: { width: 1280, height: 900 }, name: 'dark' },
  { colorScheme: 'light', viewport: { width: 375, height: 812 }, name: 'phone, light' },
];

describe('accessibility (axe-core: no serious or critical violation)', () => {
  for (const { colorScheme, viewport, name } of LOOKS) {
    for (const route of ROUTES) {
      test(`${route.name}, ${name}`, async () => {
        const context = await env.browser.newContext({ viewport, colorScheme });
        const page = await context.newPage();
        if (route.setup) await route.setup(page);
        await page.goto(env.server.url + route.fragment);
        await page.waitForSelector('#boot', { state: 'detached', timeout: 30_000 });
        await route.ready(page);
        if (route.then) await route.then(page);
        assert.equal(await page.getAttribute('html', 'data-theme'), colorScheme);
        // Transitions finish, so colours are checked as they end up.
        await page.waitForTimeout(400);
        const found = await blockingViolations(page);
        await context.close();
        assert.deepEqual(found, [], `${route.name} (${name}):\n${found.join('\n')}`);
      });
    }
  }
});
