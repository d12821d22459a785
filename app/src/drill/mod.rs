//! The phoenix drill view (`#/drill`): the learner's code behind a load balancer, with
//! buttons to send its requests and burn its instances, and a log of what was lost.
//!
//! Built from the code the playground autosaved, each time the view opens, so applying
//! a rewrite and coming back shows the same drill on the new code.

mod layout;
mod session;
mod svg;
mod text;

use std::rc::Rc;

use gloo::events::EventListener;
use gloo::timers::callback::Interval;
use phoenix_drill::{CONCURRENT_REQUESTS, InstanceStatus, MAX_INSTANCES, Placement, Snapshot};
use yew::prelude::*;

use self::layout::Orientation;
use self::session::{Action, Session, Speed};
use self::svg::DrillPicture;
use self::text::{headline, kind_words, log_entries, place_words, source_line};
use crate::lint_session::project::SourceFile;
use crate::playground::files::{self, Project};
use crate::shell::theme::use_page_theme;
use crate::{shared::examples, shell::browser, shell::storage};

/// Below this width the picture stacks its parts (see `layout`).
const NARROW_QUERY: &str = "(max-width: 640px)";

#[function_component]
pub fn DrillView() -> Html {
    let session = use_reducer(|| {
        let code = storage::load_code().unwrap_or_else(|| examples::DEFAULT.source.to_owned());
        // The saved project, while its shown file is the saved code (as the playground
        // opens it); else the code alone.
        let files = storage::load_project()
            .as_deref()
            .and_then(Project::from_saved)
            .filter(|p| p.active_file().source == code)
            .map(Project::into_files)
            .unwrap_or_else(|| vec![SourceFile::new(files::ENTRY, code)]);
        Session::from_files(&files)
    });
    let orientation = use_state_eq(|| Orientation::Wide);
    let log_ref = use_node_ref();

    // The learner's theme, following the system's setting live as the playground does.
    let theme = use_memo((), |_| storage::load_theme());
    use_page_theme(*theme, false, Callback::noop());
    // Once: the picture follows the screen width.
    {
        let orientation = orientation.clone();
        use_effect_with((), move |_| {
            let query = browser::window().match_media(NARROW_QUERY).ok().flatten();
            let listener = query.map(|query| {
                let pick = move |narrow: bool| {
                    orientation.set(if narrow {
                        Orientation::Narrow
                    } else {
                        Orientation::Wide
                    })
                };
                pick(query.matches());
                let target = query.clone();
                EventListener::new(&target, "change", move |_| pick(query.matches()))
            });
            move || drop(listener)
        });
    }

    // A paced Play: one tick per interval while it plays; pausing, finishing or a new
    // speed drops the timer.
    {
        let dispatcher = session.dispatcher();
        let interval = session.speed.interval_ms().filter(|_| session.playing);
        use_effect_with(interval, move |interval| {
            let timer =
                interval.map(|ms| Interval::new(ms, move || dispatcher.dispatch(Action::Tick)));
            move || drop(timer)
        });
    }

    let snapshot = Rc::new(session.drill.snapshot());

    // The newest entry stays in view as the log grows.
    {
        let log_ref = log_ref.clone();
        // A message appearing above the log shrinks it, so follow that too.
        use_effect_with(
            (snapshot.events.len(), session.problem.clone()),
            move |_| {
                if let Some(log) = log_ref.cast::<web_sys::Element>() {
                    log.set_scroll_top(log.scroll_height());
                }
            },
        );
    }

    let act = |action: Action| {
        let session = session.clone();
        Callback::from(move |_: MouseEvent| session.dispatch(action.clone()))
    };
    let headline = headline(&snapshot);
    let entries = log_entries(&snapshot.events, &snapshot.scenarios);
    let total: usize = snapshot.scenarios.iter().map(|s| s.script.len()).sum();
    let finished = session.drill.is_finished();
    let any_killed = snapshot
        .instances
        .iter()
        .any(|i| i.status == InstanceStatus::Killed);
    let full = snapshot.instances.len() >= MAX_INSTANCES;
    let concurrent = session.drill.can_play_concurrent();
    let playing = session.playing;
    let on_speed = {
        let session = session.clone();
        Callback::from(move |e: Event| {
            let value = e
                .target_unchecked_into::<web_sys::HtmlSelectElement>()
                .value();
            if let Some(speed) = Speed::parse(&value) {
                session.dispatch(Action::SetSpeed(speed));
            }
        })
    };

    html! {
        <div class="drill-page">
            <header class="topbar">
                <div class="brand">
                    <img src="static/favicon.svg" alt="" width="28" height="28" />
                    <div>
                        <h1>{"Phoenix drill"}</h1>
                        <p class="tagline">{"Burn a server and see what your code loses"}</p>
                    </div>
                </div>
                <a class="btn" href="#/" id="back-to-code">{"← Back to the code"}</a>
            </header>
            <main class="drill-layout">
                <section class="panel drill-stage" aria-labelledby="drill-heading">
                    <h2 id="drill-heading">{"Your app behind a load balancer"}</h2>
                    <p class="drill-intro">{ source_line(&snapshot, session.found(), session.partial) }</p>
                    { state_map(&snapshot) }
                    <div class="drill-controls">
                        <div class="control-group" role="group" aria-label="Requests">
                            <button type="button" class="btn primary" id="drill-play"
                                aria-disabled={(finished && !playing).to_string()} onclick={act(Action::Play)}>
                                { if playing { "Pause" } else { "Play" } }
                            </button>
                            <label class="drill-speed">{"Speed "}
                                <select id="drill-speed" onchange={on_speed}>
                                    { for Speed::ALL.iter().map(|s| html! {
                                        <option value={s.as_str()} selected={*s == session.speed}>{ s.as_str() }</option>
                                    }) }
                                </select>
                            </label>
                            <button type="button" class="btn" id="drill-step"
                                aria-disabled={finished.to_string()} onclick={act(Action::Step)}>
                                {"Step"}
                            </button>
                            <button type="button" class="btn" id="drill-concurrent"
                                title={format!("Send {CONCURRENT_REQUESTS} requests at once to each counter and list")}
                                aria-disabled={(!concurrent).to_string()} onclick={act(Action::PlayConcurrent)}>
                                { format!("Play concurrent ({CONCURRENT_REQUESTS} at once)") }
                            </button>
                            <span class="drill-progress">
                                { format!("{} of {total} requests sent", session.drill.sent()) }
                            </span>
                        </div>
                        <div class="control-group" role="group" aria-label="Instances">
                            { for snapshot.instances.iter().map(|i| {
                                let killed = i.status == InstanceStatus::Killed;
                                html! {
                                    <button type="button" class="btn kill" data-instance={i.name.clone()}
                                        aria-disabled={killed.to_string()}
                                        onclick={act(Action::Kill(i.name.clone()))}>
                                        { format!("Kill {}", i.name) }
                                    </button>
                                }
                            }) }
                            <button type="button" class="btn" id="drill-fresh"
                                aria-disabled={(!any_killed).to_string()} onclick={act(Action::StartFresh)}>
                                {"Start a fresh instance"}
                            </button>
                            <button type="button" class="btn" id="drill-add"
                                aria-disabled={full.to_string()} onclick={act(Action::AddInstance)}>
                                {"Add an instance"}
                            </button>
                            <button type="button" class="btn ghost" id="drill-reset" onclick={act(Action::Reset)}>
                                {"Reset"}
                            </button>
                        </div>
                    </div>
                    <figure class="drill-figure">
                        <DrillPicture snapshot={snapshot.clone()} orientation={*orientation} />
                    </figure>
                </section>
                <section class="panel drill-log-panel" aria-labelledby="drill-log-heading">
                    <h2 id="drill-log-heading">{"What happened"}</h2>
                    <p id="drill-summary" class={classes!("drill-summary", headline.tone.class())}>
                        { headline.text }
                    </p>
                    if let Some(problem) = &session.problem {
                        <p class="drill-problem" role="alert">{ problem }</p>
                    }
                    <ol class="drill-log" id="drill-log" aria-label="Drill log"
                        aria-live="polite" aria-relevant="additions" ref={log_ref}>
                        { for entries.into_iter().map(|entry| html! {
                            <li key={entry.seq} class={entry.tone.class()}>
                                if let Some(chapter) = entry.chapter {
                                    <span class="chapter">{ chapter }</span>
                                }
                                <span class="tag">{ entry.tag }</span>
                                <span class="text">{ crate::shared::text::message(&entry.text) }</span>
                            </li>
                        }) }
                    </ol>
                    if snapshot.events.is_empty() {
                        <p class="muted drill-empty">{"Nothing has happened yet."}</p>
                    }
                </section>
            </main>
        </div>
    }
}

/// Where each piece of state lives, as a list beside the picture: the state map; then
/// what the drill cannot send for lack of a route, and which state loses updates.
fn state_map(snapshot: &Snapshot) -> Html {
    let notes: Vec<(String, String)> = snapshot
        .scenarios
        .iter()
        .flat_map(|s| {
            let race = s.lost_update.then(|| {
                format!(
                    "its handler reads it, changes it and writes it back, so requests at the same time overwrite each other's updates. Try Play concurrent ({CONCURRENT_REQUESTS} at once)."
                )
            });
            race.into_iter()
                .chain(s.note.clone())
                .map(|note| (s.name.clone(), note))
        })
        .collect();
    html! {
        <>
            <ul class="state-map" aria-label="Where each piece of state lives">
                { for snapshot.scenarios.iter().map(|s| {
                    let inside = matches!(s.placement, Placement::Instance { .. });
                    let race = if s.lost_update { ", loses concurrent updates" } else { "" };
                    html! {
                        <li class={classes!(if inside { "inside" } else { "outside" }, s.lost_update.then_some("lost-update"))}>
                            <code>{ s.name.clone() }</code>
                            { format!(" — {}, {}{race}", kind_words(s.kind), place_words(s.placement)) }
                        </li>
                    }
                }) }
            </ul>
            if !notes.is_empty() {
                <ul class="drill-notes" aria-label="What the drill leaves out, and why">
                    { for notes.into_iter().map(|(name, note)| html! {
                        <li><code>{ name }</code>{ format!(": {note}") }</li>
                    }) }
                </ul>
            }
        </>
    }
}
