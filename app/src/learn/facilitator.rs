//! The facilitator's page: the links to hand out, a printable handout, every exercise
//! with its goal, hints and a solution, and a form to make a custom pack.

use lint_core::exercise::{HintStep, exercise};
use yew::prelude::*;

use crate::learn::PackProps;
use crate::learn::pack_form::PackForm;
use crate::shell::browser;
use crate::shell::markdown;
use crate::shell::page::WorkshopView;

#[function_component]
pub fn Facilitator(props: &PackProps) -> Html {
    let pack = &props.pack.pack;
    let learner_link = browser::link_with_fragment(&props.pack.fragment(WorkshopView::Learner));
    let presenter_href = format!("#{}", props.pack.fragment(WorkshopView::Presenter));
    // On paper, the notes (hints, solutions) are for the facilitator's own copy only.
    let print_notes = use_state_eq(|| false);
    let copied = use_state_eq(|| false);
    let on_copy = {
        let link = learner_link.clone();
        let copied = copied.clone();
        Callback::from(move |_: MouseEvent| {
            browser::copy_to_clipboard(&link);
            copied.set(true);
        })
    };
    let on_print = Callback::from(|_: MouseEvent| {
        let _ = browser::window().print();
    });
    let on_notes = {
        let print_notes = print_notes.clone();
        Callback::from(move |e: Event| {
            if let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
                print_notes.set(input.checked());
            }
        })
    };
    let minutes = pack.total_minutes();
    html! {
        <main class={classes!("facilitator", print_notes.then_some("print-notes"))}>
            <header class="workshop-head">
                <p class="eyebrow no-print">{"Facilitator guide"}</p>
                <h1>{ &pack.title }</h1>
                if let Some(description) = &pack.description {
                    <p class="lead">{ description }</p>
                }
                <p class="muted">
                    { format!("{} exercises", pack.steps.len()) }
                    if minutes > 0 { { format!(" · about {minutes} minutes") } }
                </p>
            </header>

            <section class="panel handout-links" aria-labelledby="links-heading">
                <h2 id="links-heading">{"Links"}</h2>
                <p class="print-only">{"Open this link in your browser: "}<strong>{ learner_link.clone() }</strong></p>
                <label class="link-field">
                    <span>{"Learner link: hand this out"}</span>
                    <input type="text" id="learner-link" readonly=true value={learner_link.clone()} />
                </label>
                <div class="bench-actions no-print">
                    <button type="button" class="btn primary" id="copy-learner-link" onclick={on_copy}>{"Copy learner link"}</button>
                    <a class="btn" href={presenter_href} id="presenter-link">{"Open the presenter view"}</a>
                    <button type="button" class="btn" id="print-handout" onclick={on_print}>{"Print handout"}</button>
                    <label class="check-field">
                        <input type="checkbox" id="print-notes" checked={*print_notes} onchange={on_notes} />
                        {"Print hints and solutions too"}
                    </label>
                </div>
                <p class="muted no-print" role="status" aria-live="polite">
                    { if *copied { "Learner link copied." } else { "" } }
                </p>
                <p class="muted">{"Learners need only a browser: their code and progress stay on their own machine, and no one sees it unless they share it."}</p>
            </section>

            <section class="handout" aria-labelledby="exercises-heading">
                <h2 id="exercises-heading">{"Exercises"}</h2>
                <ol class="handout-list">
                    { for pack.steps.iter().map(|step| {
                        let Some(ex) = exercise(&step.exercise) else { return html! {} };
                        html! {
                            <li class="panel handout-item">
                                <h3>
                                    { &ex.title }
                                    if let Some(m) = step.minutes {
                                        <span class="badge timebox">{ format!("{m} min") }</span>
                                    }
                                </h3>
                                <p class="goal"><strong>{"Goal: "}</strong>{ crate::shared::text::message(&ex.goal) }</p>
                                <div class="notes">
                                    <h4>{"Hints"}</h4>
                                    <ol class="facilitator-hints">
                                        { for HintStep::ALL.iter().map(|&s| html! {
                                            <li class="markdown">
                                                { Html::from_html_unchecked(AttrValue::from(
                                                    markdown::to_html(ex.hint(s).unwrap_or_default(), 4))) }
                                            </li>
                                        }) }
                                    </ol>
                                    <h4>{"A solution"}</h4>
                                    <pre class="solution-code"><code>{ &ex.solution }</code></pre>
                                </div>
                            </li>
                        }
                    }) }
                </ol>
            </section>

            <PackForm pack={props.pack.clone()} />
        </main>
    }
}
