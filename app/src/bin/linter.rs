//! The `phoenix-linter` bundle: the playground's linter, with no UI. static/boot.js starts
//! it first, on the page, to mark the findings of the code the loading screen shows; the
//! playground's app (which links no linter) then asks it what it lints on the page, and
//! its lint worker runs this same module (`lint_session::page_linter`).

use wasm_bindgen::prelude::*;

use phoenix_app::lint_session::guarded::catching;

// Both run the lint through `catching`: a lint that overflows the stack or panics then
// ends inside, and this frame returns normally, giving back the wasm's shadow stack, so
// the module goes on answering. The caller gets the failure as an error.

/// Answers a request of the lint worker's protocol (`lint_session::worker`): in the lint
/// worker (static/lint-worker.js) and on the page.
#[wasm_bindgen]
pub fn answer(request: &str) -> Result<String, JsError> {
    let request = request.to_owned();
    catching(move || phoenix_app::lint_session::worker::answer(&request))
        .map_err(|message| JsError::new(&message))?
}

/// The findings of the code the loading screen shows, for static/boot.js to mark on it
/// (`startup::boot_findings`).
#[wasm_bindgen]
pub fn boot_findings(source: &str) -> Result<Option<String>, JsError> {
    let source = source.to_owned();
    catching(move || phoenix_app::playground::startup::boot_findings(&source))
        .map_err(|message| JsError::new(&message))
}

pub(crate) fn main() {
    phoenix_app::shell::root::main();
}
