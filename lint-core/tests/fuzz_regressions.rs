//! Inputs the fuzzer (scripts/fuzz.sh) found, kept as tests once minimised.

#![cfg(not(target_arch = "wasm32"))]

use lint_core::{LintOptions, lint};

/// Every rewrite's edits are sorted and do not overlap, and all of them are applied.
fn assert_rewrites_apply_whole(source: &str) {
    let result = lint(source, &LintOptions::default());
    for d in result.findings() {
        for rewrite in &d.rewrites {
            for pair in rewrite.edits.windows(2) {
                assert!(
                    pair[0].range.end <= pair[1].range.start,
                    "edits of {:?} overlap: {:?} and {:?}",
                    rewrite.title,
                    pair[0],
                    pair[1]
                );
            }
            let after = rewrite.apply(source);
            let relinted = lint(&after, &LintOptions::default());
            assert!(
                !relinted.has_fatal(),
                "{:?} gives code that does not parse:\n{after}",
                rewrite.title
            );
        }
    }
}

/// Found by scripts/fuzz.sh (AddressSanitizer run, about 20 s in), minimised by hand: a
/// handler assigns a function to module state, and that function assigns the state too.
/// no-global-state's "Keep `current` in Redis" rewrite replaces the whole outer
/// assignment (its text already holds the inner rewrite) and also inserts `async ` before
/// the inner arrow, inside the replaced range. `Rewrite::apply` skips the overlapping
/// insert, so the result has an `await` in a function that is not async and does not parse.
#[test]
fn a_nested_write_inside_the_assigned_value_does_not_overlap_the_outer_rewrite() {
    assert_rewrites_apply_whole(
        "const app = require('express')();
let current;
app.use((req, res, next) => {
  current = () => { current = 1; };
});
",
    );
}

/// Found by scripts/fuzz.sh (stable, about 4 minutes in): 951 bytes that oxc's TypeScript
/// parser took seconds on, trying each `a<b` as type arguments across nested brackets.
/// The TypeScript reading is now refused up front; the JavaScript reading still reports
/// the syntax error, at once.
#[test]
fn many_open_angles_do_not_send_the_typescript_parser_into_exponential_retries() {
    let source = "a<b<c<d[{[".repeat(40);
    let auto = lint(&source, &LintOptions::default());
    assert!(auto.has_fatal());
    assert!(
        auto.diagnostics[0].message.starts_with("Syntax error"),
        "{:?}",
        auto.diagnostics
    );
    let typescript = lint(&source, &LintOptions::for_file("app.ts"));
    assert_eq!(typescript.diagnostics.len(), 1);
    assert!(typescript.diagnostics[0].message.contains("open at once"));
}
