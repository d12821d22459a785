//! Text from diagnostics and from the learner's code, shown safely: `code spans` as code,
//! bidirectional controls visible instead of obeyed.

/// A diagnostic message with its `code spans` shown as code. Names and strings quoted
/// from the code may hold bidirectional controls: they are shown, not obeyed.
pub fn message(text: &str) -> yew::Html {
    use crate::shell::bidi::escaped;
    use crate::shell::markdown::{Inline, inline};
    use yew::html;
    html! {
        <>{ for inline(text).into_iter().map(|piece| match piece {
            Inline::Text(text) => html! { { escaped(&text) } },
            Inline::Code(code) => html! { <code>{ escaped(&code) }</code> },
        }) }</>
    }
}

/// Text from the code with its bidirectional controls marked where they are.
pub fn marked_controls(text: &str) -> yew::Html {
    use crate::shell::bidi::{Piece, marker, pieces};
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
