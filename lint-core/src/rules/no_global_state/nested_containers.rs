//! Writes that reach into a container through the values it holds:
//! `lobbies.get(id).get('players').set(socket.id, name)`, `lobby.players.delete(id)` inside
//! `lobbies.forEach((lobby) => …)`, `const room = rooms[id]; room.users.push(user)`.
//!
//! The object a `get`, `find` or `[key]` returns, a callback's element and a loop variable
//! are the very objects stored in the container, not copies: changing them changes the
//! state the container keeps for the whole process.

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
                element_at(ctx, access.whole_node, walk, hops);
            } else if ELEMENT_CALLBACKS.contains(&method) {
                if let Some(symbol) = callback_element(access.call_args) {
                    element_symbol(ctx, symbol, walk, hops);
                }
            } else if LISTINGS.contains(&method) {
                listing(ctx, access.whole_node, walk, hops);
            }
        }
        AccessKind::Read => {
            if !access.steps.is_empty() {
                // `rooms[id]`: a stored value, wherever it goes next.
                element_at(ctx, access.whole_node, walk, hops);
            } else {
                // The container itself handed on: to a name, a loop or `Object.values`.
                alias(ctx, access.whole_node, walk, hops);
                listing(ctx, access.whole_node, walk, hops);
                if let Some(call) = object_listing(ctx, access.whole_node) {
                    listing(ctx, call, walk, hops);
                    let next = classify(ctx, call);
                    if next.kind == AccessKind::Method
                        && ELEMENT_CALLBACKS.contains(&next.method().unwrap_or_default())
                        && let Some(symbol) = callback_element(next.call_args)
                    {
                        element_symbol(ctx, symbol, walk, hops);
                    }
                }
            }
        }
        _ => {}
    }
}

/// The expression at `node` is a value stored in the container.
fn element_at<'a>(
    ctx: &LintContext<'_, 'a>,
    node: NodeId,
    walk: &mut Walk<'a>,
    hops: u32,
) {
    let next = classify(ctx, node);
    if next.is_write() && !next.steps.is_empty() {
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

/// Every use of a name that holds a stored value.
fn element_symbol<'a>(
    ctx: &LintContext<'_, 'a>,
    symbol: SymbolId,
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
        element_at(ctx, reference.node_id(), walk, hops);
    }
}

/// `const room = <node>`: the name holds the same value.
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
    if let BindingPattern::BindingIdentifier(id) = &decl.id
        && let Some(symbol) = id.symbol_id.get()
    {
        element_symbol(ctx, symbol, walk, hops);
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
        for symbol in bound_symbols(&declarator.id) {
            element_symbol(ctx, symbol, walk, hops);
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

/// The first parameter of a callback passed first: `(lobby) => …`.
fn callback_element(args: &[Argument<'_>]) -> Option<SymbolId> {
    let params = match args.first()?.as_expression()?.get_inner_expression() {
        Expression::ArrowFunctionExpression(f) => &f.params,
        Expression::FunctionExpression(f) => &f.params,
        _ => return None,
    };
    match &params.items.first()?.pattern {
        BindingPattern::BindingIdentifier(id) => id.symbol_id.get(),
        _ => None,
    }
}

/// The names a loop variable binds: `x`, or each element of `[key, value]`.
fn bound_symbols(pattern: &BindingPattern<'_>) -> Vec<SymbolId> {
    match pattern {
        BindingPattern::BindingIdentifier(id) => id.symbol_id.get().into_iter().collect(),
        BindingPattern::ArrayPattern(array) => array
            .elements
            .iter()
            .flatten()
            .filter_map(|element| match element {
                BindingPattern::BindingIdentifier(id) => id.symbol_id.get(),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    }
}
