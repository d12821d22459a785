//! Variables whose first value comes from a call or an IIFE (`let visits = (() =>
//! loadInitial())()`, `const cache = createCache()`): what the call returns, as far as this
//! file shows it, and which writes prove the value is mutable data rather than a client.
//!
//! A call's result is opaque in general. A call into a package (`redis.createClient()`,
//! `multer()`, `express.Router()`, a logger) returns a client or a handle, and its methods
//! are commands, not changes to this process's memory: those stay quiet, as `new Pool()`
//! does. A call this file can follow (an IIFE, a local function) is judged by what it
//! returns; anything else is judged by how the handler uses it.

use oxc_ast::ast::{
    ArrowFunctionBody, ArrowFunctionExpression, Expression, Function, FunctionBody, Statement,
    VariableDeclarationKind,
};
use oxc_ast::AstKind;

use super::{
    Holds,
    access::{Access, AccessKind},
};
use crate::context::LintContext;

/// How far calls into local functions are followed.
const MAX_DEPTH: u32 = 4;

/// What a call made at declaration returns, as far as this file shows it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Returned {
    /// A container this file can see being made (`{}`, `new Map()`, `JSON.parse(…)`).
    Container(Holds),
    /// A number, a string, a date: data only when the variable is reassigned.
    Scalar,
    /// A package's client or handle, or a promise: not this rule's business.
    Client,
    /// Something this file cannot see into: a relative module's function, an undeclared one.
    Opaque,
}

/// The state a call-initialised variable holds, when a handler's writes may prove it data.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct CallInit {
    pub(super) returned: Returned,
    pub(super) reassignable: bool,
}

impl CallInit {
    /// Whether `access` counts as a write of the variable's data.
    pub(super) fn counts(&self, access: &Access<'_>, all: &[Access<'_>]) -> bool {
        if access.steps.is_empty() {
            // Reassigning the variable itself: only a `let` can, and that is data whatever
            // the first value was.
            return self.reassignable && access.is_write();
        }
        match self.returned {
            Returned::Container(_) => access.is_write(),
            Returned::Opaque => proves_container(access, all),
            Returned::Scalar | Returned::Client => false,
        }
    }

    /// What the variable holds, judged by the writes that count.
    pub(super) fn holds(&self, writes: &[Access<'_>]) -> Holds {
        if let Returned::Container(holds) = self.returned {
            return holds;
        }
        let direct = writes.iter().filter(|w| w.steps.is_empty());
        if writes.iter().all(|w| w.steps.is_empty())
            && direct.clone().all(|w| is_arithmetic(w.kind))
        {
            return Holds::Number;
        }
        if writes.iter().all(|w| w.steps.is_empty()) {
            return Holds::Value;
        }
        if writes
            .iter()
            .any(|w| matches!(w.method(), Some("push" | "unshift" | "splice")))
        {
            Holds::Array
        } else {
            Holds::Object
        }
    }
}

fn is_arithmetic(kind: AccessKind) -> bool {
    use oxc_ast::ast::AssignmentOperator::{Addition, Subtraction};
    matches!(
        kind,
        AccessKind::Update(_) | AccessKind::Compound(Addition | Subtraction)
    )
}

/// A write that only a container in this process's memory takes: a key or field assigned,
/// updated or deleted, an array method, or a Map/Set method on a value also asked for its
/// `size` or `has`. An awaited call is a command to a client, not a change in memory.
fn proves_container(access: &Access<'_>, all: &[Access<'_>]) -> bool {
    match access.kind {
        AccessKind::Assign | AccessKind::Compound(_) | AccessKind::Update(_) | AccessKind::Delete => {
            true
        }
        AccessKind::Method if access.steps.len() == 1 => match access.method() {
            Some("push" | "unshift" | "splice") => true,
            // Clients have `set` and `delete` too; only a Map or Set also has `size`/`has`.
            Some("set" | "add" | "delete" | "clear") => all.iter().any(|a| {
                a.steps.first().and_then(|s| s.name.as_deref()) == Some("size")
                    || (a.kind == AccessKind::Method && a.method() == Some("has"))
            }),
            _ => false,
        },
        _ => false,
    }
}

/// Whether a value assigned to the variable is a client or a handle (`conn = new Pool()`,
/// `client = redis.createClient()`): reconnecting, not data.
pub(super) fn is_client<'a>(ctx: &LintContext<'_, 'a>, value: Option<&'a Expression<'a>>) -> bool {
    value.is_some_and(|v| returned(ctx, v, 0) == Returned::Client)
}

/// The call-initialised state a declaration may hold: `None` when its initialiser is no
/// call, or a call whose result is a client or a module (`require('./x')` is a module's
/// own export, judged elsewhere).
pub(super) fn call_init<'a>(
    ctx: &LintContext<'_, 'a>,
    kind: VariableDeclarationKind,
    init: Option<&'a Expression<'a>>,
) -> Option<CallInit> {
    let init = unwrap_await(init?);
    let Expression::CallExpression(call) = init else {
        return None;
    };
    if ctx.resolve.require_specifier(call).is_some() {
        return None;
    }
    let returned = returned(ctx, init, 0);
    let reassignable = !matches!(kind, VariableDeclarationKind::Const);
    match returned {
        Returned::Client => None,
        Returned::Scalar if !reassignable => None,
        _ => Some(CallInit {
            returned,
            reassignable,
        }),
    }
}

fn unwrap_await<'a>(expr: &'a Expression<'a>) -> &'a Expression<'a> {
    match expr.get_inner_expression() {
        Expression::AwaitExpression(awaited) => awaited.argument.get_inner_expression(),
        other => other,
    }
}

/// What `expr` evaluates to, following IIFEs and local functions a few calls deep.
fn returned<'a>(ctx: &LintContext<'_, 'a>, expr: &'a Expression<'a>, depth: u32) -> Returned {
    if depth > MAX_DEPTH {
        return Returned::Opaque;
    }
    let expr = unwrap_await(expr);
    if let Some(holds) = super::holds(ctx, VariableDeclarationKind::Const, Some(expr)) {
        return Returned::Container(holds);
    }
    match expr {
        Expression::NumericLiteral(_)
        | Expression::StringLiteral(_)
        | Expression::TemplateLiteral(_)
        | Expression::BooleanLiteral(_)
        | Expression::BinaryExpression(_)
        | Expression::UnaryExpression(_) => Returned::Scalar,
        Expression::NewExpression(_) => Returned::Client,
        Expression::LogicalExpression(l) => {
            match (
                returned(ctx, &l.left, depth + 1),
                returned(ctx, &l.right, depth + 1),
            ) {
                (a, b) if a == b => a,
                (Returned::Client, _) | (_, Returned::Client) => Returned::Client,
                _ => Returned::Opaque,
            }
        }
        Expression::Identifier(_) => match ctx.resolve.symbol_of(expr) {
            Some(symbol) => match ctx.resolve.initializer(symbol) {
                Some(init) if !ctx.semantic.scoping().symbol_is_mutated(symbol) => {
                    returned(ctx, init, depth + 1)
                }
                _ => Returned::Opaque,
            },
            None => Returned::Opaque,
        },
        Expression::CallExpression(call) => {
            let callee = call.callee.get_inner_expression();
            match callee {
                Expression::ArrowFunctionExpression(f) => arrow_returns(ctx, f, depth),
                Expression::FunctionExpression(f) => function_returns(ctx, f, depth),
                _ => called(ctx, callee, depth),
            }
        }
        _ => Returned::Opaque,
    }
}

/// What calling `callee` returns.
fn called<'a>(ctx: &LintContext<'_, 'a>, callee: &'a Expression<'a>, depth: u32) -> Returned {
    if let Some(symbol) = ctx.resolve.symbol_of(callee) {
        let nodes = ctx.semantic.nodes();
        let decl = ctx.semantic.scoping().symbol_declaration(symbol);
        return match nodes.kind(decl) {
            AstKind::Function(f) => function_returns(ctx, f, depth),
            AstKind::VariableDeclarator(_) if !ctx.semantic.scoping().symbol_is_mutated(symbol) => {
                match ctx.resolve.initializer(symbol).map(Expression::get_inner_expression) {
                    Some(Expression::ArrowFunctionExpression(f)) => arrow_returns(ctx, f, depth),
                    Some(Expression::FunctionExpression(f)) => function_returns(ctx, f, depth),
                    _ => from_module(ctx, callee),
                }
            }
            _ => from_module(ctx, callee),
        };
    }
    let global = |name| ctx.resolve.is_global(callee, name);
    if ["Number", "parseInt", "parseFloat", "String", "Boolean", "Symbol"]
        .iter()
        .any(|name| global(name))
    {
        return Returned::Scalar;
    }
    if let Some(member) = callee.as_member_expression() {
        let object = member.object();
        let method = member.static_property_name().unwrap_or_default();
        if ctx.resolve.is_global(object, "JSON") && method == "parse"
            || ctx.resolve.is_global(object, "Object")
                && ["assign", "fromEntries", "create"].contains(&method)
        {
            return Returned::Container(Holds::Object);
        }
        if ctx.resolve.is_global(object, "Array") && ["from", "of"].contains(&method)
            || ctx.resolve.is_global(object, "Object")
                && ["keys", "values", "entries"].contains(&method)
        {
            return Returned::Container(Holds::Array);
        }
        if ["Date", "Math"]
            .iter()
            .any(|name| ctx.resolve.is_global(object, name))
        {
            return Returned::Scalar;
        }
    }
    from_module(ctx, callee)
}

/// A package's function returns a client or a handle; a relative module's is opaque.
fn from_module<'a>(ctx: &LintContext<'_, 'a>, callee: &'a Expression<'a>) -> Returned {
    match ctx.origin(callee) {
        Some(origin) if !origin.module.starts_with('.') && !origin.module.starts_with('/') => {
            Returned::Client
        }
        _ => Returned::Opaque,
    }
}

fn arrow_returns<'a>(
    ctx: &LintContext<'_, 'a>,
    f: &'a ArrowFunctionExpression<'a>,
    depth: u32,
) -> Returned {
    if f.r#async {
        return Returned::Client; // a promise
    }
    match &f.body {
        ArrowFunctionBody::FunctionBody(body) => body_returns(ctx, body, depth),
        body => match body.as_expression() {
            Some(value) => returned(ctx, value, depth + 1),
            None => Returned::Opaque,
        },
    }
}

fn function_returns<'a>(ctx: &LintContext<'_, 'a>, f: &'a Function<'a>, depth: u32) -> Returned {
    if f.r#async || f.generator {
        return Returned::Client; // a promise or an iterator
    }
    match &f.body {
        Some(body) => body_returns(ctx, body, depth),
        None => Returned::Opaque,
    }
}

/// What a function body returns: one answer when every `return` agrees.
fn body_returns<'a>(ctx: &LintContext<'_, 'a>, body: &'a FunctionBody<'a>, depth: u32) -> Returned {
    let mut found = Vec::new();
    collect_returns(&body.statements, &mut found, 0);
    let mut answers = found.into_iter().map(|e| returned(ctx, e, depth + 1));
    let Some(first) = answers.next() else {
        return Returned::Opaque;
    };
    answers.fold(first, |so_far, next| match (so_far, next) {
        (a, b) if a == b => a,
        (Returned::Client, _) | (_, Returned::Client) => Returned::Client,
        _ => Returned::Opaque,
    })
}

/// The returned expressions of a list of statements, nested functions left out.
fn collect_returns<'a>(
    statements: &'a [Statement<'a>],
    found: &mut Vec<&'a Expression<'a>>,
    depth: u32,
) {
    for statement in statements {
        collect_statement_returns(statement, found, depth);
    }
}

fn collect_statement_returns<'a>(
    statement: &'a Statement<'a>,
    found: &mut Vec<&'a Expression<'a>>,
    depth: u32,
) {
    if depth > 16 {
        return;
    }
    let depth = depth + 1;
    match statement {
        Statement::ReturnStatement(r) => found.extend(r.argument.as_ref()),
        Statement::BlockStatement(b) => collect_returns(&b.body, found, depth),
        Statement::IfStatement(s) => {
            collect_statement_returns(&s.consequent, found, depth);
            if let Some(alternate) = &s.alternate {
                collect_statement_returns(alternate, found, depth);
            }
        }
        Statement::TryStatement(t) => {
            collect_returns(&t.block.body, found, depth);
            if let Some(handler) = &t.handler {
                collect_returns(&handler.body.body, found, depth);
            }
        }
        Statement::LabeledStatement(l) => collect_statement_returns(&l.body, found, depth),
        _ => {}
    }
}
