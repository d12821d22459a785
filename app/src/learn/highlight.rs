//! Code shown to be read, not edited (the presenter's slides), highlighted by the same
//! Lezer parser and tags as the editor through `PhoenixEditor.highlight` in
//! `app/js/editor.js`. The glue returns runs of text with class names (a JavaScript array,
//! read without a JSON parser, which would cost the wasm more); the markup is built here,
//! so the code never passes through `innerHTML`.

use wasm_bindgen::prelude::*;
use yew::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_namespace = PhoenixEditor, js_name = highlight)]
    fn highlight_runs(code: &str) -> Result<js_sys::Array, JsValue>;
}

#[derive(Properties, PartialEq)]
pub struct Props {
    pub code: AttrValue,
}

#[function_component]
pub fn HighlightedCode(props: &Props) -> Html {
    let runs = use_memo(props.code.clone(), |code| runs(code));
    html! {
        <code class="highlighted">
            { for runs.iter().map(|(text, classes)| if classes.is_empty() {
                html! { { text.clone() } }
            } else {
                html! { <span class={classes.clone()}>{ text.clone() }</span> }
            }) }
        </code>
    }
}

/// `[text, classes]` runs that join back into `code`; the code as one plain run when the
/// editor bundle is missing or its runs would not give back the same text.
fn runs(code: &str) -> Vec<(String, String)> {
    let runs: Option<Vec<(String, String)>> = highlight_runs(code).ok().and_then(|runs| {
        runs.iter()
            .map(|run| {
                let run = js_sys::Array::from(&run);
                Some((run.get(0).as_string()?, run.get(1).as_string()?))
            })
            .collect()
    });
    runs.filter(|runs| {
        runs.iter()
            .map(|(text, _)| text.as_str())
            .collect::<String>()
            == code
    })
    .unwrap_or_else(|| vec![(code.to_string(), String::new())])
}
