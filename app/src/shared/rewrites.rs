//! The rewrites offered for a finding: what each needs, its diff preview and an Apply button.

use std::rc::Rc;

use lint_core::{FixSafety, Rewrite};
use yew::prelude::*;

use super::{diff_view::DiffView, needs::Needs};

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
    html! {
        <div class="rewrites">
            { for props.rewrites.iter().enumerate().map(|(i, rewrite)| {
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
                        <Needs needs={rewrite.needs.clone()} />
                        <DiffView
                            before={AttrValue::from(props.source.to_string())}
                            after={AttrValue::from(rewrite.apply(&props.source))}
                            label={AttrValue::from(format!("Preview of: {}", rewrite.title))}
                        />
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
