//! The wasm API as JavaScript sees it, in headless Chromium: values in and out through
//! wasm-bindgen, errors thrown as JavaScript errors.
#![cfg(target_arch = "wasm32")]

use js_sys::{Array, JSON, Reflect};
use phoenix_lint_wasm::{
    JsLintOptions, lint_detailed_js, lint_js, lint_project_detailed_js, lint_project_js,
    rule_doc_js, rules_js,
};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

const APP: &str = "const express = require('express');\nconst app = express();\nlet hits = 0;\napp.get('/🔥', (req, res) => { hits++; res.send('' + hits); });\n";

fn get(value: &JsValue, key: &str) -> JsValue {
    Reflect::get(value, &key.into()).expect("an object")
}

fn options(json: &str) -> Option<JsLintOptions> {
    Some(
        JSON::parse(json)
            .expect("test options are JSON")
            .unchecked_into(),
    )
}

#[wasm_bindgen_test]
fn lint_returns_eslint_messages_with_utf16_columns() {
    let messages: Array = lint_js(APP, None).unwrap().into();
    assert_eq!(messages.length(), 1);
    let first = messages.get(0);
    assert_eq!(get(&first, "ruleId"), "no-global-state");
    assert_eq!(get(&first, "line"), 4);
    // "app.get('/🔥', (req, res) => { " is 32 UTF-16 units: the emoji counts two.
    let line = "app.get('/🔥', (req, res) => { ";
    assert_eq!(
        get(&first, "column").as_f64(),
        Some((line.encode_utf16().count() + 1) as f64)
    );
    assert!(get(&first, "nodeType").is_null());
    let suggestions: Array = get(&first, "suggestions").into();
    assert!(suggestions.length() >= 1);
    let range: Array = get(&get(&suggestions.get(0), "fix"), "range").into();
    assert_eq!(range.length(), 2);
}

#[wasm_bindgen_test]
fn options_choose_rules_and_bad_options_throw() {
    let none: Array = lint_js(APP, options(r#"{"rules":["no-local-uploads"]}"#))
        .unwrap()
        .into();
    assert_eq!(none.length(), 0);
    assert!(lint_js(APP, None).is_ok());
    assert!(lint_js(APP, options(r#"{"rules":["nope"]}"#)).is_err());
    assert!(lint_js(APP, options(r#"{"colour":"red"}"#)).is_err());
    assert!(lint_js(APP, Some(JsValue::from_str("app.js").unchecked_into())).is_err());
}

#[wasm_bindgen_test]
fn syntax_errors_are_fatal_messages() {
    let messages: Array = lint_js("const = ;", options(r#"{"fileName":"a.js"}"#))
        .unwrap()
        .into();
    let first = messages.get(0);
    assert_eq!(get(&first, "fatal"), true);
    assert!(get(&first, "ruleId").is_null());
    assert_eq!(get(&first, "severity"), 2);
}

#[wasm_bindgen_test]
fn detailed_results_docs_and_rules() {
    let result = lint_detailed_js(APP, None).unwrap();
    let diagnostics: Array = get(&result, "diagnostics").into();
    let rewrites: Array = get(&diagnostics.get(0), "rewrites").into();
    assert!(rewrites.length() >= 1);
    assert!(
        get(&get(&diagnostics.get(0), "range"), "startUtf16")
            .as_f64()
            .is_some()
    );

    assert!(rule_doc_js("no-local-uploads").unwrap().contains('#'));
    assert!(rule_doc_js("no-such-rule").is_err());
    let rules: Array = rules_js().into();
    assert_eq!(rules.length(), 3);
}

#[wasm_bindgen_test]
fn a_project_is_linted_across_its_files() {
    let files = JSON::parse(
        r#"[
        {"path":"app.js","source":"const app = require('express')();\napp.use('/api/photos', require('./routes/photos'));\n"},
        {"path":"routes/photos.js","source":"const router = require('express').Router();\nconst upload = require('multer')({ dest: 'up/' });\nrouter.post('/', upload.single('p'), (req, res) => res.end());\nmodule.exports = router;\n"}
    ]"#,
    )
    .unwrap()
    .unchecked_into();
    let results: Array = lint_project_detailed_js(files, None).unwrap().into();
    assert_eq!(results.length(), 2);
    let photos = results.get(1);
    assert_eq!(get(&photos, "path"), "routes/photos.js");
    let diagnostics: Array = get(&photos, "diagnostics").into();
    let routes: Array = get(&get(&diagnostics.get(0), "state"), "routes").into();
    assert_eq!(get(&routes.get(0), "path"), "/api/photos");
    let not_files: JsValue = JSON::parse(r#"[{"path":"a.js"}]"#).unwrap();
    assert!(lint_project_js(not_files.unchecked_into(), None).is_err());
}
