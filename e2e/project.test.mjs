// End-to-end tests of projects in the playground: a folder opened as tabs, findings in
// several files, Apply all, reload, and a share link carrying every file.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { revision, ROOT, useServedBrowser, waitForApp, waitForLint } from './harness.mjs';

const SCREENSHOTS = join(ROOT, 'target', 'e2e-screenshots');
const SHOP = join(ROOT, 'content', 'examples', 'shop');
const SHOP_FILES = [
  'app.js', 'config/session.js', 'controllers/cart.js', 'models/cart.js', 'routes/cart.js',
  'routes/uploads.js',
];

const env = useServedBrowser();
let folder;

before(async () => {
  // The shop as a learner's checkout: with dependencies, a git folder and other files.
  folder = join(await mkdtemp(join(tmpdir(), 'phoenix-project-')), 'shop');
  await cp(SHOP, folder, { recursive: true });
  await mkdir(join(folder, 'node_modules', 'express'), { recursive: true });
  await writeFile(join(folder, 'node_modules', 'express', 'index.js'), 'module.exports = 1;\n');
  await mkdir(join(folder, '.git'), { recursive: true });
  await writeFile(join(folder, '.git', 'hook.js'), 'x();\n');
  await writeFile(join(folder, 'README.md'), '# shop\n');
  await writeFile(join(folder, 'bundle.js'), `// ${'x'.repeat(300 * 1024)}\n`);
});

after(async () => {
  if (folder) await rm(join(folder, '..'), { recursive: true, force: true });
});

async function openApp(viewport = { width: 1440, height: 900 }, url = env.server.url) {
  const context = await env.browser.newContext({ viewport });
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (error) => page.errors.push(error));
  page.on('dialog', (dialog) => dialog.accept());
  await page.goto(url);
  await waitForApp(page);
  return page;
}

/** The tabs' paths, in order. */
function tabPaths(page) {
  return page.$$eval('.file-tab-name', (els) => els.map((el) => el.dataset.path));
}

/** Each tab's number of findings (0 when it shows none). */
function tabCounts(page) {
  return page.$$eval('.file-tab-name', (els) =>
    Object.fromEntries(els.map((el) => [el.dataset.path, Number(el.dataset.count)])));
}

/** Waits until the project lint has given every tab its count. */
async function waitForCounts(page) {
  await page.waitForFunction(() => [...document.querySelectorAll('.file-tab-name')]
    .every((el) => el.dataset.count !== undefined));
  // The shown file's lint and the project's settle.
  await page.waitForTimeout(400);
  return tabCounts(page);
}

describe('Projects in the playground', () => {
  test('a folder opens as tabs, its findings are in two files, and they survive apply all, reload and a share link', async () => {
    const page = await openApp();
    // One file: no tabs, only the ways to add files.
    assert.equal(await page.$$eval('.file-tab', (els) => els.length), 0);
    assert.ok(await page.isVisible('#file-add'));
    assert.ok(await page.isVisible('#open-folder'));

    await page.setInputFiles('#open-folder-input', folder);
    await page.waitForSelector('.file-tab');
    assert.deepEqual(await tabPaths(page), SHOP_FILES);
    const notice = await page.textContent('.notice');
    assert.match(notice, /Opened 6 files/);
    assert.match(notice, /nothing was uploaded/);
    assert.match(notice, /Left out: 2 files in node_modules or hidden folders; 1 file that is not \.js/);
    assert.match(notice, /1 file \(301 KB\) over the limits/);
    assert.equal(await page.getAttribute('.file-tab.active .file-tab-name', 'data-path'), 'app.js');

    const counts = await waitForCounts(page);
    const withFindings = Object.entries(counts).filter(([, n]) => n > 0).map(([path]) => path);
    assert.ok(withFindings.length >= 2, `findings in two files at least: ${JSON.stringify(counts)}`);
    await mkdir(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, 'project-1440.png') });

    // A finding of another file: its tab is shown and the finding selected there.
    const elsewhere = await page.$$eval('.elsewhere-file', (els) => els.map((el) => el.textContent));
    assert.ok(elsewhere.length > 0);
    const target = elsewhere[0].split(':')[0];
    const before = await revision(page);
    await page.click('.elsewhere-item >> nth=0');
    await waitForLint(page, before);
    assert.equal(await page.getAttribute('.file-tab.active .file-tab-name', 'data-path'), target);
    await page.waitForSelector('button.finding[aria-pressed="true"], button.finding.selected, .finding.selected');
    const shown = await page.evaluate(() => window.PhoenixEditor.active.getText());
    const { readFile } = await import('node:fs/promises');
    assert.equal(shown, await readFile(join(SHOP, target), 'utf8'));

    // Apply all: the rewrites of every file, in one step.
    const countsBefore = await waitForCounts(page);
    const total = (counts) => Object.values(counts).reduce((x, y) => x + y, 0);
    const applyAll = async () => {
      const beforeApply = await revision(page);
      await page.click('#apply-all:not([disabled])');
      await waitForLint(page, beforeApply);
      await page.waitForSelector('#notice-undo-apply-all');
      await page.waitForFunction((n) => [...document.querySelectorAll('.file-tab-name')]
        .reduce((sum, el) => sum + Number(el.dataset.count), 0) < n, total(countsBefore));
      return waitForCounts(page);
    };
    let afterApply = await applyAll();
    const fewer = Object.keys(countsBefore).filter((path) => afterApply[path] < countsBefore[path]);
    assert.ok(fewer.length >= 2, `rewrites in two files: ${JSON.stringify([countsBefore, afterApply])}`);
    assert.match(await page.textContent('.notice'), /Applied \d+ rewrites? in \d+ files/);
    const applied = await page.evaluate(() => window.PhoenixEditor.active.getText());
    assert.notEqual(applied, shown);
    // "Undo Apply all" puts every file back; then Apply all again.
    const beforeUndo = await revision(page);
    await page.click('#notice-undo-apply-all');
    await waitForLint(page, beforeUndo);
    await page.waitForFunction((text) => window.PhoenixEditor.active.getText() === text, shown);
    await page.waitForFunction((n) => [...document.querySelectorAll('.file-tab-name')]
      .reduce((sum, el) => sum + Number(el.dataset.count), 0) === n, total(countsBefore));
    afterApply = await applyAll();
    assert.equal(await page.evaluate(() => window.PhoenixEditor.active.getText()), applied);
    // The shown file's own undo history: Ctrl+Z and Ctrl+Shift+Z in the editor.
    await page.click('.cm-content');
    await page.keyboard.press('Control+z');
    await page.waitForFunction((text) => window.PhoenixEditor.active.getText() === text, shown);
    await page.keyboard.press('Control+Shift+z');
    await page.waitForFunction((text) => window.PhoenixEditor.active.getText() === text, applied);
    // Another tab and back: each file keeps its text (and its undo history).
    await page.click('.file-tab-name[data-path="app.js"]');
    await page.waitForFunction(() => window.PhoenixEditor.active.getText().includes("app.use('/api/cart'"));
    await page.click(`.file-tab-name[data-path="${target}"]`);
    await page.waitForFunction((text) => window.PhoenixEditor.active.getText() === text, applied);
    assert.deepEqual(await waitForCounts(page), afterApply);

    // Reload: the files are kept, the edited one as edited.
    await page.waitForTimeout(600);
    await page.reload();
    await waitForApp(page);
    assert.deepEqual(await tabPaths(page), SHOP_FILES);
    assert.equal(await page.getAttribute('.file-tab.active .file-tab-name', 'data-path'), target);
    assert.equal(await page.evaluate(() => window.PhoenixEditor.active.getText()), applied);
    assert.deepEqual(await waitForCounts(page), afterApply);

    // Share: a fresh browser opens the same files with the same findings.
    await page.click('#share-button');
    const link = await page.inputValue('.share-link input');
    assert.match(link, /#p1\./);
    const other = await openApp({ width: 375, height: 812 }, link);
    assert.deepEqual(await tabPaths(other), SHOP_FILES);
    assert.deepEqual(await waitForCounts(other), afterApply);
    await other.click(`.file-tab-name[data-path="${target}"]`);
    await other.waitForFunction((text) => window.PhoenixEditor.active.getText() === text, applied);
    await other.screenshot({ path: join(SCREENSHOTS, 'project-375.png'), fullPage: false });
    assert.deepEqual(other.errors, []);
    assert.deepEqual(page.errors, []);
    await other.context().close();
    await page.context().close();
  });

  test('one lint per edit answers the shown file and every tab; a clean file says where the findings are; a place in another file opens it', async () => {
    const context = await env.browser.newContext({ viewport: { width: 1440, height: 900 } });
    // Every message the page posts to its lint worker, by kind.
    await context.addInitScript(() => {
      window.__posted = [];
      const post = Worker.prototype.postMessage;
      Worker.prototype.postMessage = function (message, ...rest) {
        if (typeof message === 'string') {
          const [kind, body] = Object.entries(JSON.parse(message))[0] ?? [];
          window.__posted.push({ kind, project: Boolean(body?.project) });
        }
        return post.call(this, message, ...rest);
      };
    });
    const page = await context.newPage();
    page.errors = [];
    page.on('pageerror', (error) => page.errors.push(error));
    page.on('dialog', (dialog) => dialog.accept());
    await page.goto(env.server.url);
    await waitForApp(page);
    await page.setInputFiles('#open-folder-input', folder);
    await page.waitForSelector('.file-tab');
    const counts = await waitForCounts(page);
    // app.js only mounts what the other files define: nothing to find in it, and the
    // summary says so without calling the server safe.
    assert.equal(counts['app.js'], 0);
    const elsewhere = Object.values(counts).reduce((x, y) => x + y, 0);
    assert.equal(await page.textContent('#findings-summary'),
      `No stateful patterns in this file; ${elsewhere} findings in the project's other files.`);
    assert.ok(await page.isVisible('#findings-clean-file'));
    assert.equal(await page.$('.all-clear'), null);

    // An edit: one request to the worker, the lint of the shown file in its project,
    // which answers for every tab too.
    await page.evaluate(() => { window.__posted = []; });
    const before = await revision(page);
    await page.click('.cm-content');
    await page.keyboard.press('Control+End');
    await page.keyboard.type('\n// edited');
    await waitForLint(page, before);
    await page.waitForTimeout(500);
    const posted = await page.evaluate(() => window.__posted);
    assert.deepEqual(posted, [{ kind: 'lint', project: true }]);
    assert.deepEqual(await waitForCounts(page), counts);

    // The controller's finding on the model's Map: the explanation names the model's
    // declaration, and that place opens the model with `carts` selected.
    const beforeSwitch = await revision(page);
    await page.click('.file-tab-name[data-path="controllers/cart.js"]');
    await waitForLint(page, beforeSwitch);
    await page.click('button.finding >> nth=0');
    const declared = await page.waitForSelector('.where .other-file[data-file="models/cart.js"]');
    assert.match(await declared.textContent(), /^models\/cart\.js:2:7 declared in models\/cart\.js/);
    await declared.click();
    await page.waitForFunction(() =>
      document.querySelector('.file-tab.active .file-tab-name')?.dataset.path === 'models/cart.js');
    const selected = await page.evaluate(() => {
      const { state } = window.PhoenixEditor.active.view;
      return state.sliceDoc(state.selection.main.from, state.selection.main.to);
    });
    assert.equal(selected, 'carts');
    assert.deepEqual(page.errors, []);
    await context.close();
  });

  test('a rewrite that edits two files shows both previews, applies to both and is undone in both', async () => {
    const page = await openApp();
    await page.setInputFiles('#open-folder-input', folder);
    await page.waitForSelector('.file-tab');
    const { readFile } = await import('node:fs/promises');
    const model = await readFile(join(SHOP, 'models/cart.js'), 'utf8');
    const controller = await readFile(join(SHOP, 'controllers/cart.js'), 'utf8');
    const before = await revision(page);
    await page.click('.file-tab-name[data-path="controllers/cart.js"]');
    await waitForLint(page, before);
    const counts = await waitForCounts(page);
    await page.click('button.finding >> nth=0');
    // The preview shows this file and the model the rewrite also changes.
    await page.waitForSelector('.rewrite h5.rewrite-file >> text=models/cart.js');
    const previews = await page.$$eval('.rewrite >> nth=0', (els) =>
      [...els[0].querySelectorAll('.diff')].map((d) => d.getAttribute('aria-label')));
    assert.equal(previews.length, 2, previews.join(' | '));
    assert.match(previews[1], /in models\/cart\.js$/);
    const beforeApply = await revision(page);
    await page.click('.rewrite >> nth=0 >> button.apply');
    await waitForLint(page, beforeApply);
    assert.match(await page.textContent('.notice'), /here and in models\/cart\.js/);
    const rewritten = await page.evaluate(() => window.PhoenixEditor.active.getText());
    assert.notEqual(rewritten, controller);
    assert.match(rewritten, /redis/i);
    // The model no longer declares the Map; the findings went down in the controller.
    await page.waitForFunction((n) =>
      Number(document.querySelector('.file-tab-name[data-path="controllers/cart.js"]').dataset.count) < n,
    counts['controllers/cart.js']);
    await page.click('.file-tab-name[data-path="models/cart.js"]');
    await page.waitForFunction((m) => window.PhoenixEditor.active.getText() !== m, model);
    const modelAfter = await page.evaluate(() => window.PhoenixEditor.active.getText());
    assert.ok(!modelAfter.includes('const carts = new Map()'), modelAfter);
    // One undo puts both files back.
    await page.click('#notice-undo-every-file');
    await page.waitForFunction((m) => window.PhoenixEditor.active.getText() === m, model);
    await page.click('.file-tab-name[data-path="controllers/cart.js"]');
    await page.waitForFunction((c) => window.PhoenixEditor.active.getText() === c, controller);
    assert.deepEqual(await waitForCounts(page), counts);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test('a folder dropped on the editor opens as tabs, dependencies and hidden folders not even walked', async () => {
    const page = await openApp();
    const { readFile } = await import('node:fs/promises');
    const shop = await Promise.all(SHOP_FILES.map(async (path) =>
      ({ path, text: await readFile(join(SHOP, path), 'utf8') })));
    // A headless browser cannot drag a folder from the desktop: the drop carries the
    // folder as the browser's directory entries do (webkitGetAsEntry, createReader,
    // readEntries in batches, file), built from the shop's files plus node_modules and
    // .git, which must be skipped without being read.
    const dropped = await page.evaluate((files) => {
      window.__walked = [];
      const file = (name, text) => ({ isFile: true, isDirectory: false, name,
        file(ok) { window.__walked.push(name); ok(new File([text], name)); } });
      const folder = (name, children) => ({ isFile: false, isDirectory: true, name,
        createReader() {
          window.__walked.push(`${name}/`);
          let batches = [children.slice(0, 2), children.slice(2), []];
          return { readEntries(ok) { ok(batches.shift() ?? []); } };
        } });
      const tree = (prefix, paths) => {
        const here = new Map();
        for (const { path, text } of paths) {
          const [head, ...rest] = path.split('/');
          if (!here.has(head)) here.set(head, []);
          here.get(head).push({ path: rest.join('/'), text });
        }
        return [...here].map(([name, inside]) => (inside.length === 1 && inside[0].path === ''
          ? file(name, inside[0].text) : folder(name, tree(`${prefix}${name}/`, inside))));
      };
      const root = folder('shop', [
        ...tree('', files.map(({ path, text }) => ({ path, text }))),
        folder('node_modules', [folder('express', [file('index.js', 'module.exports = 1;')])]),
        folder('.git', [file('hook.js', 'x();')]),
      ]);
      const dt = new DataTransfer();
      dt.items.add(new File(['x'], 'shop'));
      DataTransferItem.prototype.webkitGetAsEntry = () => root;
      const target = document.querySelector('.editor-panel');
      const event = new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true });
      target.dispatchEvent(event);
      return event.defaultPrevented;
    }, shop);
    assert.ok(dropped, 'the playground takes the drop');
    await page.waitForSelector('.file-tab');
    assert.deepEqual(await tabPaths(page), SHOP_FILES);
    const notice = await page.textContent('.notice');
    assert.match(notice, /Opened 6 files from the folder/);
    assert.match(notice, /2 folders \(node_modules or hidden\) not read/);
    const walked = await page.evaluate(() => window.__walked);
    assert.ok(!walked.some((name) => ['node_modules/', '.git/', 'express/', 'hook.js'].includes(name)), walked.join(' '));
    for (const { path, text } of shop) {
      await page.click(`.file-tab-name[data-path="${path}"]`);
      await page.waitForFunction((t) => window.PhoenixEditor.active.getText() === t, text);
    }
    const counts = await waitForCounts(page);
    assert.ok(Object.values(counts).filter((n) => n > 0).length >= 2, JSON.stringify(counts));
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test('the shop gives the same findings in the CLI, the npm package and the playground', async () => {
    const { readFile, stat } = await import('node:fs/promises');
    const { spawnSync } = await import('node:child_process');
    const { relative } = await import('node:path');
    // One line per finding: file, rule, place and message (code spans lose their backticks
    // on the page).
    const line = (path, rule, at, message) => `${path} ${rule} ${at} ${message.replaceAll('`', '')}`;
    const files = await Promise.all(SHOP_FILES.map(async (path) => ({ path, source: await readFile(join(SHOP, path), 'utf8') })));

    const cli = join(process.env.CARGO_TARGET_DIR ?? join(ROOT, 'target'), 'debug', 'phoenix-lint');
    await stat(cli).catch(() => assert.fail(`${cli} is missing: run cargo build -p phoenix-lint (scripts/e2e.sh does)`));
    const run = spawnSync(cli, ['--format', 'json', '.'], { cwd: SHOP, encoding: 'utf8' });
    assert.equal(run.status, 1, run.stderr);
    const fromCli = JSON.parse(run.stdout).flatMap((file) => file.messages.map((m) =>
      line(relative(SHOP, file.filePath), m.ruleId, `${m.line}:${m.column}`, m.message))).sort();

    const pkg = join(ROOT, 'wasm-api', 'pkg');
    await stat(join(pkg, 'phoenix_lint_wasm_bg.wasm')).catch(() => assert.fail('wasm-api/pkg is missing: run scripts/build-wasm-api.sh (scripts/e2e.sh does)'));
    const api = await import(join(pkg, 'phoenix_lint_wasm.js'));
    api.initSync({ module: await readFile(join(pkg, 'phoenix_lint_wasm_bg.wasm')) });
    const fromPackage = api.lintProject(files).flatMap((file) => file.messages.map((m) =>
      line(file.path, m.ruleId, `${m.line}:${m.column}`, m.message))).sort();

    const page = await openApp();
    await page.selectOption('#example-select', 'shop');
    await page.waitForSelector('.file-tab');
    await waitForCounts(page);
    const fromPlayground = [];
    for (const path of SHOP_FILES) {
      const start = await revision(page);
      await page.click(`.file-tab-name[data-path="${path}"]`);
      if (path !== 'app.js') await waitForLint(page, start);
      await page.waitForTimeout(300);
      const shown = await page.$$eval('button.finding', (els) => els.map((el) => [
        el.querySelector('.finding-rule').textContent,
        el.querySelector('.finding-pos').textContent,
        el.querySelector('.finding-message').textContent,
      ]));
      fromPlayground.push(...shown.map(([rule, at, message]) => line(path, rule, at, message)));
    }
    fromPlayground.sort();

    assert.ok(fromCli.length >= 4, fromCli.join('\n'));
    assert.ok(fromCli.some((f) => f.startsWith('controllers/cart.js no-global-state') && f.includes('exported by models/cart.js')), fromCli.join('\n'));
    assert.deepEqual(fromPackage, fromCli);
    assert.deepEqual(fromPlayground, fromCli);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test('files are added, renamed and deleted; the multi-file example opens from the menu', async () => {
    const page = await openApp();
    // A name is typed in place: Enter takes it, Escape keeps things as they were.
    await page.click('#file-add');
    assert.equal(await page.inputValue('#file-name'), 'untitled.js');
    await page.keyboard.press('Escape');
    await page.waitForSelector('#file-add');
    assert.equal(await page.$$eval('.file-tab', (els) => els.length), 0);
    await page.click('#file-add');
    // A wrong name is said beside the field, which stays open with what was typed.
    for (const [name, why] of [['../secrets.js', /inside the project/], ['app.js', /already has this name/], ['notes.md', /Only \.js/]]) {
      await page.fill('#file-name', name);
      await page.keyboard.press('Enter');
      await page.waitForSelector('#file-name-help.has-error');
      assert.match(await page.textContent('#file-name-help'), why);
      assert.equal(await page.inputValue('#file-name'), name);
    }
    await page.fill('#file-name', 'models/store.js');
    await page.keyboard.press('Enter');
    await page.waitForSelector('.file-tab');
    assert.deepEqual(await tabPaths(page), ['app.js', 'models/store.js']);
    assert.equal(await page.evaluate(() => window.PhoenixEditor.active.getText()), '');
    await page.click('.file-tab.active .file-tab-act[aria-label^="Rename"]');
    assert.equal(await page.inputValue('#file-name'), 'models/store.js');
    await page.fill('#file-name', 'models/items.js');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('.file-tab.active .file-tab-name')?.dataset.path === 'models/items.js');
    await page.click('.file-tab.active .file-tab-act[aria-label^="Delete"]');
    await page.waitForFunction(() => document.querySelectorAll('.file-tab').length === 0);

    await page.selectOption('#example-select', 'shop');
    await page.waitForSelector('.file-tab');
    assert.deepEqual(await tabPaths(page), SHOP_FILES);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });
});
