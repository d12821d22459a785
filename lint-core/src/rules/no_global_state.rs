//! `no-global-state`: application data kept in process memory across requests.
//!
//! Runs once over the semantic model: for each variable declared outside a request handler
//! and holding a container or a `let` value, it looks at every reference and reports the
//! ones that write it from inside a handler. It also reports writes to the global object,
//! implicit globals, `app.locals` and `process.env` at run time.

use oxc_ast::{
    AstKind,
    ast::{
        Argument, AssignmentOperator, BindingPattern, Expression, UnaryOperator, UpdateOperator,
        VariableDeclarationKind,
    },
};
use oxc_semantic::{AstNode, NodeId};
use oxc_span::{GetSpan, Span};

use super::{
    Rule, finding,
    rewrite::{REDIS_CLIENT, REDIS_CLIENT_SETUP, RewriteBuilder},
};
use crate::{
    context::LintContext,
    diagnostic::{
        Diagnostic, Failure, Label, RuleId, Severity, StateInfo, StateKind, StateLocation,
    },
    resolve::CALL,
};

const RULE: RuleId = RuleId::NoGlobalState;

/// Methods that change the container they are called on.
const MUTATORS: &[&str] = &[
    "push",
    "pop",
    "shift",
    "unshift",
    "splice",
    "sort",
    "reverse",
    "fill",
    "copyWithin",
    "set",
    "add",
    "delete",
    "clear",
];

/// Globals a program may install at start-up (polyfills), not application data.
const POLYFILLS: &[&str] = &[
    "Promise",
    "fetch",
    "Headers",
    "Request",
    "Response",
    "FormData",
    "WebSocket",
    "crypto",
    "TextEncoder",
    "TextDecoder",
    "XMLHttpRequest",
    "navigator",
    "AbortController",
    "Blob",
];

/// Names a CommonJS script may assign without declaring them.
const MODULE_NAMES: &[&str] = &["module", "exports", "require", "__dirname", "__filename"];

/// What a module-level variable holds.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Holds {
    Object,
    Map,
    Array,
    Set,
    Number,
    Value,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum AccessKind {
    Read,
    Assign,
    Compound(AssignmentOperator),
    Update(UpdateOperator),
    Delete,
    /// A method call on the value (`push`, `get`, …), mutating or not.
    Method,
}

/// One step below the accessed value: `.name` or `[key]`.
#[derive(Debug, Clone)]
struct Step {
    name: Option<String>,
    span: Span,
    /// The key expression of a computed access.
    key: Option<Span>,
}

/// How a reference is used: the member steps taken from it and what is done at the end.
#[derive(Debug, Clone)]
struct Access<'a> {
    node: NodeId,
    /// The referenced expression itself (identifier, or `global.x`).
    base: Span,
    steps: Vec<Step>,
    kind: AccessKind,
    /// The whole expression doing the access (assignment, update, call, …).
    whole: Span,
    rhs: Option<&'a Expression<'a>>,
    call_args: &'a [Argument<'a>],
}

impl Access<'_> {
    fn method(&self) -> Option<&str> {
        if self.kind == AccessKind::Method {
            self.steps.last()?.name.as_deref()
        } else {
            None
        }
    }

    fn is_write(&self) -> bool {
        match self.kind {
            AccessKind::Read => false,
            AccessKind::Method => self.method().is_some_and(|m| MUTATORS.contains(&m)),
            _ => true,
        }
    }
}

/// Climbs from a reference through member accesses to what is done with it.
fn classify<'a>(ctx: &LintContext<'_, 'a>, node: NodeId) -> Access<'a> {
    let nodes = ctx.semantic.nodes();
    let base = nodes.kind(node).span();
    let mut steps = Vec::new();
    let mut current = node;
    let mut current_span = base;
    let mut kind = AccessKind::Read;
    let mut whole = base;
    let mut rhs = None;
    let mut call_args: &'a [Argument<'a>] = &[];
    for _ in 0..32 {
        let parent = nodes.parent_node(current);
        match parent.kind() {
            AstKind::StaticMemberExpression(m) if m.object.span() == current_span => {
                steps.push(Step {
                    name: Some(m.property.name.to_string()),
                    span: m.span,
                    key: None,
                });
            }
            AstKind::ComputedMemberExpression(m) if m.object.span() == current_span => {
                let name = crate::resolve::string_value(&m.expression).map(str::to_string);
                steps.push(Step {
                    name,
                    span: m.span,
                    key: Some(m.expression.span()),
                });
            }
            AstKind::ParenthesizedExpression(_)
            | AstKind::TSNonNullExpression(_)
            | AstKind::TSAsExpression(_)
            | AstKind::ChainExpression(_) => {}
            AstKind::AssignmentExpression(a) if a.left.span() == current_span => {
                kind = match a.operator {
                    AssignmentOperator::Assign => AccessKind::Assign,
                    op => AccessKind::Compound(op),
                };
                whole = a.span;
                rhs = Some(&a.right);
                break;
            }
            AstKind::UpdateExpression(u) => {
                kind = AccessKind::Update(u.operator);
                whole = u.span;
                break;
            }
            AstKind::UnaryExpression(u) if u.operator == UnaryOperator::Delete => {
                kind = AccessKind::Delete;
                whole = u.span;
                break;
            }
            AstKind::CallExpression(c) if c.callee.span() == current_span && !steps.is_empty() => {
                kind = AccessKind::Method;
                whole = c.span;
                call_args = &c.arguments;
                break;
            }
            _ => break,
        }
        current = parent.id();
        current_span = parent.kind().span();
        whole = current_span;
    }
    Access {
        node,
        base,
        steps,
        kind,
        whole,
        rhs,
        call_args,
    }
}

/// A piece of state written from a handler, and every access to it.
struct State<'a> {
    name: String,
    holds: Holds,
    kind: StateKind,
    declaration: Option<Span>,
    /// The declaration statement, removable when the rewrite moves the state out.
    statement: Option<Span>,
    writes: Vec<Access<'a>>,
    accesses: Vec<Access<'a>>,
    message: String,
    help: &'static str,
    severity: Severity,
    /// Offer the Redis rewrite.
    movable: bool,
}

#[derive(Default)]
pub(crate) struct NoGlobalState {
    /// `app.locals` and `req.app.locals` writes found while walking: node ids.
    locals_writes: Vec<NodeId>,
}

impl<'a> Rule<'a> for NoGlobalState {
    fn run(&mut self, node: &AstNode<'a>, ctx: &LintContext<'_, 'a>) {
        let AstKind::StaticMemberExpression(member) = node.kind() else {
            return;
        };
        if member.property.name != "locals" {
            return;
        }
        let on_app = match member.object.get_inner_expression() {
            Expression::StaticMemberExpression(inner) => inner.property.name == "app",
            other => ctx.origin(other).is_some_and(|o| o.is("express", &[CALL])),
        };
        if on_app {
            self.locals_writes.push(node.id());
        }
    }

    fn finish(self: Box<Self>, ctx: &LintContext<'_, 'a>) -> Vec<Diagnostic> {
        let mut states: Vec<State<'a>> = Vec::new();
        module_state(ctx, &mut states);
        global_object_state(ctx, &mut states);
        locals_state(ctx, &self.locals_writes, &mut states);
        states.into_iter().map(|state| report(ctx, state)).collect()
    }
}

/// The outermost handler around a node: state declared inside it is per request.
fn outermost_handler(ctx: &LintContext<'_, '_>, node: NodeId) -> Option<NodeId> {
    let mut found = ctx.enclosing_handler(node)?;
    let nodes = ctx.semantic.nodes();
    while let Some(outer) = ctx.enclosing_handler(nodes.parent_id(found)) {
        if outer == found {
            break;
        }
        found = outer;
    }
    Some(found)
}

fn is_inside(ctx: &LintContext<'_, '_>, node: NodeId, ancestor: NodeId) -> bool {
    node == ancestor
        || ctx
            .semantic
            .nodes()
            .ancestor_ids(node)
            .any(|a| a == ancestor)
}

/// What a declaration holds, if it is state worth tracking.
fn holds(
    ctx: &LintContext<'_, '_>,
    kind: VariableDeclarationKind,
    init: Option<&Expression<'_>>,
) -> Option<Holds> {
    let reassignable = !matches!(kind, VariableDeclarationKind::Const);
    let Some(init) = init else {
        return reassignable.then_some(Holds::Value);
    };
    match init.get_inner_expression() {
        Expression::ObjectExpression(_) => Some(Holds::Object),
        Expression::ArrayExpression(_) => Some(Holds::Array),
        Expression::NewExpression(new) => {
            let global = |name| ctx.resolve.is_global(&new.callee, name);
            if global("Map") || global("WeakMap") {
                Some(Holds::Map)
            } else if global("Set") || global("WeakSet") {
                Some(Holds::Set)
            } else if global("Array") {
                Some(Holds::Array)
            } else if global("Object") {
                Some(Holds::Object)
            } else {
                None
            }
        }
        Expression::CallExpression(call) => {
            // `Object.create(null)`
            let member = call.callee.get_inner_expression().as_member_expression()?;
            (ctx.resolve.is_global(member.object(), "Object")
                && member.static_property_name() == Some("create"))
            .then_some(Holds::Object)
        }
        Expression::NumericLiteral(_) if reassignable => Some(Holds::Number),
        Expression::StringLiteral(_)
        | Expression::TemplateLiteral(_)
        | Expression::BooleanLiteral(_)
        | Expression::NullLiteral(_)
            if reassignable =>
        {
            Some(Holds::Value)
        }
        Expression::Identifier(id) if reassignable && id.name == "undefined" => Some(Holds::Value),
        _ => None,
    }
}

/// Variables declared outside a handler and written inside one.
fn module_state<'a>(ctx: &LintContext<'_, 'a>, states: &mut Vec<State<'a>>) {
    let scoping = ctx.semantic.scoping();
    let nodes = ctx.semantic.nodes();
    for symbol in scoping.symbol_ids() {
        let decl_node = scoping.symbol_declaration(symbol);
        let AstKind::VariableDeclarator(decl) = nodes.kind(decl_node) else {
            continue;
        };
        let BindingPattern::BindingIdentifier(_) = &decl.id else {
            continue;
        };
        let AstKind::VariableDeclaration(declaration) = nodes.parent_kind(decl_node) else {
            continue;
        };
        let Some(holds) = holds(ctx, declaration.kind, decl.init.as_ref()) else {
            continue;
        };
        let accesses: Vec<Access<'a>> = ctx
            .semantic
            .symbol_references(symbol)
            .map(|r| classify(ctx, r.node_id()))
            .collect();
        let writes: Vec<Access<'a>> = accesses
            .iter()
            .filter(|a| {
                let counts = match holds {
                    Holds::Number | Holds::Value => a.steps.is_empty() && a.is_write(),
                    _ => a.is_write(),
                };
                counts
                    && outermost_handler(ctx, a.node).is_some_and(|h| !is_inside(ctx, decl_node, h))
            })
            .cloned()
            .collect();
        if writes.is_empty() {
            continue;
        }
        let name = scoping.symbol_name(symbol).to_string();
        let kind = state_kind(ctx, holds, &writes);
        let statement = single_declaration_statement(ctx, decl_node);
        states.push(State {
            message: module_message(&name, kind),
            help: "Keep data that must outlive a request in a shared store (Redis, a database); \
                   keep per-request data on `res.locals` or in AsyncLocalStorage.",
            severity: Severity::Error,
            movable: kind != StateKind::RequestContext,
            name,
            holds,
            kind,
            declaration: Some(scoping.symbol_span(symbol)),
            statement,
            writes,
            accesses,
        });
    }
}

fn state_kind(ctx: &LintContext<'_, '_>, holds: Holds, writes: &[Access<'_>]) -> StateKind {
    match holds {
        Holds::Number => StateKind::Counter,
        Holds::Array | Holds::Set => StateKind::Collection,
        Holds::Object | Holds::Map => StateKind::Cache,
        Holds::Value => {
            let from_request = writes.iter().any(|w| {
                w.rhs.is_some_and(|rhs| {
                    let text = ctx.text(rhs.span());
                    text.starts_with("req.") || text.starts_with("request.")
                })
            });
            if from_request {
                StateKind::RequestContext
            } else {
                StateKind::Cache
            }
        }
    }
}

fn module_message(name: &str, kind: StateKind) -> String {
    match kind {
        StateKind::Counter => {
            format!("`{name}` is a counter in this process's memory, changed by a request handler.")
        }
        StateKind::Collection => {
            format!("`{name}` collects data in this process's memory from a request handler.")
        }
        StateKind::RequestContext => {
            format!("`{name}` holds one request's data in a variable shared by every request.")
        }
        _ => format!("`{name}` keeps data in this process's memory, written by a request handler."),
    }
}

/// The `let x = …;` statement around a declarator, when it declares nothing else.
fn single_declaration_statement(ctx: &LintContext<'_, '_>, declarator: NodeId) -> Option<Span> {
    match ctx.semantic.nodes().parent_kind(declarator) {
        AstKind::VariableDeclaration(d) if d.declarations.len() == 1 => Some(d.span),
        _ => None,
    }
}

/// `global.x = …`, `globalThis.cache[k] = …`, `Global.x = …`, implicit globals and
/// `process.env.X = …` in a handler.
fn global_object_state<'a>(ctx: &LintContext<'_, 'a>, states: &mut Vec<State<'a>>) {
    let scoping = ctx.semantic.scoping();
    let mut unresolved: Vec<(String, Vec<NodeId>)> = scoping
        .root_unresolved_references()
        .iter()
        .map(|(name, ids)| {
            let nodes = ids
                .iter()
                .map(|&id| scoping.get_reference(id).node_id())
                .collect();
            (name.to_string(), nodes)
        })
        .collect();
    unresolved.sort_by_key(|(_, nodes)| {
        nodes
            .first()
            .map(|&n| ctx.semantic.nodes().kind(n).span().start)
    });
    for (name, nodes) in unresolved {
        let accesses: Vec<Access<'a>> = nodes.iter().map(|&n| classify(ctx, n)).collect();
        match name.as_str() {
            "global" | "globalThis" | "GLOBAL" | "Global" => {
                global_object_writes(ctx, &name, accesses, states);
            }
            "process" => {
                for access in accesses {
                    let env = access.steps.first().and_then(|s| s.name.as_deref()) == Some("env");
                    if !env || access.steps.len() < 2 || !access.is_write() {
                        continue;
                    }
                    if ctx.enclosing_handler(access.node).is_none() {
                        continue;
                    }
                    let var = access.steps[1]
                        .name
                        .clone()
                        .unwrap_or_else(|| "…".to_string());
                    states.push(State {
                        message: format!(
                            "`process.env.{var}` is changed while serving a request: only this process sees the change."
                        ),
                        help: "Configuration belongs to the deployment: read it at start-up, and \
                               pass per-request values explicitly or keep them in a shared store.",
                        name: format!("process.env.{var}"),
                        holds: Holds::Value,
                        kind: StateKind::Configuration,
                        declaration: None,
                        statement: None,
                        writes: vec![access.clone()],
                        accesses: vec![access],
                        severity: Severity::Warning,
                        movable: false,
                    });
                }
            }
            _ if !MODULE_NAMES.contains(&name.as_str()) => {
                let implicit: Vec<Access<'a>> = accesses
                    .iter()
                    .filter(|a| a.steps.is_empty() && matches!(a.kind, AccessKind::Assign))
                    .filter(|a| {
                        !ctx.semantic
                            .scoping()
                            .scope_flags(ctx.semantic.nodes().get_node(a.node).scope_id())
                            .is_strict_mode()
                    })
                    .cloned()
                    .collect();
                if implicit.is_empty() {
                    continue;
                }
                states.push(State {
                    message: format!(
                        "`{name}` is assigned without being declared, so it becomes a property of the global object and lives as long as the process."
                    ),
                    help: "Declare it; and if it must outlive a request, keep it in a shared store (Redis, a database) instead of process memory.",
                    name,
                    holds: Holds::Value,
                    kind: StateKind::Cache,
                    declaration: None,
                    statement: None,
                    writes: implicit,
                    accesses,
                    severity: Severity::Error,
                    movable: false,
                });
            }
            _ => {}
        }
    }
}

fn global_object_writes<'a>(
    ctx: &LintContext<'_, 'a>,
    root: &str,
    accesses: Vec<Access<'a>>,
    states: &mut Vec<State<'a>>,
) {
    // One finding per property of the global object: `global.cache`.
    let mut by_property: Vec<(String, Vec<Access<'a>>)> = Vec::new();
    for access in accesses {
        let Some(first) = access.steps.first() else {
            continue;
        };
        let Some(property) = first.name.clone() else {
            continue;
        };
        match by_property.iter_mut().find(|(p, _)| *p == property) {
            Some((_, list)) => list.push(access),
            None => by_property.push((property, vec![access])),
        }
    }
    for (property, accesses) in by_property {
        let writes: Vec<Access<'a>> = accesses
            .iter()
            .filter(|a| a.is_write())
            .filter(|a| {
                !(POLYFILLS.contains(&property.as_str()) && ctx.enclosing_handler(a.node).is_none())
            })
            .cloned()
            .collect();
        if writes.is_empty() {
            continue;
        }
        // Below `global.x`: the rest of the path is the state's own.
        let accesses: Vec<Access<'a>> = accesses.into_iter().map(|a| rebase(a)).collect();
        let writes: Vec<Access<'a>> = writes.into_iter().map(|a| rebase(a)).collect();
        let holds = if writes.iter().all(|w| w.steps.is_empty()) {
            Holds::Value
        } else {
            Holds::Object
        };
        let mut message = format!(
            "`{root}.{property}` keeps data on the global object, in this process's memory."
        );
        if root == "Global" {
            message.push_str(
                " (`Global` with a capital G is not defined in Node.js, so this line throws \
                 unless something defines it; the intent, a process-wide store, has the same problem.)",
            );
        }
        let in_handlers = accesses
            .iter()
            .all(|a| ctx.enclosing_handler(a.node).is_some());
        states.push(State {
            message,
            help: "Keep shared data in a store every instance uses (Redis, a database); an \
                   in-process cache only for data that can be recomputed.",
            name: format!("{root}.{property}"),
            holds,
            kind: StateKind::Cache,
            declaration: None,
            statement: None,
            writes,
            accesses,
            severity: Severity::Error,
            movable: in_handlers,
        });
    }
}

/// Treats `global.x` as the accessed value: its first step becomes the base.
fn rebase(mut access: Access<'_>) -> Access<'_> {
    if let Some(first) = access.steps.first().cloned() {
        access.base = first.span;
        access.steps.remove(0);
        if access.steps.is_empty() && access.kind == AccessKind::Method {
            access.kind = AccessKind::Read;
        }
    }
    access
}

/// `app.locals.x = …` / `req.app.locals.x = …` inside a handler.
fn locals_state<'a>(ctx: &LintContext<'_, 'a>, locals: &[NodeId], states: &mut Vec<State<'a>>) {
    let mut seen: Vec<String> = Vec::new();
    for &node in locals {
        let access = classify(ctx, node);
        if access.steps.is_empty() || !access.is_write() || ctx.enclosing_handler(node).is_none() {
            continue;
        }
        let property = access.steps[0]
            .name
            .clone()
            .unwrap_or_else(|| "[…]".to_string());
        if seen.contains(&property) {
            continue;
        }
        seen.push(property.clone());
        states.push(State {
            message: format!(
                "`app.locals.{property}` is written while serving a request; app.locals lives as long as the process."
            ),
            help: "Use `res.locals` for data about this request, and a shared store (Redis, a \
                   database) for data other requests need.",
            name: format!("app.locals.{property}"),
            holds: Holds::Value,
            kind: StateKind::Cache,
            declaration: None,
            statement: None,
            writes: vec![access.clone()],
            accesses: vec![access],
            severity: Severity::Error,
            movable: false,
        });
    }
}

fn report<'a>(ctx: &LintContext<'_, 'a>, state: State<'a>) -> Diagnostic {
    let first = &state.writes[0];
    let mut routes = Vec::new();
    for write in &state.writes {
        for route in ctx.routes_at(write.node) {
            if !routes.contains(&route) {
                routes.push(route);
            }
        }
    }
    let info = StateInfo {
        location: StateLocation::ProcessMemory,
        kind: state.kind,
        name: state.name.clone(),
        routes: routes.clone(),
    };
    let mut diagnostic = finding(ctx, RULE, first.whole, state.message.clone(), info);
    diagnostic.severity = state.severity;
    if state.kind == StateKind::RequestContext {
        diagnostic.failures = vec![Failure::DivergesOnScale];
    }
    let mut labels: Vec<Label> = Vec::new();
    if let Some(decl) = state.declaration {
        labels.push(ctx.label(
            decl,
            "declared outside the handler: one copy per process, shared by every request",
        ));
    }
    for route in &routes {
        labels.push(ctx.label(first.whole, format!("written while serving {route}")));
    }
    for write in state.writes.iter().skip(1).take(3) {
        labels.push(ctx.label(write.whole, "also written here"));
    }
    diagnostic.labels = labels;
    diagnostic.help = Some(state.help.to_string());
    diagnostic.rewrites = rewrites(ctx, &state);
    diagnostic
}

fn rewrites(ctx: &LintContext<'_, '_>, state: &State<'_>) -> Vec<crate::Rewrite> {
    let mut out = Vec::new();
    if state.kind == StateKind::RequestContext {
        out.extend(res_locals_rewrite(ctx, state));
    } else if state.movable {
        out.extend(redis_rewrite(ctx, state));
    }
    out
}

const R: &str = "redisClient";

/// The replacement for one access when the state moves to Redis under `key`, given the
/// text of its right-hand side and call arguments (with inner replacements applied).
fn redis_access(
    holds: Holds,
    access: &Access<'_>,
    key: &str,
    text: &dyn Fn(Span) -> String,
) -> Option<(Span, String)> {
    let rhs = || access.rhs.map(|e| text(e.span()));
    let arg = |i: usize| {
        access
            .call_args
            .get(i)
            .and_then(Argument::as_expression)
            .map(|e| text(e.span()))
    };
    let field = |step: &Step| match (&step.key, &step.name) {
        (Some(key_span), _) => Some(text(*key_span)),
        (None, Some(name)) => Some(format!("'{name}'")),
        _ => None,
    };
    let whole = access.whole;
    let base = access.base;
    let steps: Vec<Option<&str>> = access.steps.iter().map(|s| s.name.as_deref()).collect();
    let kind = access.kind;
    let replace_whole = |t: String| Some((whole, t));
    match holds {
        Holds::Number if steps.is_empty() => match kind {
            AccessKind::Update(UpdateOperator::Increment) => {
                replace_whole(format!("await {R}.incr({key})"))
            }
            AccessKind::Update(UpdateOperator::Decrement) => {
                replace_whole(format!("await {R}.decr({key})"))
            }
            AccessKind::Compound(AssignmentOperator::Addition) => {
                replace_whole(format!("await {R}.incrBy({key}, {})", rhs()?))
            }
            AccessKind::Compound(AssignmentOperator::Subtraction) => {
                replace_whole(format!("await {R}.decrBy({key}, {})", rhs()?))
            }
            AccessKind::Assign => replace_whole(format!("await {R}.set({key}, {})", rhs()?)),
            AccessKind::Read => Some((base, format!("Number(await {R}.get({key}))"))),
            _ => None,
        },
        Holds::Value if steps.is_empty() => match kind {
            AccessKind::Assign => {
                replace_whole(format!("await {R}.set({key}, JSON.stringify({}))", rhs()?))
            }
            AccessKind::Read => Some((base, format!("JSON.parse(await {R}.get({key}))"))),
            _ => None,
        },
        Holds::Object if access.steps.len() == 1 => {
            let f = field(&access.steps[0])?;
            match kind {
                AccessKind::Assign => replace_whole(format!(
                    "await {R}.hSet({key}, {f}, JSON.stringify({}))",
                    rhs()?
                )),
                AccessKind::Read => {
                    replace_whole(format!("JSON.parse(await {R}.hGet({key}, {f}))"))
                }
                AccessKind::Delete => replace_whole(format!("await {R}.hDel({key}, {f})")),
                AccessKind::Update(UpdateOperator::Increment) => {
                    replace_whole(format!("await {R}.hIncrBy({key}, {f}, 1)"))
                }
                AccessKind::Compound(AssignmentOperator::Addition) => {
                    replace_whole(format!("await {R}.hIncrBy({key}, {f}, {})", rhs()?))
                }
                _ => None,
            }
        }
        Holds::Map => match (kind, steps.as_slice()) {
            (AccessKind::Method, [Some("set")]) => replace_whole(format!(
                "await {R}.hSet({key}, String({}), JSON.stringify({}))",
                arg(0)?,
                arg(1)?
            )),
            (AccessKind::Method, [Some("get")]) => replace_whole(format!(
                "JSON.parse(await {R}.hGet({key}, String({})))",
                arg(0)?
            )),
            (AccessKind::Method, [Some("has")]) => {
                replace_whole(format!("await {R}.hExists({key}, String({}))", arg(0)?))
            }
            (AccessKind::Method, [Some("delete")]) => {
                replace_whole(format!("await {R}.hDel({key}, String({}))", arg(0)?))
            }
            (AccessKind::Method, [Some("clear")]) => replace_whole(format!("await {R}.del({key})")),
            (AccessKind::Read, [Some("size")]) => replace_whole(format!("await {R}.hLen({key})")),
            _ => None,
        },
        Holds::Array => match (kind, steps.as_slice()) {
            (AccessKind::Method, [Some("push")]) if access.call_args.len() == 1 => replace_whole(
                format!("await {R}.rPush({key}, JSON.stringify({}))", arg(0)?),
            ),
            (AccessKind::Method, [Some("unshift")]) if access.call_args.len() == 1 => {
                replace_whole(format!(
                    "await {R}.lPush({key}, JSON.stringify({}))",
                    arg(0)?
                ))
            }
            (AccessKind::Read, [Some("length")]) => replace_whole(format!("await {R}.lLen({key})")),
            (AccessKind::Read, []) => Some((
                base,
                format!("(await {R}.lRange({key}, 0, -1)).map((item) => JSON.parse(item))"),
            )),
            (AccessKind::Method, [Some(m)]) if !MUTATORS.contains(m) => Some((
                base,
                format!("(await {R}.lRange({key}, 0, -1)).map((item) => JSON.parse(item))"),
            )),
            _ => None,
        },
        Holds::Set => match (kind, steps.as_slice()) {
            (AccessKind::Method, [Some("add")]) => {
                replace_whole(format!("await {R}.sAdd({key}, String({}))", arg(0)?))
            }
            (AccessKind::Method, [Some("has")]) => {
                replace_whole(format!("await {R}.sIsMember({key}, String({}))", arg(0)?))
            }
            (AccessKind::Method, [Some("delete")]) => {
                replace_whole(format!("await {R}.sRem({key}, String({}))", arg(0)?))
            }
            (AccessKind::Method, [Some("clear")]) => replace_whole(format!("await {R}.del({key})")),
            (AccessKind::Read, [Some("size")]) => replace_whole(format!("await {R}.sCard({key})")),
            (AccessKind::Read, []) => Some((base, format!("new Set(await {R}.sMembers({key}))"))),
            _ => None,
        },
        _ => None,
    }
}

/// Source text of `span` with the replacements inside it applied.
fn text_with(ctx: &LintContext<'_, '_>, span: Span, edits: &[(Span, String)]) -> String {
    let mut inner: Vec<&(Span, String)> = edits
        .iter()
        .filter(|(s, _)| s.start >= span.start && s.end <= span.end && *s != span)
        .collect();
    inner.sort_by_key(|(s, _)| (s.start, std::cmp::Reverse(s.end)));
    let mut out = String::new();
    let mut cursor = span.start;
    for (s, text) in inner {
        if s.start < cursor {
            continue; // nested in one already applied
        }
        out.push_str(ctx.text(Span::new(cursor, s.start)));
        out.push_str(text);
        cursor = s.end;
    }
    out.push_str(ctx.text(Span::new(cursor, span.end)));
    out
}

/// Replacements for every access, inner ones first so outer ones can include them;
/// `None` when any access cannot be rewritten.
fn replacements(
    ctx: &LintContext<'_, '_>,
    state: &State<'_>,
    rewrite: &dyn Fn(&Access<'_>, &dyn Fn(Span) -> String) -> Option<(Span, String)>,
) -> Option<Vec<(Span, String)>> {
    let mut ordered: Vec<&Access<'_>> = state.accesses.iter().collect();
    ordered.sort_by_key(|a| a.whole.size());
    let mut edits: Vec<(Span, String)> = Vec::new();
    for access in ordered {
        ctx.enclosing_handler(access.node)?;
        let done = edits.clone();
        let text = move |span: Span| text_with(ctx, span, &done);
        edits.push(rewrite(access, &text)?);
    }
    // Keep only the outermost edits: inner ones are already part of their text.
    let all = edits.clone();
    edits.retain(|(s, _)| {
        !all.iter()
            .any(|(o, _)| o != s && o.start <= s.start && s.end <= o.end)
    });
    Some(edits)
}

fn redis_rewrite(ctx: &LintContext<'_, '_>, state: &State<'_>) -> Option<crate::Rewrite> {
    let key_name = state.name.rsplit('.').next().unwrap_or(&state.name);
    let key = format!("'{key_name}'");
    let edits = replacements(ctx, state, &|access, text| {
        redis_access(state.holds, access, &key, text)
    })?;
    let mut builder = RewriteBuilder::new(format!("Keep `{}` in Redis", state.name));
    for (span, text) in edits {
        builder.replace(span, text);
    }
    for access in &state.accesses {
        builder.make_async(ctx, access.node);
    }
    if let Some(statement) = state.statement {
        builder.replace(statement, "");
    }
    builder
        .import(ctx, REDIS_CLIENT)
        .setup(ctx, REDIS_CLIENT_SETUP);
    Some(builder.build(ctx))
}

/// `currentUser = req.user` becomes `res.locals.currentUser = req.user`.
fn res_locals_rewrite(ctx: &LintContext<'_, '_>, state: &State<'_>) -> Option<crate::Rewrite> {
    let name = &state.name;
    let edits = replacements(ctx, state, &|access, text| {
        let res = response_name(ctx, access.node)?;
        match access.kind {
            AccessKind::Assign => Some((
                access.whole,
                format!("{res}.locals.{name} = {}", text(access.rhs?.span())),
            )),
            _ if access.steps.is_empty() || access.kind == AccessKind::Read => {
                Some((access.base, format!("{res}.locals.{name}")))
            }
            _ => None,
        }
    })?;
    let mut builder = RewriteBuilder::new(format!(
        "Keep `{name}` on res.locals, for this request only"
    ));
    for (span, text) in edits {
        builder.replace(span, text);
    }
    if let Some(statement) = state.statement {
        builder.replace(statement, "");
    }
    Some(builder.build(ctx))
}

/// The name of the response parameter of the handler around `node`.
fn response_name(ctx: &LintContext<'_, '_>, node: NodeId) -> Option<String> {
    let handler = ctx.enclosing_handler(node)?;
    let params = match ctx.semantic.nodes().kind(handler) {
        AstKind::Function(f) => &f.params,
        AstKind::ArrowFunctionExpression(f) => &f.params,
        _ => return None,
    };
    let names: Vec<&str> = params
        .items
        .iter()
        .map(|p| match &p.pattern {
            BindingPattern::BindingIdentifier(id) => id.name.as_str(),
            _ => "",
        })
        .collect();
    let index = names.iter().position(|n| matches!(*n, "req" | "request"))? + 1;
    names
        .get(index)
        .filter(|n| !n.is_empty())
        .map(|n| n.to_string())
}
