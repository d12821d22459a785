//! `lintProject` on the shop example (content/examples/shop), natively: the same findings
//! as `phoenix-lint shop/`, with related locations in the other files.

use phoenix_lint_wasm::{lint_project_detailed_json, lint_project_json};
use serde_json::{Value, json};

const SHOP: &[(&str, &str)] = &[
    ("app.js", include_str!("../../content/examples/shop/app.js")),
    (
        "config/session.js",
        include_str!("../../content/examples/shop/config/session.js"),
    ),
    (
        "controllers/cart.js",
        include_str!("../../content/examples/shop/controllers/cart.js"),
    ),
    (
        "models/cart.js",
        include_str!("../../content/examples/shop/models/cart.js"),
    ),
    (
        "routes/cart.js",
        include_str!("../../content/examples/shop/routes/cart.js"),
    ),
    (
        "routes/uploads.js",
        include_str!("../../content/examples/shop/routes/uploads.js"),
    ),
];

fn files() -> String {
    let files: Vec<Value> = SHOP
        .iter()
        .map(|(path, source)| json!({ "path": path, "source": source }))
        .collect();
    Value::from(files).to_string()
}

fn rule_ids(result: &Value) -> Vec<&str> {
    result["messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["ruleId"].as_str().unwrap())
        .collect()
}

#[test]
fn the_shop_gives_each_file_its_findings_with_places_in_other_files() {
    let results: Value = serde_json::from_str(&lint_project_json(&files(), None).unwrap()).unwrap();
    let paths: Vec<&str> = results
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, SHOP.iter().map(|(p, _)| *p).collect::<Vec<_>>());
    let by_path = |path: &str| &results[paths.iter().position(|p| *p == path).unwrap()];
    assert_eq!(
        rule_ids(by_path("config/session.js")),
        ["no-local-sessions"]
    );
    assert_eq!(rule_ids(by_path("routes/uploads.js")), ["no-local-uploads"]);
    assert_eq!(
        rule_ids(by_path("controllers/cart.js")),
        ["no-global-state", "no-global-state"]
    );
    assert!(rule_ids(by_path("app.js")).is_empty());
    for message in by_path("controllers/cart.js")["messages"]
        .as_array()
        .unwrap()
    {
        let files: Vec<&str> = message["relatedLocations"]
            .as_array()
            .unwrap_or_else(|| panic!("no related locations: {message:#}"))
            .iter()
            .map(|r| r["filePath"].as_str().unwrap())
            .collect();
        assert!(files.contains(&"models/cart.js"), "{files:?}");
        assert!(files.contains(&"routes/cart.js"), "{files:?}");
    }
    // The detailed result: labels name their file, and the mounted router's full path.
    let detailed: Value =
        serde_json::from_str(&lint_project_detailed_json(&files(), None).unwrap()).unwrap();
    let uploads = &detailed[5];
    assert_eq!(uploads["path"], "routes/uploads.js");
    assert_eq!(
        uploads["diagnostics"][0]["state"]["routes"][0],
        json!({ "method": "POST", "path": "/api/uploads" })
    );
}

#[test]
fn bad_projects_are_refused_with_their_reason() {
    let twice = r#"[{"path":"a.js","source":""},{"path":"./a.js","source":""}]"#;
    let error = lint_project_json(twice, None).unwrap_err();
    assert!(error.contains("`./a.js` twice"), "{error}");
    let unknown = r#"[{"path":"a.js","text":""}]"#;
    assert!(lint_project_json(unknown, None).is_err());
    let named = lint_project_json("[]", Some(r#"{"fileName":"a.js"}"#)).unwrap_err();
    assert!(named.contains("fileName"), "{named}");
    assert_eq!(lint_project_json("[]", None).unwrap(), "[]");
}

#[test]
fn a_shop_rewrite_also_edits_the_model_that_declares_the_data() {
    let detailed: Value =
        serde_json::from_str(&lint_project_detailed_json(&files(), None).unwrap()).unwrap();
    let controller = &detailed[2];
    assert_eq!(controller["path"], "controllers/cart.js");
    for diagnostic in controller["diagnostics"].as_array().unwrap() {
        let other_files = diagnostic["rewrites"][0]["otherFiles"]
            .as_array()
            .unwrap_or_else(|| panic!("no otherFiles: {diagnostic:#}"));
        assert_eq!(other_files.len(), 1);
        assert_eq!(other_files[0]["path"], "models/cart.js");
        let model = SHOP[3].1;
        // Each edit removes text of the model: its declaration, its export entry.
        for edit in other_files[0]["edits"].as_array().unwrap() {
            assert_eq!(edit["text"], "");
            let (start, end) = (
                edit["range"]["start"].as_u64().unwrap() as usize,
                edit["range"]["end"].as_u64().unwrap() as usize,
            );
            assert!(start < end && end <= model.len(), "{edit}");
        }
    }
    // A single-file rewrite has no otherFiles key at all.
    let session = &detailed[1]["diagnostics"][0]["rewrites"][0];
    assert!(session.get("otherFiles").is_none(), "{session:#}");
}
