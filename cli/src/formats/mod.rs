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
        Format::Json => {
            let json = serde_json::to_string(&eslint_json::results(reports, &settings.cwd))?;
            out.write_all(json_with_escaped_controls(&json).as_bytes())?;
            out.write_all(b"\n")
        }
        Format::Sarif => {
            let json = serde_json::to_string_pretty(&sarif::log(reports, &settings.cwd))?;
            out.write_all(json_with_escaped_controls(&json).as_bytes())?;
            out.write_all(b"\n")
        }
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
