//! Linting off the main thread. The page's own wasm also runs in a dedicated worker
//! (`static/lint-worker.js`): the page posts it the compiled `WebAssembly.Module`, so
//! nothing is downloaded or compiled twice, and the worker calls [`lint_json`].
//!
//! [`LintClient`] numbers each request and applies only the newest answer. If the worker
//! cannot start, the lint runs on the main thread instead; if it fails or stops answering
//! on some input, the learner is told, the code stays in the editor, and the next edit
//! starts a fresh worker.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use gloo::timers::callback::Timeout;
use lint_core::{LintOptions, LintResult, MAX_SOURCE_BYTES, lint};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

/// Called by the worker script: lints `source` with the JSON `options` and returns the
/// result as JSON (an error message if the options do not parse).
#[wasm_bindgen(js_name = lintJson)]
pub fn lint_json(source: &str, options: &str) -> Result<String, JsError> {
    let options: LintOptions = serde_json::from_str(options)?;
    Ok(serde_json::to_string(&lint(source, &options))?)
}

/// The worker script, relative to the page (copied by trunk's copy-dir of static/).
const WORKER_URL: &str = "static/lint-worker.js";

/// A request the worker has not answered in this long is given up on, and the worker
/// replaced. The largest accepted file (10 MB) lints in a few seconds.
const WATCHDOG_MS: u32 = 30_000;

/// What became of the newest request.
#[derive(Debug)]
pub enum Outcome {
    Linted { source: Rc<str>, result: LintResult },
    Failed { source: Rc<str>, message: String },
}

struct Pending {
    id: u32,
    source: Rc<str>,
    _watchdog: Timeout,
}

struct Running {
    worker: web_sys::Worker,
    _on_message: Closure<dyn FnMut(web_sys::MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::Event)>,
    /// The worker has answered at least once, so it starts.
    answered: Rc<Cell<bool>>,
}

impl Drop for Running {
    fn drop(&mut self) {
        self.worker.set_onmessage(None);
        self.worker.set_onerror(None);
        self.worker.terminate();
    }
}

struct Inner {
    running: RefCell<Option<Running>>,
    pending: RefCell<Option<Pending>>,
    next_id: Cell<u32>,
    /// Set once a worker has failed to start: from then on the lint runs here.
    main_thread: Cell<bool>,
    on_done: Box<dyn Fn(Outcome)>,
}

/// Sends lint requests to the worker and reports the newest one's outcome.
#[derive(Clone)]
pub struct LintClient {
    inner: Rc<Inner>,
}

impl PartialEq for LintClient {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.inner, &other.inner)
    }
}

impl LintClient {
    pub fn new(on_done: impl Fn(Outcome) + 'static) -> Self {
        Self {
            inner: Rc::new(Inner {
                running: RefCell::new(None),
                pending: RefCell::new(None),
                next_id: Cell::new(0),
                main_thread: Cell::new(false),
                on_done: Box::new(on_done),
            }),
        }
    }

    /// Lints `source`; an answer to an earlier request that comes later is dropped.
    pub fn request(&self, source: String) {
        let inner = &self.inner;
        let id = inner.next_id.get().wrapping_add(1);
        inner.next_id.set(id);
        let source: Rc<str> = source.into();
        // Refused at once by lint-core (too large): no need to copy it to the worker.
        if inner.main_thread.get() || source.len() > MAX_SOURCE_BYTES {
            inner.pending.borrow_mut().take();
            lint_here(inner, source);
            return;
        }
        if inner.running.borrow().is_none() {
            match start(Rc::downgrade(inner)) {
                Ok(running) => *inner.running.borrow_mut() = Some(running),
                Err(_) => {
                    inner.main_thread.set(true);
                    inner.pending.borrow_mut().take();
                    lint_here(inner, source);
                    return;
                }
            }
        }
        let message = js_sys::Object::new();
        set(&message, "id", &id.into());
        set(&message, "source", &JsValue::from_str(&source));
        set(&message, "options", &"{}".into());
        let posted = inner
            .running
            .borrow()
            .as_ref()
            .map(|r| r.worker.post_message(&message));
        if !matches!(posted, Some(Ok(()))) {
            fail(inner, "the lint worker could not be reached".into());
            return;
        }
        let weak = Rc::downgrade(inner);
        let watchdog = Timeout::new(WATCHDOG_MS, move || {
            if let Some(inner) = weak.upgrade() {
                let current = inner.pending.borrow().as_ref().map(|p| p.id);
                if current == Some(id) {
                    fail(&inner, "it did not answer in time".into());
                }
            }
        });
        *inner.pending.borrow_mut() = Some(Pending {
            id,
            source,
            _watchdog: watchdog,
        });
    }
}

fn set(target: &js_sys::Object, key: &str, value: &JsValue) {
    let _ = js_sys::Reflect::set(target, &key.into(), value);
}

fn lint_here(inner: &Inner, source: Rc<str>) {
    let result = lint(&source, &LintOptions::default());
    (inner.on_done)(Outcome::Linted { source, result });
}

/// The worker failed on the pending request: drop it (the next request starts a new
/// one) and report the failure. A worker that never answered cannot start at all here
/// (blocked, unsupported, or its script is missing), so the lint moves to the main thread.
fn fail(inner: &Inner, reason: String) {
    let never_answered = inner
        .running
        .borrow()
        .as_ref()
        .is_some_and(|r| !r.answered.get());
    inner.running.borrow_mut().take();
    let Some(pending) = inner.pending.borrow_mut().take() else {
        return;
    };
    if never_answered {
        inner.main_thread.set(true);
        lint_here(inner, pending.source);
        return;
    }
    (inner.on_done)(Outcome::Failed {
        source: pending.source,
        message: reason,
    });
}

fn start(inner: std::rc::Weak<Inner>) -> Result<Running, JsValue> {
    let options = web_sys::WorkerOptions::new();
    options.set_type(web_sys::WorkerType::Module);
    let worker = web_sys::Worker::new_with_options(WORKER_URL, &options)?;
    let answered = Rc::new(Cell::new(false));

    let on_message = {
        let inner = inner.clone();
        let answered = answered.clone();
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
            let Some(inner) = inner.upgrade() else { return };
            let data = event.data();
            let get = |key: &str| js_sys::Reflect::get(&data, &key.into()).ok();
            let id = get("id").and_then(|v| v.as_f64()).map(|v| v as u32);
            let current = inner.pending.borrow().as_ref().map(|p| p.id);
            if let Some(error) = get("error").and_then(|v| v.as_string()) {
                // An error about an old request still means this worker is unwell.
                if id.is_none() || id == current {
                    fail(&inner, error);
                }
                return;
            }
            answered.set(true);
            if id.is_none() || id != current {
                return; // an answer to a request that a newer one replaced
            }
            let Some(pending) = inner.pending.borrow_mut().take() else {
                return;
            };
            let json = get("json").and_then(|v| v.as_string()).unwrap_or_default();
            match serde_json::from_str::<LintResult>(&json) {
                Ok(result) => (inner.on_done)(Outcome::Linted {
                    source: pending.source,
                    result,
                }),
                Err(error) => (inner.on_done)(Outcome::Failed {
                    source: pending.source,
                    message: format!("its answer could not be read ({error})"),
                }),
            }
        })
    };
    let on_error = {
        let inner = inner.clone();
        Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
            event.prevent_default();
            let Some(inner) = inner.upgrade() else { return };
            let reason = event
                .dyn_ref::<web_sys::ErrorEvent>()
                .map(|e| e.message())
                .filter(|m| !m.is_empty())
                .unwrap_or_else(|| "the lint worker stopped".into());
            if inner.pending.borrow().is_some() {
                fail(&inner, reason);
            } else {
                inner.running.borrow_mut().take();
            }
        })
    };
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));

    // First message: the glue to import and the module to instantiate.
    let init = js_sys::Object::new();
    set(&init, "glue", &glue_url().into());
    set(&init, "module", &wasm_bindgen::module());
    worker.post_message(&init)?;
    Ok(Running {
        worker,
        _on_message: on_message,
        _on_error: on_error,
        answered,
    })
}

/// The URL of the wasm-bindgen glue the page started from (named by boot.js's tag).
fn glue_url() -> String {
    let document = crate::browser::window().document();
    let src = document
        .as_ref()
        .and_then(|d| d.query_selector("script[data-phoenix-js]").ok().flatten())
        .and_then(|tag| tag.get_attribute("data-phoenix-js"))
        .unwrap_or_default();
    let base = document
        .and_then(|d| d.base_uri().ok().flatten())
        .unwrap_or_default();
    web_sys::Url::new_with_base(&src, &base)
        .map(|u| u.href())
        .unwrap_or(src)
}
