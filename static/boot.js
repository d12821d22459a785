// Starts the wasm app, and until it runs shows the code, how much of the wasm has
// arrived and, on the playground, the code's findings. Trunk's default loader is an
// inline module script, which the Content-Security-Policy in index.html (no
// 'unsafe-inline') would block; Trunk.toml's `pattern_script` makes trunk emit a tag that
// loads this file instead and names the hashed bindings and wasm of the `phoenix-app`
// bundle in data attributes.
//
// The app ships as bundles of its own (app/src/lib.rs): `phoenix-app` for the playground,
// with `phoenix-linter`, its linter; `phoenix-embed` for the embed; `phoenix-learn` for
// the lessons, workshops, drill and embed builder. This file picks one from the fragment,
// by the rule of `Page::bundle` (app/src/shell/page.rs).
//
// The order of a load on the playground:
//  1. The linter's wasm is fetched and compiled as it streams in, alone on the wire (the
//     tag is `async`: this runs while the rest of the page still loads). Its download is
//     the progress bar.
//  2. Once it is in, the app's wasm and the editor bundle (whose tag index.html holds
//     inert) are fetched.
//  3. The linter lints the code the loading screen shows, and this file marks the
//     findings on it. The linter stays on the page as `PhoenixLinter`, for the app (which
//     links no linter) and its lint worker.
//  4. Once the app's wasm and the editor bundle have run and the findings are painted,
//     `mount` renders the app over the loading screen. (Instantiating a module runs
//     nothing: `root::main`.)
// The other views fetch their bundle's wasm and the editor at once, and mount when both
// are in.
const tag = document.querySelector('script[data-phoenix-js][data-phoenix-wasm]');
const parsed = document.readyState === 'loading'
  ? new Promise((resolve) => document.addEventListener('DOMContentLoaded', resolve, { once: true }))
  : Promise.resolve();

const bundle = bundleFor(location.hash);
// Trunk gives the bundles other than the tag's fixed names; a hash of each one's own files
// (scripts/bundle-versions.mjs) in its address keeps a cached copy from an older build
// from being taken.
const versions = new Map((tag.dataset.phoenixVersions ?? '').split(' ').map((entry) => entry.split(':')));
const built = (name) => {
  const base = new URL(tag.dataset.phoenixJs, document.baseURI);
  const version = versions.get(name) ?? '';
  return {
    glue: new URL(`${name}.js?v=${version}`, base).href,
    wasm: new URL(`${name}_bg.wasm?v=${version}`, base).href,
  };
};
const files = bundle === 'phoenix-app'
  ? { glue: new URL(tag.dataset.phoenixJs, document.baseURI).href, wasm: tag.dataset.phoenixWasm }
  : built(bundle);

// The code view is a courtesy before the app starts; the app shows the code anyway.
const shown = parsed.then(showCode).catch(() => null);

try {
  const app = bundle === 'phoenix-app' ? await startLinter() : await startBundle();
  await app.started;
  // The fragment changed while the page loaded, to a view of another bundle: that one.
  if (bundleFor(location.hash) !== bundle) location.reload();
  else app.glue.mount();
} catch (error) {
  stopped(error);
  throw error;
}

/** The playground: its linter first, alone on the wire, whose findings are marked on the
 *  loading screen; then the app's wasm and the editor. The linter stays on the page as
 *  `PhoenixLinter` for the app and its lint worker (app/src/lint_session/page_linter.rs). */
async function startLinter() {
  const linterFiles = built('phoenix-linter');
  const linterGlue = quiet(import(linterFiles.glue));
  const linter = compile(await fetch(linterFiles.wasm));
  const appGlue = quiet(linter.arrived.then(() => import(files.glue)));
  const appModule = quiet(linter.arrived.then(() => fetch(files.wasm)).then((response) => compile(response, false).module));
  const editor = quiet(linter.arrived.then(loadEditor));
  await parsed;
  const glue = await linterGlue;
  const module = await linter.module;
  await glue.default({ module_or_path: module });
  // `fast`: the same linter built for speed, which the lint worker fetches for long texts.
  globalThis.PhoenixLinter = Object.freeze({
    answer: glue.answer, glue: linterFiles.glue, module, fast: Object.freeze(built('phoenix-fastlinter')),
  });
  // The findings are marked when the code is on screen, if that is before the app starts
  // (a slow example does not hold the app back).
  quiet(shown.then((shown) => showFindings(glue, shown)));
  const app = await appGlue;
  // Findings marked by then are painted before the app's start takes the thread.
  const started = Promise.all([appModule.then((module) => app.default({ module_or_path: module })), editor])
    .then(nextPaint);
  return { glue: app, started };
}

/** `promise`, marked as handled: a load that fails before it is awaited (another step
 *  failed first) logs no unhandled rejection. Awaiting it still throws. */
function quiet(promise) {
  promise.catch(() => {});
  return promise;
}

/** Another view's bundle: its wasm and, at once, the editor, which it needs to show
 *  anything. */
async function startBundle() {
  const glue = quiet(import(files.glue));
  const { module } = compile(await fetch(files.wasm));
  const editor = quiet(parsed.then(loadEditor));
  await parsed;
  const app = await glue;
  await app.default({ module_or_path: await module });
  return { glue: app, started: editor };
}

/** The bundle that carries the view `hash` asks for: the rule of `Page::bundle`, read from
 *  the first path segment. A longer path under one of these names is an unknown page,
 *  which every bundle shows, so it does not matter which one starts for it. */
function bundleFor(hash) {
  const fragment = hash.replace(/^#/, '');
  if (!fragment.startsWith('/')) return 'phoenix-app';
  const [first] = fragment.slice(1).split('?')[0].split('/').filter(Boolean);
  if (first === 'embed') return 'phoenix-embed';
  if (['embed-builder', 'tutorial', 'workshop', 'drill'].includes(first)) return 'phoenix-learn';
  return 'phoenix-app';
}

/** Compiles the wasm as it streams in, counting it into the progress bar unless `shown`
 *  is false. `arrived` settles once its last byte is in. */
function compile(response, shown = true) {
  if (!response.ok) throw new Error(`a wasm file did not load: ${response.status} ${response.url}`);
  let done;
  const arrived = new Promise((resolve) => { done = resolve; });
  const streamed = shown ? counted(response, done) : response;
  if (!shown) done();
  // Streaming compilation needs the wasm type; a server that sends another one still works.
  const module = (response.headers.get('Content-Type') ?? '').startsWith('application/wasm')
    ? WebAssembly.compileStreaming(streamed)
    : streamed.arrayBuffer().then((bytes) => WebAssembly.compile(bytes));
  // A wasm that fails to arrive fails `module`; the editor need not wait for it.
  module.catch(done);
  return { module, arrived };
}

/** `response` with its body counted into the progress bar as it is read; `done` is called
 *  after the last byte. The bar may not be parsed yet when the first bytes arrive: it is
 *  looked up as they come. */
function counted(response, done) {
  if (!response.body) {
    done();
    return response;
  }
  // Content-Length counts the compressed bytes when the server compresses, the stream
  // hands over decompressed ones: a fraction is only honest without compression.
  const total = response.headers.get('Content-Encoding') ? 0 : Number(response.headers.get('Content-Length'));
  let bytes = 0;
  const counter = new TransformStream({
    transform(chunk, controller) {
      bytes += chunk.byteLength;
      const progress = document.getElementById('boot-progress');
      if (progress && total > 0) {
        progress.max = total;
        progress.value = Math.min(bytes, total);
      }
      const loaded = document.getElementById('boot-loaded');
      if (loaded) loaded.textContent = `${Math.round(bytes / 1024)} KB`;
      controller.enqueue(chunk);
    },
    flush: done,
  });
  // Same headers: Content-Type application/wasm lets it compile while it streams.
  return new Response(response.body.pipeThrough(counter), { headers: response.headers });
}

/** Runs the editor bundle, whose tag index.html holds inert (`type="text/plain"`), with
 *  the same address and integrity. */
function loadEditor() {
  const held = document.querySelector('script[data-phoenix-editor]');
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = held.src;
    if (held.integrity) script.integrity = held.integrity;
    script.onload = resolve;
    script.onerror = () => reject(new Error(`the editor did not load: ${held.src}`));
    document.head.append(script);
  });
}

/** Resolves once the next frame is painted (a frame callback runs before the paint, a
 *  timeout set from it after), or after 100 ms: a page in a background tab paints no
 *  frames. */
function nextPaint() {
  return new Promise((resolve) => {
    requestAnimationFrame(() => setTimeout(resolve));
    setTimeout(resolve, 100);
  });
}

/** The loading screen says why the app did not start. */
function stopped(error) {
  const label = document.querySelector('label[for="boot-progress"]');
  if (!label) return;
  label.textContent = `The app did not start (${error?.message ?? error}). Reload the page to try again.`;
  document.getElementById('boot-progress')?.remove();
}

/** Shows the code the playground will open with: a share link's, the saved code, or the
 *  default example. Other views (embed, tutorial, …) show the page's text only.
 *  Resolves with the code shown and whether the app lints it at once (its own saved code
 *  and the default example; a link's code goes to the lint worker), or null. */
async function showCode() {
  const view = document.getElementById('boot-code');
  if (!view) return null;
  const fragment = location.hash.replace(/^#/, '');
  let code = null;
  let trusted = true;
  if (fragment.startsWith('v1.')) {
    code = await sharedCode(fragment.slice(3));
    trusted = false;
  } else if (['', '/', '/playground'].includes(fragment)) {
    const saved = localStorage.getItem('phoenix-playground.code');
    code = saved === null ? null : JSON.parse(saved);
    if (typeof code !== 'string') {
      const example = await fetch(view.dataset.example);
      code = example.ok ? await example.text() : null;
    }
  }
  // The app may have started while the code was on its way; its editor is then on screen.
  if (typeof code !== 'string' || !document.getElementById('boot')) return null;
  view.textContent = code;
  view.hidden = false;
  return { code, trusted };
}

/** Marks the findings of the code shown on it, and lists them below it: what the linter's
 *  `boot_findings` finds, a `ResultSummary` (app/src/lint_session/summary.rs) whose ranges
 *  are eight numbers: bytes, UTF-16 offsets (as this string's), then lines and columns. */
function showFindings(linter, shown) {
  const view = document.getElementById('boot-code');
  if (!shown?.trusted || !view || !document.getElementById('boot') || view.textContent !== shown.code) return;
  let json;
  try {
    json = linter.boot_findings(shown.code);
  } catch {
    // The code stopped the linter: the app says so when it starts.
  }
  if (json === undefined) return;
  const items = JSON.parse(json).diagnostics.map(({ rule, severity, message, range: [, , from, to, line] }) =>
    ({ rule, severity, message, from, to, line }));
  const { code } = shown;
  const marked = document.createDocumentFragment();
  let at = 0;
  // Syntax errors come first in the list; marked in the order of the text.
  for (const { from, to, severity, rule } of [...items].sort((a, b) => a.from - b.from)) {
    // Ranges that overlap one already marked are listed, not marked.
    if (from < at || to <= from) continue;
    marked.append(code.slice(at, from));
    const mark = document.createElement('mark');
    mark.className = `boot-finding ${rule ?? 'syntax-error'}`;
    mark.dataset.severity = severity;
    mark.textContent = code.slice(from, to);
    marked.append(mark);
    at = to;
  }
  marked.append(code.slice(at));
  view.replaceChildren(marked);

  const list = document.getElementById('boot-findings');
  list.replaceChildren(...items.map(({ line, rule, message }) => {
    const item = document.createElement('li');
    item.textContent = `Line ${line}: ${message}${rule ? ` (${rule})` : ''}`;
    return item;
  }));
  list.hidden = items.length === 0;
  const findings = items.filter((item) => item.rule).length;
  const errors = items.length - findings;
  const label = document.querySelector('label[for="boot-progress"]');
  // The wasm is in; the bar now stands for the editor, whose size is not known.
  document.getElementById('boot-progress')?.removeAttribute('value');
  document.getElementById('boot-loaded')?.replaceChildren();
  if (label) {
    label.textContent = [
      findings === 1 ? '1 finding' : `${findings} findings`,
      ...(errors > 0 ? [errors === 1 ? '1 syntax error' : `${errors} syntax errors`] : []),
    ].join(', ') + '. Loading the editor…';
  }
  // The benchmark reads it (e2e/bench.mjs); the app marks `editor-findings` when its editor shows them.
  performance.mark('first-findings');
}

/** The code of a share link `#v1.<base64url(deflate-raw(code))>` (app/src/shared/share.rs). */
async function sharedCode(payload) {
  const base64 = payload.replace(/=+$/, '').replace(/-/g, '+').replace(/_/g, '/');
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const inflated = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
  return new Response(inflated).text();
}
