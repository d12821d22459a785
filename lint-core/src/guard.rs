//! Inputs refused before parsing, with a clear message instead of a crash.
//!
//! oxc's parser and semantic builder recurse once per nesting level, so very deep input
//! would overflow the stack (1 MiB in a browser's WebAssembly). A cheap lexical scan
//! measures the nesting first.

/// Largest source accepted, in bytes.
pub const MAX_SOURCE_BYTES: usize = 10 * 1024 * 1024;

/// Deepest estimated nesting accepted. Hand-written code stays far below it; at this depth
/// oxc needs under 4 MiB of stack in a release build (the callers give it 8 MiB or more:
/// see the CLI's worker thread and the wasm stack size).
pub const MAX_NESTING_DEPTH: usize = 500;

/// Why an input was refused, with the byte offset to point at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Refusal {
    pub message: String,
    pub offset: u32,
}

pub(crate) fn check(source: &str) -> Result<(), Refusal> {
    if source.len() > MAX_SOURCE_BYTES {
        return Err(Refusal {
            message: format!(
                "This file is too large to lint ({:.1} MB); the limit is {} MB.",
                source.len() as f64 / 1_048_576.0,
                MAX_SOURCE_BYTES / 1_048_576
            ),
            offset: 0,
        });
    }
    if let Some(offset) = source.find('\0') {
        return Err(Refusal {
            message: "This looks like a binary file (it contains NUL bytes), not JavaScript or \
                      TypeScript source."
                .to_string(),
            offset: offset as u32,
        });
    }
    if let Some(offset) = too_deep_at(source.as_bytes(), MAX_NESTING_DEPTH) {
        return Err(Refusal {
            message: format!(
                "This code is too deeply nested to lint (more than {MAX_NESTING_DEPTH} levels \
                 of brackets or chained operators)."
            ),
            offset,
        });
    }
    Ok(())
}

/// The offset where the estimated nesting first exceeds `limit`, or `None`.
///
/// The estimate is what drives oxc's recursion: each open bracket is a level, and so is
/// each operator, keyword or call within one expression, since `a + b + c`, `a.b.c`,
/// `f()()`, `!!x`, `new new A` and `if (a) if (b)` each nest one node inside the next.
/// A `,` `;` or a closing bracket ends an expression and resets its count. An `else` is a
/// level that outlives the `;` before the next `else`, since `if (a) x; else if (b) y;
/// else if ...` nests each `if` in the one before; the first statement after a `;` that
/// does not start with `else` ends the chain. Strings and
/// comments are skipped; regular expression literals are not recognised, so a bracket or
/// operator inside one may be counted: that can only over-count.
fn too_deep_at(bytes: &[u8], limit: usize) -> Option<u32> {
    let mut scan = NestingScan {
        levels: vec![Level::new(None)],
        total: 0,
    };
    let n = bytes.len();
    let mut i = 0usize;
    // The last significant byte before a line break, to tell a statement boundary (ASI)
    // from an expression continued on the next line.
    let mut last_significant = b';';
    let mut after_newline = false;
    while i < n {
        let b = bytes[i];
        if after_newline && !matches!(b, b' ' | b'\t' | b'\r' | b'\n') {
            after_newline = false;
            let ends = last_significant.is_ascii_alphanumeric()
                || matches!(
                    last_significant,
                    b')' | b']' | b'}' | b'\'' | b'"' | b'`' | b'_' | b'$'
                );
            let starts =
                b.is_ascii_alphanumeric() || matches!(b, b'_' | b'$' | b'\'' | b'"' | b'`');
            if ends && starts {
                scan.end_expression();
            }
        }
        let comment = b == b'/' && matches!(bytes.get(i + 1), Some(b'/' | b'*'));
        if !comment && !matches!(b, b' ' | b'\t' | b'\r' | b'\n') {
            let word_end = i + bytes[i..].iter().take_while(|&&c| is_word_byte(c)).count();
            scan.token(&bytes[i..word_end] == b"else");
        }
        match b {
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                while i < n && bytes[i] != b'\n' {
                    i += 1;
                }
                continue;
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                i += 2;
                while i + 1 < n && !(bytes[i] == b'*' && bytes[i + 1] == b'/') {
                    i += 1;
                }
                i += 2;
                continue;
            }
            b'\'' | b'"' => {
                i += 1;
                while i < n && bytes[i] != b && bytes[i] != b'\n' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                i += 1;
            }
            b'`' => {
                i += 1;
                if skip_template(bytes, &mut i) {
                    scan.open(Frame::TemplateExpr);
                }
            }
            b'(' | b'[' | b'{' => {
                scan.open(Frame::Bracket);
                i += 1;
            }
            b')' | b']' | b'}' => {
                i += 1;
                if scan.close() == Some(Frame::TemplateExpr) && skip_template(bytes, &mut i) {
                    scan.open(Frame::TemplateExpr);
                }
            }
            b',' | b';' => {
                scan.end_expression();
                i += 1;
            }
            b' ' | b'\t' | b'\r' => i += 1,
            b'\n' => {
                after_newline = true;
                i += 1;
                continue;
            }
            b if is_word_byte(b) => {
                let start = i;
                while i < n && is_word_byte(bytes[i]) {
                    i += 1;
                }
                if &bytes[start..i] == b"else" {
                    scan.else_branch();
                } else if NESTING_KEYWORDS.contains(&&bytes[start..i]) {
                    scan.operator();
                }
            }
            _ => {
                // Any other punctuator: an operator, a `.`, `=>`, `?`, `:`.
                scan.operator();
                i += 1;
            }
        }
        if let Some(&last) = bytes.get(i.wrapping_sub(1))
            && !matches!(last, b' ' | b'\t' | b'\r' | b'\n')
        {
            last_significant = last;
        }
        if scan.total > limit {
            return Some(i.saturating_sub(1).min(n) as u32);
        }
    }
    None
}

const NESTING_KEYWORDS: &[&[u8]] = &[
    b"new",
    b"await",
    b"typeof",
    b"void",
    b"delete",
    b"yield",
    b"if",
    b"in",
    b"instanceof",
    b"while",
    b"for",
    b"do",
];

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'$' || b >= 0x80
}

/// Skips a template literal's text from just after "`" or the "}" closing a `${`.
/// Returns true when it stopped after a `${` (a nested expression opens).
fn skip_template(bytes: &[u8], i: &mut usize) -> bool {
    while *i < bytes.len() {
        match bytes[*i] {
            b'\\' => *i += 2,
            b'`' => {
                *i += 1;
                return false;
            }
            b'$' if bytes.get(*i + 1) == Some(&b'{') => {
                *i += 2;
                return true;
            }
            _ => *i += 1,
        }
    }
    false
}

#[derive(Clone, Copy, PartialEq)]
enum Frame {
    Bracket,
    TemplateExpr,
}

/// The top level or an open bracket, with the nesting built up inside it.
struct Level {
    frame: Option<Frame>,
    /// Levels of the current expression.
    ops: usize,
    /// `else` branches of the current `if … else if …` chain.
    chain: usize,
    /// An expression just ended: the next token continues the chain only if it is `else`.
    ended: bool,
}

impl Level {
    fn new(frame: Option<Frame>) -> Self {
        Self {
            frame,
            ops: 0,
            chain: 0,
            ended: false,
        }
    }
}

/// The top level and the open brackets; `levels[0]` is the top level and is never closed.
struct NestingScan {
    levels: Vec<Level>,
    /// Sum of every level's counts: the estimated recursion depth here.
    total: usize,
}

impl NestingScan {
    fn level(&mut self) -> &mut Level {
        self.levels
            .last_mut()
            .expect("the top level is never closed")
    }

    fn operator(&mut self) {
        self.level().ops += 1;
        self.total += 1;
    }

    fn else_branch(&mut self) {
        self.level().chain += 1;
        self.total += 1;
    }

    /// Any token but whitespace and comments: after an ended expression, only an `else`
    /// keeps the chain going.
    fn token(&mut self, is_else: bool) {
        let level = self.level();
        if std::mem::take(&mut level.ended) && !is_else {
            let chain = std::mem::take(&mut level.chain);
            self.total -= chain;
        }
    }

    /// A bracket counts in the expression that contains it, then starts its own.
    fn open(&mut self, frame: Frame) {
        self.operator();
        self.levels.push(Level::new(Some(frame)));
    }

    fn close(&mut self) -> Option<Frame> {
        if self.levels.len() == 1 {
            return None;
        }
        let level = self.levels.pop()?;
        self.total -= level.ops + level.chain;
        level.frame
    }

    fn end_expression(&mut self) {
        let level = self.level();
        let ops = std::mem::take(&mut level.ops);
        level.ended = true;
        self.total -= ops;
    }
}

/// Most `<` that may still open type arguments at one point of a TypeScript text.
///
/// oxc's TypeScript parser tries each `a<b` as the start of type arguments and backtracks;
/// with such `<` left open across nested brackets the retries multiply (the fuzzer found
/// 951 bytes that took seconds). Real code keeps very few open at once: generics close with
/// `>`, and a comparison's `<` ends with its expression.
pub const MAX_OPEN_ANGLES: usize = 16;

/// The offset where the `<` still open (unmatched by `>`, in expressions not yet ended by
/// `,` `;` or a closing bracket) first exceed `limit`, or `None`. Only matters for
/// TypeScript, where `<` may open type arguments.
pub(crate) fn too_ambiguous_at(bytes: &[u8], limit: usize) -> Option<u32> {
    let mut frames: Vec<usize> = vec![0];
    let mut total = 0usize;
    let n = bytes.len();
    let mut i = 0usize;
    while i < n {
        let b = bytes[i];
        match b {
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                while i < n && bytes[i] != b'\n' {
                    i += 1;
                }
                continue;
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                i += 2;
                while i + 1 < n && !(bytes[i] == b'*' && bytes[i + 1] == b'/') {
                    i += 1;
                }
                i += 2;
                continue;
            }
            b'\'' | b'"' | b'`' => {
                // Template substitutions are skipped with the text: an over-approximation
                // that can only let a text through, never refuse one.
                i += 1;
                while i < n && bytes[i] != b && (b == b'`' || bytes[i] != b'\n') {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
            }
            b'(' | b'[' | b'{' => frames.push(0),
            b')' | b']' | b'}' if frames.len() > 1 => {
                total -= frames.pop().unwrap_or(0);
            }
            b',' | b';' => {
                if let Some(open) = frames.last_mut() {
                    total -= std::mem::take(open);
                }
            }
            b'<' if !matches!(bytes.get(i + 1), Some(b'=' | b'<'))
                && bytes.get(i.wrapping_sub(1)) != Some(&b'<') =>
            {
                if let Some(open) = frames.last_mut() {
                    *open += 1;
                    total += 1;
                }
            }
            b'>' if !matches!(bytes.get(i.wrapping_sub(1)), Some(b'=' | b'-')) => {
                if let Some(open) = frames.last_mut()
                    && *open > 0
                {
                    *open -= 1;
                    total -= 1;
                }
            }
            _ => {}
        }
        if total > limit {
            return Some(i as u32);
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_code_passes() {
        assert!(check("const a = [{ b: (1 + 2) }]; // ((((\n'((((('").is_ok());
    }

    #[test]
    fn deep_brackets_are_refused_with_an_offset() {
        let src = format!("x = {}1{};", "[".repeat(5_000), "]".repeat(5_000));
        let refusal = check(&src).unwrap_err();
        assert!(refusal.message.contains("too deeply nested"));
        let at = refusal.offset as usize;
        assert_eq!(&src[at..=at], "[");
        assert!(at > MAX_NESTING_DEPTH / 2);
    }

    #[test]
    fn long_runs_of_prefix_operators_are_refused() {
        let src = format!("x = {}1;", "!".repeat(50_000));
        assert!(check(&src).is_err());
    }

    #[test]
    fn brackets_in_strings_comments_and_templates_do_not_count() {
        let noise = "(".repeat(3 * MAX_NESTING_DEPTH);
        let src = format!("'{noise}'; \"{noise}\"; /* {noise} */ `{noise} ${{ a }} {noise}`;");
        assert!(check(&src).is_ok());
    }

    #[test]
    fn long_operator_chains_are_refused_but_long_programs_are_not() {
        let chain = format!("x = {}1;", "1 + ".repeat(100_000));
        assert!(check(&chain).is_err());
        let calls = format!("x = f{};", "()".repeat(100_000));
        assert!(check(&calls).is_err());
        // Thousands of statements without semicolons end expressions at line breaks.
        let program = "app.get('/a', (req, res) => res.send(a.b.c + d))\n".repeat(5_000);
        assert!(check(&program).is_ok());
        let with_semis = "const a = b.c(d) + e[f] - !g;\n".repeat(5_000);
        assert!(check(&with_semis).is_ok());
    }

    #[test]
    fn long_else_if_chains_are_refused_but_long_if_else_sequences_are_not() {
        let chain = format!("if (a) x();\n{}", "else if (a) x();\n".repeat(100_000));
        assert!(check(&chain).is_err());
        let without_semicolons = format!("if (a) x()\n{}", "else if (a) x()\n".repeat(100_000));
        assert!(check(&without_semicolons).is_err());
        let braced = format!(
            "if (a) {{ x(); }}{}",
            " else if (a) { x(); }".repeat(100_000)
        );
        assert!(check(&braced).is_err());
        // Thousands of separate if/else statements, and a chain of a hundred, are fine.
        let sequence = "if (a) x(); else y();\nif (b) { x(); } else { y(); }\n".repeat(5_000);
        assert!(check(&sequence).is_ok());
        let short = format!("if (a) x();\n{}", "else if (a) x();\n".repeat(100));
        assert!(check(&short).is_ok());
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
        assert_eq!(too_ambiguous_at(src.as_bytes(), MAX_OPEN_ANGLES), None);
        let many_statements = "if (a < b) { c(); }\n".repeat(1_000);
        assert_eq!(
            too_ambiguous_at(many_statements.as_bytes(), MAX_OPEN_ANGLES),
            None
        );
    }

    #[test]
    fn unclosed_angles_across_brackets_are_ambiguous() {
        let src = "a<b<c<d[{[".repeat(8);
        assert!(too_ambiguous_at(src.as_bytes(), MAX_OPEN_ANGLES).is_some());
    }
}
