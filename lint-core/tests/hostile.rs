//! Hostile input: what a pasted file, a fuzzer or a browser can throw at `lint`. Each
//! must come back as a result (a clear fatal diagnostic where the input is refused),
//! never as a stack overflow or a panic. Behaviour tests, not timings.

#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::lint_like_a_caller;

use std::fmt::Write;

use lint_core::{Diagnostic, Language, LintResult, MAX_NESTING_DEPTH, MAX_SOURCE_BYTES};

fn the_only_fatal(result: &LintResult) -> &Diagnostic {
    assert_eq!(
        result.diagnostics.len(),
        1,
        "expected one fatal diagnostic, got {:#?}",
        result.diagnostics
    );
    let diagnostic = &result.diagnostics[0];
    assert!(diagnostic.fatal && diagnostic.rule.is_none());
    diagnostic
}

fn assert_ranges_in(source: &str, result: &LintResult) {
    for d in &result.diagnostics {
        let ranges = std::iter::once(&d.range)
            .chain(d.labels.iter().map(|l| &l.range))
            .chain(
                d.rewrites
                    .iter()
                    .flat_map(|r| r.edits.iter().map(|e| &e.range)),
            );
        for range in ranges {
            let (start, end) = (range.start as usize, range.end as usize);
            assert!(start <= end && end <= source.len(), "{range:?}");
            assert!(source.is_char_boundary(start) && source.is_char_boundary(end));
        }
    }
}

const LEVELS: usize = 100_000;

/// Inputs nested 100,000 levels deep, each a different way to make a parser recurse.
fn deep_inputs() -> Vec<(&'static str, String)> {
    let n = LEVELS;
    vec![
        (
            "brackets",
            format!("x = {}1{};", "[".repeat(n), "]".repeat(n)),
        ),
        (
            "parentheses",
            format!("x = {}1{};", "(".repeat(n), ")".repeat(n)),
        ),
        ("blocks", format!("{}x;{}", "{".repeat(n), "}".repeat(n))),
        (
            "object literals",
            format!("x = {}1{};", "{a:".repeat(n), "}".repeat(n)),
        ),
        (
            "template literals",
            format!("x = {}1{};", "`${".repeat(n), "}`".repeat(n)),
        ),
        (
            "binary operator chain",
            format!("x = {}1;", "1 + ".repeat(n)),
        ),
        ("assignment chain", format!("{}1;", "a = ".repeat(n))),
        ("ternary chain", format!("x = {}1;", "a ? b : ".repeat(n))),
        ("unary operators", format!("x = {}1;", "!".repeat(n))),
        (
            "member chain over lines",
            format!("x = a{};", "\n  .b".repeat(n)),
        ),
        ("call chain", format!("x = f{};", "()".repeat(n))),
        ("new chain", format!("x = {}A;", "new ".repeat(n))),
        ("arrow functions", format!("f = {}1;", "() => ".repeat(n))),
        (
            "nested functions",
            format!("{}{}", "function f() {".repeat(n), "}".repeat(n)),
        ),
        ("if chain", format!("{}x();", "if (a) ".repeat(n))),
        (
            "else-if chain",
            format!("if (a) x();\n{}", "else if (a) x();\n".repeat(n)),
        ),
        (
            "else-if chain without semicolons",
            format!("if (a) x()\n{}", "else if (a) x()\n".repeat(n)),
        ),
        ("while chain", format!("{}x();", "while (a) ".repeat(n))),
        ("labels", format!("{}x();", "a: ".repeat(n))),
        (
            "express handlers",
            format!(
                "const app = require('express')();\n{}{}",
                "app.get('/', (req, res) => {\n".repeat(n),
                "});\n".repeat(n)
            ),
        ),
    ]
}

#[test]
fn deep_nesting_is_refused_as_too_deeply_nested_not_a_stack_overflow() {
    for (what, source) in deep_inputs() {
        for language in [Language::Auto, Language::TypeScript] {
            let result = lint_like_a_caller(&source, language);
            let fatal = the_only_fatal(&result);
            assert!(
                fatal.message.contains("too deeply nested"),
                "{what} ({language:?}): {}",
                fatal.message
            );
            assert!(
                fatal.message.contains(&MAX_NESTING_DEPTH.to_string()),
                "{what}: the message names the limit: {}",
                fatal.message
            );
            assert_ranges_in(&source, &result);
        }
    }
}

/// An Express app of at least `bytes` bytes, with a stateful pattern in every block.
fn express_app(bytes: usize) -> String {
    let mut out = String::from(
        "const express = require('express');\n\
         const multer = require('multer');\n\
         const session = require('express-session');\n\
         const app = express();\n\
         app.use(session({ secret: process.env.SECRET }));\n",
    );
    let mut n = 0;
    while out.len() < bytes {
        let _ = write!(
            out,
            "let hits{n} = 0;\n\
             const upload{n} = multer({{ dest: 'uploads/{n}' }});\n\
             function validate{n}(body) {{\n  const errors = [];\n  \
               if (typeof body.name !== 'string') errors.push('name');\n  \
               for (let i = 0; i < body.items.length; i++) {{\n    \
                 if (body.items[i].qty < 0) errors.push(`item ${{i}}`);\n  }}\n  \
               return errors;\n}}\n\
             app.post('/r{n}', upload{n}.single('f'), async (req, res) => {{\n  \
               hits{n}++;\n  const errors = validate{n}(req.body);\n  \
               if (errors.length) return res.status(400).json({{ errors }});\n  \
               res.status(201).json({{ name: req.file.filename, hits: hits{n} }});\n}});\n\n"
        );
        n += 1;
    }
    out
}

#[test]
fn a_five_megabyte_express_file_is_linted() {
    let source = express_app(5 * 1024 * 1024);
    assert!(source.len() >= 5 * 1024 * 1024 && source.len() < MAX_SOURCE_BYTES);
    let result = lint_like_a_caller(&source, Language::Auto);
    assert!(!result.has_fatal(), "{:?}", result.diagnostics.first());
    // One session, then an upload and a counter in each block.
    assert!(result.findings().count() > 1_000);
    assert_ranges_in(&source, &result);
}

#[test]
fn fifty_megabytes_are_refused_with_a_clear_message() {
    let source = "// padding\n".repeat(50 * 1024 * 1024 / 11 + 1);
    assert!(source.len() >= 50 * 1024 * 1024);
    let result = lint_like_a_caller(&source, Language::Auto);
    let fatal = the_only_fatal(&result);
    assert!(fatal.message.contains("too large"), "{}", fatal.message);
    assert!(
        fatal
            .message
            .contains(&format!("{} MB", MAX_SOURCE_BYTES / 1_048_576)),
        "the message names the limit: {}",
        fatal.message
    );
    assert_eq!((fatal.range.line, fatal.range.column), (1, 1));
}

#[test]
fn one_byte_over_the_limit_is_refused_and_the_limit_itself_is_not() {
    let at_limit = format!("{};\n", "x".repeat(MAX_SOURCE_BYTES - 2));
    assert_eq!(at_limit.len(), MAX_SOURCE_BYTES);
    let result = lint_like_a_caller(&at_limit, Language::JavaScript);
    assert!(!result.has_fatal(), "{:?}", result.diagnostics.first());
    let over = format!("{at_limit} ");
    let fatal = lint_like_a_caller(&over, Language::JavaScript);
    assert!(the_only_fatal(&fatal).message.contains("too large"));
}

#[test]
fn binary_data_is_refused_as_binary() {
    // What a browser or a CLI user might hand over: an executable, a PNG, a gzip.
    let samples: [&[u8]; 3] = [
        b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x03\0>\0\x01\0\0\0",
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0",
        b"\x1f\x8b\x08\0\0\0\0\0\0\x03\xcbH\xcd\xc9\xc9\x07\0",
    ];
    for bytes in samples {
        let source = String::from_utf8_lossy(bytes);
        let result = lint_like_a_caller(&source, Language::Auto);
        let fatal = the_only_fatal(&result);
        assert!(fatal.message.contains("binary"), "{}", fatal.message);
        let at = fatal.range.start as usize;
        assert_eq!(source.as_bytes()[at], 0, "points at the first NUL byte");
    }
    // A NUL after valid code too: the file is refused, not half-linted.
    let source = "const app = require('express')();\nlet n = 0;\0";
    let result = lint_like_a_caller(source, Language::Auto);
    assert!(the_only_fatal(&result).message.contains("binary"));
}

/// A small deterministic generator (64-bit LCG), so every run sees the same input.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
}

const PUNCTUATION: &[u8] = b"(){}[];,.=+`'\"\n\r/*";

#[test]
fn replacement_characters_from_lossy_utf16_lint_without_panic() {
    // A browser's strings are UTF-16 and may hold lone surrogates; by the time they reach
    // Rust they have been through from_utf16_lossy, which turns each into U+FFFD.
    let mut rng = Lcg(0x5eed);
    for _ in 0..200 {
        let len = 1 + (rng.next() % 400) as usize;
        let units: Vec<u16> = (0..len)
            .map(|_| match rng.next() % 6 {
                0 => 0xD800 + (rng.next() % 0x400) as u16, // a high surrogate, maybe alone
                1 => 0xDC00 + (rng.next() % 0x400) as u16, // a low surrogate, maybe alone
                2 => PUNCTUATION[(rng.next() % PUNCTUATION.len() as u64) as usize] as u16,
                3 => 0x2028 + (rng.next() % 2) as u16,
                _ => (rng.next() % 0x80) as u16 + 0x20,
            })
            .collect();
        let source = String::from_utf16_lossy(&units);
        for language in [Language::Auto, Language::TypeScript] {
            let result = lint_like_a_caller(&source, language);
            assert_ranges_in(&source, &result);
        }
    }
}

#[test]
fn replacement_characters_inside_an_express_app_keep_findings_and_ranges_valid() {
    let units: Vec<u16> = "const express = require('express');\n\
                           const app = express();\n\
                           let hits = 0; // \u{1F600} \u{FFFD}\n\
                           app.get('/\u{E9}', (req, res) => {\n  hits++;\n  res.send('X');\n});\n"
        .encode_utf16()
        .flat_map(|u| {
            // Every 'X' becomes a lone high surrogate, as a cut-off emoji would be.
            if u == u16::from(b'X') {
                vec![0xD83D]
            } else {
                vec![u]
            }
        })
        .collect();
    assert!(String::from_utf16(&units).is_err());
    let source = String::from_utf16_lossy(&units);
    assert!(source.contains('\u{FFFD}'));
    let result = lint_like_a_caller(&source, Language::Auto);
    assert!(!result.has_fatal(), "{:?}", result.diagnostics);
    assert_eq!(result.findings().count(), 1);
    assert_ranges_in(&source, &result);
    for rewrite in result.findings().flat_map(|d| &d.rewrites) {
        let rewritten = rewrite.apply(&source);
        assert!(rewritten.contains('\u{FFFD}'));
        assert_ranges_in(&rewritten, &lint_like_a_caller(&rewritten, Language::Auto));
    }
}
