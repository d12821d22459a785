//! Arbitrary bytes → (when UTF-8) `lint_core::lint`, as JavaScript (auto) and as
//! TypeScript; then every range a diagnostic carries must lie inside the text, on
//! character boundaries, and agree with `LineIndex` (the one place offsets are
//! converted); every rewrite's edits must be sorted, non-overlapping and all applied; and
//! the rewritten text must lint again without a panic.

#![no_main]

use libfuzzer_sys::fuzz_target;
use lint_core::{Language, LineIndex, LintOptions, SourceRange, lint};

fuzz_target!(|data: &[u8]| {
    let Ok(source) = std::str::from_utf8(data) else {
        return;
    };
    for language in [Language::Auto, Language::TypeScript] {
        check(source, language, true);
    }
});

fn check(source: &str, language: Language, relint_rewrites: bool) {
    let options = LintOptions {
        language,
        ..LintOptions::default()
    };
    let result = lint(source, &options);
    let index = LineIndex::new(source);
    for diagnostic in &result.diagnostics {
        check_range(source, &index, &diagnostic.range, "diagnostic");
        for label in &diagnostic.labels {
            check_range(source, &index, &label.range, "label");
        }
        for rewrite in &diagnostic.rewrites {
            let mut previous_end = 0;
            let mut expected_len = source.len();
            for edit in &rewrite.edits {
                check_range(source, &index, &edit.range, "edit");
                assert!(
                    edit.range.start >= previous_end,
                    "edits of {:?} overlap or are unsorted: {:?}",
                    rewrite.title,
                    rewrite.edits
                );
                previous_end = edit.range.end;
                expected_len =
                    expected_len - (edit.range.end - edit.range.start) as usize + edit.text.len();
            }
            let rewritten = rewrite.apply(source);
            // `apply` skips an edit it cannot place; a skipped edit changes the length.
            assert_eq!(
                rewritten.len(),
                expected_len,
                "an edit of {:?} was not applied",
                rewrite.title
            );
            if relint_rewrites {
                check(&rewritten, language, false);
            }
        }
    }
}

fn check_range(source: &str, index: &LineIndex<'_>, range: &SourceRange, what: &str) {
    let (start, end) = (range.start as usize, range.end as usize);
    assert!(
        start <= end,
        "{what} range ends before it starts: {range:?}"
    );
    assert!(end <= source.len(), "{what} range past the end: {range:?}");
    assert!(
        source.is_char_boundary(start) && source.is_char_boundary(end),
        "{what} range inside a character: {range:?}"
    );
    assert_eq!(
        *range,
        index.range(range.start, range.end),
        "{what} range disagrees with LineIndex"
    );
}
