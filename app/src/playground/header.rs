//! The playground's top bar: examples, the share button and the theme picker.

use yew::prelude::*;

use crate::shared::examples::{self, EXAMPLES};
use crate::shell::theme::ThemePref;

#[derive(Properties, PartialEq)]
pub struct Props {
    /// The example the editor holds unchanged, if any.
    pub current_example: Option<&'static str>,
    /// The learner's own code was put aside and "Your code" can bring it back.
    pub has_own_code: bool,
    pub theme: ThemePref,
    pub on_example: Callback<&'static examples::Example>,
    /// "Your code" was picked.
    pub on_own_code: Callback<()>,
    pub on_share: Callback<()>,
    pub on_theme: Callback<ThemePref>,
}

#[function_component]
pub fn Header(props: &Props) -> Html {
    let on_example = {
        let on_example = props.on_example.clone();
        let on_own_code = props.on_own_code.clone();
        Callback::from(move |e: Event| {
            let Some(select) = e.target_dyn_into::<web_sys::HtmlSelectElement>() else {
                return;
            };
            match examples::by_id(&select.value()) {
                Some(example) => on_example.emit(example),
                None => on_own_code.emit(()),
            }
        })
    };
    let current = props.current_example.unwrap_or("");
    // Disabled only while an example shows and nothing of the learner's is kept to return to.
    let no_own_code = !current.is_empty() && !props.has_own_code;
    html! {
        <header class="topbar">
            <div class="brand">
                <img src="static/favicon.svg" alt="" width="28" height="28" />
                <div>
                    <h1>{"Phoenix Playground"}</h1>
                    <p class="tagline">{"Find the state your Express server keeps to itself"}</p>
                </div>
            </div>
            <div class="toolbar">
                <label class="field">
                    <span>{"Example"}</span>
                    <select id="example-select" onchange={on_example}>
                        <option value="" disabled={no_own_code} selected={current.is_empty()}>{"Your code"}</option>
                        { for EXAMPLES.iter().map(|e| html! {
                            <option value={e.id} selected={e.id == current}>{ e.title }</option>
                        }) }
                    </select>
                </label>
                <a class="btn" href="#/tutorial" id="lessons-link">{"Lessons"}</a>
                <button type="button" class="btn primary" id="share-button"
                    onclick={props.on_share.reform(|_: MouseEvent| ())}>
                    {"Share"}
                </button>
                <a class="btn" href="#/drill" id="drill-link">{"Run the phoenix drill"}</a>
                <fieldset class="theme-switch">
                    <legend class="visually-hidden">{"Theme"}</legend>
                    { for ThemePref::ALL.iter().map(|&theme| {
                        let on_theme = props.on_theme.clone();
                        html! {
                            <label class={classes!("theme-option", (theme == props.theme).then_some("checked"))}>
                                <input type="radio" name="theme" value={theme.as_str()}
                                    checked={theme == props.theme}
                                    onchange={Callback::from(move |_: Event| on_theme.emit(theme))} />
                                <span>{ theme.label() }</span>
                            </label>
                        }
                    }) }
                </fieldset>
            </div>
        </header>
    }
}
