//! `no-local-sessions`: sessions kept in process memory or in a file on the server.
//!
//! Finds express-session without a `store` (its MemoryStore), and stores that live in the
//! process or on its disk: `session.MemoryStore`, memorystore, session-file-store,
//! connect-sqlite3 and the like. Reports passport's login state riding on them.

mod diagnostic;
mod rewrite;
#[cfg(test)]
mod tests;

use oxc_ast::{AstKind, ast::Argument};
use oxc_semantic::{AstNode, NodeId};
use oxc_span::{GetSpan, Span};

use super::{Rule, RuleMeta, finding};
use crate::{
    context::LintContext,
    diagnostic::{Diagnostic, HttpRoute, RuleId, StateInfo, StateKind, StateLocation},
    resolve::{CALL, first_arg},
};

const RULE: RuleId = RuleId::NoLocalSessions;

pub(super) const META: RuleMeta = RuleMeta {
    id: "no-local-sessions",
    summary: "sessions kept in process memory or a local file",
    kinds: &[StateKind::Sessions],
};

/// Store classes that keep sessions in this process or on its disk:
/// (module, steps to the constructor, where, what to call it).
const LOCAL_STORES: &[(&str, &[&str], StateLocation, &str)] = &[
    (
        "express-session",
        &["MemoryStore"],
        StateLocation::ProcessMemory,
        "express-session's MemoryStore",
    ),
    (
        "memorystore",
        &[CALL],
        StateLocation::ProcessMemory,
        "memorystore",
    ),
    (
        "session-file-store",
        &[CALL],
        StateLocation::LocalDisk,
        "session-file-store",
    ),
    (
        "connect-sqlite3",
        &[CALL],
        StateLocation::LocalDisk,
        "connect-sqlite3",
    ),
    (
        "connect-loki",
        &[CALL],
        StateLocation::LocalDisk,
        "connect-loki",
    ),
    (
        "connect-nedb-session",
        &[CALL],
        StateLocation::LocalDisk,
        "connect-nedb-session",
    ),
    (
        "connect-lowdb",
        &[CALL],
        StateLocation::LocalDisk,
        "connect-lowdb",
    ),
];

enum Shape<'a> {
    /// `session({...})` with no store: express-session's MemoryStore.
    NoStore { arguments: &'a [Argument<'a>] },
    /// `new FileStore()` and friends.
    LocalStore {
        location: StateLocation,
        name: &'static str,
    },
}

struct Found<'a> {
    shape: Shape<'a>,
    node: NodeId,
    span: Span,
}

#[derive(Default)]
pub(crate) struct NoLocalSessions<'a> {
    found: Vec<Found<'a>>,
    /// `store` values given to session(): (store expression span, session() node).
    store_users: Vec<(Span, NodeId)>,
    passport_sessions: Vec<Span>,
    /// Found on the first rewrite that needs them, then shared by every finding's rewrites.
    session_bindings: std::cell::OnceCell<rewrite::SessionBindings>,
}

impl<'a> Rule<'a> for NoLocalSessions<'a> {
    fn run(&mut self, node: &AstNode<'a>, ctx: &LintContext<'_, 'a>) {
        match node.kind() {
            AstKind::CallExpression(call) => {
                let Some(origin) = ctx.origin(&call.callee) else {
                    return;
                };
                if origin.is("passport", &["session"]) {
                    self.passport_sessions.push(call.span);
                    return;
                }
                if !origin.is("express-session", &[]) {
                    return;
                }
                let Some(options) = first_arg(&call.arguments) else {
                    self.found.push(Found {
                        shape: Shape::NoStore {
                            arguments: &call.arguments,
                        },
                        node: node.id(),
                        span: call.span,
                    });
                    return;
                };
                // Options we cannot see, or spread from somewhere unknown: can't tell.
                let Some(shape) = ctx.resolve.object_shape(options) else {
                    return;
                };
                match shape.get("store") {
                    Some(store) => {
                        let store = ctx.resolve.value_of(store);
                        self.store_users.push((store.span(), node.id()));
                    }
                    None if shape.has("store") || shape.unknown => {}
                    None => self.found.push(Found {
                        shape: Shape::NoStore {
                            arguments: &call.arguments,
                        },
                        node: node.id(),
                        span: call.span,
                    }),
                }
            }
            AstKind::NewExpression(new) => {
                let Some(origin) = ctx.origin(&new.callee) else {
                    return;
                };
                let local = LOCAL_STORES
                    .iter()
                    .find(|(module, steps, ..)| origin.is(module, steps));
                if let Some(&(_, _, location, name)) = local {
                    self.found.push(Found {
                        shape: Shape::LocalStore { location, name },
                        node: node.id(),
                        span: new.span,
                    });
                }
            }
            _ => {}
        }
    }

    fn finish(self: Box<Self>, ctx: &LintContext<'_, 'a>) -> Vec<Diagnostic> {
        self.found
            .iter()
            .map(|found| self.report(found, ctx))
            .collect()
    }
}

/// A `session()` middleware that keeps its sessions where a finding says.
struct SessionMiddleware {
    span: Span,
    /// True when it is given a store built elsewhere, false when it is the finding itself.
    uses_store: bool,
    /// Where it is mounted: the mounting call (or the middleware) and the route.
    mounts: Vec<(Span, HttpRoute)>,
}

impl<'a> NoLocalSessions<'a> {
    /// The finding: what `run` found, in the rule's words, with its rewrites.
    fn report(&self, found: &Found<'a>, ctx: &LintContext<'_, 'a>) -> Diagnostic {
        let location = match &found.shape {
            Shape::NoStore { .. } => StateLocation::ProcessMemory,
            Shape::LocalStore { location, .. } => *location,
        };
        let middlewares = self.session_middlewares(found, ctx);
        let state = StateInfo {
            location,
            kind: StateKind::Sessions,
            name: "sessions".to_string(),
            routes: middlewares
                .iter()
                .flat_map(|m| m.mounts.iter().map(|(_, route)| route.clone()))
                .collect(),
        };
        let message = diagnostic::message(&found.shape);
        let mut diagnostic = finding(ctx, RULE, found.span, message, state);
        diagnostic.labels = diagnostic::labels(ctx, &middlewares, &self.passport_sessions);
        diagnostic.help = Some(diagnostic::HELP.to_string());
        diagnostic.rewrites = self.rewrites(found, ctx);
        diagnostic
    }

    /// The session() middlewares that use this store (itself, when it has none), and where
    /// each is mounted. Store values were recorded after following variables, so a span
    /// match is enough.
    fn session_middlewares(
        &self,
        found: &Found<'a>,
        ctx: &LintContext<'_, 'a>,
    ) -> Vec<SessionMiddleware> {
        let session_nodes: Vec<NodeId> = match found.shape {
            Shape::NoStore { .. } => vec![found.node],
            Shape::LocalStore { .. } => self
                .store_users
                .iter()
                .filter(|(span, _)| *span == found.span)
                .map(|(_, node)| *node)
                .collect(),
        };
        session_nodes
            .into_iter()
            .map(|node| {
                let span = ctx.semantic.nodes().kind(node).span();
                let mut mounts: Vec<(Span, HttpRoute)> = ctx
                    .mount_of_call(span)
                    .map(|route| (span, route.clone()))
                    .into_iter()
                    .collect();
                if let Some(symbol) = ctx.assigned_symbol(node) {
                    mounts.extend(
                        ctx.mounts_of(symbol)
                            .iter()
                            .map(|m| (m.span, m.route.clone())),
                    );
                }
                SessionMiddleware {
                    span,
                    uses_store: node != found.node,
                    mounts,
                }
            })
            .collect()
    }
}
