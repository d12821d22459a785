//! Diagnostics as ESLint messages, key for key, so tools that read ESLint reports (editors,
//! CI annotators, SonarQube's importer, scripts written against ESLint's Node API) read ours.
//!
//! One mapping for every face: the command line's `--format json` wraps these messages in
//! ESLint's per-file results, and the wasm API returns them as they are.
//!
//! Shape checked against ESLint 9's own output: rule messages carry `nodeType` (null when a
//! rule reports a location rather than a node) between `column` and `endLine`; fatal
//! messages are `{ruleId: null, nodeType: null, fatal: true, severity: 2, message, line,
//! column}`. Lines and columns are 1-based, columns and fix ranges in UTF-16 code units,
//! as JavaScript strings index.

use serde::Serialize;

use crate::{
    diagnostic::{Diagnostic, Rewrite, Severity},
    edits::merge_edits,
};

/// One ESLint message: a rule's finding, or a fatal (parsing) error.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Message<'a> {
    Rule(RuleMessage<'a>),
    Fatal(FatalMessage<'a>),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RuleMessage<'a> {
    pub rule_id: Option<&'static str>,
    pub severity: u8,
    pub message: &'a str,
    pub line: u32,
    pub column: u32,
    /// Always null: lint-core reports ranges, not AST node types.
    pub node_type: Option<()>,
    pub end_line: u32,
    pub end_column: u32,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub suggestions: Vec<Suggestion>,
    /// Places in other files of a project that explain the finding (not an ESLint key:
    /// readers that do not know it skip it; left out when there are none).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub related_locations: Vec<RelatedLocation>,
}

/// A label in another file: where the state is declared, where a handler is registered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RelatedLocation {
    pub file_path: String,
    pub message: String,
    pub line: u32,
    pub column: u32,
    pub end_line: u32,
    pub end_column: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FatalMessage<'a> {
    pub rule_id: Option<&'static str>,
    pub node_type: Option<()>,
    pub fatal: bool,
    pub severity: u8,
    pub message: &'a str,
    pub line: u32,
    pub column: u32,
}

/// A rewrite offered as an ESLint suggestion: never applied by `--fix`, only on request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Suggestion {
    pub fix: Fix,
    /// The rewrite's title and what it needs (packages, environment, services).
    pub desc: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fix {
    /// UTF-16 code-unit offsets, as JavaScript strings index.
    pub range: [u32; 2],
    pub text: String,
}

/// The messages for `diagnostics`, in their order. Suggestions need the linted `source`
/// (a merged fix keeps the text between edits); without it none are given.
pub fn messages<'a>(diagnostics: &'a [Diagnostic], source: Option<&str>) -> Vec<Message<'a>> {
    diagnostics.iter().map(|d| message(d, source)).collect()
}

/// The ESLint message for one diagnostic; see [`messages`].
pub fn message<'a>(diagnostic: &'a Diagnostic, source: Option<&str>) -> Message<'a> {
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
                    desc: rewrite.description(),
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
        related_locations: diagnostic
            .labels
            .iter()
            .filter_map(|label| {
                Some(RelatedLocation {
                    file_path: label.file.clone()?,
                    message: label.message.clone(),
                    line: label.range.line,
                    column: label.range.column,
                    end_line: label.range.end_line,
                    end_column: label.range.end_column,
                })
            })
            .collect(),
    })
}

/// ESLint has two severities; an info is worth a look, so it is a warning, not hidden.
pub fn severity(severity: Severity) -> u8 {
    match severity {
        Severity::Error => 2,
        Severity::Warning | Severity::Info => 1,
    }
}

/// The most source text a merged fix may carry between its edits. A rewrite that adds an
/// import at the top and changes a line far below would otherwise copy the whole file into
/// its fix, once per finding: quadratic output for a large file with many findings.
pub const MAX_MERGED_FIX_SPAN: u32 = 64 * 1024;

/// An ESLint fix is one range and one text, so a rewrite's edits become a single edit
/// ([`merge_edits`]). `None` for a rewrite without edits, edits that do not fit `source`,
/// edits spread over more than [`MAX_MERGED_FIX_SPAN`] bytes, or a rewrite that also edits
/// other files of a project (the rewrite is still in lint-core's own output).
pub fn merged_fix(rewrite: &Rewrite, source: &str) -> Option<Fix> {
    // ESLint applies a suggestion to the one file it lints: a rewrite that also edits
    // another file would be applied by half.
    if !rewrite.other_files.is_empty() {
        return None;
    }
    let merged = merge_edits(source, &rewrite.edits, MAX_MERGED_FIX_SPAN)?;
    Some(Fix {
        range: [merged.range.start_utf16, merged.range.end_utf16],
        text: merged.text,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{FixSafety, LineIndex, RuleId, TextEdit};

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
            needs: Default::default(),
            other_files: vec![],
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
    fn edits_spread_over_a_large_file_are_no_suggestion() {
        let source = format!("a;{}b;", " ".repeat(MAX_MERGED_FIX_SPAN as usize));
        let end = source.len() as u32;
        let rewrite = Rewrite {
            needs: Default::default(),
            other_files: vec![],
            title: "far apart".into(),
            safety: FixSafety::Suggestion,
            edits: vec![
                edit(&source, 0, 1, "x"),
                edit(&source, end - 2, end - 1, "y"),
            ],
        };
        assert_eq!(merged_fix(&rewrite, &source), None);
    }

    #[test]
    fn a_rewrite_that_also_edits_another_file_is_no_suggestion() {
        let source = "carts.set(id, items);\n";
        let module = "const carts = new Map();\n";
        let rewrite = Rewrite {
            needs: Default::default(),
            title: "Keep `carts` in Redis".into(),
            safety: FixSafety::Suggestion,
            edits: vec![edit(source, 0, 20, "await redis.hSet('carts', id, items)")],
            other_files: vec![crate::FileEdits {
                path: "models/cart.js".into(),
                edits: vec![edit(module, 0, 25, "")],
            }],
        };
        assert_eq!(merged_fix(&rewrite, source), None);
        let diagnostics = [finding(source, 0, 20, vec![rewrite])];
        let Message::Rule(message) = message(&diagnostics[0], Some(source)) else {
            panic!("a rule message");
        };
        assert!(message.suggestions.is_empty());
    }

    #[test]
    fn a_rewrite_without_edits_is_no_suggestion() {
        let rewrite = Rewrite {
            needs: Default::default(),
            other_files: vec![],
            title: "Think".into(),
            safety: FixSafety::Suggestion,
            edits: vec![],
        };
        assert_eq!(merged_fix(&rewrite, "x"), None);
    }

    #[test]
    fn rule_messages_have_eslints_keys_in_its_order() {
        let source = "let hits = 0;\n";
        let rewrite = Rewrite {
            needs: Default::default(),
            other_files: vec![],
            title: "Use Redis".into(),
            safety: FixSafety::Suggestion,
            edits: vec![edit(source, 4, 8, "count")],
        };
        let diagnostics = [finding(source, 4, 8, vec![rewrite])];
        assert_eq!(
            serde_json::to_string(&messages(&diagnostics, Some(source))).unwrap(),
            r#"[{"ruleId":"no-global-state","severity":1,"message":"hits is kept in process memory","line":1,"column":5,"nodeType":null,"endLine":1,"endColumn":9,"suggestions":[{"fix":{"range":[4,8],"text":"count"},"desc":"Use Redis"}]}]"#
        );
        // Without the source no fix can be merged, so no suggestions are claimed.
        let json = serde_json::to_value(messages(&diagnostics, None)).unwrap();
        assert!(json[0].get("suggestions").is_none(), "{json}");
    }

    #[test]
    fn fatal_messages_match_eslint() {
        let fatal = Diagnostic {
            rule: None,
            severity: Severity::Error,
            fatal: true,
            message: "Syntax error: Unexpected token".into(),
            ..finding("const x = ;", 10, 11, vec![])
        };
        assert_eq!(
            serde_json::to_value(message(&fatal, Some("const x = ;"))).unwrap(),
            serde_json::json!({"ruleId": null, "nodeType": null, "fatal": true, "severity": 2,
                               "message": "Syntax error: Unexpected token", "line": 1, "column": 11})
        );
    }

    #[test]
    fn info_is_a_warning_and_error_an_error() {
        assert_eq!(severity(Severity::Info), 1);
        assert_eq!(severity(Severity::Warning), 1);
        assert_eq!(severity(Severity::Error), 2);
    }

    #[test]
    fn a_real_lint_maps_positions_in_utf16() {
        // The emoji before the finding is 4 bytes, 1 char but 2 UTF-16 units.
        let line2 = "require('express')().get('/🔥', (q, r) => { hits++; r.end(); });";
        let source = format!("let hits = 0;\n{line2}\n");
        let result = crate::lint(&source, &crate::LintOptions::default());
        let json = serde_json::to_value(messages(&result.diagnostics, Some(&source))).unwrap();
        let first = &json[0];
        assert_eq!(first["ruleId"], "no-global-state", "{json}");
        assert_eq!(first["line"], 2);
        let utf16_column = line2[..line2.find("hits++").unwrap()]
            .encode_utf16()
            .count()
            + 1;
        assert_eq!(first["column"], utf16_column);
        // Every suggestion applied to the UTF-16 text gives what lint-core's rewrite gives.
        let d = &result.diagnostics[0];
        let suggestions = first["suggestions"]
            .as_array()
            .expect("a rewrite is offered");
        assert_eq!(suggestions.len(), d.rewrites.len());
        for (rewrite, suggestion) in d.rewrites.iter().zip(suggestions) {
            let fix = Fix {
                range: serde_json::from_value(suggestion["fix"]["range"].clone()).unwrap(),
                text: suggestion["fix"]["text"].as_str().unwrap().to_owned(),
            };
            assert_eq!(apply_utf16(&source, &fix), rewrite.apply(&source));
        }
    }
}
