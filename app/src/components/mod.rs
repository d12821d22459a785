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
mod kept;
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

/// A diagnostic message with its `code spans` shown as code. Names and strings quoted
/// from the code may hold bidirectional controls: they are shown, not obeyed.
fn message(text: &str) -> yew::Html {
    use crate::bidi::escaped;
    use crate::markdown::{Inline, inline};
    use yew::html;
    html! {
        <>{ for inline(text).into_iter().map(|piece| match piece {
            Inline::Text(text) => html! { { escaped(&text) } },
            Inline::Code(code) => html! { <code>{ escaped(&code) }</code> },
        }) }</>
    }
}

/// Text from the code with its bidirectional controls marked where they are.
fn marked_controls(text: &str) -> yew::Html {
    use crate::bidi::{Piece, marker, pieces};
    use yew::html;
    html! {
        <>{ for pieces(text).into_iter().map(|piece| match piece {
            Piece::Text(text) => html! { { text.to_owned() } },
            Piece::Control(c) => html! {
                <span class="bidi-control" title="A bidirectional-text control: it reorders how the text after it is shown">
                    { marker(c) }
                </span>
            },
        }) }</>
    }
}
