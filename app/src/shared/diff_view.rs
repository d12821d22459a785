//! A before/after diff as line hunks, in the same look as the rewrite previews: the old
//! and the new line numbers in columns of their own, long lines wrapped.

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
    let number = |n: Option<usize>| n.map(|n| n.to_string()).unwrap_or_default();
    html! {
        <div class="diff" role="group" aria-label={props.label.clone()}>
            { for hunks.iter().map(|hunk| html! {
                <pre class="hunk">{ for hunk.lines.iter().map(|line| {
                    let (class, sign, said) = match line.kind {
                        LineKind::Context => ("ctx", " ", ""),
                        LineKind::Removed => ("del", "-", "removed: "),
                        LineKind::Added => ("add", "+", "added: "),
                    };
                    html! {
                        <span class={classes!("line", class)}>
                            <span class="ln ln-old" aria-hidden="true">{ number(line.old_line) }</span>
                            <span class="ln ln-new" aria-hidden="true">{ number(line.new_line) }</span>
                            <span class="sign" aria-hidden="true">{ sign }</span>
                            <span class="text"><span class="visually-hidden">{ said }</span>{ &line.text }</span>{"\n"}
                        </span>
                    }
                }) }</pre>
            }) }
        </div>
    }
}
