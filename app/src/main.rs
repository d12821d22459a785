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

/// Renders the bundle's views: static/boot.js calls this once the editor bundle has run
/// (and, for the playground, once the loading screen's findings are painted). The
/// playground lints with a wasm of its own, `phoenix-linter` (src/bin/linter.rs).
#[wasm_bindgen]
pub fn mount() {
    root::start(Bundle::Playground, view);
}

fn main() {
    root::main();
}
