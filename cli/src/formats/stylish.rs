//! The format for people: a code frame per finding in the style of rustc's diagnostics,
//! then a summary line as ESLint's stylish formatter prints it.

use std::fmt::Write;

use lint_core::{Diagnostic, FixSafety, LineIndex, Severity, SourceRange};
use unicode_width::UnicodeWidthChar;

use crate::{
    formats::{acts_on_terminal, printable},
    run::FileReport,
};

/// Longest part of a source line shown; minified code has lines of megabytes.
const MAX_SHOWN_CHARS: usize = 160;
/// Lines of a multi-line range shown before the rest is elided.
const MAX_SHOWN_LINES: u32 = 4;

pub fn render(reports: &[FileReport], color: bool) -> String {
    let paint = Palette::new(color);
    let mut out = String::new();
    for report in reports {
        let name = report.path.as_ref().map_or_else(
            || "<stdin>".into(),
            |p| printable(&p.to_string_lossy()).into_owned(),
        );
        let index = report.source.as_deref().map(LineIndex::new);
        for diagnostic in &report.diagnostics {
            render_diagnostic(&mut out, &paint, &name, index.as_ref(), diagnostic);
        }
    }
    let errors: usize = reports.iter().map(FileReport::errors).sum();
    let warnings: usize = reports.iter().map(FileReport::warnings).sum();
    if errors + warnings > 0 {
        let style = if errors > 0 {
            paint.error
        } else {
            paint.warning
        };
        let _ = writeln!(
            out,
            "{style}{} ({}, {}){}",
            plural(errors + warnings, "problem"),
            plural(errors, "error"),
            plural(warnings, "warning"),
            paint.reset
        );
    }
    out
}

fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

fn render_diagnostic(
    out: &mut String,
    paint: &Palette,
    file: &str,
    index: Option<&LineIndex<'_>>,
    d: &Diagnostic,
) {
    let (word, style) = match d.severity {
        Severity::Error => ("error", paint.error),
        Severity::Warning => ("warning", paint.warning),
        Severity::Info => ("info", paint.info),
    };
    let rule = d.rule.map(|r| format!("[{r}]")).unwrap_or_default();
    let (b, r) = (paint.bold, paint.reset);
    let _ = writeln!(
        out,
        "{style}{word}{rule}{r}{b}: {}{r}",
        printable(&d.message)
    );
    let snippet = index.map(|index| {
        let mut snippet = Snippet::new(index);
        snippet.add(&d.range, '^', style, None);
        // Labels in other files have no lines here: they are listed below the frame.
        for label in d.labels.iter().filter(|l| l.file.is_none()) {
            snippet.add(&label.range, '-', paint.frame, Some(&label.message));
        }
        snippet
    });
    let width = snippet.as_ref().map_or(1, Snippet::gutter_width);
    let gutter = format!("{}{:width$} |{r}", paint.frame, "");
    let _ = writeln!(
        out,
        "{}{:width$}--> {r}{file}:{}:{}",
        paint.frame, "", d.range.line, d.range.column
    );
    if let Some(snippet) = snippet {
        let _ = writeln!(out, "{gutter}");
        snippet.write(out, paint, width);
        let _ = writeln!(out, "{gutter}");
    }
    let note = |out: &mut String, key: &str, text: &str| {
        let text = printable(text);
        let _ = writeln!(out, "{}{:width$} = {r}{b}{key}:{r} {text}", paint.frame, "");
    };
    for label in &d.labels {
        if let Some(other) = &label.file {
            let (line, column) = (label.range.line, label.range.column);
            note(
                out,
                "see",
                &format!("{other}:{line}:{column}: {}", label.message),
            );
        }
    }
    if !d.failures.is_empty() {
        let failures: Vec<_> = d.failures.iter().map(|f| f.describe()).collect();
        note(out, "fails", &failures.join("; "));
    }
    if let Some(help) = &d.help {
        note(out, "help", help);
    }
    for rewrite in &d.rewrites {
        let safety = match rewrite.safety {
            FixSafety::Safe => "safe fix",
            FixSafety::Suggestion => "suggestion",
        };
        let also = match rewrite.other_files.as_slice() {
            [] => String::new(),
            others => {
                let paths: Vec<&str> = others.iter().map(|o| o.path.as_str()).collect();
                format!("; also edits {}", paths.join(", "))
            }
        };
        note(
            out,
            "rewrite",
            &format!("{} ({safety}{also})", rewrite.title),
        );
        if let Some(needs) = rewrite.needs.summary() {
            // `needs: npm install …` reads as its own note under the rewrite.
            let (label, text) = needs.split_once(": ").unwrap_or(("needs", &needs));
            note(out, label, text);
        }
    }
    out.push('\n');
}

/// The source lines of ranges with the covered parts underlined, rustc style: every line
/// shown once, in order, with all of its underlines beneath it; skipped lines show as `...`.
struct Snippet<'i, 's> {
    index: &'i LineIndex<'s>,
    marks: Vec<Mark<'i>>,
}

/// One underline on one line.
struct Mark<'m> {
    /// The byte range the mark is part of, to recognise a label on the primary range.
    range: (u32, u32),
    line: u32,
    /// Byte offsets in the line's text, `to` exclusive; found from the range's own byte
    /// offsets, so no mark scans its line (minified lines are megabytes long).
    from: usize,
    to: usize,
    mark: char,
    style: &'static str,
    /// Whether this is the range's last shown line, where its message goes.
    is_last: bool,
    message: Option<&'m str>,
}

impl<'i, 's> Snippet<'i, 's> {
    fn new(index: &'i LineIndex<'s>) -> Self {
        Self {
            index,
            marks: Vec::new(),
        }
    }

    /// Underlines `range` with `mark` in `style`, with `message` after its last underline.
    fn add(
        &mut self,
        range: &SourceRange,
        mark: char,
        style: &'static str,
        message: Option<&'i str>,
    ) {
        // A label on exactly the range already underlined is said beside that underline
        // rather than drawn twice.
        let key = (range.start, range.end);
        let same = self
            .marks
            .iter_mut()
            .rev()
            .find(|m| m.range == key && m.is_last);
        if let Some(existing) = same.filter(|m| m.message.is_none()) {
            existing.message = message;
            return;
        }
        // A range that ends just after a line break ends, for the eye, on the line before.
        let last = if range.end_line > range.line && range.end_column == 1 {
            range.end_line - 1
        } else {
            range.end_line
        };
        // The middle of a long range is left out, and shows as a gap.
        let lines: Vec<u32> = if last - range.line < MAX_SHOWN_LINES {
            (range.line..=last).collect()
        } else {
            vec![range.line, range.line + 1, last]
        };
        for line in lines {
            let text = self.index.line_text(line);
            let line_start = self.index.line_start(line) as usize;
            self.marks.push(Mark {
                range: key,
                is_last: line == last,
                line,
                from: if line == range.line {
                    range.start as usize - line_start
                } else {
                    text.len() - text.trim_start().len()
                },
                to: if line == range.end_line {
                    range.end as usize - line_start
                } else {
                    usize::MAX
                },
                mark,
                style,
                message: message.filter(|_| line == last),
            });
        }
    }

    /// The widest line number, for the gutter.
    fn gutter_width(&self) -> usize {
        self.marks
            .iter()
            .map(|m| m.line.to_string().len())
            .max()
            .unwrap_or(1)
    }

    fn write(mut self, out: &mut String, paint: &Palette, width: usize) {
        let r = paint.reset;
        // Stable: on one line, the primary range stays above the labels.
        self.marks.sort_by_key(|m| m.line);
        let mut previous: Option<u32> = None;
        for mark in &self.marks {
            let text = self.index.line_text(mark.line);
            let (shown, start, len) = clip(text, mark.from, mark.to);
            if previous != Some(mark.line) {
                if previous.is_some_and(|p| mark.line > p + 1) {
                    let _ = writeln!(out, "{}{:width$}...{r}", paint.frame, "");
                }
                let _ = writeln!(out, "{}{:>width$} |{r} {shown}", paint.frame, mark.line);
                previous = Some(mark.line);
            }
            let underline: String = std::iter::repeat_n(mark.mark, len.max(1)).collect();
            let tail = mark
                .message
                .map(|m| format!(" {}", printable(m)))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "{}{:width$} |{r} {:start$}{}{underline}{tail}{r}",
                paint.frame, "", "", mark.style
            );
        }
    }
}

/// The line as shown (tabs expanded, controls escaped, clipped around the range when
/// long), with the display column where the underline starts and its length. `from` and
/// `to` are byte offsets in `text` (`to` exclusive). Only the shown window is visited, so
/// the cost does not grow with the line: wide (CJK, emoji) characters and tabs line up.
fn clip(text: &str, from: usize, to: usize) -> (String, usize, usize) {
    let from = floor_char_boundary(text, from.min(text.len()));
    let to = floor_char_boundary(text, to.clamp(from, text.len()));
    let window_start = text[..from]
        .char_indices()
        .rev()
        .take(MAX_SHOWN_CHARS / 4)
        .last()
        .map_or(from, |(i, _)| i);
    let window_end = text[window_start..]
        .char_indices()
        .nth(MAX_SHOWN_CHARS)
        .map_or(text.len(), |(i, _)| window_start + i);
    let (from, to) = (from.min(window_end), to.min(window_end));
    let mut shown = String::new();
    let (mut start, mut len) = (0, 0);
    if window_start > 0 {
        shown.push('…');
        start = 1;
    }
    for (i, c) in text[window_start..window_end].char_indices() {
        let at = window_start + i;
        let width = match c {
            '\t' => {
                shown.push_str("    ");
                4
            }
            // Escape sequences, carriage returns and bidi controls would act on the terminal.
            c if acts_on_terminal(c) => {
                let escaped = printable(c.encode_utf8(&mut [0; 4])).into_owned();
                shown.push_str(&escaped);
                escaped.len()
            }
            c => {
                shown.push(c);
                c.width().unwrap_or(1)
            }
        };
        if at < from {
            start += width;
        } else if at < to {
            len += width;
        }
    }
    if window_end < text.len() {
        shown.push('…');
    }
    (shown, start, len)
}

fn floor_char_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// ANSI styles, or empty strings when colors are off.
struct Palette {
    error: &'static str,
    warning: &'static str,
    info: &'static str,
    frame: &'static str,
    bold: &'static str,
    reset: &'static str,
}

impl Palette {
    fn new(color: bool) -> Self {
        if color {
            Self {
                error: "\x1b[1;31m",
                warning: "\x1b[1;33m",
                info: "\x1b[1;36m",
                frame: "\x1b[1;34m",
                bold: "\x1b[1m",
                reset: "\x1b[0m",
            }
        } else {
            Self {
                error: "",
                warning: "",
                info: "",
                frame: "",
                bold: "",
                reset: "",
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use lint_core::{Failure, Label, Rewrite, RuleId};

    use super::*;

    const SOURCE: &str = "const multer = require('multer');\n\
                          const upload = multer({ dest: 'uploads/' });\n\
                          app.post('/photos', upload.single('photo'), save);\n";

    fn finding() -> Diagnostic {
        let index = LineIndex::new(SOURCE);
        let call = SOURCE.find("multer({").unwrap() as u32;
        let route = SOURCE.find("app.post").unwrap() as u32;
        Diagnostic {
            rule: Some(RuleId::NoLocalUploads),
            severity: Severity::Error,
            fatal: false,
            message: "Uploaded files are written to the server's own disk".into(),
            range: index.range(call, call + 28),
            labels: vec![Label::new(
                index.range(route, route + 8),
                "mounted on POST /photos",
            )],
            help: Some("Keep uploads in object storage.".into()),
            failures: vec![Failure::LostOnReplace, Failure::DivergesOnScale],
            state: None,
            rewrites: vec![Rewrite {
                needs: Default::default(),
                other_files: vec![],
                title: "Send uploads to S3".into(),
                safety: FixSafety::Suggestion,
                edits: vec![],
            }],
        }
    }

    fn report(diagnostics: Vec<Diagnostic>) -> FileReport {
        FileReport {
            path: Some(PathBuf::from("src/app.js")),
            source: Some(SOURCE.into()),
            diagnostics,
            unreadable: false,
        }
    }

    #[test]
    fn a_finding_shows_where_what_it_breaks_and_what_to_do() {
        let text = render(&[report(vec![finding()])], false);
        let expected = "\
error[no-local-uploads]: Uploaded files are written to the server's own disk
 --> src/app.js:2:16
  |
2 | const upload = multer({ dest: 'uploads/' });
  |                ^^^^^^^^^^^^^^^^^^^^^^^^^^^^
3 | app.post('/photos', upload.single('photo'), save);
  | -------- mounted on POST /photos
  |
  = fails: lost when the server is replaced; differs between instances when scaled
  = help: Keep uploads in object storage.
  = rewrite: Send uploads to S3 (suggestion)

1 problem (1 error, 0 warnings)
";
        assert_eq!(text, expected);
    }

    #[test]
    fn lines_are_shown_once_in_order_with_their_underlines_and_gaps_marked() {
        let source = "app.use(session({ secret: 's' }));\n\n\napp.listen(3000);\n";
        let index = LineIndex::new(source);
        let (call, listen) = (8, source.find("app.listen").unwrap() as u32);
        let mut snippet = Snippet::new(&index);
        snippet.add(&index.range(listen, listen + 10), '^', "", None);
        snippet.add(
            &index.range(call, call + 25),
            '-',
            "",
            Some("session made here"),
        );
        snippet.add(&index.range(0, 7), '-', "", Some("mounted on USE /"));
        let mut out = String::new();
        snippet.write(&mut out, &Palette::new(false), 1);
        let expected = "\
1 | app.use(session({ secret: 's' }));
  |         ------------------------- session made here
  | ------- mounted on USE /
 ...
4 | app.listen(3000);
  | ^^^^^^^^^^
";
        assert_eq!(out, expected);
    }

    #[test]
    fn a_label_on_the_primary_range_is_said_beside_its_underline() {
        let source = "app.use(session({\n  secret: 's',\n}));\n";
        let index = LineIndex::new(source);
        let range = index.range(8, 35);
        let mut snippet = Snippet::new(&index);
        snippet.add(&range, '^', "", None);
        snippet.add(&range, '-', "", Some("mounted on USE /"));
        let mut out = String::new();
        snippet.write(&mut out, &Palette::new(false), 1);
        let expected = "\
1 | app.use(session({
  |         ^^^^^^^^^
2 |   secret: 's',
  |   ^^^^^^^^^^^^
3 | }));
  | ^^ mounted on USE /
";
        assert_eq!(out, expected);
    }

    #[test]
    fn colors_only_when_asked() {
        assert!(!render(&[report(vec![finding()])], false).contains('\x1b'));
        let colored = render(&[report(vec![finding()])], true);
        assert!(
            colored.contains("\x1b[1;31merror[no-local-uploads]"),
            "{colored}"
        );
    }

    #[test]
    fn clean_files_print_nothing() {
        assert_eq!(render(&[report(vec![])], false), "");
    }

    #[test]
    fn summary_counts_infos_as_warnings_and_pluralises() {
        let warn = Diagnostic {
            severity: Severity::Warning,
            ..finding()
        };
        let info = Diagnostic {
            severity: Severity::Info,
            ..finding()
        };
        let text = render(&[report(vec![finding(), warn, info])], false);
        assert!(
            text.ends_with("3 problems (1 error, 2 warnings)\n"),
            "{text}"
        );
        assert!(text.contains("\ninfo[no-local-uploads]: "), "{text}");
    }

    #[test]
    fn underline_lines_up_after_tabs_and_astral_characters() {
        // "😀" is two UTF-16 columns and two terminal cells; the tab is shown as four spaces.
        let (shown, start, len) = clip("\t'😀' + x", 8, 9);
        assert_eq!(shown, "    '😀' + x");
        assert_eq!((start, len), (9, 1));
        // "é" is one cell, "名" two.
        assert_eq!(clip("é名 = 1", 6, 7).1, 4);
    }

    #[test]
    fn long_lines_are_clipped_around_the_range() {
        let line = format!("{}TARGET{}", "a".repeat(1000), "b".repeat(1000));
        let (shown, start, len) = clip(&line, 1000, 1006);
        assert!(shown.chars().count() <= MAX_SHOWN_CHARS + 2);
        assert_eq!(
            shown.chars().skip(start).take(len).collect::<String>(),
            "TARGET"
        );
    }

    #[test]
    fn long_ranges_are_elided_in_the_middle() {
        let source = "a(\n1,\n2,\n3,\n4,\n5)\n";
        let index = LineIndex::new(source);
        let mut snippet = Snippet::new(&index);
        snippet.add(&index.range(0, 17), '^', "", None);
        let mut out = String::new();
        snippet.write(&mut out, &Palette::new(false), 1);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(
            lines,
            [
                "1 | a(", "  | ^^", "2 | 1,", "  | ^^", " ...", "6 | 5)", "  | ^^"
            ]
        );
    }

    #[test]
    fn unreadable_files_have_no_frame() {
        let fatal = Diagnostic {
            rule: None,
            fatal: true,
            message: "Could not read this file: permission denied.".into(),
            labels: vec![],
            help: None,
            failures: vec![],
            rewrites: vec![],
            range: LineIndex::new("").range(0, 0),
            ..finding()
        };
        let report = FileReport {
            source: None,
            unreadable: true,
            ..report(vec![fatal])
        };
        assert_eq!(
            render(&[report], false),
            "error: Could not read this file: permission denied.\n --> src/app.js:1:1\n\n1 problem (1 error, 0 warnings)\n"
        );
    }
}
