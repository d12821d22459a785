// Starts the wasm app, and until it runs shows the code and how much of the wasm has
// arrived. Trunk's default loader is an inline module script, which the
// Content-Security-Policy in index.html (no 'unsafe-inline') would block; Trunk.toml's
// `pattern_script` makes trunk emit a tag that loads this file instead and names the
// hashed bindings and wasm of the `phoenix-app` bundle in data attributes.
//
// The app ships as three bundles (app/src/lib.rs): `phoenix-app` for the playground,
// `phoenix-embed` for the embed, `phoenix-learn` for the lessons, workshops, drill and
// embed builder. This file picks one from the fragment, by the rule of `Page::bundle`
// (app/src/shell/page.rs), and writes its files into the tag's data attributes: the app
// reads them there to start its lint worker with the same glue and module.
//
// The tag is `async`: this runs while the rest of the page still loads, so the wasm is
// fetched and compiled while the editor bundle arrives. The app itself starts once the
// document is parsed, when the editor bundle (a classic script) has run.
const tag = document.querySelector('script[data-phoenix-js][data-phoenix-wasm]');
const parsed = document.readyState === 'loading'
  ? new Promise((resolve) => document.addEventListener('DOMContentLoaded', resolve, { once: true }))
  : Promise.resolve();

const bundle = bundleFor(location.hash);
if (bundle !== 'phoenix-app') {
  // Trunk gives the other bundles fixed names; the playground bundle's hash ties them to
  // this build, so a cached copy from an older build is not taken.
  const base = new URL(tag.dataset.phoenixJs, document.baseURI);
  const build = /-([0-9a-f]+)\.js$/.exec(base.pathname)?.[1] ?? '';
  tag.dataset.phoenixJs = new URL(`${bundle}.js?build=${build}`, base).href;
  tag.dataset.phoenixWasm = new URL(`${bundle}_bg.wasm?build=${build}`, base).href;
}

parsed.then(showCode).catch(() => {
  // The code view is a courtesy before the app starts; the app shows the code anyway.
});

const glue = import(tag.dataset.phoenixJs);
const module = compile(await fetch(tag.dataset.phoenixWasm));
await parsed;
await (await glue).default({ module_or_path: await module });

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

/** Compiles the wasm as it streams in, counting it into the progress bar. */
async function compile(response) {
  if (!response.ok) throw new Error(`the app's wasm did not load: ${response.status} ${response.url}`);
  const streamed = counted(response);
  // Streaming compilation needs the wasm type; a server that sends another one still works.
  if ((response.headers.get('Content-Type') ?? '').startsWith('application/wasm')) {
    return WebAssembly.compileStreaming(streamed);
  }
  return WebAssembly.compile(await streamed.arrayBuffer());
}

/** `response` with its body counted into the progress bar as it is read. The bar may not
 *  be parsed yet when the first bytes arrive: it is looked up as they come. */
function counted(response) {
  if (!response.body) return response;
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
  });
  // Same headers: Content-Type application/wasm lets it compile while it streams.
  return new Response(response.body.pipeThrough(counter), { headers: response.headers });
}

/** Shows the code the playground will open with: a share link's, the saved code, or the
 *  default example. Other views (embed, tutorial, …) show the page's text only. */
async function showCode() {
  const view = document.getElementById('boot-code');
  if (!view) return;
  const fragment = location.hash.replace(/^#/, '');
  let code = null;
  if (fragment.startsWith('v1.')) {
    code = await sharedCode(fragment.slice(3));
  } else if (['', '/', '/playground'].includes(fragment)) {
    const saved = localStorage.getItem('phoenix-playground.code');
    code = saved === null ? null : JSON.parse(saved);
    if (typeof code !== 'string') {
      const example = await fetch(view.dataset.example);
      code = example.ok ? await example.text() : null;
    }
  }
  // The app may have started while the code was on its way; its editor is then on screen.
  if (typeof code !== 'string' || !document.getElementById('boot')) return;
  view.textContent = code;
  view.hidden = false;
}

/** The code of a share link `#v1.<base64url(deflate-raw(code))>` (app/src/shared/share.rs). */
async function sharedCode(payload) {
  const base64 = payload.replace(/=+$/, '').replace(/-/g, '+').replace(/_/g, '/');
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const inflated = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
  return new Response(inflated).text();
}
