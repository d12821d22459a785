// The lint worker: runs the page's own wasm (the page posts the compiled module and the
// URL of its wasm-bindgen glue first), says { ready: true } once it has started, and
// answers { id, kind, source, index } with { id, json[, editor] } — from Rust's `answer`
// (app/src/lint_session/worker.rs) — or { id, error }. kind "lint" answers the slim findings and
// keeps the full result here; "diagnostic" and "applyAll" answer from it. Requests are
// handled one at a time, in order; the page drops answers it no longer needs. "ready"
// lets the page tell a worker that cannot start (lint on the page instead) from one that
// failed on an input (the input is the problem: start a new worker).
let ready = null;

self.onmessage = async ({ data }) => {
  if (data.glue) {
    ready = import(data.glue).then(async (glue) => {
      await glue.default({ module_or_path: data.module });
      return glue;
    });
    ready.then(
      () => self.postMessage({ ready: true }),
      (error) => self.postMessage({ error: `the linter could not start: ${error}` }),
    );
    return;
  }
  try {
    const glue = await ready;
    self.postMessage({ id: data.id, ...glue.answer(data.kind, data.source, data.index) });
  } catch (error) {
    self.postMessage({ id: data.id, error: String(error && error.message ? error.message : error) });
  }
};
