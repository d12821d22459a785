//! ESLint's `json` formatter output, key for key, so tools that read ESLint reports
//! (editors, CI annotators, SonarQube's importer) read ours.
//!
//! The messages come from `lint_core::eslint`, the one mapping the wasm API shares; this
//! file adds ESLint's per-file wrapper. Shape checked against ESLint 9's own output:
//! `source` is present only when a file has problems and no fix output.

use std::path::Path;

use lint_core::eslint;
use serde::Serialize;

use crate::{formats::absolute, run::FileReport};

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FileResult<'a> {
    file_path: String,
    messages: Vec<eslint::Message<'a>>,
    suppressed_messages: [(); 0],
    error_count: usize,
    fatal_error_count: usize,
    warning_count: usize,
    fixable_error_count: usize,
    fixable_warning_count: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<&'a str>,
    used_deprecated_rules: [(); 0],
}

/// One ESLint result per file, in the reports' order.
pub fn results<'a>(reports: &'a [FileReport], cwd: &Path) -> Vec<FileResult<'a>> {
    reports
        .iter()
        .map(|report| file_result(report, cwd))
        .collect()
}

fn file_result<'a>(report: &'a FileReport, cwd: &Path) -> FileResult<'a> {
    let source = report.source.as_deref();
    FileResult {
        // ESLint names standard input without --stdin-filename `<text>`.
        file_path: report.path.as_ref().map_or_else(
            || "<text>".to_owned(),
            |path| absolute(cwd, path).to_string_lossy().into_owned(),
        ),
        messages: with_absolute_related_paths(eslint::messages(&report.diagnostics, source), cwd),
        suppressed_messages: [],
        error_count: report.errors(),
        fatal_error_count: report.fatals(),
        warning_count: report.warnings(),
        fixable_error_count: 0,
        fixable_warning_count: 0,
        source: source.filter(|_| !report.diagnostics.is_empty()),
        used_deprecated_rules: [],
    }
}

/// Related locations in other files name them as `filePath` does: absolute.
fn with_absolute_related_paths<'a>(
    mut messages: Vec<eslint::Message<'a>>,
    cwd: &Path,
) -> Vec<eslint::Message<'a>> {
    for message in &mut messages {
        if let eslint::Message::Rule(rule) = message {
            for related in &mut rule.related_locations {
                related.file_path = absolute(cwd, Path::new(&related.file_path))
                    .to_string_lossy()
                    .into_owned();
            }
        }
    }
    messages
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use lint_core::{Diagnostic, FixSafety, LineIndex, Rewrite, RuleId, Severity, TextEdit};

    use super::*;

    fn finding(source: &str, start: u32, end: u32, rewrites: Vec<Rewrite>) -> Diagnostic {
        Diagnostic {
            rule: Some(RuleId::NoGlobalState),
            severity: Severity::Warning,
            fatal: false,
            message: "hits is kept in process memory".into(),
            range: LineIndex::new(source).range(start, end),
            labels: vec![],
            help: Some("use Redis".into()),
            failures: vec![],
            state: None,
            rewrites,
        }
    }

    fn edit(source: &str, start: u32, end: u32, text: &str) -> TextEdit {
        TextEdit {
            range: LineIndex::new(source).range(start, end),
            text: text.into(),
        }
    }

    #[test]
    fn keys_and_order_match_eslint() {
        let source = "let hits = 0;\n";
        let rewrite = Rewrite {
            needs: Default::default(),
            other_files: vec![],
            title: "Use Redis".into(),
            safety: FixSafety::Suggestion,
            edits: vec![edit(source, 4, 8, "count")],
        };
        let report = FileReport {
            path: Some(PathBuf::from("src/../app.js")),
            source: Some(source.into()),
            diagnostics: vec![finding(source, 4, 8, vec![rewrite])],
            unreadable: false,
        };
        let json = serde_json::to_string(&results(&[report], Path::new("/srv"))).unwrap();
        assert_eq!(
            json,
            r#"[{"filePath":"/srv/app.js","messages":[{"ruleId":"no-global-state","severity":1,"message":"hits is kept in process memory","line":1,"column":5,"nodeType":null,"endLine":1,"endColumn":9,"suggestions":[{"fix":{"range":[4,8],"text":"count"},"desc":"Use Redis"}]}],"suppressedMessages":[],"errorCount":0,"fatalErrorCount":0,"warningCount":1,"fixableErrorCount":0,"fixableWarningCount":0,"source":"let hits = 0;\n","usedDeprecatedRules":[]}]"#
        );
    }

    #[test]
    fn fatal_messages_and_clean_files_match_eslint() {
        let fatal = Diagnostic {
            rule: None,
            severity: Severity::Error,
            fatal: true,
            message: "Syntax error: Unexpected token".into(),
            ..finding("const x = ;", 10, 11, vec![])
        };
        let reports = [
            FileReport {
                path: None,
                source: Some("const x = ;".into()),
                diagnostics: vec![fatal],
                unreadable: false,
            },
            FileReport {
                path: Some(PathBuf::from("/abs/ok.ts")),
                source: Some("1".into()),
                diagnostics: vec![],
                unreadable: false,
            },
        ];
        let json = serde_json::to_value(results(&reports, Path::new("/srv"))).unwrap();
        assert_eq!(
            json[0],
            serde_json::json!({
                "filePath": "<text>",
                "messages": [{"ruleId": null, "nodeType": null, "fatal": true, "severity": 2,
                              "message": "Syntax error: Unexpected token", "line": 1, "column": 11}],
                "suppressedMessages": [], "errorCount": 1, "fatalErrorCount": 1, "warningCount": 0,
                "fixableErrorCount": 0, "fixableWarningCount": 0, "source": "const x = ;",
                "usedDeprecatedRules": []
            })
        );
        assert_eq!(json[1]["filePath"], "/abs/ok.ts");
        assert!(
            json[1].get("source").is_none(),
            "ESLint omits source for a clean file"
        );
    }

    #[test]
    fn info_counts_as_a_warning() {
        let source = "x";
        let info = Diagnostic {
            severity: Severity::Info,
            ..finding(source, 0, 1, vec![])
        };
        let report = FileReport {
            path: None,
            source: Some(source.into()),
            diagnostics: vec![info],
            unreadable: false,
        };
        let json = serde_json::to_value(results(&[report], Path::new("/"))).unwrap();
        assert_eq!(json[0]["messages"][0]["severity"], 1);
        assert_eq!(json[0]["warningCount"], 1);
    }
}
