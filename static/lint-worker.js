// The lint worker: runs the playground's linter, `phoenix-linter` (the page posts the
// module it compiled and the URL of its wasm-bindgen glue first), replies "ready" once it
// has started, and
// answers each request — a `WorkerRequest` as JSON text — with Rust's `answer`
// (app/src/lint_session/worker.rs), a `WorkerReply` as JSON text. When the linter fails,
// the reply {"failed": {id, error}} is written here, naming the request's id (each request
// is one kind holding the id: {"lint": {"id": 1, …}}). Requests are
// handled one at a time, in order; the page drops answers it no longer needs. "ready"
// lets the page tell a worker that cannot start (lint on the page instead) from one that
// failed on an input (the input is the problem: start a new worker).
let ready = null;

const failed = (id, error) =>
  JSON.stringify({ failed: { id, error: String(error && error.message ? error.message : error) } });

self.onmessage = async ({ data }) => {
  if (data.glue) {
    ready = import(data.glue).then(async (glue) => {
      await glue.default({ module_or_path: data.module });
      return glue;
    });
    ready.then(
      () => self.postMessage(JSON.stringify("ready")),
      (error) => self.postMessage(failed(null, `the linter could not start: ${error}`)),
    );
    return;
  }
  try {
    const glue = await ready;
    self.postMessage(glue.answer(data));
  } catch (error) {
    let id = null;
    try {
      id = Object.values(JSON.parse(data))[0].id;
    } catch {
      // A request that is not JSON names no id: the worker as a whole failed.
    }
    self.postMessage(failed(id, error));
  }
};
