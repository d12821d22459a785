//! phoenix-lint-wasm: lint-core for other web pages, through wasm-bindgen.
//!
//! ```js
//! import init, { lint, lintDetailed, lintProject, ruleDoc, rules } from 'phoenix-lint-wasm';
//! await init();
//! lint("let hits = 0; app.get('/', () => hits++);", { fileName: 'app.js' });
//! // → [{ ruleId: 'no-global-state', severity: 2, message: '…', line: 1, column: 33, … }]
//! lintProject([{ path: 'app.js', source: '…' }, { path: 'models/cart.js', source: '…' }]);
//! // → [{ path: 'app.js', messages: […] }, { path: 'models/cart.js', messages: […] }]
//! ```
//!
//! `lintProject` lints many files as one project: relative `require`s and `import`s
//! between them are followed, and a message may carry `relatedLocations` in other files.
//!
//! `lint` returns the same ESLint-shaped messages as `phoenix-lint --format json` (one
//! mapping, `lint_core::eslint`): lines and columns 1-based, columns and fix ranges in
//! UTF-16 code units, each rewrite as a suggestion with one merged fix. `lintDetailed`
//! returns lint-core's own result (rewrites with all their edits, the state each finding
//! is about, what breaks). Everything crosses the boundary as JSON text parsed with
//! `JSON.parse`, which keeps the wasm small (no serde-wasm-bindgen) and the shapes equal
//! to the CLI's output byte for byte.
//!
//! The logic is in plain functions over strings ([`lint_json`], [`lint_detailed_json`],
//! [`parse_options`]) so native `cargo test` covers it; the `#[wasm_bindgen]` exports only
//! convert values.

use lint_core::{Language, LintOptions, RuleId};
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

/// `export type RuleId = "no-local-uploads" | …;`, written at compile time from lint-core's
/// rule registry, so a new rule reaches the TypeScript types without an edit here.
pub const RULE_ID_TYPE: &str = match std::str::from_utf8(&RULE_ID_TYPE_BYTES) {
    Ok(text) => text,
    Err(_) => panic!("rule ids are UTF-8"),
};

#[wasm_bindgen(typescript_custom_section)]
const RULE_ID_TYPE_SECTION: &'static str = RULE_ID_TYPE;

const RULE_ID_TYPE_START: &str = "\n/** Rule ids lint-core knows. */\nexport type RuleId = ";
const RULE_ID_TYPE_END: &str = ";\n";
const RULE_ID_TYPE_LEN: usize = rule_id_type(&mut [0; 0]);
const RULE_ID_TYPE_BYTES: [u8; RULE_ID_TYPE_LEN] = {
    let mut out = [0; RULE_ID_TYPE_LEN];
    rule_id_type(&mut out);
    out
};

/// Writes the `RuleId` union into `out` as far as it fits, and returns the length the
/// union needs: measured by a first call with no room, written by a second.
const fn rule_id_type(out: &mut [u8]) -> usize {
    const fn put(out: &mut [u8], at: usize, text: &str) -> usize {
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            if at + i < out.len() {
                out[at + i] = bytes[i];
            }
            i += 1;
        }
        at + bytes.len()
    }
    let mut at = put(out, 0, RULE_ID_TYPE_START);
    let mut i = 0;
    while i < RuleId::ALL.len() {
        if i > 0 {
            at = put(out, at, " | ");
        }
        at = put(out, at, "\"");
        at = put(out, at, RuleId::ALL[i].as_str());
        at = put(out, at, "\"");
        i += 1;
    }
    put(out, at, RULE_ID_TYPE_END)
}

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = r#"

/** What to lint and how. Every field is optional; unknown fields are refused. */
export interface LintOptions {
  /** A file name: its extension picks the dialect (`.ts`, `.cjs`, …). */
  fileName?: string;
  /** `"auto"` (default: JavaScript first, TypeScript when only it parses), `"javascript"`, `"typescript"`. */
  language?: "auto" | "javascript" | "typescript";
  /** Only these rules; all rules when left out. */
  rules?: RuleId[];
}

/** An ESLint suggestion: one merged fix, in UTF-16 offsets of the source. */
export interface LintSuggestion {
  desc: string;
  fix: { range: [number, number]; text: string };
}

/** A rule's finding, as ESLint's JSON formatter writes it. */
export interface LintRuleMessage {
  ruleId: RuleId;
  /** 1 = warning, 2 = error. */
  severity: 1 | 2;
  message: string;
  line: number;
  /** 1-based, in UTF-16 code units. */
  column: number;
  nodeType: null;
  endLine: number;
  endColumn: number;
  suggestions?: LintSuggestion[];
}

/** A syntax error or a refused input: the code was linted only in part. */
export interface LintFatalMessage {
  ruleId: null;
  nodeType: null;
  fatal: true;
  severity: 2;
  message: string;
  line: number;
  column: number;
}

export type LintMessage = LintRuleMessage | LintFatalMessage;

/** A range in both encodings: UTF-8 bytes (`start`, `end`) and UTF-16 units. */
export interface SourceRange {
  start: number; end: number; startUtf16: number; endUtf16: number;
  line: number; column: number; endLine: number; endColumn: number;
}

export interface TextEdit { range: SourceRange; text: string }

/** What a rewrite's code needs to run. */
export interface Requirements {
  /** npm packages at the major the rewrite was checked with: `npm install name@major`. */
  packages: { name: string; major: string }[];
  /** Environment variables the rewritten code reads. */
  env: string[];
  services: ("redis" | "object-storage" | "mongodb" | "postgresql")[];
}

export interface Rewrite {
  title: string;
  safety: "safe" | "suggestion";
  /** Edits in the finding's own file: sorted, never overlapping. */
  edits: TextEdit[];
  needs: Requirements;
  /** Edits in other files of the project (whole-project lints only; left out when there
   * are none): e.g. the declaration of data another module exports, removed when the data
   * moves to Redis. Apply the rewrite to every file it names, or not at all. */
  otherFiles?: FileEdits[];
}

/** A rewrite's edits in another file of the project. */
export interface FileEdits {
  /** The file's path exactly as given in `files`. */
  path: string;
  /** Sorted, never overlapping, in that file's offsets. */
  edits: TextEdit[];
}

export interface Diagnostic {
  /** null for a syntax error or a refused input. */
  rule: RuleId | null;
  severity: "info" | "warning" | "error";
  fatal: boolean;
  message: string;
  range: SourceRange;
  /** `file`: the project path of another file the label is in (whole-project lints). */
  labels: { range: SourceRange; message: string; file?: string }[];
  help: string | null;
  failures: ("lost-on-replace" | "diverges-on-scale")[];
  state: {
    location: "process-memory" | "local-disk";
    kind: string;
    name: string;
    routes: { method: string; path: string | null }[];
  } | null;
  rewrites: Rewrite[];
}

/** lint-core's full result. */
export interface LintResult {
  diagnostics: Diagnostic[];
  language: "javascript" | "typescript";
}

export interface RuleInfo { id: RuleId; summary: string }

/** One file of a project: its path inside the project (`/`-separated, e.g.
 * `routes/cart.js`; relative `require`s are resolved between these paths with Node's rules)
 * and its text. */
export interface ProjectFile { path: string; source: string }

/** Options of a whole-project lint: as `LintOptions`, without `fileName` (each file's
 * path is its name). */
export type ProjectLintOptions = Omit<LintOptions, "fileName">;

/** A place in another file of the project that explains a finding ("declared here",
 * "registered on POST /api/cart"). */
export interface RelatedLocation {
  /** The other file's path, as given in `files`. */
  filePath: string;
  message: string;
  line: number;
  /** 1-based, in UTF-16 code units. */
  column: number;
  endLine: number;
  endColumn: number;
}

/** `lintProject`'s result for one file, in the order of `files`. Rule messages may carry
 * `relatedLocations: RelatedLocation[]` (left out when there are none). */
export interface ProjectFileResult {
  path: string;
  messages: (LintMessage & { relatedLocations?: RelatedLocation[] })[];
}

/** `lintProjectDetailed`'s result for one file: lint-core's full result, whose labels
 * name their `file` when it is another file of the project. */
export interface ProjectFileDetailedResult extends LintResult { path: string }
"#;

#[wasm_bindgen]
extern "C" {
    /// The options object as JavaScript passes it: typed `LintOptions` in the .d.ts, an
    /// optional trailing parameter there, and checked by [`parse_options`] here.
    #[wasm_bindgen(typescript_type = "LintOptions")]
    pub type JsLintOptions;

    /// The files of a project as JavaScript passes them: `ProjectFile[]` in the .d.ts.
    #[wasm_bindgen(typescript_type = "ProjectFile[]")]
    pub type JsProjectFiles;

    /// `ProjectLintOptions` in the .d.ts.
    #[wasm_bindgen(typescript_type = "ProjectLintOptions")]
    pub type JsProjectLintOptions;
}

/// The options object as JavaScript gives it, before validation.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct RawOptions {
    file_name: Option<String>,
    language: Option<String>,
    rules: Option<Vec<String>>,
}

/// Reads the options object (as JSON text; `None`/`null` for none), refusing unknown
/// fields, languages and rules with a message that names them: a typo in `rules` must not
/// silently lint with no rules at all.
pub fn parse_options(json: Option<&str>) -> Result<LintOptions, String> {
    let raw: RawOptions = match json.map(str::trim) {
        None | Some("null") => RawOptions::default(),
        Some(json) => {
            serde_json::from_str(json).map_err(|e| format!("invalid lint options: {e}"))?
        }
    };
    let language = match raw.language.as_deref() {
        None | Some("auto") => Language::Auto,
        Some("javascript") => Language::JavaScript,
        Some("typescript") => Language::TypeScript,
        Some(other) => {
            return Err(format!(
                "unknown language `{other}` (use \"auto\", \"javascript\" or \"typescript\")"
            ));
        }
    };
    let rules = raw
        .rules
        .map(|ids| {
            ids.iter()
                .map(|id| id.parse::<RuleId>())
                .collect::<Result<Vec<_>, _>>()
        })
        .transpose()?;
    Ok(LintOptions {
        language,
        file_name: raw.file_name,
        rules,
    })
}

/// `lint` as JSON text: the ESLint messages for `source`.
pub fn lint_json(source: &str, options: Option<&str>) -> Result<String, String> {
    let options = parse_options(options)?;
    let result = lint_core::lint(source, &options);
    let messages = lint_core::eslint::messages(&result.diagnostics, Some(source));
    Ok(serde_json::to_string(&messages).expect("messages serialise"))
}

/// `lintDetailed` as JSON text: lint-core's whole result.
pub fn lint_detailed_json(source: &str, options: Option<&str>) -> Result<String, String> {
    let options = parse_options(options)?;
    let result = lint_core::lint(source, &options);
    Ok(serde_json::to_string(&result).expect("results serialise"))
}

/// A file as JavaScript gives it, before validation.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    path: String,
    source: String,
}

/// Reads a project's files (as JSON text) and its options, refusing `fileName` (each
/// file's path is its name) and files given twice.
pub fn parse_project(
    files: &str,
    options: Option<&str>,
) -> Result<(Vec<lint_core::ProjectFile>, LintOptions), String> {
    let raw: Vec<RawFile> =
        serde_json::from_str(files).map_err(|e| format!("invalid project files: {e}"))?;
    let options = parse_options(options)?;
    if options.file_name.is_some() {
        return Err(
            "`fileName` does not apply to a project: each file's `path` is its name".into(),
        );
    }
    let mut seen = std::collections::HashSet::new();
    for file in &raw {
        if !seen.insert(lint_core::normalise_project_path(&file.path)) {
            return Err(format!("the project has `{}` twice", file.path));
        }
    }
    let files = raw
        .into_iter()
        .map(|f| lint_core::ProjectFile::new(f.path, f.source))
        .collect();
    Ok((files, options))
}

#[derive(Serialize)]
struct ProjectMessages<'a> {
    path: &'a str,
    messages: Vec<lint_core::eslint::Message<'a>>,
}

/// `lintProject` as JSON text: each file's path and ESLint messages, in the files' order.
pub fn lint_project_json(files: &str, options: Option<&str>) -> Result<String, String> {
    let (files, options) = parse_project(files, options)?;
    let results = lint_core::lint_project(&files, &options);
    let out: Vec<ProjectMessages<'_>> = results
        .iter()
        .zip(&files)
        .map(|(r, f)| ProjectMessages {
            path: &r.path,
            messages: lint_core::eslint::messages(&r.result.diagnostics, Some(&f.source)),
        })
        .collect();
    Ok(serde_json::to_string(&out).expect("messages serialise"))
}

/// `lintProjectDetailed` as JSON text: lint-core's result for each file.
pub fn lint_project_detailed_json(files: &str, options: Option<&str>) -> Result<String, String> {
    let (files, options) = parse_project(files, options)?;
    let results = lint_core::lint_project(&files, &options);
    Ok(serde_json::to_string(&results).expect("results serialise"))
}

#[derive(Serialize)]
struct RuleInfo {
    id: &'static str,
    summary: &'static str,
}

/// `rules` as JSON text.
pub fn rules_json() -> String {
    let rules: Vec<RuleInfo> = RuleId::ALL
        .iter()
        .map(|rule| RuleInfo {
            id: rule.as_str(),
            summary: rule.summary(),
        })
        .collect();
    serde_json::to_string(&rules).expect("rules serialise")
}

/// `undefined`/`null` mean "no options"; anything else goes through `JSON.stringify`, so
/// a non-object (a string, a number) is refused by [`parse_options`] with its reason.
fn options_text(options: Option<JsLintOptions>) -> Result<Option<String>, JsError> {
    stringify(options.map(JsValue::from), "lint options")
}

fn parse_json(text: &str) -> JsValue {
    js_sys::JSON::parse(text).expect("serde_json writes valid JSON")
}

/// Lints `source`; returns ESLint-shaped messages. Throws on invalid options.
#[wasm_bindgen(js_name = lint, unchecked_return_type = "LintMessage[]")]
pub fn lint_js(source: &str, options: Option<JsLintOptions>) -> Result<JsValue, JsError> {
    let options = options_text(options)?;
    let json = lint_json(source, options.as_deref()).map_err(|e| JsError::new(&e))?;
    Ok(parse_json(&json))
}

/// Lints `source`; returns lint-core's full result, with every rewrite. Throws on
/// invalid options.
#[wasm_bindgen(js_name = lintDetailed, unchecked_return_type = "LintResult")]
pub fn lint_detailed_js(source: &str, options: Option<JsLintOptions>) -> Result<JsValue, JsError> {
    let options = options_text(options)?;
    let json = lint_detailed_json(source, options.as_deref()).map_err(|e| JsError::new(&e))?;
    Ok(parse_json(&json))
}

/// `JSON.stringify` of a value JavaScript passed, `None` for `undefined`/`null`.
fn stringify(value: Option<JsValue>, what: &str) -> Result<Option<String>, JsError> {
    let Some(value) = value.filter(|v| !v.is_undefined() && !v.is_null()) else {
        return Ok(None);
    };
    js_sys::JSON::stringify(&value)
        .map(|s| s.as_string())
        .map_err(|_| JsError::new(&format!("{what} could not be read as JSON")))
}

/// Runs one of the project functions over strings on the values JavaScript passed.
fn project_call(
    files: JsProjectFiles,
    options: Option<JsProjectLintOptions>,
    run: fn(&str, Option<&str>) -> Result<String, String>,
) -> Result<JsValue, JsError> {
    let files = stringify(Some(files.into()), "project files")?.unwrap_or_default();
    let options = stringify(options.map(JsValue::from), "lint options")?;
    let json = run(&files, options.as_deref()).map_err(|e| JsError::new(&e))?;
    Ok(parse_json(&json))
}

/// Lints `files` as one project: relative requires between them are followed. Returns
/// each file's ESLint-shaped messages, in the order of `files`; a message may carry
/// `relatedLocations` in other files. Throws on invalid files or options.
#[wasm_bindgen(js_name = lintProject, unchecked_return_type = "ProjectFileResult[]")]
pub fn lint_project_js(
    files: JsProjectFiles,
    options: Option<JsProjectLintOptions>,
) -> Result<JsValue, JsError> {
    project_call(files, options, lint_project_json)
}

/// Lints `files` as one project; returns lint-core's full result for each file. Throws on
/// invalid files or options.
#[wasm_bindgen(
    js_name = lintProjectDetailed,
    unchecked_return_type = "ProjectFileDetailedResult[]"
)]
pub fn lint_project_detailed_js(
    files: JsProjectFiles,
    options: Option<JsProjectLintOptions>,
) -> Result<JsValue, JsError> {
    project_call(files, options, lint_project_detailed_json)
}

/// The markdown doc of a rule: what it finds, what breaks, how to rewrite it. Throws on
/// an unknown rule id.
#[wasm_bindgen(js_name = ruleDoc)]
pub fn rule_doc_js(
    #[wasm_bindgen(js_name = "ruleId", unchecked_param_type = "RuleId")] rule_id: &str,
) -> Result<String, JsError> {
    let rule: RuleId = rule_id.parse().map_err(|e: String| JsError::new(&e))?;
    Ok(lint_core::rule_doc(rule).to_owned())
}

/// The rules lint-core knows, each with one line saying what it finds.
#[wasm_bindgen(js_name = rules, unchecked_return_type = "RuleInfo[]")]
pub fn rules_js() -> JsValue {
    parse_json(&rules_json())
}

#[cfg(test)]
mod tests {
    use super::*;

    const APP: &str = "const express = require('express');\nconst app = express();\nlet hits = 0;\napp.get('/', (req, res) => { hits++; res.send('' + hits); });\n";

    #[test]
    fn options_are_validated() {
        assert_eq!(parse_options(None), Ok(LintOptions::default()));
        assert_eq!(parse_options(Some("null")), Ok(LintOptions::default()));
        let options = parse_options(Some(
            r#"{"fileName":"a.ts","language":"typescript","rules":["no-global-state"]}"#,
        ))
        .unwrap();
        assert_eq!(options.file_name.as_deref(), Some("a.ts"));
        assert_eq!(options.language, Language::TypeScript);
        assert_eq!(options.rules, Some(vec![RuleId::NoGlobalState]));

        let typo = parse_options(Some(r#"{"rules":["no-global-stat"]}"#)).unwrap_err();
        assert!(typo.contains("unknown rule `no-global-stat`"), "{typo}");
        let field = parse_options(Some(r#"{"rule":["no-global-state"]}"#)).unwrap_err();
        assert!(field.contains("unknown field `rule`"), "{field}");
        let language = parse_options(Some(r#"{"language":"coffee"}"#)).unwrap_err();
        assert!(language.contains("unknown language `coffee`"), "{language}");
        assert!(parse_options(Some("\"app.js\"")).is_err());
    }

    #[test]
    fn lint_gives_the_clis_messages() {
        let json: serde_json::Value = serde_json::from_str(&lint_json(APP, None).unwrap()).unwrap();
        let first = &json[0];
        assert_eq!(first["ruleId"], "no-global-state", "{json}");
        assert_eq!(first["line"], 4);
        assert!(first["suggestions"][0]["fix"]["range"].is_array(), "{json}");
        // The same messages lint-core's mapping gives, which the CLI prints.
        let result = lint_core::lint(APP, &LintOptions::default());
        let expected =
            serde_json::to_value(lint_core::eslint::messages(&result.diagnostics, Some(APP)))
                .unwrap();
        assert_eq!(json, expected);
    }

    #[test]
    fn rules_filter_the_findings() {
        let only_uploads = lint_json(APP, Some(r#"{"rules":["no-local-uploads"]}"#)).unwrap();
        assert_eq!(only_uploads, "[]");
    }

    #[test]
    fn detailed_results_carry_rewrites() {
        let json: serde_json::Value =
            serde_json::from_str(&lint_detailed_json(APP, None).unwrap()).unwrap();
        assert_eq!(json["language"], "javascript");
        let finding = &json["diagnostics"][0];
        assert_eq!(finding["rule"], "no-global-state");
        assert!(
            !finding["rewrites"][0]["edits"]
                .as_array()
                .unwrap()
                .is_empty()
        );
    }

    #[test]
    fn every_rule_is_listed() {
        let json: serde_json::Value = serde_json::from_str(&rules_json()).unwrap();
        let ids: Vec<&str> = json
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["id"].as_str().unwrap())
            .collect();
        let registered: Vec<&str> = RuleId::ALL.iter().map(|r| r.as_str()).collect();
        assert_eq!(ids, registered);
    }

    #[test]
    fn the_rule_id_type_lists_every_registered_rule() {
        let ids: Vec<String> = RuleId::ALL.iter().map(|r| format!("\"{r}\"")).collect();
        assert_eq!(
            RULE_ID_TYPE,
            format!(
                "\n/** Rule ids lint-core knows. */\nexport type RuleId = {};\n",
                ids.join(" | ")
            )
        );
    }
}
