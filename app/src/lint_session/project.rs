//! A project's lint, for the playground's tabs: every file's findings, in the shape the
//! findings list shows. The one place that knows how a set of files is linted, so the UI
//! does not change when lint-core learns to follow state across modules.

use std::rc::Rc;

use serde::{Deserialize, Serialize};

use crate::lint_session::summary::ResultSummary;
use lint_core::{LintOptions, LintResult};

/// One file of a project: its path (relative, `/`-separated) and its text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceFile {
    pub path: String,
    pub source: String,
}

impl SourceFile {
    pub fn new(path: impl Into<String>, source: impl Into<String>) -> Self {
        Self {
            path: path.into(),
            source: source.into(),
        }
    }
}

/// The findings of one file of a project.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FileFindings {
    pub path: String,
    pub result: ResultSummary,
}

/// Every file's findings, in the order of `files`: the files linted as one project, so
/// data one module exports is followed into the handlers of another that change it.
#[cfg(test)]
pub fn lint_files(files: &[SourceFile]) -> Vec<FileFindings> {
    findings(&lint_core::lint_project(
        &project_files(files),
        &LintOptions::default(),
    ))
}

/// The project around the file the editor shows: every file, in the tabs' order, and
/// the path of the shown one (whose text is the editor's, not the one kept here).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProjectContext {
    pub shown: String,
    pub files: Rc<[SourceFile]>,
}

impl ProjectContext {
    /// The context of file `shown` among `files`; `None` for a single file, which is
    /// linted alone.
    pub fn of(files: &[SourceFile], shown: usize) -> Option<Self> {
        (files.len() > 1).then(|| Self {
            shown: files.get(shown).map(|f| f.path.clone()).unwrap_or_default(),
            files: files.into(),
        })
    }

    /// The files with the shown one's text replaced by `source`.
    pub fn with_shown(&self, source: &str) -> Vec<SourceFile> {
        self.files
            .iter()
            .map(|f| match f.path == self.shown {
                true => SourceFile::new(f.path.as_str(), source),
                false => f.clone(),
            })
            .collect()
    }
}

/// The lint of the shown file `source` in its project: its full result (cross-file
/// findings, labels and rewrites included), and every file's findings for the tabs, in
/// the order of the project's files. One lint of the project serves both.
pub fn lint_in_project(
    source: &str,
    project: &ProjectContext,
    options: &LintOptions,
) -> (LintResult, Vec<FileFindings>) {
    let files = project.with_shown(source);
    let results = lint_core::lint_project(&project_files(&files), options);
    let findings = findings(&results);
    let shown = results
        .into_iter()
        .find(|file| file.path == project.shown)
        .map(|file| file.result)
        // A context that does not name the shown file: it is linted alone.
        .unwrap_or_else(|| lint_core::lint(source, options));
    (shown, findings)
}

/// The lint of `source` alone (no `project`) or as the shown file of `project`.
pub fn lint_here(
    source: &str,
    options: &LintOptions,
    project: Option<&ProjectContext>,
) -> LintResult {
    match project {
        Some(project) => lint_in_project(source, project, options).0,
        None => lint_core::lint(source, options),
    }
}

fn findings(results: &[lint_core::FileResult]) -> Vec<FileFindings> {
    results
        .iter()
        .map(|file| FileFindings {
            path: file.path.clone(),
            result: ResultSummary::from_result(&file.result),
        })
        .collect()
}

fn project_files(files: &[SourceFile]) -> Vec<lint_core::ProjectFile> {
    files
        .iter()
        .map(|f| lint_core::ProjectFile::new(f.path.as_str(), f.source.as_str()))
        .collect()
}

/// What the drill is built from: every file's diagnostics (in the order of `files`) and
/// the survey of the whole project, routes at their full paths.
pub fn drill_input(files: &[SourceFile]) -> (Vec<lint_core::Diagnostic>, lint_core::Survey) {
    let project = project_files(files);
    let options = LintOptions::default();
    let diagnostics = lint_core::lint_project(&project, &options)
        .into_iter()
        .flat_map(|file| file.result.diagnostics)
        .collect();
    (diagnostics, lint_core::survey_project(&project, &options))
}

/// "Apply all" in one file of a project: its text after, and how many rewrites were
/// applied and left out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FilePlan {
    pub path: String,
    pub source: String,
    pub applied: usize,
    pub skipped: usize,
}

/// "Apply all" in every file: the first rewrite of each finding that fits, a rewrite that
/// edits several files applied to all of them or to none (a file that does not change is
/// left out).
pub fn apply_all_files(files: &[SourceFile]) -> Vec<FilePlan> {
    let project = project_files(files);
    let results = lint_core::lint_project(&project, &LintOptions::default());
    lint_core::plan_project_apply_all(&project, &results)
        .into_iter()
        .map(|plan| FilePlan {
            path: plan.path,
            source: plan.source,
            applied: plan.applied.len(),
            skipped: plan.skipped.len(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn apply_all_rewrites_every_file_that_has_rewrites() {
        let shop =
            crate::shared::examples::project_files(crate::shared::examples::by_id("shop").unwrap())
                .unwrap();
        let plans = apply_all_files(&shop);
        assert!(plans.len() >= 2, "{plans:?}");
        let after: Vec<SourceFile> = shop
            .iter()
            .map(|f| match plans.iter().find(|p| p.path == f.path) {
                Some(plan) => SourceFile::new(&f.path, &plan.source),
                None => f.clone(),
            })
            .collect();
        let before: usize = lint_files(&shop)
            .iter()
            .map(|f| f.result.findings().count())
            .sum();
        let left: usize = lint_files(&after)
            .iter()
            .map(|f| f.result.findings().count())
            .sum();
        assert!(left < before, "{before} findings before, {left} after");
        assert!(apply_all_files(&after).len() < plans.len() || left == 0);
    }

    #[test]
    fn the_files_are_linted_as_one_project() {
        let shop =
            crate::shared::examples::project_files(crate::shared::examples::by_id("shop").unwrap())
                .unwrap();
        let alone = |f: &SourceFile| {
            let options = LintOptions {
                file_name: Some(f.path.clone()),
                ..LintOptions::default()
            };
            lint_core::lint(&f.source, &options).diagnostics
        };
        let linted = lint_files(&shop);
        // Some file's findings say more with the others beside it: what a module
        // another file requires holds, or where it is declared.
        let differs = linted.iter().zip(&shop).any(|(project, file)| {
            let single: Vec<String> = alone(file).iter().map(|d| d.message.clone()).collect();
            let whole: Vec<String> = project
                .result
                .diagnostics
                .iter()
                .map(|d| d.message.clone())
                .collect();
            single != whole
        });
        assert!(differs, "{linted:?}");
    }

    #[test]
    fn each_file_gets_its_own_findings_in_order() {
        let files = [
            SourceFile::new(
                "app.js",
                "const express = require('express');\nconst app = express();\nlet hits = 0;\n\
                 app.get('/', (req, res) => { hits++; res.end(); });\n",
            ),
            SourceFile::new("types.ts", "let n: number = 1;\n"),
        ];
        let linted = lint_files(&files);
        assert_eq!(linted.len(), 2);
        assert_eq!(linted[0].path, "app.js");
        assert!(linted[0].result.findings().count() > 0);
        assert_eq!(linted[1].result.findings().count(), 0);
        assert_eq!(linted[1].result.language, lint_core::Language::TypeScript);
    }
}
