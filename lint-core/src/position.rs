//! The one place where UTF-8 byte offsets become lines and UTF-16 columns.
//!
//! oxc reports spans as UTF-8 byte offsets; browsers, CodeMirror and ESLint's formats
//! count UTF-16 code units. Every conversion in the project goes through [`LineIndex`].

use serde::{Deserialize, Serialize};

/// A range of the source, in both encodings.
///
/// `start`/`end` are UTF-8 byte offsets (what Rust slices with); `start_utf16`/`end_utf16`
/// are UTF-16 code-unit offsets (what JavaScript strings index with). Lines and columns
/// are 1-based; columns count UTF-16 code units, as ESLint does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SourceRange {
    pub start: u32,
    pub end: u32,
    pub start_utf16: u32,
    pub end_utf16: u32,
    pub line: u32,
    pub column: u32,
    pub end_line: u32,
    pub end_column: u32,
}

/// Bytes between checkpoints of [`LineIndex::surplus`]: a conversion reads at most this
/// many bytes, however long the line.
const BLOCK: usize = 64;

/// Line starts of a source text, and UTF-16 checkpoints every [`BLOCK`] bytes, so that an
/// offset converts in O(log lines + BLOCK) whatever the line's length (minified code has
/// lines of megabytes, with thousands of findings on one).
#[derive(Debug, Clone)]
pub struct LineIndex<'s> {
    source: &'s str,
    /// Byte offset of the first character of each line.
    line_starts: Vec<u32>,
    /// UTF-16 offset of the first character of each line.
    line_starts_utf16: Vec<u32>,
    /// `surplus[k]`: how many more UTF-8 bytes than UTF-16 units the text before byte
    /// `k * BLOCK` holds. Counted per byte (+1 per continuation byte, −1 per lead byte of a
    /// four-byte character, which is two units), so it adds up across a block boundary that
    /// falls inside a character; at a character boundary `o`, the UTF-16 offset is
    /// `o - surplus`.
    surplus: Vec<u32>,
}

/// A byte's share of the surplus of UTF-8 bytes over UTF-16 units.
fn surplus_of(byte: u8) -> i32 {
    match byte {
        0x80..=0xBF => 1,
        0xF0.. => -1,
        _ => 0,
    }
}

impl<'s> LineIndex<'s> {
    pub fn new(source: &'s str) -> Self {
        let mut line_starts = vec![0];
        let mut line_starts_utf16 = vec![0];
        let mut utf16 = 0u32;
        // Byte by byte, decoding only non-ASCII characters: most source is ASCII, and
        // this runs over every file once per lint.
        let bytes = source.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let byte = bytes[i];
            // Line terminators as ECMAScript counts them: LF, CR, CRLF, LS, PS.
            let is_break = if byte.is_ascii() {
                i += 1;
                utf16 += 1;
                if byte == b'\r' && bytes.get(i) == Some(&b'\n') {
                    i += 1;
                    utf16 += 1;
                }
                byte == b'\n' || byte == b'\r'
            } else {
                let c = source[i..].chars().next().unwrap_or_default();
                i += c.len_utf8();
                utf16 += c.len_utf16() as u32;
                c == '\u{2028}' || c == '\u{2029}'
            };
            if is_break {
                line_starts.push(i as u32);
                line_starts_utf16.push(utf16);
            }
        }
        let mut surplus = Vec::with_capacity(source.len() / BLOCK + 1);
        let mut running = 0i32;
        for block in source.as_bytes().chunks(BLOCK) {
            surplus.push(running as u32);
            running += block.iter().map(|&b| surplus_of(b)).sum::<i32>();
        }
        surplus.push(running as u32);
        Self {
            source,
            line_starts,
            line_starts_utf16,
            surplus,
        }
    }

    /// The UTF-16 offset of a byte offset on a character boundary, reading at most
    /// [`BLOCK`] bytes.
    fn utf16_at(&self, offset: u32) -> u32 {
        let block = offset as usize / BLOCK;
        let from = block * BLOCK;
        let within: i32 = self.source.as_bytes()[from..offset as usize]
            .iter()
            .map(|&b| surplus_of(b))
            .sum();
        (offset as i64 - i64::from(self.surplus[block]) - i64::from(within)) as u32
    }

    pub fn source(&self) -> &'s str {
        self.source
    }

    /// Clamps a byte offset into the text and back onto a character boundary.
    fn clamp(&self, offset: u32) -> u32 {
        let mut offset = (offset as usize).min(self.source.len());
        while !self.source.is_char_boundary(offset) {
            offset -= 1;
        }
        offset as u32
    }

    fn line_of(&self, offset: u32) -> usize {
        match self.line_starts.binary_search(&offset) {
            Ok(line) => line,
            Err(next) => next - 1,
        }
    }

    /// 1-based line, 1-based UTF-16 column and UTF-16 offset of a byte offset.
    pub fn position(&self, offset: u32) -> (u32, u32, u32) {
        let offset = self.clamp(offset);
        let line = self.line_of(offset);
        let utf16 = self.utf16_at(offset);
        let within = utf16 - self.line_starts_utf16[line];
        (line as u32 + 1, within + 1, utf16)
    }

    /// The range of a byte span, in both encodings.
    pub fn range(&self, start: u32, end: u32) -> SourceRange {
        let start = self.clamp(start);
        let end = self.clamp(end.max(start));
        let (line, column, start_utf16) = self.position(start);
        let (end_line, end_column, end_utf16) = self.position(end);
        SourceRange {
            start,
            end,
            start_utf16,
            end_utf16,
            line,
            column,
            end_line,
            end_column,
        }
    }

    /// The byte offset of a UTF-16 offset (for edits coming back from a browser).
    /// An offset inside a surrogate pair or past the end is clamped.
    pub fn byte_offset_of_utf16(&self, utf16: u32) -> u32 {
        let line = match self.line_starts_utf16.binary_search(&utf16) {
            Ok(line) => line,
            Err(next) => next - 1,
        };
        // Start from the last checkpoint on this line at or before `utf16`: the first
        // character boundary at or after a block's start is at the block's UTF-16 offset.
        let line_start = self.line_starts[line] as usize;
        let line_end = self
            .line_starts
            .get(line + 1)
            .map_or(self.source.len(), |&e| e as usize);
        let at_block = |k: usize| (k * BLOCK - self.surplus[k] as usize) as u32;
        // Binary search for the last block starting on this line at or before `utf16`.
        let (mut low, mut high) = (line_start.div_ceil(BLOCK), line_end / BLOCK + 1);
        while low < high {
            let middle = (low + high) / 2;
            if at_block(middle) <= utf16 {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        let first_on_line = line_start.div_ceil(BLOCK);
        let checkpoint = (low > first_on_line).then(|| low - 1);
        let (mut start, mut remaining) = match checkpoint {
            Some(k) => {
                let mut at = k * BLOCK;
                while !self.source.is_char_boundary(at) {
                    at += 1;
                }
                (at, utf16 - at_block(k))
            }
            None => (line_start, utf16 - self.line_starts_utf16[line]),
        };
        start = start.min(self.source.len());
        for (i, c) in self.source[start..].char_indices() {
            let width = c.len_utf16() as u32;
            if remaining < width {
                return (start + i) as u32;
            }
            remaining -= width;
        }
        self.source.len() as u32
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// The byte offset where a 1-based line starts (the text's end past the last line).
    pub fn line_start(&self, line: u32) -> u32 {
        let index = (line.max(1) - 1) as usize;
        self.line_starts
            .get(index)
            .copied()
            .unwrap_or(self.source.len() as u32)
    }

    /// The text of a 1-based line, without its terminator.
    pub fn line_text(&self, line: u32) -> &'s str {
        let index = (line.max(1) - 1) as usize;
        let Some(&start) = self.line_starts.get(index) else {
            return "";
        };
        let end = self
            .line_starts
            .get(index + 1)
            .map_or(self.source.len(), |&e| e as usize);
        self.source[start as usize..end].trim_end_matches(['\n', '\r', '\u{2028}', '\u{2029}'])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_positions() {
        let index = LineIndex::new("ab\ncd");
        assert_eq!(index.position(0), (1, 1, 0));
        assert_eq!(index.position(3), (2, 1, 3));
        assert_eq!(index.position(5), (2, 3, 5));
    }

    #[test]
    fn astral_characters_count_two_utf16_units() {
        // "😀" is 4 bytes and 2 UTF-16 units; "é" is 2 bytes and 1 unit.
        let src = "é😀x\ny";
        let index = LineIndex::new(src);
        let x = src.find('x').unwrap() as u32;
        assert_eq!(index.position(x), (1, 4, 3));
        let y = src.find('y').unwrap() as u32;
        assert_eq!(index.position(y), (2, 1, 5));
        assert_eq!(index.byte_offset_of_utf16(3), x);
        assert_eq!(index.byte_offset_of_utf16(5), y);
    }

    #[test]
    fn crlf_and_unicode_line_separators_end_lines() {
        let index = LineIndex::new("a\r\nb\u{2028}c\rd");
        assert_eq!(index.line_count(), 4);
        assert_eq!(index.line_text(1), "a");
        assert_eq!(index.line_text(2), "b");
        assert_eq!(index.line_text(3), "c");
        assert_eq!(index.line_text(4), "d");
        assert_eq!(index.position(3).0, 2);
    }

    #[test]
    fn long_lines_convert_at_every_boundary_across_checkpoints() {
        // Characters of one to four bytes, so checkpoints fall inside characters too.
        let line: String = "a é 名 😀 \t".repeat(200);
        let src = format!("{line}\r\n{line}\u{2028}x{line}");
        let index = LineIndex::new(&src);
        let (mut line_no, mut line_utf16_start, mut utf16) = (1, 0, 0);
        let mut chars = src.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            let offset = i as u32;
            assert_eq!(
                index.position(offset),
                (line_no, utf16 - line_utf16_start + 1, utf16),
                "at byte {i}"
            );
            assert_eq!(index.byte_offset_of_utf16(utf16), offset, "at unit {utf16}");
            utf16 += c.len_utf16() as u32;
            if matches!(c, '\n' | '\u{2028}') {
                line_no += 1;
                line_utf16_start = utf16;
            }
            if c == '\r' && chars.peek().is_some_and(|&(_, n)| n == '\n') {
                let (_, n) = chars.next().expect("peeked");
                utf16 += n.len_utf16() as u32;
                line_no += 1;
                line_utf16_start = utf16;
            }
        }
        assert_eq!(
            index.position(src.len() as u32).2,
            src.encode_utf16().count() as u32
        );
    }

    #[test]
    fn line_starts_match_a_character_by_character_count() {
        // The line starts in bytes and UTF-16 units, counted one character at a time.
        fn by_characters(source: &str) -> (Vec<u32>, Vec<u32>) {
            let (mut bytes, mut units) = (vec![0], vec![0]);
            let mut utf16 = 0;
            let mut chars = source.char_indices().peekable();
            while let Some((_, c)) = chars.next() {
                utf16 += c.len_utf16() as u32;
                let crlf = c == '\r' && chars.peek().is_some_and(|&(_, n)| n == '\n');
                if crlf {
                    chars.next();
                    utf16 += 1;
                }
                if matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}') {
                    bytes.push(chars.peek().map_or(source.len(), |&(j, _)| j) as u32);
                    units.push(utf16);
                }
            }
            (bytes, units)
        }
        for source in [
            "",
            "\r",
            "a\r\r\nb\n\n",
            "é😀\u{2028}\u{2029}x\r\n€\rÿ",
            "const s = 'naïve';\r\n// ✓ done\u{2028}\n😀\r",
        ] {
            let index = LineIndex::new(source);
            let expected = by_characters(source);
            assert_eq!(
                (index.line_starts.clone(), index.line_starts_utf16.clone()),
                expected,
                "{source:?}"
            );
        }
    }

    #[test]
    fn offsets_inside_a_character_or_past_the_end_are_clamped() {
        let index = LineIndex::new("😀");
        assert_eq!(index.range(2, 99).start, 0);
        assert_eq!(index.range(2, 99).end, 4);
        assert_eq!(index.byte_offset_of_utf16(1), 0);
    }
}
