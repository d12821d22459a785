//! The selected finding in full: the code it points at, what breaks when the server is
//! replaced or scaled, the rewrites with their diffs, and the rule's documentation.

use std::rc::Rc;

use lint_core::{Diagnostic, Failure, RuleId, StateLocation};
use yew::prelude::*;

use crate::lint_session::summary::SelectedFinding;
use crate::shared::content::{Content, Pending, use_content};
use crate::shared::report::{ReportKind, ReportWrong};
use crate::shared::rewrites::Rewrites;
use crate::shell::markdown;

const PHOENIX_LINK: &str = "https://martinfowler.com/bliki/PhoenixServer.html";

#[derive(Properties, PartialEq)]
pub struct Props {
    /// The selected finding: its summary until the full diagnostic has come.
    pub finding: Option<SelectedFinding>,
    pub source: Rc<str>,
    /// Moves the editor selection to a UTF-16 range.
    pub on_jump: Callback<(u32, u32)>,
    /// Shows another file of the project and selects a UTF-16 range in it: a label in
    /// another file is a button only where this is given.
    #[prop_or_default]
    pub on_jump_file: Option<Callback<(String, (u32, u32))>>,
    /// The project's files (none for a single file), for rewrites that edit several.
    #[prop_or_default]
    pub files: Rc<[crate::lint_session::project::SourceFile]>,
    /// Applies the selected finding's rewrite with this index.
    pub on_apply: Callback<usize>,
    /// The embed's short form: the rewrites and the rule's whole doc start folded, so an
    /// iframe on a docs page is about as tall as the finding itself.
    #[prop_or_default]
    pub compact: bool,
    /// Offers "Report a wrong finding" (the playground does; an embed in someone's docs
    /// does not).
    #[prop_or_default]
    pub reportable: bool,
}

#[function_component]
pub fn ExplanationPanel(props: &Props) -> Html {
    let body = match &props.finding {
        None => overview(),
        Some(f) => match f.rule() {
            Some(rule) => finding(rule, f, props),
            None => syntax_error(f, props),
        },
    };
    html! {
        <section class="panel explanation" aria-labelledby="explanation-heading">
            { body }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct RuleDocProps {
    rule: RuleId,
}

/// The rule's doc, fetched with the others when the first finding is shown (the first
/// screen does without them).
#[function_component]
fn RuleDoc(props: &RuleDocProps) -> Html {
    let (status, retry) = use_content(Content::RULE_DOCS);
    match lint_core::content::loaded_rule_doc(props.rule) {
        Some(doc) => html! { <div class="markdown">{ markdown::rendered(doc) }</div> },
        None => html! { <Pending content={Content::RULE_DOCS} {status} on_retry={retry} /> },
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

fn syntax_error(f: &SelectedFinding, props: &Props) -> Html {
    let range = f.range();
    html! {
        <>
            <h2 id="explanation-heading">{"Syntax error"}</h2>
            <p class="finding-detail">{ crate::shared::text::message(f.message()) }</p>
            { jump_button(range.line, range.column, range.start_utf16, range.end_utf16, "Show in editor", props) }
            <p>{"The linter could read only part of this code, so some findings may be missing. \
                 The editor still works: fix the code and it is checked again as you type."}</p>
        </>
    }
}

fn finding(rule: RuleId, f: &SelectedFinding, props: &Props) -> Html {
    let range = f.range();
    // Until the full diagnostic comes, the parts only it has are left out.
    let full = f.full();
    let labels = full.map(|d| d.labels.as_slice()).unwrap_or_default();
    let failures = full.map(|d| d.failures.as_slice()).unwrap_or_default();
    let report = ReportKind::Finding {
        rule,
        line: range.line,
        column: range.column,
        end_line: range.end_line,
        message: AttrValue::from(f.message().to_owned()),
    };
    let of = |kind: Failure| -> Vec<Failure> {
        failures.iter().copied().filter(|f| *f == kind).collect()
    };
    html! {
        <>
            <h2 id="explanation-heading"><code>{ rule.as_str() }</code></h2>
            <p class="rule-summary">{ rule.summary() }</p>
            <p class="finding-detail">{ crate::shared::text::message(f.message()) }</p>
            // The embed shows the code beside its findings already; its short form skips the
            // excerpt so the frame stays about as tall as the finding.
            if !props.compact {
                { offending_code(&props.source, range.line, range.end_line) }
            }
            <ul class="where">
                <li>{ jump_button(range.line, range.column, range.start_utf16, range.end_utf16, "Show in editor", props) }</li>
                { for labels.iter().map(|label| html! {
                    <li>{ label_item(label, props) }</li>
                }) }
            </ul>
            if let Some(state) = full.and_then(|d| d.state.as_ref()) {
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
            if !failures.is_empty() {
                <div class="what-breaks">
                    { failure_group("When the server is replaced", &of(Failure::LostOnReplace)) }
                    { failure_group("When it is scaled out", &of(Failure::DivergesOnScale)) }
                    { failure_group("When requests overlap", &of(Failure::LostUpdate)) }
                </div>
            }
            if let Some(help) = full.and_then(|d| d.help.as_ref()) {
                <h3>{"What to do"}</h3>
                <p>{ crate::shared::text::message(help) }</p>
            }
            if props.compact {
                <details class="rewrites-fold">
                    <summary>{ match full {
                        Some(d) => format!("Rewrites ({}): preview and apply", d.rewrites.len()),
                        None => "Rewrites: preview and apply".to_owned(),
                    } }</summary>
                    { rewrites(full, props) }
                </details>
            } else {
                <h3>{"Rewrites"}</h3>
                { rewrites(full, props) }
            }
            if props.reportable {
                <ReportWrong source={props.source.clone()} kind={report} />
            }
            // Closed: the finding and its rewrites come first; the rule's full story is
            // one click away.
            <details class="rule-doc">
                <summary>{"About this rule"}</summary>
                <RuleDoc {rule} />
            </details>
            <p class="muted">
                {"The idea behind every rule: "}
                <a href={PHOENIX_LINK} target="_blank" rel="noopener">{"phoenix servers"}</a>
                {"."}
            </p>
        </>
    }
}

/// The rewrites of the full diagnostic; a summary still waiting for it says so.
fn rewrites(full: Option<&Diagnostic>, props: &Props) -> Html {
    let Some(d) = full else {
        return html! { <p class="muted" id="rewrites-pending">{"Preparing the rewrites…"}</p> };
    };
    html! {
        <Rewrites rewrites={Rc::new(d.rewrites.clone())} source={props.source.clone()}
            files={props.files.clone()}
            on_apply={props.on_apply.clone()} />
    }
}

/// Lines of the finding shown above its explanation; a longer span is cut after these.
const EXCERPT_LINES: usize = 8;

/// The lines `first..=last` (1-based) of `source`, numbered, as the code the finding is about.
fn offending_code(source: &str, first: u32, last: u32) -> Html {
    let first = first.max(1) as usize;
    let last = (last as usize).max(first);
    let shown_last = last.min(first + EXCERPT_LINES - 1);
    let lines: Vec<(usize, &str)> = source
        .split('\n')
        .enumerate()
        .map(|(i, line)| (i + 1, line.trim_end_matches('\r')))
        .skip(first - 1)
        .take(shown_last + 1 - first)
        .collect();
    if lines.is_empty() {
        return html! {};
    }
    html! {
        <figure class="offending-code">
            <figcaption class="visually-hidden">{ format!("The code at line {first}") }</figcaption>
            <pre class="hunk">{ for lines.into_iter().map(|(number, text)| html! {
                <span class="line ctx">
                    <span class="ln" aria-hidden="true">{ number }</span>
                    <span class="text">{ crate::shared::text::marked_controls(text) }</span>{"\n"}
                </span>
            }) }
            if last > shown_last {
                <span class="line ctx more"><span class="ln" aria-hidden="true"></span>
                    <span class="text muted">{ format!("… {} more lines", last - shown_last) }</span></span>
            }
            </pre>
        </figure>
    }
}

/// What happens, under a heading that already says when: the heading's words again
/// ("Lost when the server is replaced" under "When the server is replaced") said nothing.
const fn consequence(failure: Failure) -> &'static str {
    match failure {
        Failure::LostOnReplace => "Gone: the new server starts without it.",
        Failure::DivergesOnScale => "Each instance has its own copy: users see different data.",
        Failure::LostUpdate => "Concurrent writes undo each other.",
    }
}

fn failure_group(title: &str, failures: &[Failure]) -> Html {
    if failures.is_empty() {
        return html! {};
    }
    html! {
        <section class="failure-group">
            <h3>{ title }</h3>
            <ul class="failures">
                { for failures.iter().map(|f| html! {
                    <li class={failure_class(*f)}>
                        <span class="failure-icon" aria-hidden="true">{ failure_icon(*f) }</span>
                        { consequence(*f) }
                    </li>
                }) }
            </ul>
        </section>
    }
}

/// A label: in this file, a button to its place; in another file, a button that shows
/// that file there (where the view has files to show), else its place as text.
fn label_item(label: &lint_core::Label, props: &Props) -> Html {
    let r = &label.range;
    let Some(file) = &label.file else {
        return jump_button(
            r.line,
            r.column,
            r.start_utf16,
            r.end_utf16,
            &label.message,
            props,
        );
    };
    let place = html! { <span class="pos">{ format!("{file}:{}:{}", r.line, r.column) }</span> };
    match &props.on_jump_file {
        Some(on_jump_file) => {
            let target = (file.clone(), (r.start_utf16, r.end_utf16));
            let onclick = on_jump_file.reform(move |_: MouseEvent| target.clone());
            html! {
                <button type="button" class="link-button other-file" {onclick}
                    data-file={file.clone()}>
                    { place }{" "}{ label.message.clone() }
                </button>
            }
        }
        None => html! { <span class="other-file">{ place }{" "}{ label.message.clone() }</span> },
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

/// Where the panels sit below the editor (the page's one-column layout in style.css).
const STACKED: &str = "(max-width: 900px)";

/// Moves the editor's selection to a finding picked from the list, and brings the
/// explanation into view (once it has rendered) unless its top is already in the upper
/// part of the window. Where the explanation sits below the editor, the editor is not
/// focused: a phone would open its keyboard over what the learner asked to read.
pub fn show_finding(editor: &crate::lint_session::editor::Editor, from: u32, to: u32) {
    let window = crate::shell::browser::window();
    let stacked = window
        .match_media(STACKED)
        .ok()
        .flatten()
        .is_some_and(|q| q.matches());
    if stacked {
        editor.select_quietly(from, to);
    } else {
        editor.select(from, to);
    }
    gloo::timers::callback::Timeout::new(0, || {
        let window = crate::shell::browser::window();
        let Some(heading) = window
            .document()
            .and_then(|d| d.get_element_by_id("explanation-heading"))
        else {
            return;
        };
        let height = window
            .inner_height()
            .ok()
            .and_then(|h| h.as_f64())
            .unwrap_or_default();
        let top = heading.get_bounding_client_rect().top();
        if !(0.0..height * 0.4).contains(&top) {
            heading.scroll_into_view_with_bool(true);
        }
    })
    .forget();
}
