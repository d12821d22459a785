//! "Earlier code": the code the playground put aside instead of losing it (see `kept.rs`),
//! each with its reason and time, to restore into the editor or copy.

use std::rc::Rc;

use yew::prelude::*;

use crate::playground::kept::Kept;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub kept: Rc<Vec<Kept>>,
    /// Told the index of the piece to put back in the editor.
    pub on_restore: Callback<usize>,
    /// Told the index of the piece to copy to the clipboard.
    pub on_copy: Callback<usize>,
}

#[function_component]
pub fn KeptPanel(props: &Props) -> Html {
    if props.kept.is_empty() {
        return html! {};
    }
    html! {
        <details class="kept" id="kept">
            <summary id="kept-heading">{ format!("Earlier code ({})", props.kept.len()) }</summary>
            <p class="hint">
                {"Code the playground put aside rather than lose, newest first. It stays in this \
                  browser only, and the five newest are kept."}
            </p>
            <ul class="kept-list" aria-labelledby="kept-heading">
                { for props.kept.iter().enumerate().map(|(i, k)| html! {
                    <li class="kept-item">
                        <div class="kept-about">
                            <span class="kept-why">{ k.why.label() }</span>
                            <span class="muted">{ format!(" · {} · {} line{}", when(k.at), k.line_count(),
                                if k.line_count() == 1 { "" } else { "s" }) }</span>
                            <code class="kept-preview">{ crate::shell::bidi::escaped(&k.preview()) }</code>
                        </div>
                        <div class="kept-actions">
                            <button type="button" class="btn" id={format!("kept-restore-{i}")}
                                onclick={props.on_restore.reform(move |_: MouseEvent| i)}>{"Restore"}</button>
                            <button type="button" class="btn ghost" id={format!("kept-copy-{i}")}
                                onclick={props.on_copy.reform(move |_: MouseEvent| i)}>{"Copy"}</button>
                        </div>
                    </li>
                }) }
            </ul>
        </details>
    }
}

/// A stored time in the reader's own format; earlier versions stored none (0).
fn when(at: u64) -> String {
    if at == 0 {
        return "earlier".to_owned();
    }
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(at as f64));
    String::from(date.to_locale_string("default", &wasm_bindgen::JsValue::UNDEFINED))
}
