//! The playground's linter on the page: the `phoenix-linter` wasm (src/bin/linter.rs),
//! which static/boot.js starts before the app, uses for the loading screen's findings,
//! and leaves as `PhoenixLinter` (`{ answer, glue, module }`) for the app and its lint
//! worker. The playground's own wasm links no linter: what it lints on this thread (its
//! first text, and everything when no worker can start) it asks this one, in the words
//! of the worker ([`WorkerRequest`] → [`WorkerReply`], as JSON).

use std::cell::RefCell;

use wasm_bindgen::JsValue;

use crate::lint_session::project::ProjectContext;
use crate::lint_session::worker::{WorkerReply, WorkerRequest};

/// `request` answered on this thread. `Err` says why the linter gave no answer (a panic,
/// a stack overflow): the lint stops inside the linter's wasm, the app's goes on.
pub fn ask(request: &WorkerRequest) -> Result<WorkerReply, String> {
    let json = serde_json::to_string(request).map_err(|e| e.to_string())?;
    let reply = answer(&json).and_then(|reply| {
        serde_json::from_str(&reply).map_err(|e| format!("its answer could not be read ({e})"))
    });
    KEPT.with(|kept| {
        let mut kept = kept.borrow_mut();
        *kept = match (&reply, request) {
            (
                Ok(_),
                WorkerRequest::Lint {
                    source, project, ..
                },
            ) => Some((source.clone(), project.clone())),
            // Answered from the full result of `source`, linted first if it was not kept
            // (in the project of the last lint).
            (
                Ok(_),
                WorkerRequest::Diagnostic { source, .. } | WorkerRequest::ApplyAll { source, .. },
            ) => Some((source.clone(), kept.take().and_then(|(_, project)| project))),
            (Ok(_), WorkerRequest::ApplyAllProject { .. }) => kept.take(),
            // What a failed lint left behind is not known.
            (Err(_), _) => None,
        };
    });
    reply
}

thread_local! {
    /// The text (and its project) whose full result the page's linter keeps, as far as
    /// this wasm has asked it: a finding of it is answered on the page at once.
    static KEPT: RefCell<Option<(String, Option<ProjectContext>)>> = const { RefCell::new(None) };
}

/// Whether the page's linter keeps the full result of `source` linted in `project`.
pub fn keeps(source: &str, project: Option<&ProjectContext>) -> bool {
    KEPT.with(|kept| {
        kept.borrow()
            .as_ref()
            .is_some_and(|(text, in_project)| text == source && in_project.as_ref() == project)
    })
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

/// What the lint worker starts from (its first message): the URL of the linter's
/// wasm-bindgen glue, its compiled module, and the addresses of the linter built for speed
/// (`{glue, wasm}`), which the worker fetches for long texts.
pub fn for_worker() -> Result<js_sys::Object, JsValue> {
    let linter = js_sys::Reflect::get(&js_sys::global(), &"PhoenixLinter".into())?;
    let init = js_sys::Object::new();
    for key in ["glue", "module", "fast"] {
        let value = js_sys::Reflect::get(&linter, &key.into())?;
        if value.is_undefined() {
            return Err(JsValue::from_str("the page's linter did not start"));
        }
        js_sys::Reflect::set(&init, &key.into(), &value)?;
    }
    Ok(init)
}

#[cfg(test)]
mod tests {
    use super::*;

    const APP: &str = "const express = require('express');\nconst app = express();\n\
        let hits = 0;\napp.get('/', (req, res) => { hits++; res.end(); });\n";

    fn lint(source: &str) -> WorkerRequest {
        WorkerRequest::Lint {
            id: 0,
            source: source.into(),
            project: None,
        }
    }

    #[test]
    fn the_app_knows_which_text_the_page_linter_keeps() {
        assert!(!keeps(APP, None));
        assert!(matches!(ask(&lint(APP)), Ok(WorkerReply::Summary { .. })));
        assert!(keeps(APP, None));
        assert!(!keeps("let x = 1;\n", None));
        // A finding of another text: the linter lints that one, and keeps it instead.
        let other = "let y = 2;\n";
        let diagnostic = WorkerRequest::Diagnostic {
            id: 0,
            source: other.into(),
            index: 0,
        };
        assert!(matches!(
            ask(&diagnostic),
            Ok(WorkerReply::Diagnostic { .. })
        ));
        assert!(keeps(other, None));
        assert!(!keeps(APP, None));
    }
}
