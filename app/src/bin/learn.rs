//! The `phoenix-learn` bundle: the lessons, workshops, the drill and the embed builder,
//! loaded only when one of them is opened (static/boot.js picks the bundle).

use wasm_bindgen::prelude::*;
use yew::prelude::*;

use phoenix_app::drill::DrillView;
use phoenix_app::embed::link_maker::LinkMaker;
use phoenix_app::learn::tutorial::Tutorial;
use phoenix_app::learn::workshop::Workshop;
use phoenix_app::shared::content::{Content, WithContent};
use phoenix_app::shell::page::{Bundle, Page};
use phoenix_app::shell::root::{self, Address};

fn view(address: &Address) -> Option<Html> {
    Some(match &address.page {
        Page::EmbedBuilder => html! { <LinkMaker /> },
        Page::Drill => html! { <DrillView /> },
        // The lessons, exercises and packs are fetched when one of these pages opens.
        Page::Tutorial { lesson } => html! {
            <WithContent content={Content::LEARN}>
                <Tutorial lesson={lesson.clone()} />
            </WithContent>
        },
        Page::Workshop { pack, view } => html! {
            <WithContent content={Content::LEARN}>
                <Workshop pack={pack.clone()} view={*view} fragment={address.fragment.clone()} />
            </WithContent>
        },
        _ => return None,
    })
}

/// Renders the bundle's views: static/boot.js calls this once the editor bundle has run.
#[wasm_bindgen]
pub fn mount() {
    root::start(Bundle::Learn, view);
}

fn main() {
    root::main();
}
