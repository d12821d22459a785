//! The `phoenix-app` bundle: the playground, the view most visitors land on.

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

fn main() {
    root::start(Bundle::Playground, view);
}
