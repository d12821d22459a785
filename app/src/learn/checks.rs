//! The outcome of "Check": one line per check in plain words, tagged by how urgent it is
//! (Exercism's essential / actionable / informative), and the celebration on success.

use std::rc::Rc;

use lint_core::exercise::{CheckReport, CheckResult, FeedbackTag};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    /// `None` until the first check in this view.
    pub report: Option<Rc<CheckReport>>,
}

#[function_component]
pub fn CheckList(props: &Props) -> Html {
    let (required, notes): (Vec<&CheckResult>, Vec<&CheckResult>) = props
        .report
        .as_deref()
        .map(|r| r.results.iter().partition(|c| c.required))
        .unwrap_or_default();
    html! {
        <section class="checks" aria-labelledby="checks-heading">
            <h3 id="checks-heading">{"Checks"}</h3>
            // Always in the page, so screen readers announce what enters it.
            <div class="check-status" role="status" aria-live="polite">
                if let Some(report) = &props.report {
                    <p id="check-summary" class={classes!("check-summary", report.passed.then_some("passed"))}>
                        { summary(report) }
                    </p>
                    if let Some(celebration) = &report.celebration {
                        <p class="celebration" id="celebration">
                            { crate::shared::text::message(celebration) }
                        </p>
                    }
                }
            </div>
            if props.report.is_none() {
                <p class="muted">{"Check runs the linter and looks at the structure of your code: routes, middleware, where the state goes. Any answer that does the job passes, however it is written."}</p>
            } else {
                <ul class="check-results" aria-label="Check results">
                    { for required.iter().map(|r| item(r)) }
                </ul>
                if !notes.is_empty() {
                    <h4 class="notes-heading">{"Also noticed"}</h4>
                    <ul class="check-results notes" aria-label="Notes that do not block">
                        { for notes.iter().map(|r| item(r)) }
                    </ul>
                }
                <p class="tag-legend muted">
                    <strong>{"essential"}</strong>{": fix first. "}
                    <strong>{"actionable"}</strong>{": a change still needed. "}
                    <strong>{"informative"}</strong>{": good to know."}
                </p>
            }
        </section>
    }
}

fn item(result: &CheckResult) -> Html {
    let (icon, state) = if result.passed {
        ("✓", "passes")
    } else {
        ("✗", "not yet")
    };
    let tag = tag_name(result.tag);
    html! {
        <li class={classes!("check-result", if result.passed { "pass" } else { "fail" }, tag)}>
            <span class="check-icon" aria-hidden="true">{ icon }</span>
            <span class="visually-hidden">{ format!("{state}, {tag}: ") }</span>
            <span class="check-tag" aria-hidden="true">{ tag }</span>
            <span class="check-message">{ crate::shared::text::message(&result.message) }</span>
        </li>
    }
}

fn tag_name(tag: FeedbackTag) -> &'static str {
    match tag {
        FeedbackTag::Essential => "essential",
        FeedbackTag::Actionable => "actionable",
        FeedbackTag::Informative => "informative",
    }
}

/// One sentence for the live region: how many required checks pass and what to do.
pub fn summary(report: &CheckReport) -> String {
    let required: Vec<&CheckResult> = report.results.iter().filter(|r| r.required).collect();
    let passing = required.iter().filter(|r| r.passed).count();
    let total = required.len();
    if report.passed {
        return format!("All {total} checks pass.");
    }
    let next = if required
        .iter()
        .any(|r| !r.passed && r.tag == FeedbackTag::Essential)
    {
        "Start with the essential ones."
    } else {
        "The ones marked actionable say what is left."
    };
    format!("{passing} of {total} checks pass. {next}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use lint_core::exercise::{check, exercise};

    #[test]
    fn the_starter_fails_and_says_what_is_left() {
        let ex = exercise("uploads-1-dest").unwrap();
        let report = check(ex, &ex.starter);
        let text = summary(&report);
        assert!(
            text.ends_with("The ones marked actionable say what is left."),
            "{text}"
        );
        assert!(text.contains(" of 4 checks pass."), "{text}");
        assert!(!text.starts_with("4 of"), "{text}");
    }

    #[test]
    fn broken_code_points_at_the_essential_checks() {
        let ex = exercise("uploads-1-dest").unwrap();
        let text = summary(&check(ex, "app.post('/photos', (req, res) => {"));
        assert!(text.ends_with("Start with the essential ones."), "{text}");
    }

    #[test]
    fn the_solution_passes_every_check() {
        let ex = exercise("sessions-1-memory").unwrap();
        let report = check(ex, &ex.solution);
        let total = report.results.iter().filter(|r| r.required).count();
        assert_eq!(summary(&report), format!("All {total} checks pass."));
    }
}
