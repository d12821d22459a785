//! The rules, one per file, run from one walk over the semantic nodes.

mod no_global_state;
mod no_local_sessions;
mod no_local_uploads;
mod rewrite;
#[cfg(test)]
mod tester;

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
