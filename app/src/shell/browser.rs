//! The few page-level browser calls the app makes, in one place.

use wasm_bindgen::JsValue;

pub fn window() -> web_sys::Window {
    web_sys::window().expect("the app runs in a browser window")
}

pub fn document() -> web_sys::Document {
    window().document().expect("the window has a document")
}

/// The URL fragment, with its `#`.
pub fn fragment() -> String {
    window().location().hash().unwrap_or_default()
}

/// Drops the fragment from the address bar without a reload or a history entry, so a
/// reload opens the autosaved code rather than the link again.
pub fn clear_fragment() {
    let location = window().location();
    let (Ok(path), Ok(search)) = (location.pathname(), location.search()) else {
        return;
    };
    if let Ok(history) = window().history() {
        let _ =
            history.replace_state_with_url(&JsValue::NULL, "", Some(&format!("{path}{search}")));
    }
}

/// This page's address with `fragment` (without `#`) as its fragment.
pub fn link_with_fragment(fragment: &str) -> String {
    let location = window().location();
    let base = location.href().unwrap_or_default();
    let base = base.split('#').next().unwrap_or_default();
    format!("{base}#{fragment}")
}

/// Best effort: a browser may refuse clipboard access; the link is shown anyway.
pub fn copy_to_clipboard(text: &str) {
    use wasm_bindgen::closure::Closure;
    thread_local! {
        // One handler for every refusal, so no closure is leaked per click.
        static IGNORE: Closure<dyn FnMut(JsValue)> = Closure::new(|_: JsValue| {});
    }
    let promise = window().navigator().clipboard().write_text(text);
    IGNORE.with(|ignore| {
        let _ = promise.catch(ignore);
    });
}

pub fn remove_element(id: &str) {
    if let Some(element) = document().get_element_by_id(id) {
        element.remove();
    }
}

pub fn focus_element(id: &str) {
    use wasm_bindgen::JsCast;
    if let Some(element) = document().get_element_by_id(id)
        && let Ok(element) = element.dyn_into::<web_sys::HtmlElement>()
    {
        let _ = element.focus();
    }
}

pub fn dark_media_query() -> Option<web_sys::MediaQueryList> {
    window()
        .match_media("(prefers-color-scheme: dark)")
        .ok()
        .flatten()
}

pub fn set_page_theme(dark: bool) {
    if let Some(root) = document().document_element() {
        let _ = root.set_attribute("data-theme", if dark { "dark" } else { "light" });
    }
}

/// Performance marks the benchmark reads: when the first findings were on screen, and
/// how long each lint and its rendering took.
pub mod perf {
    fn performance() -> Option<web_sys::Performance> {
        super::window().performance()
    }

    pub fn mark(name: &str) {
        if let Some(p) = performance() {
            let _ = p.mark(name);
        }
    }

    pub fn has_mark(name: &str) -> bool {
        performance().is_some_and(|p| p.get_entries_by_name(name).length() > 0)
    }

    pub fn clear_mark(name: &str) {
        if let Some(p) = performance() {
            p.clear_marks_with_mark_name(name);
        }
    }

    /// Measures from the mark `start` to now, then clears the mark.
    pub fn measure_since(name: &str, start: &str) {
        if let Some(p) = performance()
            && p.get_entries_by_name(start).length() > 0
        {
            let _ = p.measure_with_start_mark(name, start);
            p.clear_marks_with_mark_name(start);
        }
    }
}
