//! The `phoenix-embed` bundle: the compact embed a docs site frames (`#/embed?…`), without
//! the playground's tabs, projects, history and tools.

use wasm_bindgen::prelude::*;
use yew::prelude::*;

use phoenix_app::embed::view::EmbedView;
use phoenix_app::shell::page::{Bundle, Page};
use phoenix_app::shell::root::{self, Address};

fn view(address: &Address) -> Option<Html> {
    match &address.page {
        Page::Embed { query } => {
            Some(html! { <EmbedView query={AttrValue::from(query.clone())} /> })
        }
        _ => None,
    }
}

/// Renders the bundle's views: static/boot.js calls this once the editor bundle has run.
#[wasm_bindgen]
pub fn mount() {
    root::start(Bundle::Embed, view);
}

fn main() {
    root::main();
}
