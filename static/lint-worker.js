// The lint worker: runs the playground's linter, `phoenix-linter` (the page posts the
// module it compiled, the URL of its wasm-bindgen glue and where the linter built for speed
// is first), replies "ready" once it has started, and answers each request — a
// `WorkerRequest` as JSON text — with Rust's `answer` (app/src/lint_session/worker.rs), a
// `WorkerReply` as JSON text. When the linter fails, the reply {"failed": {id, error}} is
// written here, naming the request's id (each request is one kind holding the id:
// {"lint": {"id": 1, …}}). Requests are handled one at a time, in order; the page drops
// answers it no longer needs. "ready" lets the page tell a worker that cannot start (lint
// on the page instead) from one that failed on an input (the input is the problem: start a
// new worker).
//
// The first lint request of FAST_FROM characters or more fetches `phoenix-fastlinter`, the
// same linter built for speed (Cargo.toml's `fastlinter` profile): its lints of a
// 2,000-line file take a third to a half less time, and it is 566 KB to download, which
// short texts are not worth. The request's length stands for the lint's work: it is the
// text, or in a project every file, all of which are linted together. Until it has
// started the small one lints; then it lints. If it fails on a text (it takes more stack
// than the small one per level of some nestings) the small one lints that text, and every
// text after it: the failed lint's memory is not given back, so the fast one is not asked
// again. If it does not load, the small one goes on alone.
const FAST_FROM = 32 * 1024;

let small = null;
/** Where the linter built for speed is ({glue, wasm}), until it is asked for. */
let fastFiles = null;
/** Its glue, once it has started. */
let fast = null;
/** The linter that linted last: it keeps that result, which the asks after it are about. */
let holder = null;
/** Which linters there are and which linted last, on the worker's global for a look from
 *  the developer tools (and the tests): `fast` is "not asked", "loading", "started" or
 *  "failed"; `linted`, "small" or "fast". */
const status = (self.linterStatus = { fast: 'not asked', linted: null });

const failed = (id, error) =>
  JSON.stringify({ failed: { id, error: String(error && error.message ? error.message : error) } });

const start = async ({ glue, module }) => {
  const started = await import(glue);
  await started.default({ module_or_path: module });
  return started;
};

self.onmessage = async ({ data }) => {
  if (data.glue) {
    small = start(data);
    fastFiles = data.fast ?? null;
    small.then(
      () => self.postMessage(JSON.stringify("ready")),
      (error) => self.postMessage(failed(null, `the linter could not start: ${error}`)),
    );
    return;
  }
  try {
    const linter = await small;
    const lint = data.startsWith('{"lint"');
    if (lint && fastFiles && data.length >= FAST_FROM) {
      const files = fastFiles;
      fastFiles = null;
      status.fast = 'loading';
      start({ glue: files.glue, module: files.wasm }).then(
        (glue) => {
          fast = glue;
          status.fast = 'started';
        },
        // The small linter goes on: the page is no worse off than without it.
        (error) => {
          status.fast = 'failed';
          console.warn(`The linter built for speed did not start, so the small one lints: ${error}`);
        },
      );
    }
    const first = lint ? (fast ?? linter) : (holder ?? linter);
    let reply;
    let answered = first;
    try {
      reply = first.answer(data);
    } catch (error) {
      if (first === linter) throw error;
      fast = null;
      status.fast = 'failed';
      reply = linter.answer(data);
      answered = linter;
    }
    if (lint) {
      holder = answered;
      status.linted = answered === fast ? 'fast' : 'small';
    }
    self.postMessage(reply);
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
