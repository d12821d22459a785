//! The output formats. Each turns the reports into text; none touches lint results.

pub mod diff;
pub mod eslint_json;
pub mod sarif;
pub mod stylish;

use std::{
    borrow::Cow,
    io::{self, Write},
    path::{Component, Path, PathBuf},
};

use crate::{args::Format, run::FileReport};

/// What the formats need besides the reports.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Paths are made absolute (json) or relative (sarif) against this folder.
    pub cwd: PathBuf,
    /// ANSI colors in the stylish output.
    pub color: bool,
}

pub fn write(
    format: Format,
    reports: &[FileReport],
    settings: &Settings,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Stylish => out.write_all(stylish::render(reports, settings.color).as_bytes()),
        Format::Json => write_json(out, &eslint_json::results(reports, &settings.cwd), false),
        Format::Sarif => write_json(out, &sarif::log(reports, &settings.cwd), true),
        Format::Diff => out.write_all(diff::render(reports, &settings.cwd).as_bytes()),
    }
}

/// Whether printing `c` can act on a terminal instead of showing a character: C0 and C1
/// controls and DEL (escape sequences, bell, carriage return, line breaks that forge
/// output lines) and the bidirectional controls that make text read in another order
/// than it runs (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C).
pub fn acts_on_terminal(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}'
        )
}

/// `text` safe to print to a terminal: each character that acts on it is shown as its
/// code point, `\u{1B}`. Every text the stylish format prints goes through here: file
/// names, messages, labels, notes and the source lines of code frames.
pub fn printable(text: &str) -> Cow<'_, str> {
    replace_chars(text, acts_on_terminal, |c| {
        format!("\\u{{{:X}}}", u32::from(c))
    })
}

/// JSON whose strings hold no raw character that acts on a terminal. serde_json escapes
/// C0 controls already; DEL, C1 and bidirectional controls become `\uXXXX` escapes too,
/// which decode to the same strings, so a report piped to a terminal cannot act on it and
/// a program reading it sees the exact text. Outside strings JSON is ASCII, so every such
/// character is inside a string.
fn json_with_escaped_controls(json: &str) -> Cow<'_, str> {
    // C0 controls in the output are the layout's own line breaks (pretty SARIF).
    let raw = |c: char| c >= ' ' && acts_on_terminal(c);
    replace_chars(json, raw, |c| format!("\\u{:04x}", u32::from(c)))
}

/// Writes `value` as JSON (indented when `pretty`) and a line break, streamed through
/// [`EscapeControls`].
fn write_json(out: &mut dyn Write, value: &impl serde::Serialize, pretty: bool) -> io::Result<()> {
    let mut json = io::BufWriter::with_capacity(JSON_CHUNK_BYTES, EscapeControls::new(out));
    if pretty {
        serde_json::to_writer_pretty(&mut json, value)?;
    } else {
        serde_json::to_writer(&mut json, value)?;
    }
    json.write_all(b"\n")?;
    json.into_inner()
        .map_err(io::IntoInnerError::into_error)?
        .finish()
}

/// How much JSON serde_json writes before it is checked for controls and passed on.
const JSON_CHUNK_BYTES: usize = 64 * 1024;

/// Streams JSON to `out` as [`json_with_escaped_controls`] would print it whole, so a
/// large report is never held in memory a second time (on a 7 MB file the report is
/// 7.8 MB). A character split between two writes is held until its end arrives.
struct EscapeControls<'w> {
    out: &'w mut dyn Write,
    /// The first bytes of a character whose end is in the next write (at most 3).
    split: Vec<u8>,
}

impl<'w> EscapeControls<'w> {
    fn new(out: &'w mut dyn Write) -> Self {
        Self {
            out,
            split: Vec::new(),
        }
    }

    /// Writes what is left; serde_json's output always ends on a whole character.
    fn finish(self) -> io::Result<()> {
        self.out.write_all(&self.split)
    }

    fn pass_on(&mut self, bytes: &[u8]) -> io::Result<()> {
        let whole = match std::str::from_utf8(bytes) {
            Ok(_) => bytes.len(),
            Err(error) if error.error_len().is_none() => error.valid_up_to(),
            // Not UTF-8 (never from serde_json): passed on as it is.
            Err(_) => return self.out.write_all(bytes),
        };
        let (now, later) = bytes.split_at(whole);
        self.split.extend_from_slice(later);
        // Every character that acts on a terminal and is not escaped by serde_json starts
        // with one of these bytes: DEL, C1 controls (C2 80–9F), U+061C (D8 9C), and the
        // bidirectional controls (E2 80 8E–AE, E2 81 A6–A9).
        if !now.iter().any(|&b| matches!(b, 0x7F | 0xC2 | 0xD8 | 0xE2)) {
            return self.out.write_all(now);
        }
        let text = std::str::from_utf8(now).unwrap_or_default();
        self.out
            .write_all(json_with_escaped_controls(text).as_bytes())
    }
}

impl Write for EscapeControls<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.split.is_empty() {
            self.pass_on(buf)?;
        } else {
            let mut joined = std::mem::take(&mut self.split);
            joined.extend_from_slice(buf);
            self.pass_on(&joined)?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

/// `text` with each character `matches` accepts replaced by `escape(c)`; borrowed when
/// there is none.
fn replace_chars(
    text: &str,
    matches: impl Fn(char) -> bool,
    escape: impl Fn(char) -> String,
) -> Cow<'_, str> {
    if !text.chars().any(&matches) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if matches(c) {
            out.push_str(&escape(c));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// `cwd/path` with `.` and `..` resolved lexically, as Node's `path.resolve` does (no
/// symlinks followed, no file system access).
pub fn absolute(cwd: &Path, path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in cwd.join(path).components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// The path relative to `cwd` with forward slashes, or `None` when it lies outside.
pub fn relative_slashed(cwd: &Path, path: &Path) -> Option<String> {
    let relative = absolute(cwd, path)
        .strip_prefix(absolute(cwd, Path::new("")))
        .ok()?
        .to_path_buf();
    let parts: Vec<String> = relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    Some(parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_and_bidi_are_shown_as_code_points() {
        assert_eq!(printable("plain, é, 名, 😀"), "plain, é, 名, 😀");
        assert_eq!(
            printable("a\u{1b}]0;PWNED\u{7}\r\nb\u{7f}\u{9b}"),
            "a\\u{1B}]0;PWNED\\u{7}\\u{D}\\u{A}b\\u{7F}\\u{9B}"
        );
        assert_eq!(
            printable("x\u{202E}y\u{2066}\u{200F}\u{61C}"),
            "x\\u{202E}y\\u{2066}\\u{200F}\\u{61C}"
        );
    }

    #[test]
    fn json_keeps_the_text_but_not_the_raw_controls() {
        let text = "dest: '\u{1b}[2J\u{7f}\u{85}\u{202E}txt.js'";
        let json = serde_json::to_string(text).unwrap();
        let escaped = json_with_escaped_controls(&json);
        assert!(!escaped.chars().any(acts_on_terminal), "{escaped}");
        assert!(escaped.contains("\\u202e"), "{escaped}");
        let decoded: String = serde_json::from_str(&escaped).unwrap();
        assert_eq!(decoded, text);
    }

    #[test]
    fn streamed_json_is_escaped_as_the_whole_text_is_whatever_the_writes() {
        let text = "a\u{7f}b\u{85}é\u{202E}名\u{2066}\u{61C}😀 \u{a9}\u{200F}end";
        let json = serde_json::to_string(text).unwrap();
        let whole = json_with_escaped_controls(&json).into_owned();
        // Every split point, mid-character ones included.
        for at in 0..=json.len() {
            let mut streamed = Vec::new();
            let mut writer = EscapeControls::new(&mut streamed);
            writer.write_all(&json.as_bytes()[..at]).unwrap();
            writer.write_all(&json.as_bytes()[at..]).unwrap();
            writer.finish().unwrap();
            assert_eq!(String::from_utf8(streamed).unwrap(), whole, "split at {at}");
        }
        // serde_json's own small writes, through the buffer `write` uses.
        let mut streamed = Vec::new();
        let mut json_out = io::BufWriter::with_capacity(7, EscapeControls::new(&mut streamed));
        serde_json::to_writer(&mut json_out, text).unwrap();
        json_out.into_inner().ok().unwrap().finish().unwrap();
        assert_eq!(String::from_utf8(streamed).unwrap(), whole);
    }

    #[test]
    fn absolute_resolves_dots_lexically() {
        let cwd = Path::new("/work/app");
        assert_eq!(
            absolute(cwd, Path::new("./src/../lib/a.js")),
            Path::new("/work/app/lib/a.js")
        );
        assert_eq!(
            absolute(cwd, Path::new("/etc/x.js")),
            Path::new("/etc/x.js")
        );
    }

    #[test]
    fn relative_paths_use_forward_slashes_and_stay_inside() {
        let cwd = Path::new("/work/app");
        assert_eq!(
            relative_slashed(cwd, Path::new("src/routes/a.js")).unwrap(),
            "src/routes/a.js"
        );
        assert_eq!(
            relative_slashed(cwd, Path::new("/work/app/b.ts")).unwrap(),
            "b.ts"
        );
        assert_eq!(relative_slashed(cwd, Path::new("../other/c.js")), None);
    }
}
