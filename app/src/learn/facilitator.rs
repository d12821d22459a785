//! The facilitator's page: the links to hand out, a form to make a custom pack, a check
//! of a learner's completion code, and a printable handout of every exercise with its
//! goal, hints and a solution. The tools come first; the long list of exercises last.

use lint_core::exercise::{HintStep, exercise};
use yew::prelude::*;

use crate::learn::PackProps;
use crate::learn::completion_check::CompletionCheck;
use crate::learn::copy::CopyField;
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

            <nav class="facilitator-jump no-print" aria-label="On this page">
                { for [("links-heading", "Links"), ("pack-form-heading", "Make a custom pack"),
                        ("check-code-heading", "Check a completion code"), ("exercises-heading", "Exercises")]
                    .into_iter().map(|(id, text)| html! {
                        <button type="button" class="btn ghost" onclick={Callback::from(move |_: MouseEvent| scroll_to(id))}>{ text }</button>
                    }) }
            </nav>

            <section class="panel handout-links" aria-labelledby="links-heading">
                <h2 id="links-heading">{"Links"}</h2>
                <p class="print-only">{"Open this link in your browser: "}<strong>{ learner_link.clone() }</strong></p>
                <div class="no-print">
                    <CopyField label="Learner link: hand this out" value={learner_link.clone()}
                        field_id="learner-link" button_id="copy-learner-link" status_id="learner-copy-status"
                        button_label="Copy learner link" />
                </div>
                <div class="bench-actions no-print">
                    <a class="btn" href={presenter_href} id="presenter-link">{"Open the presenter view"}</a>
                    <button type="button" class="btn" id="print-handout" onclick={on_print}>{"Print handout"}</button>
                    <label class="check-field">
                        <input type="checkbox" id="print-notes" checked={*print_notes} onchange={on_notes} />
                        {"Print hints and solutions too"}
                    </label>
                </div>
                <p class="muted">{"Learners need only a browser: their code and progress stay on their own machine, and no one sees it unless they share it."}</p>
            </section>

            <div class="facilitator-tools">
                <PackForm pack={props.pack.clone()} />
                <CompletionCheck pack={props.pack.clone()} />
            </div>

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
                                                { markdown::rendered(ex.hint(s).unwrap_or_default()) }
                                            </li>
                                        }) }
                                    </ol>
                                    <h4>{"A solution"}</h4>
                                    <pre class="solution-code" tabindex="0"><code>{ &ex.solution }</code></pre>
                                </div>
                            </li>
                        }
                    }) }
                </ol>
            </section>
        </main>
    }
}

/// Jumps to a section by its heading: the fragment holds the route, so an in-page
/// `#anchor` link cannot be used. Focus follows, for keyboard and screen-reader users.
fn scroll_to(heading_id: &str) {
    use wasm_bindgen::JsCast;
    let document = browser::window().document();
    if let Some(heading) = document.and_then(|d| d.get_element_by_id(heading_id)) {
        heading.scroll_into_view();
        if let Ok(heading) = heading.dyn_into::<web_sys::HtmlElement>() {
            heading.set_tab_index(-1);
            let _ = heading.focus();
        }
    }
}
