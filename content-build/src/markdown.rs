//! Markdown to HTML, at build time, for the app's lessons, hints and rule docs.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};

/// Renders markdown, demoting headings by `shift` levels so a doc's `#` title fits
/// under the view's own heading. The text is our own content, never the learner's, so
/// the app inserts the HTML it yields as it is; raw HTML in it is still shown as text.
pub fn to_html(markdown: &str, shift: u8) -> String {
    let demote = |level: HeadingLevel| -> HeadingLevel {
        let n = (level as usize + shift as usize).min(6);
        HeadingLevel::try_from(n).unwrap_or(HeadingLevel::H6)
    };
    let events = Parser::new_ext(
        markdown,
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH,
    )
    .map(|event| match event {
        Event::Start(Tag::Heading {
            level,
            id,
            classes,
            attrs,
        }) => Event::Start(Tag::Heading {
            level: demote(level),
            id,
            classes,
            attrs,
        }),
        Event::End(TagEnd::Heading(level)) => Event::End(TagEnd::Heading(demote(level))),
        // Raw HTML in a doc is shown as text rather than trusted.
        Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
        other => other,
    });
    let mut out = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut out, events);
    // A long code line scrolls its block sideways: the block takes focus, so a keyboard
    // can scroll it too. Only code blocks yield `<pre>`: raw HTML became text above.
    out.replace("<pre>", "<pre tabindex=\"0\">")
}

/// Whether the markdown has a heading, which [`to_html`]'s `shift` would move.
pub fn has_heading(markdown: &str) -> bool {
    Parser::new(markdown).any(|event| matches!(event, Event::Start(Tag::Heading { .. })))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demotes_headings_and_renders_lists_and_links() {
        let html = to_html("# Title\n\n## Part\n\n- a [link](https://x.test)\n", 2);
        assert!(html.contains("<h3>Title</h3>"), "{html}");
        assert!(html.contains("<h4>Part</h4>"), "{html}");
        assert!(
            html.contains("<li>a <a href=\"https://x.test\">link</a></li>"),
            "{html}"
        );
    }

    #[test]
    fn code_blocks_take_focus_so_a_keyboard_can_scroll_them() {
        let html = to_html("```js\nconst a = 1;\n```\n\nsay <pre>", 0);
        assert!(
            html.contains("<pre tabindex=\"0\"><code class=\"language-js\">"),
            "{html}"
        );
        assert!(html.contains("say &lt;pre&gt;"), "{html}");
    }

    #[test]
    fn headings_stop_at_h6() {
        assert!(to_html("##### deep", 3).contains("<h6>deep</h6>"));
    }

    #[test]
    fn raw_html_is_escaped() {
        let html = to_html("hi <script>alert(1)</script>", 0);
        assert!(!html.contains("<script>"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
    }

    #[test]
    fn headings_are_found() {
        assert!(has_heading("text\n\n## part\n"));
        assert!(!has_heading("a `# not` heading\n\n- list"));
    }
}
