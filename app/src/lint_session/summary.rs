//! What the lint worker sends the page for each edit: per diagnostic only what the
//! findings list, the counts and the editor need, never its rewrites, labels or state
//! description. For 5,000 findings the full result is ~12 MB of JSON; this is a tenth of
//! that. The full diagnostic of the finding the learner selects is fetched on its own,
//! and "Apply all" is planned where the full result is ([`Lints`]): in the worker, or on
//! the main thread when that lints itself.

use std::cell::RefCell;
use std::rc::Rc;

use lint_core::{
    Diagnostic, Language, LintOptions, LintResult, RuleId, Severity, SourceRange, lint,
};
use serde::{Deserialize, Serialize};

use crate::lint_session::edits::{EditorEdit, editor_edits, plan_apply_all};
use crate::lint_session::project::{FileFindings, ProjectContext, lint_in_project};

/// One diagnostic as the page lists it and points at it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FindingSummary {
    pub rule: Option<RuleId>,
    pub severity: Severity,
    pub fatal: bool,
    pub message: String,
    #[serde(with = "compact_range")]
    pub range: SourceRange,
    /// How many rewrites the full diagnostic offers.
    pub rewrites: u32,
}

impl FindingSummary {
    pub fn from_diagnostic(d: &Diagnostic) -> Self {
        Self {
            rule: d.rule,
            severity: d.severity,
            fatal: d.fatal,
            message: d.message.clone(),
            range: d.range,
            rewrites: d.rewrites.len() as u32,
        }
    }
}

/// A lint result as the page keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResultSummary {
    /// Fatal diagnostics first, then findings in source order (as lint-core orders them).
    pub diagnostics: Vec<FindingSummary>,
    pub language: Language,
}

impl ResultSummary {
    pub fn from_result(result: &LintResult) -> Self {
        Self {
            diagnostics: result
                .diagnostics
                .iter()
                .map(FindingSummary::from_diagnostic)
                .collect(),
            language: result.language,
        }
    }

    pub fn empty() -> Self {
        Self {
            diagnostics: vec![],
            language: Language::JavaScript,
        }
    }

    pub fn has_fatal(&self) -> bool {
        self.diagnostics.iter().any(|d| d.fatal)
    }

    /// The diagnostics of a rule (syntax errors left out).
    pub fn findings(&self) -> impl Iterator<Item = &FindingSummary> {
        self.diagnostics.iter().filter(|d| d.rule.is_some())
    }
}

/// A range as eight numbers rather than eight named fields: most of a finding's bytes.
mod compact_range {
    use lint_core::SourceRange;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<S: Serializer>(r: &SourceRange, s: S) -> Result<S::Ok, S::Error> {
        [
            r.start,
            r.end,
            r.start_utf16,
            r.end_utf16,
            r.line,
            r.column,
            r.end_line,
            r.end_column,
        ]
        .serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<SourceRange, D::Error> {
        let [
            start,
            end,
            start_utf16,
            end_utf16,
            line,
            column,
            end_line,
            end_column,
        ] = <[u32; 8]>::deserialize(d)?;
        Ok(SourceRange {
            start,
            end,
            start_utf16,
            end_utf16,
            line,
            column,
            end_line,
            end_column,
        })
    }
}

/// One lint as the worker answers it: the summary of the result, and the editor's
/// diagnostics as the JSON the editor glue reads (made where the lint ran, handed to the
/// editor unread).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LintSummary {
    pub result: ResultSummary,
    pub editor: String,
}

/// The finding the learner selected, as far as the page has it.
#[derive(Debug, Clone, PartialEq)]
pub enum SelectedFinding {
    /// What the list knows; the full diagnostic (rewrites, labels, state, help) is on
    /// its way.
    Pending(FindingSummary),
    /// The full diagnostic, rewrites and all.
    Full(Rc<Diagnostic>),
}

impl SelectedFinding {
    pub fn rule(&self) -> Option<RuleId> {
        match self {
            Self::Pending(f) => f.rule,
            Self::Full(d) => d.rule,
        }
    }

    pub fn message(&self) -> &str {
        match self {
            Self::Pending(f) => &f.message,
            Self::Full(d) => &d.message,
        }
    }

    pub fn range(&self) -> SourceRange {
        match self {
            Self::Pending(f) => f.range,
            Self::Full(d) => d.range,
        }
    }

    /// The full diagnostic, once it has come.
    pub fn full(&self) -> Option<&Diagnostic> {
        match self {
            Self::Pending(_) => None,
            Self::Full(d) => Some(d),
        }
    }
}

/// What "Apply all" does to the text it was planned for, in editor positions.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EditorPlan {
    pub edits: Vec<EditorEdit>,
    pub applied: usize,
    pub skipped: usize,
}

/// The last full lint result of this wasm instance (the playground's linter's, in the
/// worker or on the page), so selecting a finding or "Apply all" does not lint the same
/// text again.
pub struct Lints {
    last: RefCell<Option<(Rc<str>, Rc<LintResult>)>>,
    /// The project of the last lint: a text linted again to answer an ask is linted in it.
    project: RefCell<Option<ProjectContext>>,
}

impl Default for Lints {
    fn default() -> Self {
        Self::new()
    }
}

impl Lints {
    pub const fn new() -> Self {
        Self {
            last: RefCell::new(None),
            project: RefCell::new(None),
        }
    }

    /// The full result for `source`: the kept one if it is for this text, else a new lint
    /// (in the last lint's project, if it had one).
    pub fn full(&self, source: &str) -> Rc<LintResult> {
        if let Some((text, result)) = &*self.last.borrow()
            && **text == *source
        {
            return result.clone();
        }
        self.lint_and_keep(source).0
    }

    fn lint_and_keep(&self, source: &str) -> (Rc<LintResult>, Option<Vec<FileFindings>>) {
        // Nothing stays borrowed while the lint runs: a lint that overflows the stack ends
        // with the wasm's calls cut short, and a borrow left behind would make every later
        // call panic.
        let project = self.project.borrow().clone();
        let (result, files) = match &project {
            Some(project) => {
                let (result, files) = lint_in_project(source, project, &LintOptions::default());
                (result, Some(files))
            }
            None => (lint(source, &LintOptions::default()), None),
        };
        let result = Rc::new(result);
        let replaced = self.last.replace(Some((source.into(), result.clone())));
        drop_later(replaced);
        (result, files)
    }

    /// Whether the kept result is for exactly this text, linted in exactly this project
    /// (alone: `None`): the same text says more beside the other files of a project.
    pub fn holds(&self, source: &str, project: Option<&ProjectContext>) -> bool {
        self.project.borrow().as_ref() == project
            && self
                .last
                .borrow()
                .as_ref()
                .is_some_and(|(text, _)| **text == *source)
    }

    /// Lints `source` on its own, keeps the full result, and returns what the page needs
    /// of it.
    pub fn lint(&self, source: &str) -> LintSummary {
        self.lint_in(source, None).0
    }

    /// Lints `source` as the shown file of `project` (alone without one), keeps the full
    /// result, and returns what the page needs of it, with every file's findings in a
    /// project.
    pub fn lint_in(
        &self,
        source: &str,
        project: Option<ProjectContext>,
    ) -> (LintSummary, Option<Vec<FileFindings>>) {
        // The text the loading screen showed was linted before the app rendered
        // (`startup::boot_findings`): the app's first lint of it takes that result.
        let (result, files) = if project.is_none() && self.holds(source, None) {
            (self.full(source), None)
        } else {
            *self.project.borrow_mut() = project;
            self.lint_and_keep(source)
        };
        let linted = LintSummary {
            result: ResultSummary::from_result(&result),
            editor: crate::lint_session::editor::diagnostics_json(&result.diagnostics),
        };
        (linted, files)
    }

    /// The full diagnostic `index` of `source`, rewrites and all.
    pub fn diagnostic(&self, source: &str, index: usize) -> Option<Diagnostic> {
        self.full(source).diagnostics.get(index).cloned()
    }

    /// "Apply all" for `source`: the first rewrite of each finding that fits.
    pub fn apply_all(&self, source: &str) -> EditorPlan {
        let plan = plan_apply_all(&self.full(source).diagnostics);
        EditorPlan {
            edits: editor_edits(&plan.edits),
            applied: plan.applied.len(),
            skipped: plan.skipped.len(),
        }
    }
}

/// Frees `value` once the current task's synchronous work is done. The result a new lint
/// replaces holds hundreds of diagnostics with their rewrites: freeing it took about a
/// millisecond per edit at 2,000 lines, in the worker before its answer was posted.
fn drop_later<T: 'static>(value: T) {
    #[cfg(target_arch = "wasm32")]
    wasm_bindgen_futures::spawn_local(async move { drop(value) });
    #[cfg(not(target_arch = "wasm32"))]
    drop(value);
}

thread_local! {
    /// This thread's last lint: the worker's in the worker, the page's on the main thread.
    pub static LINTS: Lints = const { Lints::new() };
}

#[cfg(test)]
mod tests {
    use super::*;

    const APP: &str = "const express = require('express');\n\
        const multer = require('multer');\n\
        const app = express();\n\
        const upload = multer({ dest: 'uploads/' });\n\
        const cache = {};\n\
        let hits = 0;\n\
        app.get('/a/:id', (req, res) => { hits += 1; cache[req.params.id] = hits; res.json(cache); });\n\
        app.post('/u', upload.single('f'), (req, res) => res.json(req.file));\n";

    #[test]
    fn a_text_linted_again_alone_takes_the_kept_result() {
        let lints = Lints::new();
        let first = lints.lint(APP);
        let kept = lints.full(APP);
        // The loading screen's lint, then the app's first lint of the same text.
        assert_eq!(lints.lint(APP), first);
        assert!(Rc::ptr_eq(&kept, &lints.full(APP)), "linted again");
        // Another text is linted.
        lints.lint("let x = 1;\n");
        assert!(!Rc::ptr_eq(&kept, &lints.full(APP)));
    }

    #[test]
    fn slim_findings_keep_what_the_list_needs_and_count_the_rewrites() {
        let full = lint(APP, &LintOptions::default());
        assert!(full.diagnostics.len() >= 3, "{full:#?}");
        assert!(full.diagnostics.iter().any(|d| !d.rewrites.is_empty()));
        assert!(full.diagnostics.iter().any(|d| !d.labels.is_empty()));
        let slim = ResultSummary::from_result(&full);
        assert_eq!(slim.language, full.language);
        assert_eq!(slim.diagnostics.len(), full.diagnostics.len());
        for (s, d) in slim.diagnostics.iter().zip(&full.diagnostics) {
            assert_eq!((s.rule, s.severity, s.fatal), (d.rule, d.severity, d.fatal));
            assert_eq!((&s.message, s.range), (&d.message, d.range));
            assert_eq!(s.rewrites as usize, d.rewrites.len());
        }
        // The JSON round-trips and is much smaller than the full result's.
        let json = serde_json::to_string(&slim).unwrap();
        assert_eq!(serde_json::from_str::<ResultSummary>(&json).unwrap(), slim);
        let full_json = serde_json::to_string(&full).unwrap();
        assert!(
            json.len() * 3 < full_json.len(),
            "{} vs {}",
            json.len(),
            full_json.len()
        );
        assert!(!json.contains("rewrites\":[") && !json.contains("labels"));
    }

    /// The page's first, inline lint is of the shown file alone: in a project, a finding
    /// selected then must be answered with what the other files add, not from it.
    #[test]
    fn a_text_linted_alone_is_not_held_for_its_project() {
        use crate::lint_session::project::SourceFile;
        let lints = Lints::new();
        lints.lint(APP);
        let files = [
            SourceFile::new("app.js", APP),
            SourceFile::new("lib.js", ""),
        ];
        let project = ProjectContext::of(&files, 0).unwrap();
        assert!(!lints.holds(APP, Some(&project)));
        lints.lint_in(APP, Some(project.clone()));
        assert!(lints.holds(APP, Some(&project)) && !lints.holds(APP, None));
    }

    #[test]
    fn the_kept_result_answers_for_its_text_and_relints_another() {
        let lints = Lints::new();
        let linted = lints.lint(APP);
        assert!(lints.holds(APP, None));
        let index = linted
            .result
            .diagnostics
            .iter()
            .position(|f| f.rewrites > 0)
            .unwrap();
        let full = lint(APP, &LintOptions::default());
        assert_eq!(
            lints.diagnostic(APP, index).as_ref(),
            Some(&full.diagnostics[index])
        );
        assert_eq!(lints.diagnostic(APP, 999), None);
        // Another text is linted on demand, and kept instead.
        let other = "let n = 0;\nrequire('express')().get('/', () => { n++; });\n";
        assert!(lints.diagnostic(other, 0).is_some());
        assert!(lints.holds(other, None) && !lints.holds(APP, None));
        // "Apply all" is planned from the full result, in editor positions.
        let plan = lints.apply_all(APP);
        let expected = plan_apply_all(&full.diagnostics);
        assert_eq!(plan.applied, expected.applied.len());
        assert_eq!(plan.skipped, expected.skipped.len());
        assert_eq!(plan.edits, editor_edits(&expected.edits));
        assert!(plan.applied > 0);
    }
}
