//! The facilitator's form for a custom pack: which exercises, in what order, with how
//! many minutes each. It makes a link; the pack lives only in that link.

use std::rc::Rc;

use lint_core::exercise::exercise;
use yew::prelude::*;

use crate::learn::PackProps;
use crate::learn::copy::CopyField;
use crate::learn::pack_link::{self, LoadedPack, MAX_TITLE_CHARS, MINUTES, PackDraft};
use crate::shell::browser;
use crate::shell::page::WorkshopView;

#[function_component]
pub fn PackForm(props: &PackProps) -> Html {
    let draft = use_state(|| PackDraft::from_pack(&props.pack.pack));
    // The link made from the draft, or why none could be made.
    let made = use_state(|| None::<Result<Rc<LoadedPack>, String>>);

    let edit = |change: Rc<dyn Fn(&mut PackDraft)>| {
        let draft = draft.clone();
        let made = made.clone();
        move || {
            let mut next = (*draft).clone();
            change(&mut next);
            draft.set(next);
            // A link shown for an older draft would mislead.
            made.set(None);
        }
    };
    let on_title = {
        let draft = draft.clone();
        let made = made.clone();
        Callback::from(move |e: InputEvent| {
            let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() else {
                return;
            };
            let mut next = (*draft).clone();
            next.title = input.value();
            draft.set(next);
            made.set(None);
        })
    };
    let on_make = {
        let draft = draft.clone();
        let made = made.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let result = draft.to_pack().map(|pack| {
                Rc::new(LoadedPack {
                    payload: Some(pack_link::encode(&pack)),
                    pack,
                })
            });
            made.set(Some(result));
            browser::focus_element("custom-result");
        })
    };

    let rows = draft.steps.len();
    html! {
        <section class="panel pack-form no-print" aria-labelledby="pack-form-heading">
            <h2 id="pack-form-heading">{"Make a custom pack"}</h2>
            <p class="muted">{"Choose the exercises, put them in order and give each a time box. The pack travels inside the link, so nothing is stored anywhere."}</p>
            <form onsubmit={on_make}>
                <label class="link-field">
                    <span>{"Title"}</span>
                    <input type="text" id="pack-title" maxlength={MAX_TITLE_CHARS.to_string()}
                        value={draft.title.clone()} oninput={on_title} required=true />
                </label>
                <ol class="draft-steps" aria-label="Exercises, in order">
                    { for draft.steps.iter().enumerate().map(|(i, step)| {
                        let title = exercise(&step.exercise).map_or(step.exercise.clone(), |e| e.title.clone());
                        let toggle = edit(Rc::new(move |d: &mut PackDraft| d.steps[i].included = !d.steps[i].included));
                        let up = edit(Rc::new(move |d: &mut PackDraft| d.move_step(i, true)));
                        let down = edit(Rc::new(move |d: &mut PackDraft| d.move_step(i, false)));
                        let draft_for_minutes = draft.clone();
                        let made_for_minutes = made.clone();
                        let on_minutes = Callback::from(move |e: InputEvent| {
                            let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() else { return };
                            let mut next = (*draft_for_minutes).clone();
                            next.steps[i].minutes = pack_link::parse_minutes(&input.value());
                            draft_for_minutes.set(next);
                            made_for_minutes.set(None);
                        });
                        let id = format!("include-{}", step.exercise);
                        html! {
                            <li class={classes!("draft-step", (!step.included).then_some("excluded"))}>
                                <label class="check-field draft-include" for={id.clone()}>
                                    <input type="checkbox" id={id} checked={step.included}
                                        onchange={Callback::from(move |_: Event| toggle())} />
                                    <span>{ title.clone() }</span>
                                </label>
                                <label class="draft-minutes">
                                    <span class="visually-hidden">{ format!("Minutes for {title}") }</span>
                                    <input type="number" inputmode="numeric" min={MINUTES.start().to_string()}
                                        max={MINUTES.end().to_string()} placeholder="min"
                                        value={step.minutes.map(|m| m.to_string()).unwrap_or_default()}
                                        oninput={on_minutes} />
                                    <span aria-hidden="true">{"min"}</span>
                                </label>
                                <span class="draft-move">
                                    <button type="button" class="btn ghost" disabled={i == 0}
                                        aria-label={format!("Move {title} up")}
                                        onclick={Callback::from(move |_: MouseEvent| up())}>{"↑"}</button>
                                    <button type="button" class="btn ghost" disabled={i + 1 == rows}
                                        aria-label={format!("Move {title} down")}
                                        onclick={Callback::from(move |_: MouseEvent| down())}>{"↓"}</button>
                                </span>
                            </li>
                        }
                    }) }
                </ol>
                <button type="submit" class="btn primary" id="make-pack">{"Make the link"}</button>
            </form>
            <div id="custom-result" class="custom-result" tabindex="-1" role="status" aria-live="polite">
                { match &*made {
                    None => html! {},
                    Some(Err(why)) => html! { <p class="form-error">{ why.clone() }</p> },
                    Some(Ok(loaded)) => {
                        let learner = browser::link_with_fragment(&loaded.fragment(WorkshopView::Learner));
                        html! {
                            <>
                                <CopyField label={format!("Learner link for “{}”", loaded.pack.title)}
                                    value={learner} field_id="custom-link" button_id="copy-custom-link"
                                    status_id="custom-copy-status" button_label="Copy link" />
                                // A new tab, so the facilitator keeps this guide and the link.
                                <p class="bench-actions">
                                    <a class="btn" id="open-custom" target="_blank" rel="noopener"
                                        href={format!("#{}", loaded.fragment(WorkshopView::Learner))}>{"Open as a learner"}<span class="visually-hidden">{" (new tab)"}</span></a>
                                    <a class="btn" href={format!("#{}", loaded.fragment(WorkshopView::Facilitator))}>{"Its facilitator guide"}</a>
                                </p>
                            </>
                        }
                    }
                } }
            </div>
        </section>
    }
}
