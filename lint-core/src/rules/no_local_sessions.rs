//! `no-local-sessions`: sessions kept in process memory or in a file on the server.
//!
//! Finds express-session without a `store` (its MemoryStore), and stores that live in the
//! process or on its disk: `session.MemoryStore`, memorystore, session-file-store,
//! connect-sqlite3 and the like. Reports passport's login state riding on them.

use oxc_ast::{
    AstKind,
    ast::{Argument, Expression, ObjectPropertyKind},
};
use oxc_semantic::{AstNode, NodeId};
use oxc_span::{GetSpan, Span};

use super::{
    Rule, finding,
    rewrite::{Import, REDIS_CLIENT, REDIS_CLIENT_SETUP, RewriteBuilder},
};
use crate::{
    context::LintContext,
    diagnostic::{Diagnostic, Label, RuleId, StateInfo, StateKind, StateLocation},
    resolve::{CALL, NEW, first_arg},
};

const RULE: RuleId = RuleId::NoLocalSessions;

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

const CONNECT_REDIS: Import = Import {
    module: "connect-redis",
    default: None,
    named: &["RedisStore"],
};
const CONNECT_MONGO: Import = Import {
    module: "connect-mongo",
    default: Some("MongoStore"),
    named: &[],
};
const REDIS_STORE: &str = "new RedisStore({ client: redisClient, prefix: 'sess:' })";
const MONGO_STORE: &str = "MongoStore.create({ mongoUrl: process.env.MONGO_URL })";

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

impl<'a> NoLocalSessions<'a> {
    fn report(&self, found: &Found<'a>, ctx: &LintContext<'_, 'a>) -> Diagnostic {
        let (message, location) = match &found.shape {
            Shape::NoStore { .. } => (
                "express-session has no `store`, so it keeps every session in this process's \
                 memory (its MemoryStore)."
                    .to_string(),
                StateLocation::ProcessMemory,
            ),
            Shape::LocalStore { location, name } => {
                let place = match location {
                    StateLocation::LocalDisk => "in files on this server's disk",
                    StateLocation::ProcessMemory => "in this process's memory",
                };
                (format!("Sessions are kept {place} by {name}."), *location)
            }
        };
        // The session() middleware that uses this store (itself, when it has none).
        let session_nodes: Vec<NodeId> = match found.shape {
            Shape::NoStore { .. } => vec![found.node],
            Shape::LocalStore { .. } => {
                let own = ctx.assigned_symbol(found.node);
                self.store_users
                    .iter()
                    .filter(|(span, _)| {
                        *span == found.span
                            || own.is_some_and(|symbol| {
                                ctx.semantic.scoping().symbol_span(symbol) == *span
                            })
                    })
                    .map(|(_, node)| *node)
                    .collect()
            }
        };
        let mut labels: Vec<Label> = Vec::new();
        let mut routes = Vec::new();
        for &node in &session_nodes {
            let span = ctx.semantic.nodes().kind(node).span();
            if node != found.node {
                labels.push(ctx.label(span, "this session middleware uses the store"));
            }
            if let Some(route) = ctx.mount_of_call(span) {
                routes.push(route.clone());
                labels.push(ctx.label(span, format!("session middleware mounted on {route}")));
            }
            if let Some(symbol) = ctx.assigned_symbol(node) {
                for mount in ctx.mounts_of(symbol) {
                    routes.push(mount.route.clone());
                    labels.push(ctx.label(
                        mount.span,
                        format!("session middleware mounted on {}", mount.route),
                    ));
                }
            }
        }
        for span in &self.passport_sessions {
            labels.push(ctx.label(*span, "passport keeps its logins in these sessions too"));
        }
        let state = StateInfo {
            location,
            kind: StateKind::Sessions,
            name: "sessions".to_string(),
            routes,
        };
        let mut diagnostic = finding(ctx, RULE, found.span, message, state);
        diagnostic.labels = labels;
        diagnostic.help = Some(
            "Keep sessions in a store every instance shares (Redis with connect-redis, MongoDB \
             with connect-mongo, PostgreSQL with connect-pg-simple), or in a signed cookie \
             with cookie-session."
                .to_string(),
        );
        diagnostic.rewrites = self.rewrites(found, ctx);
        diagnostic
    }

    fn rewrites(&self, found: &Found<'a>, ctx: &LintContext<'_, 'a>) -> Vec<crate::Rewrite> {
        let backends: [(&str, &str, fn(&mut RewriteBuilder, &LintContext<'_, 'a>)); 2] = [
            (
                "Keep sessions in Redis with connect-redis",
                REDIS_STORE,
                |b, ctx| {
                    b.import(ctx, CONNECT_REDIS)
                        .import(ctx, REDIS_CLIENT)
                        .setup(ctx, REDIS_CLIENT_SETUP);
                },
            ),
            (
                "Keep sessions in MongoDB with connect-mongo",
                MONGO_STORE,
                |b, ctx| {
                    b.import(ctx, CONNECT_MONGO);
                },
            ),
        ];
        let mut out = Vec::new();
        for (title, store, add_imports) in backends {
            let mut builder = RewriteBuilder::new(title);
            match &found.shape {
                Shape::NoStore { arguments } => {
                    let options = first_arg(arguments).map(|o| ctx.resolve.value_of(o));
                    match options {
                        Some(Expression::ObjectExpression(object)) => {
                            let has_props = object.properties.iter().any(|p| {
                                matches!(
                                    p,
                                    ObjectPropertyKind::ObjectProperty(_)
                                        | ObjectPropertyKind::SpreadProperty(_)
                                )
                            });
                            let text = if has_props {
                                format!(" store: {store},")
                            } else {
                                format!(" store: {store} ")
                            };
                            builder.insert(object.span.start + 1, text);
                        }
                        Some(_) => continue,
                        None => {
                            let options = format!(
                                "{{ store: {store}, secret: process.env.SESSION_SECRET, resave: false, saveUninitialized: false }}"
                            );
                            builder.insert(found.span.end - 1, options);
                        }
                    }
                }
                Shape::LocalStore { .. } => {
                    builder.replace(found.span, store);
                }
            }
            add_imports(&mut builder, ctx);
            out.push(builder.build(ctx));
        }
        out
    }
}
