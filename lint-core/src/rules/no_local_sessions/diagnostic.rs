//! How `no-local-sessions` words a finding: its message, labels and help.

use oxc_span::Span;

use super::{SessionMiddleware, Shape};
use crate::{
    context::LintContext,
    diagnostic::{Label, StateLocation},
};

/// What to do instead, the same for every finding.
pub(super) const HELP: &str = "Keep sessions in a store every instance shares (Redis with \
     connect-redis, MongoDB with connect-mongo, PostgreSQL with connect-pg-simple), or in a \
     signed cookie with cookie-session.";

/// What the finding says: which store keeps the sessions, and where.
pub(super) fn message(shape: &Shape<'_>) -> String {
    match shape {
        Shape::NoStore { .. } => "express-session has no `store`, so it keeps every session in \
             this process's memory (its MemoryStore)."
            .to_string(),
        Shape::LocalStore { location, name } => {
            let place = match location {
                StateLocation::LocalDisk => "in files on this server's disk",
                // The stores this rule lists are all local; kept total for the type.
                StateLocation::ProcessMemory | StateLocation::BackingService => {
                    "in this process's memory"
                }
            };
            format!("Sessions are kept {place} by {name}.")
        }
    }
}

/// The session middlewares using the store and where they are mounted, then passport's
/// logins riding on them.
pub(super) fn labels(
    ctx: &LintContext<'_, '_>,
    middlewares: &[SessionMiddleware],
    passport_sessions: &[Span],
) -> Vec<Label> {
    let mut labels = Vec::new();
    for middleware in middlewares {
        let span = middleware.span;
        let uses = middleware.uses_store;
        if uses && !middleware.mounts.iter().any(|(at, _)| *at == span) {
            labels.push(ctx.label(span, "this session middleware uses the store"));
        }
        for (at, route) in &middleware.mounts {
            let text = if uses && *at == span {
                format!("this session middleware uses the store, mounted on {route}")
            } else {
                format!("session middleware mounted on {route}")
            };
            labels.push(ctx.label(*at, text));
        }
    }
    for span in passport_sessions {
        labels.push(ctx.label(*span, "passport keeps its logins in these sessions too"));
    }
    labels
}
