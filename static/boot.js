// Starts the wasm app, and until it runs shows the code and how much of the wasm has
// arrived. Trunk's default loader is an inline module script, which the
// Content-Security-Policy in index.html (no 'unsafe-inline') would block; Trunk.toml's
// `pattern_script` makes trunk emit a tag that loads this file instead and names the
// hashed bindings and wasm in data attributes.
//
// This file fetches the wasm itself, so it can count the bytes as they arrive. The fetch
// matches trunk's preload of the wasm (same URL, CORS mode, same-origin credentials, no
// integrity: index.html turns trunk's integrity hashes off, because a preload with one
// is only reused by a fetch with the same hash, and a fetch with a hash hands over no
// byte before the last has arrived), so the browser serves it from the preload.
const tag = document.querySelector('script[data-phoenix-js][data-phoenix-wasm]');
const progress = document.getElementById('boot-progress');
const loaded = document.getElementById('boot-loaded');

showCode().catch(() => {
  // The code view is a courtesy before the app starts; the app shows the code anyway.
});

const glue = import(tag.dataset.phoenixJs);
const response = await fetch(tag.dataset.phoenixWasm);
await (await glue).default({ module_or_path: counted(response) });

/** `response` with its body counted into the progress bar as it is read. */
function counted(response) {
  if (!response.ok || !response.body || !progress) return response;
  // Content-Length counts the compressed bytes when the server compresses, the stream
  // hands over decompressed ones: a fraction is only honest without compression.
  const total = response.headers.get('Content-Encoding') ? 0 : Number(response.headers.get('Content-Length'));
  if (total > 0) progress.max = total;
  let bytes = 0;
  const counter = new TransformStream({
    transform(chunk, controller) {
      bytes += chunk.byteLength;
      if (total > 0) progress.value = Math.min(bytes, total);
      if (loaded) loaded.textContent = `${Math.round(bytes / 1024)} KB`;
      controller.enqueue(chunk);
    },
  });
  // Same headers: Content-Type application/wasm lets the glue compile while it streams.
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
