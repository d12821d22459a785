//! ESLint's `json` formatter output, key for key, so tools that read ESLint reports
//! (editors, CI annotators, SonarQube's importer) read ours.
//!
//! Shape checked against ESLint 9's own output: rule messages carry `nodeType` (null when a
//! rule reports a location rather than a node) between `column` and `endLine`; fatal
//! messages are `{ruleId: null, nodeType: null, fatal: true, severity: 2, message, line,
//! column}`; `source` is present only when a file has problems and no fix output.

use std::path::Path;

use lint_core::{Diagnostic, Rewrite, Severity};
use serde::Serialize;

use crate::{formats::absolute, run::FileReport};

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FileResult<'a> {
    file_path: String,
    messages: Vec<Message<'a>>,
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

#[derive(Debug, Serialize)]
#[serde(untagged)]
enum Message<'a> {
    Rule(RuleMessage<'a>),
    Fatal(FatalMessage<'a>),
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct RuleMessage<'a> {
    rule_id: Option<&'static str>,
    severity: u8,
    message: &'a str,
    line: u32,
    column: u32,
    node_type: Option<()>,
    end_line: u32,
    end_column: u32,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    suggestions: Vec<Suggestion<'a>>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct FatalMessage<'a> {
    rule_id: Option<&'static str>,
    node_type: Option<()>,
    fatal: bool,
    severity: u8,
    message: &'a str,
    line: u32,
    column: u32,
}

#[derive(Debug, Serialize)]
struct Suggestion<'a> {
    fix: Fix,
    desc: &'a str,
}

#[derive(Debug, PartialEq, Eq, Serialize)]
struct Fix {
    /// UTF-16 code-unit offsets, as JavaScript strings index.
    range: [u32; 2],
    text: String,
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
        messages: report
            .diagnostics
            .iter()
            .map(|d| message(d, source))
            .collect(),
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

fn message<'a>(diagnostic: &'a Diagnostic, source: Option<&str>) -> Message<'a> {
    let range = &diagnostic.range;
    if diagnostic.fatal {
        return Message::Fatal(FatalMessage {
            rule_id: None,
            node_type: None,
            fatal: true,
            severity: 2,
            message: &diagnostic.message,
            line: range.line,
            column: range.column,
        });
    }
    let suggestions = source.map_or_else(Vec::new, |source| {
        diagnostic
            .rewrites
            .iter()
            .filter_map(|rewrite| {
                Some(Suggestion {
                    fix: merged_fix(rewrite, source)?,
                    desc: &rewrite.title,
                })
            })
            .collect()
    });
    Message::Rule(RuleMessage {
        rule_id: diagnostic.rule.map(|r| r.as_str()),
        severity: severity(diagnostic.severity),
        message: &diagnostic.message,
        line: range.line,
        column: range.column,
        node_type: None,
        end_line: range.end_line,
        end_column: range.end_column,
        suggestions,
    })
}

/// ESLint has two severities; an info is worth a look, so it is a warning, not hidden.
fn severity(severity: Severity) -> u8 {
    match severity {
        Severity::Error => 2,
        Severity::Warning | Severity::Info => 1,
    }
}

/// An ESLint fix is one range and one text, so a rewrite's edits become a single edit
/// from the first start to the last end, keeping the source between them. Edits that
/// overlap an earlier one are skipped, as `lint_core::apply_edits` skips them.
fn merged_fix(rewrite: &Rewrite, source: &str) -> Option<Fix> {
    let mut edits: Vec<_> = rewrite.edits.iter().collect();
    edits.sort_by_key(|e| (e.range.start, e.range.end));
    let first = *edits.first()?;
    let mut text = String::new();
    let mut cursor = first.range.start as usize;
    let mut end_utf16 = first.range.end_utf16;
    for edit in edits {
        let (start, end) = (edit.range.start as usize, edit.range.end as usize);
        if start < cursor {
            continue;
        }
        text.push_str(source.get(cursor..start)?);
        text.push_str(&edit.text);
        cursor = end;
        end_utf16 = edit.range.end_utf16;
    }
    source.get(..cursor)?;
    Some(Fix {
        range: [first.range.start_utf16, end_utf16],
        text,
    })
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use lint_core::{FixSafety, LineIndex, RuleId, TextEdit};

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

    /// Applies a fix the way ESLint does: on the UTF-16 code units of the text.
    fn apply_utf16(source: &str, fix: &Fix) -> String {
        let units: Vec<u16> = source.encode_utf16().collect();
        let [start, end] = fix.range.map(|x| x as usize);
        let mut out = String::from_utf16(&units[..start]).unwrap();
        out.push_str(&fix.text);
        out.push_str(&String::from_utf16(&units[end..]).unwrap());
        out
    }

    #[test]
    fn several_edits_become_one_fix_that_matches_applying_them() {
        // Non-ASCII before and between the edits, so byte and UTF-16 offsets differ.
        let source = "const é = '😀'; let hits = 0;\nhits++;\n";
        let hits = source.find("let hits").unwrap() as u32;
        let incr = source.find("hits++").unwrap() as u32;
        let rewrite = Rewrite {
            title: "Count in Redis".into(),
            safety: FixSafety::Suggestion,
            edits: vec![
                edit(source, incr, incr + 7, "await redis.incr('hits');"),
                edit(source, hits, hits + 13, "const redis = connect();"),
            ],
        };
        let fix = merged_fix(&rewrite, source).unwrap();
        assert_eq!(
            fix.range[0],
            source[..hits as usize].encode_utf16().count() as u32
        );
        assert_eq!(apply_utf16(source, &fix), rewrite.apply(source));
        assert_eq!(
            fix.text,
            "const redis = connect();\nawait redis.incr('hits');"
        );
    }

    #[test]
    fn a_rewrite_without_edits_is_no_suggestion() {
        let rewrite = Rewrite {
            title: "Think".into(),
            safety: FixSafety::Suggestion,
            edits: vec![],
        };
        assert_eq!(merged_fix(&rewrite, "x"), None);
    }

    #[test]
    fn keys_and_order_match_eslint() {
        let source = "let hits = 0;\n";
        let rewrite = Rewrite {
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
