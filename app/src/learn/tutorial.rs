//! Tutorial mode: `#/tutorial` lists the lessons with the learner's progress;
//! `#/tutorial/<lesson>` opens one beside its workbench.

use lint_core::exercise::{Lesson, lessons};
use yew::prelude::*;

use crate::learn::lesson::LessonView;
use crate::learn::mode_header::{Mode, ModeHeader};
use crate::learn::progress::ProgressAction;
use crate::learn::progress_provider::{ProgressProvider, use_progress};
use crate::shell::browser;

#[derive(Properties, PartialEq)]
pub struct Props {
    /// The lesson id from the fragment; `None` for the list.
    pub lesson: Option<String>,
}

#[function_component]
pub fn Tutorial(props: &Props) -> Html {
    // A new lesson starts at the top of the page, like a new page would.
    use_effect_with(props.lesson.clone(), |_| {
        browser::window().scroll_to_with_x_and_y(0.0, 0.0)
    });
    let lesson = props
        .lesson
        .as_deref()
        .map(|id| lessons().iter().find(|l| l.id == id).ok_or(id));
    html! {
        <ProgressProvider>
            <ModeHeader mode={Mode::Tutorial} />
            { match lesson {
                None => html! {
                    <main class="tutorial-home">
                        <h1>{"Lessons: servers you can burn"}</h1>
                        <p class="lead">{"Five short lessons, from what a phoenix server is to each kind of state that stops one, with exercises checked by what your code does. Your progress stays in this browser."}</p>
                        <LessonList current={None::<String>} />
                        <ResetProgress />
                    </main>
                },
                Some(Err(id)) => html! {
                    <main class="tutorial-home">
                        <h1>{"No such lesson"}</h1>
                        <p role="alert">{ format!("There is no lesson called “{id}”. Pick one of these:") }</p>
                        <LessonList current={None::<String>} />
                    </main>
                },
                Some(Ok(lesson)) => html! {
                    <main class="tutorial">
                        <aside class="lesson-sidebar" aria-label="Lessons and progress">
                            <LessonList current={Some(lesson.id.clone())} />
                            <ResetProgress />
                        </aside>
                        <LessonView key={lesson.id.clone()} {lesson} />
                    </main>
                },
            } }
        </ProgressProvider>
    }
}

#[derive(Properties, PartialEq)]
struct ListProps {
    current: Option<String>,
}

#[function_component]
fn LessonList(props: &ListProps) -> Html {
    let progress = use_progress();
    html! {
        <nav class="lesson-nav" aria-label="Lessons">
            <ol class="lesson-list">
                { for lessons().iter().map(|lesson| {
                    let current = props.current.as_deref() == Some(lesson.id.as_str());
                    html! {
                        <li class={classes!("lesson-item", current.then_some("current"))}>
                            <a href={format!("#/tutorial/{}", lesson.id)}
                                aria-current={current.then_some("page")}>{ &lesson.title }</a>
                            { counts(lesson, progress.lesson_counts(lesson)) }
                        </li>
                    }
                }) }
            </ol>
        </nav>
    }
}

fn counts(lesson: &Lesson, (done, total): (usize, usize)) -> Html {
    if total == 0 {
        return html! { <span class="lesson-progress muted" data-lesson={lesson.id.clone()}>{"reading"}</span> };
    }
    html! {
        <span class={classes!("lesson-progress", (done == total).then_some("complete"))}
            data-lesson={lesson.id.clone()}>
            <span aria-hidden="true">{ format!("{done}/{total}") }</span>
            <span class="visually-hidden">{ format!("{done} of {total} exercises solved") }</span>
        </span>
    }
}

/// Forgets all progress, after the learner confirms: it cannot be undone.
#[function_component]
fn ResetProgress() -> Html {
    let progress = use_progress();
    let asking = use_state_eq(|| false);
    let done = use_state_eq(|| false);
    // Focus follows the control that replaced the one just pressed.
    use_effect_with((*asking, *done), |&(asking, done)| {
        if asking {
            browser::focus_element("reset-cancel");
        } else if done {
            browser::focus_element("reset-progress");
        }
    });
    let ask = {
        let asking = asking.clone();
        let done = done.clone();
        Callback::from(move |_: MouseEvent| {
            done.set(false);
            asking.set(true);
        })
    };
    let cancel = {
        let asking = asking.clone();
        Callback::from(move |_: MouseEvent| {
            asking.set(false);
            browser::focus_element("reset-progress");
        })
    };
    let confirm = {
        let asking = asking.clone();
        let done = done.clone();
        let dispatcher = progress.dispatcher();
        Callback::from(move |_: MouseEvent| {
            dispatcher.dispatch(ProgressAction::Reset);
            asking.set(false);
            done.set(true);
        })
    };
    html! {
        <div class="reset-progress">
            if *asking {
                <div class="reset-confirm" role="group" aria-labelledby="reset-question">
                    <p id="reset-question">{"Forget every solved exercise, hint and piece of code you wrote in the lessons and workshops? This cannot be undone."}</p>
                    <button type="button" class="btn danger" id="reset-confirm" onclick={confirm}>{"Yes, reset"}</button>
                    <button type="button" class="btn ghost" id="reset-cancel" onclick={cancel}>{"Cancel"}</button>
                </div>
            } else {
                <button type="button" class="btn ghost" id="reset-progress" onclick={ask}>{"Reset progress…"}</button>
            }
            <p class="muted" role="status" aria-live="polite">
                { if *done { "Progress reset: every exercise starts afresh." } else { "" } }
            </p>
        </div>
    }
}
