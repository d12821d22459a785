//! The `phoenix-app` bundle: the playground, the view most visitors land on.

use wasm_bindgen::prelude::*;
use yew::prelude::*;

use phoenix_app::playground::App;
use phoenix_app::shell::page::{Bundle, Page};
use phoenix_app::shell::root::{self, Address};

fn view(address: &Address) -> Option<Html> {
    Some(match &address.page {
        Page::Playground => html! { <App visit={address.visit} /> },
        _ => return None,
    })
}

/// The lint worker's entry (static/lint-worker.js): the worker instantiates this bundle's
/// module and hands each request here.
#[wasm_bindgen]
pub fn answer(request: &str) -> Result<String, JsError> {
    phoenix_app::lint_session::worker::answer(request)
}

fn main() {
    root::start(Bundle::Playground, view);
}
