//! The rewrites of `no-global-state`: state moved to Redis, each update done by one atomic
//! command whose return value the handler then uses, or request context moved to
//! `res.locals`.
//!
//! Redis is shared by every instance, but only its single commands are atomic: reading a
//! value and writing back a changed copy lets concurrent requests overwrite each other.
//! So a counter becomes `INCR` (and the handler's later reads use its answer), a field of
//! an object `HINCRBY`, a bounded list `RPUSH` + `LTRIM`.

use oxc_ast::{
    AstKind,
    ast::{
        Argument, ArrayExpressionElement, AssignmentOperator, BinaryOperator, BindingPattern,
        Expression,
    },
};
use oxc_semantic::NodeId;
use oxc_span::{GetSpan, Span};

mod plan;

use self::plan::*;
use super::{
    Holds, State,
    imported::BindingRemoval,
    access::{Access, AccessKind, MUTATORS, Step},
    updates::*,
};
use crate::{
    context::LintContext,
    diagnostic::StateKind,
    rules::rewrite_builder::{REDIS_CLIENT, REDIS_CLIENT_SETUP, RewriteBuilder, async_point},
};

pub(super) fn rewrites(ctx: &LintContext<'_, '_>, state: &State<'_>) -> Vec<crate::Rewrite> {
    let mut out = Vec::new();
    // A first value from a call is lost when the variable becomes per-request.
    if state.kind == StateKind::RequestContext && !state.from_call {
        out.extend(res_locals_rewrite(ctx, state));
    } else if state.movable {
        out.extend(redis_rewrite(ctx, state));
    }
    out
}

/// `text + n` for a number or an expression.
fn plus_text(value: &str, n: i64) -> String {
    match value.parse::<i64>() {
        Ok(number) => (number + n).to_string(),
        Err(_) => format!("({})", plus(value, n)),
    }
}

fn negated(value: &str) -> String {
    match value.parse::<i64>() {
        Ok(number) => (-number).to_string(),
        Err(_) if value.chars().all(|c| c.is_alphanumeric() || c == '_') => format!("-{value}"),
        Err(_) => format!("-({value})"),
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

/// How one access is rewritten, given the text of a span with inner rewrites applied.
type AccessRewrite<'r> =
    dyn Fn(&Access<'_>, &dyn Fn(Span) -> String) -> Option<(Span, String)> + 'r;

/// Replacements for every access, inner ones first so outer ones can include them;
/// `None` when any access cannot be rewritten.
fn replacements(
    ctx: &LintContext<'_, '_>,
    state: &State<'_>,
    rewrite: &AccessRewrite<'_>,
    seeds: Vec<(Span, String)>,
) -> Option<Vec<(Span, String)>> {
    let mut ordered: Vec<&Access<'_>> = state.accesses.iter().collect();
    ordered.sort_by_key(|a| a.whole.size());
    // Seeds (e.g. `async ` before a function) go into the text of any replacement that
    // contains them, so no edit lands inside another.
    let mut edits: Vec<(Span, String)> = seeds;
    for access in ordered {
        ctx.enclosing_handler(access.node)?;
        let done = edits.clone();
        let text = move |span: Span| text_with(ctx, span, &done);
        let (span, mut replacement) = rewrite(access, &text)?;
        if replacement == ctx.text(span) {
            continue; // kept as it is (a read of a value the handler already holds)
        }
        // `{ hits }` must keep its key: `{ hits: <replacement> }`.
        if span == access.base
            && let AstKind::ObjectProperty(property) = ctx.semantic.nodes().parent_kind(access.node)
            && property.shorthand
        {
            replacement = format!("{}: {replacement}", ctx.text(access.base));
        }
        edits.push((span, replacement));
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
    let plan = Plan::new(ctx, state);
    let mut seeds: Vec<(Span, String)> = Vec::new();
    for access in &state.accesses {
        // A read that keeps using the answer already held awaits nothing: its function
        // (say a `map` callback) must not become async and start returning promises.
        if access.kind == AccessKind::Read && plan.covering(access).is_some() {
            continue;
        }
        if let Some(at) = async_point(ctx, access.node)
            && !seeds.iter().any(|(s, _)| s.start == at)
        {
            seeds.push((Span::new(at, at), "async ".to_string()));
        }
    }
    let edits = replacements(
        ctx,
        state,
        &|access, text| redis_access(&plan, access, text),
        seeds,
    )?;
    let mut builder = RewriteBuilder::new(format!("Keep `{}` in Redis", state.name));
    for (span, text) in edits {
        builder.replace(span, text);
    }
    await_callers(ctx, state, &mut builder)?;
    if let Some(statement) = state.statement {
        builder.remove_statement(ctx, statement);
    }
    // Another module's export: its binding here goes, and so does its declaration there.
    let moved = state.imported.as_ref().map(|i| i.moved.as_ref());
    let other_file = match moved {
        Some(Ok(moved)) => {
            match moved.binding {
                BindingRemoval::Entry(span) => builder.replace(span, ""),
                BindingRemoval::Statement(statement) => builder.remove_statement(ctx, statement),
            };
            Some(moved.module.clone())
        }
        Some(Err(_)) => return None,
        None => None,
    };
    builder
        .import(ctx, REDIS_CLIENT)
        .setup(ctx, REDIS_CLIENT_SETUP);
    let mut rewrite = builder.build(ctx);
    rewrite.other_files.extend(other_file);
    Some(rewrite)
}

/// A function the rewrite makes async returns a promise: calls to it in this file get an
/// `await` (and their functions become async in turn). `None` when a call runs at module
/// level, where a script cannot await.
fn await_callers(
    ctx: &LintContext<'_, '_>,
    state: &State<'_>,
    builder: &mut RewriteBuilder,
) -> Option<()> {
    let nodes = ctx.semantic.nodes();
    let mut pending: Vec<NodeId> = state
        .accesses
        .iter()
        .filter_map(|a| made_async(ctx, a.node))
        .collect();
    let mut done: Vec<NodeId> = Vec::new();
    while let Some(function) = pending.pop() {
        if done.contains(&function) {
            continue;
        }
        done.push(function);
        let Some(symbol) = function_symbol(ctx, function) else {
            continue;
        };
        for reference in ctx.semantic.symbol_references(symbol) {
            let callee = nodes.kind(reference.node_id()).span();
            let call = nodes.parent_node(reference.node_id());
            let AstKind::CallExpression(c) = call.kind() else {
                continue;
            };
            if c.callee.span() != callee {
                continue;
            }
            let outer = nodes.parent_kind(call.id());
            if matches!(outer, AstKind::AwaitExpression(_)) {
                continue;
            }
            let caller = made_async(ctx, call.id());
            if ctx.at_module_level(call.id()) {
                return None;
            }
            let needs_parens = match outer {
                AstKind::StaticMemberExpression(m) => m.object.span() == c.span,
                AstKind::ComputedMemberExpression(m) => m.object.span() == c.span,
                AstKind::CallExpression(outer) => outer.callee.span() == c.span,
                _ => false,
            };
            if needs_parens {
                builder.insert(c.span.start, "(await ");
                builder.insert(c.span.end, ")");
            } else {
                builder.insert(c.span.start, "await ");
            }
            builder.make_async(ctx, call.id());
            pending.extend(caller);
        }
    }
    Some(())
}

/// The function around `node`, when it is not async yet.
fn made_async(ctx: &LintContext<'_, '_>, node: NodeId) -> Option<NodeId> {
    let function = ctx
        .semantic
        .nodes()
        .ancestors(node)
        .find(|n| n.kind().is_function_like())?;
    let is_async = match function.kind() {
        AstKind::Function(f) => f.r#async,
        AstKind::ArrowFunctionExpression(f) => f.r#async,
        _ => true,
    };
    (!is_async).then_some(function.id())
}

/// The name a function is called by: `function f() {}` or `const f = () => {}`.
fn function_symbol(ctx: &LintContext<'_, '_>, function: NodeId) -> Option<oxc_semantic::SymbolId> {
    let nodes = ctx.semantic.nodes();
    if let AstKind::Function(f) = nodes.kind(function)
        && f.is_declaration()
    {
        return f.id.as_ref()?.symbol_id.get();
    }
    match nodes.parent_kind(function) {
        AstKind::VariableDeclarator(d) => match &d.id {
            BindingPattern::BindingIdentifier(id) => id.symbol_id.get(),
            _ => None,
        },
        _ => None,
    }
}

/// `currentUser = req.user` becomes `res.locals.currentUser = req.user`.
fn res_locals_rewrite(ctx: &LintContext<'_, '_>, state: &State<'_>) -> Option<crate::Rewrite> {
    let name = &state.name;
    let edits = replacements(
        ctx,
        state,
        &|access, text| {
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
        },
        vec![],
    )?;
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
    let names = crate::context::param_names(params);
    let index = names.iter().position(|n| matches!(*n, "req" | "request"))? + 1;
    names
        .get(index)
        .filter(|n| !n.is_empty())
        .map(|n| n.to_string())
}
