//! lint-core compiled to WebAssembly and run in headless Chromium: the same rules, the same
//! UTF-16 positions, and deep input refused without overflowing the browser's stack.
#![cfg(target_arch = "wasm32")]

use lint_core::{LintOptions, RuleId, lint};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

const ALL_THREE: &str = r#"const express = require('express');
const multer = require('multer');
const session = require('express-session');
const app = express();
const upload = multer({ dest: 'uploads/' });
app.use(session({ secret: 'keyboard cat' }));
let hits = 0;
app.post('/photos', upload.single('photo'), (req, res) => { hits++; res.sendStatus(201); });
"#;

#[wasm_bindgen_test]
fn finds_all_three_rules_in_the_browser() {
    let result = lint(ALL_THREE, &LintOptions::for_file("app.js"));
    let rules: Vec<RuleId> = result.findings().filter_map(|d| d.rule).collect();
    assert!(rules.contains(&RuleId::NoLocalUploads), "{rules:?}");
    assert!(rules.contains(&RuleId::NoLocalSessions), "{rules:?}");
    assert!(rules.contains(&RuleId::NoGlobalState), "{rules:?}");
    assert!(!result.has_fatal());
}

#[wasm_bindgen_test]
fn columns_are_utf16_in_the_browser() {
    let source = "const express = require('express');\nconst multer = require('multer');\n\
                  const note = '😀'; const upload = multer({ dest: 'x' });\n";
    let result = lint(source, &LintOptions::for_file("app.js"));
    let finding = result.findings().next().expect("one finding");
    let js_column = source.lines().nth(2).unwrap().encode_utf16().count() as u32;
    let call = "multer({ dest: 'x' });";
    let expected = js_column - call.encode_utf16().count() as u32 + 1;
    assert_eq!(finding.range.line, 3);
    assert_eq!(finding.range.column, expected);
}

#[wasm_bindgen_test]
fn deep_nesting_is_refused_not_a_crash() {
    let source = format!("x = {}1{};", "[".repeat(100_000), "]".repeat(100_000));
    let result = lint(&source, &LintOptions::default());
    assert!(result.has_fatal());
    assert!(result.diagnostics[0].message.contains("too deeply nested"));
}

#[wasm_bindgen_test]
fn nesting_just_under_the_limit_parses_in_a_browser_stack() {
    let depth = lint_core::MAX_NESTING_DEPTH - 10;
    let source = format!("x = {}1{};", "[".repeat(depth), "]".repeat(depth));
    let result = lint(&source, &LintOptions::default());
    assert!(
        !result.has_fatal(),
        "{:?}",
        result.diagnostics.first().map(|d| &d.message)
    );
}
