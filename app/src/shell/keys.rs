//! Keys the page handles itself (not typed into a field or the code editor).

use gloo::events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use web_sys::KeyboardEvent;
use yew::prelude::*;

use crate::shell::browser;

/// Calls `on_key` for each key pressed on the page outside fields and the editor, from the
/// first render on. The listener is not passive, so `on_key` may cancel the keys it
/// handles (Page Down from a clicker then does not also scroll), and Chromium does not
/// warn that `preventDefault` is ignored. `on_key` is the first render's: give it stable
/// handles (dispatchers, state setters), not values that change.
#[hook]
pub fn use_page_keys<F>(on_key: F)
where
    F: Fn(&KeyboardEvent) + 'static,
{
    use_effect_with((), move |_| {
        let listener = EventListener::new_with_options(
            &browser::window(),
            "keydown",
            EventListenerOptions::enable_prevent_default(),
            move |event| {
                if let Some(event) = event.dyn_ref::<KeyboardEvent>()
                    && !typing(event)
                {
                    on_key(event);
                }
            },
        );
        move || drop(listener)
    });
}

/// Whether the key goes to a form field or the code editor, which keep their own keys.
fn typing(event: &KeyboardEvent) -> bool {
    event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|el| {
            matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
                || el.closest(".cm-editor").ok().flatten().is_some()
        })
}
