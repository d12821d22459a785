// Starts the wasm app. Trunk's default loader is an inline module script, which the
// Content-Security-Policy in index.html (no 'unsafe-inline') would block; Trunk.toml's
// `pattern_script` makes trunk emit a tag that loads this file instead and names the
// hashed bindings and wasm in data attributes. Trunk still adds its preload links (with
// integrity hashes) for both.
const tag = document.querySelector('script[data-phoenix-js][data-phoenix-wasm]');
const { default: init } = await import(tag.dataset.phoenixJs);
await init({ module_or_path: tag.dataset.phoenixWasm });
