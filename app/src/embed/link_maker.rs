//! The link maker (`#/embed-builder`): paste code, pick how it is shown, copy the
//! "Open in playground" link, the iframe snippet or the `<phoenix-snippet>` snippet.
//! The snippets are written by `options::snippets`, which escapes the code for HTML.

use lint_core::RuleId;
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::embed::options::{self, Panel, Settings, Theme};
use crate::shared::examples;
use crate::shell::browser;
use crate::shell::storage;

const DEFAULT_HEIGHT: u32 = 360;

#[function_component]
pub fn LinkMaker() -> Html {
    // The playground's autosaved code, so "embed what I was working on" is one click.
    let code =
        use_state(|| storage::load_code().unwrap_or_else(|| examples::DEFAULT.source.to_owned()));
    let settings = use_state(|| Settings {
        height: DEFAULT_HEIGHT,
        ..Settings::default()
    });
    let copied = use_state_eq(|| None::<&'static str>);

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
    let copy = |what: &'static str, text: String| {
        let copied = copied.clone();
        Callback::from(move |_: MouseEvent| {
            browser::copy_to_clipboard(&text);
            copied.set(Some(what));
        })
    };

    let output = |id: &'static str, title: &'static str, help: &'static str, text: &str| {
        html! {
            <div class="maker-output">
                <div class="panel-head">
                    <h3 id={format!("{id}-heading")}>{ title }</h3>
                    <button type="button" class="btn" id={format!("{id}-copy")}
                        onclick={copy(title, text.to_owned())}>{"Copy"}</button>
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
                    Ok(s) => html! {
                        <section class="panel maker-outputs" aria-label="Snippets">
                            { output("maker-link", "Link", "An “Open in playground” link: the lightest tier, for any page or chat.", &s.link) }
                            { output("maker-iframe", "iframe", "A live, linted embed that grows to its content. Paste the script once per page.", &s.iframe) }
                            { output("maker-component", "Web component", "Enhances a code block: readers without JavaScript, and search engines, still see the code.", &s.component) }
                            <p><a href={s.embed_url.clone()} target="_blank" rel="noopener">{"Preview the embed"}</a></p>
                            if let Some(what) = *copied {
                                <p class="hint" role="status">{ format!("{what} copied.") }</p>
                            }
                        </section>
                    },
                    Err(error) => html! {
                        <p class="notice error" role="alert">{ error.to_string() }</p>
                    },
                }
            }
        </main>
    }
}
