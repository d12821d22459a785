//! The playground's state and every way it changes, free of browser APIs so that
//! plain `cargo test` covers it.

use std::rc::Rc;

use lint_core::{Diagnostic, RuleId};
use yew::Reducible;

use crate::lint_session::project::{FileFindings, FilePlan, SourceFile};
use crate::lint_session::summary::{FindingSummary, LintSummary, ResultSummary, SelectedFinding};
use crate::lint_session::worker::Failure;
use crate::playground::files::Project;
use crate::playground::kept::Kept;
use crate::shell::theme::ThemePref;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoticeKind {
    Info,
    Success,
    Error,
}

/// A way out a notice offers, as a button.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoticeAction {
    /// Put the saved code back in the editor (after a link, or a failed lint).
    BackToSaved,
    /// Put the default example in the editor.
    ResetToExample,
    /// Copy the editor's text to the clipboard.
    CopyCode,
    /// Undo the editor's last change (the rewrite just applied).
    Undo,
    /// Put every file of the project back as it was before "Apply all".
    UndoApplyAll,
    /// Put every file back as it was before a rewrite that edited several.
    UndoInEveryFile,
}

impl NoticeAction {
    pub fn label(self) -> &'static str {
        match self {
            Self::BackToSaved => "Back to my saved code",
            Self::ResetToExample => "Reset to the example",
            Self::CopyCode => "Copy the code",
            Self::Undo => "Undo",
            Self::UndoApplyAll => "Undo Apply all",
            Self::UndoInEveryFile => "Undo in every file",
        }
    }

    /// The button's id, for tests and for moving focus.
    pub fn id(self) -> &'static str {
        match self {
            Self::BackToSaved => "notice-back-to-saved",
            Self::ResetToExample => "notice-reset-example",
            Self::CopyCode => "notice-copy-code",
            Self::Undo => "notice-undo",
            Self::UndoApplyAll => "notice-undo-apply-all",
            Self::UndoInEveryFile => "notice-undo-every-file",
        }
    }
}

/// A message for the learner about something they did (share, apply, open a link).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub kind: NoticeKind,
    pub text: String,
    /// A share link to show and copy.
    pub link: Option<String>,
    /// Buttons offered with the message, besides "Dismiss".
    pub actions: Vec<NoticeAction>,
}

impl Notice {
    pub fn new(kind: NoticeKind, text: impl Into<String>) -> Self {
        Self {
            kind,
            text: text.into(),
            link: None,
            actions: vec![],
        }
    }

    pub fn with_actions(mut self, actions: impl IntoIterator<Item = NoticeAction>) -> Self {
        self.actions = actions.into_iter().collect();
        self
    }

    /// The linter gave no result for the editor's text. `saved_differs`: the saved code is
    /// another text, which the learner may want back.
    pub fn lint_failed(failure: Failure, message: &str, saved_differs: bool) -> Self {
        let what = match failure {
            Failure::Crashed => format!("The linter stopped while checking this code ({message})."),
            Failure::TimedOut => {
                format!("This code took too long to check ({message}), so the check was stopped.")
            }
        };
        let mut actions = vec![NoticeAction::CopyCode];
        if saved_differs {
            actions.push(NoticeAction::BackToSaved);
        }
        actions.push(NoticeAction::ResetToExample);
        Self::new(
            NoticeKind::Error,
            format!(
                "{what} Your code is kept in the editor as it is, and under “Earlier code”, \
                 but not saved over your last code that checked. The next edit checks it again."
            ),
        )
        .with_actions(actions)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct State {
    /// The text the current result was computed from.
    pub source: Rc<str>,
    /// The findings without their rewrites (see `summary`).
    pub result: Rc<ResultSummary>,
    /// The same diagnostics in the editor glue's format, handed to it as they are.
    pub editor_diagnostics: Rc<str>,
    /// Bumped on every lint, so effects can tell a new result from an equal one.
    pub revision: u64,
    /// Index into `result.diagnostics`.
    pub selected: Option<usize>,
    /// The full diagnostic of the selected finding (rewrites and all), once it has come:
    /// its index and the diagnostic.
    pub detail: Option<(usize, Rc<Diagnostic>)>,
    pub theme: ThemePref,
    pub notice: Option<Notice>,
    /// Set when the linter gave no result for the newest text (see [`Failure`]); the
    /// findings shown, if any, are from an earlier text.
    pub stopped: Option<Failure>,
    /// Code put aside instead of lost, newest first.
    pub kept: Rc<Vec<Kept>>,
    /// The project's files; the shown one's text is `source` once linted.
    pub project: Rc<Project>,
    /// Bumped when a file is added, deleted, renamed or shown, or a project opened.
    pub project_revision: u64,
    /// Every file's findings, from the last lint of the whole project (empty for a
    /// single file, whose findings are `result`).
    pub files_findings: Rc<Vec<FileFindings>>,
    /// The finding to select once the file just shown is linted (picked in another tab).
    pub select_after_lint: Option<usize>,
    /// Every file as it was before the last "Apply all" across files, until undone.
    pub before_apply_all: Option<Rc<Vec<SourceFile>>>,
}

pub enum Action {
    /// The lint worker's result for this text.
    Linted {
        source: Rc<str>,
        summary: LintSummary,
    },
    /// The full diagnostic `index` of the linted text `source`: kept only while that
    /// text and that finding are still the ones shown.
    Detail {
        source: Rc<str>,
        index: usize,
        diagnostic: Option<Diagnostic>,
    },
    /// The linter failed on the newest text: say so, and keep the last findings.
    LintFailed {
        failure: Failure,
        notice: Notice,
    },
    /// The code put aside changed (here or in another tab).
    Kept(Vec<Kept>),
    Select(Option<usize>),
    SetTheme(ThemePref),
    Notify(Notice),
    DismissNotice,
    /// The files changed (added, deleted, renamed, another shown, a project opened).
    SetProject(Project),
    /// Select finding `index` of the file just shown, once it is linted.
    SelectAfterLint(usize),
    /// "Apply all" across files: the files not shown take their planned text (the shown
    /// one is rewritten in the editor); `before` is every file as it was.
    AppliedAcrossFiles {
        before: Vec<SourceFile>,
        plans: Vec<FilePlan>,
    },
    /// The files put back as they were before "Apply all".
    UndidApplyAll(Project),
    /// The lint of the whole project `files`: kept while those are still its files.
    ProjectLinted {
        files: Rc<[SourceFile]>,
        findings: Vec<FileFindings>,
    },
}

/// Where the first text came from, which decides whether it may be linted inline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// Code this browser saved after it linted, or the built-in example.
    Trusted,
    /// Code from a link: anything could be in it, so the worker lints it first.
    Link,
}

impl State {
    /// The page before its first lint has answered ("checking", revision 0). The answer
    /// arrives as an action, like every later one.
    pub fn new(source: String, theme: ThemePref, notice: Option<Notice>) -> Self {
        Self {
            source: source.as_str().into(),
            result: Rc::new(ResultSummary::empty()),
            editor_diagnostics: crate::lint_session::editor::diagnostics_json(&[]).into(),
            revision: 0,
            selected: None,
            detail: None,
            theme,
            notice,
            stopped: None,
            kept: Rc::new(vec![]),
            project: Rc::new(Project::single(source)),
            project_revision: 0,
            files_findings: Rc::new(vec![]),
            select_after_lint: None,
            before_apply_all: None,
        }
    }

    /// The page opening on `project`, whose shown file is the `source` it was made with.
    pub fn with_project(self, project: Project) -> Self {
        Self {
            project: Rc::new(project),
            ..self
        }
    }

    /// The project's files with the shown one as last linted.
    pub fn current_files(&self) -> Vec<SourceFile> {
        let mut project = (*self.project).clone();
        project.set_active_source(&*self.source);
        project.into_files()
    }

    /// The findings of file `path` from the last lint of the project: the shown file's
    /// own result, another's from the project lint.
    pub fn findings_of(&self, path: &str) -> Option<&ResultSummary> {
        if path == self.project.active_file().path {
            return Some(&self.result);
        }
        self.files_findings
            .iter()
            .find(|f| f.path == path)
            .map(|f| &f.result)
    }

    /// How many findings the files not shown have (as last linted).
    pub fn findings_elsewhere(&self) -> usize {
        let shown = &self.project.active_file().path;
        self.files_findings
            .iter()
            .filter(|f| &f.path != shown)
            .map(|f| f.result.findings().count())
            .sum()
    }

    /// Whether the first lint is still to come.
    pub fn checking(&self) -> bool {
        self.revision == 0 && self.stopped.is_none()
    }

    fn linted(self: Rc<Self>, source: Rc<str>, summary: LintSummary) -> Rc<Self> {
        let selected = match self.select_after_lint {
            Some(i) => (i < summary.result.diagnostics.len()).then_some(i),
            None => self.carry_selection(&summary.result),
        };
        let mut project = (*self.project).clone();
        project.set_active_source(&*source);
        // The same text checked again: the finding's full diagnostic is still right.
        let detail = self
            .detail
            .clone()
            .filter(|(i, _)| selected == Some(*i) && *source == *self.source);
        Rc::new(Self {
            source,
            result: Rc::new(summary.result),
            editor_diagnostics: summary.editor.into(),
            revision: self.revision + 1,
            selected,
            detail,
            stopped: None,
            project: Rc::new(project),
            select_after_lint: None,
            ..(*self).clone()
        })
    }

    pub fn selected_finding(&self) -> Option<&FindingSummary> {
        self.selected.and_then(|i| self.result.diagnostics.get(i))
    }

    /// The selected finding as far as it is known: in full once its detail has come,
    /// until then what the list knows.
    pub fn selected_diagnostic(&self) -> Option<SelectedFinding> {
        let finding = self.selected_finding()?;
        Some(match &self.detail {
            Some((i, d)) if self.selected == Some(*i) => SelectedFinding::Full(d.clone()),
            _ => SelectedFinding::Pending(finding.clone()),
        })
    }

    /// The selected finding whose full diagnostic is still to be fetched. A syntax
    /// error's explanation needs nothing more than the list has.
    pub fn detail_wanted(&self) -> Option<usize> {
        let index = self.selected?;
        let finding = self.result.diagnostics.get(index)?;
        let loaded = self.detail.as_ref().is_some_and(|(i, _)| *i == index);
        (finding.rule.is_some() && !loaded).then_some(index)
    }

    pub fn finding_count(&self) -> usize {
        self.result.findings().count()
    }

    /// ResultSummary per rule, in the rules' fixed order, leaving out rules with none.
    pub fn rule_counts(&self) -> Vec<(RuleId, usize)> {
        RuleId::ALL
            .into_iter()
            .map(|rule| {
                (
                    rule,
                    self.result
                        .findings()
                        .filter(|d| d.rule == Some(rule))
                        .count(),
                )
            })
            .filter(|&(_, n)| n > 0)
            .collect()
    }

    /// One sentence for the live region: what the last lint found.
    pub fn summary(&self) -> String {
        if self.checking() {
            return "Checking your code…".to_owned();
        }
        if let Some(failure) = self.stopped {
            let why = match failure {
                Failure::Crashed => "the linter stopped on this code",
                Failure::TimedOut => "this code took too long to check",
            };
            return if self.revision == 0 {
                format!("Not checked: {why}.")
            } else {
                format!("Not checked: {why}. The findings below are from the last code it checked.")
            };
        }
        let findings = self.finding_count();
        let error = self.result.diagnostics.iter().find(|d| d.fatal);
        let counted = match findings {
            // Not an all-clear: only part of the code was read.
            0 if error.is_some() => "Nothing found in the part that was read.".to_owned(),
            0 => match self.findings_elsewhere() {
                0 => "No stateful patterns found.".to_owned(),
                n => format!(
                    "No stateful patterns in this file; {n} finding{} in the project's other files.",
                    plural(n)
                ),
            },
            n => {
                let per_rule: Vec<String> = self
                    .rule_counts()
                    .iter()
                    .map(|(rule, count)| format!("{count} {rule}"))
                    .collect();
                format!("{n} finding{}: {}.", plural(n), per_rule.join(", "))
            }
        };
        match error {
            Some(error) => format!(
                "Syntax error at {}:{}; the code was checked only in part. {counted}",
                error.range.line, error.range.column
            ),
            None => counted,
        }
    }

    /// Which of the new diagnostics is the one that was selected, if it is still there:
    /// the same rule and message, and the same occurrence among equals.
    fn carry_selection(&self, next: &ResultSummary) -> Option<usize> {
        let selected = self.selected_finding()?;
        let key = |d: &FindingSummary| (d.rule, d.message.clone());
        let same = |d: &&FindingSummary| key(d) == key(selected);
        let nth = self.result.diagnostics[..self.selected?]
            .iter()
            .filter(same)
            .count();
        next.diagnostics
            .iter()
            .enumerate()
            .filter(|(_, d)| same(d))
            .nth(nth)
            .map(|(i, _)| i)
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        match action {
            Action::Linted { source, summary } => self.linted(source, summary),
            Action::Detail {
                source,
                index,
                diagnostic: Some(diagnostic),
            } if self.selected == Some(index) && *source == *self.source => Rc::new(Self {
                detail: Some((index, Rc::new(diagnostic))),
                ..(*self).clone()
            }),
            // For a text or a finding no longer shown.
            Action::Detail { .. } => self,
            Action::LintFailed { failure, notice } => Rc::new(Self {
                notice: Some(notice),
                stopped: Some(failure),
                ..(*self).clone()
            }),
            Action::Kept(kept) => Rc::new(Self {
                kept: Rc::new(kept),
                ..(*self).clone()
            }),
            Action::Select(selected) => {
                let selected = selected.filter(|&i| i < self.result.diagnostics.len());
                if selected == self.selected {
                    return self;
                }
                Rc::new(Self {
                    selected,
                    detail: None,
                    ..(*self).clone()
                })
            }
            Action::SetTheme(theme) => Rc::new(Self {
                theme,
                ..(*self).clone()
            }),
            Action::Notify(notice) => Rc::new(Self {
                notice: Some(notice),
                ..(*self).clone()
            }),
            // Another file shown: the selection was in the file before.
            Action::SetProject(project) => Rc::new(Self {
                selected: None,
                detail: None,
                project: Rc::new(project),
                project_revision: self.project_revision + 1,
                ..(*self).clone()
            }),
            Action::AppliedAcrossFiles { before, plans } => {
                let mut project = (*self.project).clone();
                let shown = project.active_file().path.clone();
                for plan in plans.iter().filter(|p| p.path != shown) {
                    project.set_source(&plan.path, plan.source.as_str());
                }
                Rc::new(Self {
                    project: Rc::new(project),
                    project_revision: self.project_revision + 1,
                    before_apply_all: Some(Rc::new(before)),
                    ..(*self).clone()
                })
            }
            Action::UndidApplyAll(project) => Rc::new(Self {
                project: Rc::new(project),
                project_revision: self.project_revision + 1,
                before_apply_all: None,
                ..(*self).clone()
            }),
            Action::SelectAfterLint(index) => Rc::new(Self {
                select_after_lint: Some(index),
                ..(*self).clone()
            }),
            Action::ProjectLinted { files, findings } => {
                let same_paths = files.len() == self.project.files().len()
                    && files
                        .iter()
                        .zip(self.project.files())
                        .all(|(a, b)| a.path == b.path);
                if !same_paths {
                    return self;
                }
                Rc::new(Self {
                    files_findings: Rc::new(findings),
                    ..(*self).clone()
                })
            }
            Action::DismissNotice => {
                if self.notice.is_none() {
                    return self;
                }
                Rc::new(Self {
                    notice: None,
                    ..(*self).clone()
                })
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint_session::summary::Lints;
    use lint_core::{LintOptions, lint};

    /// What the lint worker sends back for `source`.
    fn linted(source: &str) -> Action {
        Action::Linted {
            source: source.into(),
            summary: Lints::new().lint(source),
        }
    }

    /// The page once the first lint of `source` has answered.
    fn state(source: &str) -> Rc<State> {
        Rc::new(State::new(source.to_owned(), ThemePref::System, None)).reduce(linted(source))
    }

    #[test]
    fn the_first_answer_shows_the_first_findings() {
        let waiting = Rc::new(State::new("const x = ;".into(), ThemePref::System, None));
        assert!(waiting.checking());
        assert_eq!(waiting.summary(), "Checking your code…");
        let s = waiting.reduce(linted("const x = ;"));
        assert!(s.result.has_fatal());
        assert_eq!(s.revision, 1);
        assert!(
            s.summary().starts_with(
                "Syntax error at 1:11; the code was checked only in part. Nothing found"
            ),
            "{}",
            s.summary()
        );
    }

    #[test]
    fn clean_code_says_so() {
        let s = state("const express = require('express');\nexpress().listen(3000);\n");
        assert_eq!(s.finding_count(), 0);
        assert!(s.rule_counts().is_empty());
        assert_eq!(s.summary(), "No stateful patterns found.");
    }

    #[test]
    fn lint_action_replaces_the_result_and_bumps_the_revision() {
        let s = state("const x = 1;");
        let next = s.clone().reduce(linted("const x = ;"));
        assert_eq!(&*next.source, "const x = ;");
        assert!(next.result.has_fatal());
        assert_eq!(next.revision, 2);
    }

    #[test]
    fn selection_is_kept_while_the_diagnostic_remains() {
        let s = state("let a = ;");
        let selected = s.reduce(Action::Select(Some(0)));
        assert_eq!(selected.selected, Some(0));
        // A blank line above: the same syntax error is still there.
        let relinted = selected.reduce(linted("\nlet a = ;"));
        assert_eq!(relinted.selected, Some(0));
        // Fixed: the error is gone, and so is the selection.
        let fixed = relinted.reduce(linted("let a = 1;"));
        assert_eq!(fixed.selected, None);
    }

    #[test]
    fn a_failed_lint_keeps_the_text_and_findings_and_says_so() {
        let s = state("let a = ;");
        let failed = s.clone().reduce(Action::LintFailed {
            failure: Failure::Crashed,
            notice: Notice::lint_failed(Failure::Crashed, "boom", true),
        });
        assert_eq!(failed.source, s.source);
        assert_eq!(failed.result, s.result);
        assert_eq!(failed.revision, s.revision);
        let notice = failed.notice.as_ref().unwrap();
        assert_eq!(notice.kind, NoticeKind::Error);
        assert!(notice.text.contains("boom") && notice.text.contains("kept"));
        assert_eq!(
            notice.actions,
            [
                NoticeAction::CopyCode,
                NoticeAction::BackToSaved,
                NoticeAction::ResetToExample
            ]
        );
        assert!(
            failed
                .summary()
                .starts_with("Not checked: the linter stopped")
        );
        // The next good lint clears it.
        let relinted = failed.reduce(linted("let a = 1;"));
        assert_eq!(relinted.stopped, None);
        assert_eq!(relinted.summary(), "No stateful patterns found.");
    }

    #[test]
    fn a_timeout_says_the_code_took_too_long() {
        let notice = Notice::lint_failed(Failure::TimedOut, "longer than 30 seconds", false);
        assert!(notice.text.contains("took too long"), "{}", notice.text);
        assert!(!notice.actions.contains(&NoticeAction::BackToSaved));
        let s = state("").reduce(Action::LintFailed {
            failure: Failure::TimedOut,
            notice,
        });
        assert!(s.summary().contains("took too long"), "{}", s.summary());
    }

    #[test]
    fn selecting_out_of_range_selects_nothing() {
        let s = state("let a = 1;");
        assert_eq!(s.reduce(Action::Select(Some(3))).selected, None);
    }

    #[test]
    fn notices_come_and_go() {
        let s = state("");
        let noticed = s.reduce(Action::Notify(Notice::new(NoticeKind::Info, "hi")));
        assert_eq!(noticed.notice.as_ref().map(|n| n.text.as_str()), Some("hi"));
        assert_eq!(noticed.reduce(Action::DismissNotice).notice, None);
    }

    #[test]
    fn theme_changes() {
        let s = state("");
        assert_eq!(
            s.reduce(Action::SetTheme(ThemePref::Dark)).theme,
            ThemePref::Dark
        );
    }

    fn finding(rule: RuleId, message: &str) -> FindingSummary {
        FindingSummary {
            rule: Some(rule),
            severity: lint_core::Severity::Warning,
            fatal: false,
            message: message.into(),
            range: lint_core::LineIndex::new("").range(0, 0),
            rewrites: 0,
        }
    }

    fn with_findings(diagnostics: Vec<FindingSummary>) -> State {
        let result = ResultSummary {
            diagnostics,
            language: lint_core::Language::JavaScript,
        };
        State {
            result: Rc::new(result),
            revision: 1,
            ..State::new(String::new(), ThemePref::System, None)
        }
    }

    #[test]
    fn summary_counts_findings_per_rule() {
        let s = with_findings(vec![
            finding(RuleId::NoGlobalState, "a"),
            finding(RuleId::NoLocalUploads, "b"),
            finding(RuleId::NoGlobalState, "c"),
        ]);
        assert_eq!(
            s.rule_counts(),
            [(RuleId::NoLocalUploads, 1), (RuleId::NoGlobalState, 2)]
        );
        assert_eq!(
            s.summary(),
            "3 findings: 1 no-local-uploads, 2 no-global-state."
        );
        let one = with_findings(vec![finding(RuleId::NoLocalSessions, "a")]);
        assert_eq!(one.summary(), "1 finding: 1 no-local-sessions.");
    }

    #[test]
    fn selection_follows_the_same_occurrence_of_equal_findings() {
        let mut s = with_findings(vec![
            finding(RuleId::NoGlobalState, "same"),
            finding(RuleId::NoGlobalState, "same"),
        ]);
        s.selected = Some(1);
        let next = ResultSummary {
            diagnostics: vec![
                finding(RuleId::NoLocalUploads, "new"),
                finding(RuleId::NoGlobalState, "same"),
                finding(RuleId::NoGlobalState, "same"),
            ],
            language: lint_core::Language::JavaScript,
        };
        assert_eq!(s.carry_selection(&next), Some(2));
    }

    const APP: &str = "const express = require('express');\nconst app = express();\n\
        let hits = 0;\nconst cache = {};\n\
        app.get('/', (req, res) => { hits++; cache[req.query.k] = hits; res.end(); });\n";

    /// The full diagnostic of `index`, as the worker answers it.
    fn detail(source: &str, index: usize) -> Action {
        Action::Detail {
            source: source.into(),
            index,
            diagnostic: Lints::new().diagnostic(source, index),
        }
    }

    #[test]
    fn the_selected_finding_shows_in_full_once_its_detail_comes() {
        let s = state(APP);
        let full = lint(APP, &LintOptions::default());
        assert!(full.diagnostics[0].rule.is_some() && !full.diagnostics[0].rewrites.is_empty());
        assert_eq!(s.detail_wanted(), None);
        let selected = s.reduce(Action::Select(Some(0)));
        assert_eq!(selected.detail_wanted(), Some(0));
        // Until then: what the list knows.
        let Some(SelectedFinding::Pending(shown)) = selected.selected_diagnostic() else {
            panic!("the summary until the detail comes");
        };
        assert_eq!(shown.message, full.diagnostics[0].message);
        let loaded = selected.reduce(detail(APP, 0));
        assert_eq!(loaded.detail_wanted(), None);
        let full_shown = |s: &State| s.selected_diagnostic().and_then(|f| f.full().cloned());
        assert_eq!(full_shown(&loaded).as_ref(), Some(&full.diagnostics[0]));
        // The same text checked again keeps it; another selection or text drops it.
        let again = loaded.clone().reduce(linted(APP));
        assert_eq!(full_shown(&again).as_ref(), Some(&full.diagnostics[0]));
        let other = loaded.clone().reduce(Action::Select(Some(1)));
        assert_eq!(other.detail_wanted(), Some(1));
        let edited = format!("{APP}// more\n");
        let relinted = loaded.reduce(linted(&edited));
        assert_eq!(relinted.selected, Some(0));
        assert_eq!(relinted.detail_wanted(), Some(0));
    }

    #[test]
    fn a_stale_detail_is_dropped() {
        let selected = state(APP).reduce(Action::Select(Some(0)));
        // An answer about another finding, or about a text since replaced.
        let wrong_index = selected.clone().reduce(detail(APP, 1));
        assert!(Rc::ptr_eq(&wrong_index, &selected));
        let old_text = "let hits = 0;\nrequire('express')().get('/', () => { hits++; });\n";
        let wrong_text = selected.clone().reduce(detail(old_text, 0));
        assert!(Rc::ptr_eq(&wrong_text, &selected));
        assert_eq!(wrong_text.detail_wanted(), Some(0));
    }

    #[test]
    fn the_shown_file_follows_its_lints_and_the_project_lint_answers_for_the_others() {
        let mut project = Project::single("let a = 1;");
        project.add("models/cart.js").unwrap();
        project.switch_to(0);
        let s = Rc::new(State::new("let a = 1;".into(), ThemePref::System, None))
            .reduce(Action::SetProject(project));
        assert_eq!(s.project_revision, 1);
        let s = s.reduce(linted(APP));
        assert_eq!(s.project.active_file().source, APP);
        assert_eq!(s.current_files()[0].source, APP);
        let files: Rc<[SourceFile]> = s.current_files().into();
        let mut cart = crate::lint_session::project::lint_files(&files);
        cart[1].result = Lints::new().lint(APP).result;
        let s = s.reduce(Action::ProjectLinted {
            files: files.clone(),
            findings: cart,
        });
        assert!(s.findings_of("models/cart.js").unwrap().findings().count() > 0);
        assert_eq!(s.findings_of("app.js"), Some(&*s.result));
        // An answer for other files (one since deleted) is dropped.
        let stale: Rc<[SourceFile]> = vec![SourceFile::new("app.js", "")].into();
        let kept = s.clone().reduce(Action::ProjectLinted {
            files: stale,
            findings: vec![],
        });
        assert!(Rc::ptr_eq(&kept, &s));
    }

    #[test]
    fn a_clean_file_of_a_project_does_not_read_as_an_all_clear() {
        let mut project = Project::single("let a = 1;");
        project.add("models/cart.js").unwrap();
        let s = Rc::new(State::new("let a = 1;".into(), ThemePref::System, None))
            .reduce(Action::SetProject(project));
        let s = s.reduce(linted("let b = 2;\n"));
        assert_eq!(s.summary(), "No stateful patterns found.");
        let files: Rc<[SourceFile]> = s.current_files().into();
        let mut findings = crate::lint_session::project::lint_files(&files);
        findings[0].result = Lints::new().lint(APP).result;
        let n = findings[0].result.findings().count();
        let s = s.reduce(Action::ProjectLinted { files, findings });
        assert_eq!(s.findings_elsewhere(), n);
        assert_eq!(
            s.summary(),
            format!(
                "No stateful patterns in this file; {n} findings in the project's other files."
            )
        );
    }

    #[test]
    fn apply_all_across_files_rewrites_the_files_not_shown_and_keeps_them_for_undo() {
        let shop =
            crate::shared::examples::project_files(crate::shared::examples::by_id("shop").unwrap())
                .unwrap();
        let project = Project::from_files(shop.clone()).unwrap();
        let s = Rc::new(State::new(shop[0].source.clone(), ThemePref::System, None))
            .reduce(Action::SetProject(project.clone()));
        let plans = crate::lint_session::project::apply_all_files(&shop);
        let changed = plans[0].path.clone();
        assert_ne!(changed, "app.js");
        let applied = s.reduce(Action::AppliedAcrossFiles {
            before: shop.clone(),
            plans: plans.clone(),
        });
        let now = &applied.project.files()[applied.project.index_of(&changed).unwrap()];
        assert_eq!(now.source, plans[0].source);
        assert_eq!(applied.before_apply_all.as_deref(), Some(&shop));
        let undone = applied.reduce(Action::UndidApplyAll(project.clone()));
        assert_eq!(*undone.project, project);
        assert_eq!(undone.before_apply_all, None);
    }

    #[test]
    fn a_syntax_error_needs_no_detail() {
        let s = state("let a = ;").reduce(Action::Select(Some(0)));
        assert_eq!(s.detail_wanted(), None);
        assert!(matches!(
            s.selected_diagnostic(),
            Some(SelectedFinding::Pending(f)) if f.fatal
        ));
    }
}
