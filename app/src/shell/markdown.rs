//! Markdown in the app: the lessons', hints' and rule docs' HTML comes rendered at build
//! time with the content (content-build/src/markdown.rs), so the wasm carries no markdown
//! renderer; one-line messages have their `code spans` split out here.

use yew::{AttrValue, Html, html};

/// The HTML of one of our lessons, hints or rule docs. The text is our own content, never
/// the learner's, and its raw HTML was escaped when it was rendered, so the HTML is
/// trusted. Markdown without a rendering (none of the built-in content) shows as text.
pub fn rendered(markdown: &str) -> Html {
    match lint_core::content::rendered(markdown) {
        Some(html) => Html::from_html_unchecked(AttrValue::Static(html)),
        None => html! { <pre class="markdown-source">{ markdown.to_owned() }</pre> },
    }
}

/// A piece of a one-line message: plain text or a `code span`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inline {
    Text(String),
    Code(String),
}

/// Splits a diagnostic message into text and code spans, the way CommonMark reads code
/// spans: a run of backticks opens one and the next run of the same length closes it;
/// a backslash before punctuation outside code makes it literal; other markdown is left
/// as written. Messages quote the learner's own code, so they become text nodes, never
/// HTML.
pub fn inline(message: &str) -> Vec<Inline> {
    let mut pieces: Vec<Inline> = Vec::new();
    let mut text = String::new();
    let mut rest = message;
    while let Some(c) = rest.chars().next() {
        if c == '\\' && rest[1..].starts_with(|n: char| n.is_ascii_punctuation()) {
            text.push_str(&rest[1..2]);
            rest = &rest[2..];
        } else if c == '`' {
            let run = rest.len() - rest.trim_start_matches('`').len();
            match closing(&rest[run..], run) {
                Some(end) => {
                    if !text.is_empty() {
                        pieces.push(Inline::Text(std::mem::take(&mut text)));
                    }
                    pieces.push(Inline::Code(code_text(&rest[run..run + end])));
                    rest = &rest[run + end + run..];
                }
                // No closing run: the backticks are text.
                None => {
                    text.push_str(&rest[..run]);
                    rest = &rest[run..];
                }
            }
        } else if c == '\n' {
            text.push(' ');
            rest = &rest[1..];
        } else {
            text.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    if !text.is_empty() {
        pieces.push(Inline::Text(text));
    }
    pieces
}

/// Where the next run of exactly `len` backticks starts in `text`.
fn closing(text: &str, len: usize) -> Option<usize> {
    let mut at = 0;
    while let Some(start) = text[at..].find('`').map(|i| at + i) {
        let run = text[start..].len() - text[start..].trim_start_matches('`').len();
        if run == len {
            return Some(start);
        }
        at = start + run;
    }
    None
}

/// A code span's content: line breaks become spaces, and one space is stripped from each
/// end when both ends have one (so `` `` `x` `` `` can quote backticks).
fn code_text(raw: &str) -> String {
    let code = raw.replace(['\r', '\n'], " ");
    match code.strip_prefix(' ').and_then(|c| c.strip_suffix(' ')) {
        Some(inner) if !code.chars().all(|c| c == ' ') => inner.to_owned(),
        _ => code,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_code_spans_are_split_out_and_html_stays_text() {
        assert_eq!(
            inline("express-session has no `store`, so <b>memory</b>"),
            [
                Inline::Text("express-session has no ".into()),
                Inline::Code("store".into()),
                Inline::Text(", so <b>memory</b>".into()),
            ]
        );
        assert_eq!(inline("plain"), [Inline::Text("plain".into())]);
    }

    #[test]
    fn code_spans_follow_commonmark() {
        // A longer run quotes code that holds backticks; the spaces padding it go.
        assert_eq!(
            inline("use `` `${id}` `` here"),
            [
                Inline::Text("use ".into()),
                Inline::Code("`${id}`".into()),
                Inline::Text(" here".into()),
            ]
        );
        // A run with no partner of its length is text.
        assert_eq!(inline("a ``b` c"), [Inline::Text("a ``b` c".into())]);
        // Inside code, a backslash is code; outside, it makes punctuation literal.
        assert_eq!(
            inline(r"`a\` \`b`"),
            [Inline::Code(r"a\".into()), Inline::Text(" `b`".into()),]
        );
        assert_eq!(inline("`a\nb`"), [Inline::Code("a b".into())]);
        assert_eq!(inline("`  `"), [Inline::Code("  ".into())]);
    }

    #[test]
    fn code_spans_read_as_pulldown_cmark_reads_them() {
        // The messages' reading before it moved here: pulldown-cmark's, on the messages
        // our rules write (code spans, text, and text that looks like markup).
        for message in [
            "`upload` (multer) writes files to `uploads/` on this server's disk",
            "the session store `new FileStore({ path: './sessions' })` lives on one server",
            "`visits` += 1 in `GET /` is lost when `` `${a}` `` restarts",
            "a <b>tag</b> and `x < y`",
        ] {
            let expected = reference(message);
            assert_eq!(inline(message), expected, "{message}");
        }
    }

    /// pulldown-cmark's inline reading, which `inline` replaced to keep the renderer out
    /// of the wasm.
    fn reference(message: &str) -> Vec<Inline> {
        use pulldown_cmark::{Event, Parser};
        let mut pieces: Vec<Inline> = Vec::new();
        for event in Parser::new(message) {
            let piece = match event {
                Event::Code(code) => Inline::Code(code.into_string()),
                Event::Text(text) | Event::Html(text) | Event::InlineHtml(text) => {
                    Inline::Text(text.into_string())
                }
                Event::SoftBreak | Event::HardBreak => Inline::Text(" ".to_owned()),
                _ => continue,
            };
            match (pieces.last_mut(), piece) {
                (Some(Inline::Text(last)), Inline::Text(more)) => last.push_str(&more),
                (_, piece) => pieces.push(piece),
            }
        }
        pieces
    }
}
