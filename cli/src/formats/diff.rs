//! `--diff`: the unified diff of "Apply all" for every file — the first rewrite of each
//! finding, minus those that collide, exactly as the playground applies them, a rewrite
//! that also edits other files of the project in each of them — with `a/` and `b/`
//! headers so that `git apply` or `patch -p1` can take it. Writes no file.

use std::path::Path;

use lint_core::{
    FileResult, Language, LintResult, ProjectFile, ProjectFilePlan, plan_project_apply_all,
};
use similar::TextDiff;

use super::relative_slashed;
use crate::run::FileReport;

/// The diff of every file that Apply all changes, in the order of the reports.
pub fn render(reports: &[FileReport], cwd: &Path) -> String {
    let mut out = String::new();
    for (report, plan) in plans(reports) {
        let (Some(source), Some(plan)) = (&report.source, plan) else {
            continue;
        };
        if plan.source == *source {
            continue;
        }
        let path = display_path(report, cwd);
        let diff = TextDiff::from_lines(source.as_str(), plan.source.as_str());
        out.push_str(
            &diff
                .unified_diff()
                .context_radius(3)
                .header(&format!("a/{path}"), &format!("b/{path}"))
                .to_string(),
        );
    }
    out
}

/// One line per file whose Apply all left findings out because their rewrites collide
/// with one already taken: those need a second run after the diff is applied.
pub fn skipped_notes(reports: &[FileReport], cwd: &Path) -> Vec<String> {
    plans(reports)
        .into_iter()
        .filter_map(|(report, plan)| {
            let skipped = plan?.skipped.len();
            (skipped > 0).then(|| {
                format!(
                    "{}: {skipped} rewrite(s) overlap one already in the diff and were left out; \
                     apply the diff and run again",
                    display_path(report, cwd)
                )
            })
        })
        .collect()
}

/// Each report with what Apply all does to its file (`None`: nothing), planned over every
/// report at once so that a rewrite edits all its files or none. Rewrites name other files
/// by the paths the reports have ([`crate::run::run_project`] gives them so).
fn plans(reports: &[FileReport]) -> Vec<(&FileReport, Option<ProjectFilePlan>)> {
    let key = |report: &FileReport| {
        report
            .path
            .as_ref()
            .map_or_else(String::new, |p| p.to_string_lossy().into_owned())
    };
    let readable: Vec<&FileReport> = reports.iter().filter(|r| r.source.is_some()).collect();
    let files: Vec<ProjectFile> = readable
        .iter()
        .filter_map(|r| Some(ProjectFile::new(key(r), r.source.clone()?)))
        .collect();
    let results: Vec<FileResult> = readable
        .iter()
        .map(|r| FileResult {
            path: key(r),
            result: LintResult {
                diagnostics: r.diagnostics.clone(),
                language: Language::Auto,
                refused: false,
            },
        })
        .collect();
    let mut plans = plan_project_apply_all(&files, &results);
    reports
        .iter()
        .map(|report| {
            let at = report
                .source
                .is_some()
                .then(|| plans.iter().position(|p| p.path == key(report)))
                .flatten();
            (report, at.map(|at| plans.swap_remove(at)))
        })
        .collect()
}

fn display_path(report: &FileReport, cwd: &Path) -> String {
    match &report.path {
        Some(path) => {
            relative_slashed(cwd, path).unwrap_or_else(|| path.to_string_lossy().replace('\\', "/"))
        }
        None => "stdin".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use lint_core::{LintOptions, lint};

    use super::*;

    fn report(path: &str, source: &str) -> FileReport {
        let options = LintOptions {
            file_name: Some(path.to_owned()),
            ..LintOptions::default()
        };
        FileReport {
            path: Some(PathBuf::from(path)),
            source: Some(source.to_owned()),
            diagnostics: lint(source, &options).diagnostics,
            unreadable: false,
        }
    }

    #[test]
    fn a_clean_file_has_no_diff() {
        let clean = report("ok.js", "const x = 1;\n");
        assert_eq!(render(&[clean], Path::new("/w")), "");
    }

    #[test]
    fn the_diff_applies_apply_all_and_names_the_file_for_git_apply() {
        let source = "const express = require('express');\nconst app = express();\nlet hits = 0;\napp.get('/', (req, res) => {\n  hits++;\n  res.send('ok');\n});\n";
        let diff = render(&[report("src/app.js", source)], Path::new("/w"));
        assert!(
            diff.starts_with("--- a/src/app.js\n+++ b/src/app.js\n"),
            "{diff}"
        );
        let plan = lint_core::plan_apply_all(&lint(source, &LintOptions::default()).diagnostics);
        let expected = lint_core::apply_edits(source, &plan.edits);
        // Every added line of the diff is a line of Apply all's result.
        for added in diff
            .lines()
            .filter(|l| l.starts_with('+') && !l.starts_with("+++"))
        {
            assert!(expected.lines().any(|l| l == &added[1..]), "{added}");
        }
        assert!(diff.contains("-let hits = 0;"), "{diff}");
    }
}
