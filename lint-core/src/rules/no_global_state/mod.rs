//! `no-global-state`: application data kept in process memory across requests.
//!
//! Runs once over the semantic model: for each variable declared outside a request handler
//! and holding a container or a `let` value, it looks at every reference and reports the
//! ones that write it from inside a handler. It also reports writes to the global object,
//! implicit globals, `app.locals` and `process.env` at run time.

use oxc_ast::{
    AstKind,
    ast::{BindingPattern, Expression, UnaryOperator, VariableDeclarationKind},
};
use oxc_semantic::{AstNode, NodeId};
use oxc_span::{GetSpan, Span};

mod access;
mod call_init;
mod diagnostic;
mod imported;
mod lost_update;
mod nested_containers;
mod rewrite;
mod setup_scope;
mod updates;

use self::access::{Access, AccessKind, classify};
use super::{Rule, RuleMeta, finding};
use crate::{
    context::LintContext,
    diagnostic::{Diagnostic, Failure, RuleId, Severity, StateInfo, StateKind, StateLocation},
    resolve::CALL,
};

const RULE: RuleId = RuleId::NoGlobalState;

pub(super) const META: RuleMeta = RuleMeta {
    id: "no-global-state",
    summary: "application data kept in process memory across requests",
    kinds: &[StateKind::Cache,
        StateKind::Counter,
        StateKind::Collection,
        StateKind::RequestContext,
        StateKind::Configuration,],
};

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

/// Where a piece of state lives in the code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    /// A variable declared outside the handlers.
    Variable,
    /// `process.env.NAME`.
    ProcessEnv,
    /// A name assigned without a declaration: a property of the global object.
    ImplicitGlobal,
    /// `global.x`, `globalThis.x` and their spellings.
    GlobalObject,
    /// `app.locals.x`.
    AppLocals,
    /// An export of another module of the project (`require('./models/cart')`).
    ImportedModule,
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
    /// Where the state lives in the code, which decides how the finding words it.
    place: Place,
    severity: Severity,
    /// Offer the Redis rewrite.
    movable: bool,
    /// A counter's start value: Redis keeps the difference from it, since its keys start
    /// from nothing.
    start: i64,
    /// The first value came from a call, whose result the handler's writes show is data.
    from_call: bool,
    /// Writes into values stored inside the container (`lobbies.get(id).set(…)`).
    element_writes: Vec<Span>,
    /// The setup function whose scope holds the state, when it is not the module's.
    setup: Option<setup_scope::Setup>,
    /// For [`Place::ImportedModule`]: the module and what the project knows of it.
    imported: Option<imported::Imported>,
}

impl<'a> State<'a> {
    /// State seen through one write, with no declaration of its own and no rewrite
    /// (`process.env.X`, `app.locals.x`).
    fn written_once(
        place: Place,
        name: String,
        kind: StateKind,
        severity: Severity,
        access: Access<'a>,
    ) -> Self {
        Self::undeclared(place, name, Holds::Value, kind, severity, vec![access.clone()], vec![access])
    }

    /// State this file has no declaration of that a rewrite could move (a global, an
    /// implicit global, another module's export): the fields the finding itself fills.
    fn undeclared(
        place: Place,
        name: String,
        holds: Holds,
        kind: StateKind,
        severity: Severity,
        writes: Vec<Access<'a>>,
        accesses: Vec<Access<'a>>,
    ) -> Self {
        Self {
            place,
            name,
            holds,
            kind,
            declaration: None,
            statement: None,
            writes,
            accesses,
            severity,
            movable: false,
            start: 0,
            from_call: false,
            element_writes: Vec::new(),
            setup: None,
            imported: None,
        }
    }
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
        imported::imported_state(ctx, &mut states);
        global_object_state(ctx, &mut states);
        locals_state(ctx, &self.locals_writes, &mut states);
        let mut found: Vec<Diagnostic> =
            states.into_iter().map(|state| report(ctx, state)).collect();
        found.extend(lost_update::find(ctx));
        found
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
        let literal = holds(ctx, declaration.kind, decl.init.as_ref());
        let from_call = match literal {
            Some(_) => None,
            None => call_init::call_init(ctx, declaration.kind, decl.init.as_ref()),
        };
        if literal.is_none() && from_call.is_none() {
            continue;
        }
        let accesses: Vec<Access<'a>> = ctx
            .semantic
            .symbol_references(symbol)
            .map(|r| classify(ctx, r.node_id()))
            .collect();
        let container = match (literal, from_call) {
            (Some(holds), _) => !matches!(holds, Holds::Number | Holds::Value),
            (None, Some(init)) => matches!(init.returned, call_init::Returned::Container(_)),
            (None, None) => false,
        };
        let inside = if container {
            nested_containers::element_writes(ctx, &accesses)
        } else {
            Vec::new()
        };
        let in_handler =
            |a: &Access<'_>| outermost_handler(ctx, a.node).is_some_and(|h| !is_inside(ctx, decl_node, h));
        let inside: Vec<Access<'a>> = inside.into_iter().filter(|a| in_handler(a)).collect();
        let mut writes: Vec<Access<'a>> = accesses
            .iter()
            .filter(|a| {
                let counts = match (literal, from_call) {
                    (Some(Holds::Number | Holds::Value), _) => a.steps.is_empty() && a.is_write(),
                    (Some(_), _) => a.is_write(),
                    (None, Some(init)) => init.counts(a, &accesses),
                    (None, None) => false,
                };
                counts && in_handler(a)
            })
            .cloned()
            .collect();
        let element_writes: Vec<Span> = inside.iter().map(|a| a.whole).collect();
        writes.extend(inside);
        writes.sort_by_key(|w| w.whole.start);
        if writes.is_empty() {
            continue;
        }
        let holds = match (literal, from_call) {
            (Some(holds), _) => holds,
            (None, Some(init)) => init.holds(&writes),
            (None, None) => continue,
        };
        // `let pool; … pool = new Pool()`: a lazily created client, not application data.
        if holds == Holds::Value && writes.iter().all(|w| creates_object(ctx, w.rhs)) {
            continue;
        }
        // `let client = connect(); … client = connect()`: reconnecting, not data.
        if from_call.is_some()
            && writes
                .iter()
                .all(|w| w.steps.is_empty() && call_init::is_client(ctx, w.rhs))
        {
            continue;
        }
        let name = scoping.symbol_name(symbol).to_string();
        let kind = state_kind(ctx, holds, &writes);
        let setup = setup_scope::setup_of(ctx, decl_node);
        let statement = single_declaration_statement(ctx, decl_node);
        states.push(State {
            place: Place::Variable,
            severity: Severity::Error,
            // Redis starts empty: a start value (`let slots = 10`) would be lost, except
            // for a counter, which keeps its difference from the start value.
            // A first value from a call is not known here, so Redis could not start from it.
            // Redis keeps flat values: objects stored inside the container have no key of
            // their own to write into.
            movable: kind != StateKind::RequestContext
                && from_call.is_none()
                && element_writes.is_empty()
                && setup.as_ref().is_none_or(|s| s.runs_once)
                && (starts_empty(decl.init.as_ref())
                    || (holds == Holds::Number && counter_start(decl.init.as_ref()).is_some())),
            start: counter_start(decl.init.as_ref()).unwrap_or(0),
            imported: None,
            name,
            holds,
            kind,
            declaration: Some(scoping.symbol_span(symbol)),
            statement,
            writes,
            accesses,
            from_call: from_call.is_some(),
            element_writes,
            setup,
        });
    }
}

/// `new Pool()`, `await new Client().connect()`-free form: an instance of some class other
/// than the built-in containers (a client, a connection, a service object).
fn creates_object(ctx: &LintContext<'_, '_>, rhs: Option<&Expression<'_>>) -> bool {
    let Some(mut expr) = rhs.map(Expression::get_inner_expression) else {
        return false;
    };
    if let Expression::AwaitExpression(inner) = expr {
        expr = inner.argument.get_inner_expression();
    }
    let Expression::NewExpression(new) = expr else {
        return false;
    };
    !["Map", "WeakMap", "Set", "WeakSet", "Array", "Object"]
        .iter()
        .any(|name| ctx.resolve.is_global(&new.callee, name))
}

/// The whole-number start value of a counter: `let n = 1`, `let n = -1`, none.
fn counter_start(init: Option<&Expression<'_>>) -> Option<i64> {
    let Some(init) = init else {
        return Some(0);
    };
    let (negative, literal) = match init.get_inner_expression() {
        Expression::UnaryExpression(u) if u.operator == UnaryOperator::UnaryNegation => {
            (true, u.argument.get_inner_expression())
        }
        other => (false, other),
    };
    let Expression::NumericLiteral(n) = literal else {
        return None;
    };
    // Whole numbers only: INCR works on integers, and the bound keeps the cast exact.
    if n.value.fract() != 0.0 || n.value.abs() > 1e15 {
        return None;
    }
    let value = n.value as i64;
    Some(if negative { -value } else { value })
}

/// A start value Redis also starts from: `0`, `{}`, `[]`, `new Map()`, none.
pub(crate) fn starts_empty(init: Option<&Expression<'_>>) -> bool {
    let Some(init) = init else {
        return true;
    };
    match init.get_inner_expression() {
        Expression::NumericLiteral(n) => n.value == 0.0,
        Expression::ObjectExpression(o) => o.properties.is_empty(),
        Expression::ArrayExpression(a) => a.elements.is_empty(),
        Expression::NewExpression(n) => n.arguments.is_empty(),
        Expression::CallExpression(_) => true, // `Object.create(null)`
        Expression::NullLiteral(_) => true,
        Expression::Identifier(id) => id.name == "undefined",
        _ => false,
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
                    states.push(State::written_once(
                        Place::ProcessEnv,
                        format!("process.env.{var}"),
                        StateKind::Configuration,
                        Severity::Warning,
                        access,
                    ));
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
                states.push(State::undeclared(
                    Place::ImplicitGlobal,
                    name,
                    Holds::Value,
                    StateKind::Cache,
                    Severity::Error,
                    implicit,
                    accesses,
                ));
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
        let in_handlers = accesses
            .iter()
            .all(|a| ctx.enclosing_handler(a.node).is_some());
        states.push(State {
            place: Place::GlobalObject,
            name: format!("{root}.{property}"),
            holds,
            kind: StateKind::Cache,
            declaration: None,
            statement: None,
            writes,
            accesses,
            severity: Severity::Error,
            movable: in_handlers,
            start: 0,
            from_call: false,
            element_writes: Vec::new(),
            setup: None,
            imported: None,
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
        states.push(State::written_once(
            Place::AppLocals,
            format!("app.locals.{property}"),
            StateKind::Cache,
            Severity::Error,
            access,
        ));
    }
}

/// The finding: what was found, in the rule's words, with its rewrites.
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
    let message = match (&state.imported, &state.setup) {
        (Some(imported), _) => diagnostic::imported_message(&state.name, imported),
        (None, Some(setup)) => setup_scope::message(&state.name, state.kind, setup),
        (None, None) => diagnostic::message(state.place, &state.name, state.kind),
    };
    let mut diagnostic = finding(ctx, RULE, first.whole, message, info);
    diagnostic.severity = state.severity;
    if state.kind == StateKind::RequestContext {
        diagnostic.failures = vec![Failure::DivergesOnScale];
    }
    diagnostic.labels = diagnostic::labels(ctx, &state, &routes);
    let mut help = diagnostic::help(state.place).to_string();
    if let Some(Err(why)) = state.imported.as_ref().map(|i| &i.moved) {
        help.push_str(&format!(" No rewrite is offered: {why}."));
    }
    diagnostic.help = Some(help);
    diagnostic.rewrites = rewrite::rewrites(ctx, &state);
    diagnostic
}

#[cfg(test)]
mod tests;
