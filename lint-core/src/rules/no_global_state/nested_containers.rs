//! Writes that reach into a container through the values it holds:
//! `lobbies.get(id).get('players').set(socket.id, name)`, `lobby.players.delete(id)` inside
//! `lobbies.forEach((lobby) => …)`, `const room = rooms[id]; room.users.push(user)`.
//!
//! The object a `get`, `find` or `[key]` returns, a callback's element and a loop variable
//! are the very objects stored in the container, not copies: changing them changes the
//! state the container keeps for the whole process. So are the parts destructured from
//! them (`({ players }) => players.delete(id)`, `const { players } = lobbies.get(id)`).

use std::collections::HashSet;

use oxc_ast::{
    AstKind,
    ast::{Argument, BindingPattern, Expression, ForStatementLeft},
};
use oxc_semantic::{NodeId, SymbolId};
use oxc_span::GetSpan;

use super::access::{Access, AccessKind, classify};
use crate::context::LintContext;

/// Methods that return a value stored in the container.
const ELEMENT_GETTERS: &[&str] = &["get", "find", "findLast", "at"];

/// Methods whose callback receives each stored value as its first argument.
const ELEMENT_CALLBACKS: &[&str] = &[
    "forEach", "map", "filter", "some", "every", "flatMap", "findIndex",
];

/// Methods (and `Object.*` functions) that list the stored values for a loop.
const LISTINGS: &[&str] = &["values", "entries"];

/// How many hops (calls, aliases, callbacks) a chain is followed.
const MAX_HOPS: u32 = 8;

/// The writes into values stored in the container whose accesses are given.
pub(super) fn element_writes<'a>(
    ctx: &LintContext<'_, 'a>,
    accesses: &[Access<'a>],
) -> Vec<Access<'a>> {
    let mut walk = Walk::default();
    for access in accesses {
        follow(ctx, access, &mut walk, 0);
    }
    walk.found
}

/// What a search has found, and the names it has already followed: each name once, so
/// that code full of aliases costs no more than its references.
#[derive(Default)]
struct Walk<'a> {
    found: Vec<Access<'a>>,
    followed: HashSet<SymbolId>,
}

/// Looks past an access that only reads, for a value of the container it hands on.
fn follow<'a>(
    ctx: &LintContext<'_, 'a>,
    access: &Access<'a>,
    walk: &mut Walk<'a>,
    hops: u32,
) {
    if hops > MAX_HOPS || access.is_write() {
        return;
    }
    let hops = hops + 1;
    match access.kind {
        AccessKind::Method => {
            let method = access.method().unwrap_or_default();
            if ELEMENT_GETTERS.contains(&method) {
                element_at(ctx, access.whole_node, false, walk, hops);
            } else if ELEMENT_CALLBACKS.contains(&method) {
                for (symbol, part) in callback_element(access.call_args) {
                    element_symbol(ctx, symbol, part, walk, hops);
                }
            } else if LISTINGS.contains(&method) {
                listing(ctx, access.whole_node, walk, hops);
            }
        }
        AccessKind::Read => {
            if !access.steps.is_empty() {
                // `rooms[id]`: a stored value, wherever it goes next.
                element_at(ctx, access.whole_node, false, walk, hops);
            } else {
                // The container itself handed on: to a name, a loop or `Object.values`.
                alias(ctx, access.whole_node, walk, hops);
                listing(ctx, access.whole_node, walk, hops);
                if let Some(call) = object_listing(ctx, access.whole_node) {
                    listing(ctx, call, walk, hops);
                    let next = classify(ctx, call);
                    if next.kind == AccessKind::Method
                        && ELEMENT_CALLBACKS.contains(&next.method().unwrap_or_default())
                    {
                        for (symbol, part) in callback_element(next.call_args) {
                            element_symbol(ctx, symbol, part, walk, hops);
                        }
                    }
                }
            }
        }
        _ => {}
    }
}

/// The expression at `node` is a value stored in the container, or (`part`) a value
/// one of them holds, which a write changes even without a step of its own.
fn element_at<'a>(
    ctx: &LintContext<'_, 'a>,
    node: NodeId,
    part: bool,
    walk: &mut Walk<'a>,
    hops: u32,
) {
    let next = classify(ctx, node);
    if next.is_write() && (part || !next.steps.is_empty()) {
        walk.found.push(next);
        return;
    }
    if next.steps.is_empty() && next.kind == AccessKind::Read {
        alias(ctx, next.whole_node, walk, hops);
        listing(ctx, next.whole_node, walk, hops);
    } else {
        follow(ctx, &next, walk, hops);
    }
}

/// Every use of a name that holds a stored value (or, `part`, a value one holds).
fn element_symbol<'a>(
    ctx: &LintContext<'_, 'a>,
    symbol: SymbolId,
    part: bool,
    walk: &mut Walk<'a>,
    hops: u32,
) {
    if ctx.semantic.scoping().symbol_is_mutated(symbol) {
        return; // it may hold something else by the time it is written
    }
    if !walk.followed.insert(symbol) {
        return;
    }
    for reference in ctx.semantic.symbol_references(symbol) {
        element_at(ctx, reference.node_id(), part, walk, hops);
    }
}

/// `const room = <node>`: the name holds the same value; `const { players } = <node>`:
/// each name holds a part of it.
fn alias<'a>(ctx: &LintContext<'_, 'a>, node: NodeId, walk: &mut Walk<'a>, hops: u32) {
    let nodes = ctx.semantic.nodes();
    let AstKind::VariableDeclarator(decl) = nodes.parent_kind(node) else {
        return;
    };
    let Some(init) = &decl.init else {
        return;
    };
    if init.get_inner_expression().span() != nodes.kind(node).span() {
        return;
    }
    for (symbol, part) in bound_symbols(&decl.id) {
        element_symbol(ctx, symbol, part, walk, hops);
    }
}

/// `for (const x of <node>)`: each `x`, or each part of `[key, value]`, is a stored value.
fn listing<'a>(ctx: &LintContext<'_, 'a>, node: NodeId, walk: &mut Walk<'a>, hops: u32) {
    let nodes = ctx.semantic.nodes();
    let AstKind::ForOfStatement(for_of) = nodes.parent_kind(node) else {
        return;
    };
    if for_of.right.span() != nodes.kind(node).span() {
        return;
    }
    let ForStatementLeft::VariableDeclaration(declaration) = &for_of.left else {
        return;
    };
    for declarator in &declaration.declarations {
        for (symbol, part) in bound_symbols(&declarator.id) {
            element_symbol(ctx, symbol, part, walk, hops);
        }
    }
}

/// `Object.values(<node>)` / `Object.entries(<node>)`: the call node.
fn object_listing(ctx: &LintContext<'_, '_>, node: NodeId) -> Option<NodeId> {
    let nodes = ctx.semantic.nodes();
    let parent = nodes.parent_node(node);
    let AstKind::CallExpression(call) = parent.kind() else {
        return None;
    };
    let member = call.callee.get_inner_expression().as_member_expression()?;
    let listed = ctx.resolve.is_global(member.object(), "Object")
        && member
            .static_property_name()
            .is_some_and(|m| LISTINGS.contains(&m));
    let first = call.arguments.first()?.as_expression()?;
    (listed && first.get_inner_expression().span() == nodes.kind(node).span()).then(|| parent.id())
}

/// The names the first parameter of a callback passed first binds: `(lobby) => …`,
/// `({ players }) => …` (see [`bound_symbols`]).
fn callback_element(args: &[Argument<'_>]) -> Vec<(SymbolId, bool)> {
    let params = match args.first().and_then(Argument::as_expression) {
        Some(expr) => match expr.get_inner_expression() {
            Expression::ArrowFunctionExpression(f) => &f.params,
            Expression::FunctionExpression(f) => &f.params,
            _ => return Vec::new(),
        },
        None => return Vec::new(),
    };
    params
        .items
        .first()
        .map(|first| bound_symbols(&first.pattern))
        .unwrap_or_default()
}

/// The names a variable binds from a stored value, each with whether it holds a part of
/// that value: `x` and each element of `[key, value]` hold a stored value; each name of
/// `{ players }` holds a part of one.
fn bound_symbols(pattern: &BindingPattern<'_>) -> Vec<(SymbolId, bool)> {
    let name = |pattern: &BindingPattern<'_>, part: bool| match pattern {
        BindingPattern::BindingIdentifier(id) => id.symbol_id.get().map(|s| (s, part)),
        _ => None,
    };
    match pattern {
        BindingPattern::BindingIdentifier(_) => name(pattern, false).into_iter().collect(),
        BindingPattern::ArrayPattern(array) => array
            .elements
            .iter()
            .flatten()
            .filter_map(|element| name(element, false))
            .collect(),
        BindingPattern::ObjectPattern(object) => object
            .properties
            .iter()
            .filter_map(|property| name(&property.value, true))
            .collect(),
        _ => Vec::new(),
    }
}
