//! Rule docs for people: one markdown source in `content/rules/`, compiled in.

use crate::diagnostic::RuleId;

/// The markdown doc of a rule.
pub fn rule_doc(rule: RuleId) -> &'static str {
    match rule {
        RuleId::NoLocalUploads => include_str!("../../content/rules/no-local-uploads.md"),
        RuleId::NoLocalSessions => include_str!("../../content/rules/no-local-sessions.md"),
        RuleId::NoGlobalState => include_str!("../../content/rules/no-global-state.md"),
    }
}
