//! The entry point: parse once, build the semantic model once, run the rules in one walk.

use oxc_allocator::Allocator;
use oxc_parser::Parser;
use oxc_semantic::SemanticBuilder;
use oxc_span::SourceType;
use serde::{Deserialize, Serialize};

use crate::{
    context::LintContext,
    diagnostic::{Diagnostic, Label, RuleId, Severity},
    guard,
    position::LineIndex,
    rules,
    source::{Language, candidates},
};

/// What to lint and how.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct LintOptions {
    pub language: Language,
    /// A file name, used for the dialect (`.ts`, `.cjs`, …) when given.
    pub file_name: Option<String>,
    /// Only these rules; all rules when `None`.
    pub rules: Option<Vec<RuleId>>,
}

impl LintOptions {
    pub fn for_file(name: impl Into<String>) -> Self {
        Self {
            file_name: Some(name.into()),
            ..Self::default()
        }
    }

    fn rule_enabled(&self, rule: RuleId) -> bool {
        self.rules
            .as_ref()
            .is_none_or(|rules| rules.contains(&rule))
    }
}

/// The outcome of a lint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LintResult {
    /// Fatal diagnostics first, then findings in source order.
    pub diagnostics: Vec<Diagnostic>,
    /// The language the text was read as.
    pub language: Language,
}

impl LintResult {
    pub fn has_fatal(&self) -> bool {
        self.diagnostics.iter().any(|d| d.fatal)
    }

    pub fn findings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().filter(|d| d.rule.is_some())
    }
}

/// Lints one source text. Never panics on any input: syntax errors and refused inputs
/// come back as fatal diagnostics, and whatever can still be linted is.
pub fn lint(source: &str, options: &LintOptions) -> LintResult {
    let index = LineIndex::new(source);
    let tries = candidates(options.language, options.file_name.as_deref());
    let language_of = |t: &SourceType| {
        if t.is_typescript() {
            Language::TypeScript
        } else {
            Language::JavaScript
        }
    };
    if let Err(refusal) = guard::check(source) {
        let diagnostic = fatal(
            &index,
            refusal.message,
            refusal.offset,
            refusal.offset,
            vec![],
        );
        return LintResult {
            diagnostics: vec![diagnostic],
            language: language_of(&tries[0]),
        };
    }
    let mut best: Option<(usize, LintResult)> = None;
    for source_type in tries {
        let (errors, result) = lint_as(source, source_type, options, &index);
        if errors == 0 {
            return result;
        }
        if best.as_ref().is_none_or(|(fewest, _)| errors < *fewest) {
            best = Some((errors, result));
        }
    }
    best.map(|(_, result)| result)
        .expect("at least one source type is always tried")
}

/// Parses and lints as one dialect; returns the number of syntax errors and the result.
fn lint_as(
    source: &str,
    source_type: SourceType,
    options: &LintOptions,
    index: &LineIndex<'_>,
) -> (usize, LintResult) {
    let allocator = Allocator::default();
    let parsed = Parser::new(&allocator, source, source_type).parse();
    let mut diagnostics: Vec<Diagnostic> = parsed
        .diagnostics
        .iter()
        .map(|error| {
            let mut spans = error
                .labels
                .iter()
                .map(|l| (l.span(), l.label().map(str::to_owned)));
            let (start, end) = spans.next().map_or((0, 0), |(s, _)| (s.start, s.end));
            let labels = spans
                .map(|(span, text)| Label {
                    range: index.range(span.start, span.end),
                    message: text.unwrap_or_default(),
                })
                .collect();
            let mut message = format!("Syntax error: {}", error.message);
            if let Some(help) = &error.help {
                message.push_str(&format!(" ({help})"));
            }
            fatal(index, message, start, end, labels)
        })
        .collect();
    let errors = diagnostics.len();
    let language = if source_type.is_typescript() {
        Language::TypeScript
    } else {
        Language::JavaScript
    };
    if !parsed.panicked {
        let semantic = SemanticBuilder::new()
            .with_build_nodes(true)
            .build(&parsed.program);
        let ctx = LintContext::new(&semantic.semantic, index);
        let enabled: Vec<RuleId> = RuleId::ALL
            .into_iter()
            .filter(|&r| options.rule_enabled(r))
            .collect();
        let mut findings = rules::run(&ctx, &enabled);
        findings.sort_by_key(|d| (d.range.start, d.range.end, d.rule));
        diagnostics.extend(findings);
    }
    (
        errors,
        LintResult {
            diagnostics,
            language,
        },
    )
}

fn fatal(
    index: &LineIndex<'_>,
    message: String,
    start: u32,
    end: u32,
    labels: Vec<Label>,
) -> Diagnostic {
    Diagnostic {
        rule: None,
        severity: Severity::Error,
        fatal: true,
        message,
        range: index.range(start, end),
        labels,
        help: None,
        failures: vec![],
        state: None,
        rewrites: vec![],
    }
}
