//! "Report a wrong finding": a pre-filled report (the code or an excerpt, the rule, the
//! position and the version) that the learner reads, edits and copies — or sends to the
//! tracker when the page names one in `data-report-url` on `<html>`.

use std::rc::Rc;

use lint_core::RuleId;
use yew::prelude::*;

use crate::shell::browser;

/// Code up to this many lines goes into the report whole; longer code is cut to the lines
/// around the finding, which the learner can widen before copying.
const WHOLE_CODE_LINES: usize = 60;
/// Lines kept on each side of the finding in a cut excerpt.
const EXCERPT_CONTEXT: usize = 12;

#[derive(Clone, PartialEq)]
pub enum ReportKind {
    /// A finding the learner thinks is wrong (a false positive, or a wrong explanation).
    Finding {
        rule: RuleId,
        line: u32,
        column: u32,
        end_line: u32,
        message: AttrValue,
    },
    /// Something the linter should have found and did not.
    Miss,
}

#[derive(Properties, PartialEq)]
pub struct Props {
    pub source: Rc<str>,
    pub kind: ReportKind,
}

#[function_component]
pub fn ReportWrong(props: &Props) -> Html {
    // The draft while the form is open; None while closed.
    let draft = use_state(|| None::<String>);
    let copied = use_state_eq(|| false);
    let (button_id, label) = match props.kind {
        ReportKind::Finding { .. } => ("report-finding", "Report a wrong finding"),
        ReportKind::Miss => ("report-miss", "Missed something? Report it"),
    };
    let open = {
        let draft = draft.clone();
        let copied = copied.clone();
        let text = report_text(&props.kind, &props.source);
        Callback::from(move |_: MouseEvent| {
            copied.set(false);
            draft.set(if draft.is_some() {
                None
            } else {
                Some(text.clone())
            })
        })
    };
    let Some(text) = (*draft).clone() else {
        return html! {
            <p class="report">
                <button type="button" class="link-button" id={button_id} onclick={open}
                    aria-expanded="false">{ label }</button>
            </p>
        };
    };
    let oninput = {
        let draft = draft.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(area) = e.target_dyn_into::<web_sys::HtmlTextAreaElement>() {
                draft.set(Some(area.value()));
            }
        })
    };
    let copy = {
        let copied = copied.clone();
        let text = text.clone();
        Callback::from(move |_: MouseEvent| {
            browser::copy_to_clipboard(&text);
            copied.set(true);
        })
    };
    let tracker = tracker_url().map(|base| new_issue_url(&base, &props.kind, &text));
    html! {
        <div class="report open">
            <button type="button" class="link-button" id={button_id} onclick={open}
                aria-expanded="true">{ label }</button>
            <label class="report-label" for="report-text">
                {"The report, with your code. Cut it down to what shows the problem, and say what you expected."}
            </label>
            <textarea id="report-text" class="report-text" rows="12" spellcheck="false"
                value={text} {oninput} />
            <div class="report-actions">
                <button type="button" class="btn primary" id="report-copy" onclick={copy}>{"Copy the report"}</button>
                if let Some(url) = tracker {
                    <a class="btn" id="report-open" href={url} target="_blank" rel="noopener">{"Open a new issue"}</a>
                }
                <span class="muted" role="status">{ if *copied { "Copied. Paste it into an issue." } else { "" } }</span>
            </div>
        </div>
    }
}

/// The tracker's "new issue" address, when the page configures one.
fn tracker_url() -> Option<String> {
    browser::window()
        .document()?
        .document_element()?
        .get_attribute("data-report-url")
        .filter(|url| url.starts_with("https://"))
}

fn new_issue_url(base: &str, kind: &ReportKind, body: &str) -> String {
    let title = match kind {
        ReportKind::Finding { rule, .. } => format!("Wrong finding: {}", rule.as_str()),
        ReportKind::Miss => "Missed finding".to_owned(),
    };
    let separator = if base.contains('?') { '&' } else { '?' };
    format!(
        "{base}{separator}title={}&body={}",
        js_sys::encode_uri_component(&title),
        js_sys::encode_uri_component(body)
    )
}

/// The report as plain text (Markdown, as trackers take it).
pub fn report_text(kind: &ReportKind, source: &str) -> String {
    let version = env!("CARGO_PKG_VERSION");
    let (head, around) = match kind {
        ReportKind::Finding {
            rule,
            line,
            column,
            end_line,
            message,
        } => (
            format!(
                "**Wrong finding** (Phoenix Playground {version})\n\n\
                 - Rule: `{}`\n- Position: {line}:{column}\n- Message: {message}\n\n\
                 What I expected instead: \n",
                rule.as_str()
            ),
            Some((*line as usize, *end_line as usize)),
        ),
        ReportKind::Miss => (
            format!(
                "**Missed finding** (Phoenix Playground {version})\n\n\
                 State the linter missed (which line, and which rule should have reported it): \n"
            ),
            None,
        ),
    };
    let (code, note) = excerpt(source, around);
    format!("{head}\n{note}```js\n{code}\n```\n")
}

/// The code for the report, and a line saying what part of it that is.
fn excerpt(source: &str, around: Option<(usize, usize)>) -> (String, String) {
    let lines: Vec<&str> = source.trim_end().split('\n').collect();
    let Some((first, last)) = around.filter(|_| lines.len() > WHOLE_CODE_LINES) else {
        return (source.trim_end().to_owned(), "Code:\n".to_owned());
    };
    let from = first.saturating_sub(EXCERPT_CONTEXT + 1);
    let to = (last.max(first) + EXCERPT_CONTEXT).min(lines.len());
    (
        lines[from..to].join("\n"),
        format!("Code (lines {}–{to} of {}):\n", from + 1, lines.len()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(line: u32) -> ReportKind {
        ReportKind::Finding {
            rule: RuleId::NoGlobalState,
            line,
            column: 5,
            end_line: line,
            message: AttrValue::from("`hits` is kept in process memory"),
        }
    }

    #[test]
    fn a_finding_report_names_rule_position_version_and_code() {
        let text = report_text(&finding(2), "const a = 1;\nlet hits = 0;\n");
        assert!(text.contains("`no-global-state`"), "{text}");
        assert!(text.contains("Position: 2:5"), "{text}");
        assert!(text.contains(env!("CARGO_PKG_VERSION")), "{text}");
        assert!(
            text.contains("```js\nconst a = 1;\nlet hits = 0;\n```"),
            "{text}"
        );
    }

    #[test]
    fn long_code_is_cut_to_the_lines_around_the_finding() {
        let source: String = (1..=200).map(|i| format!("line{i}\n")).collect();
        let text = report_text(&finding(100), &source);
        assert!(text.contains("Code (lines 88–112 of 200)"), "{text}");
        assert!(text.contains("line88\n") && text.contains("line112\n"));
        assert!(!text.contains("line87\n") && !text.contains("line113\n"));
    }

    #[test]
    fn a_miss_report_keeps_the_whole_code() {
        let source: String = (1..=200).map(|i| format!("line{i}\n")).collect();
        let text = report_text(&ReportKind::Miss, &source);
        assert!(text.starts_with("**Missed finding**"));
        assert!(text.contains("line1\n") && text.contains("line200\n"));
    }
}
