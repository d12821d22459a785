//! A project's lint, for the playground's tabs: every file's findings, in the shape the
//! findings list shows. The one place that knows how a set of files is linted, so the UI
//! does not change when lint-core learns to follow state across modules.

use serde::{Deserialize, Serialize};

use crate::lint_session::summary::ResultSummary;
use lint_core::{LintOptions, lint};

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

/// A file's lint options: its name sets its dialect (`.ts`, `.mjs`, …).
fn options_for(file: &SourceFile) -> LintOptions {
    LintOptions {
        file_name: Some(file.path.clone()),
        ..LintOptions::default()
    }
}

/// Every file's findings, in the order of `files`.
pub fn lint_files(files: &[SourceFile]) -> Vec<FileFindings> {
    lint_each_file_alone(files)
}

/// Until lint-core lints a project as a whole, each file is linted on its own, under its
/// own name (which sets its dialect): findings that need another file are not found.
fn lint_each_file_alone(files: &[SourceFile]) -> Vec<FileFindings> {
    files
        .iter()
        .map(|file| {
            let options = options_for(file);
            FileFindings {
                path: file.path.clone(),
                result: ResultSummary::from_result(&lint(&file.source, &options)),
            }
        })
        .collect()
}

/// What the drill is built from: every file's diagnostics (in the order of `files`) and
/// one survey of the routes, services and shared state of them all.
pub fn drill_input(files: &[SourceFile]) -> (Vec<lint_core::Diagnostic>, lint_core::Survey) {
    let mut diagnostics = vec![];
    let mut merged = lint_core::Survey::default();
    for file in files {
        let options = options_for(file);
        diagnostics.extend(lint(&file.source, &options).diagnostics);
        let survey = lint_core::survey(&file.source, &options);
        // A route two files register (a router and its mount) is one route.
        for route in survey.routes {
            match merged.routes.iter_mut().find(|r| r.route == route.route) {
                Some(known) => {
                    known.reads_session |= route.reads_session;
                    known.writes_session |= route.writes_session;
                    known.receives_files |= route.receives_files;
                    known.serves_files |= route.serves_files;
                }
                None => merged.routes.push(route),
            }
        }
        for service in survey.services {
            if !merged.services.contains(&service) {
                merged.services.push(service);
            }
        }
        merged.shared.extend(survey.shared);
    }
    (diagnostics, merged)
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

/// "Apply all" in every file: the first rewrite of each finding that fits, file by file
/// (a file without rewrites is left out).
pub fn apply_all_files(files: &[SourceFile]) -> Vec<FilePlan> {
    files
        .iter()
        .filter_map(|file| {
            let options = options_for(file);
            let result = lint(&file.source, &options);
            let plan = lint_core::plan_apply_all(&result.diagnostics);
            (!plan.applied.is_empty()).then(|| FilePlan {
                path: file.path.clone(),
                source: lint_core::apply_edits(&file.source, &plan.edits),
                applied: plan.applied.len(),
                skipped: plan.skipped.len(),
            })
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
