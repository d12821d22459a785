//! The notice bar: what the playground says about what the learner did, with its buttons.

use yew::prelude::*;

use crate::playground::state::{Notice, NoticeAction, NoticeKind};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub notice: Option<Notice>,
    pub on_dismiss: Callback<()>,
    /// Told which of the notice's buttons was pressed.
    pub on_action: Callback<NoticeAction>,
}

/// Messages about the learner's own actions. Errors are alerts; the rest are polite.
#[function_component]
pub fn NoticeBar(props: &Props) -> Html {
    let Some(notice) = &props.notice else {
        // The live region stays in the page so screen readers notice what enters it.
        return html! { <div class="notice-slot" role="status" aria-live="polite"></div> };
    };
    let (class, role) = match notice.kind {
        NoticeKind::Info => ("notice info", "status"),
        NoticeKind::Success => ("notice success", "status"),
        NoticeKind::Error => ("notice error", "alert"),
    };
    let dismiss = props.on_dismiss.reform(|_: MouseEvent| ());
    html! {
        <div class="notice-slot" role={role} aria-live={if role == "alert" { "assertive" } else { "polite" }}>
            <div class={class} id="notice">
                <p class="notice-text">{ &notice.text }</p>
                if let Some(link) = &notice.link {
                    <label class="share-link">
                        <span class="visually-hidden">{"Share link"}</span>
                        <input type="text" readonly=true value={link.clone()}
                            onfocus={Callback::from(|e: FocusEvent| {
                                if let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
                                    input.select();
                                }
                            })} />
                    </label>
                }
                <div class="notice-actions">
                    { for notice.actions.iter().map(|&action| html! {
                        <button type="button" class="btn" id={action.id()}
                            onclick={props.on_action.reform(move |_: MouseEvent| action)}>
                            { action.label() }
                        </button>
                    }) }
                    <button type="button" class="btn ghost" onclick={dismiss} aria-label="Dismiss message">{"Dismiss"}</button>
                </div>
            </div>
        </div>
    }
}
