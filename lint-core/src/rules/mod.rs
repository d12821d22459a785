//! The rules, one per file, run from one walk over the semantic nodes.

mod no_global_state;
mod no_local_sessions;
mod no_local_uploads;
mod rewrite;

use oxc_semantic::AstNode;
use oxc_span::Span;

use crate::{
    context::LintContext,
    diagnostic::{Diagnostic, Failure, RuleId, Severity, StateInfo},
};

/// A rule sees every node once, in source order, then reports.
pub(crate) trait Rule<'a> {
    fn run(&mut self, node: &AstNode<'a>, ctx: &LintContext<'_, 'a>);
    fn finish(self: Box<Self>, ctx: &LintContext<'_, 'a>) -> Vec<Diagnostic>;
}

pub(crate) fn run<'a>(ctx: &LintContext<'_, 'a>, enabled: &[RuleId]) -> Vec<Diagnostic> {
    let mut rules: Vec<Box<dyn Rule<'a>>> = enabled
        .iter()
        .map(|rule| -> Box<dyn Rule<'a>> {
            match rule {
                RuleId::NoLocalUploads => Box::<no_local_uploads::NoLocalUploads<'a>>::default(),
                RuleId::NoLocalSessions => Box::<no_local_sessions::NoLocalSessions<'a>>::default(),
                RuleId::NoGlobalState => Box::<no_global_state::NoGlobalState>::default(),
            }
        })
        .collect();
    for node in ctx.semantic.nodes().iter() {
        for rule in &mut rules {
            rule.run(node, ctx);
        }
    }
    rules
        .into_iter()
        .flat_map(|rule| rule.finish(ctx))
        .collect()
}

/// A finding with the fields every rule fills; rules add labels, help and rewrites.
pub(crate) fn finding(
    ctx: &LintContext<'_, '_>,
    rule: RuleId,
    span: Span,
    message: String,
    state: StateInfo,
) -> Diagnostic {
    Diagnostic {
        rule: Some(rule),
        severity: Severity::Error,
        fatal: false,
        message,
        range: ctx.range(span),
        labels: vec![],
        help: None,
        failures: vec![Failure::LostOnReplace, Failure::DivergesOnScale],
        state: Some(state),
        rewrites: vec![],
    }
}

#[cfg(test)]
pub(crate) mod test_util {
    use crate::{Diagnostic, LintOptions, RuleId, lint};

    /// Findings of one rule in `source`, read as a `.js` (or `.ts`) file; panics on
    /// syntax errors so that a broken test case cannot pass silently.
    pub fn findings(rule: RuleId, source: &str, file: &str) -> Vec<Diagnostic> {
        let result = lint(source, &LintOptions::for_file(file));
        if let Some(fatal) = result.diagnostics.iter().find(|d| d.fatal) {
            panic!("test source does not parse: {}\n{source}", fatal.message);
        }
        result
            .diagnostics
            .into_iter()
            .filter(|d| d.rule == Some(rule))
            .collect()
    }

    /// One line per finding, for assertion messages.
    pub fn describe(diagnostics: &[Diagnostic]) -> String {
        diagnostics
            .iter()
            .map(|d| {
                let labels: Vec<&str> = d.labels.iter().map(|l| l.message.as_str()).collect();
                let (r, severity) = (&d.range, d.severity);
                let at = (r.line, r.column, r.end_line, r.end_column);
                format!("\n  {at:?} {severity:?} {} labels={labels:?}", d.message)
            })
            .collect()
    }

    /// `(line, column, end_line, end_column)` of each finding.
    pub fn positions(diagnostics: &[Diagnostic]) -> Vec<(u32, u32, u32, u32)> {
        diagnostics
            .iter()
            .map(|d| {
                (
                    d.range.line,
                    d.range.column,
                    d.range.end_line,
                    d.range.end_column,
                )
            })
            .collect()
    }

    /// Applies each rewrite of each finding and checks the result parses and no longer
    /// has a finding of `rule` at the same place.
    pub fn assert_rewrites_fix(rule: RuleId, source: &str, file: &str) {
        let before = findings(rule, source, file);
        for finding in &before {
            assert!(
                !finding.rewrites.is_empty(),
                "no rewrite for: {}\n{source}",
                finding.message
            );
            for rewrite in &finding.rewrites {
                let after = rewrite.apply(source);
                let result = lint(&after, &LintOptions::for_file(file));
                if let Some(fatal) = result.diagnostics.iter().find(|d| d.fatal) {
                    panic!(
                        "rewrite `{}` broke the code: {}\n{after}",
                        rewrite.title, fatal.message
                    );
                }
                let remaining = result.findings().filter(|d| d.rule == Some(rule)).count();
                assert!(
                    remaining < before.len(),
                    "rewrite `{}` did not remove the finding:\n{after}",
                    rewrite.title
                );
            }
        }
    }
}
