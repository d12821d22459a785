//! Workshop mode: `#/workshop/<pack>` for learners, `…/facilitator` and `…/presenter`.
//! The pack is the built-in one or a custom pack carried in the link (see `pack_link`).

use std::rc::Rc;

use lint_core::exercise::{completion_code, exercise};
use yew::prelude::*;

use crate::learn::PackProps;
use crate::learn::completion_check::solutions_text;
use crate::learn::copy::copy_text;
use crate::learn::exercise::ExerciseBench;
use crate::learn::facilitator::Facilitator;
use crate::learn::mode_header::{Mode, ModeHeader};
use crate::learn::pack_link;
use crate::learn::presenter::Presenter;
use crate::learn::progress_provider::{ProgressProvider, use_progress};
use crate::shell::browser;
use crate::shell::page::WorkshopView;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub pack: String,
    pub view: WorkshopView,
    /// The whole URL fragment: the route leaves out the query, where a custom pack
    /// travels, and a new link with only another `?pack=` must still be read.
    pub fragment: AttrValue,
}

#[function_component]
pub fn Workshop(props: &Props) -> Html {
    let loaded = use_memo(
        (props.pack.clone(), props.fragment.clone()),
        |(pack, fragment)| pack_link::resolve(pack, fragment).map(Rc::new),
    );
    let body = match (&*loaded, props.view) {
        (Err(error), _) => html! {
            <main class="workshop-error">
                <h1>{"This workshop link does not work"}</h1>
                <p role="alert">{ crate::shared::text::message(&error.to_string()) }</p>
                <p>{"Nothing from the link was run or kept."}</p>
                <p><a class="btn" href="#/workshop/default">{"Open the built-in workshop"}</a></p>
            </main>
        },
        (Ok(pack), WorkshopView::Learner) => html! { <Learner pack={pack.clone()} /> },
        (Ok(pack), WorkshopView::Facilitator) => html! { <Facilitator pack={pack.clone()} /> },
        // The presenter view fills the screen, without the top bar. Keyed by the pack, so
        // a position from another pack never outlives it.
        (Ok(pack), WorkshopView::Presenter) => {
            let key = pack.fragment(WorkshopView::Learner);
            return html! { <ProgressProvider><Presenter {key} pack={pack.clone()} /></ProgressProvider> };
        }
    };
    html! {
        <ProgressProvider>
            <ModeHeader mode={Mode::Workshop} />
            { body }
        </ProgressProvider>
    }
}

/// The learner's walk through the pack, one exercise at a time, in order.
#[function_component]
fn Learner(props: &PackProps) -> Html {
    let pack = &props.pack.pack;
    let progress = use_progress();
    let ids: Vec<String> = pack.steps.iter().map(|s| s.exercise.clone()).collect();
    let current = use_state(|| {
        progress
            .first_open(&ids)
            .and_then(|id| ids.iter().position(|e| e == id))
            .unwrap_or(0)
    });
    let solved = ids.iter().filter(|id| progress.is_solved(id)).count();
    let all_solved = solved == ids.len();
    let sources: Vec<(String, String)> = progress
        .solved_sources(pack)
        .into_iter()
        .map(|(id, code)| (id.to_string(), code.to_string()))
        .collect();
    // What the facilitator pastes beside the code to check it (see `completion_check`).
    let solutions = solutions_text(
        sources
            .iter()
            .map(|(id, code)| (id.as_str(), code.as_str())),
    );
    let solutions_copied = use_state_eq(|| None::<bool>);
    let solutions_shown = solutions.clone();
    let on_copy_solutions = {
        let copied = solutions_copied.clone();
        Callback::from(move |_: MouseEvent| {
            let copied = copied.clone();
            copy_text(&solutions, Callback::from(move |ok| copied.set(Some(ok))));
        })
    };
    // Re-checks every solution, so it runs only when one of them changes.
    let code = use_memo(
        (props.pack.clone(), sources, all_solved),
        |(loaded, sources, all)| {
            all.then(|| {
                completion_code(
                    &loaded.pack,
                    sources
                        .iter()
                        .map(|(id, code)| (id.as_str(), code.as_str())),
                )
            })
        },
    );

    let go = |delta: isize| {
        let current = current.clone();
        let len = ids.len();
        Callback::from(move |_: MouseEvent| {
            current.set(pack_link::moved(*current, len, delta));
            browser::focus_element("bench-title");
        })
    };
    let index = (*current).min(ids.len().saturating_sub(1));
    let step = &pack.steps[index];
    let bench = match exercise(&step.exercise) {
        Some(ex) => {
            let next = (index + 1 < ids.len()).then(|| {
                let current = current.clone();
                (
                    AttrValue::from("Next exercise"),
                    Callback::from(move |()| {
                        current.set(index + 1);
                        browser::focus_element("bench-title");
                    }),
                )
            });
            html! {
                <ExerciseBench key={format!("{}#{}", ex.id, progress.generation)} exercise={ex}
                    minutes={step.minutes} {next} />
            }
        }
        // Validation admits only built-in exercises, so this is never expected.
        None => html! { <p role="alert">{"This exercise is missing from the build."}</p> },
    };
    let minutes = pack.total_minutes();
    html! {
        <main class="workshop">
            <header class="workshop-head">
                <h1>{ &pack.title }</h1>
                if let Some(description) = &pack.description {
                    <p class="lead">{ description }</p>
                }
                <p class="muted" id="workshop-progress">
                    { format!("{solved} of {} exercises solved", ids.len()) }
                    if minutes > 0 { { format!(" · about {minutes} minutes in all") } }
                </p>
            </header>
            if let Some(result) = &*code {
                <section class="panel completion" aria-labelledby="completion-heading" role="status" aria-live="polite">
                    <h2 id="completion-heading">{"Workshop complete"}</h2>
                    { match result {
                        Ok(code) => html! {
                            <>
                                <p>{"Every exercise passes its checks. Show this code to your facilitator:"}</p>
                                <p class="completion-code" id="completion-code">{ code }</p>
                                <p class="muted">{"It is made from this pack and your solutions, so the facilitator can recompute it from them. It is a receipt, not a certificate: it does not say who wrote the code."}</p>
                                <p class="bench-actions">
                                    <button type="button" class="btn" id="copy-solutions" onclick={on_copy_solutions}>{"Copy my solutions"}</button>
                                    <span class="muted" id="solutions-copy-status">
                                        { match *solutions_copied {
                                            Some(true) => "Copied: send them to your facilitator with the code.",
                                            Some(false) => "The browser did not allow copying: select the text below and copy it.",
                                            None => "",
                                        } }
                                    </span>
                                </p>
                                if *solutions_copied == Some(false) {
                                    <textarea class="solutions-text" readonly=true rows="6" aria-label="My solutions"
                                        value={solutions_shown.clone()} />
                                }
                            </>
                        },
                        Err(why) => html! {
                            <p>{ format!("No code yet: {why}. Check that exercise again.") }</p>
                        },
                    } }
                </section>
            }
            <div class="workshop-layout">
                <nav class="panel pack-steps" aria-label="Exercises of this workshop">
                    <ol>
                        { for pack.steps.iter().enumerate().map(|(i, s)| {
                            let title = exercise(&s.exercise).map_or(s.exercise.as_str(), |e| e.title.as_str());
                            let done = progress.is_solved(&s.exercise);
                            let current = current.clone();
                            html! {
                                <li>
                                    <button type="button" class={classes!("pack-step", done.then_some("solved"))}
                                        aria-current={(i == index).then_some("step")}
                                        onclick={Callback::from(move |_: MouseEvent| current.set(i))}>
                                        <span class="step-mark" aria-hidden="true">{ if done { "✓" } else { "○" } }</span>
                                        <span class="pack-step-title">{ title }</span>
                                        if let Some(m) = s.minutes {
                                            <span class="pack-step-minutes">{ format!("{m} min") }</span>
                                        }
                                        if done { <span class="visually-hidden">{", solved"}</span> }
                                    </button>
                                </li>
                            }
                        }) }
                    </ol>
                </nav>
                <section class="panel workbench" aria-label={format!("Exercise {} of {}", index + 1, ids.len())}>
                    <div class="step-pager">
                        <button type="button" class="btn" id="previous-step" onclick={go(-1)} disabled={index == 0}>{"← Previous"}</button>
                        <span class="step-count">{ format!("Exercise {} of {}", index + 1, ids.len()) }</span>
                        <button type="button" class="btn" id="next-step" onclick={go(1)} disabled={index + 1 >= ids.len()}>{"Next →"}</button>
                    </div>
                    { bench }
                </section>
            </div>
        </main>
    }
}
