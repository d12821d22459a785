//! `phoenix-lint <folder>` lints the folder as one project: the shop example
//! (content/examples/shop) keeps its cart in one module and changes it from a controller
//! registered by a router that the app mounts — the findings name all of those files.

use std::{path::PathBuf, process::Command};

use serde_json::Value;

/// content/examples: the shop is linted as `shop/`, so paths read `shop/…`.
fn examples() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../content/examples")
}

fn run(args: &[&str]) -> (i32, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_phoenix-lint"))
        .args(args)
        .current_dir(examples())
        .env_remove("NO_COLOR")
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    (output.status.code().expect("exited normally"), stdout)
}

fn json(args: &[&str]) -> Value {
    let (code, stdout) = run(args);
    assert_eq!(code, 1, "{stdout}");
    serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stdout}"))
}

fn file<'v>(results: &'v Value, suffix: &str) -> &'v Value {
    results
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["filePath"].as_str().unwrap().ends_with(suffix))
        .unwrap_or_else(|| panic!("no result for {suffix}"))
}

fn messages<'v>(results: &'v Value, suffix: &str, rule: &str) -> Vec<&'v Value> {
    file(results, suffix)["messages"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["ruleId"] == rule)
        .collect()
}

#[test]
fn data_changed_in_another_module_is_found_with_where_it_is_declared_and_mounted() {
    let results = json(&["--format", "json", "shop"]);
    let state = messages(&results, "shop/controllers/cart.js", "no-global-state");
    // `carts.set`/`carts.delete` and `orders.push`: the model's Map and array.
    assert_eq!(state.len(), 2, "{results:#}");
    for message in &state {
        let related = message["relatedLocations"].as_array().unwrap();
        let declared = related
            .iter()
            .find(|r| {
                r["filePath"]
                    .as_str()
                    .unwrap()
                    .ends_with("shop/models/cart.js")
            })
            .unwrap_or_else(|| panic!("no declaration in models/cart.js: {message:#}"));
        assert!(declared["filePath"].as_str().unwrap().starts_with('/'));
        let registered = related
            .iter()
            .find(|r| {
                r["filePath"]
                    .as_str()
                    .unwrap()
                    .ends_with("shop/routes/cart.js")
            })
            .unwrap_or_else(|| panic!("no registration in routes/cart.js: {message:#}"));
        assert!(
            registered["message"]
                .as_str()
                .unwrap()
                .contains("POST /api/cart"),
            "{registered}"
        );
    }
    let orders = state
        .iter()
        .find(|m| m["message"].as_str().unwrap().contains("`orders`"))
        .unwrap();
    let declared = &orders["relatedLocations"][0];
    assert_eq!(
        (&declared["line"], &declared["column"]),
        (&3.into(), &7.into())
    );
}

#[test]
fn routers_mounted_in_another_file_report_their_full_paths() {
    let (_, stylish) = run(&["--color", "never", "shop"]);
    assert!(
        stylish.contains("this upload middleware is mounted on POST /api/uploads"),
        "{stylish}"
    );
    let (_, per_file) = run(&["--color", "never", "--no-cross-file", "shop"]);
    assert!(
        per_file.contains("this upload middleware is mounted on POST /\n"),
        "{per_file}"
    );
}

#[test]
fn stylish_names_related_places_in_other_files_by_path_line_and_column() {
    let (code, stylish) = run(&["--color", "never", "shop"]);
    assert_eq!(code, 1);
    assert!(
        stylish.contains("= see: shop/models/cart.js:3:7: "),
        "{stylish}"
    );
    assert!(stylish.contains("= see: shop/routes/cart.js:"), "{stylish}");
}

#[test]
fn sarif_related_locations_name_the_other_files_artifacts() {
    let log = json(&["--format", "sarif", "shop"]);
    let results = log["runs"][0]["results"].as_array().unwrap();
    let cart: Vec<&Value> = results
        .iter()
        .filter(|r| {
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                == "shop/controllers/cart.js"
        })
        .collect();
    assert_eq!(cart.len(), 2, "{log:#}");
    let uris: Vec<&str> = cart[0]["relatedLocations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            r["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .unwrap()
        })
        .collect();
    assert!(uris.contains(&"shop/models/cart.js"), "{uris:?}");
    assert!(uris.contains(&"shop/routes/cart.js"), "{uris:?}");
}

#[test]
fn no_cross_file_lints_each_file_alone() {
    let project = json(&["--format", "json", "shop"]);
    let alone = json(&["--format", "json", "--no-cross-file", "shop"]);
    // Alone, the controller's array push is still found, worded for a module it cannot
    // see; the Map's methods could be a client's, so they stay quiet.
    let state = messages(&alone, "shop/controllers/cart.js", "no-global-state");
    assert_eq!(state.len(), 1, "{alone:#}");
    let message = state[0]["message"].as_str().unwrap();
    assert!(message.contains("`orders`"), "{message}");
    assert!(message.contains("loaded once per process"), "{message}");
    assert!(state[0].get("relatedLocations").is_none());
    // Files no other file involves give the same findings either way.
    for name in [
        "shop/config/session.js",
        "shop/app.js",
        "shop/models/cart.js",
    ] {
        assert_eq!(
            file(&project, name)["messages"],
            file(&alone, name)["messages"],
            "{name}"
        );
    }
}

#[test]
fn the_diff_edits_the_model_too_and_git_applies_to_a_copy() {
    let (code, diff) = run(&["--diff", "shop"]);
    assert_eq!(code, 1, "{diff}");
    // One diff per changed file; the carts and orders move out of the model as well.
    for header in [
        "--- a/shop/controllers/cart.js\n",
        "--- a/shop/models/cart.js\n",
        "--- a/shop/config/session.js\n",
        "--- a/shop/routes/uploads.js\n",
    ] {
        assert_eq!(diff.matches(header).count(), 1, "{header}{diff}");
    }
    assert!(diff.contains("-const carts = new Map();\n"), "{diff}");
    assert!(diff.contains("+module.exports = {  };\n"), "{diff}");
    // Applied to a copy of the folder by git, the project lints clean of global state.
    let scratch = std::env::temp_dir().join(format!("phoenix-diff-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&scratch);
    let copy = scratch.join("shop");
    std::fs::create_dir_all(&copy).unwrap();
    for entry in ["app.js", "config", "controllers", "models", "routes"] {
        let from = examples().join("shop").join(entry);
        copy_all(&from, &copy.join(entry));
    }
    let patch = scratch.join("apply-all.diff");
    std::fs::write(&patch, &diff).unwrap();
    let applied = Command::new("git")
        .args(["apply", "-p1"])
        .arg(&patch)
        .current_dir(&scratch)
        .status()
        .expect("git runs");
    assert!(applied.success());
    let output = Command::new(env!("CARGO_BIN_EXE_phoenix-lint"))
        .args(["--format", "json", "shop"])
        .current_dir(&scratch)
        .output()
        .unwrap();
    let after: Value = serde_json::from_slice(&output.stdout).unwrap();
    let left: Vec<&Value> = after
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|r| r["messages"].as_array().unwrap())
        .filter(|m| m["ruleId"] == "no-global-state" || m["fatal"] == true)
        .collect();
    assert!(left.is_empty(), "{after:#}");
    let _ = std::fs::remove_dir_all(&scratch);
}

fn copy_all(from: &std::path::Path, to: &std::path::Path) {
    if from.is_dir() {
        std::fs::create_dir_all(to).unwrap();
        for entry in std::fs::read_dir(from).unwrap() {
            let entry = entry.unwrap();
            copy_all(&entry.path(), &to.join(entry.file_name()));
        }
    } else {
        std::fs::copy(from, to).unwrap();
    }
}

#[test]
fn a_rewrite_that_edits_another_file_changes_both_artifacts_in_sarif_and_says_so_in_stylish() {
    let (_, sarif) = run(&["--format", "sarif", "shop"]);
    let sarif: Value = serde_json::from_str(&sarif).unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    let carts = results
        .iter()
        .find(|r| r["message"]["text"].as_str().unwrap().contains("`carts`"))
        .expect("the carts finding");
    let uris: Vec<&str> = carts["fixes"][0]["artifactChanges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["artifactLocation"]["uri"].as_str().unwrap())
        .collect();
    assert_eq!(uris, ["shop/controllers/cart.js", "shop/models/cart.js"]);
    let (_, stylish) = run(&["--color", "never", "shop"]);
    assert!(
        stylish.contains(
            "= rewrite: Keep `carts` in Redis (suggestion; also edits shop/models/cart.js)"
        ),
        "{stylish}"
    );
}

#[test]
fn a_project_linted_on_several_threads_prints_exactly_what_one_thread_prints() {
    // `.` holds the shop and the single-file examples: one project of many files, which
    // the threads split between them.
    for folder in ["shop", "."] {
        for format in ["stylish", "json", "sarif", "diff"] {
            let one = run(&["--format", format, "--color", "never", "-j", "1", folder]);
            assert_eq!(one.0, 1, "{folder} {format}: {}", one.1);
            assert!(one.1.contains("shop/"), "{folder} {format}: {}", one.1);
            for jobs in [&["-j", "2"][..], &["--jobs", "3"], &[]] {
                let args = [
                    &["--format", format, "--color", "never"][..],
                    jobs,
                    &[folder],
                ];
                let many = run(&args.concat());
                assert_eq!(many, one, "{folder} {format} {jobs:?}");
            }
        }
    }
}
