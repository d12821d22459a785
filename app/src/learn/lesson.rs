//! A lesson: its text beside a workbench holding the lesson's editable example or one of
//! its exercises.

use std::rc::Rc;

use lint_core::exercise::{Lesson, exercise, lessons};
use yew::prelude::*;

use crate::learn::exercise::ExerciseBench;
use crate::learn::progress_provider::use_progress;
use crate::lint_session::linted_editor::LintedEditor;
use crate::shell::markdown;

/// What the workbench holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    Example,
    Exercise(usize),
}

#[derive(Properties, PartialEq)]
pub struct Props {
    pub lesson: &'static Lesson,
}

/// Render it with `key` = the lesson id, so the chosen step starts afresh per lesson.
#[function_component]
pub fn LessonView(props: &Props) -> Html {
    let lesson = props.lesson;
    let progress = use_progress();
    let step = use_state(|| {
        // Straight to the work left to do; the example when there is none.
        progress
            .first_open(&lesson.exercises)
            .and_then(|id| lesson.exercises.iter().position(|e| e == id))
            .map_or(Step::Example, Step::Exercise)
    });
    let position = lessons().iter().position(|l| l.id == lesson.id);
    let previous = position
        .and_then(|i| i.checked_sub(1))
        .map(|i| &lessons()[i]);
    let next_lesson = position.and_then(|i| lessons().get(i + 1));

    let choose = |s: Step| {
        let step = step.clone();
        Callback::from(move |_: MouseEvent| step.set(s))
    };
    let workbench = match *step {
        Step::Example => example_bench(lesson, progress.generation),
        Step::Exercise(i) => match lesson.exercises.get(i).and_then(|id| exercise(id)) {
            Some(ex) => {
                let next = match lesson.exercises.get(i + 1) {
                    Some(_) => {
                        let step = step.clone();
                        Some((
                            AttrValue::from("Next exercise"),
                            Callback::from(move |()| step.set(Step::Exercise(i + 1))),
                        ))
                    }
                    None => next_lesson.map(|l| {
                        let href = format!("#/tutorial/{}", l.id);
                        (
                            AttrValue::from(format!("Next lesson: {}", l.title)),
                            Callback::from(move |()| {
                                let _ = crate::shell::browser::window().location().set_hash(&href);
                            }),
                        )
                    }),
                };
                html! {
                    <ExerciseBench key={format!("{}#{}", ex.id, progress.generation)}
                        exercise={ex} {next} />
                }
            }
            None => html! { <p role="alert">{"This exercise is missing from the build."}</p> },
        },
    };

    html! {
        <div class="lesson">
            <article class="panel lesson-text markdown" aria-label={format!("Lesson: {}", lesson.title)}>
                { markdown::rendered(&lesson.markdown) }
                <nav class="lesson-pager" aria-label="Previous and next lesson">
                    if let Some(l) = previous {
                        <a class="btn" href={format!("#/tutorial/{}", l.id)} rel="prev">{ format!("← {}", l.title) }</a>
                    }
                    if let Some(l) = next_lesson {
                        <a class="btn" href={format!("#/tutorial/{}", l.id)} rel="next">{ format!("{} →", l.title) }</a>
                    }
                </nav>
            </article>
            <section class="panel workbench" aria-label="Practice">
                <nav class="step-tabs" aria-label="Practice steps">
                    <ul>
                        if lesson.example().is_some() {
                            <li>
                                <button type="button" class="step-tab" aria-pressed={(*step == Step::Example).to_string()}
                                    onclick={choose(Step::Example)}>{"Example"}</button>
                            </li>
                        }
                        { for lesson.exercises.iter().enumerate().map(|(i, id)| {
                            let solved = progress.is_solved(id);
                            let title = exercise(id).map_or(id.as_str(), |e| e.title.as_str());
                            html! {
                                <li>
                                    <button type="button" class={classes!("step-tab", solved.then_some("solved"))}
                                        aria-pressed={(*step == Step::Exercise(i)).to_string()}
                                        onclick={choose(Step::Exercise(i))}>
                                        <span aria-hidden="true" class="step-mark">{ if solved { "✓" } else { "○" } }</span>
                                        { format!(" Exercise {}", i + 1) }
                                        <span class="visually-hidden">{ format!(": {title}{}", if solved { ", solved" } else { "" }) }</span>
                                    </button>
                                </li>
                            }
                        }) }
                    </ul>
                </nav>
                { workbench }
            </section>
        </div>
    }
}

fn example_bench(lesson: &'static Lesson, generation: u32) -> Html {
    let Some(example) = lesson.example() else {
        return html! { <p class="muted">{"This lesson has no code to try."}</p> };
    };
    html! {
        <section class="bench" aria-labelledby="bench-title" key={format!("example-{}-{generation}", lesson.id)}>
            <header class="bench-head">
                <h2 id="bench-title">{"Try the example"}</h2>
            </header>
            <p class="goal">{"Edit the code and watch the findings follow. Nothing here is checked or kept: the exercises are where progress counts."}</p>
            <LintedEditor initial={Rc::<str>::from(example)} on_ready={Callback::noop()} />
        </section>
    }
}
