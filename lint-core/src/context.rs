//! What every rule can ask of the file: resolution, request handlers and their routes,
//! where middleware is mounted, and position conversion. Built once per lint.

use std::cell::OnceCell;

use oxc_ast::{
    AstKind,
    ast::{Argument, BindingPattern, CallExpression, Expression, FormalParameters},
};
use oxc_semantic::{NodeId, Semantic, SymbolId};
use oxc_span::{GetSpan, Span};
// The tables below are keyed by oxc's ids and asked once per node, ancestor or finding;
// FxHash is several times cheaper than the default SipHash there, and none of their keys
// comes from outside the process.
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use crate::{
    diagnostic::{HttpRoute, Label},
    position::{LineIndex, SourceRange},
    project::{Exported, LinkedModule, ProjectView, is_relative},
    resolve::{CALL, Origin, Resolver, first_arg, string_value},
};

/// Methods that register a route handler or middleware on an Express app or router.
pub(crate) const ROUTE_METHODS: &[&str] = &[
    "get", "post", "put", "patch", "delete", "del", "all", "use", "options", "head",
];

/// A middleware or handler argument of a route registration.
#[derive(Debug, Clone)]
pub struct Mount {
    pub span: Span,
    pub route: HttpRoute,
}

pub struct LintContext<'s, 'a> {
    pub semantic: &'s Semantic<'a>,
    pub resolve: Resolver<'s, 'a>,
    index: &'s LineIndex<'s>,
    /// Function nodes that run per request, with the routes they serve (empty = unknown).
    handlers: HashMap<NodeId, Vec<HttpRoute>>,
    /// Where a local symbol (e.g. an upload middleware) is used in a route registration.
    mounts_by_symbol: HashMap<SymbolId, Vec<Mount>>,
    /// Where a call expression passed directly to a registration is mounted.
    mounts_by_call: HashMap<Span, HttpRoute>,
    /// Path prefixes of routers mounted with `app.use('/api', router)`: one per place
    /// the router is mounted.
    prefixes: HashMap<SymbolId, Vec<String>>,
    /// Every reference to a top-level symbol, sorted by position; built on first use.
    root_references: OnceCell<Vec<(Span, SymbolId)>>,
    /// Whether the file is written as an ES module; read once (every rewrite that adds an
    /// import asks).
    uses_esm: OnceCell<bool>,
    /// The project around this file, in a whole-project lint.
    project: Option<&'s ProjectView<'s>>,
}

impl<'s, 'a> LintContext<'s, 'a> {
    pub fn new(semantic: &'s Semantic<'a>, index: &'s LineIndex<'s>) -> Self {
        Self::with_project(semantic, index, None)
    }

    /// A context for one file of a project: routers mounted and handlers registered in
    /// other files get their routes, and relative modules their summaries.
    pub fn with_project(
        semantic: &'s Semantic<'a>,
        index: &'s LineIndex<'s>,
        project: Option<&'s ProjectView<'s>>,
    ) -> Self {
        let mut ctx = Self {
            project,
            semantic,
            resolve: Resolver::new(semantic),
            index,
            handlers: HashMap::default(),
            mounts_by_symbol: HashMap::default(),
            mounts_by_call: HashMap::default(),
            prefixes: HashMap::default(),
            root_references: OnceCell::new(),
            uses_esm: OnceCell::new(),
        };
        ctx.find_handlers();
        ctx
    }

    /// The references to top-level symbols that lie inside `span`, in source order. Built
    /// once per lint, so rewrites that ask per finding stay linear in the file.
    pub fn root_references_in(&self, span: Span) -> impl Iterator<Item = SymbolId> + '_ {
        let references = self.root_references.get_or_init(|| {
            let scoping = self.semantic.scoping();
            let nodes = self.semantic.nodes();
            let mut all: Vec<(Span, SymbolId)> = scoping
                .iter_bindings_in(scoping.root_scope_id())
                .flat_map(|symbol| {
                    scoping
                        .get_resolved_reference_ids(symbol)
                        .iter()
                        .map(move |&id| {
                            (
                                nodes.kind(scoping.get_reference(id).node_id()).span(),
                                symbol,
                            )
                        })
                })
                .collect();
            all.sort_by_key(|(at, _)| (at.start, at.end));
            all
        });
        let first = references.partition_point(|(at, _)| at.start < span.start);
        references[first..]
            .iter()
            .take_while(move |(at, _)| at.start < span.end)
            .filter(move |(at, _)| at.end <= span.end)
            .map(|&(_, symbol)| symbol)
    }

    /// In a whole-project lint, the file a relative specifier names, with its summary;
    /// `None` in a single-file lint or when the project does not have that file.
    pub fn project_module(&self, specifier: &str) -> Option<LinkedModule<'s>> {
        self.project?.module(specifier)
    }

    /// Labels in other files for a handler registered there: "registered on POST /api/cart".
    pub fn external_registrations(&self, handler: NodeId) -> impl Iterator<Item = &'s Label> {
        self.project
            .into_iter()
            .flat_map(|p| p.external_routes.iter())
            .filter(move |(f, _, _)| *f == handler)
            .map(|(_, _, label)| label)
    }

    /// True when the file is an ES module, where code imports rather than `require`s:
    /// TypeScript, or a file with an `import` or `export` at its top level (a module that
    /// only exports is ESM too: `require` is not defined there).
    pub fn uses_esm(&self) -> bool {
        *self.uses_esm.get_or_init(|| {
            let program = self.semantic.nodes().program();
            program.source_type.is_typescript()
                || program
                    .body
                    .iter()
                    .any(oxc_ast::ast::Statement::is_module_declaration)
        })
    }

    pub fn source(&self) -> &'s str {
        self.index.source()
    }

    pub fn text(&self, span: Span) -> &'s str {
        self.source()
            .get(span.start as usize..span.end as usize)
            .unwrap_or("")
    }

    pub fn range(&self, span: Span) -> SourceRange {
        self.index.range(span.start, span.end)
    }

    pub fn label(&self, span: Span, message: impl Into<String>) -> Label {
        Label::new(self.range(span), message)
    }

    pub fn origin(&self, expr: &Expression<'a>) -> Option<Origin> {
        self.resolve
            .origin(expr)
            .map(|origin| self.through_project(origin))
    }

    /// In a whole-project lint, a middleware another module of the project made and
    /// exports stands for what it is: `require('../config/upload')` exporting
    /// `multer({ dest })` is a multer instance here too, so its routes receive files.
    fn through_project(&self, origin: Origin) -> Origin {
        // Packages are the common case: no lookup for them.
        if !is_relative(&origin.module) {
            return origin;
        }
        let Some(module) = self.project_module(&origin.module) else {
            return origin;
        };
        let summary = module.summary;
        let (export, rest) = match origin
            .steps
            .first()
            .and_then(|first| summary.named.iter().find(|(name, _)| name == first))
        {
            Some((_, export)) => (Some(export), &origin.steps[1..]),
            None => (summary.default.as_ref(), &origin.steps[..]),
        };
        let made_by = match export.map(|e| &e.value) {
            Some(Exported::Multer { .. }) => "multer",
            Some(Exported::Session) => "express-session",
            _ => return origin,
        };
        Origin {
            module: made_by.to_string(),
            steps: std::iter::once(CALL.to_string())
                .chain(rest.iter().cloned())
                .collect(),
        }
    }

    /// The request handler (or a function it calls) that contains `node`, if any.
    pub fn enclosing_handler(&self, node: NodeId) -> Option<NodeId> {
        let nodes = self.semantic.nodes();
        std::iter::once(node)
            .chain(nodes.ancestor_ids(node))
            .find(|id| self.handlers.contains_key(id))
    }

    pub fn handler_routes(&self, handler: NodeId) -> &[HttpRoute] {
        self.handlers.get(&handler).map_or(&[], Vec::as_slice)
    }

    /// True when `node` runs at module load (not inside any function).
    pub fn at_module_level(&self, node: NodeId) -> bool {
        !self
            .semantic
            .nodes()
            .ancestor_kinds(node)
            .any(|kind| kind.is_function_like())
    }

    pub fn mounts_of(&self, symbol: SymbolId) -> &[Mount] {
        self.mounts_by_symbol
            .get(&symbol)
            .map_or(&[], Vec::as_slice)
    }

    pub fn mount_of_call(&self, span: Span) -> Option<&HttpRoute> {
        self.mounts_by_call.get(&span)
    }

    /// The symbol a call's result is stored in: `const upload = multer(…)`.
    pub fn assigned_symbol(&self, node: NodeId) -> Option<SymbolId> {
        let nodes = self.semantic.nodes();
        let mut current = node;
        loop {
            let parent = nodes.parent_node(current);
            match parent.kind() {
                AstKind::ParenthesizedExpression(_)
                | AstKind::TSAsExpression(_)
                | AstKind::TSNonNullExpression(_)
                | AstKind::TSSatisfiesExpression(_)
                | AstKind::AwaitExpression(_) => current = parent.id(),
                AstKind::VariableDeclarator(decl) => {
                    return match &decl.id {
                        BindingPattern::BindingIdentifier(id) => id.symbol_id.get(),
                        _ => None,
                    };
                }
                _ => return None,
            }
        }
    }

    /// The routes whose handlers contain `node`.
    pub fn routes_at(&self, node: NodeId) -> Vec<HttpRoute> {
        self.enclosing_handler(node)
            .map(|h| self.handler_routes(h).to_vec())
            .unwrap_or_default()
    }

    // ----- building the handler table -----

    fn find_handlers(&mut self) {
        let scan = self.scan_calls();
        self.settle_router_prefixes(&scan.router_mounts);
        let mut roots: Vec<(NodeId, HttpRoute)> = Vec::new();
        let mut unrouted = scan.handler_like;
        for &call in &scan.route_or_socket_calls {
            if let Some(registration) = self.route_registration(call) {
                let skip = usize::from(registration.path_argument);
                for arg in call.arguments.iter().skip(skip) {
                    let Some(expr) = arg.as_expression() else {
                        continue;
                    };
                    let functions = self.functions_in(expr, 0);
                    for route in &registration.routes {
                        self.record_mount(expr, route);
                        roots.extend(functions.iter().map(|&f| (f, route.clone())));
                    }
                }
            } else if self.is_socket_connection(call) {
                for arg in call.arguments.iter().skip(1) {
                    if let Some(expr) = arg.as_expression() {
                        unrouted.extend(self.functions_in(expr, 0));
                    }
                }
            }
        }
        if let Some(project) = self.project {
            for (f, route, _) in &project.external_routes {
                roots.push((*f, route.clone()));
            }
        }
        for (f, route) in roots {
            let routes = self.handlers.entry(f).or_default();
            if !routes.contains(&route) {
                routes.push(route);
            }
        }
        for f in unrouted {
            self.handlers.entry(f).or_default();
        }
        self.follow_calls_from_handlers(&scan.calls_within);
    }

    /// The one walk over the file's nodes the handler table needs: everything it gathers
    /// depends on the code alone, not on routes, so the AST (most of a large file's memory,
    /// and most of the walk's time in cache misses) is read once rather than once per step.
    fn scan_calls(&self) -> CallScan<'a> {
        let nodes = self.semantic.nodes();
        let mut scan = CallScan::default();
        for node in nodes.iter() {
            match node.kind() {
                AstKind::CallExpression(call) => {
                    let method = call
                        .callee
                        .get_inner_expression()
                        .as_member_expression()
                        .and_then(|member| Some((member, member.static_property_name()?)));
                    if let Some((member, method)) = method {
                        if method == "use" {
                            self.router_mount(call, member.object(), &mut scan.router_mounts);
                        }
                        if method == "on" || ROUTE_METHODS.contains(&method) {
                            scan.route_or_socket_calls.push(call);
                        }
                    }
                    // Functions called from a handler run per request too: `function
                    // track() { hits++ }`. Each function node gets the local functions
                    // called inside it, nested closures included (a call in a closure
                    // inside a handler runs for that request too).
                    let callees = self.functions_in(&call.callee, 0);
                    if !callees.is_empty() {
                        for function in nodes
                            .ancestors(node.id())
                            .filter(|a| a.kind().is_function_like())
                        {
                            scan.calls_within
                                .entry(function.id())
                                .or_default()
                                .extend(&callees);
                        }
                    }
                }
                AstKind::Function(f) if looks_like_handler(&f.params) => {
                    scan.handler_like.push(node.id());
                }
                AstKind::ArrowFunctionExpression(f) if looks_like_handler(&f.params) => {
                    scan.handler_like.push(node.id());
                }
                _ => {}
            }
        }
        scan
    }

    /// Functions called from a handler serve its routes too, and the functions they call.
    fn follow_calls_from_handlers(&mut self, calls_within: &HashMap<NodeId, Vec<NodeId>>) {
        let mut work: Vec<NodeId> = self.handlers.keys().copied().collect();
        let mut seen: HashSet<NodeId> = work.iter().copied().collect();
        while let Some(f) = work.pop() {
            let Some(inner) = calls_within.get(&f) else {
                continue;
            };
            let routes = self.handlers.get(&f).cloned().unwrap_or_default();
            for &callee in inner {
                let entry = self.handlers.entry(callee).or_default();
                for route in &routes {
                    if !entry.contains(route) {
                        entry.push(route.clone());
                    }
                }
                if seen.insert(callee) {
                    work.push(callee);
                }
            }
        }
    }

    fn record_mount(&mut self, expr: &'a Expression<'a>, route: &HttpRoute) {
        let inner = expr.get_inner_expression();
        // Every call along the chain: `multer({ dest }).single('photo')` mounts the
        // `multer(…)` call as well as the `.single(…)` one.
        let mut link = inner;
        for _ in 0..16 {
            link = match link {
                Expression::CallExpression(call) => {
                    // A router mounted in several places: the call is named by its first.
                    self.mounts_by_call
                        .entry(call.span)
                        .or_insert_with(|| route.clone());
                    call.callee.get_inner_expression()
                }
                Expression::StaticMemberExpression(m) => m.object.get_inner_expression(),
                _ => break,
            };
        }
        // The local symbol at the root of `upload.single('x')` or `limiter`.
        let mut root = inner;
        for _ in 0..16 {
            root = match root {
                Expression::CallExpression(call) => call.callee.get_inner_expression(),
                Expression::StaticMemberExpression(m) => m.object.get_inner_expression(),
                Expression::ComputedMemberExpression(m) => m.object.get_inner_expression(),
                _ => break,
            };
        }
        if let Some(symbol) = self.resolve.symbol_of(root) {
            self.mounts_by_symbol
                .entry(symbol)
                .or_default()
                .push(Mount {
                    span: expr.span(),
                    route: route.clone(),
                });
        }
    }

    /// The function nodes an argument stands for: inline functions, names of functions,
    /// arrays of them, and functions wrapped in a call such as `asyncHandler(fn)`.
    fn functions_in(&self, expr: &'a Expression<'a>, depth: u32) -> Vec<NodeId> {
        if depth > 8 {
            return vec![];
        }
        match expr.get_inner_expression() {
            Expression::ArrowFunctionExpression(f) => vec![f.node_id.get()],
            Expression::FunctionExpression(f) => vec![f.node_id.get()],
            Expression::ArrayExpression(array) => array
                .elements
                .iter()
                .filter_map(|e| e.as_expression())
                .flat_map(|e| self.functions_in(e, depth + 1))
                .collect(),
            Expression::CallExpression(call) => call
                .arguments
                .iter()
                .filter_map(Argument::as_expression)
                .flat_map(|e| self.functions_in(e, depth + 1))
                .collect(),
            Expression::Identifier(_) => {
                let Some(symbol) = self.resolve.symbol_of(expr) else {
                    return vec![];
                };
                let decl = self.semantic.scoping().symbol_declaration(symbol);
                match self.semantic.nodes().kind(decl) {
                    AstKind::Function(_) => vec![decl],
                    AstKind::VariableDeclarator(d) => match &d.init {
                        Some(init) if !self.semantic.scoping().symbol_is_mutated(symbol) => {
                            self.functions_in(init, depth + 1)
                        }
                        _ => vec![],
                    },
                    _ => vec![],
                }
            }
            Expression::StaticMemberExpression(member) => {
                // `controller.create` where `controller` is an object literal in this file.
                let name = member.property.name.as_str();
                let object = Some(self.resolve.value_of(&member.object));
                match object {
                    Some(Expression::ObjectExpression(obj)) => obj
                        .properties
                        .iter()
                        .filter_map(|p| p.as_property())
                        .filter(|p| p.key.static_name().is_some_and(|n| n == name))
                        .flat_map(|p| self.functions_in(&p.value, depth + 1))
                        .collect(),
                    _ => vec![],
                }
            }
            _ => vec![],
        }
    }

    /// The routes a call registers (`app.post('/photos', upload.single('photo'), handler)`;
    /// one per place its router is mounted) and the arguments that are mounted on them
    /// (the path left out).
    pub fn registration(
        &self,
        call: &'a CallExpression<'a>,
    ) -> Option<(Vec<HttpRoute>, &'a [Argument<'a>])> {
        let registration = self.route_registration(call)?;
        let skip = usize::from(registration.path_argument).min(call.arguments.len());
        Some((registration.routes, &call.arguments[skip..]))
    }

    /// `app.get('/x', …)`, `router.use(…)`, `app.route('/x').post(…)`.
    fn route_registration(&self, call: &'a CallExpression<'a>) -> Option<Registration> {
        let member = call.callee.get_inner_expression().as_member_expression()?;
        let method = member.static_property_name()?;
        if !ROUTE_METHODS.contains(&method) {
            return None;
        }
        let receiver = member.object().get_inner_expression();
        let path_arg = self.path_of(&call.arguments);
        let route_of_chain = self.route_chain_path(receiver);
        let is_express = self.origin(receiver).is_some_and(|o| o.module == "express");
        if !is_express {
            // A receiver that is some other module's object (`axios.get`, `redis.get`) or a
            // value made in this file (`new Map().get`) is not an Express router.
            if self.origin(receiver).is_some() || self.is_local_non_router(receiver) {
                return None;
            }
            let plausible = path_arg.is_some_and(|p| p.starts_with('/'))
                || route_of_chain.is_some()
                || call
                    .arguments
                    .iter()
                    .filter_map(Argument::as_expression)
                    .any(|a| !self.functions_in(a, 0).is_empty());
            if !plausible
                || !matches!(
                    receiver,
                    Expression::Identifier(_)
                        | Expression::StaticMemberExpression(_)
                        | Expression::CallExpression(_)
                )
            {
                return None;
            }
        }
        let (path, path_argument) = match (route_of_chain, path_arg) {
            (Some(chain_path), _) => (chain_path, false),
            (None, Some(p)) => (Some(p.to_string()), true),
            (None, None) if method == "use" => (Some("/".to_string()), false),
            (None, None) => {
                let computed =
                    first_arg(&call.arguments).is_some_and(|a| self.functions_in(a, 0).is_empty());
                (None, computed)
            }
        };
        let method = match method {
            "del" => "DELETE".to_string(),
            other => other.to_ascii_uppercase(),
        };
        let prefixes = self
            .receiver_symbol(receiver)
            .and_then(|r| self.prefixes.get(&r))
            .filter(|prefixes| !prefixes.is_empty());
        let routes = match (prefixes, path) {
            (Some(prefixes), Some(path)) => prefixes
                .iter()
                .map(|prefix| HttpRoute {
                    method: method.clone(),
                    path: Some(join_paths(prefix, &path)),
                })
                .collect(),
            (_, path) => vec![HttpRoute { method, path }],
        };
        Some(Registration {
            routes,
            path_argument,
        })
    }

    /// `app.use('/api', router)` with `router` from `express.Router()`: routes registered
    /// on `router` are served under `/api`. Adds (the receiver, the path, the router).
    fn router_mount(
        &self,
        call: &'a CallExpression<'a>,
        receiver: &'a Expression<'a>,
        mounts: &mut Vec<(Option<SymbolId>, String, SymbolId)>,
    ) {
        let Some(path) = self.path_of(&call.arguments) else {
            return;
        };
        let parent = self.receiver_symbol(receiver.get_inner_expression());
        for arg in call
            .arguments
            .iter()
            .skip(1)
            .filter_map(Argument::as_expression)
        {
            let Some(router) = self.resolve.symbol_of(arg) else {
                continue;
            };
            let is_router = self.resolve.symbol_origin(router, 0).is_some_and(|o| {
                o.module == "express" && o.steps.first().is_some_and(|s| s == "Router")
            });
            if is_router {
                mounts.push((parent, path.to_string(), router));
            }
        }
    }

    /// The full paths of the routers mounted with [`Self::router_mount`]; routers mounted
    /// on routers are followed, a level at a time.
    fn settle_router_prefixes(&mut self, mounts: &[(Option<SymbolId>, String, SymbolId)]) {
        // Worked out afresh each round from the last round's prefixes, until they settle:
        // every place a router is mounted counts.
        let from_project = self.project.and_then(|p| p.router_prefixes.as_ref());
        for _ in 0..8 {
            let mut next: HashMap<SymbolId, Vec<String>> = HashMap::default();
            if let Some((router, prefixes)) = from_project {
                next.insert(*router, prefixes.clone());
            }
            for (parent, path, router) in mounts {
                let full: Vec<String> = match parent.and_then(|p| self.prefixes.get(&p)) {
                    Some(outer) => outer.iter().map(|o| join_paths(o, path)).collect(),
                    None => vec![path.clone()],
                };
                add_prefixes(next.entry(*router).or_default(), full);
            }
            if next == self.prefixes {
                break;
            }
            self.prefixes = next;
        }
    }

    /// The local symbol at the root of a receiver: `router` in `router.route('/x').get`.
    fn receiver_symbol(&self, receiver: &Expression<'a>) -> Option<SymbolId> {
        let mut root = receiver;
        for _ in 0..16 {
            root = match root {
                Expression::CallExpression(call) => call.callee.get_inner_expression(),
                Expression::StaticMemberExpression(m) => m.object.get_inner_expression(),
                _ => break,
            };
        }
        self.resolve.symbol_of(root)
    }

    /// A path argument: a string, or a constant holding one (`const p = '/photos'`).
    fn path_of(&self, args: &'a [Argument<'a>]) -> Option<&'a str> {
        first_arg(args)
            .map(|a| self.resolve.value_of(a))
            .and_then(string_value)
    }

    /// For `app.route('/x').get(…)` (or a chain of them), the path given to `route()`.
    fn route_chain_path(&self, receiver: &'a Expression<'a>) -> Option<Option<String>> {
        let Expression::CallExpression(call) = receiver else {
            return None;
        };
        let member = call.callee.get_inner_expression().as_member_expression()?;
        match member.static_property_name()? {
            "route" => Some(self.path_of(&call.arguments).map(str::to_string)),
            name if ROUTE_METHODS.contains(&name) => {
                self.route_chain_path(member.object().get_inner_expression())
            }
            _ => None,
        }
    }

    fn is_local_non_router(&self, receiver: &Expression<'a>) -> bool {
        let Some(symbol) = self.resolve.symbol_of(receiver) else {
            return false;
        };
        let decl = self.semantic.scoping().symbol_declaration(symbol);
        match self.semantic.nodes().kind(decl) {
            AstKind::VariableDeclarator(d) => d.init.as_ref().is_some_and(|init| {
                matches!(
                    init.get_inner_expression(),
                    Expression::NewExpression(_)
                        | Expression::ObjectExpression(_)
                        | Expression::ArrayExpression(_)
                        | Expression::StringLiteral(_)
                        | Expression::NumericLiteral(_)
                )
            }),
            _ => false,
        }
    }

    /// `io.on('connection', socket => …)` on a socket.io server.
    fn is_socket_connection(&self, call: &CallExpression<'a>) -> bool {
        let Some(member) = call.callee.get_inner_expression().as_member_expression() else {
            return false;
        };
        member.static_property_name() == Some("on")
            && first_arg(&call.arguments)
                .and_then(string_value)
                .is_some_and(|e| e == "connection" || e == "connect")
            && (self
                .origin(member.object())
                .is_some_and(|o| o.module == "socket.io")
                || self.is_socket_server_parameter(member.object(), call))
    }

    /// `module.exports = (io) => io.on('connection', (socket) => …)`: a server handed to a
    /// setup function, known by its connection callback using its argument as a socket
    /// (`socket.on(…)`, `socket.emit(…)`, `socket.join(…)`).
    fn is_socket_server_parameter(
        &self,
        server: &Expression<'a>,
        call: &CallExpression<'a>,
    ) -> bool {
        let Some(symbol) = self.resolve.symbol_of(server) else {
            return false;
        };
        let scoping = self.semantic.scoping();
        let nodes = self.semantic.nodes();
        if !matches!(
            nodes.kind(scoping.symbol_declaration(symbol)),
            AstKind::FormalParameter(_)
        ) {
            return false;
        }
        let Some(callback) = call.arguments.get(1).and_then(Argument::as_expression) else {
            return false;
        };
        let params = match callback.get_inner_expression() {
            Expression::ArrowFunctionExpression(f) => &f.params,
            Expression::FunctionExpression(f) => &f.params,
            _ => return false,
        };
        let Some(socket) = params
            .items
            .first()
            .and_then(|p| p.pattern.get_binding_identifier())
            .and_then(|id| id.symbol_id.get())
        else {
            return false;
        };
        self.semantic.symbol_references(socket).any(|reference| {
            let AstKind::StaticMemberExpression(member) = nodes.parent_kind(reference.node_id())
            else {
                return false;
            };
            matches!(nodes.parent_kind(nodes.parent_id(reference.node_id())), AstKind::CallExpression(c) if c.callee.span() == member.span)
                && ["on", "emit", "join", "leave"].contains(&member.property.name.as_str())
        })
    }
}

/// At most this many full paths are kept for one router: routers mounted on routers
/// mounted in several places multiply them.
pub(crate) const MAX_ROUTER_PREFIXES: usize = 16;

/// Adds the `new` prefixes not already in `prefixes`, up to [`MAX_ROUTER_PREFIXES`].
pub(crate) fn add_prefixes(prefixes: &mut Vec<String>, new: impl IntoIterator<Item = String>) {
    for prefix in new {
        if prefixes.len() >= MAX_ROUTER_PREFIXES {
            break;
        }
        if !prefixes.contains(&prefix) {
            prefixes.push(prefix);
        }
    }
}

/// What [`LintContext::scan_calls`] gathers in its walk.
#[derive(Default)]
struct CallScan<'a> {
    /// `x.use('/path', router)` with an Express router: (the receiver, the path, the
    /// router), in source order.
    router_mounts: Vec<(Option<SymbolId>, String, SymbolId)>,
    /// Calls of a route method or of `.on`: the candidate registrations and socket.io
    /// connections, in source order.
    route_or_socket_calls: Vec<&'a CallExpression<'a>>,
    /// Functions whose parameters read `(req, res)`.
    handler_like: Vec<NodeId>,
    /// Each function node and the local functions called inside it.
    calls_within: HashMap<NodeId, Vec<NodeId>>,
}

struct Registration {
    /// One route per place the receiving router is mounted (one when it is not).
    routes: Vec<HttpRoute>,
    /// The first argument is the path, not a handler.
    path_argument: bool,
}

/// `(req, res)`, `(req, res, next)`, `(err, req, res, next)`: a handler by its signature,
/// for controllers exported here and wired up in another file.
fn looks_like_handler(params: &FormalParameters<'_>) -> bool {
    // Asked of every function in the file: compares the names in place, no list of them.
    fn name<'p>(param: &'p oxc_ast::ast::FormalParameter<'_>) -> &'p str {
        match &param.pattern {
            BindingPattern::BindingIdentifier(id) => id.name.as_str(),
            _ => "",
        }
    }
    params
        .items
        .iter()
        .zip(params.items.iter().skip(1))
        .any(|(first, second)| {
            matches!(name(first), "req" | "request")
                && matches!(name(second), "res" | "response" | "reply")
        })
}

/// The names of simple parameters, `""` for destructured ones.
pub fn param_names<'p>(params: &'p FormalParameters<'_>) -> Vec<&'p str> {
    params
        .items
        .iter()
        .map(|p| match &p.pattern {
            BindingPattern::BindingIdentifier(id) => id.name.as_str(),
            _ => "",
        })
        .collect()
}

/// `/api` + `/users/:id` = `/api/users/:id`; `/api` + `/` = `/api`.
pub(crate) fn join_paths(prefix: &str, path: &str) -> String {
    let prefix = prefix.trim_end_matches('/');
    match path.trim_start_matches('/') {
        "" if prefix.is_empty() => "/".to_string(),
        "" => prefix.to_string(),
        rest => format!("{prefix}/{rest}"),
    }
}
