//! How `no-local-sessions` rewrites a finding: a shared store (Redis, MongoDB, or the
//! app's own PostgreSQL pool) in place of the local one, with the options it needs.

use oxc_ast::{
    AstKind,
    ast::{Expression, ObjectPropertyKind},
};
use oxc_span::{GetSpan, Span};

use super::{Found, NoLocalSessions, Shape};
use crate::{
    context::LintContext,
    diagnostic::Rewrite,
    requirements::Service,
    resolve::{NEW, first_arg},
    rules::rewrite_builder::{
        Import, REDIS_CLIENT, REDIS_CLIENT_SETUP, RewriteBuilder, top_level_statement,
    },
};

/// Adds what a store rewrite needs at the top of the file.
type AddImports<'a> = fn(&mut RewriteBuilder, &LintContext<'_, 'a>);

const CONNECT_REDIS: Import = Import {
    module: "connect-redis",
    default: None,
    named: &["RedisStore"],
    commonjs_named: false,
    major: Some("9"),
    service: Some(Service::Redis),
};
const CONNECT_MONGO: Import = Import {
    module: "connect-mongo",
    default: Some("MongoStore"),
    named: &[],
    commonjs_named: true,
    major: Some("6"),
    service: Some(Service::MongoDb),
};
/// Called with the session module, it returns the store class: `new (connectPgSimple(session))(…)`.
const CONNECT_PG_SIMPLE: Import = Import {
    module: "connect-pg-simple",
    default: Some("connectPgSimple"),
    named: &[],
    commonjs_named: false,
    major: Some("10"),
    service: Some(Service::PostgreSql),
};
/// Options express-session 1 needs to work across instances, with the values a rewrite
/// writes when they are missing: without a secret every request fails; `resave` left
/// undefined means `true`, which writes back an unchanged session after each request and
/// can overwrite what a concurrent request on another instance just saved.
const REQUIRED_OPTIONS: &[(&str, &str)] = &[
    ("secret", "process.env.SESSION_SECRET"),
    ("resave", "false"),
    ("saveUninitialized", "false"),
];
const REDIS_STORE: &str = "new RedisStore({ client: redisClient, prefix: 'sess:' })";
const MONGO_STORE: &str = "MongoStore.create({ mongoUrl: process.env.MONGO_URL })";

impl<'a> NoLocalSessions<'a> {
    pub(super) fn rewrites(&self, found: &Found<'a>, ctx: &LintContext<'_, 'a>) -> Vec<Rewrite> {
        let mut backends: Vec<(&str, String, AddImports<'a>)> = vec![
            (
                "Keep sessions in Redis with connect-redis",
                REDIS_STORE.to_string(),
                |b, ctx| {
                    b.import(ctx, CONNECT_REDIS)
                        .import(ctx, REDIS_CLIENT)
                        .setup(ctx, REDIS_CLIENT_SETUP);
                },
            ),
            (
                "Keep sessions in MongoDB with connect-mongo",
                MONGO_STORE.to_string(),
                |b, ctx| {
                    b.import(ctx, CONNECT_MONGO);
                },
            ),
        ];
        let bindings = self.session_bindings.get_or_init(|| SessionBindings::find(ctx));
        if let Some((session, pool)) = postgres_pool(bindings, found.span.start) {
            let pool = if pool == "pool" {
                pool
            } else {
                format!("pool: {pool}")
            };
            backends.push((
                "Keep sessions in PostgreSQL with connect-pg-simple",
                format!(
                    "new (connectPgSimple({session}))({{ {pool}, createTableIfMissing: true }})"
                ),
                |b, ctx| {
                    b.import(ctx, CONNECT_PG_SIMPLE);
                },
            ));
        }
        let mut out = Vec::new();
        for (title, store, add_imports) in backends {
            let store = store.as_str();
            let mut builder = RewriteBuilder::new(title);
            // Where the rewrite changes the code; comments around it may describe the old store.
            let mut edited = found.span;
            match &found.shape {
                Shape::NoStore { arguments } => {
                    let options = first_arg(arguments).map(|o| ctx.resolve.value_of(o));
                    match options {
                        Some(options @ Expression::ObjectExpression(_)) => {
                            let store = format!("store: {store}");
                            edited = insert_options(&mut builder, ctx, options, Some(store))
                                .unwrap_or(edited);
                        }
                        Some(_) => continue,
                        None => {
                            let options: Vec<String> = REQUIRED_OPTIONS
                                .iter()
                                .map(|(name, value)| format!("{name}: {value}"))
                                .collect();
                            let options = format!("{{ store: {store}, {} }}", options.join(", "));
                            builder.insert(found.span.end - 1, options);
                        }
                    }
                }
                Shape::LocalStore { .. } => {
                    builder
                        .replace(found.span, store)
                        .remove_unused_declarations(ctx, &[found.span]);
                    for (_, session) in self.store_users.iter().filter(|(s, _)| *s == found.span) {
                        if let AstKind::CallExpression(call) = ctx.semantic.nodes().kind(*session)
                            && let Some(options) = first_arg(&call.arguments)
                        {
                            insert_options(&mut builder, ctx, options, None);
                        }
                    }
                }
            }
            if let Some(statement) = top_level_statement(ctx, edited) {
                builder.remove_stale_comments(ctx, statement, found.span, says_kept_locally);
            }
            add_imports(&mut builder, ctx);
            out.push(builder.build(ctx));
        }
        out
    }
}

/// Writes `first` and the [`REQUIRED_OPTIONS`] that `options` lacks at the start of the
/// object literal it holds; returns the literal's span, or `None` when it is not one. With
/// options that may come from elsewhere (an unknown spread), only `first` is written.
fn insert_options<'a>(
    builder: &mut RewriteBuilder,
    ctx: &LintContext<'_, 'a>,
    options: &'a Expression<'a>,
    first: Option<String>,
) -> Option<Span> {
    let Expression::ObjectExpression(object) = ctx.resolve.value_of(options) else {
        return None;
    };
    let mut props: Vec<String> = first.into_iter().collect();
    if let Some(shape) = ctx.resolve.object_shape(options).filter(|s| !s.unknown) {
        props.extend(
            REQUIRED_OPTIONS
                .iter()
                .filter(|(name, _)| !shape.has(name))
                .map(|(name, value)| format!("{name}: {value}")),
        );
    }
    if props.is_empty() {
        return Some(object.span);
    }
    let first_property = object.properties.iter().find(|p| {
        matches!(
            p,
            ObjectPropertyKind::ObjectProperty(_) | ObjectPropertyKind::SpreadProperty(_)
        )
    });
    let text = match first_property {
        // One property a line: the new ones follow the same layout.
        Some(property)
            if ctx
                .text(Span::new(object.span.start + 1, property.span().start))
                .contains('\n') =>
        {
            let source = ctx.source();
            let start = property.span().start as usize;
            let line_start = source[..start].rfind('\n').map_or(0, |i| i + 1);
            let indent = &source[line_start..start];
            props
                .iter()
                .map(|prop| format!("\n{indent}{prop},"))
                .collect()
        }
        Some(_) => format!(" {},", props.join(", ")),
        None => format!(" {} ", props.join(", ")),
    };
    builder.insert(object.span.start + 1, text);
    Some(object.span)
}

/// `(session, pool)`: the names under which the file holds express-session and a
/// module-level PostgreSQL `Pool` from `pg` that is ready before `at`, when it has both,
/// so sessions can go to the database the app already uses.
fn postgres_pool(
    bindings: &SessionBindings,
    at: u32,
) -> Option<(String, String)> {
    let session = bindings.sessions.first()?;
    let pool = bindings.pools.iter().find(|(_, end, _)| *end <= at)?;
    Some((session.1.clone(), pool.2.clone()))
}

/// The top-level bindings of express-session and of `new pg.Pool(…)`, in source order,
/// found once per file: a file with many session findings would otherwise resolve every
/// top-level binding again for each one.
#[derive(Default)]
pub(super) struct SessionBindings {
    /// (declaration start, name).
    sessions: Vec<(u32, String)>,
    /// (declaration start, declaration end, name).
    pools: Vec<(u32, u32, String)>,
}

impl SessionBindings {
    pub(super) fn find(ctx: &LintContext<'_, '_>) -> Self {
        let scoping = ctx.semantic.scoping();
        let nodes = ctx.semantic.nodes();
        let mut found = Self::default();
        for symbol in scoping.iter_bindings_in(scoping.root_scope_id()) {
            let Some(origin) = ctx.resolve.symbol_origin(symbol, 0) else {
                continue;
            };
            let declared = nodes.kind(scoping.symbol_declaration(symbol)).span();
            let name = scoping.symbol_name(symbol).to_string();
            if origin.is("express-session", &[]) {
                found.sessions.push((declared.start, name));
            } else if origin.is("pg", &["Pool", NEW]) {
                found.pools.push((declared.start, declared.end, name));
            }
        }
        found.sessions.sort();
        found.pools.sort();
        found
    }
}

/// Whether a comment describes sessions kept in memory or in files, which stops being true
/// once the rewrite gives them a shared store.
fn says_kept_locally(comment: &str) -> bool {
    let comment = comment.to_lowercase();
    [
        "memory",
        "disk",
        "folder",
        "files",
        "file store",
        "filestore",
        "./sessions",
        "in this process",
        "on this server",
        "no `store`",
        "no store",
    ]
    .iter()
    .any(|words| comment.contains(words))
}
