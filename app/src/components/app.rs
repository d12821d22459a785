use std::cell::RefCell;
use std::rc::Rc;

use gloo::events::EventListener;
use gloo::timers::callback::Timeout;
use lint_core::Language;
use yew::prelude::*;

use super::editor_pane::EditorPane;
use super::explanation::ExplanationPanel;
use super::findings::FindingsPanel;
use super::header::Header;
use super::notice::NoticeBar;
use crate::browser::{self, perf};
use crate::editor::Editor;
use crate::examples::{self, Example};
use crate::lint_worker::{LintClient, Outcome};
use crate::rewrite::editor_edits;
use crate::share;
use crate::startup;
use crate::state::{Action, Notice, NoticeKind, State};
use crate::storage;
use crate::theme::ThemePref;

/// Long enough that a lint does not run on every keystroke of a word, short enough that
/// the findings still follow the typing.
const LINT_DEBOUNCE_MS: u32 = 250;
const LINT_START: &str = "lint-start";
const TEXT_CHANGED: &str = "The code changed since it was checked, so the findings were refreshed. Review the rewrite and apply it again.";

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
            )
        }
    });
    let editor: EditorSlot = use_mut_ref(|| None);
    let ready = use_state_eq(|| false);
    let timer = use_mut_ref(|| None::<Timeout>);

    // Another view (the drill reads the autosaved code) replaces the playground before a
    // pending debounced lint has saved the last keystrokes: save them on the way out.
    {
        let editor = editor.clone();
        use_effect_with((), move |_| {
            move || {
                if let Some(ed) = current(&editor) {
                    storage::save_code(&ed.text());
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
        use_memo((), move |_| {
            LintClient::new(move |client, outcome| match outcome {
                Outcome::Linted { source, linted } => {
                    dispatcher.dispatch(Action::Linted { source, linted })
                }
                Outcome::Failed { source, message } => {
                    // The editor still holds the text; keep it saved as well.
                    storage::save_code(&source);
                    dispatcher.dispatch(Action::LintFailed { message });
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
            storage::save_code(&state.source);
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
        let boot = boot.clone();
        let editor = editor.clone();
        let lint_now = lint_now.clone();
        let notify = notify.clone();
        use_effect_with((), move |_| {
            browser::remove_element("boot");
            if let Some(code) = &boot.displaced {
                storage::keep_displaced(code);
            }
            browser::clear_fragment();
            let window = web_sys::window().expect("a browser window");
            let listener = EventListener::new(&window, "hashchange", move |_| {
                let Some(ed) = current(&editor) else { return };
                match share::decode(&browser::fragment()) {
                    Ok(Some(code)) => {
                        ed.replace_text(&code);
                        lint_now();
                        notify(Notice::new(
                            NoticeKind::Info,
                            "Opened the code from the link. Undo (Ctrl+Z) brings back what you had.",
                        ));
                    }
                    Ok(None) => return,
                    Err(error) => notify(startup::broken_link(&error)),
                }
                browser::clear_fragment();
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
    let on_example = {
        let editor = editor.clone();
        let lint_now = lint_now.clone();
        let notify = notify.clone();
        Callback::from(move |example: &'static Example| {
            let Some(ed) = current(&editor) else { return };
            ed.replace_text(example.source);
            lint_now();
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
    let on_restore = {
        let editor = editor.clone();
        let lint_now = lint_now.clone();
        let notify = notify.clone();
        Callback::from(move |()| {
            let (Some(ed), Some(code)) = (current(&editor), storage::load_displaced()) else {
                return;
            };
            ed.replace_text(&code);
            lint_now();
            notify(Notice::new(
                NoticeKind::Info,
                "Your previous code is back. Undo (Ctrl+Z) returns to the shared code.",
            ));
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
            <NoticeBar notice={state.notice.clone()} {on_dismiss} {on_restore} />
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
                </section>
                <div class="side">
                    <FindingsPanel result={state.result.clone()} revision={state.revision}
                        selected={state.selected} summary={AttrValue::from(state.summary())}
                        rule_counts={Rc::new(state.rule_counts())} can_apply_all={has_rewrites}
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
