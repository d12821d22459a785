use std::rc::Rc;

use lint_core::{FixSafety, Rewrite};
use yew::prelude::*;

use crate::diff::{self, LineKind};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub rewrites: Rc<Vec<Rewrite>>,
    /// The text the rewrites' positions refer to.
    pub source: Rc<str>,
    pub on_apply: Callback<usize>,
}

#[function_component]
pub fn Rewrites(props: &Props) -> Html {
    if props.rewrites.is_empty() {
        return html! {
            <p class="muted">{"No automatic rewrite for this one: follow the help above."}</p>
        };
    }
    let previews = use_memo(
        (props.rewrites.clone(), props.source.clone()),
        |(rewrites, source)| {
            rewrites
                .iter()
                .map(|r| diff::hunks(source, &r.apply(source)))
                .collect::<Vec<_>>()
        },
    );
    html! {
        <div class="rewrites">
            { for props.rewrites.iter().zip(previews.iter()).enumerate().map(|(i, (rewrite, hunks))| {
                let (badge, badge_class) = match rewrite.safety {
                    FixSafety::Safe => ("Safe", "safe"),
                    FixSafety::Suggestion => ("Suggestion: review it", "suggestion"),
                };
                html! {
                    <article class="rewrite">
                        <header>
                            <h4>{ &rewrite.title }</h4>
                            <span class={classes!("badge", badge_class)}>{ badge }</span>
                        </header>
                        <div class="diff" role="group" aria-label={format!("Preview of: {}", rewrite.title)}>
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
                        <button type="button" class="btn primary apply"
                            onclick={props.on_apply.reform(move |_: MouseEvent| i)}>
                            { format!("Apply: {}", rewrite.title) }
                        </button>
                    </article>
                }
            }) }
        </div>
    }
}
