//! One exercise: its goal, an editor with the learner's code, "Check", the hint ladder
//! and, once the learner has tried, the reference solution. Used by lessons and by the
//! workshop's learner view; progress goes to the shared [`ProgressProvider`].
//!
//! [`ProgressProvider`]: crate::learn::progress_provider::ProgressProvider

use std::rc::Rc;

use lint_core::exercise::{CheckReport, Exercise, check};
use yew::prelude::*;

use crate::learn::checks::CheckList;
use crate::learn::hints::{self, HintLadder};
use crate::learn::progress::ProgressAction;
use crate::learn::progress_provider::use_progress;
use crate::lint_session::editor::Editor;
use crate::lint_session::guarded::catching;
use crate::lint_session::linted_editor::LintedEditor;
use crate::shell::browser;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub exercise: &'static Exercise,
    /// The workshop's time box for this exercise, in minutes.
    #[prop_or_default]
    pub minutes: Option<u32>,
    /// What to offer once the checks pass: a label and what it does.
    #[prop_or_default]
    pub next: Option<(AttrValue, Callback<()>)>,
}

/// Render it with `key` = the exercise id (and the progress generation), so the editor
/// and its callbacks belong to one exercise.
#[function_component]
pub fn ExerciseBench(props: &Props) -> Html {
    let ex = props.exercise;
    let progress = use_progress();
    let mine = progress.exercise(&ex.id);
    let editor = use_mut_ref(|| None::<Editor>);
    let report = use_state(|| None::<Rc<CheckReport>>);
    let show_solution = use_state(|| false);
    // Focus moves to a hint only when the learner asked for it, not on every render.
    let focus_hint = use_mut_ref(|| false);
    let initial = use_memo((), {
        let code = mine.code.clone();
        move |_| Rc::<str>::from(code.unwrap_or_else(|| ex.starter.clone()))
    });

    let on_ready = {
        let editor = editor.clone();
        Callback::from(move |ed: Editor| *editor.borrow_mut() = Some(ed))
    };
    let on_text = {
        let dispatcher = progress.dispatcher();
        Callback::from(move |code: String| {
            dispatcher.dispatch(ProgressAction::Edit {
                exercise: ex.id.clone(),
                code,
            })
        })
    };
    let on_check = {
        let editor = editor.clone();
        let report = report.clone();
        let dispatcher = progress.dispatcher();
        Callback::from(move |_: MouseEvent| {
            let Some(ed) = editor.borrow().clone() else {
                return;
            };
            let code = ed.text();
            let text = code.clone();
            // A text that crashes the linter is not checked; the line under the editor
            // already says the linter stopped on it.
            let Ok(outcome) = catching(move || check(ex, &text)) else {
                return;
            };
            dispatcher.dispatch(ProgressAction::Checked {
                exercise: ex.id.clone(),
                code,
                passed: outcome.passed,
            });
            report.set(Some(Rc::new(outcome)));
        })
    };
    let on_hint = {
        let dispatcher = progress.dispatcher();
        let focus_hint = focus_hint.clone();
        Callback::from(move |_: MouseEvent| {
            *focus_hint.borrow_mut() = true;
            dispatcher.dispatch(ProgressAction::RevealHint {
                exercise: ex.id.clone(),
            });
        })
    };
    use_effect_with(mine.hints_used, move |&n| {
        if std::mem::take(&mut *focus_hint.borrow_mut()) {
            browser::focus_element(&format!("hint-{n}"));
        }
    });
    let on_show_solution = {
        let show_solution = show_solution.clone();
        Callback::from(move |_: MouseEvent| show_solution.set(true))
    };
    use_effect_with(*show_solution, |&shown| {
        if shown {
            browser::focus_element("solution-heading");
        }
    });
    let on_use_solution = {
        let editor = editor.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(ed) = editor.borrow().clone() {
                // One undo step: Ctrl+Z brings the learner's own code back.
                ed.replace_text(&ex.solution);
                browser::focus_element("check-button");
            }
        })
    };

    let next_hint = mine.next_hint();
    // "Next" appears once this view's latest check passes.
    let next = props
        .next
        .clone()
        .filter(|_| report.as_ref().is_some_and(|r| r.passed));
    html! {
        <section class="bench" aria-labelledby="bench-title" data-exercise={ex.id.clone()}>
            <header class="bench-head">
                <h2 id="bench-title">{ &ex.title }</h2>
                <span class="badge level">{ format!("Level {}", ex.level) }</span>
                if let Some(minutes) = props.minutes {
                    <span class="badge timebox">{ format!("Time box: {minutes} min") }</span>
                }
                if mine.solved {
                    <span class="badge safe solved-badge">{"Solved"}</span>
                }
            </header>
            <p class="goal"><strong>{"Goal: "}</strong>{ crate::shared::text::message(&ex.goal) }</p>
            <LintedEditor initial={(*initial).clone()} {on_ready} {on_text} />
            <div class="bench-actions">
                <button type="button" class="btn primary" id="check-button" onclick={on_check}>{"Check"}</button>
                <button type="button" class="btn" id="hint-button" onclick={on_hint}
                    disabled={next_hint.is_none()}>
                    { hints::button_label(next_hint) }
                </button>
                if mine.has_checked() && !*show_solution {
                    <button type="button" class="btn ghost" id="solution-button" onclick={on_show_solution}>
                        {"Show solution"}
                    </button>
                }
            </div>
            <CheckList report={(*report).clone()} />
            if let Some((label, on_next)) = next {
                <button type="button" class="btn primary" id="next-exercise"
                    onclick={on_next.reform(|_: MouseEvent| ())}>{ label }</button>
            }
            <HintLadder exercise={ex} revealed={mine.revealed()} />
            if *show_solution {
                <section class="solution" aria-labelledby="solution-heading">
                    <h3 id="solution-heading" tabindex="-1">{"A solution"}</h3>
                    <p class="muted">{"One of many that pass. Yours can look different and still be right: the checks look at what the code does, not how it is spelled."}</p>
                    <pre id="solution-code" tabindex="0"><code>{ &ex.solution }</code></pre>
                    <button type="button" class="btn" id="use-solution" onclick={on_use_solution}>
                        {"Put this solution in the editor"}
                    </button>
                </section>
            }
        </section>
    }
}
