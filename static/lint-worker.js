// The lint worker: runs the page's own wasm (the page posts the compiled module and the
// URL of its wasm-bindgen glue first) and answers { id, source, options } with
// { id, json } — lint-core's result as JSON, from Rust — or { id, error }.
// Requests are handled one at a time, in order; the page drops answers it no longer needs.
let ready = null;

self.onmessage = async ({ data }) => {
  if (data.glue) {
    ready = import(data.glue).then(async (glue) => {
      await glue.default({ module_or_path: data.module });
      return glue;
    });
    ready.catch((error) => self.postMessage({ error: `the linter could not start: ${error}` }));
    return;
  }
  try {
    const glue = await ready;
    self.postMessage({ id: data.id, json: glue.lintJson(data.source, data.options) });
  } catch (error) {
    self.postMessage({ id: data.id, error: String(error && error.message ? error.message : error) });
  }
};
