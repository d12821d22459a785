//! The hint ladder: a nudge, then the tool to use, then the whole rewrite with the diff
//! from the starter to a reference solution. Only the rungs revealed so far are shown.

use lint_core::exercise::{Exercise, HintStep};
use yew::prelude::*;

use crate::shared::diff_view::DiffView;
use crate::shell::markdown;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub exercise: &'static Exercise,
    pub revealed: &'static [HintStep],
}

#[function_component]
pub fn HintLadder(props: &Props) -> Html {
    if props.revealed.is_empty() {
        return html! {};
    }
    let ex = props.exercise;
    html! {
        <ol class="hint-ladder" aria-label="Hints">
            { for props.revealed.iter().enumerate().map(|(i, &step)| {
                let text = ex.hint(step).unwrap_or_default();
                html! {
                    <li class={classes!("hint-rung", rung_class(step))}>
                        // Focused when revealed, so keyboard and screen reader users land on it.
                        <h3 id={format!("hint-{}", i + 1)} tabindex="-1">{ rung_title(i + 1, step) }</h3>
                        <div class="markdown">
                            { markdown::rendered(text) }
                        </div>
                        if step == HintStep::Full {
                            <DiffView before={AttrValue::from(ex.starter.clone())}
                                after={AttrValue::from(ex.solution.clone())}
                                label="From the starter to one solution" />
                        }
                    </li>
                }
            }) }
        </ol>
    }
}

fn rung_class(step: HintStep) -> &'static str {
    match step {
        HintStep::Nudge => "nudge",
        HintStep::Partial => "partial",
        HintStep::Full => "full",
    }
}

fn rung_title(n: usize, step: HintStep) -> String {
    let what = match step {
        HintStep::Nudge => "a nudge",
        HintStep::Partial => "what to use",
        HintStep::Full => "the whole rewrite",
    };
    format!("Hint {n}: {what}")
}

/// The label of the button that reveals `next`.
pub fn button_label(next: Option<HintStep>) -> &'static str {
    match next {
        Some(HintStep::Nudge) => "Hint",
        Some(HintStep::Partial) => "Another hint",
        Some(HintStep::Full) => "Show the whole rewrite",
        None => "All hints shown",
    }
}
