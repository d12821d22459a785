//! The playground's effects: each new result to the editor and to storage, the code
//! saved on the way out, other tabs' saves, and links opened while the page is open.

use gloo::events::EventListener;
use lint_core::Language;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::lint_session::editor::Editor;
use crate::lint_session::session::LINT_START;
use crate::lint_session::worker::LintClient;
use crate::playground::actions::{Playground, put_aside_stopped};
use crate::playground::state::{Action, Notice, NoticeKind, State};
use crate::shell::browser::{self, perf};
use crate::shell::storage;

/// Said when the text holds a lone surrogate, which cannot be saved as it is.
const LONE_SURROGATE: &str = "Your code holds a lone surrogate (one half of a UTF-16 character \
    pair, on its own). The playground cannot keep it: it is saved and checked as � (U+FFFD), and \
    reads that way after a reload. To keep the text exact, write it as an escape such as \
    '\\uD800'.";

/// Runs the playground's effects. `visit` counts the fragment's changes (see `Root`).
#[hook]
pub fn use_playground_effects(playground: &Playground, visit: u32) {
    use_saved_on_leaving(playground);
    use_each_result(playground);
    use_first_open(playground);
    use_other_tabs(playground);
    use_opened_links(playground, visit);
    use_selected_detail(playground);
    crate::playground::project_actions::use_project_effects(playground);
}

/// The text is saved when a check answers, a quarter second after typing pauses at the
/// earliest: save the last keystrokes when the page goes away before that — another view
/// replaces the playground (the drill reads the autosaved code), the tab is hidden, or
/// the page is reloaded or closed (`pagehide`; mobile browsers may drop a hidden page
/// without one, hence `visibilitychange`).
#[hook]
fn use_saved_on_leaving(playground: &Playground) {
    let p = playground.clone();
    use_effect_with((), move |_| {
        let save = move || {
            let Some(ed) = p.session.editor() else { return };
            let text = ed.text();
            // Only edits not saved yet: a tab left as it was never writes over code
            // another tab saved since.
            if !storage::is_seen(&text) {
                // The page may be gone before a failure could be shown.
                let _ = p.autosave.save(&text);
            }
        };
        let on_pagehide = EventListener::new(&browser::window(), "pagehide", {
            let save = save.clone();
            move |_| save()
        });
        let on_hidden = EventListener::new(&browser::document(), "visibilitychange", {
            let save = save.clone();
            move |_| {
                if browser::document().hidden() {
                    save();
                }
            }
        });
        move || {
            drop((on_pagehide, on_hidden));
            save();
        }
    });
}

/// Every new result goes to the editor and to storage.
#[hook]
fn use_each_result(playground: &Playground) {
    let p = playground.clone();
    let state = &playground.state;
    use_effect_with(
        (state.revision, p.session.ready),
        move |&(revision, ready)| {
            if revision == 0 {
                return; // the first lint is still running in the worker
            }
            let state = &p.state;
            if let Some(ed) = p.session.editor().filter(|_| ready) {
                show_result(&ed, state, p.session.client());
            }
            let said = |text: &str| state.notice.as_ref().is_some_and(|n| n.text == text);
            if let Some(notice) = p.autosave.save(&state.source).unwrap_or_else(Some) {
                // Code may have been put aside: "Earlier code" shows it.
                state.dispatch(Action::Kept(storage::load_kept()));
                p.notify(notice);
            } else if !said(LONE_SURROGATE)
                && state.source.contains('\u{FFFD}')
                && p.session.editor().is_some_and(|ed| ed.has_lone_surrogate())
            {
                p.notify(Notice::new(NoticeKind::Info, LONE_SURROGATE));
            }
        },
    );
}

/// The performance marks of the first findings on screen (the benchmark reads them): on
/// the loading screen (static/boot.js) or, when it showed none, in the editor.
const FIRST_FINDINGS: &str = "first-findings";
/// The first findings in the editor.
const EDITOR_FINDINGS: &str = "editor-findings";

/// The editor shows `state`'s findings. For the first result: the mark of the first
/// findings on screen, and the worker started once they are painted (a first text linted
/// in the page's linter left it unstarted) before the first edit needs it.
pub fn show_result(ed: &Editor, state: &State, client: Option<&LintClient>) {
    ed.show_diagnostics_json(&state.editor_diagnostics);
    ed.set_typescript(state.result.language == Language::TypeScript);
    if state.revision == 1 {
        for mark in [FIRST_FINDINGS, EDITOR_FINDINGS] {
            if !perf::has_mark(mark) {
                perf::mark(mark);
            }
        }
        perf::clear_mark(LINT_START);
        if let Some(client) = client.cloned() {
            after_next_paint(move || client.start_worker());
        }
    } else {
        perf::measure_since("lint+render", LINT_START);
    }
}

/// Once: the link the page opened with leaves the address, a first text that stopped
/// the linter is put aside, and the code put aside shows.
#[hook]
fn use_first_open(playground: &Playground) {
    let p = playground.clone();
    use_effect_with((), move |_| {
        browser::clear_fragment();
        if p.state.stopped.is_some() {
            // The first text stopped the linter on this thread: keep it aside, and out of
            // the saved code, so the next visit (and the drill) opens.
            put_aside_stopped(&p.state.source);
            p.autosave.mark_stopped(p.state.source.clone());
        }
        p.state.dispatch(Action::Kept(storage::load_kept()));
    });
}

/// Other tabs of the playground share the saved code and the code put aside.
#[hook]
fn use_other_tabs(playground: &Playground) {
    let p = playground.clone();
    use_effect_with((), move |_| {
        let listener = EventListener::new(&browser::window(), "storage", move |event| {
            let key = event
                .dyn_ref::<web_sys::StorageEvent>()
                .and_then(|e| e.key());
            if key.as_deref() != Some(storage::CODE) {
                p.state.dispatch(Action::Kept(storage::load_kept()));
                return;
            }
            let Some(ed) = p.session.editor() else { return };
            let text = ed.text();
            // Only a tab showing what it saved follows; one with its own edits keeps
            // them, and its next save puts the other tab's code aside.
            if !storage::is_seen(&text) || p.autosave.is_unedited_link(&text) {
                return;
            }
            let Some(code) = storage::load_code() else {
                return;
            };
            ed.replace_text(&code);
            p.session.lint_now();
            p.notify(Notice::new(
                NoticeKind::Info,
                "Updated to the code saved in another tab. Undo (Ctrl+Z) brings back what \
                 this tab had.",
            ));
        });
        move || drop(listener)
    });
}

/// Links opened later in this tab: the fragment changed since the page opened (the one
/// it opened with was read at the start).
#[hook]
fn use_opened_links(playground: &Playground, visit: u32) {
    let opened_at = use_memo((), move |_| visit);
    let p = playground.clone();
    use_effect_with(visit, move |&visit| {
        if visit != *opened_at {
            p.open_link(());
        }
    });
}

/// The selected finding's rewrites and the rest of its explanation are fetched when it
/// is selected, and again when a new check moves it.
#[hook]
fn use_selected_detail(playground: &Playground) {
    let p = playground.clone();
    let state = &playground.state;
    use_effect_with((state.revision, state.selected), move |_| {
        if let (Some(index), Some(client)) = (p.state.detail_wanted(), p.session.client()) {
            client.diagnostic(p.state.source.clone(), index);
        }
    });
}

/// Runs `work` once the next frame is painted: a frame callback runs before the paint, a
/// timeout set from it after.
fn after_next_paint(work: impl FnOnce() + 'static) {
    use wasm_bindgen::closure::Closure;
    let on_frame = Closure::once_into_js(move || {
        gloo::timers::callback::Timeout::new(0, work).forget();
    });
    let _ = browser::window().request_animation_frame(on_frame.unchecked_ref());
}
