//! A tokenizer that measures nesting the way oxc will parse it.
//!
//! A scan that skips strings and comments must agree with the parser on where they are:
//! if it takes code for a string, the code is never counted. So this scan reads the same
//! tokens oxc reads, with the context the lexer takes from the parser:
//!
//! - `/` starts a regular expression where an operand is expected (after an operator, a
//!   `(`, `return`, a block's `}`, an `if (…)`), and divides after a value (a name, a
//!   literal, a call's `)`, an object literal's `}`);
//! - `<` starts a JSX element in the same places, in dialects with JSX; JSX text and
//!   attribute strings are not JavaScript strings (`don't` holds no quote);
//! - a `}` that closes a template's `${` resumes the template's text;
//! - `<!--` and `-->` are comments where oxc takes them as such (scripts).
//!
//! Where the context cannot be told from the tokens (`await /x/` is a regular expression
//! in an async function and a division elsewhere), both readings are followed until they
//! meet again at the same place in the same state; if they have not met by the end of the
//! line, the text is refused as one that cannot be measured. Real code meets within a
//! token or two.

use std::mem;

use oxc_span::SourceType;

/// What the lexer needs to know about the dialect.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Dialect {
    pub typescript: bool,
    pub jsx: bool,
    /// Modules are strict: `-->` is never a comment and `<!--` only at a line start.
    pub module: bool,
}

impl Dialect {
    pub fn of(source_type: SourceType) -> Self {
        Self {
            typescript: source_type.is_typescript(),
            jsx: source_type.is_jsx(),
            module: source_type.is_module(),
        }
    }
}

/// The outcome of a scan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Verdict {
    Fine,
    /// The estimated nesting exceeds the limit at this byte offset.
    TooDeep(u32),
    /// TypeScript would see more than the allowed `<` open at this offset.
    TooManyAngles(u32),
    /// Two readings of an ambiguous token did not meet again by the end of its line.
    Unmeasurable(u32),
}

/// Scans `source` and reports the first place where it exceeds a limit.
pub(crate) fn measure(
    source: &str,
    dialect: Dialect,
    depth_limit: usize,
    angle_limit: usize,
) -> Verdict {
    let limits = Limits {
        depth: depth_limit,
        angles: angle_limit,
    };
    let mut scanner = Scanner::new(source.as_bytes(), dialect);
    loop {
        match scanner.step() {
            Step::End => return Verdict::Fine,
            Step::Token => {
                if let Some(verdict) = scanner.over(&limits) {
                    return verdict;
                }
            }
            Step::Fork(other) => match converge(scanner, *other, &limits) {
                Ok(merged) => scanner = merged,
                Err(verdict) => return verdict,
            },
        }
    }
}

struct Limits {
    depth: usize,
    angles: usize,
}

/// Follows two readings from the same token until they are in the same state at the same
/// offset; refuses when that has not happened by the end of the line. A reading that ends
/// the parse (an unterminated regular expression or comment) leaves the other to go on:
/// were oxc to take the ending one, it would parse nothing more.
fn converge<'s>(
    mut a: Scanner<'s>,
    mut b: Scanner<'s>,
    limits: &Limits,
) -> Result<Scanner<'s>, Verdict> {
    let fork_at = a.pos;
    let line_end = next_line_end(a.src, fork_at);
    let unmeasurable = Verdict::Unmeasurable(fork_at as u32);
    loop {
        if a.pos == b.pos && a.same_state(&b) {
            a.absorb(&b);
            return Ok(a);
        }
        let a_turn = a.pos <= b.pos;
        let step = if a_turn { a.step() } else { b.step() };
        let branch = if a_turn { &a } else { &b };
        match step {
            Step::End => return Ok(if a_turn { b } else { a }),
            Step::Token => {
                if let Some(verdict) = branch.over(limits) {
                    return Err(verdict);
                }
                if branch.pos > line_end {
                    return Err(unmeasurable);
                }
            }
            Step::Fork(_) => return Err(unmeasurable),
        }
    }
}

fn next_line_end(src: &[u8], from: usize) -> usize {
    let mut i = from;
    while i < src.len() {
        if line_terminator_len(src, i) > 0 {
            return i;
        }
        i += 1;
    }
    src.len()
}

/// The length of the line terminator at `i` (`\n`, `\r`, U+2028, U+2029), or 0.
fn line_terminator_len(src: &[u8], i: usize) -> usize {
    match src[i] {
        b'\n' | b'\r' => 1,
        0xE2 if matches!(src.get(i + 1..i + 3), Some([0x80, 0xA8 | 0xA9])) => 3,
        _ => 0,
    }
}

/// The length of the non-ASCII whitespace at `i` (NBSP, BOM, Unicode spaces), or 0.
fn unicode_space_len(src: &[u8], i: usize) -> usize {
    let Some(c) = std::str::from_utf8(&src[i..(i + 4).min(src.len())])
        .ok()
        .or_else(|| {
            // A multi-byte character may be cut by the 4-byte window: decode its own length.
            let len = utf8_len(src[i]);
            std::str::from_utf8(src.get(i..i + len)?).ok()
        })
        .and_then(|s| s.chars().next())
    else {
        return 0;
    };
    let space = matches!(
        c,
        '\u{A0}' | '\u{FEFF}' | '\u{1680}' | '\u{2000}'
            ..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}'
    );
    if space { c.len_utf8() } else { 0 }
}

fn utf8_len(first: u8) -> usize {
    match first {
        0xF0.. => 4,
        0xE0.. => 3,
        0xC0.. => 2,
        _ => 1,
    }
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'_' | b'$' | b'\\' | b'#') || b >= 0x80
}

/// What the previous token lets the next `/`, `<` or `{` be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Prev {
    /// A statement starts: `/` is a regular expression, `{` a block.
    Statement,
    /// An operand is expected: `/` is a regular expression, `{` an object literal.
    Operand,
    /// After `=>`: `{` is the arrow's body, `/` a regular expression.
    Arrow,
    /// A value ended: `/` divides.
    Value,
    /// Either, depending on context the tokens do not show (`await`, `yield`, `of`).
    Either,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Brace {
    /// A block, a declaration's body or an arrow's body: what follows starts a statement.
    Block,
    /// An object literal or a function or class expression's body: a value.
    Value,
    /// An arrow function's body: a statement may follow (after a line break).
    ArrowBody,
    /// Opened where the tokens did not tell which.
    Unknown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FrameKind {
    Top,
    Paren {
        control: bool,
    },
    Bracket,
    Brace(Brace),
    /// `${ … }` in a template.
    Template,
    /// `{ … }` in JSX: an attribute value, a spread or a child.
    JsxExpression,
    /// Inside `<name …` up to its `>` or `/>`.
    JsxTag,
    /// Between an element's `>` and its closing tag.
    JsxChildren,
    /// `<…>` type arguments written on a JSX tag name (TSX).
    TypeArguments,
}

/// The top level or an open bracket, with the nesting built up inside it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Frame {
    kind: FrameKind,
    /// Levels of the current expression: operators, keywords, brackets opened in it.
    ops: usize,
    /// `else` branches of the current `if … else if …` chain.
    chain: usize,
    /// An expression just ended: the next token continues the chain only if it is `else`.
    ended: bool,
    /// TypeScript `<` not yet closed by `>` in this frame (possible type arguments).
    angles: usize,
    /// `<` open in the current expression, for the TypeScript ambiguity limit.
    loose_angles: usize,
    /// `?` waiting for their `:`.
    ternaries: usize,
    /// A `function` or `class` keyword was read: its body is the next `{` here.
    pending_body: Option<Brace>,
    /// The first `${` of the template is counted; its further `${` are siblings.
    template_counted: bool,
    /// In a JSX tag: the last token was `=`, so a `<` is an element as attribute value.
    after_equals: bool,
}

impl Frame {
    fn new(kind: FrameKind) -> Self {
        Self {
            kind,
            ops: 0,
            chain: 0,
            ended: false,
            angles: 0,
            loose_angles: 0,
            ternaries: 0,
            pending_body: None,
            template_counted: false,
            after_equals: false,
        }
    }

    fn depth(&self) -> usize {
        self.ops + self.chain + self.angles
    }

    /// Equal but for the counts, which a merge takes the larger of.
    fn same_shape(&self, other: &Self) -> bool {
        self.kind == other.kind
            && self.ended == other.ended
            && self.ternaries == other.ternaries
            && self.pending_body == other.pending_body
            && self.template_counted == other.template_counted
            && self.after_equals == other.after_equals
    }
}

// The classes of keywords `word` reads, as bits of `keyword_classes`.
/// Counts as a level of nesting (a unary operator, `new`, a control statement's head).
const NESTING: u8 = 1;
/// An operand is expected after it.
const OPERAND: u8 = 1 << 1;
/// A statement starts after it.
const STATEMENT: u8 = 1 << 2;
/// A keyword or a name, depending on context the tokens do not show.
const CONTEXTUAL: u8 = 1 << 3;
/// Its `(…)` is a statement's head: a `/` after its `)` is a regular expression.
const CONTROL: u8 = 1 << 4;
/// A line break after it ends the statement (`return\n{}` is a block).
const RESTRICTED: u8 = 1 << 5;

/// The classes above a word is in; 0 for a name. One `match` (on the length, then the
/// bytes) rather than a scan of a list per class, since every word that is not a property
/// name is asked.
fn keyword_classes(word: &[u8]) -> u8 {
    match word {
        b"if" | b"while" | b"for" => NESTING | CONTROL,
        b"with" | b"switch" | b"catch" => CONTROL,
        b"new" | b"typeof" | b"void" | b"delete" | b"in" | b"instanceof" | b"keyof" => {
            NESTING | OPERAND
        }
        b"await" => NESTING | CONTEXTUAL,
        b"yield" => NESTING | CONTEXTUAL | RESTRICTED,
        b"do" => NESTING | STATEMENT,
        b"return" | b"throw" => OPERAND | RESTRICTED,
        b"case" | b"extends" | b"as" | b"satisfies" => OPERAND,
        b"else" | b"try" | b"finally" | b"export" | b"default" => STATEMENT,
        b"of" | b"let" | b"async" => CONTEXTUAL,
        b"break" | b"continue" => RESTRICTED,
        _ => 0,
    }
}

enum Step<'s> {
    /// A token was read.
    Token,
    /// The token at the current offset reads two ways: this scanner takes the first, the
    /// boxed one the second.
    Fork(Box<Scanner<'s>>),
    /// The end of the text, or a point after which oxc parses nothing more.
    End,
}

#[derive(Debug, Clone)]
struct Scanner<'s> {
    src: &'s [u8],
    dialect: Dialect,
    pos: usize,
    /// `frames[0]` is the top level and is never closed.
    frames: Vec<Frame>,
    prev: Prev,
    /// The previous token was `.` or `?.`: the next word is a property name.
    after_dot: bool,
    /// A line terminator came after the previous token.
    newline_before: bool,
    /// The previous word was `if`, `for`, …: the next `(` is a statement head.
    control_next: bool,
    /// The previous word was `return`, `yield`, …, after which a line break ends the statement.
    restricted: bool,
    /// What came before an `async`, for the `function` that may follow it.
    before_async: Option<Prev>,
    /// Where the last token started, to point a refusal at.
    token_start: usize,
    /// Sum of every frame's depth: the estimated recursion depth here.
    total: usize,
    /// Sum of every frame's loose `<`.
    loose_total: usize,
}

impl<'s> Scanner<'s> {
    fn new(src: &'s [u8], dialect: Dialect) -> Self {
        Self {
            src,
            dialect,
            pos: 0,
            frames: vec![Frame::new(FrameKind::Top)],
            prev: Prev::Statement,
            after_dot: false,
            // oxc takes the first token as on a new line (`-->` opens a comment there).
            newline_before: true,
            control_next: false,
            restricted: false,
            before_async: None,
            token_start: 0,
            total: 0,
            loose_total: 0,
        }
    }

    fn over(&self, limits: &Limits) -> Option<Verdict> {
        let at = self.token_start.min(self.src.len()) as u32;
        if self.total > limits.depth {
            Some(Verdict::TooDeep(at))
        } else if self.dialect.typescript && self.loose_total > limits.angles {
            Some(Verdict::TooManyAngles(at))
        } else {
            None
        }
    }

    fn same_state(&self, other: &Self) -> bool {
        self.prev == other.prev
            && self.after_dot == other.after_dot
            && self.control_next == other.control_next
            && self.restricted == other.restricted
            && self.before_async == other.before_async
            && self.frames.len() == other.frames.len()
            && self
                .frames
                .iter()
                .zip(&other.frames)
                .all(|(a, b)| a.same_shape(b))
    }

    /// Takes the larger count of each frame: the merged state over-counts both readings.
    fn absorb(&mut self, other: &Self) {
        for (mine, theirs) in self.frames.iter_mut().zip(&other.frames) {
            mine.ops = mine.ops.max(theirs.ops);
            mine.chain = mine.chain.max(theirs.chain);
            mine.angles = mine.angles.max(theirs.angles);
            mine.loose_angles = mine.loose_angles.max(theirs.loose_angles);
        }
        self.total = self.frames.iter().map(Frame::depth).sum();
        self.loose_total = self.frames.iter().map(|f| f.loose_angles).sum();
    }

    fn top(&self) -> FrameKind {
        self.frames.last().map_or(FrameKind::Top, |f| f.kind)
    }

    /// Changes the innermost frame, keeping the running totals right.
    fn counted<T>(&mut self, change: impl FnOnce(&mut Frame) -> T) -> T {
        let frame = self
            .frames
            .last_mut()
            .expect("the top level is never closed");
        let (depth, loose) = (frame.depth(), frame.loose_angles);
        let out = change(frame);
        self.total = self.total - depth + frame.depth();
        self.loose_total = self.loose_total - loose + frame.loose_angles;
        out
    }

    fn byte(&self, offset: usize) -> Option<u8> {
        self.src.get(self.pos + offset).copied()
    }

    // ---- nesting bookkeeping ----

    fn operator(&mut self) {
        self.counted(|f| f.ops += 1);
    }

    /// Any token but trivia: after an ended expression only `else` keeps the chain going.
    fn token(&mut self, is_else: bool) {
        self.counted(|f| {
            if mem::take(&mut f.ended) && !is_else {
                f.chain = 0;
            }
        });
    }

    /// A bracket counts in the expression that contains it, then starts its own.
    fn open(&mut self, kind: FrameKind) {
        self.operator();
        self.frames.push(Frame::new(kind));
    }

    fn close(&mut self) -> Option<FrameKind> {
        if self.frames.len() == 1 {
            return None;
        }
        let frame = self.frames.pop()?;
        self.total -= frame.depth();
        self.loose_total -= frame.loose_angles;
        Some(frame.kind)
    }

    fn end_expression(&mut self) {
        self.counted(|f| {
            f.ops = 0;
            f.loose_angles = 0;
            f.ternaries = 0;
            f.ended = true;
        });
    }

    fn end_statement(&mut self) {
        self.end_expression();
        self.counted(|f| f.angles = 0);
    }

    // ---- the step ----

    fn step(&mut self) -> Step<'s> {
        match self.top() {
            FrameKind::JsxTag => self.jsx_tag_token(),
            FrameKind::JsxChildren => self.jsx_child(),
            _ => self.code_token(),
        }
    }

    /// Skips whitespace and comments; false at the end of the text or of what oxc reads.
    fn skip_trivia(&mut self) -> bool {
        let src = self.src;
        loop {
            let Some(&b) = src.get(self.pos) else {
                return false;
            };
            let terminator = line_terminator_len(src, self.pos);
            if terminator > 0 {
                self.pos += terminator;
                self.newline_before = true;
                continue;
            }
            match b {
                b' ' | b'\t' | 0x0B | 0x0C => self.pos += 1,
                b'/' if self.byte(1) == Some(b'/') => self.skip_line(),
                b'/' if self.byte(1) == Some(b'*') => {
                    let body = self.pos + 2;
                    let Some(len) = src[body..].windows(2).position(|w| w == b"*/") else {
                        // Unterminated: oxc reads to the end and parses nothing more.
                        self.pos = src.len();
                        return false;
                    };
                    if (body..body + len).any(|i| line_terminator_len(src, i) > 0) {
                        self.newline_before = true;
                    }
                    self.pos = body + len + 2;
                }
                b'#' if self.pos == 0 && self.byte(1) == Some(b'!') => self.skip_line(),
                b'<' if src[self.pos..].starts_with(b"<!--")
                    && (!self.dialect.module || self.newline_before) =>
                {
                    self.skip_line()
                }
                b'-' if src[self.pos..].starts_with(b"-->")
                    && self.newline_before
                    && !self.dialect.module =>
                {
                    self.skip_line()
                }
                0x80.. => {
                    let space = unicode_space_len(src, self.pos);
                    if space == 0 {
                        return true;
                    }
                    self.pos += space;
                }
                _ => return true,
            }
        }
    }

    fn skip_line(&mut self) {
        while self.pos < self.src.len() && line_terminator_len(self.src, self.pos) == 0 {
            self.pos += 1;
        }
    }

    /// Whether the token here is an operand (`/` a regular expression, `<` JSX), or a
    /// fork when the previous token does not tell.
    fn operand_expected(&mut self) -> Result<bool, Step<'s>> {
        match self.prev {
            Prev::Statement | Prev::Operand | Prev::Arrow => Ok(true),
            Prev::Value => Ok(false),
            Prev::Either => {
                let mut other = self.clone();
                other.prev = Prev::Operand;
                self.prev = Prev::Value;
                Err(Step::Fork(Box::new(other)))
            }
        }
    }

    fn code_token(&mut self) -> Step<'s> {
        if !self.skip_trivia() {
            return Step::End;
        }
        let src = self.src;
        let start = self.pos;
        self.token_start = start;
        let b = src[start];
        let after_dot = mem::take(&mut self.after_dot);
        let control = mem::take(&mut self.control_next);
        let restricted = mem::take(&mut self.restricted);
        let newline = mem::take(&mut self.newline_before);

        // A line break between a value and a name or literal ends a statement (ASI).
        let starts_statement = b.is_ascii_alphanumeric()
            || matches!(b, b'_' | b'$' | b'\'' | b'"' | b'#')
            || b >= 0x80;
        if newline && self.prev == Prev::Value && starts_statement {
            let word = self.word_at(start);
            if !matches!(word, b"in" | b"instanceof" | b"as" | b"satisfies" | b"of") {
                self.end_expression();
            }
        }

        if is_word_byte(b) && !b.is_ascii_digit() {
            let word = self.word_at(start);
            let len = word.len();
            self.token(word == b"else");
            self.pos = start + len;
            self.word(word, after_dot, newline, control);
            return Step::Token;
        }
        self.token(false);
        match b {
            b'0'..=b'9' => {
                self.number();
                self.prev = Prev::Value;
            }
            b'.' if self.byte(1).is_some_and(|c| c.is_ascii_digit()) => {
                self.number();
                self.prev = Prev::Value;
            }
            b'\'' | b'"' => {
                self.string(b);
                self.prev = Prev::Value;
            }
            b'`' => {
                if self.prev == Prev::Value {
                    // A tagged template: `f```` nests one call in the next.
                    self.operator();
                }
                self.pos += 1;
                if !self.template_text(false) {
                    return Step::End;
                }
            }
            b'/' => match self.operand_expected() {
                Err(fork) => {
                    self.pos = start;
                    return fork;
                }
                Ok(true) => {
                    if !self.regex() {
                        return Step::End;
                    }
                    self.prev = Prev::Value;
                }
                Ok(false) => {
                    self.pos += if self.byte(1) == Some(b'=') { 2 } else { 1 };
                    self.operator();
                    self.prev = Prev::Operand;
                }
            },
            b'<' if self.dialect.jsx => match self.operand_expected() {
                Err(fork) => {
                    self.pos = start;
                    return fork;
                }
                Ok(true) if !self.type_parameters_ahead() => {
                    self.pos += 1;
                    self.open(FrameKind::JsxTag);
                }
                Ok(_) => self.punctuator(),
            },
            b'(' => {
                self.pos += 1;
                self.open(FrameKind::Paren { control });
                self.prev = Prev::Operand;
            }
            b'[' => {
                self.pos += 1;
                self.open(FrameKind::Bracket);
                self.prev = Prev::Operand;
            }
            b'{' => {
                self.pos += 1;
                let brace = self.brace_kind(newline, restricted);
                self.open(FrameKind::Brace(brace));
                self.prev = match brace {
                    Brace::Value => Prev::Operand,
                    Brace::Block | Brace::ArrowBody | Brace::Unknown => Prev::Statement,
                };
            }
            b')' | b']' | b'}' => {
                self.pos += 1;
                return self.closing();
            }
            b',' => {
                self.pos += 1;
                self.end_expression();
                self.prev = Prev::Operand;
            }
            b';' => {
                self.pos += 1;
                self.end_statement();
                self.prev = Prev::Statement;
            }
            b'>' if self.top() == FrameKind::TypeArguments => {
                // One `>` at a time: the last closes the type arguments of the tag name.
                self.pos += 1;
                if !self.counted(|f| f.angles.checked_sub(1).map(|a| f.angles = a).is_some()) {
                    self.close();
                }
            }
            _ => self.punctuator(),
        }
        Step::Token
    }

    /// `<T,>(…)` and `<T extends U>(…)` in TSX are type parameters, not JSX.
    fn type_parameters_ahead(&self) -> bool {
        if !self.dialect.typescript {
            return false;
        }
        let rest = &self.src[self.pos + 1..];
        let name = rest.iter().take_while(|&&c| is_word_byte(c)).count();
        if name == 0 {
            return false;
        }
        let after = rest[name..]
            .iter()
            .position(|c| !c.is_ascii_whitespace())
            .map_or(&[][..], |i| &rest[name + i..]);
        after.starts_with(b",") || after.starts_with(b"extends")
    }

    fn word_at(&self, start: usize) -> &'s [u8] {
        let src = self.src;
        let mut end = start;
        while end < src.len() && is_word_byte(src[end]) {
            if src[end] >= 0x80
                && (unicode_space_len(src, end) > 0 || line_terminator_len(src, end) > 0)
            {
                break;
            }
            // `#` only opens a private name.
            if src[end] == b'#' && end > start {
                break;
            }
            end += 1;
        }
        &src[start..end.max(start + 1)]
    }

    fn word(&mut self, word: &'s [u8], after_dot: bool, newline: bool, control: bool) {
        if after_dot {
            self.prev = Prev::Value;
            return;
        }
        if word.contains(&b'\\') {
            // An escaped keyword (`ret\u0075rn`) is an error oxc may recover from.
            self.prev = Prev::Either;
            return;
        }
        let classes = keyword_classes(word);
        if word == b"else" {
            self.counted(|f| f.chain += 1);
        } else if classes & NESTING != 0 {
            self.operator();
        }
        let prev = self.prev;
        self.restricted = classes & RESTRICTED != 0;
        if classes & CONTROL != 0 {
            self.control_next = true;
            self.prev = Prev::Operand;
        } else if word == b"await" && control {
            // `for await (`
            self.control_next = true;
            self.prev = Prev::Operand;
        } else if word == b"function" || word == b"class" {
            let before = if self.before_async.is_some() {
                self.before_async.take().unwrap_or(prev)
            } else {
                prev
            };
            let statement = before == Prev::Statement
                || (newline && matches!(before, Prev::Value | Prev::Either));
            let body = if statement {
                Brace::Block
            } else {
                Brace::Value
            };
            self.counted(|f| f.pending_body = Some(body));
            self.prev = Prev::Value;
        } else if classes & OPERAND != 0 {
            self.prev = Prev::Operand;
        } else if classes & STATEMENT != 0 {
            self.prev = Prev::Statement;
        } else if classes & CONTEXTUAL != 0 {
            if word == b"async" {
                self.before_async = Some(prev);
            }
            self.prev = Prev::Either;
            return;
        } else {
            self.prev = Prev::Value;
        }
        self.before_async = None;
    }

    /// A numeric literal: `0x1F`, `1_000n`, `.5`, `1.5e-3`. A second `.` is a member access
    /// (`1.5.toFixed`), so it is left for the next token.
    fn number(&mut self) {
        let src = self.src;
        let digits = |scanner: &mut Self, hex: bool| {
            while scanner
                .byte(0)
                .is_some_and(|c| c.is_ascii_digit() || c == b'_' || (hex && c.is_ascii_hexdigit()))
            {
                scanner.pos += 1;
            }
        };
        if src[self.pos] == b'0'
            && matches!(self.byte(1), Some(b'x' | b'X' | b'o' | b'O' | b'b' | b'B'))
        {
            self.pos += 2;
            digits(self, true);
        } else {
            digits(self, false);
            if self.byte(0) == Some(b'.') {
                self.pos += 1;
                digits(self, false);
            }
            if matches!(self.byte(0), Some(b'e' | b'E')) {
                let sign = usize::from(matches!(self.byte(1), Some(b'+' | b'-')));
                if self.byte(1 + sign).is_some_and(|c| c.is_ascii_digit()) {
                    self.pos += 1 + sign;
                    digits(self, false);
                }
            }
        }
        if self.byte(0) == Some(b'n') {
            self.pos += 1;
        }
    }

    /// A string literal; an unescaped line break ends it (oxc reports it and goes on).
    fn string(&mut self, quote: u8) {
        let src = self.src;
        self.pos += 1;
        while self.pos < src.len() {
            match src[self.pos] {
                c if c == quote => {
                    self.pos += 1;
                    return;
                }
                b'\\' => {
                    self.pos += 1;
                    if self.pos < src.len() {
                        // `\r\n` continues the line as one terminator.
                        let len = line_terminator_len(src, self.pos).max(1);
                        self.pos += len;
                        if len == 1 && src[self.pos - 1] == b'\r' && self.byte(0) == Some(b'\n') {
                            self.pos += 1;
                        }
                    }
                }
                b'\n' | b'\r' => {
                    self.pos += 1;
                    return;
                }
                _ => self.pos += 1,
            }
        }
    }

    /// A template's text from after "`" or a `${ … }`. Opens a frame at `${`, ends after
    /// the closing "`"; false when the template never ends (oxc parses nothing more).
    fn template_text(&mut self, resumed: bool) -> bool {
        let src = self.src;
        while self.pos < src.len() {
            match src[self.pos] {
                b'\\' => self.pos += 2,
                b'`' => {
                    self.pos += 1;
                    self.prev = Prev::Value;
                    return true;
                }
                b'$' if self.byte(1) == Some(b'{') => {
                    self.pos += 2;
                    if resumed {
                        // A later `${` of the same template is a sibling of the first.
                        self.frames.push(Frame::new(FrameKind::Template));
                    } else {
                        self.open(FrameKind::Template);
                    }
                    self.prev = Prev::Operand;
                    return true;
                }
                _ => self.pos += 1,
            }
        }
        // A `\` as the last byte stepped past the end.
        self.pos = src.len();
        false
    }

    /// A regular expression literal; false when unterminated (oxc reads to the end).
    fn regex(&mut self) -> bool {
        let src = self.src;
        self.pos += 1;
        let mut class = false;
        loop {
            if self.pos >= src.len() || line_terminator_len(src, self.pos) > 0 {
                self.pos = src.len();
                return false;
            }
            match src[self.pos] {
                b'\\' => {
                    self.pos += 1;
                    if self.pos >= src.len() || line_terminator_len(src, self.pos) > 0 {
                        self.pos = src.len();
                        return false;
                    }
                }
                b'[' => class = true,
                b']' => class = false,
                b'/' if !class => break,
                _ => {}
            }
            self.pos += utf8_len(src[self.pos]).max(1);
        }
        self.pos += 1;
        while self
            .byte(0)
            .is_some_and(|c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'$'))
        {
            self.pos += 1;
        }
        true
    }

    fn brace_kind(&mut self, newline: bool, restricted: bool) -> Brace {
        let prev = self.prev;
        if matches!(prev, Prev::Value | Prev::Either)
            && let Some(body) = self.counted(|f| f.pending_body.take())
        {
            return body;
        }
        match prev {
            Prev::Statement => Brace::Block,
            Prev::Arrow => Brace::ArrowBody,
            Prev::Operand if restricted && newline => Brace::Block,
            Prev::Operand => Brace::Value,
            Prev::Value => Brace::Block,
            Prev::Either => Brace::Unknown,
        }
    }

    fn closing(&mut self) -> Step<'s> {
        match self.close() {
            Some(FrameKind::Template) => {
                if !self.template_text(true) {
                    return Step::End;
                }
            }
            Some(FrameKind::JsxExpression) => {
                // Back in a tag or among children: siblings, not nested.
                self.end_expression();
            }
            Some(FrameKind::Paren { control: true }) => self.prev = Prev::Statement,
            Some(FrameKind::Brace(Brace::Block)) => {
                // A statement ended; the frame's own expression cannot go on after it.
                self.end_statement();
                self.prev = Prev::Statement;
            }
            // An arrow's body ends its expression too, but a `? :` around it goes on.
            Some(FrameKind::Brace(Brace::ArrowBody)) => self.prev = Prev::Statement,
            Some(FrameKind::Brace(Brace::Unknown)) => self.prev = Prev::Either,
            _ => self.prev = Prev::Value,
        }
        Step::Token
    }

    fn punctuator(&mut self) {
        let src = self.src;
        let rest = &src[self.pos..];
        const LONGEST_FIRST: &[&[u8]] = &[
            b">>>=", b"...", b"===", b"!==", b"**=", b"<<=", b">>=", b">>>", b"&&=", b"||=",
            b"??=", b"=>", b"==", b"!=", b"<=", b">=", b"&&", b"||", b"??", b"++", b"--", b"+=",
            b"-=", b"*=", b"%=", b"&=", b"|=", b"^=", b"**", b"<<", b">>",
        ];
        let optional_chain =
            rest.starts_with(b"?.") && !rest.get(2).is_some_and(|c| c.is_ascii_digit());
        let len = if optional_chain {
            2
        } else {
            // Most punctuators (`(`, `;`, `,`, …) start none of the longer ones: comparing
            // first bytes skips a slice comparison per entry for them. This runs once per
            // punctuator of every file, before it is parsed.
            let first = rest[0];
            LONGEST_FIRST
                .iter()
                .filter(|p| p[0] == first)
                .find(|p| rest.starts_with(p))
                .map_or(utf8_len(first), |p| p.len())
        };
        let token = &rest[..len];
        self.pos += len;
        let frame_kind = self.top();
        match token {
            b"=>" => {
                self.operator();
                self.prev = Prev::Arrow;
            }
            b"." | b"?." => {
                self.operator();
                self.after_dot = true;
                self.prev = Prev::Operand;
            }
            b"++" | b"--" => {
                self.operator();
                // Postfix only right after a value on the same line.
                if self.prev != Prev::Value {
                    self.prev = Prev::Operand;
                }
            }
            b"<" => {
                let typescript = self.dialect.typescript;
                self.counted(|f| {
                    f.loose_angles += 1;
                    // Possible type arguments: a level until their `>`, whatever `,` come.
                    if typescript {
                        f.angles += 1;
                    } else {
                        f.ops += 1;
                    }
                });
                self.prev = Prev::Operand;
            }
            b">" | b">>" | b">>>" | b">=" | b">>=" | b">>>=" => {
                let closers = token.iter().filter(|&&c| c == b'>').count();
                let closed = self.counted(|f| {
                    f.loose_angles = f.loose_angles.saturating_sub(closers);
                    let closed = closers.min(f.angles);
                    f.angles -= closed;
                    // Closed type arguments or a type assertion still nest what follows
                    // (`<A><A><A>x`), as a prefix operator would.
                    f.ops += closed;
                    closed
                });
                if closed == closers && !token.ends_with(b"=") {
                    // The end of type arguments: a type, a value.
                    self.prev = Prev::Value;
                } else {
                    self.operator();
                    self.prev = Prev::Operand;
                }
            }
            b"?" => {
                self.counted(|f| {
                    f.ops += 1;
                    f.ternaries += 1;
                });
                self.prev = Prev::Operand;
            }
            b":" => {
                let ternary = self.counted(|f| {
                    f.ops += 1;
                    f.ternaries
                        .checked_sub(1)
                        .map(|t| f.ternaries = t)
                        .is_some()
                });
                self.prev = if ternary {
                    Prev::Operand
                } else if matches!(
                    frame_kind,
                    FrameKind::Top | FrameKind::Brace(Brace::Block | Brace::Unknown)
                ) {
                    // A label or `case …:`; a TypeScript annotation reads the same way.
                    Prev::Statement
                } else {
                    Prev::Operand
                };
            }

            _ => {
                self.operator();
                self.prev = Prev::Operand;
            }
        }
    }

    // ---- JSX ----

    /// One token inside `<name …>`: names, `=`, strings, `{…}`, `>` or `/>`.
    fn jsx_tag_token(&mut self) -> Step<'s> {
        if !self.skip_trivia() {
            return Step::End;
        }
        let src = self.src;
        self.token_start = self.pos;
        self.newline_before = false;
        let b = src[self.pos];
        let after_equals = self.counted(|f| mem::take(&mut f.after_equals));
        match b {
            b'>' => {
                self.pos += 1;
                self.close();
                self.open(FrameKind::JsxChildren);
            }
            b'/' => {
                // `/>`: the element ends here (oxc expects the `>` after any trivia).
                self.pos += 1;
                if !self.skip_trivia() {
                    return Step::End;
                }
                if src[self.pos] == b'>' {
                    self.pos += 1;
                }
                self.close();
                self.element_ended();
            }
            b'{' => {
                self.pos += 1;
                self.open(FrameKind::JsxExpression);
                self.prev = Prev::Operand;
            }
            b'"' | b'\'' => {
                // JSX attribute strings have no escapes and may span lines.
                let Some(len) = src[self.pos + 1..].iter().position(|&c| c == b) else {
                    return Step::End;
                };
                self.pos += len + 2;
            }
            b'<' => {
                self.pos += 1;
                if after_equals {
                    self.open(FrameKind::JsxTag);
                } else {
                    // Type arguments on the tag name (`<Select<string> …>`).
                    self.open(FrameKind::TypeArguments);
                    self.prev = Prev::Operand;
                }
            }
            b'=' => {
                self.pos += 1;
                self.counted(|f| f.after_equals = true);
            }
            _ => {
                // Names (with `-`, `:` and `.`), or bytes oxc rejects.
                self.pos += utf8_len(b).max(1);
            }
        }
        Step::Token
    }

    /// JSX children: text up to `{` or `<`, a `{…}`, a nested element, the closing tag.
    fn jsx_child(&mut self) -> Step<'s> {
        let src = self.src;
        self.token_start = self.pos;
        let Some(len) = src[self.pos..]
            .iter()
            .position(|c| matches!(c, b'{' | b'<' | b'>' | b'}'))
        else {
            return Step::End;
        };
        self.pos += len;
        self.token_start = self.pos;
        match src[self.pos] {
            b'{' => {
                self.pos += 1;
                self.open(FrameKind::JsxExpression);
                self.prev = Prev::Operand;
            }
            b'<' => {
                self.pos += 1;
                self.newline_before = false;
                if !self.skip_trivia() {
                    return Step::End;
                }
                match src[self.pos] {
                    b'/' => {
                        // The closing tag: its name, then `>`; comments may come between
                        // (`</a /* > */>`), as oxc reads the tag with its usual lexer.
                        self.pos += 1;
                        loop {
                            if !self.skip_trivia() {
                                return Step::End;
                            }
                            let b = src[self.pos];
                            self.pos += utf8_len(b).max(1);
                            if b == b'>' {
                                break;
                            }
                        }
                        self.close();
                        self.element_ended();
                    }
                    b'>' => {
                        self.pos += 1;
                        self.open(FrameKind::JsxChildren);
                    }
                    _ => self.open(FrameKind::JsxTag),
                }
            }
            // `>` or `}` in JSX text: oxc reports it and parses nothing more.
            _ => return Step::End,
        }
        Step::Token
    }

    /// An element or fragment ended: a sibling among children, or a value in code.
    fn element_ended(&mut self) {
        if self.top() == FrameKind::JsxChildren {
            self.end_expression();
        } else {
            self.prev = Prev::Value;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every class with the words that are in it, as the JavaScript grammar has them.
    #[test]
    fn each_keyword_is_in_its_classes_and_names_in_none() {
        let classes: [(u8, &[&[u8]]); 6] = [
            (
                NESTING,
                &[
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
                    b"keyof",
                ],
            ),
            (
                OPERAND,
                &[
                    b"return",
                    b"typeof",
                    b"instanceof",
                    b"in",
                    b"new",
                    b"delete",
                    b"void",
                    b"throw",
                    b"case",
                    b"extends",
                    b"keyof",
                    b"as",
                    b"satisfies",
                ],
            ),
            (
                STATEMENT,
                &[b"do", b"else", b"try", b"finally", b"export", b"default"],
            ),
            (CONTEXTUAL, &[b"await", b"yield", b"of", b"let", b"async"]),
            (
                CONTROL,
                &[b"if", b"while", b"for", b"with", b"switch", b"catch"],
            ),
            (
                RESTRICTED,
                &[b"return", b"yield", b"break", b"continue", b"throw"],
            ),
        ];
        let names: [&[u8]; 4] = [b"app", b"Return", b"iff", b"constructor"];
        let words = classes.iter().flat_map(|(_, words)| words.iter().copied());
        for word in words.chain(names) {
            let expected = classes
                .iter()
                .filter(|(_, words)| words.contains(&word))
                .fold(0, |all, (class, _)| all | class);
            assert_eq!(
                keyword_classes(word),
                expected,
                "{}",
                String::from_utf8_lossy(word)
            );
        }
    }
}
