//! The entry point: parse once, build the semantic model once, run the rules in one walk.

use oxc_allocator::Allocator;
use oxc_parser::Parser;
use oxc_semantic::{Semantic, SemanticBuilder};
use oxc_span::SourceType;
use serde::{Deserialize, Serialize};

use crate::{
    context::LintContext,
    diagnostic::{Diagnostic, Label, RuleId},
    guard::{self, Refusal},
    position::LineIndex,
    project::ProjectView,
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
    /// The text was refused (too large, binary, too deeply nested) rather than parsed;
    /// callers need not keep or echo it. Not serialised: the one fatal diagnostic says it.
    #[serde(skip)]
    pub refused: bool,
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
            refused: true,
        };
    }
    let mut best: Option<(usize, LintResult)> = None;
    let mut refused: Option<(Refusal, SourceType)> = None;
    for source_type in tries {
        if let Err(refusal) = guard::check_nesting(source, source_type) {
            // A dialect too deep to parse safely is not tried; another may read it.
            if refused.is_none() {
                refused = Some((refusal, source_type));
            }
            continue;
        }
        let (errors, result) = lint_as(source, source_type, options, &index);
        if errors == 0 {
            return result;
        }
        if best.as_ref().is_none_or(|(fewest, _)| errors < *fewest) {
            best = Some((errors, result));
        }
    }
    if let Some((_, result)) = best {
        return result;
    }
    // Every dialect tried was refused.
    let (refusal, source_type) = refused.expect("at least one source type is always tried");
    let end = refusal.offset + u32::from(refusal.ambiguous_angles);
    LintResult {
        diagnostics: vec![fatal(&index, refusal.message, refusal.offset, end, vec![])],
        language: language_of(&source_type),
        refused: true,
    }
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
                .map(|(span, text)| {
                    Label::new(index.range(span.start, span.end), text.unwrap_or_default())
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
    let findings = if parsed.panicked {
        // oxc gave up: lint what it can with the broken part blanked out.
        let at = diagnostics.first().map_or(0, |d| d.range.start);
        blanked(source, at)
            .iter()
            .find_map(|text| findings(text, source_type, options, index))
    } else {
        Some(run_rules(&parsed.program, options, index))
    };
    diagnostics.extend(findings.unwrap_or_default());
    (
        errors,
        LintResult {
            diagnostics,
            language,
            refused: false,
        },
    )
}

/// The rules' findings for a text the parser accepts, or `None` when it does not.
fn findings(
    source: &str,
    source_type: SourceType,
    options: &LintOptions,
    index: &LineIndex<'_>,
) -> Option<Vec<Diagnostic>> {
    // Blanking can turn a comment's or a string's text into code: measure it again.
    guard::check_nesting(source, source_type).ok()?;
    let allocator = Allocator::default();
    let parsed = Parser::new(&allocator, source, source_type).parse();
    (!parsed.panicked).then(|| run_rules(&parsed.program, options, index))
}

fn run_rules(
    program: &oxc_ast::ast::Program<'_>,
    options: &LintOptions,
    index: &LineIndex<'_>,
) -> Vec<Diagnostic> {
    let semantic = SemanticBuilder::new().with_build_nodes(true).build(program);
    rules_on(&semantic.semantic, options, index, None)
}

/// The lint of a file a project has already parsed cleanly, with what the project knows
/// around it.
pub(crate) fn lint_semantic(
    semantic: &Semantic<'_>,
    options: &LintOptions,
    index: &LineIndex<'_>,
    project: Option<&ProjectView<'_>>,
) -> LintResult {
    let language = if semantic.source_type().is_typescript() {
        Language::TypeScript
    } else {
        Language::JavaScript
    };
    LintResult {
        diagnostics: rules_on(semantic, options, index, project),
        language,
        refused: false,
    }
}

fn rules_on(
    semantic: &Semantic<'_>,
    options: &LintOptions,
    index: &LineIndex<'_>,
    project: Option<&ProjectView<'_>>,
) -> Vec<Diagnostic> {
    let ctx = LintContext::with_project(semantic, index, project);
    let enabled: Vec<RuleId> = RuleId::ALL
        .into_iter()
        .filter(|&r| options.rule_enabled(r))
        .collect();
    let mut findings = rules::run(&ctx, &enabled);
    findings.sort_by_key(|d| (d.range.start, d.range.end, d.rule));
    findings
}

/// Copies of `source` with the line holding byte `at` blanked, then with everything from
/// that line on blanked. Spaces keep every byte offset and line break where it was, so
/// the findings' positions are those of the original text.
fn blanked(source: &str, at: u32) -> [String; 2] {
    let at = (at as usize).min(source.len());
    let line_start = source[..at].rfind('\n').map_or(0, |i| i + 1);
    let line_end = source[at..].find('\n').map_or(source.len(), |i| at + i);
    let blank = |text: &str| -> String {
        text.chars()
            .flat_map(|c| {
                let keep = c == '\n' || c == '\r';
                std::iter::repeat_n(
                    if keep { c } else { ' ' },
                    if keep { 1 } else { c.len_utf8() },
                )
            })
            .collect()
    };
    let line = format!(
        "{}{}{}",
        &source[..line_start],
        blank(&source[line_start..line_end]),
        &source[line_end..]
    );
    let rest = format!("{}{}", &source[..line_start], blank(&source[line_start..]));
    [line, rest]
}

fn fatal(
    index: &LineIndex<'_>,
    message: String,
    start: u32,
    end: u32,
    labels: Vec<Label>,
) -> Diagnostic {
    Diagnostic::fatal(message, index.range(start, end), labels)
}

#[cfg(test)]
mod tests {
    use super::*;

    const UPLOAD: &str =
        "const multer = require('multer');\nconst upload = multer({ dest: 'up/' });\n";

    #[test]
    fn a_syntax_error_is_fatal_with_its_location_and_the_rest_is_still_linted() {
        let source = format!("{UPLOAD}let x = ;\n");
        let result = lint(&source, &LintOptions::for_file("app.js"));
        let fatal = result
            .diagnostics
            .iter()
            .find(|d| d.fatal)
            .expect("a fatal diagnostic");
        assert!(
            fatal.message.starts_with("Syntax error"),
            "{}",
            fatal.message
        );
        assert_eq!(fatal.rule, None);
        assert_eq!(fatal.range.line, 3);
        assert!(
            result
                .findings()
                .any(|d| d.rule == Some(RuleId::NoLocalUploads))
        );
    }

    #[test]
    fn code_after_a_broken_line_is_still_linted_at_its_own_position() {
        let source = format!("let x = ;\nconst é = 1;\n{UPLOAD}");
        let result = lint(&source, &LintOptions::for_file("app.js"));
        assert!(result.has_fatal());
        let finding = result
            .findings()
            .next()
            .expect("the upload below the error");
        assert_eq!((finding.range.line, finding.range.column), (4, 16));
        assert_eq!(
            &source[finding.range.start as usize..finding.range.start as usize + 6],
            "multer"
        );
    }

    #[test]
    fn pasted_typescript_is_read_as_typescript() {
        let source = format!("{UPLOAD}const n: number = 1;\ninterface A {{ b: string }}\n");
        let result = lint(&source, &LintOptions::default());
        assert_eq!(result.language, Language::TypeScript);
        assert!(!result.has_fatal());
        assert_eq!(result.findings().count(), 1);
    }

    #[test]
    fn pasted_javascript_with_jsx_is_read_as_javascript() {
        let source = format!("{UPLOAD}const el = <div>{{x}}</div>;\n");
        let result = lint(&source, &LintOptions::default());
        assert_eq!(result.language, Language::JavaScript);
        assert!(!result.has_fatal());
    }

    #[test]
    fn refused_input_is_one_fatal_diagnostic() {
        let source = format!("x = {}1;", "(".repeat(20_000));
        let result = lint(&source, &LintOptions::default());
        assert_eq!(result.diagnostics.len(), 1);
        assert!(result.diagnostics[0].fatal);
        assert!(result.diagnostics[0].message.contains("too deeply nested"));
        assert!(result.refused);
        assert!(!lint("let x = ;", &LintOptions::default()).refused);
    }

    /// oxc's parser reads regular expression patterns only with its `regular_expression`
    /// feature, which is off (Cargo.toml): the rules never look inside a pattern, and the
    /// browser's wasm is 19 KB gzipped smaller without it. A pattern is not checked.
    #[test]
    fn a_regular_expression_pattern_is_not_checked() {
        let source = format!("{UPLOAD}const r = /(?<a>x)(?<a>y)[z-a]/;\n");
        let result = lint(&source, &LintOptions::for_file("app.js"));
        assert!(!result.has_fatal(), "{:?}", result.diagnostics);
        assert_eq!(result.findings().count(), 1);
        // Flags are still the lexer's: an unknown one is an error.
        assert!(lint("const r = /x/q;\n", &LintOptions::default()).has_fatal());
    }

    #[test]
    fn rules_can_be_limited() {
        let options = LintOptions {
            rules: Some(vec![RuleId::NoGlobalState]),
            ..LintOptions::default()
        };
        assert_eq!(lint(UPLOAD, &options).findings().count(), 0);
    }
}
