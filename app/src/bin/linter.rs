//! The `phoenix-linter` bundle: the playground's linter, with no UI. static/boot.js starts
//! it first, on the page, to mark the findings of the code the loading screen shows; the
//! playground's app (which links no linter) then asks it what it lints on the page, and
//! its lint worker runs this same module (`lint_session::page_linter`).

use wasm_bindgen::prelude::*;

/// Answers a request of the lint worker's protocol (`lint_session::worker`): in the lint
/// worker (static/lint-worker.js) and on the page.
#[wasm_bindgen]
pub fn answer(request: &str) -> Result<String, JsError> {
    phoenix_app::lint_session::worker::answer(request)
}

/// The findings of the code the loading screen shows, for static/boot.js to mark on it
/// (`startup::boot_findings`).
#[wasm_bindgen]
pub fn boot_findings(source: &str) -> Option<String> {
    phoenix_app::playground::startup::boot_findings(source)
}

fn main() {
    phoenix_app::shell::root::main();
}
