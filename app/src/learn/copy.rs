//! A read-only link field with a Copy button that says whether it copied. When the
//! browser refuses the clipboard, the link is selected instead so that Ctrl+C copies it.

use wasm_bindgen::JsValue;
use yew::prelude::*;

use crate::shell::browser;

#[derive(Properties, PartialEq)]
pub struct Props {
    /// Shown above the field.
    pub label: AttrValue,
    pub value: AttrValue,
    /// Ids of the field, the button and the status line (the tests and labels use them).
    pub field_id: AttrValue,
    pub button_id: AttrValue,
    pub status_id: AttrValue,
    #[prop_or(AttrValue::Static("Copy"))]
    pub button_label: AttrValue,
}

/// What the last press of Copy did.
#[derive(Clone, Copy, PartialEq)]
enum Copied {
    Not,
    Yes,
    /// The clipboard was refused; the text is selected in the field.
    Selected,
}

#[function_component]
pub fn CopyField(props: &Props) -> Html {
    let state = use_state_eq(|| Copied::Not);
    let field = use_node_ref();
    // A new value has not been copied yet.
    {
        let state = state.clone();
        use_effect_with(props.value.clone(), move |_| state.set(Copied::Not));
    }
    let on_copy = {
        let (state, field, value) = (state.clone(), field.clone(), props.value.clone());
        Callback::from(move |_: MouseEvent| {
            let done = {
                let (state, field) = (state.clone(), field.clone());
                Callback::from(move |copied: bool| {
                    if copied {
                        state.set(Copied::Yes);
                    } else {
                        if let Some(input) = field.cast::<web_sys::HtmlInputElement>() {
                            let _ = input.focus();
                            input.select();
                        }
                        state.set(Copied::Selected);
                    }
                })
            };
            copy_text(&value, done);
        })
    };
    let status = match *state {
        Copied::Not => "",
        Copied::Yes => "Copied.",
        Copied::Selected => {
            "The browser did not allow copying: the link is selected, press Ctrl+C (⌘C on a Mac)."
        }
    };
    html! {
        <div class="copy-field">
            <label class="link-field" for={props.field_id.clone()}>
                <span>{ props.label.clone() }</span>
            </label>
            <div class="copy-row">
                <input type="text" id={props.field_id.clone()} ref={field} readonly=true value={props.value.clone()} />
                <button type="button" class="btn primary" id={props.button_id.clone()} onclick={on_copy}>
                    { if *state == Copied::Yes { AttrValue::Static("Copied ✓") } else { props.button_label.clone() } }
                </button>
            </div>
            <p class="copy-status muted" id={props.status_id.clone()} role="status" aria-live="polite">{ status }</p>
        </div>
    }
}

/// Writes `text` to the clipboard and tells `done` whether the browser allowed it. A page
/// served without HTTPS has no `navigator.clipboard` at all, which counts as refused.
pub fn copy_text(text: &str, done: Callback<bool>) {
    let navigator = browser::window().navigator();
    let has_clipboard = js_sys::Reflect::get(&navigator, &JsValue::from_str("clipboard"))
        .is_ok_and(|c| !c.is_undefined() && !c.is_null());
    if !has_clipboard {
        done.emit(false);
        return;
    }
    let promise = navigator.clipboard().write_text(text);
    wasm_bindgen_futures::spawn_local(async move {
        let copied = wasm_bindgen_futures::JsFuture::from(promise).await.is_ok();
        done.emit(copied);
    });
}
