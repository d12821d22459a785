//! Property tests: position conversion, rewrite ranges, and `lint` on arbitrary text.

#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::lint_like_a_caller;

use lint_core::{Language, LineIndex, SourceRange};
use proptest::{collection::vec, prelude::*, sample::select};

// ----- UTF-8 ↔ UTF-16 positions -----

/// Text rich in what position code gets wrong: astral characters (two UTF-16 units),
/// two- and three-byte characters, CR, LF, CRLF, U+2028/U+2029 and U+FFFD.
fn tricky_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => "[a-z =;(){}]{0,6}",
        1 => select(vec!["\n", "\r", "\r\n", "\u{2028}", "\u{2029}"]).prop_map(String::from),
        1 => select(vec!["é", "中", "😀", "𝒳", "\u{FFFD}", "\u{FEFF}"]).prop_map(String::from),
        1 => any::<char>().prop_map(String::from),
    ];
    vec(piece, 0..40).prop_map(|pieces| pieces.concat())
}

/// Each character boundary with its 1-based line, 1-based UTF-16 column and UTF-16 offset,
/// counted one character at a time (a CRLF ends one line, not two).
fn naive_positions(s: &str) -> Vec<(usize, u32, u32, u32)> {
    let (mut line, mut column, mut utf16) = (1u32, 1u32, 0u32);
    let mut out = Vec::new();
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        out.push((i, line, column, utf16));
        utf16 += c.len_utf16() as u32;
        let crlf_start = c == '\r' && matches!(chars.peek(), Some((_, '\n')));
        if matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}') && !crlf_start {
            line += 1;
            column = 1;
        } else {
            column += c.len_utf16() as u32;
        }
    }
    out.push((s.len(), line, column, utf16));
    out
}

/// The lines of a text, split on ECMAScript line terminators (CRLF counts once).
fn naive_lines(s: &str) -> Vec<&str> {
    let mut lines = Vec::new();
    let mut start = 0;
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}') {
            lines.push(&s[start..i]);
            if c == '\r' && matches!(chars.peek(), Some((_, '\n'))) {
                chars.next();
                start = i + 2;
            } else {
                start = i + c.len_utf8();
            }
        }
    }
    lines.push(&s[start..]);
    lines
}

proptest! {
    #[test]
    fn utf16_offsets_lines_and_columns_match_a_character_count(s in tricky_text()) {
        let index = LineIndex::new(&s);
        let positions = naive_positions(&s);
        for &(byte, line, column, utf16) in &positions {
            prop_assert_eq!(utf16 as usize, s[..byte].encode_utf16().count());
            prop_assert_eq!(index.position(byte as u32), (line, column, utf16));
        }
        for &(start, ..) in &positions {
            for &(end, end_line, end_column, end_utf16) in positions.iter().filter(|p| p.0 >= start).take(4) {
                let range = index.range(start as u32, end as u32);
                prop_assert_eq!((range.start as usize, range.end as usize), (start, end));
                prop_assert_eq!(range.start_utf16 as usize, s[..start].encode_utf16().count());
                prop_assert_eq!(
                    (range.end_line, range.end_column, range.end_utf16),
                    (end_line, end_column, end_utf16)
                );
            }
        }
    }

    #[test]
    fn lines_are_the_text_split_on_line_terminators(s in tricky_text()) {
        let index = LineIndex::new(&s);
        let lines = naive_lines(&s);
        prop_assert_eq!(index.line_count(), lines.len());
        for (n, line) in lines.iter().enumerate() {
            prop_assert_eq!(index.line_text(n as u32 + 1), *line);
        }
    }

    #[test]
    fn utf16_offsets_round_trip_to_byte_offsets(s in tricky_text()) {
        let index = LineIndex::new(&s);
        let total = s.encode_utf16().count() as u32;
        for (byte, c) in s.char_indices().chain(std::iter::once((s.len(), ' '))) {
            let utf16 = s[..byte].encode_utf16().count() as u32;
            prop_assert_eq!(index.byte_offset_of_utf16(utf16) as usize, byte);
            // Inside a surrogate pair: clamped back to the character's start.
            if byte < s.len() && c.len_utf16() == 2 {
                prop_assert_eq!(index.byte_offset_of_utf16(utf16 + 1) as usize, byte);
            }
        }
        prop_assert_eq!(index.byte_offset_of_utf16(total + 7) as usize, s.len());
    }

    #[test]
    fn ranges_clamp_any_offsets_onto_character_boundaries(
        s in tricky_text(),
        a in 0u32..200,
        b in 0u32..200,
    ) {
        let index = LineIndex::new(&s);
        let range = index.range(a, b);
        prop_assert!(range.start <= range.end && range.end as usize <= s.len());
        prop_assert!(s.is_char_boundary(range.start as usize));
        prop_assert!(s.is_char_boundary(range.end as usize));
    }
}

// ----- rewrites on generated Express programs -----

/// Pieces of Express apps, stateful and not; `{n}` is replaced by the fragment's number.
const FRAGMENTS: &[&str] = &[
    "const upload{n} = multer({ dest: 'uploads/{n}' });\napp.post('/f{n}', upload{n}.single('f'), (req, res) => res.json({ name: req.file.filename }));\n",
    "const disk{n} = multer({ storage: multer.diskStorage({ destination: 'tmp/{n}' }) });\napp.post('/d{n}', disk{n}.array('files'), (req, res) => res.sendStatus(204));\n",
    "const mem{n} = multer({ storage: multer.memoryStorage() });\napp.post('/m{n}', mem{n}.single('f'), (req, res) => res.sendStatus(201));\n",
    "app.use(session({ secret: process.env.SECRET, resave: false, saveUninitialized: false }));\n",
    "app.use(session({ store: new session.MemoryStore(), secret: 's{n}' }));\n",
    "let hits{n} = 0;\napp.get('/h{n}', (req, res) => {\n  hits{n}++;\n  res.json({ hits: hits{n} });\n});\n",
    "let total{n} = 0;\napp.post('/t{n}', (req, res) => {\n  total{n} += req.body.amount;\n  res.json({ total: total{n} });\n});\n",
    "const cache{n} = new Map();\napp.get('/c{n}/:id', async (req, res) => {\n  if (!cache{n}.has(req.params.id)) cache{n}.set(req.params.id, await load(req.params.id));\n  res.json(cache{n}.get(req.params.id));\n});\n",
    "const seen{n} = [];\napp.post('/s{n}', (req, res) => {\n  seen{n}.push(req.body);\n  res.sendStatus(204);\n});\n",
    "const byId{n} = {};\nrouter.put('/b{n}/:id', (req, res) => {\n  byId{n}[req.params.id] = req.body;\n  res.end();\n});\n",
    "let currentUser{n} = null;\napp.use((req, res, next) => {\n  currentUser{n} = req.user;\n  next();\n});\n",
    "app.get('/g{n}', (req, res) => {\n  global.last{n} = Date.now();\n  res.end();\n});\n",
    "app.post('/l{n}', (req, res) => {\n  req.app.locals.count{n} = (req.app.locals.count{n} || 0) + 1;\n  res.end();\n});\n",
    "function validate{n}(body) {\n  const errors = [];\n  for (let i = 0; i < 3; i++) if (!body['f' + i]) errors.push(i);\n  return errors;\n}\n",
    "app.get('/ok{n}', async (req, res, next) => {\n  try {\n    res.json(await db.query('SELECT 1'));\n  } catch (err) {\n    next(err);\n  }\n});\n",
    "const routes{n} = [];\nfor (const m of ['get', 'post']) routes{n}.push(m);\n",
];

const HEADER: &str = "const express = require('express');\nconst multer = require('multer');\nconst session = require('express-session');\nconst app = express();\nconst router = express.Router();\napp.use(router);\n";

/// A comment or string with non-ASCII text, so byte and UTF-16 offsets differ.
fn unicode_noise() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        "[a-zé中😀𝒳 ]{0,8}".prop_map(|t| format!("// {t}\n")),
        "[a-zé中😀 ]{0,8}".prop_map(|t| format!("/* {t} */ ")),
        "[a-z😀]{0,5}".prop_map(|t| format!("const label_{} = '{t}\u{2028}';\n", t.len())),
    ]
}

fn express_program() -> impl Strategy<Value = String> {
    (
        vec((0..FRAGMENTS.len(), unicode_noise()), 1..8),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(parts, crlf, esm)| {
            let mut out = if esm {
                HEADER
                    .replace(
                        "const express = require('express');",
                        "import express from 'express';",
                    )
                    .replace(
                        "const multer = require('multer');",
                        "import multer from 'multer';",
                    )
                    .replace(
                        "const session = require('express-session');",
                        "import session from 'express-session';",
                    )
            } else {
                HEADER.to_string()
            };
            for (n, (fragment, noise)) in parts.into_iter().enumerate() {
                out.push_str(&noise);
                out.push_str(&FRAGMENTS[fragment].replace("{n}", &n.to_string()));
            }
            out.push_str("app.listen(3000);\n");
            if crlf { out.replace('\n', "\r\n") } else { out }
        })
}

fn check_range(source: &str, range: &SourceRange) -> Result<(), TestCaseError> {
    let (start, end) = (range.start as usize, range.end as usize);
    prop_assert!(
        start <= end && end <= source.len(),
        "out of the text: {:?}",
        range
    );
    prop_assert!(
        source.is_char_boundary(start) && source.is_char_boundary(end),
        "inside a character: {:?}",
        range
    );
    prop_assert_eq!(*range, LineIndex::new(source).range(range.start, range.end));
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn rewrites_have_valid_sorted_ranges_and_give_parseable_programs(source in express_program()) {
        let result = lint_like_a_caller(&source, Language::Auto);
        prop_assert!(!result.has_fatal(), "the generated program parses: {:?}", result.diagnostics);
        prop_assert!(result.findings().count() > 0 || !source.contains("hits"));
        for d in &result.diagnostics {
            check_range(&source, &d.range)?;
            for label in &d.labels {
                check_range(&source, &label.range)?;
            }
            for rewrite in &d.rewrites {
                let mut expected_len = source.len();
                for edit in &rewrite.edits {
                    check_range(&source, &edit.range)?;
                    expected_len = expected_len + edit.text.len() - (edit.range.end - edit.range.start) as usize;
                }
                for pair in rewrite.edits.windows(2) {
                    prop_assert!(
                        pair[0].range.end <= pair[1].range.start,
                        "edits of {:?} unsorted or overlapping: {:?}", rewrite.title, rewrite.edits
                    );
                }
                let after = rewrite.apply(&source);
                prop_assert_eq!(after.len(), expected_len, "every edit of {:?} applied", &rewrite.title);
                let relinted = lint_like_a_caller(&after, Language::Auto);
                prop_assert!(
                    !relinted.has_fatal(),
                    "{:?} ({:?}) gives a program that does not parse: {:?}\n{}",
                    rewrite.title, d.rule, relinted.diagnostics.first().map(|f| &f.message), after
                );
            }
        }
    }
}

// ----- lint never panics -----

/// Tokens that take a parser places: brackets, templates, regexes, JSX, TypeScript.
const TOKENS: &[&str] = &[
    "(",
    ")",
    "{",
    "}",
    "[",
    "]",
    "`",
    "${",
    "'",
    "\"",
    "/",
    "/*",
    "*/",
    "//",
    "\n",
    "\r\n",
    ";",
    ",",
    ".",
    "...",
    "=>",
    "=",
    "+",
    "++",
    "?",
    "?.",
    ":",
    "<",
    ">",
    "</",
    "/>",
    "#",
    "@",
    "app",
    "req",
    "res",
    "express",
    "require",
    "import",
    "export",
    "from",
    "const",
    "let",
    "var",
    "function",
    "async",
    "await",
    "class",
    "extends",
    "new",
    "if",
    "else",
    "return",
    "yield",
    "type",
    "interface",
    "as",
    "enum",
    "namespace",
    "declare",
    "get",
    "post",
    "use",
    "multer",
    "session",
    "dest",
    "store",
    "global",
    "module",
    "exports",
    "0",
    "1n",
    "0x1f",
    ".5e3",
    "😀",
    "é",
    "\u{2028}",
    "\u{FFFD}",
    "\\",
    "\\u{61}",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn lint_never_panics_on_arbitrary_strings(source in vec(any::<char>(), 0..2_000).prop_map(String::from_iter)) {
        for language in [Language::Auto, Language::TypeScript] {
            let result = lint_like_a_caller(&source, language);
            for d in &result.diagnostics {
                check_range(&source, &d.range)?;
            }
        }
    }

    #[test]
    fn lint_never_panics_on_token_soup(tokens in vec(select(TOKENS), 0..400)) {
        let source = tokens.join(" ");
        for language in [Language::Auto, Language::JavaScript, Language::TypeScript] {
            let result = lint_like_a_caller(&source, language);
            for d in &result.diagnostics {
                check_range(&source, &d.range)?;
                for rewrite in &d.rewrites {
                    for edit in &rewrite.edits {
                        check_range(&source, &edit.range)?;
                    }
                }
            }
        }
    }
}
