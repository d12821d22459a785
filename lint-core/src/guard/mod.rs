//! Inputs refused before parsing, with a clear message instead of a crash.
//!
//! oxc's parser and semantic builder recurse once per nesting level, so very deep input
//! would overflow the stack (1 MiB in a browser's WebAssembly). A scan that reads the same
//! tokens as oxc (see `scan`) measures the nesting of every text before it is parsed.

mod scan;

use oxc_span::SourceType;
use scan::{Dialect, Verdict};

/// Largest source accepted, in bytes.
pub const MAX_SOURCE_BYTES: usize = 10 * 1024 * 1024;

/// Deepest estimated nesting accepted. Hand-written code stays far below it. The tightest
/// stack the linter runs on is a browser worker's, where V8 lets wasm recurse less deep
/// than on a page: in headless Chromium the playground's two linters overflowed there from
/// an estimated depth of 382 (nested templates), 392 (parentheses) and 478 (functions), so
/// the limit keeps a fifth below the lowest (e2e/bundles.test.mjs lints the deepest text
/// of each shape accepted in a worker). Natively oxc needs well under 4 MiB at this depth
/// in a release build (the CLI's worker thread has more).
pub const MAX_NESTING_DEPTH: usize = 300;

/// Why an input was refused, with the byte offset to point at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Refusal {
    pub message: String,
    pub offset: u32,
    /// Only TypeScript's reading was refused, for `<` it could take as type arguments;
    /// the JavaScript reading may still be linted.
    pub ambiguous_angles: bool,
}

impl Refusal {
    fn new(message: String, offset: u32) -> Self {
        Self {
            message,
            offset,
            ambiguous_angles: false,
        }
    }
}

/// Why a text of `bytes` bytes, over [`MAX_SOURCE_BYTES`], is not linted; for callers
/// that refuse a file from its size before reading it.
pub fn too_large_message(bytes: u64) -> String {
    let limit = MAX_SOURCE_BYTES / 1_048_576;
    let size = bytes as f64 / 1_048_576.0;
    // A read cut off one byte past the limit knows no more than that.
    let size = if format!("{size:.1}") == format!("{limit}.0") {
        format!("more than {limit} MB")
    } else {
        format!("{size:.1} MB")
    };
    format!("This file is too large to lint ({size}); the limit is {limit} MB.")
}

/// Checks what does not depend on the dialect: the size, and that the text is not binary.
pub(crate) fn check(source: &str) -> Result<(), Refusal> {
    if source.len() > MAX_SOURCE_BYTES {
        return Err(Refusal::new(too_large_message(source.len() as u64), 0));
    }
    if let Some(offset) = source.find('\0') {
        return Err(Refusal::new(
            "This looks like a binary file (it contains NUL bytes), not JavaScript or \
             TypeScript source."
                .to_string(),
            offset as u32,
        ));
    }
    Ok(())
}

/// Checks that oxc can parse `source` as `source_type` within the stack its callers give
/// it. Every text is checked before it is parsed, including the copies with a broken line
/// blanked out, since blanking can turn a comment's text into code.
pub(crate) fn check_nesting(source: &str, source_type: SourceType) -> Result<(), Refusal> {
    let dialect = Dialect::of(source_type);
    match scan::measure(source, dialect, MAX_NESTING_DEPTH, MAX_OPEN_ANGLES) {
        Verdict::Fine => Ok(()),
        Verdict::TooDeep(offset) => Err(Refusal::new(
            format!(
                "This code is too deeply nested to lint (more than {MAX_NESTING_DEPTH} levels \
                 of brackets or chained operators)."
            ),
            offset,
        )),
        Verdict::Unmeasurable(offset) => Err(Refusal::new(
            "This code cannot be checked for safe nesting: the `/` or `<` here reads two ways \
             (a division or a regular expression, a comparison or JSX) and the two readings \
             still differ at the end of the line."
                .to_string(),
            offset,
        )),
        Verdict::TooManyAngles(offset) => Err(Refusal {
            message: format!(
                "This code leaves more than {MAX_OPEN_ANGLES} `<` open at once, which \
                 TypeScript could read as nested type arguments; parsing it would take too \
                 long."
            ),
            offset,
            ambiguous_angles: true,
        }),
    }
}

/// Most `<` that may still open type arguments at one point of a TypeScript text.
///
/// oxc's TypeScript parser tries each `a<b` as the start of type arguments and backtracks;
/// with such `<` left open across nested brackets the retries multiply (the fuzzer found
/// 951 bytes that took seconds). Real code keeps very few open at once: generics close with
/// `>`, and a comparison's `<` ends with its expression.
pub const MAX_OPEN_ANGLES: usize = 16;

#[cfg(test)]
mod tests {
    use super::*;

    fn js() -> SourceType {
        SourceType::unambiguous().with_jsx(true)
    }

    fn ts() -> SourceType {
        SourceType::ts().with_module(true)
    }

    /// Both checks, as the linter runs them for JavaScript.
    fn both(source: &str) -> Result<(), Refusal> {
        check(source)?;
        check_nesting(source, js())
    }

    #[test]
    fn ordinary_code_passes() {
        assert!(both("const a = [{ b: (1 + 2) }]; // ((((\n'((((('").is_ok());
    }

    #[test]
    fn deep_brackets_are_refused_with_an_offset() {
        let src = format!("x = {}1{};", "[".repeat(5_000), "]".repeat(5_000));
        let refusal = both(&src).unwrap_err();
        assert!(refusal.message.contains("too deeply nested"));
        let at = refusal.offset as usize;
        assert_eq!(&src[at..=at], "[");
        assert!(at > MAX_NESTING_DEPTH / 2);
    }

    #[test]
    fn long_runs_of_prefix_operators_are_refused() {
        let src = format!("x = {}1;", "!".repeat(50_000));
        assert!(both(&src).is_err());
    }

    #[test]
    fn brackets_in_strings_comments_and_templates_do_not_count() {
        let noise = "(".repeat(3 * MAX_NESTING_DEPTH);
        let src = format!("'{noise}'; \"{noise}\"; /* {noise} */ `{noise} ${{ a }} {noise}`;");
        assert!(both(&src).is_ok());
        let in_regex = format!("const r = /[{noise}]/g;");
        assert!(both(&in_regex).is_ok());
    }

    #[test]
    fn long_operator_chains_are_refused_but_long_programs_are_not() {
        let chain = format!("x = {}1;", "1 + ".repeat(100_000));
        assert!(both(&chain).is_err());
        let calls = format!("x = f{};", "()".repeat(100_000));
        assert!(both(&calls).is_err());
        // Thousands of statements without semicolons end expressions at line breaks.
        let program = "app.get('/a', (req, res) => res.send(a.b.c + d))\n".repeat(5_000);
        assert!(both(&program).is_ok());
        let with_semis = "const a = b.c(d) + e[f] - !g;\n".repeat(5_000);
        assert!(both(&with_semis).is_ok());
    }

    #[test]
    fn long_else_if_chains_are_refused_but_long_if_else_sequences_are_not() {
        let chain = format!("if (a) x();\n{}", "else if (a) x();\n".repeat(100_000));
        assert!(both(&chain).is_err());
        let without_semicolons = format!("if (a) x()\n{}", "else if (a) x()\n".repeat(100_000));
        assert!(both(&without_semicolons).is_err());
        let braced = format!(
            "if (a) {{ x(); }}{}",
            " else if (a) { x(); }".repeat(100_000)
        );
        assert!(both(&braced).is_err());
        // Thousands of separate if/else statements, and a chain of a hundred, are fine.
        let sequence = "if (a) x(); else y();\nif (b) { x(); } else { y(); }\n".repeat(5_000);
        assert!(both(&sequence).is_ok());
        let short = format!("if (a) x();\n{}", "else if (a) x();\n".repeat(100));
        assert!(both(&short).is_ok());
    }

    #[test]
    fn texts_that_end_inside_a_token_are_measured_without_panicking() {
        for text in [
            "x = /a\\",
            "x = `a\\",
            "x = 'a\\",
            "x = <a b='",
            "x = <a>{",
            "/* a",
            "x = 1.",
            "a?.",
        ] {
            assert_eq!(check_nesting(text, js()), Ok(()), "{text:?}");
            assert_eq!(check_nesting(text, ts()), Ok(()), "{text:?}");
        }
    }

    #[test]
    fn nul_bytes_mean_binary() {
        assert!(check("abc\0def").unwrap_err().message.contains("binary"));
    }

    #[test]
    fn oversize_input_is_refused() {
        let src = " ".repeat(MAX_SOURCE_BYTES + 1);
        assert!(check(&src).unwrap_err().message.contains("too large"));
    }

    #[test]
    fn typescript_generics_and_comparisons_are_not_ambiguous() {
        let src = "const m: Map<string, Array<Promise<Record<string, number>>>> = new Map();\n\
                   for (let i = 0; i < n; i++) { if (a < b && c < d) { x = y => y < 3; } }\n\
                   const f = <T,>(x: T): T[] => [x];\n";
        assert_eq!(check_nesting(src, ts()), Ok(()));
        let many_statements = "if (a < b) { c(); }\n".repeat(1_000);
        assert_eq!(check_nesting(&many_statements, ts()), Ok(()));
    }

    #[test]
    fn unclosed_angles_across_brackets_are_ambiguous() {
        let src = "a<b<c<d[{[".repeat(8);
        assert!(check_nesting(&src, ts()).unwrap_err().ambiguous_angles);
    }
}
