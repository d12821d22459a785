//! SARIF 2.1.0, as GitHub code scanning reads it: one run, the rules with their docs, a
//! result per finding with the labels as related locations, and the files that could not
//! be linted as tool execution notifications (they are no finding of any rule).

use std::path::{Path, PathBuf};

use lint_core::{Diagnostic, RuleId, Severity, SourceRange, TextEdit, rule_doc};
use serde_json::{Value, json};

use crate::{
    formats::{absolute, relative_slashed},
    run::FileReport,
};

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

pub fn log(reports: &[FileReport], cwd: &Path) -> Value {
    let mut results = Vec::new();
    let mut notifications = Vec::new();
    for report in reports {
        let uri = artifact_uri(report.path.as_deref(), cwd);
        for diagnostic in &report.diagnostics {
            match diagnostic.rule {
                Some(rule) if !diagnostic.fatal => {
                    results.push(result(rule, diagnostic, &uri, cwd));
                }
                _ => notifications.push(notification(diagnostic, &uri, report.unreadable)),
            }
        }
    }
    let all_read = reports.iter().all(|r| !r.unreadable);
    json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "phoenix-lint",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": RuleId::ALL.iter().map(|&rule| rule_descriptor(rule)).collect::<Vec<_>>(),
            }},
            "columnKind": "utf16CodeUnits",
            "invocations": [{
                "executionSuccessful": all_read,
                "toolExecutionNotifications": notifications,
            }],
            "results": results,
        }],
    })
}

fn rule_descriptor(rule: RuleId) -> Value {
    let doc = rule_doc(rule);
    json!({
        "id": rule.as_str(),
        "shortDescription": { "text": rule.summary() },
        "fullDescription": { "text": what_it_does(doc).unwrap_or(rule.summary()) },
        "help": { "text": doc, "markdown": doc },
        "defaultConfiguration": { "level": "error" },
    })
}

/// The first paragraph of the doc's "What it finds" section (the fixed section every rule
/// doc has), or of the doc itself when the section is missing.
fn what_it_does(doc: &str) -> Option<&str> {
    let body = match doc.split_once("## What it finds") {
        // Skip the rest of the heading line.
        Some((_, rest)) => rest.split_once('\n').map_or("", |(_, body)| body),
        None => doc,
    };
    let paragraph = body
        .split("\n\n")
        .map(str::trim)
        .find(|p| !p.is_empty() && !p.starts_with('#'))?;
    (!paragraph.starts_with('(')).then_some(paragraph)
}

fn result(rule: RuleId, diagnostic: &Diagnostic, uri: &str, cwd: &Path) -> Value {
    let related: Vec<Value> = diagnostic
        .labels
        .iter()
        .enumerate()
        .map(|(id, label)| {
            // A label in another file of the project names that file's artifact.
            let label_uri = label
                .file
                .as_deref()
                .map(|file| artifact_uri(Some(Path::new(file)), cwd));
            json!({
                "id": id,
                "physicalLocation": physical_location(label_uri.as_deref().unwrap_or(uri), Some(&label.range)),
                "message": { "text": label.message },
            })
        })
        .collect();
    let fixes: Vec<Value> = diagnostic
        .rewrites
        .iter()
        .filter(|rewrite| !rewrite.edits.is_empty())
        .map(|rewrite| {
            let change = |uri: &str, edits: &[TextEdit]| {
                let replacements: Vec<Value> = edits
                    .iter()
                    .map(|edit| {
                        json!({
                            "deletedRegion": region(&edit.range),
                            "insertedContent": { "text": edit.text },
                        })
                    })
                    .collect();
                json!({
                    "artifactLocation": { "uri": uri },
                    "replacements": replacements,
                })
            };
            // One change per file the rewrite edits: its own first, then the others.
            let mut changes = vec![change(uri, &rewrite.edits)];
            for other in &rewrite.other_files {
                let other_uri = artifact_uri(Some(Path::new(&other.path)), cwd);
                changes.push(change(&other_uri, &other.edits));
            }
            json!({
                "description": { "text": rewrite.description() },
                "artifactChanges": changes,
            })
        })
        .collect();
    let mut value = json!({
        "ruleId": rule.as_str(),
        "ruleIndex": RuleId::ALL.iter().position(|&r| r == rule),
        "level": level(diagnostic.severity),
        "message": { "text": message_text(diagnostic) },
        "locations": [{ "physicalLocation": physical_location(uri, Some(&diagnostic.range)) }],
    });
    if !related.is_empty() {
        value["relatedLocations"] = related.into();
    }
    if !fixes.is_empty() {
        value["fixes"] = fixes.into();
    }
    value
}

/// What is wrong, what it breaks and what to do, since code scanning shows only this text
/// beside the line.
fn message_text(diagnostic: &Diagnostic) -> String {
    let mut text = diagnostic.message.clone();
    if !diagnostic.failures.is_empty() {
        let failures: Vec<_> = diagnostic.failures.iter().map(|f| f.describe()).collect();
        text.push_str(&format!("\nState here is {}.", failures.join(" and ")));
    }
    if let Some(help) = &diagnostic.help {
        text.push('\n');
        text.push_str(help);
    }
    text
}

fn notification(diagnostic: &Diagnostic, uri: &str, unreadable: bool) -> Value {
    // An unread file has no text, so no region to point at.
    let range = (!unreadable).then_some(&diagnostic.range);
    json!({
        "level": "error",
        "message": { "text": diagnostic.message },
        "locations": [{ "physicalLocation": physical_location(uri, range) }],
        "descriptor": { "id": if unreadable { "unreadable-file" } else { "unlintable-file" } },
    })
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn physical_location(uri: &str, range: Option<&SourceRange>) -> Value {
    let mut location = json!({ "artifactLocation": artifact_location(uri) });
    if let Some(range) = range {
        location["region"] = region(range);
    }
    location
}

fn artifact_location(uri: &str) -> Value {
    if uri.starts_with("file://") {
        json!({ "uri": uri })
    } else {
        json!({ "uri": uri, "uriBaseId": "%SRCROOT%" })
    }
}

/// SARIF columns are 1-based and, with `columnKind: utf16CodeUnits`, count what lint-core's
/// columns count; `endColumn` is exclusive, like ESLint's.
fn region(range: &SourceRange) -> Value {
    json!({
        "startLine": range.line,
        "startColumn": range.column,
        "endLine": range.end_line,
        "endColumn": range.end_column,
    })
}

/// Relative to the working folder with forward slashes (what code scanning matches against
/// the repository), or an absolute `file://` URI for a file outside it.
fn artifact_uri(path: Option<&Path>, cwd: &Path) -> String {
    let Some(path) = path else {
        return "stdin".to_owned();
    };
    match relative_slashed(cwd, path) {
        Some(relative) => percent_encode(&relative),
        None => {
            let absolute: PathBuf = absolute(cwd, path);
            let slashed = absolute.to_string_lossy().replace('\\', "/");
            let rooted = if slashed.starts_with('/') {
                slashed
            } else {
                format!("/{slashed}")
            };
            format!("file://{}", percent_encode(&rooted))
        }
    }
}

/// Escapes what may not stand in a URI path (spaces, `#`, `?`, `%`, non-ASCII, …).
fn percent_encode(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        let keep = byte.is_ascii_alphanumeric() || b"-._~/!$&'()*+,;=:@".contains(&byte);
        if keep {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use lint_core::{FixSafety, Label, LineIndex, Rewrite, TextEdit};

    use super::*;

    fn report(path: &str, diagnostics: Vec<Diagnostic>) -> FileReport {
        FileReport {
            path: Some(PathBuf::from(path)),
            source: Some(String::new()),
            diagnostics,
            unreadable: false,
        }
    }

    fn upload_finding() -> Diagnostic {
        let source = "const upload = multer({ dest: 'uploads/' });\napp.post('/photos', upload.single('p'));\n";
        let index = LineIndex::new(source);
        let call = source.find("multer(").unwrap() as u32;
        let route = source.find("app.post").unwrap() as u32;
        Diagnostic {
            rule: Some(RuleId::NoLocalUploads),
            severity: Severity::Error,
            fatal: false,
            message: "Uploads are written to the server's disk".into(),
            range: index.range(call, call + 29),
            labels: vec![Label::new(
                index.range(route, route + 19),
                "mounted on POST /photos",
            )],
            help: Some("Store uploads in object storage.".into()),
            failures: vec![lint_core::Failure::LostOnReplace],
            state: None,
            rewrites: vec![Rewrite {
                needs: Default::default(),
                other_files: vec![],
                title: "Keep uploads in memory and send them to S3".into(),
                safety: FixSafety::Suggestion,
                edits: vec![TextEdit {
                    range: index.range(call + 7, call + 28),
                    text: "{ storage: multer.memoryStorage() }".into(),
                }],
            }],
        }
    }

    #[test]
    fn a_finding_becomes_a_result_with_related_locations_and_a_fix() {
        let log = log(
            &[report("src/app.js", vec![upload_finding()])],
            Path::new("/repo"),
        );
        assert_eq!(log["version"], "2.1.0");
        assert_eq!(log["$schema"], SCHEMA);
        let run = &log["runs"][0];
        assert_eq!(
            run["tool"]["driver"]["rules"].as_array().unwrap().len(),
            RuleId::ALL.len()
        );
        let result = &run["results"][0];
        assert_eq!(result["ruleId"], "no-local-uploads");
        assert_eq!(
            run["tool"]["driver"]["rules"][result["ruleIndex"].as_u64().unwrap() as usize]["id"],
            "no-local-uploads"
        );
        assert_eq!(result["level"], "error");
        let location = &result["locations"][0]["physicalLocation"];
        assert_eq!(location["artifactLocation"]["uri"], "src/app.js");
        assert_eq!(
            location["region"],
            json!({"startLine": 1, "startColumn": 16, "endLine": 1, "endColumn": 45})
        );
        assert_eq!(
            result["relatedLocations"][0]["message"]["text"],
            "mounted on POST /photos"
        );
        assert_eq!(
            result["relatedLocations"][0]["physicalLocation"]["region"]["startLine"],
            2
        );
        let text = result["message"]["text"].as_str().unwrap();
        assert!(
            text.contains("lost when the server is replaced") && text.contains("object storage"),
            "{text}"
        );
        let replacement = &result["fixes"][0]["artifactChanges"][0]["replacements"][0];
        assert_eq!(
            replacement["insertedContent"]["text"],
            "{ storage: multer.memoryStorage() }"
        );
        assert!(
            run["invocations"][0]["toolExecutionNotifications"]
                .as_array()
                .unwrap()
                .is_empty()
        );
        assert_eq!(run["invocations"][0]["executionSuccessful"], true);
    }

    #[test]
    fn fatal_and_unreadable_files_are_notifications_not_results() {
        let fatal = Diagnostic {
            rule: None,
            fatal: true,
            message: "Syntax error".into(),
            labels: vec![],
            rewrites: vec![],
            ..upload_finding()
        };
        let unreadable = FileReport {
            unreadable: true,
            source: None,
            ..report("gone.js", vec![fatal.clone()])
        };
        let log = log(
            &[report("bad.js", vec![fatal]), unreadable],
            Path::new("/repo"),
        );
        let run = &log["runs"][0];
        assert!(run["results"].as_array().unwrap().is_empty());
        let notes = run["invocations"][0]["toolExecutionNotifications"]
            .as_array()
            .unwrap();
        assert_eq!(notes.len(), 2);
        assert_eq!(
            notes[0]["locations"][0]["physicalLocation"]["region"]["startLine"],
            1
        );
        assert!(
            notes[1]["locations"][0]["physicalLocation"]
                .get("region")
                .is_none()
        );
        assert_eq!(run["invocations"][0]["executionSuccessful"], false);
    }

    #[test]
    fn uris_are_relative_with_forward_slashes_and_escaped() {
        let cwd = Path::new("/repo");
        assert_eq!(
            artifact_uri(Some(Path::new("./src/my app#1.js")), cwd),
            "src/my%20app%231.js"
        );
        assert_eq!(
            artifact_uri(Some(Path::new("/elsewhere/é.js")), cwd),
            "file:///elsewhere/%C3%A9.js"
        );
        assert_eq!(artifact_uri(None, cwd), "stdin");
    }

    #[test]
    fn full_description_is_the_first_paragraph_of_what_it_does() {
        let doc = "# rule\n\n## What it does\n\nFinds uploads kept on disk.\nSecond line.\n\n## Why\n\nBecause.";
        assert_eq!(
            what_it_does(doc),
            Some("Finds uploads kept on disk.\nSecond line.")
        );
        assert_eq!(what_it_does("# rule\n\n(being written)\n"), None);
    }
}
