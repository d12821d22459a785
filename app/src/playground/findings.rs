//! The list of findings, with a count per rule; while the code does not parse, the last
//! findings of code that did, marked as out of date. A long list renders only the
//! findings in view and a margin around them ([`crate::playground::finding_window`]):
//! hundreds of buttons made every edit slow to show.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use gloo::events::EventListener;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::lint_session::summary::{FindingSummary, ResultSummary};
use crate::playground::finding_window::{FIRST_ROWS, RENDER_ALL_UP_TO, RowHeights, keeping};
use crate::shared::report::{ReportKind, ReportWrong};
use crate::shell::browser;

/// How far outside the view the focused finding may be and still stay rendered (rows).
const KEEP_FOCUSED_WITHIN: usize = 100;

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
    let findings = props.result.findings().count();
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
                <FindingList result={props.result.clone()} selected={props.selected}
                    on_select={props.on_select.clone()} />
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
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct ListProps {
    result: Rc<ResultSummary>,
    selected: Option<usize>,
    on_select: Callback<usize>,
}

/// What the list's window works from, the same across renders.
struct Window {
    list: NodeRef,
    rows: RefCell<RowHeights>,
    total: Cell<usize>,
    /// The finding whose button has the keyboard focus.
    focused: Cell<Option<usize>>,
    /// A frame is asked for to follow a scroll or resize.
    frame_asked: Cell<bool>,
    /// The padding that stands in for the rows not rendered, as last set.
    padding: Cell<(f64, f64)>,
}

/// The findings, in source order. A list longer than [`RENDER_ALL_UP_TO`] renders the
/// rows in view and about half a screen more on each side; padding of the other rows'
/// height keeps the list its full length, so scrolling the page brings any finding into
/// view, and Tab moves from finding to finding as through a list rendered in full. Each
/// row says its place in the whole list to assistive technology (`aria-posinset`).
#[function_component]
fn FindingList(props: &ListProps) -> Html {
    let total = props.result.diagnostics.len();
    let range = use_state_eq(|| (0, total.min(FIRST_ROWS)));
    let window = use_memo((), |_| Window {
        list: NodeRef::default(),
        rows: RefCell::new(RowHeights::default()),
        total: Cell::new(total),
        focused: Cell::new(None),
        frame_asked: Cell::new(false),
        padding: Cell::new((0.0, 0.0)),
    });
    window.total.set(total);
    let windowed = total > RENDER_ALL_UP_TO;
    let (start, end) = if windowed {
        let start = range.0.min(total - 1);
        (start, range.1.clamp(start + 1, total))
    } else {
        (0, total)
    };
    // After each render: measure the rows rendered, and render others if the view asks.
    {
        let window = window.clone();
        let set_range = range.setter();
        use_effect(move || follow_view(&window, &set_range));
    }
    // Scrolling and resizing move the view over the list: followed once per frame.
    {
        let window = window.clone();
        let set_range = range.setter();
        use_effect_with((), move |_| {
            let on_move = move |_: &Event| {
                if window.frame_asked.replace(true) {
                    return;
                }
                let (window, set_range) = (window.clone(), set_range.clone());
                let on_frame = wasm_bindgen::closure::Closure::once_into_js(move || {
                    window.frame_asked.set(false);
                    follow_view(&window, &set_range);
                });
                let _ = browser::window().request_animation_frame(on_frame.unchecked_ref());
            };
            // Passive, as gloo's listeners are by default: scrolling never waits for it.
            let on_scroll = EventListener::new(&browser::window(), "scroll", on_move.clone());
            let on_resize = EventListener::new(&browser::window(), "resize", on_move);
            move || drop((on_scroll, on_resize))
        });
    }
    // Focus moving to a row scrolls it into view: the rows after it are rendered at once,
    // before the next Tab press can look for them.
    let on_focus = {
        let window = window.clone();
        let set_range = range.setter();
        Callback::from(move |event: FocusEvent| {
            window.focused.set(row_of(&event));
            follow_view(&window, &set_range);
        })
    };
    let on_blur = {
        let window = window.clone();
        Callback::from(move |_: FocusEvent| window.focused.set(None))
    };
    html! {
        <ul class="finding-list" id="finding-list" aria-label="Findings" ref={window.list.clone()}
            onfocusin={on_focus} onfocusout={on_blur}>
            { for (start..end).map(|i| {
                item(&props.result.diagnostics[i], i, windowed.then_some(total), props.selected == Some(i),
                    props.on_select.reform(move |_: MouseEvent| i))
            }) }
        </ul>
    }
}

/// The index of the row an event happened in (its `data-row`).
fn row_of(event: &FocusEvent) -> Option<usize> {
    let target = event.target()?.dyn_into::<web_sys::Element>().ok()?;
    target
        .closest("li[data-row]")
        .ok()??
        .get_attribute("data-row")?
        .parse()
        .ok()
}

/// Measures the rendered rows, sets the padding for the others, and asks for the rows
/// the view now needs.
fn follow_view(window: &Window, set_range: &UseStateSetter<(usize, usize)>) {
    let Some(list) = window.list.cast::<web_sys::HtmlElement>() else {
        return;
    };
    let total = window.total.get();
    if total <= RENDER_ALL_UP_TO {
        set_padding(window, &list, (0.0, 0.0));
        return;
    }
    let mut rows = window.rows.borrow_mut();
    let children = list.children();
    let rendered: Vec<(web_sys::Element, usize)> = (0..children.length())
        .filter_map(|i| children.item(i))
        .filter_map(|li| {
            let row = li.get_attribute("data-row")?.parse().ok()?;
            Some((li, row))
        })
        .collect();
    let (Some((_, first)), Some((_, last))) = (rendered.first(), rendered.last()) else {
        return;
    };
    let (first, last) = (*first, last + 1);
    let padding = |rows: &RowHeights| (rows.offset(first), rows.offset(total) - rows.offset(last));
    // The padding for the rows just rendered goes in before anything reads the layout:
    // the browser keeps what is in view in place (scroll anchoring) when a layout finds
    // rows gone from above it without their padding, and the view would jump.
    set_padding(window, &list, padding(&rows));
    let mut changed = false;
    for (li, row) in &rendered {
        changed |= rows.set(*row, li.get_bounding_client_rect().height());
    }
    if changed {
        set_padding(window, &list, padding(&rows));
    }
    let page = browser::window();
    let height = page
        .inner_height()
        .ok()
        .and_then(|h| h.as_f64())
        .unwrap_or(800.0);
    let list_top = list.get_bounding_client_rect().top();
    let margin = (height / 2.0).max(400.0);
    let view = rows.window(total, -list_top, height - list_top, margin);
    set_range.set(keeping(view, window.focused.get(), KEEP_FOCUSED_WITHIN));
}

/// Sets the list's padding above and below the rendered rows, if it changed. Through the
/// style object: the page's Content-Security-Policy refuses `style` attributes.
fn set_padding(window: &Window, list: &web_sys::HtmlElement, padding: (f64, f64)) {
    let rounded = (padding.0.round(), padding.1.round());
    if window.padding.replace(rounded) == rounded {
        return;
    }
    let style = list.style();
    let _ = style.set_property("padding-top", &format!("{}px", rounded.0));
    let _ = style.set_property("padding-bottom", &format!("{}px", rounded.1));
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

/// Finding `index`'s row; `of`: the list's length, when it renders only some of its rows.
fn item(
    d: &FindingSummary,
    index: usize,
    of: Option<usize>,
    selected: bool,
    onclick: Callback<MouseEvent>,
) -> Html {
    let (tag, kind) = match d.rule {
        Some(rule) => (rule.as_str(), rule.as_str()),
        None => ("syntax error", "syntax-error"),
    };
    let position = format!("{}:{}", d.range.line, d.range.column);
    let (row, posinset, setsize) = match of {
        Some(total) => (
            Some(index.to_string()),
            Some((index + 1).to_string()),
            Some(total.to_string()),
        ),
        None => (None, None, None),
    };
    html! {
        <li key={index} data-row={row} aria-posinset={posinset} aria-setsize={setsize}>
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
