use std::rc::Rc;

use lint_core::{Diagnostic, Failure, RuleId, StateLocation};
use yew::prelude::*;

use crate::shared::rewrites::Rewrites;
use crate::shell::markdown;

const PHOENIX_LINK: &str = "https://martinfowler.com/bliki/PhoenixServer.html";

#[derive(Properties, PartialEq)]
pub struct Props {
    pub diagnostic: Option<Diagnostic>,
    pub source: Rc<str>,
    /// Moves the editor selection to a UTF-16 range.
    pub on_jump: Callback<(u32, u32)>,
    /// Applies the selected finding's rewrite with this index.
    pub on_apply: Callback<usize>,
    /// The diagnostic is the list's short form: its rewrites and the rest are on the way.
    #[prop_or_default]
    pub pending: bool,
}

#[function_component]
pub fn ExplanationPanel(props: &Props) -> Html {
    let rule = props.diagnostic.as_ref().and_then(|d| d.rule);
    let doc = use_memo(rule, |rule| {
        rule.map(|rule| markdown::to_html(lint_core::rule_doc(rule), 2))
            .unwrap_or_default()
    });
    let body = match &props.diagnostic {
        None => overview(),
        Some(d) => match d.rule {
            Some(rule) => finding(rule, d, &doc, props),
            None => syntax_error(d, props),
        },
    };
    html! {
        <section class="panel explanation" aria-labelledby="explanation-heading">
            { body }
        </section>
    }
}

fn overview() -> Html {
    html! {
        <>
            <h2 id="explanation-heading">{"Why servers should be phoenixes"}</h2>
            <p>
                {"A phoenix server can burn down at any moment and rise again from its build, \
                  the same as before and missing nothing. Deployments replace servers, autoscaling \
                  adds copies of them and crashes restart them, so every server should be treated \
                  that way. "}
                <a href={PHOENIX_LINK} target="_blank" rel="noopener">{"Martin Fowler: PhoenixServer"}</a>
            </p>
            <p>
                {"Whatever a process keeps for itself — files on its own disk, sessions in its memory, \
                  counters and caches in module variables — disappears when it is replaced, and is \
                  different in every copy when it is scaled out. Keep that state in a backing service \
                  (object storage, a database, Redis) and any instance can serve any request."}
            </p>
            <h3>{"What this playground looks for"}</h3>
            <ul class="rule-overview">
                { for RuleId::ALL.iter().map(|rule| html! {
                    <li><code>{ rule.as_str() }</code>{" — "}{ rule.summary() }</li>
                }) }
            </ul>
            <p class="muted">{"Pick a finding to see what it breaks and how to rewrite it."}</p>
        </>
    }
}

fn syntax_error(d: &Diagnostic, props: &Props) -> Html {
    html! {
        <>
            <h2 id="explanation-heading">{"Syntax error"}</h2>
            <p class="finding-detail">{ crate::shared::text::message(&d.message) }</p>
            { jump_button(d.range.line, d.range.column, d.range.start_utf16, d.range.end_utf16, "Show in editor", props) }
            <p>{"The linter could read only part of this code, so some findings may be missing. \
                 The editor still works: fix the code and it is checked again as you type."}</p>
        </>
    }
}

fn finding(rule: RuleId, d: &Diagnostic, doc: &str, props: &Props) -> Html {
    html! {
        <>
            <h2 id="explanation-heading"><code>{ rule.as_str() }</code></h2>
            <p class="rule-summary">{ rule.summary() }</p>
            <p class="finding-detail">{ crate::shared::text::message(&d.message) }</p>
            <ul class="where">
                <li>{ jump_button(d.range.line, d.range.column, d.range.start_utf16, d.range.end_utf16, "here", props) }</li>
                { for d.labels.iter().map(|label| html! {
                    <li>{ jump_button(label.range.line, label.range.column, label.range.start_utf16,
                        label.range.end_utf16, &label.message, props) }</li>
                }) }
            </ul>
            if let Some(state) = &d.state {
                <p class="state-info">
                    {"State: "}<code>{ &state.name }</code>
                    { format!(" — {} in {}", state.kind.words(), location_name(state.location)) }
                    if !state.routes.is_empty() {
                        {", used by "}
                        { for state.routes.iter().enumerate().map(|(i, r)| html! {
                            <>{ if i > 0 { ", " } else { "" } }<code>{ r.to_string() }</code></>
                        }) }
                    }
                </p>
            }
            if !d.failures.is_empty() {
                <h3>{"What breaks"}</h3>
                <ul class="failures">
                    { for d.failures.iter().map(|f| html! {
                        <li class={failure_class(*f)}>
                            <span class="failure-icon" aria-hidden="true">{ failure_icon(*f) }</span>
                            { capitalised(f.describe()) }
                        </li>
                    }) }
                </ul>
            }
            if let Some(help) = &d.help {
                <h3>{"What to do"}</h3>
                <p>{ crate::shared::text::message(help) }</p>
            }
            <h3>{"Rewrites"}</h3>
            if props.pending {
                <p class="muted" id="rewrites-pending">{"Preparing the rewrites…"}</p>
            } else {
                <Rewrites rewrites={Rc::new(d.rewrites.clone())} source={props.source.clone()}
                    on_apply={props.on_apply.clone()} />
            }
            <details class="rule-doc" open=true>
                <summary>{"About this rule"}</summary>
                <div class="markdown">{ Html::from_html_unchecked(AttrValue::from(doc.to_owned())) }</div>
            </details>
            <p class="muted">
                {"The idea behind every rule: "}
                <a href={PHOENIX_LINK} target="_blank" rel="noopener">{"phoenix servers"}</a>
                {"."}
            </p>
        </>
    }
}

fn jump_button(line: u32, column: u32, from: u32, to: u32, text: &str, props: &Props) -> Html {
    let on_jump = props.on_jump.reform(move |_: MouseEvent| (from, to));
    html! {
        <button type="button" class="link-button" onclick={on_jump}>
            <span class="pos">{ format!("{line}:{column}") }</span>{" "}{ text.to_owned() }
        </button>
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

fn failure_icon(failure: Failure) -> &'static str {
    match failure {
        Failure::LostOnReplace => "✖",
        Failure::DivergesOnScale => "⇄",
        Failure::LostUpdate => "⚠",
    }
}

fn failure_class(failure: Failure) -> &'static str {
    match failure {
        Failure::LostOnReplace => "lost",
        Failure::DivergesOnScale => "diverges",
        Failure::LostUpdate => "lost-update",
    }
}

fn location_name(location: StateLocation) -> &'static str {
    match location {
        StateLocation::ProcessMemory => "process memory",
        StateLocation::LocalDisk => "the server's own disk",
        StateLocation::BackingService => "a shared backing service",
    }
}
