//! `use_lint_session`: the one editor-and-linter loop every view with a linted editor
//! uses — the editor slot, the pause before a lint, the lint (in the worker or on this
//! thread), the newest answer winning, and the page and editor theme.

use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};

use gloo::timers::callback::Timeout;
use lint_core::{LintOptions, LintResult};
use yew::prelude::*;

use crate::lint_session::editor::Editor;
use crate::lint_session::guarded::catching;
use crate::lint_session::project::{ProjectContext, lint_here};
use crate::lint_session::worker::{Answer, LintClient};
use crate::shell::browser::perf;
use crate::shell::theme::{ThemePref, use_page_theme};

/// Long enough that a lint does not run on every keystroke of a word, short enough that
/// the findings still follow the typing.
pub const LINT_DEBOUNCE_MS: u32 = 250;

/// The performance mark a lint starts with (see `perf`).
pub const LINT_START: &str = "lint-start";

/// The mounted editor, once it is.
pub type EditorSlot = Rc<RefCell<Option<Editor>>>;

/// Hears each worker answer, with the session to act on it.
pub type OnAnswer = Box<dyn Fn(&LintSession, Answer)>;
/// Hears each inline lint, with the session.
pub type OnLint = Box<dyn Fn(&LintSession, Lint)>;

/// How a session lints, and who hears the answers (with the session, to act on them).
pub enum Linter {
    /// In the lint worker (on this thread when none can start): the summary first, a
    /// finding's full diagnostic and "Apply all" on request. Only the newest lint's
    /// answer arrives.
    Worker(OnAnswer),
    /// On this thread, with these options, guarded: the full result at once, or why the
    /// linter gave none. The editor shows the findings before `on_lint` hears of them.
    /// Made by [`Linter::inline`].
    Inline {
        options: LintOptions,
        /// The project the editor's text is the shown file of, at first.
        project: Option<ProjectContext>,
        on_lint: OnLint,
        /// Called rather than named where the lint runs, so a bundle that never lints on
        /// its page (the playground: its linter is a wasm of its own) links no linter.
        lint: InlineLint,
    },
}

/// Lints a text alone, or as the shown file of a project.
pub type InlineLint = fn(&str, &LintOptions, Option<&ProjectContext>) -> LintResult;

impl Linter {
    /// Lints on this thread (see [`Linter::Inline`]).
    pub fn inline(options: LintOptions, project: Option<ProjectContext>, on_lint: OnLint) -> Self {
        Self::Inline {
            options,
            project,
            on_lint,
            lint: lint_here,
        }
    }
}

/// One inline lint.
pub struct Lint {
    /// The text linted.
    pub source: Rc<str>,
    /// The result, or why the linter stopped.
    pub result: Result<Checked, String>,
    /// False for the lint of the text the editor mounted with.
    pub after_edit: bool,
}

/// What an inline lint saw and found.
#[derive(Clone, PartialEq)]
pub struct Checked {
    pub source: Rc<str>,
    pub result: Rc<LintResult>,
    /// Counts the lints of this session, from 1.
    pub revision: u64,
}

enum Backend {
    Worker(LintClient),
    Inline {
        options: Rc<LintOptions>,
        project: RefCell<Option<ProjectContext>>,
        on_lint: OnLint,
        lint: InlineLint,
        revision: Cell<u64>,
    },
}

struct Shared {
    editor: EditorSlot,
    timer: RefCell<Option<Timeout>>,
    backend: Backend,
    /// Lint the text the editor mounts with.
    lint_on_ready: bool,
}

/// A view's handle on its lint session; cheap to clone, the same across renders.
#[derive(Clone)]
pub struct LintSession {
    shared: Rc<Shared>,
    /// Whether the editor has mounted, as of this render.
    pub ready: bool,
    /// For `EditorPane`.
    pub on_ready: Callback<Editor>,
    /// For `EditorPane`.
    pub on_change: Callback<()>,
}

impl PartialEq for LintSession {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.shared, &other.shared) && self.ready == other.ready
    }
}

impl LintSession {
    /// The editor, once mounted.
    pub fn editor(&self) -> Option<Editor> {
        self.shared.editor.borrow().clone()
    }

    /// Lints what the editor holds now, dropping a pending lint.
    pub fn lint_now(&self) {
        lint_now(&self.shared, true);
    }

    /// From now on, the editor's text is linted as the shown file of `project` (alone:
    /// `None`), so what the other files export and mount is known.
    pub fn set_project(&self, project: Option<ProjectContext>) {
        match &self.shared.backend {
            Backend::Worker(client) => client.set_project(project),
            Backend::Inline { project: p, .. } => *p.borrow_mut() = project,
        }
    }

    /// The worker client, to ask about a linted text (a worker session only).
    pub fn client(&self) -> Option<&LintClient> {
        match &self.shared.backend {
            Backend::Worker(client) => Some(client),
            Backend::Inline { .. } => None,
        }
    }

    /// Selects a UTF-16 range in the editor.
    pub fn select(&self, (from, to): (u32, u32)) {
        if let Some(ed) = self.editor() {
            ed.select(from, to);
        }
    }
}

fn handle(shared: Rc<Shared>) -> LintSession {
    LintSession {
        shared,
        ready: false,
        on_ready: Callback::noop(),
        on_change: Callback::noop(),
    }
}

fn lint_now(shared: &Rc<Shared>, after_edit: bool) {
    shared.timer.borrow_mut().take();
    let Some(ed) = shared.editor.borrow().clone() else {
        return;
    };
    let text = ed.text();
    match &shared.backend {
        Backend::Worker(client) => {
            perf::mark(LINT_START);
            client.request(text);
        }
        Backend::Inline {
            options,
            project,
            on_lint,
            lint,
            revision,
        } => {
            // Code from an address or a saved exercise could crash the linter, which then
            // says so instead of taking the view down.
            let source: Rc<str> = text.into();
            let (lint_text, options, lint) = (source.clone(), options.clone(), *lint);
            let project = project.borrow().clone();
            let result =
                catching(move || lint(&lint_text, &options, project.as_ref())).map(|result| {
                    ed.show_diagnostics(&result);
                    revision.set(revision.get() + 1);
                    Checked {
                        source: source.clone(),
                        result: Rc::new(result),
                        revision: revision.get(),
                    }
                });
            let lint = Lint {
                source,
                result,
                after_edit,
            };
            on_lint(&handle(shared.clone()), lint);
        }
    }
}

/// The session of a view's editor. `theme` applies to the page and the editor, following
/// the system's setting live when it is `System`; `lint_on_ready` and `linter` are read
/// once, when the view mounts.
#[hook]
pub fn use_lint_session(
    theme: ThemePref,
    lint_on_ready: bool,
    linter: impl FnOnce() -> Linter,
) -> LintSession {
    let ready = use_state_eq(|| false);
    let shared = use_memo((), move |_| {
        Rc::new_cyclic(|weak: &Weak<Shared>| {
            let backend = match linter() {
                Linter::Worker(on_answer) => {
                    let weak = weak.clone();
                    Backend::Worker(LintClient::new(move |answer| {
                        if let Some(shared) = weak.upgrade() {
                            on_answer(&handle(shared), answer);
                        }
                    }))
                }
                Linter::Inline {
                    options,
                    project,
                    on_lint,
                    lint,
                } => Backend::Inline {
                    options: Rc::new(options),
                    project: RefCell::new(project),
                    on_lint,
                    lint,
                    revision: Cell::new(0),
                },
            };
            Shared {
                editor: Rc::new(RefCell::new(None)),
                timer: RefCell::new(None),
                backend,
                lint_on_ready,
            }
        })
    });
    let shared: Rc<Shared> = (*shared).clone();
    let callbacks = use_memo((), {
        let shared = shared.clone();
        let ready = ready.setter();
        move |_| {
            let on_ready = {
                let shared = shared.clone();
                Callback::from(move |ed: Editor| {
                    *shared.editor.borrow_mut() = Some(ed);
                    ready.set(true);
                    if shared.lint_on_ready {
                        lint_now(&shared, false);
                    }
                })
            };
            // Replacing the timeout cancels the pending one: only a pause in typing lints.
            let weak = Rc::downgrade(&shared);
            let on_change = Callback::from(move |()| {
                let Some(shared) = weak.upgrade() else { return };
                let later = Rc::downgrade(&shared);
                *shared.timer.borrow_mut() = Some(Timeout::new(LINT_DEBOUNCE_MS, move || {
                    if let Some(shared) = later.upgrade() {
                        lint_now(&shared, true);
                    }
                }));
            });
            (on_ready, on_change)
        }
    });
    let on_dark = {
        let editor = shared.editor.clone();
        Callback::from(move |dark: bool| {
            if let Some(ed) = editor.borrow().as_ref() {
                ed.set_dark(dark);
            }
        })
    };
    use_page_theme(theme, *ready, on_dark);
    LintSession {
        shared,
        ready: *ready,
        on_ready: callbacks.0.clone(),
        on_change: callbacks.1.clone(),
    }
}
