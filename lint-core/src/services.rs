//! What the code registers and shares, for faces that replay it: the routes it serves,
//! the backing services its clients talk to, and the state it already keeps in them.
//!
//! The drill builds its requests from these facts so that it never sends a request to a
//! route the code does not have, and so that the same code before and after a rewrite
//! gets the same requests. Resolution goes through [`crate::resolve`]: `const redis =
//! createClient()` makes `redis.incr('hits')` a Redis command wherever `redis` is used.

use oxc_allocator::Allocator;
use oxc_ast::{
    AstKind,
    ast::{Argument, CallExpression, Expression},
};
use oxc_parser::Parser;
use oxc_semantic::{NodeId, Semantic, SemanticBuilder};
use oxc_span::GetSpan;
use serde::{Deserialize, Serialize};

use crate::{
    context::LintContext,
    diagnostic::{HttpRoute, StateInfo, StateKind, StateLocation},
    guard,
    linter::LintOptions,
    position::LineIndex,
    project::ProjectView,
    requirements::Service,
    resolve::{CALL, NEW, Origin, first_arg, string_value},
    source::candidates,
};

/// Middleware packages that receive uploaded files.
const UPLOADERS: &[&str] = &["multer", "formidable", "express-fileupload", "busboy"];

/// Redis commands that add to a number atomically and answer the new value.
const COUNTING: &[&str] = &[
    "incr",
    "incrby",
    "incrbyfloat",
    "decr",
    "decrby",
    "hincrby",
    "hincrbyfloat",
    "zincrby",
];
/// Redis commands that add members to a list, set or stream.
const ADDING: &[&str] = &["lpush", "rpush", "sadd", "zadd", "xadd"];
/// Redis commands that read or write values by key.
const KEYED: &[&str] = &[
    "get",
    "set",
    "setex",
    "setnx",
    "getset",
    "mget",
    "mset",
    "hget",
    "hset",
    "hsetnx",
    "hmget",
    "hmset",
    "hgetall",
    "hdel",
    "del",
    "exists",
    "expire",
    "lrange",
    "llen",
    "smembers",
    "sismember",
    "scard",
    "zrange",
    "json.get",
    "json.set",
];

/// Everything [`survey`] found in one file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Survey {
    /// Every route the code registers, in source order, each once.
    pub routes: Vec<RegisteredRoute>,
    /// The backing services the code's clients talk to, in order of first use, each once
    /// per package.
    pub services: Vec<ServiceUse>,
    /// State the code keeps in backing services (no finding: every instance shares it).
    pub shared: Vec<SharedState>,
}

/// A route the code registers and what its handlers and middleware do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RegisteredRoute {
    pub route: HttpRoute,
    /// Its handlers read `req.session`.
    pub reads_session: bool,
    /// Its handlers change `req.session` (a log-in, a cart).
    pub writes_session: bool,
    /// An upload middleware (multer, formidable, …) is mounted on it.
    pub receives_files: bool,
    /// `express.static(…)` is mounted on it: it serves files by their path.
    pub serves_files: bool,
}

/// A package whose client the code creates or calls, and the service it talks to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceUse {
    pub service: Service,
    /// The npm package (`pg`, `mongoose`, `redis`, `@aws-sdk/client-s3`).
    pub package: String,
}

/// A piece of state kept in a backing service; `state.location` is always
/// [`StateLocation::BackingService`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SharedState {
    pub service: Service,
    pub state: StateInfo,
}

impl Survey {
    /// One survey of many files': routes once each (what their handlers do, joined),
    /// services once per package, every piece of shared state.
    pub fn merged(surveys: impl IntoIterator<Item = Survey>) -> Survey {
        let mut all = Survey::default();
        for survey in surveys {
            for route in survey.routes {
                match all.routes.iter_mut().find(|r| r.route == route.route) {
                    Some(known) => {
                        known.reads_session |= route.reads_session;
                        known.writes_session |= route.writes_session;
                        known.receives_files |= route.receives_files;
                        known.serves_files |= route.serves_files;
                    }
                    None => all.routes.push(route),
                }
            }
            for service in survey.services {
                if !all.services.contains(&service) {
                    all.services.push(service);
                }
            }
            all.shared.extend(survey.shared);
        }
        all
    }

    /// True when the code uses `service` through any client.
    pub fn uses(&self, service: Service) -> bool {
        self.services.iter().any(|s| s.service == service)
    }
}

/// Surveys one source text. Text that does not parse cleanly gives an empty survey: the
/// facts it reports must be facts of the code, never guesses around a syntax error.
pub fn survey(source: &str, options: &LintOptions) -> Survey {
    if guard::check(source).is_err() {
        return Survey::default();
    }
    let index = LineIndex::new(source);
    for source_type in candidates(options.language, options.file_name.as_deref()) {
        // The same nesting guard as the linter's, per dialect: no input reaches a parse
        // deep enough to overflow the stack.
        if guard::check_nesting(source, source_type).is_err() {
            continue;
        }
        let allocator = Allocator::default();
        let parsed = Parser::new(&allocator, source, source_type).parse();
        if parsed.panicked || !parsed.diagnostics.is_empty() {
            continue;
        }
        let semantic = SemanticBuilder::new()
            .with_build_nodes(true)
            .build(&parsed.program);
        return survey_semantic(&semantic.semantic, &index, None);
    }
    Survey::default()
}

/// The survey of a file already parsed cleanly, with the project around it if any.
pub(crate) fn survey_semantic(
    semantic: &Semantic<'_>,
    index: &LineIndex<'_>,
    project: Option<&ProjectView<'_>>,
) -> Survey {
    let ctx = LintContext::with_project(semantic, index, project);
    Surveyor::default().run(&ctx)
}

/// A Redis key as the handlers use it.
struct KeyUse {
    name: String,
    kind: StateKind,
    routes: Vec<HttpRoute>,
}

#[derive(Default)]
struct Surveyor {
    survey: Survey,
    keys: Vec<KeyUse>,
    /// Routes whose upload middleware keeps files in memory only for the request: they
    /// reach object storage when the code uploads them there itself.
    memory_uploads: Vec<HttpRoute>,
}

impl Surveyor {
    fn run(mut self, ctx: &LintContext<'_, '_>) -> Survey {
        for node in ctx.semantic.nodes().iter() {
            match node.kind() {
                AstKind::CallExpression(call) => self.call(call, node.id(), ctx),
                AstKind::NewExpression(new) => {
                    if let Some(origin) = ctx.origin(&new.callee) {
                        self.client(&origin);
                    }
                }
                AstKind::StaticMemberExpression(member) if member.property.name == "session" => {
                    self.session_access(&member.object, node.id(), ctx);
                }
                _ => {}
            }
        }
        if self.survey.uses(Service::ObjectStorage) {
            for route in std::mem::take(&mut self.memory_uploads) {
                self.share(
                    Service::ObjectStorage,
                    StateKind::UploadedFiles,
                    "uploads",
                    route,
                );
            }
        }
        for key in std::mem::take(&mut self.keys) {
            self.survey.shared.push(SharedState {
                service: Service::Redis,
                state: StateInfo {
                    location: StateLocation::BackingService,
                    kind: key.kind,
                    name: key.name,
                    routes: key.routes,
                },
            });
        }
        self.survey
    }

    fn call<'a>(&mut self, call: &'a CallExpression<'a>, node: NodeId, ctx: &LintContext<'_, 'a>) {
        let callee = ctx.origin(&call.callee);
        if let Some(origin) = &callee {
            self.client(origin);
            if origin.is("express-session", &[]) {
                self.session_store(call, node, ctx);
            }
        }
        if let Some((routes, mounted)) = ctx.registration(call) {
            for route in routes {
                self.registration(route, mounted, ctx);
            }
        }
        self.redis_command(call, node, ctx);
    }

    /// A client made or called from a service's package: the code uses that service.
    fn client(&mut self, origin: &Origin) {
        let Some(service) = service_of(origin) else {
            return;
        };
        let known = self
            .survey
            .services
            .iter()
            .any(|s| s.service == service && s.package == origin.module);
        if !known {
            self.survey.services.push(ServiceUse {
                service,
                package: origin.module.clone(),
            });
        }
    }

    fn registration<'a>(
        &mut self,
        route: HttpRoute,
        mounted: &'a [Argument<'a>],
        ctx: &LintContext<'_, 'a>,
    ) {
        let mut receives_files = false;
        let mut serves_files = false;
        for arg in mounted.iter().filter_map(Argument::as_expression) {
            let Some(origin) = ctx.origin(arg) else {
                continue;
            };
            if origin.is("express", &["static", CALL]) {
                serves_files = true;
            } else if origin.is_from_any(UPLOADERS) {
                receives_files = true;
                match upload_storage(arg, ctx) {
                    Some(Storage::Service(service)) => {
                        self.share(service, StateKind::UploadedFiles, "uploads", route.clone());
                    }
                    Some(Storage::Memory) => self.memory_uploads.push(route.clone()),
                    None => {}
                }
            }
        }
        let entry = self.route_mut(route);
        entry.receives_files |= receives_files;
        entry.serves_files |= serves_files;
    }

    fn route_mut(&mut self, route: HttpRoute) -> &mut RegisteredRoute {
        let routes = &mut self.survey.routes;
        let at = match routes.iter().position(|r| r.route == route) {
            Some(at) => at,
            None => {
                routes.push(RegisteredRoute {
                    route,
                    reads_session: false,
                    writes_session: false,
                    receives_files: false,
                    serves_files: false,
                });
                routes.len() - 1
            }
        };
        &mut routes[at]
    }

    /// `session({ store: new RedisStore(…) })`: sessions in the store's service, on the
    /// routes the middleware is mounted on.
    fn session_store<'a>(
        &mut self,
        call: &'a CallExpression<'a>,
        node: NodeId,
        ctx: &LintContext<'_, 'a>,
    ) {
        let Some(options) = first_arg(&call.arguments).and_then(|o| ctx.resolve.object_shape(o))
        else {
            return;
        };
        let Some(store) = options.get("store") else {
            return;
        };
        let store = ctx.resolve.value_of(store);
        let service = ctx.origin(store).as_ref().and_then(service_of);
        let Some(service) = service else {
            return;
        };
        let mut routes: Vec<HttpRoute> =
            ctx.mount_of_call(call.span).cloned().into_iter().collect();
        if let Some(symbol) = ctx.assigned_symbol(node) {
            routes.extend(ctx.mounts_of(symbol).iter().map(|m| m.route.clone()));
        }
        for route in routes {
            self.share(service, StateKind::Sessions, "sessions", route);
        }
    }

    /// Adds `route` to the shared state of that service, kind and name, or records it.
    fn share(&mut self, service: Service, kind: StateKind, name: &str, route: HttpRoute) {
        let shared = &mut self.survey.shared;
        if let Some(known) = shared
            .iter_mut()
            .find(|s| s.service == service && s.state.kind == kind && s.state.name == name)
        {
            if !known.state.routes.contains(&route) {
                known.state.routes.push(route);
            }
            return;
        }
        shared.push(SharedState {
            service,
            state: StateInfo {
                location: StateLocation::BackingService,
                kind,
                name: name.to_string(),
                routes: vec![route],
            },
        });
    }

    /// `redis.incr('hits')` inside a handler: a counter `hits` in Redis on that route.
    fn redis_command<'a>(
        &mut self,
        call: &'a CallExpression<'a>,
        node: NodeId,
        ctx: &LintContext<'_, 'a>,
    ) {
        let Some(member) = call.callee.get_inner_expression().as_member_expression() else {
            return;
        };
        let Some(command) = member.static_property_name() else {
            return;
        };
        let is_client = ctx.origin(member.object()).is_some_and(|o| {
            o.is_from_any(&["redis", "ioredis"]) && matches!(o.last_step(), Some(CALL | NEW))
        });
        if !is_client || ctx.enclosing_handler(node).is_none() {
            return;
        }
        let command = command.to_ascii_lowercase();
        let kind = if COUNTING.contains(&command.as_str()) {
            StateKind::Counter
        } else if ADDING.contains(&command.as_str()) {
            StateKind::Collection
        } else if KEYED.contains(&command.as_str()) {
            StateKind::Cache
        } else {
            return;
        };
        let Some(name) = first_arg(&call.arguments).and_then(key_name) else {
            return;
        };
        let routes = ctx.routes_at(node);
        let key = match self.keys.iter_mut().find(|k| k.name == name) {
            Some(key) => key,
            None => {
                self.keys.push(KeyUse {
                    name,
                    kind,
                    routes: Vec::new(),
                });
                self.keys.last_mut().expect("just pushed")
            }
        };
        // A key counted anywhere is a counter; one added to, a list; else keyed values.
        if rank(kind) < rank(key.kind) {
            key.kind = kind;
        }
        for route in routes {
            if !key.routes.contains(&route) {
                key.routes.push(route);
            }
        }
    }

    /// `req.session` read or written inside a handler.
    fn session_access(&mut self, object: &Expression<'_>, node: NodeId, ctx: &LintContext<'_, '_>) {
        // `req` must be a parameter (of the handler or a function it calls), not a
        // module object that happens to have a `session` property.
        let Some(symbol) = ctx.resolve.symbol_of(object) else {
            return;
        };
        let declaration = ctx.semantic.scoping().symbol_declaration(symbol);
        let is_parameter = matches!(
            ctx.semantic.nodes().kind(declaration),
            AstKind::FormalParameter(_)
        ) || matches!(
            ctx.semantic.nodes().parent_kind(declaration),
            AstKind::FormalParameter(_)
        );
        if !is_parameter {
            return;
        }
        let writes = is_written(node, ctx);
        for route in ctx.routes_at(node) {
            let entry = self.route_mut(route);
            if writes {
                entry.writes_session = true;
            } else {
                entry.reads_session = true;
            }
        }
    }
}

fn rank(kind: StateKind) -> u8 {
    match kind {
        StateKind::Counter => 0,
        StateKind::Collection => 1,
        _ => 2,
    }
}

/// The service a package's client talks to.
fn service_of(origin: &Origin) -> Option<Service> {
    Some(match origin.module.as_str() {
        "redis" | "ioredis" | "connect-redis" | "rate-limit-redis" => Service::Redis,
        "pg" | "postgres" | "pg-promise" | "connect-pg-simple" => Service::PostgreSql,
        "mongoose" | "mongodb" | "connect-mongo" => Service::MongoDb,
        "@aws-sdk/client-s3" | "@aws-sdk/lib-storage" | "multer-s3" => Service::ObjectStorage,
        "aws-sdk" if origin.steps.first().is_some_and(|s| s == "S3") => Service::ObjectStorage,
        _ => return None,
    })
}

/// A Redis key's name: `'hits'`, or `likes:…` for `` `likes:${id}` ``.
fn key_name(expr: &Expression<'_>) -> Option<String> {
    if let Some(text) = string_value(expr) {
        return Some(text.to_string());
    }
    let Expression::TemplateLiteral(template) = expr.get_inner_expression() else {
        return None;
    };
    let head = template.quasis.first()?.value.raw.as_str();
    (!head.is_empty()).then(|| format!("{head}…"))
}

/// Where an upload middleware keeps the files it receives.
enum Storage {
    /// A storage engine that writes to a service (multer-s3).
    Service(Service),
    /// In memory for the request only (`multer()`, `multer.memoryStorage()`).
    Memory,
}

/// `upload.single('photo')` → the storage of `const upload = multer({ storage })`.
/// `None` for storage on the local disk (a finding covers it) or that cannot be told.
fn upload_storage<'a>(mounted: &'a Expression<'a>, ctx: &LintContext<'_, 'a>) -> Option<Storage> {
    // Down the chain to the `multer(…)` call: `upload.single('photo')`, `multer(opts).any()`.
    let mut link = mounted.get_inner_expression();
    let multer_call = loop {
        link = match ctx.resolve.value_of(link) {
            Expression::CallExpression(call)
                if ctx
                    .origin(&call.callee)
                    .is_some_and(|o| o.is("multer", &[])) =>
            {
                break call;
            }
            Expression::CallExpression(call) => call.callee.get_inner_expression(),
            Expression::StaticMemberExpression(member) => member.object.get_inner_expression(),
            _ => return None,
        };
    };
    let Some(options) = first_arg(&multer_call.arguments) else {
        return Some(Storage::Memory);
    };
    let shape = ctx.resolve.object_shape(options)?;
    if shape.unknown || shape.has("dest") {
        return None;
    }
    let Some(storage) = shape.get("storage") else {
        return Some(Storage::Memory);
    };
    let origin = ctx.origin(ctx.resolve.value_of(storage))?;
    if origin.is("multer", &["memoryStorage", CALL]) {
        return Some(Storage::Memory);
    }
    service_of(&origin).map(Storage::Service)
}

/// True when the member expression at `node` (`req.session`) is changed: assigned to,
/// updated, deleted from, or has a mutating method called on it.
fn is_written(node: NodeId, ctx: &LintContext<'_, '_>) -> bool {
    let nodes = ctx.semantic.nodes();
    let span = nodes.kind(node).span();
    for ancestor in nodes.ancestors(node) {
        match ancestor.kind() {
            AstKind::StaticMemberExpression(_) | AstKind::ComputedMemberExpression(_) => {}
            AstKind::AssignmentExpression(assign) => {
                return assign.left.span().contains_inclusive(span);
            }
            AstKind::UpdateExpression(_) => return true,
            AstKind::UnaryExpression(unary) => {
                return unary.operator == oxc_ast::ast::UnaryOperator::Delete;
            }
            AstKind::CallExpression(call) => {
                let method = call
                    .callee
                    .get_inner_expression()
                    .as_member_expression()
                    .and_then(|m| m.static_property_name());
                return call.callee.span().contains_inclusive(span)
                    && method.is_some_and(|m| {
                        matches!(
                            m,
                            "push"
                                | "unshift"
                                | "splice"
                                | "pop"
                                | "shift"
                                | "regenerate"
                                | "destroy"
                                | "set"
                                | "add"
                                | "delete"
                                | "clear"
                        )
                    });
            }
            kind if kind.debug_name().contains("AssignmentTarget") => {}
            _ => return false,
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn of(source: &str) -> Survey {
        survey(source, &LintOptions::for_file("app.js"))
    }

    fn route(method: &str, path: &str) -> HttpRoute {
        HttpRoute {
            method: method.to_string(),
            path: Some(path.to_string()),
        }
    }

    fn routes(survey: &Survey) -> Vec<String> {
        survey
            .routes
            .iter()
            .map(|r| {
                let mut line = r.route.to_string();
                for (on, word) in [
                    (r.reads_session, "reads-session"),
                    (r.writes_session, "writes-session"),
                    (r.receives_files, "receives-files"),
                    (r.serves_files, "serves-files"),
                ] {
                    if on {
                        line.push(' ');
                        line.push_str(word);
                    }
                }
                line
            })
            .collect()
    }

    fn services(survey: &Survey) -> Vec<(Service, &str)> {
        survey
            .services
            .iter()
            .map(|s| (s.service, s.package.as_str()))
            .collect()
    }

    fn shared(survey: &Survey) -> Vec<(Service, StateKind, &str, Vec<String>)> {
        survey
            .shared
            .iter()
            .map(|s| {
                let routes = s.state.routes.iter().map(ToString::to_string).collect();
                (s.service, s.state.kind, s.state.name.as_str(), routes)
            })
            .collect()
    }

    #[test]
    fn routes_say_which_read_or_change_the_session_and_which_take_or_serve_files() {
        let survey = of(r"const express = require('express');
const session = require('express-session');
const multer = require('multer');
const app = express();
app.use(session({ secret: 's' }));
const upload = multer({ dest: 'uploads/' });
app.post('/login', (req, res) => { req.session.user = req.body.name; res.end(); });
app.post('/cart/:item', (req, res) => { req.session.cart.push(req.params.item); res.end(); });
app.post('/photos', upload.single('photo'), (req, res) => res.json({ owner: req.session.user }));
app.get('/photos/:id', (req, res) => res.end());
app.use('/files', express.static('uploads'));
");
        assert_eq!(
            routes(&survey),
            [
                "USE /",
                "POST /login writes-session",
                "POST /cart/:item writes-session",
                "POST /photos reads-session receives-files",
                "GET /photos/:id",
                "USE /files serves-files",
            ]
        );
        assert!(survey.services.is_empty());
        assert!(survey.shared.is_empty(), "local state is for the rules");
    }

    #[test]
    fn clients_of_service_packages_are_listed_once_each() {
        let survey = of(r"const express = require('express');
const { Pool } = require('pg');
const mongoose = require('mongoose');
const { createClient } = require('redis');
const { S3Client } = require('@aws-sdk/client-s3');
const pool = new Pool();
const other = new Pool();
mongoose.connect(process.env.MONGO_URL);
const redis = createClient();
const s3 = new S3Client({});
const app = express();
app.get('/users', async (req, res) => res.json((await pool.query('select 1')).rows));
");
        assert_eq!(
            services(&survey),
            [
                (Service::PostgreSql, "pg"),
                (Service::MongoDb, "mongoose"),
                (Service::Redis, "redis"),
                (Service::ObjectStorage, "@aws-sdk/client-s3"),
            ]
        );
    }

    #[test]
    fn a_package_that_is_only_required_is_not_used() {
        let survey = of("const { Pool } = require('pg');\nconst redis = require('redis');\n");
        assert!(survey.services.is_empty(), "{:?}", survey.services);
    }

    #[test]
    fn state_kept_in_services_is_found_with_its_routes() {
        let survey = of(r"const express = require('express');
const session = require('express-session');
const { RedisStore } = require('connect-redis');
const { createClient } = require('redis');
const multer = require('multer');
const multerS3 = require('multer-s3');
const { S3Client } = require('@aws-sdk/client-s3');
const redis = createClient({ url: process.env.REDIS_URL });
const app = express();
app.use(session({ store: new RedisStore({ client: redis }), secret: 's' }));
const upload = multer({ storage: multerS3({ s3: new S3Client({}), bucket: 'b' }) });
app.post('/photos', upload.single('photo'), (req, res) => res.json({ key: req.file.key }));
app.get('/photos/:id', async (req, res) => {
  const hits = await redis.incr('hits');
  const cached = await redis.hGet('cache', req.params.id);
  if (!cached) await redis.hSet('cache', req.params.id, 'x');
  res.json({ hits });
});
app.post('/photos/:id/like', async (req, res) => res.json({ likes: await redis.incr(`likes:${req.params.id}`) }));
app.get('/hits', async (req, res) => res.json({ hits: await redis.get('hits') }));
redis.set('started', Date.now());
");
        assert_eq!(
            shared(&survey),
            [
                (
                    Service::Redis,
                    StateKind::Sessions,
                    "sessions",
                    vec!["USE /".to_string()]
                ),
                (
                    Service::ObjectStorage,
                    StateKind::UploadedFiles,
                    "uploads",
                    vec!["POST /photos".to_string()]
                ),
                (
                    Service::Redis,
                    StateKind::Counter,
                    "hits",
                    vec!["GET /photos/:id".to_string(), "GET /hits".to_string()]
                ),
                (
                    Service::Redis,
                    StateKind::Cache,
                    "cache",
                    vec!["GET /photos/:id".to_string()]
                ),
                (
                    Service::Redis,
                    StateKind::Counter,
                    "likes:…",
                    vec!["POST /photos/:id/like".to_string()]
                ),
            ]
        );
        assert!(
            survey
                .shared
                .iter()
                .all(|s| s.state.location == StateLocation::BackingService)
        );
    }

    #[test]
    fn uploads_kept_in_memory_reach_object_storage_only_when_the_code_uses_it() {
        let memory = r"const express = require('express');
const multer = require('multer');
const app = express();
const upload = multer({ storage: multer.memoryStorage() });
app.post('/avatar', upload.single('avatar'), (req, res) => res.end());
";
        assert!(of(memory).shared.is_empty());
        let uploaded = format!(
            "{memory}const {{ S3Client }} = require('@aws-sdk/client-s3');\nconst s3 = new S3Client({{}});\n"
        );
        assert_eq!(
            shared(&of(&uploaded)),
            [(
                Service::ObjectStorage,
                StateKind::UploadedFiles,
                "uploads",
                vec!["POST /avatar".to_string()]
            )]
        );
    }

    #[test]
    fn a_session_object_that_is_not_a_request_is_not_a_session() {
        let survey = of(r"const express = require('express');
const app = express();
const db = { session: {} };
app.get('/x', (req, res) => { db.session.user = 1; res.end(); });
");
        assert_eq!(routes(&survey), ["GET /x"]);
        assert_eq!(survey.routes[0].route, route("GET", "/x"));
    }

    #[test]
    fn code_that_does_not_parse_gives_an_empty_survey() {
        assert_eq!(
            of("const app = require('express')();\napp.get('/x', (req, res) => {"),
            Survey::default()
        );
    }
}
