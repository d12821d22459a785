//! What the tabs do: show another file, add, rename and delete files, and open a whole
//! project (a folder, a link, the multi-file example) in place of the editor's code.

use yew::prelude::*;

use lint_core::Rewrite;

use crate::lint_session::editor::Editor;
use crate::lint_session::edits::editor_edits;
use crate::lint_session::project::{FilePlan, ProjectContext, SourceFile};
use crate::lint_session::session::LintSession;
use crate::playground::actions::Playground;
use crate::playground::actions::TEXT_CHANGED;
use crate::playground::files::Project;
use crate::playground::open_folder::Opened;
use crate::playground::state::{Action, Notice, NoticeAction, NoticeKind, State};
use crate::shell::{browser, storage};

impl Playground {
    /// The project with the shown file as the editor holds it now.
    fn project_now(&self) -> Option<(crate::lint_session::editor::Editor, Project)> {
        let ed = self.session.editor()?;
        let mut project = (*self.state.project).clone();
        project.set_active_source(ed.text());
        Some((ed, project))
    }

    /// Shows file `index` in the editor, with its own undo history.
    pub fn switch_file(&self, index: usize) {
        let Some((ed, mut project)) = self.project_now() else {
            return;
        };
        if index == project.active() || index >= project.files().len() {
            return;
        }
        let from = project.active_file().path.clone();
        project.switch_to(index);
        let to = project.active_file();
        ed.show_file(&from, &to.path, &to.source);
        self.state.dispatch(Action::SetProject(project));
    }

    /// Shows file `path` with the UTF-16 range `range` selected (a place a finding of
    /// another file points at).
    pub fn jump_to_file(&self, (path, range): (String, (u32, u32))) {
        if let Some(index) = self.state.project.index_of(&path) {
            self.switch_file(index);
            self.session.select(range);
        }
    }

    /// Shows file `path` and selects its finding `index` once it is linted.
    pub fn select_in_file(&self, (path, index): (String, usize)) {
        let Some(file) = self.state.project.index_of(&path) else {
            return;
        };
        if file == self.state.project.active() {
            self.select(index);
            return;
        }
        self.switch_file(file);
        self.state.dispatch(Action::SelectAfterLint(index));
    }

    /// Adds an empty file `name` and shows it.
    pub fn add_file(&self, name: String) {
        let Some((ed, mut project)) = self.project_now() else {
            return;
        };
        let from = project.active_file().path.clone();
        match project.add(&name) {
            Ok(_) => {
                ed.show_file(&from, &project.active_file().path, "");
                self.state.dispatch(Action::SetProject(project));
            }
            Err(error) => self.notify(Notice::new(NoticeKind::Error, error.to_string())),
        }
    }

    /// Renames file `index` to `name`.
    pub fn rename_file(&self, (index, name): (usize, String)) {
        let Some((ed, mut project)) = self.project_now() else {
            return;
        };
        let Some(old) = project.files().get(index).map(|f| f.path.clone()) else {
            return;
        };
        match project.rename(index, &name) {
            Ok(new) => {
                ed.rename_file(&old, &new);
                self.state.dispatch(Action::SetProject(project));
            }
            Err(error) => self.notify(Notice::new(NoticeKind::Error, error.to_string())),
        }
    }

    pub fn delete_file(&self, index: usize) {
        let Some((ed, mut project)) = self.project_now() else {
            return;
        };
        let Some(path) = project.files().get(index).map(|f| f.path.clone()) else {
            return;
        };
        let sure = browser::window()
            .confirm_with_message(&format!(
                "Delete {path}? Its code is not kept anywhere else."
            ))
            .unwrap_or(false);
        if !sure {
            return;
        }
        let shown = project.active();
        let from = project.active_file().path.clone();
        if project.delete(index).is_none() {
            return;
        }
        if index == shown {
            let to = project.active_file();
            ed.show_file(&from, &to.path, &to.source);
        }
        self.state.dispatch(Action::SetProject(project));
        self.notify(Notice::new(NoticeKind::Info, format!("Deleted {path}.")));
    }

    /// Opens a shared link's `files`: not saved until the learner edits them.
    pub fn open_linked_project(&self, files: Vec<SourceFile>, notice: Notice) {
        if let Some(shown) = self.open_project(files, notice) {
            self.autosave.open_link(shown.into());
        }
    }

    /// Opens `files` in place of the editor's code (kept aside as when an example is
    /// loaded), `app.js` shown; says `notice`. Replacing several files asks first. The
    /// text shown, if opened.
    pub fn open_project(&self, files: Vec<SourceFile>, notice: Notice) -> Option<String> {
        let project = Project::from_files(files)?;
        if !self.state.project.is_single() && project.files() != self.state.current_files() {
            let count = self.state.project.files().len();
            let sure = browser::window()
                .confirm_with_message(&format!(
                    "Open these files in place of the {count} files here? Only the file shown \
                     now is kept, under “Earlier code”."
                ))
                .unwrap_or(false);
            if !sure {
                return None;
            }
        }
        let ed = self.session.editor()?;
        let shown = project.active_file().source.clone();
        if !self.put_in_editor(&shown) {
            return None;
        }
        ed.forget_files();
        self.state.dispatch(Action::SetProject(project));
        self.notify(notice);
        Some(shown)
    }
}

impl Playground {
    /// A folder was opened (or could not be read).
    pub fn opened_folder(&self, opened: Result<Opened, String>) {
        match opened {
            Ok(opened) if opened.files.is_empty() => {
                let mut text =
                    "No .js, .cjs, .mjs or .ts file was found in that folder.".to_owned();
                if let Some(skipped) = opened.plan.skipped_message() {
                    text.push(' ');
                    text.push_str(&skipped);
                }
                self.notify(Notice::new(NoticeKind::Error, text));
            }
            Ok(opened) => {
                let message = opened.message();
                let kind = if opened.plan.skipped_message().is_some() {
                    NoticeKind::Info
                } else {
                    NoticeKind::Success
                };
                self.open_project(opened.files, Notice::new(kind, message));
            }
            Err(error) => self.notify(Notice::new(
                NoticeKind::Error,
                format!("The folder could not be opened: {error}."),
            )),
        }
    }
}

/// Each change of the files (one shown, added, renamed, deleted, opened, rewritten): the
/// lint session learns the project around the shown file, and the shown file is linted
/// in it — one lint gives its findings (with what the other files add) and every tab's.
/// After each lint, the files are saved (unless they are a link's, unedited).
#[hook]
pub fn use_project_effects(playground: &Playground) {
    let p = playground.clone();
    let state = &playground.state;
    let first = use_mut_ref(|| true);
    use_effect_with(state.project_revision, move |_| {
        let project = &p.state.project;
        p.session
            .set_project(ProjectContext::of(project.files(), project.active()));
        // At mount a single file is linted when its editor is ready.
        let mounting = std::mem::replace(&mut *first.borrow_mut(), false);
        if !(mounting && project.is_single()) {
            p.session.lint_now();
        }
    });
    let p = playground.clone();
    use_effect_with(
        (state.revision, state.project_revision),
        move |&(revision, _)| {
            if revision == 0 {
                return;
            }
            let state = &p.state;
            if p.autosave.is_unedited_link(&state.source) || p.autosave.is_stopped(&state.source) {
                return;
            }
            let mut project = (*state.project).clone();
            project.set_active_source(&*state.source);
            let saved = (!project.is_single()).then(|| project.to_saved());
            // A failed save is told by the autosave of the shown file, which fails alike.
            let _ = storage::save_project(saved.as_deref());
        },
    );
}

impl Playground {
    /// "Apply all" in every file: planned in the worker from every file's text (the
    /// shown one first), applied when the plans come back ([`apply_project_plans`]).
    pub fn apply_all_files(&self) {
        let Some((_, project)) = self.project_now() else {
            return;
        };
        let mut files = project.into_files();
        let shown = self.state.project.active();
        files.swap(0, shown);
        if let Some(client) = self.session.client() {
            client.apply_all_project(files.into());
        }
    }

    /// Applies `rewrite`, which edits other files of the project too: the shown file in
    /// the editor, the others in the project; "Undo in every file" puts all of them back.
    pub(crate) fn apply_across_files(&self, ed: &Editor, rewrite: &Rewrite) {
        let before = self.state.current_files();
        let mut plans = Vec::new();
        for other in &rewrite.other_files {
            let Some(file) = before.iter().find(|f| f.path == other.path) else {
                let text = format!(
                    "“{}” also edits {}, which is not among the files here: nothing was changed.",
                    rewrite.title, other.path
                );
                return self.notify(Notice::new(NoticeKind::Error, text));
            };
            plans.push(FilePlan {
                path: other.path.clone(),
                source: lint_core::apply_edits(&file.source, &other.edits),
                applied: 1,
                skipped: 0,
            });
        }
        let others: Vec<&str> = plans.iter().map(|p| p.path.as_str()).collect();
        let text = format!(
            "Applied “{}” here and in {}. “Undo in every file” puts them all back.",
            rewrite.title,
            others.join(", ")
        );
        ed.apply(&editor_edits(&rewrite.edits));
        self.state
            .dispatch(Action::AppliedAcrossFiles { before, plans });
        self.notify(
            Notice::new(NoticeKind::Success, text).with_actions([NoticeAction::UndoInEveryFile]),
        );
        browser::focus_element("findings-heading");
    }

    /// Puts every file back as it was before "Apply all", or before a rewrite that edited
    /// several files.
    pub fn undo_apply_all(&self) {
        let (Some(before), Some(ed)) = (self.state.before_apply_all.clone(), self.session.editor())
        else {
            return;
        };
        let Some(mut project) = Project::from_files(before.to_vec()) else {
            return;
        };
        let shown = &self.state.project.active_file().path;
        if let Some(i) = project.index_of(shown) {
            project.switch_to(i);
        }
        let text = project.active_file().source.clone();
        if ed.text() != text {
            ed.replace_text(&text);
        }
        self.state.dispatch(Action::UndidApplyAll(project));
        self.notify(Notice::new(
            NoticeKind::Success,
            "Every file is back as it was before.",
        ));
    }
}

/// Applies "Apply all"'s `plans` for the project `files` (the shown file first), unless
/// the learner typed since: the shown file is rewritten in the editor (one undo step in
/// its history), the others in the project, and "Undo Apply all" puts all of them back.
pub fn apply_project_plans(
    session: &LintSession,
    dispatcher: &UseReducerDispatcher<State>,
    files: &[SourceFile],
    plans: Vec<FilePlan>,
) {
    let (Some(ed), Some(shown)) = (session.editor(), files.first()) else {
        return;
    };
    if ed.text() != shown.source {
        session.lint_now();
        dispatcher.dispatch(Action::Notify(Notice::new(NoticeKind::Info, TEXT_CHANGED)));
        return;
    }
    let applied: usize = plans.iter().map(|p| p.applied).sum();
    let skipped: usize = plans.iter().map(|p| p.skipped).sum();
    let changed = plans.len();
    if let Some(plan) = plans.iter().find(|p| p.path == shown.path) {
        ed.replace_text(&plan.source);
    }
    dispatcher.dispatch(Action::AppliedAcrossFiles {
        before: files.to_vec(),
        plans,
    });
    let mut text = format!(
        "Applied {applied} rewrite{} in {changed} file{}.",
        if applied == 1 { "" } else { "s" },
        if changed == 1 { "" } else { "s" }
    );
    if skipped > 0 {
        text.push_str(&format!(
            " {skipped} overlapped another and were left for you to apply one by one."
        ));
    }
    text.push_str(" “Undo Apply all” puts every file back.");
    dispatcher.dispatch(Action::Notify(
        Notice::new(NoticeKind::Success, text).with_actions([NoticeAction::UndoApplyAll]),
    ));
}
