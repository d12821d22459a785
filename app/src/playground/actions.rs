//! What the playground's buttons and the lint worker's answers do to the editor, the
//! saved code and the state: one `Playground` handle, so `App` only wires them up.

use std::rc::Rc;

use yew::prelude::*;

use crate::lint_session::edits::editor_edits;
use crate::lint_session::project::SourceFile;
use crate::lint_session::session::LintSession;
use crate::lint_session::summary::EditorPlan;
use crate::lint_session::worker::{Answer, Failure};
use crate::playground::autosave::{Autosave, save_failed};
use crate::playground::files::ENTRY;
use crate::playground::kept::{self, Why};
use crate::playground::startup;
use crate::playground::state::{Action, Notice, NoticeAction, NoticeKind, State};
use crate::shared::examples::{self, Example};
use crate::shared::share;
use crate::shell::browser;
use crate::shell::storage;

pub const TEXT_CHANGED: &str = "The code changed since it was checked, so the findings were refreshed. Review the rewrite and apply it again.";

/// The playground's session, state and autosave, as of one render.
#[derive(Clone)]
pub struct Playground {
    pub session: LintSession,
    pub state: UseReducerHandle<State>,
    pub autosave: Rc<Autosave>,
}

impl Playground {
    /// A callback that runs `act` on this render's playground.
    pub fn on<T: 'static>(&self, act: fn(&Self, T)) -> Callback<T> {
        let this = self.clone();
        Callback::from(move |value| act(&this, value))
    }

    pub fn notify(&self, notice: Notice) {
        self.state.dispatch(Action::Notify(notice));
    }

    fn info(&self, text: &str) {
        self.notify(Notice::new(NoticeKind::Info, text));
    }

    pub fn select(&self, index: usize) {
        self.state.dispatch(Action::Select(Some(index)));
        if let (Some(ed), Some(d)) = (
            self.session.editor(),
            self.state.result.diagnostics.get(index),
        ) {
            crate::shared::explanation::show_finding(&ed, d.range.start_utf16, d.range.end_utf16);
        }
    }

    pub fn jump(&self, range: (u32, u32)) {
        self.session.select(range);
    }

    /// Rewrites are positioned in the linted text; if the learner typed since, re-check
    /// first rather than splice edits into the wrong places.
    fn still_linted(&self) -> bool {
        let Some(ed) = self.session.editor() else {
            return false;
        };
        if ed.text() == *self.state.source {
            return true;
        }
        self.session.lint_now();
        self.info(TEXT_CHANGED);
        false
    }

    /// Applies the selected finding's rewrite `index`.
    pub fn apply(&self, index: usize) {
        let Some(rewrite) = self
            .state
            .selected_diagnostic()
            .and_then(|f| f.full().and_then(|d| d.rewrites.get(index).cloned()))
        else {
            return;
        };
        let Some(ed) = self.session.editor().filter(|_| self.still_linted()) else {
            return;
        };
        if !rewrite.other_files.is_empty() {
            return self.apply_across_files(&ed, &rewrite);
        }
        ed.apply(&editor_edits(&rewrite.edits));
        self.session.lint_now();
        self.notify(
            Notice::new(
                NoticeKind::Success,
                format!("Applied “{}”. Undo (Ctrl+Z) takes it back.", rewrite.title),
            )
            .with_actions([NoticeAction::Undo]),
        );
        browser::focus_element("findings-heading");
    }

    /// "Apply all" needs every rewrite: it is planned where the full result is (the
    /// worker), and applied when the plan comes back ([`answered`]).
    pub fn apply_all(&self, (): ()) {
        if !self.state.project.is_single() {
            return self.apply_all_files();
        }
        if let Some(client) = self.session.client().filter(|_| self.still_linted()) {
            client.apply_all(self.state.source.clone());
        }
    }

    /// Puts `code` in the editor in place of the learner's text. `code` is saved over the
    /// saved code at the next check, so both the text and the saved code are kept aside
    /// first: the learner's own code stays reachable ("Your code", "Earlier code") after
    /// a reload. Not kept: a link's unedited code, a text that stopped the linter (kept
    /// already), a starter example's text, and `code` itself.
    pub(crate) fn put_in_editor(&self, code: &str) -> bool {
        let Some(ed) = self.session.editor() else {
            return false;
        };
        let text = ed.text();
        let on_screen = (!self.autosave.is_unedited_link(&text)
            && !self.autosave.is_stopped(&text))
        .then_some(text);
        // The older first, so the text on screen ends up newest.
        let to_keep = [storage::saved_code(), on_screen]
            .into_iter()
            .flatten()
            .filter(|own| own != code && examples::matching(own).is_none());
        for own in to_keep {
            if let Err(error) = storage::keep(&own, Why::Replaced) {
                let mut notice = save_failed(&error, false);
                notice.text.push_str(" Nothing was replaced.");
                self.notify(notice);
                return false;
            }
        }
        self.state.dispatch(Action::Kept(storage::load_kept()));
        self.autosave.forget_link();
        ed.replace_text(code);
        self.session.lint_now();
        true
    }

    pub fn load_example(&self, example: &'static Example) {
        if let Some(files) = examples::project_files(example) {
            let text = format!(
                "Loaded “{}”: {} files, one tab each. Your code is kept under “Earlier code”.",
                example.title,
                files.len()
            );
            self.open_project(files, Notice::new(NoticeKind::Info, text));
            return;
        }
        if self.put_in_editor(example.source) {
            let back = if kept::own_code(&storage::load_kept()).is_some() {
                "“Your code” in the Example menu brings back your own code."
            } else {
                "Undo (Ctrl+Z) brings back what you had."
            };
            self.info(&format!("Loaded “{}”. {back}", example.title));
        }
    }

    /// "Your code" in the examples menu: the learner's own code, put aside when an example
    /// replaced it, back in the editor.
    pub fn restore_own(&self, (): ()) {
        let Some(own) = kept::own_code(&self.state.kept).map(|k| k.code.clone()) else {
            return;
        };
        if self.put_in_editor(&own) {
            self.info("Your code is back. Undo (Ctrl+Z) returns to what you had.");
        }
    }

    pub fn share(&self, (): ()) {
        let Some(ed) = self.session.editor() else {
            return;
        };
        let mut project = (*self.state.project).clone();
        project.set_active_source(ed.text());
        match share::encode_project(project.files()) {
            Ok(fragment) => {
                let link = browser::link_with_fragment(&fragment);
                browser::copy_to_clipboard(&link);
                let mut notice = Notice::new(
                    NoticeKind::Success,
                    "Link copied. The code travels inside the link, after the #, and is never sent to a server.",
                );
                notice.link = Some(link);
                self.notify(notice);
            }
            Err(error) => self.notify(Notice::new(NoticeKind::Error, error.to_string())),
        }
    }

    pub fn notice_action(&self, action: NoticeAction) {
        match action {
            NoticeAction::Undo => {
                // The edit goes back through the editor's history, so the lint follows.
                crate::playground::tools::undo_in_editor();
                self.state.dispatch(Action::DismissNotice);
            }
            NoticeAction::BackToSaved => {
                let saved =
                    storage::load_code().unwrap_or_else(|| examples::DEFAULT.source.to_owned());
                if self.put_in_editor(&saved) {
                    self.info(
                        "Your saved code is back. Undo (Ctrl+Z) returns to the code you had.",
                    );
                }
            }
            NoticeAction::ResetToExample => {
                if self.put_in_editor(examples::DEFAULT.source) {
                    self.info(
                        "The example is back. The code you had is kept under “Earlier code”.",
                    );
                }
            }
            NoticeAction::UndoApplyAll | NoticeAction::UndoInEveryFile => self.undo_apply_all(),
            NoticeAction::CopyCode => {
                let Some(ed) = self.session.editor() else {
                    return;
                };
                browser::copy_to_clipboard(&ed.text());
                // The other ways out stay offered.
                let others = self
                    .state
                    .notice
                    .iter()
                    .flat_map(|n| n.actions.iter().copied())
                    .filter(|a| *a != NoticeAction::CopyCode);
                self.notify(
                    Notice::new(NoticeKind::Success, "The code is copied to the clipboard.")
                        .with_actions(others),
                );
            }
        }
    }

    pub fn restore_kept(&self, index: usize) {
        let Some(entry) = self.state.kept.get(index) else {
            return;
        };
        if self.put_in_editor(&entry.code) {
            self.info("Restored from “Earlier code”. Undo (Ctrl+Z) brings back what you had.");
        }
    }

    pub fn copy_kept(&self, index: usize) {
        if let Some(entry) = self.state.kept.get(index) {
            browser::copy_to_clipboard(&entry.code);
            self.notify(Notice::new(NoticeKind::Success, "Copied to the clipboard."));
        }
    }

    pub fn set_theme(&self, theme: crate::shell::theme::ThemePref) {
        storage::save_theme(theme);
        self.state.dispatch(Action::SetTheme(theme));
    }

    /// A link opened in this tab after the page: its code replaces the editor's, which is
    /// saved first; if it cannot be, the link is not opened over it.
    pub fn open_link(&self, (): ()) {
        let Some(ed) = self.session.editor() else {
            return;
        };
        match share::decode_project(&browser::fragment()) {
            Ok(Some(files)) if files.len() > 1 => {
                self.open_linked_project(
                    files,
                    startup::opened_link(storage::saved_code().is_some()),
                );
            }
            Ok(Some(mut files)) => {
                let code = files.pop().map(|f| f.source).unwrap_or_default();
                if !self.state.project.is_single() {
                    self.open_linked_project(
                        vec![SourceFile::new(ENTRY, code)],
                        startup::opened_link(true),
                    );
                    browser::clear_fragment();
                    return;
                }
                if let Err(mut notice) = self.autosave.save(&ed.text()) {
                    notice
                        .text
                        .push_str(" The link was not opened, so as not to replace it.");
                    self.notify(notice);
                    browser::clear_fragment();
                    return;
                }
                ed.replace_text(&code);
                self.autosave.open_link(code.into());
                self.session.lint_now();
                self.notify(startup::opened_link(storage::saved_code().is_some()));
            }
            Ok(None) => return,
            Err(error) => self.notify(startup::broken_link(&error)),
        }
        browser::clear_fragment();
    }
}

/// What the playground does with each of the lint worker's answers.
pub fn answered(
    dispatcher: UseReducerDispatcher<State>,
    autosave: Rc<Autosave>,
) -> impl Fn(&LintSession, Answer) {
    move |session, answer| match answer {
        Answer::Summary { source, summary } => {
            autosave.checked(&source);
            dispatcher.dispatch(Action::Linted { source, summary })
        }
        Answer::Failed {
            source,
            message,
            failure,
        } => {
            autosave.mark_stopped(source.clone());
            stopped(&dispatcher, &source, failure, &message)
        }
        Answer::Diagnostic {
            source,
            index,
            diagnostic,
        } => dispatcher.dispatch(Action::Detail {
            source,
            index,
            diagnostic,
        }),
        Answer::Project { files, findings } => {
            dispatcher.dispatch(Action::ProjectLinted { files, findings })
        }
        Answer::ProjectPlanned {
            files,
            plans: Some(plans),
        } => crate::playground::project_actions::apply_project_plans(
            session,
            &dispatcher,
            &files,
            plans,
        ),
        // The linter stopped on the files: nothing is applied.
        Answer::ProjectPlanned { plans: None, .. } => {}
        Answer::Planned { source, plan } => {
            let Some(notice) = apply_plan(session, &source, &plan) else {
                return;
            };
            let success = notice.kind == NoticeKind::Success;
            dispatcher.dispatch(Action::Notify(notice));
            if success {
                browser::focus_element("findings-heading");
            }
        }
    }
}

/// Applies "Apply all"'s `plan` for `source`, unless the learner typed since (then it
/// re-checks and applies nothing), and says which.
fn apply_plan(session: &LintSession, source: &str, plan: &EditorPlan) -> Option<Notice> {
    let ed = session.editor()?;
    let notice = if ed.text() != source {
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
        Notice::new(NoticeKind::Success, text).with_actions([NoticeAction::Undo])
    };
    session.lint_now();
    Some(notice)
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
pub fn put_aside_stopped(source: &str) {
    if storage::keep(source, Why::StoppedLinter).is_ok()
        && storage::saved_code().as_deref() == Some(source)
    {
        storage::forget_code();
    }
}
