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
            let options = LintOptions {
                file_name: Some(file.path.clone()),
                ..LintOptions::default()
            };
            FileFindings {
                path: file.path.clone(),
                result: ResultSummary::from_result(&lint(&file.source, &options)),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

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
