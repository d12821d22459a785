//! The rule docs in `content/rules/` are tests, so they cannot drift from what the linter
//! does: every example under "Incorrect" must produce exactly one finding of the doc's own
//! rule, and every example under "Correct" none at all. The same docs are shown to people
//! in the playground and by `phoenix-lint --explain`, so their shape and links are checked
//! here too.
//!
//! Each test gathers every problem across all docs before failing, so one run shows the
//! whole list instead of stopping at the first disagreement.

use std::ops::Range;

use lint_core::{Diagnostic, LintOptions, RuleId, lint, rule_doc};
use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// The `## ` sections every rule doc has, exactly these and in this order.
const SECTIONS: [&str; 7] = [
    "What it finds",
    "Why it breaks a phoenix server",
    "Incorrect",
    "Correct",
    "Rewrite",
    "When not to use it",
    "Further reading",
];
const INCORRECT: &str = "Incorrect";
const CORRECT: &str = "Correct";
const WHY: &str = "Why it breaks a phoenix server";
const FURTHER_READING: &str = "Further reading";

/// Fewest examples a doc may have: one example per side proves little about a rule.
const MIN_INCORRECT: usize = 2;
const MIN_CORRECT: usize = 3;

/// Sources every doc must cite: the idea the product teaches and the factor it rests on.
const REQUIRED_READING: [&str; 2] = [
    "https://martinfowler.com/bliki/PhoenixServer.html",
    "https://12factor.net/processes",
];

/// A fenced code block and where it sits in its doc.
struct Block {
    /// The `## ` section it appears under.
    section: String,
    /// The first word of the fence's info string (`js`, `ts`, `diff`, …).
    lang: String,
    code: String,
    /// 1-based line of the opening fence in the markdown, for failure messages.
    line: usize,
}

/// A link found in a doc.
struct Link {
    section: String,
    url: String,
    text: String,
    line: usize,
}

/// Everything the tests need from one doc, gathered in one pass over the markdown.
#[derive(Default)]
struct Doc {
    title: Option<String>,
    /// The first paragraph after the title and whether it sits on a single line.
    summary: Option<(String, bool)>,
    sections: Vec<String>,
    blocks: Vec<Block>,
    links: Vec<Link>,
    /// Bold phrases under "Why it breaks a phoenix server", in order.
    why_strong: Vec<String>,
    /// Text that looks like link syntax or a URL but did not become a link.
    broken_links: Vec<(usize, String)>,
}

fn line_of(markdown: &str, offset: usize) -> usize {
    markdown[..offset].matches('\n').count() + 1
}

fn parse_doc(markdown: &str) -> Doc {
    let mut doc = Doc::default();
    let mut section = String::new();
    // Inline text of the heading, paragraph, code block or link being read.
    let mut heading: Option<(HeadingLevel, String)> = None;
    let mut paragraph: Option<(Range<usize>, String)> = None;
    let mut code: Option<(String, usize, String)> = None;
    let mut link: Option<(String, usize, String)> = None;
    let mut strong: Option<String> = None;
    // Consecutive text events, merged: the parser splits text at `[`, `]` and the like,
    // and a broken link is only recognisable in the whole run.
    let mut run = String::new();
    let mut run_line = 0;

    let flush = |run: &mut String, line: usize, broken: &mut Vec<(usize, String)>| {
        if looks_like_broken_link(run) {
            broken.push((line, run.clone()));
        }
        run.clear();
    };

    for (event, range) in Parser::new_ext(markdown, Options::empty()).into_offset_iter() {
        let line = line_of(markdown, range.start);
        if !matches!(event, Event::Text(_)) {
            flush(&mut run, run_line, &mut doc.broken_links);
        }
        match event {
            Event::Start(Tag::Heading { level, .. }) => heading = Some((level, String::new())),
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, text)) = heading.take() {
                    let text = text.trim().to_string();
                    match level {
                        HeadingLevel::H1 if doc.title.is_none() => doc.title = Some(text),
                        HeadingLevel::H2 => {
                            section.clone_from(&text);
                            doc.sections.push(text);
                        }
                        _ => {}
                    }
                }
            }
            Event::Start(Tag::Paragraph) => paragraph = Some((range, String::new())),
            Event::End(TagEnd::Paragraph) => {
                if let Some((range, text)) = paragraph.take()
                    && doc.title.is_some()
                    && doc.sections.is_empty()
                    && doc.summary.is_none()
                {
                    let one_line = !markdown[range].trim_end().contains('\n');
                    doc.summary = Some((text, one_line));
                }
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                let info = match kind {
                    CodeBlockKind::Fenced(info) => info.to_string(),
                    CodeBlockKind::Indented => String::new(),
                };
                let lang = info
                    .split_whitespace()
                    .next()
                    .unwrap_or_default()
                    .to_string();
                code = Some((lang, line, String::new()));
            }
            Event::End(TagEnd::CodeBlock) => {
                if let Some((lang, line, text)) = code.take() {
                    doc.blocks.push(Block {
                        section: section.clone(),
                        lang,
                        code: text,
                        line,
                    });
                }
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                link = Some((dest_url.to_string(), line, String::new()));
            }
            Event::End(TagEnd::Link) => {
                if let Some((url, line, text)) = link.take() {
                    doc.links.push(Link {
                        section: section.clone(),
                        url,
                        text,
                        line,
                    });
                }
            }
            Event::Start(Tag::Strong) => strong = Some(String::new()),
            Event::End(TagEnd::Strong) => {
                if let Some(text) = strong.take()
                    && section == WHY
                {
                    doc.why_strong.push(text);
                }
            }
            Event::Text(text) => {
                if let Some((_, _, buf)) = code.as_mut() {
                    buf.push_str(&text);
                    continue;
                }
                if run.is_empty() {
                    run_line = line;
                }
                // Link text is legitimately inside a link; only loose text is suspicious.
                if link.is_none() {
                    run.push_str(&text);
                }
                push_inline(&text, &mut heading, &mut paragraph, &mut link, &mut strong);
            }
            Event::Code(text) => {
                push_inline(&text, &mut heading, &mut paragraph, &mut link, &mut strong);
            }
            Event::SoftBreak | Event::HardBreak => {
                push_inline(" ", &mut heading, &mut paragraph, &mut link, &mut strong);
            }
            _ => {}
        }
    }
    flush(&mut run, run_line, &mut doc.broken_links);
    doc
}

/// Appends inline text to every open container that collects it.
fn push_inline(
    text: &str,
    heading: &mut Option<(HeadingLevel, String)>,
    paragraph: &mut Option<(Range<usize>, String)>,
    link: &mut Option<(String, usize, String)>,
    strong: &mut Option<String>,
) {
    if let Some((_, buf)) = heading.as_mut() {
        buf.push_str(text);
    }
    if let Some((_, buf)) = paragraph.as_mut() {
        buf.push_str(text);
    }
    if let Some((_, _, buf)) = link.as_mut() {
        buf.push_str(text);
    }
    if let Some(buf) = strong.as_mut() {
        buf.push_str(text);
    }
}

/// Link syntax that the parser left as plain text (`[a] (b)`, `[a](b`, a reference with
/// no definition) or a bare URL that readers could not click.
fn looks_like_broken_link(text: &str) -> bool {
    text.contains("](") || text.contains("][") || text.contains("] (") || text.contains("://")
}

/// Whether a link target is an absolute https URL with a plausible host.
fn is_absolute_https(url: &str) -> bool {
    let Some(rest) = url.strip_prefix("https://") else {
        return false;
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    !url.chars().any(char::is_whitespace)
        && host.contains('.')
        && !host.starts_with('.')
        && !host.ends_with('.')
}

/// The file name that makes the linter read a block in the block's dialect.
fn file_name_for(lang: &str) -> Option<&'static str> {
    match lang {
        "js" | "javascript" => Some("example.js"),
        "jsx" => Some("example.jsx"),
        "ts" | "typescript" => Some("example.ts"),
        "tsx" => Some("example.tsx"),
        _ => None,
    }
}

fn lint_block(block: &Block, file_name: &str) -> Vec<Diagnostic> {
    let options = LintOptions {
        file_name: Some(file_name.into()),
        ..Default::default()
    };
    lint(&block.code, &options).diagnostics
}

fn describe(diagnostics: &[Diagnostic]) -> String {
    if diagnostics.is_empty() {
        return "    (no diagnostics)\n".to_string();
    }
    diagnostics
        .iter()
        .map(|d| {
            let who = match (d.rule, d.fatal) {
                (Some(rule), _) => rule.as_str().to_string(),
                (None, true) => "fatal".to_string(),
                (None, false) => "no rule".to_string(),
            };
            format!(
                "    [{who}] {}:{} {:?}: {}\n",
                d.range.line, d.range.column, d.severity, d.message
            )
        })
        .collect()
}

fn failure(rule: RuleId, block: &Block, problem: &str, diagnostics: &[Diagnostic]) -> String {
    format!(
        "content/rules/{}.md:{} ({} example, ```{}): {problem}\n--- example ---\n{}--- found ---\n{}",
        rule.as_str(),
        block.line,
        block.section,
        block.lang,
        block.code,
        describe(diagnostics),
    )
}

fn docs() -> Vec<(RuleId, &'static str, Doc)> {
    RuleId::ALL
        .into_iter()
        .map(|rule| {
            let markdown = rule_doc(rule);
            (rule, markdown, parse_doc(markdown))
        })
        .collect()
}

fn examples<'d>(doc: &'d Doc, section: &'d str) -> impl Iterator<Item = &'d Block> {
    doc.blocks.iter().filter(move |b| b.section == section)
}

fn assert_no_problems(what: &str, problems: &[String]) {
    assert!(
        problems.is_empty(),
        "{what}: {} problem(s)\n\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn docs_have_title_summary_and_sections_in_order() {
    let mut problems = Vec::new();
    for (rule, _, doc) in docs() {
        let file = format!("content/rules/{}.md", rule.as_str());
        if doc.title.as_deref() != Some(rule.as_str()) {
            problems.push(format!(
                "{file}: title is {:?}, expected `# {rule}`",
                doc.title
            ));
        }
        match &doc.summary {
            Some((text, true)) if !text.trim().is_empty() => {}
            Some((_, false)) => problems.push(format!("{file}: the summary must be one line")),
            _ => problems.push(format!("{file}: no one-line summary after the title")),
        }
        if doc.sections != SECTIONS {
            problems.push(format!(
                "{file}: `## ` sections are\n    {:?}\nexpected exactly\n    {SECTIONS:?}",
                doc.sections
            ));
        }
        // Replace and Scale are the two ways a stateful server fails; the lesson text and
        // the diagnostics use the same words, so the doc must explain both, in that order.
        let parts: Vec<&str> = doc
            .why_strong
            .iter()
            .map(|s| s.trim().trim_end_matches([':', '.']))
            .collect();
        let replace = parts.iter().position(|p| *p == "Replace");
        let scale = parts.iter().position(|p| *p == "Scale");
        if !matches!((replace, scale), (Some(r), Some(s)) if r < s) {
            problems.push(format!(
                "{file}: `{WHY}` needs **Replace** then **Scale** parts; bold text found: {:?}",
                doc.why_strong
            ));
        }
    }
    assert_no_problems("doc structure", &problems);
}

#[test]
fn docs_have_enough_examples_in_known_languages() {
    let mut problems = Vec::new();
    for (rule, _, doc) in docs() {
        let file = format!("content/rules/{}.md", rule.as_str());
        for (section, min) in [(INCORRECT, MIN_INCORRECT), (CORRECT, MIN_CORRECT)] {
            let count = examples(&doc, section).count();
            if count < min {
                problems.push(format!("{file}: {count} {section} example(s), need {min}"));
            }
        }
        // A block tagged with a language the test cannot lint would silently stop being
        // a test, so an example must say it is JavaScript or TypeScript.
        for block in doc
            .blocks
            .iter()
            .filter(|b| b.section == INCORRECT || b.section == CORRECT)
        {
            if file_name_for(&block.lang).is_none() {
                problems.push(format!(
                    "{file}:{}: {} example fenced as {:?}, expected js or ts",
                    block.line, block.section, block.lang
                ));
            }
        }
    }
    assert_no_problems("doc examples", &problems);
}

#[test]
fn every_code_example_parses() {
    let mut problems = Vec::new();
    for (rule, _, doc) in docs() {
        for block in &doc.blocks {
            let Some(file_name) = file_name_for(&block.lang) else {
                continue;
            };
            let diagnostics = lint_block(block, file_name);
            if diagnostics.iter().any(|d| d.fatal) {
                problems.push(failure(rule, block, "does not parse", &diagnostics));
            }
        }
    }
    assert_no_problems("syntax of doc examples", &problems);
}

#[test]
fn incorrect_examples_yield_exactly_one_finding_of_their_rule() {
    let mut problems = Vec::new();
    for (rule, _, doc) in docs() {
        for block in examples(&doc, INCORRECT) {
            let Some(file_name) = file_name_for(&block.lang) else {
                continue;
            };
            let diagnostics = lint_block(block, file_name);
            let ok = diagnostics.len() == 1
                && diagnostics[0].rule == Some(rule)
                && !diagnostics[0].fatal;
            if !ok {
                let problem = format!("expected exactly one `{rule}` finding");
                problems.push(failure(rule, block, &problem, &diagnostics));
            }
        }
    }
    assert_no_problems("Incorrect examples", &problems);
}

#[test]
fn correct_examples_yield_no_findings() {
    let mut problems = Vec::new();
    for (rule, _, doc) in docs() {
        for block in examples(&doc, CORRECT) {
            let Some(file_name) = file_name_for(&block.lang) else {
                continue;
            };
            let diagnostics = lint_block(block, file_name);
            if !diagnostics.is_empty() {
                problems.push(failure(
                    rule,
                    block,
                    "expected no diagnostics",
                    &diagnostics,
                ));
            }
        }
    }
    assert_no_problems("Correct examples", &problems);
}

#[test]
fn links_are_absolute_https_and_further_reading_cites_the_sources() {
    let mut problems = Vec::new();
    for (rule, _, doc) in docs() {
        let file = format!("content/rules/{}.md", rule.as_str());
        for link in &doc.links {
            if !is_absolute_https(&link.url) {
                problems.push(format!(
                    "{file}:{}: link {:?} is not absolute https",
                    link.line, link.url
                ));
            }
            if link.text.trim().is_empty() {
                problems.push(format!(
                    "{file}:{}: link {:?} has no text",
                    link.line, link.url
                ));
            }
        }
        for (line, text) in &doc.broken_links {
            problems.push(format!(
                "{file}:{line}: broken link or bare URL in text: {text:?}"
            ));
        }
        for required in REQUIRED_READING {
            let cited = doc
                .links
                .iter()
                .any(|l| l.section == FURTHER_READING && l.url == required);
            if !cited {
                problems.push(format!("{file}: `{FURTHER_READING}` must link {required}"));
            }
        }
    }
    assert_no_problems("links", &problems);
}

/// The checks above are only as good as the markdown reader under them; pin the cases
/// they rely on so a parser upgrade cannot turn them into silent passes.
#[test]
fn the_doc_reader_sees_what_the_checks_rely_on() {
    let doc = parse_doc(
        "# r\n\nOne line.\n\n## Why it breaks a phoenix server\n\n**Replace**: a. **Scale**: b.\n\n\
         ## Incorrect\n\n```js\nx = 1;\n```\n\n## Further reading\n\n\
         - [ok](https://example.com/a)\n- [bad](http://example.com)\n- [broken] (https://x.y)\n",
    );
    assert_eq!(doc.title.as_deref(), Some("r"));
    assert_eq!(doc.summary, Some(("One line.".to_string(), true)));
    assert_eq!(
        doc.sections,
        [
            "Why it breaks a phoenix server",
            "Incorrect",
            "Further reading"
        ]
    );
    assert_eq!(doc.why_strong, ["Replace", "Scale"]);
    assert_eq!(doc.blocks.len(), 1);
    assert_eq!(
        (doc.blocks[0].section.as_str(), doc.blocks[0].lang.as_str()),
        ("Incorrect", "js")
    );
    assert_eq!(doc.blocks[0].code, "x = 1;\n");
    let urls: Vec<&str> = doc.links.iter().map(|l| l.url.as_str()).collect();
    assert_eq!(urls, ["https://example.com/a", "http://example.com"]);
    assert!(doc.links.iter().all(|l| l.section == "Further reading"));
    assert!(!is_absolute_https("http://example.com"));
    assert!(!is_absolute_https("https:/example.com"));
    assert!(!is_absolute_https("/rules/no-global-state"));
    assert_eq!(doc.broken_links.len(), 1, "{:?}", doc.broken_links);
}

/// The no-local-uploads doc shows what its rewrite writes for its first "Incorrect"
/// example; that text must be what the rewrite really produces.
#[test]
fn the_uploads_rewrite_shown_in_the_doc_is_what_the_rewrite_writes() {
    let rule = RuleId::NoLocalUploads;
    let doc = parse_doc(rule_doc(rule));
    let before = examples(&doc, INCORRECT)
        .next()
        .expect("an incorrect example");
    let shown = examples(&doc, "Rewrite").next().expect("a rewrite example");
    let diagnostics = lint_block(before, "example.js");
    let finding = diagnostics
        .iter()
        .find(|d| d.rule == Some(rule))
        .expect("a finding");
    let after = finding
        .rewrites
        .first()
        .expect("a rewrite")
        .apply(&before.code);
    assert_eq!(
        after,
        shown.code,
        "content/rules/{}.md:{}: the doc's rewrite differs from the code's",
        rule.as_str(),
        shown.line
    );
    let again = lint_block(shown, "example.js");
    assert!(
        again.iter().all(|d| d.rule != Some(rule)),
        "{}",
        describe(&again)
    );
}
