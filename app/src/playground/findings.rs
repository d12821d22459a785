//! The list of findings, with a count per rule; while the code does not parse, the last
//! findings of code that did, marked as out of date.

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

use crate::lint_session::summary::{FindingSummary, ResultSummary};
use crate::shared::report::{ReportKind, ReportWrong};

/// The list shows this many findings (in source order) until the learner asks for all:
/// thousands of buttons would make every edit slow to show.
pub const SHOWN_FINDINGS: usize = 200;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub result: Rc<ResultSummary>,
    pub revision: u64,
    pub selected: Option<usize>,
    pub summary: AttrValue,
    pub rule_counts: Rc<Vec<(lint_core::RuleId, usize)>>,
    /// Whether any finding has a rewrite "Apply all" could take.
    pub can_apply_all: bool,
    /// The linter gave no result for the newest text: the list is not an all-clear.
    #[prop_or_default]
    pub stopped: bool,
    pub on_select: Callback<usize>,
    pub on_apply_all: Callback<()>,
    /// The linted text, for a report of a missed finding.
    #[prop_or_default]
    pub source: Rc<str>,
    /// How many findings the project's other files have: a clean file is then no
    /// all-clear for the server.
    #[prop_or_default]
    pub elsewhere: usize,
}

#[function_component]
pub fn FindingsPanel(props: &Props) -> Html {
    let show_all = use_state_eq(|| false);
    let findings = props.result.findings().count();
    let total = props.result.diagnostics.len();
    let shown = if *show_all {
        total
    } else {
        total.min(SHOWN_FINDINGS)
    };
    let toggle = {
        let show_all = show_all.clone();
        Callback::from(move |_: MouseEvent| show_all.set(!*show_all))
    };
    let last_parsed = use_mut_ref(|| None::<Rc<ResultSummary>>);
    let stale = out_of_date(&last_parsed, &props.result);
    html! {
        <section class="panel findings" aria-labelledby="findings-heading"
            data-revision={props.revision.to_string()} data-count={findings.to_string()}>
            <div class="panel-head">
                <h2 id="findings-heading" tabindex="-1">{"Findings"}</h2>
                if props.can_apply_all {
                    <button type="button" class="btn" id="apply-all"
                        onclick={props.on_apply_all.reform(|_: MouseEvent| ())}>
                        {"Apply all"}
                    </button>
                }
            </div>
            <p class={classes!("summary", if props.stopped { "has-error" } else { summary_class(&props.result) })}
                id="findings-summary"
                role="status" aria-live="polite">
                { &props.summary }
            </p>
            if !props.rule_counts.is_empty() {
                <ul class="rule-counts" aria-label="Findings per rule">
                    { for props.rule_counts.iter().map(|(rule, n)| html! {
                        <li class={classes!("rule-chip", rule.as_str())}>
                            <code>{ rule.as_str() }</code><span class="count">{ n }</span>
                        </li>
                    }) }
                </ul>
            }
            if props.stopped && props.result.diagnostics.is_empty() {
                // Nothing to list, and nothing to promise: the code was not checked.
            } else if props.result.diagnostics.is_empty() && props.elsewhere > 0 {
                <p class="muted" id="findings-clean-file">
                    { format!("Nothing found in this file. The project's other files have {} finding{}, \
                        listed under “In other files”: the server keeps state there.",
                        props.elsewhere, if props.elsewhere == 1 { "" } else { "s" }) }
                </p>
            } else if props.result.diagnostics.is_empty() {
                <div class="all-clear">
                    <span class="all-clear-icon" aria-hidden="true">{"✓"}</span>
                    <p>{"No stateful patterns found. This server could be replaced or copied without losing anything the linter knows about."}</p>
                </div>
                <ReportWrong source={props.source.clone()} kind={ReportKind::Miss} />
            } else {
                <ul class="finding-list" id="finding-list" aria-label="Findings">
                    { for props.result.diagnostics[..shown].iter().enumerate().map(|(i, d)| {
                        item(d, props.selected == Some(i), props.on_select.reform(move |_: MouseEvent| i))
                    }) }
                </ul>
                if let Some((error, old)) = &stale {
                    <p class="stale-note" id="findings-stale">
                        { format!("Syntax error at {}:{}. Until it is fixed, the findings below are those of \
                            the last code that parsed: out of date, and their places may have moved.",
                            error.range.line, error.range.column) }
                    </p>
                    <ul class="finding-list stale" aria-label="Findings of the last code that parsed (out of date)">
                        { for old.iter().map(stale_item) }
                    </ul>
                }
                if total > SHOWN_FINDINGS {
                    <div class="show-all">
                        if !*show_all {
                            <p class="muted" id="findings-shown">
                                { format!("Showing the first {SHOWN_FINDINGS} of {total}; the editor marks them all.") }
                            </p>
                        }
                        <button type="button" class="btn" id="show-all-findings"
                            aria-controls="finding-list" aria-expanded={show_all.to_string()}
                            onclick={toggle}>
                            { if *show_all {
                                format!("Show only the first {SHOWN_FINDINGS}")
                            } else {
                                format!("Show all {total} findings")
                            } }
                        </button>
                    </div>
                }
            }
        </section>
    }
}

/// While `result` has a syntax error: the error, and the findings of the last result that
/// parsed that `result` does not have. `last_parsed` remembers that result.
fn out_of_date<'a>(
    last_parsed: &RefCell<Option<Rc<ResultSummary>>>,
    result: &'a Rc<ResultSummary>,
) -> Option<(&'a FindingSummary, Vec<FindingSummary>)> {
    let Some(error) = result.diagnostics.iter().find(|d| d.fatal) else {
        *last_parsed.borrow_mut() = Some(result.clone());
        return None;
    };
    let last = last_parsed.borrow();
    let now: Vec<_> = result.findings().map(|d| (d.rule, &d.message)).collect();
    let old: Vec<FindingSummary> = last
        .iter()
        .flat_map(|last| last.findings())
        .filter(|d| !now.contains(&(d.rule, &d.message)))
        .cloned()
        .collect();
    (!old.is_empty()).then_some((error, old))
}

/// A finding of code since changed: shown for reference, not selectable (its place in
/// the code may have moved).
fn stale_item(d: &FindingSummary) -> Html {
    let tag = d.rule.map(|r| r.as_str()).unwrap_or("syntax error");
    html! {
        <li class={classes!("finding", "stale", tag)}>
            <span class="finding-rule">{ tag }</span>
            <span class="finding-message">{ crate::shared::text::message(&d.message) }</span>
            <span class="finding-pos">{ format!("{}:{}", d.range.line, d.range.column) }</span>
        </li>
    }
}

fn summary_class(result: &ResultSummary) -> &'static str {
    if result.has_fatal() {
        "has-error"
    } else if result.findings().next().is_some() {
        "has-findings"
    } else {
        "is-clean"
    }
}

fn item(d: &FindingSummary, selected: bool, onclick: Callback<MouseEvent>) -> Html {
    let (tag, kind) = match d.rule {
        Some(rule) => (rule.as_str(), rule.as_str()),
        None => ("syntax error", "syntax-error"),
    };
    let position = format!("{}:{}", d.range.line, d.range.column);
    html! {
        <li>
            <button type="button" class={classes!("finding", kind, selected.then_some("selected"))}
                aria-pressed={selected.to_string()} {onclick}>
                <span class="finding-rule">{ tag }</span>
                <span class="finding-message">{ crate::shared::text::message(&d.message) }</span>
                <span class="finding-pos" aria-label={format!("line {}, column {}", d.range.line, d.range.column)}>
                    { position }
                </span>
            </button>
        </li>
    }
}
