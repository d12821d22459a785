// The lint worker: runs the page's own wasm (the page posts the compiled module and the
// URL of its wasm-bindgen glue first) and answers { id, kind, source, index } with
// { id, json[, editor] } — from Rust's `answer` (app/src/lint_worker.rs) — or { id, error }.
// kind "lint" answers the slim findings and keeps the full result here; "diagnostic" and
// "applyAll" answer from it. Requests are handled one at a time, in order; the page drops
// answers it no longer needs.
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
    self.postMessage({ id: data.id, ...glue.answer(data.kind, data.source, data.index) });
  } catch (error) {
    self.postMessage({ id: data.id, error: String(error && error.message ? error.message : error) });
  }
};
