//! The rules, one folder each, their registry, and the one walk over the semantic nodes
//! that runs them.

pub(crate) mod rewrite_builder;
#[cfg(test)]
mod tester;

pub(crate) use no_global_state::starts_empty;

use oxc_semantic::AstNode;
use oxc_span::Span;
use serde::{Deserialize, Serialize};

use crate::{
    context::LintContext,
    diagnostic::{Diagnostic, Failure, Severity, StateInfo, StateKind},
};

/// What a rule says about itself, declared once in its folder as `META`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuleMeta {
    /// The id people write: `no-local-uploads`.
    pub id: &'static str,
    /// One line saying what the rule finds.
    pub summary: &'static str,
    /// The kinds of state its findings are about.
    pub kinds: &'static [StateKind],
}

/// The registry: one line a rule, `Variant => folder::RuleType`. It declares the rule's
/// module and its `RuleId` variant; ids, summaries, docs and dispatch all come from it.
macro_rules! registry {
    ($($variant:ident => $module:ident::$rule:ident),+ $(,)?) => {
        $(mod $module;)+

        /// The rules lint-core knows.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(rename_all = "kebab-case")]
        pub enum RuleId {
            $($variant,)+
        }

        impl RuleId {
            pub const ALL: [RuleId; [$(RuleId::$variant),+].len()] = [$(RuleId::$variant),+];

            /// What the rule says about itself.
            pub const fn meta(self) -> &'static RuleMeta {
                match self {
                    $(RuleId::$variant => &$module::META,)+
                }
            }
        }

        /// A fresh instance of the rule, ready for one walk.
        fn start<'a>(rule: RuleId) -> Box<dyn Rule<'a> + 'a> {
            match rule {
                $(RuleId::$variant => Box::<$module::$rule>::default(),)+
            }
        }
    };
}

registry! {
    NoLocalUploads => no_local_uploads::NoLocalUploads,
    NoLocalSessions => no_local_sessions::NoLocalSessions,
    NoGlobalState => no_global_state::NoGlobalState,
}

impl RuleId {
    pub const fn as_str(self) -> &'static str {
        self.meta().id
    }

    /// One line saying what the rule finds.
    pub const fn summary(self) -> &'static str {
        self.meta().summary
    }
}

impl std::fmt::Display for RuleId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for RuleId {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|rule| rule.as_str() == s)
            .ok_or_else(|| {
                let known: Vec<_> = Self::ALL.iter().map(|r| r.as_str()).collect();
                format!("unknown rule `{s}` (known rules: {})", known.join(", "))
            })
    }
}

/// A rule sees every node once, in source order, then reports.
pub(crate) trait Rule<'a> {
    fn run(&mut self, node: &AstNode<'a>, ctx: &LintContext<'_, 'a>);
    fn finish(self: Box<Self>, ctx: &LintContext<'_, 'a>) -> Vec<Diagnostic>;
}

pub(crate) fn run<'a>(ctx: &LintContext<'_, 'a>, enabled: &[RuleId]) -> Vec<Diagnostic> {
    let mut rules: Vec<Box<dyn Rule<'a> + 'a>> = enabled.iter().map(|&rule| start(rule)).collect();
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
mod registry_tests {
    use super::*;

    /// The id a rule declares is the one its `RuleId` reads and writes as JSON.
    #[test]
    fn each_rule_declares_the_id_serde_uses() {
        for rule in RuleId::ALL {
            let json = serde_json::to_string(&rule).unwrap();
            assert_eq!(json, format!("\"{}\"", rule.meta().id));
            assert_eq!(rule.as_str().parse::<RuleId>(), Ok(rule));
            assert!(crate::rule_doc(rule).starts_with(&format!("# {}", rule.meta().id)));
            assert!(!rule.meta().kinds.is_empty(), "{rule}");
        }
    }
}
