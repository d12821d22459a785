//! The link maker (`#/embed-builder`): paste code, pick how it is shown, copy the
//! "Open in playground" link, the iframe snippet or the `<phoenix-snippet>` snippet.
//! The snippets are written by `options::snippets`, which escapes the code for HTML.
//! A live preview of the embed shows the height it will report to the docs page.

use gloo::events::EventListener;
use lint_core::RuleId;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::embed::options::{self, Panel, RESIZE_MESSAGE_TYPE, Settings, Theme};
use crate::shared::examples;
use crate::shell::browser;
use crate::shell::storage;

const DEFAULT_HEIGHT: u32 = 360;

/// The same bounds as `<phoenix-snippet>` puts on a reported height.
const PREVIEW_HEIGHTS: (f64, f64) = (80.0, 4000.0);

/// What the last press of a Copy button did, shown beside that button.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Copied {
    Done(&'static str),
    /// The browser refused the clipboard; the text was selected instead.
    Refused(&'static str),
}

#[function_component]
pub fn LinkMaker() -> Html {
    // The playground's autosaved code, so "embed what I was working on" is one click.
    let code =
        use_state(|| storage::load_code().unwrap_or_else(|| examples::DEFAULT.source.to_owned()));
    let settings = use_state(|| Settings {
        height: DEFAULT_HEIGHT,
        ..Settings::default()
    });
    let copied = use_state_eq(|| None::<Copied>);
    // The preview's height as the embed reports it, like a docs page would receive it.
    let measured = use_state_eq(|| None::<f64>);
    let preview = use_node_ref();
    {
        let measured = measured.clone();
        let preview = preview.clone();
        use_effect_with((), move |_| {
            let listener = EventListener::new(&browser::window(), "message", move |event| {
                if let Some(height) = preview_height(event, &preview) {
                    measured.set(Some(height));
                }
            });
            move || drop(listener)
        });
    }

    // The playground's address without fragment or query: what every snippet points at.
    let base = {
        let link = browser::link_with_fragment("");
        let link = link.trim_end_matches('#');
        link.split('?').next().unwrap_or_default().to_owned()
    };
    let snippets = options::snippets(&base, &code, &settings);

    let on_code = {
        let code = code.clone();
        Callback::from(move |e: InputEvent| {
            code.set(e.target_unchecked_into::<HtmlTextAreaElement>().value());
        })
    };
    let update = |apply: fn(&mut Settings, String)| {
        let settings = settings.clone();
        Callback::from(move |e: Event| {
            let mut next = (*settings).clone();
            apply(
                &mut next,
                e.target_unchecked_into::<HtmlSelectElement>().value(),
            );
            settings.set(next);
        })
    };
    let on_theme = update(|s, v| {
        s.theme = Theme::ALL
            .into_iter()
            .find(|t| t.as_str() == v)
            .unwrap_or_default();
    });
    let on_panel = update(|s, v| {
        s.panel = Panel::ALL
            .into_iter()
            .find(|p| p.as_str() == v)
            .unwrap_or_default();
    });
    let on_readonly = {
        let settings = settings.clone();
        Callback::from(move |e: Event| {
            let mut next = (*settings).clone();
            next.readonly = e.target_unchecked_into::<HtmlInputElement>().checked();
            settings.set(next);
        })
    };
    let on_rule = |rule: RuleId| {
        let settings = settings.clone();
        Callback::from(move |e: Event| {
            let on = e.target_unchecked_into::<HtmlInputElement>().checked();
            let mut next = (*settings).clone();
            let mut rules = next.rules.clone().unwrap_or_else(|| RuleId::ALL.to_vec());
            rules.retain(|r| *r != rule);
            if on {
                rules.push(rule);
            }
            // Keep the rules' fixed order; all of them is the default, written as none.
            let rules: Vec<RuleId> = RuleId::ALL
                .into_iter()
                .filter(|r| rules.contains(r))
                .collect();
            next.rules = (rules.len() != RuleId::ALL.len()).then_some(rules);
            settings.set(next);
        })
    };
    let on_height = {
        let settings = settings.clone();
        Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<HtmlInputElement>().value();
            if let Ok(height) = value.parse::<u32>() {
                let mut next = (*settings).clone();
                next.height = height.clamp(120, 2000);
                settings.set(next);
            }
        })
    };
    let copy = |id: &'static str, text: String| {
        let copied = copied.clone();
        Callback::from(move |_: MouseEvent| {
            let copied = copied.clone();
            write_clipboard(&text, move |done| {
                if done {
                    copied.set(Some(Copied::Done(id)));
                } else {
                    // Refused (no permission, or no clipboard API off https): the text is
                    // selected, so the reader's own copy shortcut takes it.
                    select_text(id);
                    copied.set(Some(Copied::Refused(id)));
                }
            });
        })
    };

    let output = |id: &'static str, title: &'static str, help: &'static str, text: &str| {
        let status = match *copied {
            Some(Copied::Done(which)) if which == id => "Copied",
            Some(Copied::Refused(which)) if which == id => {
                "The browser did not allow copying: the text is selected, press Ctrl+C (⌘C on a Mac)."
            }
            _ => "",
        };
        html! {
            <div class="maker-output">
                <div class="panel-head">
                    <h3 id={format!("{id}-heading")}>{ title }</h3>
                    <span class="copy-status" id={format!("{id}-status")} role="status" aria-live="polite">{ status }</span>
                    <button type="button" class="btn" id={format!("{id}-copy")}
                        onclick={copy(id, text.to_owned())}>{"Copy"}</button>
                </div>
                <p class="hint">{ help }</p>
                <textarea id={id} readonly=true rows="4" spellcheck="false"
                    aria-labelledby={format!("{id}-heading")} value={text.to_owned()} />
            </div>
        }
    };

    let rule_on = |rule: RuleId| settings.rules.as_ref().is_none_or(|r| r.contains(&rule));
    html! {
        <main class="maker">
            <header class="maker-head">
                <h1>{"Embed code in your docs"}</h1>
                <p>
                    {"Paste the code to show, choose how, and copy one of three snippets. The code \
                      travels inside the link, after the #, so no server ever sees it. "}
                    <a href="#/">{"Back to the playground"}</a>
                </p>
            </header>
            <section class="panel maker-form" aria-labelledby="maker-code-heading">
                <h2 id="maker-code-heading">{"Code"}</h2>
                <textarea id="maker-code" rows="10" spellcheck="false" aria-labelledby="maker-code-heading"
                    value={(*code).clone()} oninput={on_code} />
                <div class="maker-settings">
                    <label class="field">{"Theme"}
                        <select id="maker-theme" onchange={on_theme}>
                            { for Theme::ALL.iter().map(|t| html! {
                                <option value={t.as_str()} selected={*t == settings.theme}>{ t.as_str() }</option>
                            }) }
                        </select>
                    </label>
                    <label class="field">{"Panel"}
                        <select id="maker-panel" onchange={on_panel}>
                            { for Panel::ALL.iter().map(|p| html! {
                                <option value={p.as_str()} selected={*p == settings.panel}>{ p.as_str() }</option>
                            }) }
                        </select>
                    </label>
                    <label class="field">
                        <input type="checkbox" id="maker-readonly" checked={settings.readonly} onchange={on_readonly} />
                        {"Read-only"}
                    </label>
                    <label class="field">{"Height (px)"}
                        <input type="number" id="maker-height" min="120" max="2000" step="10"
                            value={settings.height.to_string()} onchange={on_height} />
                    </label>
                    <fieldset class="maker-rules">
                        <legend>{"Rules"}</legend>
                        { for RuleId::ALL.iter().map(|&rule| html! {
                            <label class="field">
                                <input type="checkbox" value={rule.as_str()} checked={rule_on(rule)} onchange={on_rule(rule)} />
                                <code>{ rule.as_str() }</code>
                            </label>
                        }) }
                    </fieldset>
                </div>
            </section>
            {
                match &snippets {
                    Ok(s) => html! { <>
                        <section class="panel maker-outputs" aria-label="Snippets">
                            { output("maker-link", "Link", "An “Open in playground” link: the lightest tier, for any page or chat.", &s.link) }
                            { output("maker-iframe", "iframe", "A live, linted embed that grows to its content. Paste the script once per page.", &s.iframe) }
                            { output("maker-component", "Web component", "Enhances a code block: readers without JavaScript, and search engines, still see the code.", &s.component) }
                        </section>
                        <section class="panel maker-preview" aria-labelledby="maker-preview-heading">
                            <div class="panel-head">
                                <h2 id="maker-preview-heading">{"Preview"}</h2>
                                <p class="hint" id="maker-preview-height" aria-live="polite">
                                    { match *measured {
                                        Some(height) => format!("Measured height: {height} px"),
                                        None => "Measuring the height…".to_owned(),
                                    } }
                                </p>
                            </div>
                            <p class="hint">
                                {"The embed as a 700 px docs column shows it, sized by the height it reports. "}
                                <a href={s.embed_url.clone()} target="_blank" rel="noopener">{"Open the preview on its own"}</a>
                            </p>
                            <iframe id="maker-preview" ref={preview} src={s.embed_url.clone()}
                                title="Preview of the embed"
                                height={measured.map_or(settings.height as f64, |h| h.clamp(PREVIEW_HEIGHTS.0, PREVIEW_HEIGHTS.1)).to_string()} />
                        </section>
                    </> },
                    Err(error) => html! {
                        <p class="notice error" role="alert">{ error.to_string() }</p>
                    },
                }
            }
        </main>
    }
}

/// The height in a resize message from the preview's own iframe, in the embed's shape;
/// `None` for any other message.
fn preview_height(event: &Event, preview: &NodeRef) -> Option<f64> {
    let event = event.dyn_ref::<web_sys::MessageEvent>()?;
    let frame = preview.get()?;
    let window = js_sys::Reflect::get(&frame, &"contentWindow".into()).ok()?;
    if event.source().map(JsValue::from) != Some(window) {
        return None;
    }
    let data = event.data();
    let kind = js_sys::Reflect::get(&data, &"type".into()).ok()?;
    if kind.as_string().as_deref() != Some(RESIZE_MESSAGE_TYPE) {
        return None;
    }
    let height = js_sys::Reflect::get(&data, &"height".into())
        .ok()?
        .as_f64()?;
    height.is_finite().then_some(height.ceil())
}

/// Writes `text` to the clipboard; `done(true)` once the browser took it, `done(false)`
/// when it refused or has no clipboard API (a page not served over https).
fn write_clipboard(text: &str, done: impl FnOnce(bool) + 'static) {
    let navigator = browser::window().navigator();
    let api = js_sys::Reflect::get(&navigator, &"clipboard".into()).ok();
    if api.is_none_or(|api| api.is_undefined() || api.is_null()) {
        return done(false);
    }
    let promise = navigator.clipboard().write_text(text);
    // Only one of the two runs; `Closure::once_into_js` frees the Rust side when it does.
    let done = std::rc::Rc::new(std::cell::RefCell::new(Some(done)));
    let settle = |ok: bool| {
        let done = done.clone();
        Closure::once_into_js(move |_: JsValue| {
            if let Some(done) = done.borrow_mut().take() {
                done(ok);
            }
        })
    };
    let then = js_sys::Reflect::get(&promise, &"then".into())
        .ok()
        .and_then(|then| then.dyn_into::<js_sys::Function>().ok());
    if let Some(then) = then {
        let _ = then.call2(&promise, &settle(true), &settle(false));
    }
}

/// Focuses the text area `id` and selects all of its text.
fn select_text(id: &str) {
    let area = browser::window()
        .document()
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<HtmlTextAreaElement>().ok());
    if let Some(area) = area {
        let _ = area.focus();
        area.select();
    }
}
