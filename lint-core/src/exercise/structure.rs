//! Structural questions an exercise asks of the learner's code, answered on the semantic
//! model (scopes, origins, routes) that the rules use, never by comparing text.
//!
//! Each query returns an [`StructureAnswer`]: whether the structure is there, and plain words
//! saying what was found or what is missing.

use oxc_ast::{
    AstKind,
    ast::{Argument, BindingPattern, CallExpression, Expression, FormalParameters},
};
use oxc_semantic::NodeId;

use super::RouteSpec;
use crate::{
    context::LintContext,
    diagnostic::HttpRoute,
    resolve::{CALL, NEW, Origin, first_arg},
};

/// The answer to one structural question.
pub(super) struct StructureAnswer {
    pub passed: bool,
    pub message: String,
}

impl StructureAnswer {
    fn pass(message: impl Into<String>) -> Self {
        Self {
            passed: true,
            message: message.into(),
        }
    }

    fn fail(message: impl Into<String>) -> Self {
        Self {
            passed: false,
            message: message.into(),
        }
    }
}

/// Session stores whose data lives in a service every instance reaches over the network.
/// Stores that keep sessions in the process or on local disk (`memorystore`,
/// `session-file-store`, `connect-sqlite3`, express-session's own `MemoryStore`) are
/// deliberately absent.
const SHARED_SESSION_STORES: &[&str] = &[
    "connect-redis",
    "connect-mongo",
    "connect-mongodb-session",
    "connect-pg-simple",
    "connect-session-sequelize",
    "connect-session-knex",
    "connect-dynamodb",
    "connect-memcached",
    "express-mysql-session",
    "@google-cloud/connect-firestore",
    "@quixo3/prisma-session-store",
];

/// Packages whose client objects talk to Redis.
const REDIS_CLIENTS: &[&str] = &["redis", "@redis/client", "ioredis", "@upstash/redis"];

/// Client methods that manage the connection rather than read or write data: a
/// `connect()` at start-up is not state moved into Redis.
const REDIS_LIFECYCLE: &[&str] = &[
    "connect",
    "disconnect",
    "quit",
    "close",
    "destroy",
    "on",
    "once",
    "off",
    "duplicate",
    "ping",
    "select",
];

fn route_matches(spec: &RouteSpec, route: &HttpRoute) -> bool {
    spec.method.eq_ignore_ascii_case(&route.method) && route.path.as_deref() == Some(&spec.path)
}

/// Every function node that runs for `spec`, helpers called from its handlers included.
fn handlers_of(ctx: &LintContext<'_, '_>, spec: &RouteSpec) -> Vec<NodeId> {
    ctx.semantic
        .nodes()
        .iter()
        .filter(|node| node.kind().is_function_like())
        .filter(|node| {
            ctx.handler_routes(node.id())
                .iter()
                .any(|r| route_matches(spec, r))
        })
        .map(|node| node.id())
        .collect()
}

/// True when something is mounted on `spec`: a handler, or a middleware such as
/// `upload.single('photo')` given to the registration.
fn route_registered(ctx: &LintContext<'_, '_>, spec: &RouteSpec) -> bool {
    if !handlers_of(ctx, spec).is_empty() {
        return true;
    }
    ctx.semantic.nodes().iter().any(|node| match node.kind() {
        AstKind::CallExpression(call) => ctx
            .mount_of_call(call.span)
            .is_some_and(|r| route_matches(spec, r)),
        _ => false,
    }) || ctx.semantic.scoping().symbol_ids().any(|symbol| {
        ctx.mounts_of(symbol)
            .iter()
            .any(|m| route_matches(spec, &m.route))
    })
}

/// True when the node at `node` runs as part of a request to `route` (any request when
/// `route` is `None`).
fn runs_for(ctx: &LintContext<'_, '_>, node: NodeId, route: Option<&RouteSpec>) -> bool {
    match route {
        Some(spec) => ctx.routes_at(node).iter().any(|r| route_matches(spec, r)),
        None => ctx.enclosing_handler(node).is_some(),
    }
}

/// True when the call at `node` is mounted on `route` (on any route when `None`), either
/// passed directly (`app.use(session(…))`) or through the variable holding it.
fn mounted_on(
    ctx: &LintContext<'_, '_>,
    node: NodeId,
    call: &CallExpression<'_>,
    route: Option<&RouteSpec>,
) -> bool {
    let fits = |r: &HttpRoute| route.is_none_or(|spec| route_matches(spec, r));
    if ctx.mount_of_call(call.span).is_some_and(fits) {
        return true;
    }
    ctx.assigned_symbol(node)
        .is_some_and(|symbol| ctx.mounts_of(symbol).iter().any(|m| fits(&m.route)))
}

fn describe(spec: Option<&RouteSpec>) -> String {
    match spec {
        None => "a request handler".to_string(),
        Some(s) if s.method == "USE" => format!("the middleware mounted on `{}`", s.path),
        Some(s) => format!("`{s}`"),
    }
}

// ----- route-exists -----

pub(super) fn route_exists(
    ctx: &LintContext<'_, '_>,
    spec: &RouteSpec,
    request: Option<&str>,
) -> StructureAnswer {
    if !route_registered(ctx, spec) {
        return StructureAnswer::fail(format!(
            "`{spec}` is no longer registered. Keep the route: the exercise is to move its \
             state out of the process, not to remove the feature."
        ));
    }
    let Some(property) = request else {
        return StructureAnswer::pass(format!("`{spec}` is still registered."));
    };
    let uses = handlers_of(ctx, spec)
        .into_iter()
        .any(|f| handler_reads_request(ctx, f, property));
    if uses {
        StructureAnswer::pass(format!(
            "`{spec}` is still registered and its handler still uses `req.{property}`."
        ))
    } else {
        StructureAnswer::fail(format!(
            "`{spec}` is registered, but no handler for it uses `req.{property}` any more. \
             Keep the feature working while you change where its data lives."
        ))
    }
}

/// True when the function at `function` reads `<request param>.<property>`.
fn handler_reads_request(ctx: &LintContext<'_, '_>, function: NodeId, property: &str) -> bool {
    let params = match ctx.semantic.nodes().kind(function) {
        AstKind::Function(f) => &f.params,
        AstKind::ArrowFunctionExpression(f) => &f.params,
        _ => return false,
    };
    let Some(symbol) = request_param(params) else {
        return false;
    };
    let nodes = ctx.semantic.nodes();
    ctx.semantic.symbol_references(symbol).any(|reference| {
        matches!(
            nodes.parent_kind(reference.node_id()),
            AstKind::StaticMemberExpression(member) if member.property.name == property
        )
    })
}

/// The request parameter: the first, or the second of an error handler's four.
fn request_param(params: &FormalParameters<'_>) -> Option<oxc_semantic::SymbolId> {
    let index = usize::from(params.items.len() == 4);
    match &params.items.get(index)?.pattern {
        BindingPattern::BindingIdentifier(id) => id.symbol_id.get(),
        _ => None,
    }
}

// ----- middleware-exists -----

pub(super) fn middleware_exists(
    ctx: &LintContext<'_, '_>,
    module: &str,
    export: Option<&str>,
) -> StructureAnswer {
    let steps: Vec<&str> = export.into_iter().collect();
    let name = match export {
        Some(export) => format!("{module} `{export}()`"),
        None => module.to_string(),
    };
    let mut made = false;
    for node in ctx.semantic.nodes().iter() {
        let AstKind::CallExpression(call) = node.kind() else {
            continue;
        };
        if !ctx
            .origin(&call.callee)
            .is_some_and(|o| o.is(module, &steps))
        {
            continue;
        }
        made = true;
        if mounted_on(ctx, node.id(), call, None) {
            return StructureAnswer::pass(format!("The {name} middleware is still mounted."));
        }
    }
    if made {
        StructureAnswer::fail(format!(
            "The {name} middleware is created but never mounted with `app.use(...)`, so no \
             request goes through it."
        ))
    } else {
        StructureAnswer::fail(format!(
            "The {name} middleware is gone. Keep it mounted: the routes depend on it."
        ))
    }
}

// ----- session-store-shared -----

pub(super) fn session_store_shared(ctx: &LintContext<'_, '_>) -> StructureAnswer {
    let mut sessions = 0;
    let mut problems: Vec<String> = Vec::new();
    let mut cookie_session = false;
    for node in ctx.semantic.nodes().iter() {
        let AstKind::CallExpression(call) = node.kind() else {
            continue;
        };
        let Some(origin) = ctx.origin(&call.callee) else {
            continue;
        };
        if origin.is("cookie-session", &[]) && mounted_on(ctx, node.id(), call, None) {
            cookie_session = true;
        }
        if !origin.is("express-session", &[]) {
            continue;
        }
        sessions += 1;
        if let Err(problem) = store_of_session_call(ctx, call) {
            problems.push(problem);
        }
    }
    match (sessions, problems.first()) {
        (0, _) if cookie_session => StructureAnswer::pass(
            "Sessions travel in a signed cookie (cookie-session), so no server keeps them.",
        ),
        (0, _) => StructureAnswer::fail(
            "There is no `session(...)` from express-session and no cookie-session middleware, \
             so nothing keeps users logged in.",
        ),
        (_, Some(problem)) => StructureAnswer::fail(problem.clone()),
        (_, None) => {
            StructureAnswer::pass("`session(...)` is given a store that every instance shares.")
        }
    }
}

/// `Ok` when the options of this `session(...)` call carry a store from a shared-store
/// package, `Err` with the reason otherwise.
fn store_of_session_call<'a>(
    ctx: &LintContext<'_, 'a>,
    call: &'a CallExpression<'a>,
) -> Result<(), String> {
    let Some(options) = first_arg(&call.arguments) else {
        return Err(
            "`session()` is called without options, so it keeps sessions in this \
                    process's memory. Pass `{ store, secret, ... }`."
                .to_string(),
        );
    };
    let Some(shape) = ctx.resolve.object_shape(options) else {
        return Err(
            "The options given to `session(...)` could not be followed to an object, \
                    so the check cannot see a store. Build them in this file."
                .to_string(),
        );
    };
    let Some(store) = shape.get("store") else {
        return Err(
            "`session(...)` is given no `store`, so express-session keeps every \
                    session in this process's memory (its MemoryStore). Pass a store such as \
                    connect-redis, connect-mongo or connect-pg-simple."
                .to_string(),
        );
    };
    match ctx.origin(store) {
        Some(origin) if origin.is_from_any(SHARED_SESSION_STORES) => Ok(()),
        Some(origin) => Err(format!(
            "`session(...)` is given a store from `{}`, which keeps sessions inside this \
             server. Use a store backed by a shared service instead.",
            origin.module
        )),
        None => Err(
            "The `store` given to `session(...)` could not be traced to a \
                     shared-store package such as connect-redis, connect-mongo or \
                     connect-pg-simple."
                .to_string(),
        ),
    }
}

// ----- uploads-to-object-storage -----

pub(super) fn uploads_to_object_storage(
    ctx: &LintContext<'_, '_>,
    route: Option<&RouteSpec>,
) -> StructureAnswer {
    let mut elsewhere: Option<&'static str> = None;
    for node in ctx.semantic.nodes().iter() {
        let AstKind::CallExpression(call) = node.kind() else {
            continue;
        };
        let Some(how) = object_storage_write(ctx, call) else {
            continue;
        };
        let here = if how == MULTER_S3 {
            mounted_on(ctx, node.id(), call, route)
        } else {
            runs_for(ctx, node.id(), route)
        };
        if here {
            return StructureAnswer::pass(format!(
                "{} handles uploads on {}: the files go to a bucket, not to this server.",
                how,
                describe(route)
            ));
        }
        elsewhere.get_or_insert(how);
    }
    match elsewhere {
        Some(how) => StructureAnswer::fail(format!(
            "{how} is in the code, but not where {} runs. Move the upload into that handler.",
            describe(route)
        )),
        None => StructureAnswer::fail(format!(
            "Nothing in {} sends the file to object storage. Use multer-s3, or \
             `multer.memoryStorage()` with an S3 `PutObjectCommand` (or GCS \
             `bucket.file().save`, Azure `uploadData`), or hand out a presigned URL with \
             `getSignedUrl`.",
            describe(route)
        )),
    }
}

const MULTER_S3: &str = "multer-s3";

/// What kind of object-storage write this call is, if it is one.
fn object_storage_write<'a>(
    ctx: &LintContext<'_, 'a>,
    call: &'a CallExpression<'a>,
) -> Option<&'static str> {
    let origin = ctx.origin(&call.callee)?;
    let args = || call.arguments.iter().filter_map(Argument::as_expression);
    let is_put_command = |expr: &Expression<'a>| {
        ctx.origin(expr).is_some_and(|o| {
            o.module == "@aws-sdk/client-s3"
                && o.last_step() == Some(NEW)
                && o.steps.first().is_some_and(|command| {
                    matches!(
                        command.as_str(),
                        "PutObjectCommand" | "CreateMultipartUploadCommand" | "UploadPartCommand"
                    )
                })
        })
    };
    match origin.module.as_str() {
        // `multer({ storage: multerS3({ … }) })`
        "multer" if origin.steps.is_empty() => {
            let shape = ctx.resolve.object_shape(first_arg(&call.arguments)?)?;
            let storage = shape.get("storage")?;
            ctx.origin(storage)
                .is_some_and(|o| o.module == MULTER_S3)
                .then_some(MULTER_S3)
        }
        // `s3.send(new PutObjectCommand({ … }))`
        "@aws-sdk/client-s3" if origin.last_step() == Some("send") => args()
            .any(is_put_command)
            .then_some("An S3 `PutObjectCommand`"),
        // `new Upload({ client, params }).done()`
        "@aws-sdk/lib-storage" if ends_with(&origin, &["Upload", NEW, "done"]) => {
            Some("An S3 multipart `Upload`")
        }
        "@aws-sdk/s3-request-presigner" if origin.is(&origin.module, &["getSignedUrl"]) => args()
            .any(is_put_command)
            .then_some("A presigned S3 upload URL"),
        "@aws-sdk/s3-presigned-post" if origin.is(&origin.module, &["createPresignedPost"]) => {
            Some("A presigned S3 POST")
        }
        "@google-cloud/storage" => match origin.last_step()? {
            "save" | "createWriteStream" => Some("Google Cloud Storage"),
            "getSignedUrl" => Some("A signed Google Cloud Storage URL"),
            _ => None,
        },
        "@azure/storage-blob" => match origin.last_step()? {
            "uploadData" | "upload" | "uploadStream" => Some("Azure Blob Storage"),
            "generateSasUrl" => Some("An Azure SAS upload URL"),
            _ => None,
        },
        _ => None,
    }
}

fn ends_with(origin: &Origin, tail: &[&str]) -> bool {
    origin.steps.len() >= tail.len()
        && origin.steps[origin.steps.len() - tail.len()..]
            .iter()
            .map(String::as_str)
            .eq(tail.iter().copied())
}

// ----- state-in-redis -----

pub(super) fn state_in_redis(
    ctx: &LintContext<'_, '_>,
    route: Option<&RouteSpec>,
    commands: &[String],
) -> StructureAnswer {
    let wanted = |method: &str| {
        commands.is_empty() || commands.iter().any(|c| c.eq_ignore_ascii_case(method))
    };
    let mut elsewhere: Option<String> = None;
    for node in ctx.semantic.nodes().iter() {
        let AstKind::CallExpression(call) = node.kind() else {
            continue;
        };
        let Some(method) = redis_command(ctx, call) else {
            continue;
        };
        if !wanted(method) {
            continue;
        }
        if runs_for(ctx, node.id(), route) {
            return StructureAnswer::pass(format!(
                "{} keeps its data in Redis (`{method}`), shared by every instance.",
                capitalise(&describe(route))
            ));
        }
        elsewhere.get_or_insert_with(|| method.to_string());
    }
    let expected = if commands.is_empty() {
        "a Redis command".to_string()
    } else {
        let names: Vec<String> = commands.iter().map(|c| format!("`{c}`")).collect();
        names.join(" or ")
    };
    match elsewhere {
        Some(method) => StructureAnswer::fail(format!(
            "`{method}` is called on a Redis client, but not while {} runs. The state has \
             to be read and written there, per request.",
            describe(route)
        )),
        None => StructureAnswer::fail(format!(
            "{} does not call {expected} on a Redis client (from `createClient` in redis \
             or `new Redis` in ioredis), so its state still lives in this process.",
            capitalise(&describe(route))
        )),
    }
}

// ----- atomic-update -----

/// Commands that change a value inside Redis and answer the result, in one step.
const ATOMIC_COMMANDS: &[&str] = &[
    "incr",
    "incrBy",
    "incrByFloat",
    "decr",
    "decrBy",
    "hIncrBy",
    "hIncrByFloat",
    "zIncrBy",
];

pub(super) fn atomic_update(
    ctx: &LintContext<'_, '_>,
    route: Option<&RouteSpec>,
    commands: &[String],
) -> StructureAnswer {
    let wanted = |method: &str| {
        let list: Vec<&str> = if commands.is_empty() {
            ATOMIC_COMMANDS.to_vec()
        } else {
            commands.iter().map(String::as_str).collect()
        };
        list.iter().any(|c| c.eq_ignore_ascii_case(method))
    };
    let mut dropped: Option<String> = None;
    for node in ctx.semantic.nodes().iter() {
        let AstKind::CallExpression(call) = node.kind() else {
            continue;
        };
        let Some(method) = redis_command(ctx, call) else {
            continue;
        };
        if !wanted(method) || !runs_for(ctx, node.id(), route) {
            continue;
        }
        if answer_used(ctx, node.id()) {
            return StructureAnswer::pass(format!(
                "{} changes the value with `{method}` and uses its answer, so concurrent \
                 requests each get their own result.",
                capitalise(&describe(route))
            ));
        }
        dropped.get_or_insert_with(|| method.to_string());
    }
    match dropped {
        Some(method) => StructureAnswer::fail(format!(
            "`{method}` is called while {} runs, but its answer is dropped. Reading the \
             value again afterwards can see other requests' changes too: use the value \
             `{method}` returns.",
            describe(route)
        )),
        None => StructureAnswer::fail(format!(
            "{} does not change the value with an atomic command such as `incr` or \
             `hIncrBy`. Reading it, changing it here and writing it back lets two requests \
             at once overwrite each other.",
            capitalise(&describe(route))
        )),
    }
}

/// Whether the value of the call at `node` is used: assigned, returned, passed on.
fn answer_used(ctx: &LintContext<'_, '_>, node: NodeId) -> bool {
    let nodes = ctx.semantic.nodes();
    let mut id = node;
    loop {
        let parent = nodes.parent_node(id);
        match parent.kind() {
            AstKind::AwaitExpression(_) | AstKind::ParenthesizedExpression(_) => id = parent.id(),
            AstKind::ExpressionStatement(_) => return false,
            _ => return true,
        }
    }
}

/// The method name of `client.method(...)` when `client` is a Redis client instance
/// and the method reads or writes data.
fn redis_command<'c>(ctx: &LintContext<'_, '_>, call: &'c CallExpression<'_>) -> Option<&'c str> {
    let member = call.callee.get_inner_expression().as_member_expression()?;
    let method = member.static_property_name()?;
    if REDIS_LIFECYCLE.contains(&method) {
        return None;
    }
    let client = ctx.origin(member.object())?;
    // An instance, not the module: `createClient(…)` or `new Redis(…)` somewhere in its
    // steps. Calling `redis.createClient()` itself is not a command.
    let instance = client
        .steps
        .iter()
        .any(|s| s.as_str() == CALL || s.as_str() == NEW);
    (client.is_from_any(REDIS_CLIENTS) && instance).then_some(method)
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}
