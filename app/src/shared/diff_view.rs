//! A before/after diff as line hunks, in the same look as the rewrite previews.

use yew::prelude::*;

use crate::shared::diff::{self, LineKind};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub before: AttrValue,
    pub after: AttrValue,
    /// Names the diff for screen readers.
    pub label: AttrValue,
}

#[function_component]
pub fn DiffView(props: &Props) -> Html {
    let hunks = use_memo((props.before.clone(), props.after.clone()), |(b, a)| {
        diff::hunks(b, a)
    });
    html! {
        <div class="diff" role="group" aria-label={props.label.clone()}>
            { for hunks.iter().map(|hunk| html! {
                <pre class="hunk">{ for hunk.lines.iter().map(|line| {
                    let (class, sign, said) = match line.kind {
                        LineKind::Context => ("ctx", " ", ""),
                        LineKind::Removed => ("del", "-", "removed: "),
                        LineKind::Added => ("add", "+", "added: "),
                    };
                    let number = line.new_line.or(line.old_line).unwrap_or_default();
                    html! {
                        <span class={classes!("line", class)}>
                            <span class="ln" aria-hidden="true">{ number }</span>
                            <span class="sign" aria-hidden="true">{ sign }</span>
                            <span class="visually-hidden">{ said }</span>
                            { &line.text }{"\n"}
                        </span>
                    }
                }) }</pre>
            }) }
        </div>
    }
}
