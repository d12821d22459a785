//! Function components, each with the props it needs and nothing more.

mod app;
mod checks;
mod diff_view;
mod drill;
mod editor_pane;
mod embed_view;
mod exercise;
mod explanation;
mod facilitator;
mod findings;
mod header;
mod hints;
mod lesson;
mod link_maker;
mod linted_editor;
mod mode_header;
mod needs;
mod notice;
mod pack_form;
mod presenter;
mod progress_provider;
mod rewrites;
mod root;
mod tutorial;
mod workshop;

#[cfg_attr(not(target_arch = "wasm32"), allow(unused_imports))]
pub use app::App;
#[cfg_attr(not(target_arch = "wasm32"), allow(unused_imports))]
pub use root::Root;

/// A diagnostic message with its `code spans` shown as code.
fn message(text: &str) -> yew::Html {
    use crate::markdown::{Inline, inline};
    use yew::html;
    html! {
        <>{ for inline(text).into_iter().map(|piece| match piece {
            Inline::Text(text) => html! { {text} },
            Inline::Code(code) => html! { <code>{code}</code> },
        }) }</>
    }
}
