//! The playground's linter on the page: the `phoenix-linter` wasm (src/bin/linter.rs),
//! which static/boot.js starts before the app, uses for the loading screen's findings,
//! and leaves as `PhoenixLinter` (`{ answer, glue, module }`) for the app and its lint
//! worker. The playground's own wasm links no linter: what it lints on this thread (its
//! first text, and everything when no worker can start) it asks this one, in the words
//! of the worker ([`WorkerRequest`] → [`WorkerReply`], as JSON).

use wasm_bindgen::JsValue;

use crate::lint_session::worker::{WorkerReply, WorkerRequest};

/// `request` answered on this thread. `Err` says why the linter gave no answer (a panic,
/// a stack overflow): the linter's own wasm stops, the app's goes on.
pub fn ask(request: &WorkerRequest) -> Result<WorkerReply, String> {
    let request = serde_json::to_string(request).map_err(|e| e.to_string())?;
    let reply = answer(&request)?;
    serde_json::from_str(&reply).map_err(|e| format!("its answer could not be read ({e})"))
}

#[cfg(target_arch = "wasm32")]
fn answer(request: &str) -> Result<String, String> {
    use wasm_bindgen::prelude::*;

    #[wasm_bindgen]
    extern "C" {
        #[wasm_bindgen(catch, js_namespace = PhoenixLinter, js_name = answer)]
        fn linter_answer(request: &str) -> Result<String, JsValue>;
    }
    linter_answer(request).map_err(|error| crate::lint_session::guarded::describe(&error))
}

/// Natively the linter is linked in: the client's tests run against it.
#[cfg(not(target_arch = "wasm32"))]
fn answer(request: &str) -> Result<String, String> {
    crate::lint_session::worker::answer(request)
        .map_err(|_| "the request was not understood".into())
}

/// The URL of the linter's wasm-bindgen glue and its compiled module, for the lint worker.
pub fn for_worker() -> Result<(JsValue, JsValue), JsValue> {
    let linter = js_sys::Reflect::get(&js_sys::global(), &"PhoenixLinter".into())?;
    let glue = js_sys::Reflect::get(&linter, &"glue".into())?;
    let module = js_sys::Reflect::get(&linter, &"module".into())?;
    if glue.is_undefined() || module.is_undefined() {
        return Err(JsValue::from_str("the page's linter did not start"));
    }
    Ok((glue, module))
}
