use std::cell::RefCell;
use std::rc::Rc;

use gloo::events::EventListener;
use gloo::timers::callback::Timeout;
use lint_core::Language;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::lint_session::editor::Editor;
use crate::lint_session::editor_pane::EditorPane;
use crate::lint_session::edits::editor_edits;
use crate::lint_session::worker::{Failure, LintClient, Outcome};
use crate::playground::autosave::Autosave;
use crate::playground::findings::FindingsPanel;
use crate::playground::header::Header;
use crate::playground::kept::Why;
use crate::playground::kept_view::KeptPanel;
use crate::playground::notice::NoticeBar;
use crate::playground::startup;
use crate::playground::state::{Action, Notice, NoticeAction, NoticeKind, Origin, State};
use crate::shared::examples::{self, Example};
use crate::shared::explanation::ExplanationPanel;
use crate::shared::share;
use crate::shell::browser::{self, perf};
use crate::shell::storage;
use crate::shell::theme::ThemePref;

/// Long enough that a lint does not run on every keystroke of a word, short enough that
/// the findings still follow the typing.
const LINT_DEBOUNCE_MS: u32 = 250;
const LINT_START: &str = "lint-start";
const TEXT_CHANGED: &str = "The code changed since it was checked, so the findings were refreshed. Review the rewrite and apply it again.";

/// Said when the text holds a lone surrogate, which cannot be saved as it is.
const LONE_SURROGATE: &str = "Your code holds a lone surrogate (one half of a UTF-16 character \
    pair, on its own). The playground cannot keep it: it is saved and checked as � (U+FFFD), and \
    reads that way after a reload. To keep the text exact, write it as an escape such as \
    '\\uD800'.";

type EditorSlot = Rc<RefCell<Option<Editor>>>;

fn current(editor: &EditorSlot) -> Option<Editor> {
    editor.borrow().clone()
}

#[function_component]
pub fn App() -> Html {
    // The fragment and storage as they were when the page opened, read once.
    let boot = use_memo((), |_| {
        startup::choose(&browser::fragment(), storage::load_code())
    });
    let state = use_reducer({
        let boot = boot.clone();
        move || {
            State::new(
                boot.source.clone(),
                storage::load_theme(),
                boot.notice.clone(),
                boot.origin,
            )
        }
    });
    let editor: EditorSlot = use_mut_ref(|| None);
    let ready = use_state_eq(|| false);
    let timer = use_mut_ref(|| None::<Timeout>);
    let autosave = use_memo((), {
        let boot = boot.clone();
        move |_| Autosave::new((boot.origin == Origin::Link).then(|| boot.source.as_str().into()))
    });

    // Another view (the drill reads the autosaved code) replaces the playground before a
    // pending debounced lint has saved the last keystrokes: save them on the way out.
    {
        let editor = editor.clone();
        let autosave = autosave.clone();
        use_effect_with((), move |_| {
            move || {
                if let Some(ed) = current(&editor) {
                    // Nobody is left to tell if it fails.
                    let _ = autosave.save(&ed.text());
                }
            }
        });
    }

    // The lint runs in a worker; only the newest request's outcome arrives here, and
    // the answers to what was asked about a linted text.
    let client = {
        let dispatcher = state.dispatcher();
        let editor = editor.clone();
        let timer = timer.clone();
        let autosave = autosave.clone();
        use_memo((), move |_| {
            LintClient::new(move |client, outcome| match outcome {
                Outcome::Linted { source, linted } => {
                    dispatcher.dispatch(Action::Linted { source, linted })
                }
                Outcome::Failed {
                    source,
                    message,
                    failure,
                } => {
                    autosave.mark_stopped(source.clone());
                    stopped(&dispatcher, &source, failure, &message)
                }
                Outcome::Diagnostic {
                    source,
                    index,
                    diagnostic,
                } => dispatcher.dispatch(Action::Detail {
                    source,
                    index,
                    diagnostic,
                }),
                Outcome::Planned { source, plan } => {
                    let Some(ed) = current(&editor) else { return };
                    let notice = if ed.text() != *source {
                        // Typed while "Apply all" was planned: re-check, apply nothing.
                        Notice::new(NoticeKind::Info, TEXT_CHANGED)
                    } else {
                        ed.apply(&plan.edits);
                        let mut text = format!(
                            "Applied {} rewrite{}. Undo (Ctrl+Z) takes them back.",
                            plan.applied,
                            if plan.applied == 1 { "" } else { "s" }
                        );
                        if plan.skipped > 0 {
                            text.push_str(&format!(
                                " {} overlapped another and were left for you to apply one by one.",
                                plan.skipped
                            ));
                        }
                        Notice::new(NoticeKind::Success, text)
                    };
                    timer.borrow_mut().take();
                    perf::mark(LINT_START);
                    client.request(ed.text());
                    let success = notice.kind == NoticeKind::Success;
                    dispatcher.dispatch(Action::Notify(notice));
                    if success {
                        browser::focus_element("findings-heading");
                    }
                }
            })
        })
    };

    // Lints what the editor holds now. Uses only stable handles, so the copy the editor
    // captured when it mounted keeps working.
    let run_lint: Rc<dyn Fn()> = {
        let editor = editor.clone();
        let client = client.clone();
        Rc::new(move || {
            if let Some(ed) = current(&editor) {
                perf::mark(LINT_START);
                client.request(ed.text());
            }
        })
    };
    let lint_now: Rc<dyn Fn()> = {
        let timer = timer.clone();
        let run_lint = run_lint.clone();
        Rc::new(move || {
            timer.borrow_mut().take();
            run_lint();
        })
    };
    let notify = {
        let dispatcher = state.dispatcher();
        move |notice: Notice| dispatcher.dispatch(Action::Notify(notice))
    };

    let on_change = {
        let timer = timer.clone();
        let run_lint = run_lint.clone();
        Callback::from(move |()| {
            let run_lint = run_lint.clone();
            // Replacing the timeout cancels the pending one: only a pause in typing lints.
            *timer.borrow_mut() = Some(Timeout::new(LINT_DEBOUNCE_MS, move || run_lint()));
        })
    };
    let on_ready = {
        let editor = editor.clone();
        let ready = ready.clone();
        let first_lint_pending = state.checking();
        let run_lint = run_lint.clone();
        Callback::from(move |ed: Editor| {
            *editor.borrow_mut() = Some(ed);
            ready.set(true);
            if first_lint_pending {
                run_lint();
            }
        })
    };

    // Every new result goes to the editor and to storage.
    {
        let editor = editor.clone();
        let state = state.clone();
        let autosave = autosave.clone();
        let notify = notify.clone();
        let dispatcher = state.dispatcher();
        use_effect_with((state.revision, *ready), move |&(revision, ready)| {
            if revision == 0 {
                return; // the first lint is still running in the worker
            }
            if let Some(ed) = current(&editor).filter(|_| ready) {
                ed.show_diagnostics_json(&state.editor_diagnostics);
                ed.set_typescript(state.result.language == Language::TypeScript);
                if revision == 1 {
                    perf::mark("first-findings");
                    perf::clear_mark(LINT_START);
                } else {
                    perf::measure_since("lint+render", LINT_START);
                }
            }
            let said = |text: &str| state.notice.as_ref().is_some_and(|n| n.text == text);
            if let Some(notice) = autosave.save(&state.source).unwrap_or_else(Some) {
                // Code may have been put aside: "Earlier code" shows it.
                dispatcher.dispatch(Action::Kept(storage::load_kept()));
                notify(notice);
            } else if !said(LONE_SURROGATE)
                && state.source.contains('\u{FFFD}')
                && current(&editor).is_some_and(|ed| ed.has_lone_surrogate())
            {
                notify(Notice::new(NoticeKind::Info, LONE_SURROGATE));
            }
        });
    }

    // The theme, following the system's setting live when the learner chose "System".
    {
        let editor = editor.clone();
        use_effect_with((state.theme, *ready), move |&(theme, _)| {
            storage::save_theme(theme);
            let apply = Rc::new(move |system_dark: bool| {
                let dark = theme.is_dark(system_dark);
                browser::set_page_theme(dark);
                if let Some(ed) = current(&editor) {
                    ed.set_dark(dark);
                }
            });
            let query = browser::dark_media_query();
            apply(query.as_ref().is_some_and(|q| q.matches()));
            let listener = query.filter(|_| theme == ThemePref::System).map(|query| {
                let target = query.clone();
                EventListener::new(&target, "change", move |_| apply(query.matches()))
            });
            move || drop(listener)
        });
    }

    // Once: the page is ready, and links opened later in this tab are read too.
    {
        let editor = editor.clone();
        let lint_now = lint_now.clone();
        let notify = notify.clone();
        let autosave = autosave.clone();
        let dispatcher = state.dispatcher();
        let first = state.clone();
        use_effect_with((), move |_| {
            browser::remove_element("boot");
            browser::clear_fragment();
            if first.stopped.is_some() {
                // The first text stopped the linter on this thread: keep it aside, and
                // out of the saved code, so the next visit (and the drill) opens.
                put_aside_stopped(&first.source);
                autosave.mark_stopped(first.source.clone());
            }
            dispatcher.dispatch(Action::Kept(storage::load_kept()));
            let window = browser::window();
            let on_hash = EventListener::new(&window, "hashchange", move |_| {
                let Some(ed) = current(&editor) else { return };
                match share::decode(&browser::fragment()) {
                    Ok(Some(code)) => {
                        // What the editor holds is saved first; if it cannot be, the link
                        // is not opened over it.
                        if let Err(mut notice) = autosave.save(&ed.text()) {
                            notice
                                .text
                                .push_str(" The link was not opened, so as not to replace it.");
                            notify(notice);
                            browser::clear_fragment();
                            return;
                        }
                        ed.replace_text(&code);
                        autosave.open_link(code.into());
                        lint_now();
                        notify(startup::opened_link(storage::saved_code().is_some()));
                    }
                    Ok(None) => return,
                    Err(error) => notify(startup::broken_link(&error)),
                }
                browser::clear_fragment();
            });
            move || drop(on_hash)
        });
    }

    // Other tabs of the playground share the saved code and the code put aside.
    {
        let editor = editor.clone();
        let lint_now = lint_now.clone();
        let notify = notify.clone();
        let autosave = autosave.clone();
        let dispatcher = state.dispatcher();
        use_effect_with((), move |_| {
            let listener = EventListener::new(&browser::window(), "storage", move |event| {
                let key = event
                    .dyn_ref::<web_sys::StorageEvent>()
                    .and_then(|e| e.key());
                if key.as_deref() != Some(storage::CODE) {
                    dispatcher.dispatch(Action::Kept(storage::load_kept()));
                    return;
                }
                let Some(ed) = current(&editor) else { return };
                let text = ed.text();
                // Only a tab showing what it saved follows; one with its own edits keeps
                // them, and its next save puts the other tab's code aside.
                if !storage::is_seen(&text) || autosave.is_unedited_link(&text) {
                    return;
                }
                let Some(code) = storage::load_code() else {
                    return;
                };
                ed.replace_text(&code);
                lint_now();
                notify(Notice::new(
                    NoticeKind::Info,
                    "Updated to the code saved in another tab. Undo (Ctrl+Z) brings back what \
                     this tab had.",
                ));
            });
            move || drop(listener)
        });
    }

    // The selected finding's rewrites and the rest of its explanation are fetched when it
    // is selected, and again when a new check moves it.
    {
        let client = client.clone();
        let state = state.clone();
        use_effect_with((state.revision, state.selected), move |_| {
            if let Some(index) = state.detail_wanted() {
                client.diagnostic(state.source.clone(), index);
            }
        });
    }

    let on_select = {
        let editor = editor.clone();
        let state = state.clone();
        Callback::from(move |index: usize| {
            state.dispatch(Action::Select(Some(index)));
            if let (Some(ed), Some(d)) = (current(&editor), state.result.diagnostics.get(index)) {
                ed.select(d.range.start_utf16, d.range.end_utf16);
            }
        })
    };
    let on_jump = {
        let editor = editor.clone();
        Callback::from(move |(from, to): (u32, u32)| {
            if let Some(ed) = current(&editor) {
                ed.select(from, to);
            }
        })
    };

    // Rewrites are positioned in the linted text; if the learner typed since, re-check
    // first rather than splice edits into the wrong places.
    let still_linted = {
        let state = state.clone();
        let lint_now = lint_now.clone();
        let notify = notify.clone();
        move |ed: &Editor| -> bool {
            if ed.text() == *state.source {
                return true;
            }
            lint_now();
            notify(Notice::new(NoticeKind::Info, TEXT_CHANGED));
            false
        }
    };
    let on_apply = {
        let editor = editor.clone();
        let state = state.clone();
        let lint_now = lint_now.clone();
        let notify = notify.clone();
        let still_linted = still_linted.clone();
        Callback::from(move |index: usize| {
            let Some(ed) = current(&editor) else { return };
            let Some(rewrite) = state
                .selected_diagnostic()
                .and_then(|d| d.rewrites.get(index).cloned())
            else {
                return;
            };
            if !still_linted(&ed) {
                return;
            }
            ed.apply(&editor_edits(&rewrite.edits));
            lint_now();
            notify(Notice::new(
                NoticeKind::Success,
                format!("Applied “{}”. Undo (Ctrl+Z) takes it back.", rewrite.title),
            ));
            browser::focus_element("findings-heading");
        })
    };
    // "Apply all" needs every rewrite: it is planned where the full result is (the
    // worker), and applied when the plan comes back (see the client above).
    let on_apply_all = {
        let editor = editor.clone();
        let state = state.clone();
        let client = client.clone();
        Callback::from(move |()| {
            let Some(ed) = current(&editor) else { return };
            if !still_linted(&ed) {
                return;
            }
            client.apply_all(state.source.clone());
        })
    };
    // Puts `code` in the editor in place of the learner's text, which is kept aside first
    // (unless it is a link's unedited code, or already saved as it is).
    let put_in_editor: Rc<dyn Fn(&str) -> bool> = {
        let editor = editor.clone();
        let autosave = autosave.clone();
        let lint_now = lint_now.clone();
        let notify = notify.clone();
        let dispatcher = state.dispatcher();
        Rc::new(move |code: &str| {
            let Some(ed) = current(&editor) else {
                return false;
            };
            let text = ed.text();
            let already_kept = autosave.is_unedited_link(&text)
                || autosave.is_stopped(&text)
                || storage::saved_code().as_deref() == Some(text.as_str())
                || text == code;
            if !already_kept && let Err(error) = storage::keep(&text, Why::Replaced) {
                let mut notice = crate::playground::autosave::save_failed(&error, false);
                notice.text.push_str(" Nothing was replaced.");
                notify(notice);
                return false;
            }
            dispatcher.dispatch(Action::Kept(storage::load_kept()));
            autosave.forget_link();
            ed.replace_text(code);
            lint_now();
            true
        })
    };
    let on_example = {
        let put_in_editor = put_in_editor.clone();
        let notify = notify.clone();
        Callback::from(move |example: &'static Example| {
            if !put_in_editor(example.source) {
                return;
            }
            notify(Notice::new(
                NoticeKind::Info,
                format!(
                    "Loaded “{}”. Undo (Ctrl+Z) brings back your code.",
                    example.title
                ),
            ));
        })
    };
    let on_share = {
        let editor = editor.clone();
        let notify = notify.clone();
        Callback::from(move |()| {
            let Some(ed) = current(&editor) else { return };
            match share::encode(&ed.text()) {
                Ok(fragment) => {
                    let link = browser::link_with_fragment(&fragment);
                    browser::copy_to_clipboard(&link);
                    let mut notice = Notice::new(
                        NoticeKind::Success,
                        "Link copied. The code travels inside the link, after the #, and is never sent to a server.",
                    );
                    notice.link = Some(link);
                    notify(notice);
                }
                Err(error) => notify(Notice::new(NoticeKind::Error, error.to_string())),
            }
        })
    };
    let on_action = {
        let editor = editor.clone();
        let notify = notify.clone();
        let put_in_editor = put_in_editor.clone();
        let notice = state.notice.clone();
        Callback::from(move |action: NoticeAction| match action {
            NoticeAction::BackToSaved => {
                let saved =
                    storage::load_code().unwrap_or_else(|| examples::DEFAULT.source.to_owned());
                if put_in_editor(&saved) {
                    notify(Notice::new(
                        NoticeKind::Info,
                        "Your saved code is back. Undo (Ctrl+Z) returns to the code you had.",
                    ));
                }
            }
            NoticeAction::ResetToExample => {
                if put_in_editor(examples::DEFAULT.source) {
                    notify(Notice::new(
                        NoticeKind::Info,
                        "The example is back. The code you had is kept under “Earlier code”.",
                    ));
                }
            }
            NoticeAction::CopyCode => {
                let Some(ed) = current(&editor) else { return };
                browser::copy_to_clipboard(&ed.text());
                // The other ways out stay offered.
                let others = notice
                    .iter()
                    .flat_map(|n| n.actions.iter().copied())
                    .filter(|a| *a != NoticeAction::CopyCode);
                notify(
                    Notice::new(NoticeKind::Success, "The code is copied to the clipboard.")
                        .with_actions(others),
                );
            }
        })
    };
    let on_kept_restore = {
        let put_in_editor = put_in_editor.clone();
        let notify = notify.clone();
        let kept = state.kept.clone();
        Callback::from(move |index: usize| {
            let Some(entry) = kept.get(index) else { return };
            if put_in_editor(&entry.code) {
                notify(Notice::new(
                    NoticeKind::Info,
                    "Restored from “Earlier code”. Undo (Ctrl+Z) brings back what you had.",
                ));
            }
        })
    };
    let on_kept_copy = {
        let notify = notify.clone();
        let kept = state.kept.clone();
        Callback::from(move |index: usize| {
            let Some(entry) = kept.get(index) else { return };
            browser::copy_to_clipboard(&entry.code);
            notify(Notice::new(NoticeKind::Success, "Copied to the clipboard."));
        })
    };
    let dispatcher = state.dispatcher();
    let on_dismiss = Callback::from(move |()| dispatcher.dispatch(Action::DismissNotice));
    let dispatcher = state.dispatcher();
    let on_theme = Callback::from(move |theme| dispatcher.dispatch(Action::SetTheme(theme)));

    let has_rewrites = state.result.findings().any(|d| d.rewrites > 0);
    html! {
        <>
            <Header current_example={examples::matching(&state.source).map(|e| e.id)}
                theme={state.theme} {on_example} {on_share} {on_theme} />
            <NoticeBar notice={state.notice.clone()} {on_dismiss} {on_action} />
            <main class="layout">
                <section class="panel editor-panel" aria-labelledby="editor-heading">
                    <div class="panel-head">
                        <h2 id="editor-heading">{"Your Express app"}</h2>
                        <span class="lang-badge">
                            { if state.result.language == Language::TypeScript { "TypeScript" } else { "JavaScript" } }
                        </span>
                    </div>
                    <EditorPane initial={state.source.clone()} {on_ready} {on_change} />
                    <p class="hint">{"Paste your own code. It is checked as you type and saved in this browser only."}</p>
                    <KeptPanel kept={state.kept.clone()} on_restore={on_kept_restore} on_copy={on_kept_copy} />
                </section>
                <div class="side">
                    <FindingsPanel result={state.result.clone()} revision={state.revision}
                        selected={state.selected} summary={AttrValue::from(state.summary())}
                        rule_counts={Rc::new(state.rule_counts())} can_apply_all={has_rewrites}
                        stopped={state.stopped.is_some()}
                        {on_select} {on_apply_all} />
                    <ExplanationPanel diagnostic={state.selected_diagnostic()}
                        pending={state.detail_wanted().is_some()}
                        source={state.source.clone()} {on_jump} {on_apply} />
                </div>
            </main>
            <footer class="footer">
                {"Phoenix Playground runs entirely in your browser: no server keeps your code."}
                {" "}<a href="#/embed-builder" id="embed-builder-link">{"Embed code in your docs"}</a>
            </footer>
        </>
    }
}

/// The linter gave no result for `source` (it crashed or took too long). The text stays in
/// the editor; it is kept aside rather than saved over the last code that checked.
fn stopped(
    dispatcher: &UseReducerDispatcher<State>,
    source: &str,
    failure: Failure,
    message: &str,
) {
    put_aside_stopped(source);
    let saved_differs = storage::saved_code().is_some_and(|saved| saved != source);
    dispatcher.dispatch(Action::Kept(storage::load_kept()));
    dispatcher.dispatch(Action::LintFailed {
        failure,
        notice: Notice::lint_failed(failure, message, saved_differs),
    });
}

/// Keeps a text that stopped the linter under "Earlier code", and takes it out of the
/// saved code if it is there (saved by an earlier version of the page), so no view opens
/// it again by itself.
fn put_aside_stopped(source: &str) {
    if storage::keep(source, Why::StoppedLinter).is_ok()
        && storage::saved_code().as_deref() == Some(source)
    {
        storage::forget_code();
    }
}
