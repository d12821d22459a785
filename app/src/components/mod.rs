//! Function components, each with the props it needs and nothing more.

mod app;
mod editor_pane;
mod embed_view;
mod explanation;
mod findings;
mod header;
mod link_maker;
mod notice;
mod rewrites;
mod root;

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
