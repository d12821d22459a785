// XSS payloads through every way text enters the page, and no code leaving 127.0.0.1.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { deflateRawSync } from 'node:zlib';
import { editorText, setCode, useServedBrowser, waitForApp } from './harness.mjs';

const MARK = 'PHOENIX_SECRET_7f3a9c';
const RUN = 'window.__pwned=1;alert(1)';
const PAYLOADS = [
  `<script>${RUN}</script>`,
  `<img src=x onerror="${RUN}">`,
  `javascript:${RUN}`,
  `"><svg onload="${RUN}">`,
  `'"\`</textarea></script><script>${RUN}</script>\${${RUN}}{{constructor.constructor('${RUN}')()}}`,
];

const env = useServedBrowser();


const share = (code) => 'v1.' + deflateRawSync(Buffer.from(code, 'utf8')).toString('base64url');

/** A page that records dialogs, page errors and every request it makes. */
async function watchedPage() {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  page.dialogs = [];
  page.requests = [];
  page.on('dialog', (dialog) => {
    page.dialogs.push(dialog.message());
    dialog.dismiss().catch(() => {});
  });
  page.on('request', (request) => page.requests.push({ url: request.url(), body: request.postData() ?? '' }));
  return page;
}

/** Nothing ran, nothing was injected, and no request left the server or carried the code. */
async function assertSafe(page, where) {
  await page.evaluate(() => new Promise((done) => setTimeout(done, 150)));
  assert.equal(await page.evaluate(() => window.__pwned), undefined, `${where}: a payload ran`);
  assert.deepEqual(page.dialogs, [], `${where}: a dialog opened`);
  const injected = await page.evaluate(() =>
    document.querySelectorAll('[onerror], [onload], script:not([src]), a[href^="javascript:" i], iframe[src^="javascript:" i]').length);
  assert.equal(injected, 0, `${where}: markup from a payload is in the page`);
  const origin = new URL(env.server.url).origin;
  for (const { url, body } of page.requests) {
    assert.ok(url.startsWith(origin + '/') || url === 'about:blank', `${where}: a request to ${url}`);
    assert.ok(!url.includes(MARK) && !body.includes(MARK), `${where}: the code was sent in ${url}`);
    for (const payload of PAYLOADS) assert.ok(!body.includes(payload), `${where}: a payload was sent in ${url}`);
  }
}

describe('web security', () => {
  test('pasted code with payloads is shown as text and never sent anywhere', async () => {
    const page = await watchedPage();
    await page.goto(env.server.url);
    await waitForApp(page);
    for (const payload of PAYLOADS) {
      const code = `// ${MARK}\n// ${payload}\nconst s = ${JSON.stringify(payload)};\nlet hits = 0;\nrequire('express')().get(${JSON.stringify('/' + payload)}, (req, res) => { hits++; res.send(s); });\n`;
      await setCode(page, code);
      assert.equal(await editorText(page), code);
      // Every finding and its explanation: select each in turn.
      const findings = await page.$$('ul[aria-label="Findings"] button.finding');
      for (const finding of findings) await finding.click();
      await page.click('#share-button');
      await assertSafe(page, `pasted ${payload}`);
    }
    await page.context().close();
  });

  test('share links with payloads open as text', async () => {
    const page = await watchedPage();
    for (const payload of PAYLOADS) {
      const code = `// ${MARK} ${payload}\nconst s = ${JSON.stringify(payload)};\n`;
      await page.goto('about:blank');
      await page.goto(`${env.server.url}#${share(code)}`);
      await waitForApp(page);
      assert.equal(await editorText(page), code);
      await assertSafe(page, `share link ${payload}`);
    }
    await page.context().close();
  });

  test('lesson, workshop, pack and embed fragments with payloads execute nothing', async () => {
    const page = await watchedPage();
    for (const payload of PAYLOADS) {
      const p = encodeURIComponent(payload);
      const code = share(`// ${payload}\nconst s = ${JSON.stringify(payload)};\n`);
      for (const fragment of [
        `#/tutorial/${p}`,
        `#/workshop/${p}`,
        `#/workshop/${p}/facilitator`,
        `#/workshop/custom?pack=${p}`,
        `#/embed?code=${p}`,
        `#/embed?code=${code}&panel=${p}&theme=${p}&lang=${p}&height=${p}`,
        `#${p}`,
      ]) {
        await page.goto('about:blank');
        await page.goto(env.server.url + fragment);
        await page.waitForSelector('#boot', { state: 'detached', timeout: 30_000 });
        // A lesson or pack page shows the address once its content has come.
        await page.waitForSelector('main.content-page', { state: 'detached' });
        await assertSafe(page, fragment);
      }
    }
    await page.context().close();
  });
});

/** Every bidirectional control that reorders text (see app/src/shell/bidi.rs). */
const BIDI = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/;

describe('text that is not what it seems', () => {
  test('bidi controls from the code are shown, not obeyed, in the findings and the embed', async () => {
    const page = await watchedPage();
    await page.goto(env.server.url);
    await waitForApp(page);
    const code = "const express = require('express');\nconst app = express();\n" +
      "global['\u202Eevil\u202C'] = 0;\napp.get('/', (req, res) => { global['\u202Eevil\u202C']++; res.end(); });\n";
    await setCode(page, code);
    const list = await page.textContent('ul[aria-label="Findings"]');
    assert.match(list, /⟨U\+202E⟩evil⟨U\+202C⟩/);
    assert.doesNotMatch(list, BIDI);
    assert.equal(await editorText(page), code, 'the code itself is unchanged');

    // The plain view lasts only until the embed, in view, starts its editor: record it.
    await page.addInitScript(() => {
      new MutationObserver(() => {
        const plain = document.querySelector('.embed-plain code');
        if (plain) window.__plain = plain.textContent;
      }).observe(document, { subtree: true, childList: true, characterData: true });
    });
    await page.goto('about:blank');
    await page.goto(`${env.server.url}#/embed?code=${share(code)}`);
    const plain = await (await page.waitForFunction(() => window.__plain)).jsonValue();
    assert.match(plain, /⟨U\+202E⟩evil⟨U\+202C⟩/);
    assert.doesNotMatch(plain, BIDI);
    await page.context().close();
  });

  test('a page the playground does not have takes the loading message away', async () => {
    const page = await watchedPage();
    await page.goto(`${env.server.url}#/no-such-page`);
    await page.waitForSelector('#boot', { state: 'detached', timeout: 30_000 });
    assert.match(await page.textContent('main.not-found'), /Nothing here/);
    await page.context().close();
  });

  test('a workshop link with a title of pages is refused', async () => {
    const page = await watchedPage();
    const pack = JSON.stringify({ id: 'x', title: 'T'.repeat(15_000), steps: [{ exercise: 'state-1-counter' }] });
    await page.goto(`${env.server.url}#/workshop/custom?pack=${deflateRawSync(Buffer.from(pack)).toString('base64url')}`);
    await page.waitForSelector('#boot', { state: 'detached', timeout: 30_000 });
    assert.match(await page.textContent('.workshop-error [role="alert"]'), /title is longer than 120 characters/);
    await page.context().close();
  });

  test('a lone surrogate that cannot be saved as typed is pointed out', async () => {
    const page = await watchedPage();
    await page.goto(env.server.url);
    await waitForApp(page);
    const lone = "const s = '\uD800';\n";
    await setCode(page, lone);
    await page.waitForSelector('.notice');
    assert.match(await page.textContent('.notice'), /lone surrogate/);
    assert.equal(await editorText(page), lone, 'the editor keeps it as typed');
    await page.context().close();
  });
});
