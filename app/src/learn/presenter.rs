//! The presenter view: one exercise at a time in large type (goal and highlighted starter
//! code) for a projector, with the learner link and its QR code for the room. Left/right
//! arrow keys (or Page Up/Down, as clickers send) move between them.

use std::rc::Rc;

use lint_core::exercise::exercise;
use yew::prelude::*;

use crate::learn::PackProps;
use crate::learn::highlight::HighlightedCode;
use crate::learn::pack_link;
use crate::learn::qr::Qr;
use crate::shell::browser;
use crate::shell::keys::use_page_keys;
use crate::shell::page::WorkshopView;

/// Keyed by its pack where it is used (see `workshop.rs`): the position belongs to one
/// pack, and another pack in the same tab starts at its own first exercise.
#[function_component]
pub fn Presenter(props: &PackProps) -> Html {
    let pack = &props.pack.pack;
    let len = pack.steps.len();
    let position = use_reducer_eq(|| Position { index: 0, len });
    {
        // The dispatcher is stable, so the listener never reads a stale position.
        let dispatcher = position.dispatcher();
        use_page_keys(move |event| {
            if event.alt_key() || event.ctrl_key() || event.meta_key() {
                return;
            }
            let delta = match event.key().as_str() {
                "ArrowRight" | "PageDown" => 1,
                "ArrowLeft" | "PageUp" => -1,
                _ => return,
            };
            event.prevent_default();
            dispatcher.dispatch(delta);
        });
    }
    let go = |delta: isize| {
        let dispatcher = position.dispatcher();
        Callback::from(move |_: MouseEvent| dispatcher.dispatch(delta))
    };
    // Never past the end, even if a shorter pack ever reached a kept position.
    let i = position.index.min(len.saturating_sub(1));
    let step = &pack.steps[i];
    let Some(ex) = exercise(&step.exercise) else {
        return html! { <p role="alert">{"This exercise is missing from the build."}</p> };
    };
    let counter = format!("Exercise {} of {len}", i + 1);
    let learner_link = browser::link_with_fragment(&props.pack.fragment(WorkshopView::Learner));
    html! {
        <main class="presenter">
            <div class="presenter-bar">
                <span class="presenter-pack">{ &pack.title }</span>
                <a href={format!("#{}", props.pack.fragment(WorkshopView::Facilitator))}>{"Facilitator guide"}</a>
            </div>
            <section class="slide" aria-roledescription="slide" aria-labelledby="slide-title" data-step={i.to_string()}>
                <p class="slide-meta" role="status" aria-live="polite">
                    { counter }
                    if let Some(m) = step.minutes { { format!(" · {m} minutes") } }
                </p>
                <h1 id="slide-title">{ &ex.title }</h1>
                <p class="slide-goal">{ crate::shared::text::message(&ex.goal) }</p>
                <div class="slide-body">
                    // Focusable, so the keyboard can scroll code longer than the screen.
                    <pre class="slide-code" aria-label="Starter code" tabindex="0">
                        <HighlightedCode code={AttrValue::from(ex.starter.clone())} />
                    </pre>
                    <aside class="presenter-join" aria-label="Learner link">
                        <Qr text={AttrValue::from(learner_link.clone())} label="QR code of the learner link" />
                        <p class="presenter-join-text">{"Follow along:"}</p>
                        <p class="presenter-learner-link" id="presenter-learner-link">{ learner_link }</p>
                    </aside>
                </div>
            </section>
            <nav class="presenter-nav" aria-label="Exercises">
                <button type="button" class="btn" id="presenter-previous" onclick={go(-1)} disabled={i == 0}>{"← Previous"}</button>
                <span class="muted">{"Arrow keys move between exercises"}</span>
                <button type="button" class="btn primary" id="presenter-next" onclick={go(1)} disabled={i + 1 >= len}>{"Next →"}</button>
            </nav>
        </main>
    }
}

/// Which exercise is on screen; moves by a signed step and never past either end.
#[derive(Debug, PartialEq)]
struct Position {
    index: usize,
    len: usize,
}

impl Reducible for Position {
    type Action = isize;

    fn reduce(self: Rc<Self>, delta: isize) -> Rc<Self> {
        Rc::new(Self {
            index: pack_link::moved(self.index, self.len, delta),
            len: self.len,
        })
    }
}
