//! The lost update: state already in Redis, read in a handler, changed in the process and
//! written back (`const n = await redis.get(k); await redis.set(k, Number(n) + 1)`).
//!
//! Two requests that run at once both read the same value and both write back value + 1:
//! one update is gone. Moving state out of the process does not fix that; letting Redis
//! change the value in one command (`INCR`, `INCRBY`, `HINCRBY`) does.

use oxc_ast::{
    AstKind,
    ast::{BindingPattern, CallExpression, Expression},
};
use oxc_semantic::{NodeId, SymbolId};
use oxc_span::{GetSpan, Span};

use super::{
    RULE,
    updates::{Delta, binary_delta, number_read},
};
use crate::{
    context::LintContext,
    diagnostic::{Diagnostic, Failure, Rewrite, Severity, StateInfo, StateKind, StateLocation},
    resolve::{CALL, NEW},
    rules::{finding, rewrite_builder::RewriteBuilder},
};

/// Packages whose clients this check knows, and how each spells its commands.
const NODE_REDIS: &[&str] = &["redis", "@redis/client"];
const IOREDIS: &[&str] = &["ioredis"];

/// Which client a call goes through: node-redis spells commands in camelCase (`hIncrBy`),
/// ioredis in lower case (`hincrby`).
#[derive(Clone, Copy, PartialEq)]
enum Client {
    NodeRedis,
    Ioredis,
}

impl Client {
    fn of(ctx: &LintContext<'_, '_>, receiver: &Expression<'_>) -> Option<Self> {
        let origin = ctx.origin(receiver)?;
        let instance = origin
            .steps
            .iter()
            .any(|s| s.as_str() == CALL || s.as_str() == NEW);
        if !instance {
            None
        } else if origin.is_from_any(NODE_REDIS) {
            Some(Self::NodeRedis)
        } else if origin.is_from_any(IOREDIS) {
            Some(Self::Ioredis)
        } else {
            None
        }
    }

    fn spell(self, camel: &str) -> String {
        match self {
            Self::NodeRedis => camel.to_string(),
            Self::Ioredis => camel.to_ascii_lowercase(),
        }
    }
}

/// A write that puts back a value computed from a read of the same key (and field).
struct WriteBack<'a> {
    client: Client,
    /// The `set`/`hSet` call.
    write: &'a CallExpression<'a>,
    write_node: NodeId,
    /// The `get`/`hGet` call it read.
    read: Span,
    key: &'a Expression<'a>,
    field: Option<&'a Expression<'a>>,
    /// The variable holding the value read, if any: `const n = await redis.get(k)`.
    read_var: Option<SymbolId>,
    /// The variable holding the new value, if the write stores one: `await redis.set(k, next)`.
    new_var: Option<SymbolId>,
    /// The change, when the new value is the old one plus or minus an amount.
    delta: Option<Delta>,
}

pub(super) fn find(ctx: &LintContext<'_, '_>) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    for node in ctx.semantic.nodes().iter() {
        let AstKind::CallExpression(call) = node.kind() else {
            continue;
        };
        if ctx.enclosing_handler(node.id()).is_none() {
            continue;
        }
        if let Some(write_back) = write_back(ctx, call, node.id()) {
            found.push(report(ctx, &write_back));
        }
    }
    found
}

/// `client.set(key, value)` or `client.hSet(key, field, value)` whose value comes from a
/// `get`/`hGet` of the same key and field earlier in the same function.
fn write_back<'a>(
    ctx: &LintContext<'_, 'a>,
    call: &'a CallExpression<'a>,
    node: NodeId,
) -> Option<WriteBack<'a>> {
    let member = call.callee.get_inner_expression().as_member_expression()?;
    let method = member.static_property_name()?;
    let client = Client::of(ctx, member.object())?;
    let args: Vec<&'a Expression<'a>> = call
        .arguments
        .iter()
        .map(|a| a.as_expression())
        .collect::<Option<_>>()?;
    let (key, field, value, read_method) = match (method, args.as_slice()) {
        ("set", [key, value, ..]) => (*key, None, *value, "get"),
        ("hSet" | "hset", [key, field, value]) => (*key, Some(*field), *value, "hGet"),
        _ => return None,
    };
    let receiver = ctx.text(member.object().span());
    let function = enclosing_function(ctx, node)?;
    // The read: a `get` of the same key (and field) on the same client, before the write.
    let is_read = |expr: &Expression<'a>| -> Option<Span> {
        let mut inner = number_read(ctx, expr);
        if let Expression::AwaitExpression(awaited) = inner {
            inner = number_read(ctx, &awaited.argument);
        }
        let Expression::CallExpression(read) = inner else {
            return None;
        };
        let read_member = read.callee.get_inner_expression().as_member_expression()?;
        let same_method = read_member
            .static_property_name()
            .is_some_and(|m| m == read_method || m == read_method.to_ascii_lowercase());
        let same_place = match (read.arguments.as_slice(), field) {
            ([k], None) => ctx.text(k.span()) == ctx.text(key.span()),
            ([k, f], Some(field)) => {
                ctx.text(k.span()) == ctx.text(key.span())
                    && ctx.text(f.span()) == ctx.text(field.span())
            }
            _ => false,
        };
        (same_method
            && same_place
            && ctx.text(read_member.object().span()) == receiver
            && read.span.end <= call.span.end)
            .then_some(read.span)
    };
    // A local of this function, declared before the write, holding the value read (or a
    // value computed from it).
    let local_init = |expr: &Expression<'a>| -> Option<(SymbolId, &'a Expression<'a>)> {
        let symbol = ctx.resolve.symbol_of(expr)?;
        let decl = ctx.semantic.scoping().symbol_declaration(symbol);
        let AstKind::VariableDeclarator(declarator) = ctx.semantic.nodes().kind(decl) else {
            return None;
        };
        let init = declarator.init.as_ref()?;
        let same_function = enclosing_function(ctx, decl) == Some(function);
        (same_function && declarator.span.end <= call.span.start).then_some((symbol, init))
    };
    let read_var_of = |expr: &Expression<'a>| -> Option<(SymbolId, Span)> {
        let (symbol, init) = local_init(number_read(ctx, expr))?;
        Some((symbol, is_read(init)?))
    };
    // The new value, directly or through one local (`const next = n + 1`).
    let (new_var, new_value) = match local_init(value) {
        Some((symbol, init)) if read_var_of(value).is_none() => (Some(symbol), init),
        _ => (None, value),
    };
    let mut read: Option<Span> = None;
    let mut read_var: Option<SymbolId> = None;
    let is_target = |expr: &Expression<'a>| is_read(expr).is_some() || read_var_of(expr).is_some();
    let delta = binary_delta(ctx, new_value, &is_target);
    // Which read it is: searched in the new value's parts.
    for part in parts(new_value) {
        if let Some(span) = is_read(part) {
            read = Some(span);
            break;
        }
        if let Some((symbol, span)) = read_var_of(part) {
            read = Some(span);
            read_var = Some(symbol);
            break;
        }
    }
    Some(WriteBack {
        client,
        write: call,
        write_node: node,
        read: read?,
        key,
        field,
        read_var,
        new_var,
        delta,
    })
}

/// The sub-expressions of `expr` a read can hide in.
fn parts<'e, 'a>(expr: &'e Expression<'a>) -> Vec<&'e Expression<'a>> {
    let mut out = vec![expr];
    let mut index = 0;
    while index < out.len() && out.len() < 64 {
        let current = out[index];
        index += 1;
        match current.get_inner_expression() {
            Expression::BinaryExpression(b) => out.extend([&b.left, &b.right]),
            Expression::LogicalExpression(l) => out.extend([&l.left, &l.right]),
            Expression::ConditionalExpression(c) => {
                out.extend([&c.test, &c.consequent, &c.alternate]);
            }
            Expression::UnaryExpression(u) => out.push(&u.argument),
            Expression::AwaitExpression(a) => out.push(&a.argument),
            Expression::CallExpression(c) => {
                out.extend(c.arguments.iter().filter_map(|a| a.as_expression()));
            }
            Expression::ArrayExpression(array) => out.extend(
                array
                    .elements
                    .iter()
                    .filter_map(|e| e.as_expression().or_else(|| spread_of(e))),
            ),
            Expression::TemplateLiteral(t) => out.extend(t.expressions.iter()),
            Expression::ObjectExpression(o) => {
                for property in &o.properties {
                    match property {
                        oxc_ast::ast::ObjectPropertyKind::ObjectProperty(p) => out.push(&p.value),
                        oxc_ast::ast::ObjectPropertyKind::SpreadProperty(s) => {
                            out.push(&s.argument);
                        }
                    }
                }
            }
            _ => {}
        }
    }
    out
}

fn spread_of<'e, 'a>(
    element: &'e oxc_ast::ast::ArrayExpressionElement<'a>,
) -> Option<&'e Expression<'a>> {
    match element {
        oxc_ast::ast::ArrayExpressionElement::SpreadElement(s) => Some(&s.argument),
        _ => None,
    }
}

fn enclosing_function(ctx: &LintContext<'_, '_>, node: NodeId) -> Option<NodeId> {
    ctx.semantic
        .nodes()
        .ancestors(node)
        .find(|n| n.kind().is_function_like())
        .map(|n| n.id())
}

fn name_of(ctx: &LintContext<'_, '_>, key: &Expression<'_>) -> String {
    crate::resolve::string_value(key)
        .map_or_else(|| ctx.text(key.span()).to_string(), str::to_string)
}

fn report(ctx: &LintContext<'_, '_>, found: &WriteBack<'_>) -> Diagnostic {
    let name = name_of(ctx, found.key);
    let kind = if found.delta.is_some() {
        StateKind::Counter
    } else {
        StateKind::Collection
    };
    let routes = ctx.routes_at(found.write_node);
    let info = StateInfo {
        location: StateLocation::BackingService,
        kind,
        name: name.clone(),
        routes: routes.clone(),
    };
    let what = match found.field {
        Some(field) => format!("`{name}` field `{}`", ctx.text(field.span())),
        None => format!("`{name}`"),
    };
    let message = format!(
        "{what} is read from Redis, changed here and written back: two requests at the same \
         moment read the same value, and one of their updates is lost."
    );
    let mut diagnostic = finding(ctx, RULE, found.write.span, message, info);
    diagnostic.severity = Severity::Warning;
    diagnostic.failures = vec![Failure::LostUpdate];
    let mut labels = vec![
        ctx.label(found.read, "read here"),
        ctx.label(
            found.write.span,
            "written back here, after other requests may have changed it",
        ),
    ];
    for route in &routes {
        labels.push(ctx.label(found.write.span, format!("while serving {route}")));
    }
    diagnostic.labels = labels;
    diagnostic.help = Some(match kind {
        StateKind::Counter => "Let Redis make the change in one step: `INCR`/`INCRBY` (or \
            `HINCRBY` for a hash field) adds to the stored value atomically and answers the \
            new value; use that answer rather than a copy read earlier."
            .to_string(),
        _ => "Change the value inside Redis with one command instead of rewriting it whole: \
              `RPUSH`/`SADD`/`HSET` for one item or field, or a `MULTI` transaction guarded \
              by `WATCH` when several values must change together."
            .to_string(),
    });
    diagnostic.rewrites = atomic_rewrite(ctx, found, &name).into_iter().collect();
    diagnostic
}

/// The statement a call is (`await client.set(…);` or `client.set(…);`), if it is one.
fn call_statement(ctx: &LintContext<'_, '_>, node: NodeId) -> Option<Span> {
    let nodes = ctx.semantic.nodes();
    let mut id = nodes.parent_id(node);
    if matches!(nodes.kind(id), AstKind::AwaitExpression(_)) {
        id = nodes.parent_id(id);
    }
    match nodes.kind(id) {
        AstKind::ExpressionStatement(s) => Some(s.span),
        _ => None,
    }
}

/// The `const x = …;` statement declaring `symbol` alone, and its initialiser.
fn declaration<'a>(
    ctx: &LintContext<'_, 'a>,
    symbol: SymbolId,
) -> Option<(Span, &'a Expression<'a>)> {
    let nodes = ctx.semantic.nodes();
    let decl = ctx.semantic.scoping().symbol_declaration(symbol);
    let AstKind::VariableDeclarator(declarator) = nodes.kind(decl) else {
        return None;
    };
    let BindingPattern::BindingIdentifier(_) = &declarator.id else {
        return None;
    };
    let AstKind::VariableDeclaration(statement) = nodes.parent_kind(decl) else {
        return None;
    };
    (statement.declarations.len() == 1).then_some((statement.span, declarator.init.as_ref()?))
}

/// Whether every reference to `symbol` lies inside `span`.
fn only_used_in(ctx: &LintContext<'_, '_>, symbol: SymbolId, span: Span) -> bool {
    ctx.semantic.symbol_references(symbol).all(|r| {
        let at = ctx.semantic.nodes().kind(r.node_id()).span();
        span.start <= at.start && at.end <= span.end
    })
}

/// The read-modify-write replaced by the atomic command, whose answer takes the place of
/// the value computed in the process.
fn atomic_rewrite(ctx: &LintContext<'_, '_>, found: &WriteBack<'_>, name: &str) -> Option<Rewrite> {
    let delta = found.delta.as_ref()?;
    let write_statement = call_statement(ctx, found.write_node)?;
    let member = found
        .write
        .callee
        .get_inner_expression()
        .as_member_expression()?;
    let receiver = ctx.text(member.object().span());
    let key = ctx.text(found.key.span());
    let text = |span: Span| ctx.text(span).to_string();
    let command = match found.field {
        Some(field) => {
            let field = match field.get_inner_expression() {
                Expression::StringLiteral(_) | Expression::TemplateLiteral(_) => text(field.span()),
                _ => format!("String({})", text(field.span())),
            };
            let amount = delta.signed(&text);
            format!(
                "{receiver}.{}({key}, {field}, {amount})",
                found.client.spell("hIncrBy")
            )
        }
        None => {
            let amount = delta.amount.map(text);
            let (one, by) = if delta.negative {
                ("decr", "decrBy")
            } else {
                ("incr", "incrBy")
            };
            match amount {
                Some(amount) if amount != "1" => {
                    format!("{receiver}.{}({key}, {amount})", found.client.spell(by))
                }
                _ => format!("{receiver}.{}({key})", found.client.spell(one)),
            }
        }
    };
    let title = if found.field.is_some() {
        format!("Update `{name}` in one atomic HINCRBY")
    } else {
        format!("Update `{name}` in one atomic INCR")
    };
    let mut builder = RewriteBuilder::new(title);
    // The value read is needed only to compute the new one: both go.
    let read_only_for_update = |region: Span| {
        found
            .read_var
            .is_none_or(|symbol| only_used_in(ctx, symbol, region))
    };
    let remove_read = |builder: &mut RewriteBuilder| -> Option<()> {
        if let Some(symbol) = found.read_var {
            let (statement, _) = declaration(ctx, symbol)?;
            builder.remove_statement(ctx, statement);
        }
        Some(())
    };
    match found.new_var {
        // `const next = n + 1; await redis.set(k, next)`: `next` becomes the answer.
        Some(new_var) => {
            let (_, init) = declaration(ctx, new_var)?;
            if read_only_for_update(init.span()) {
                builder.replace(init.span(), format!("await {command}"));
                builder.remove_statement(ctx, write_statement);
                remove_read(&mut builder)?;
            } else {
                read_becomes_old_value(ctx, found, &command, delta, &mut builder)?;
                builder.remove_statement(ctx, write_statement);
            }
        }
        // `await redis.set(k, Number(n) + 1)`: the write becomes the atomic command.
        None => {
            if read_only_for_update(found.write.span) {
                builder.replace(found.write.span, command);
                remove_read(&mut builder)?;
            } else {
                read_becomes_old_value(ctx, found, &command, delta, &mut builder)?;
                builder.remove_statement(ctx, write_statement);
            }
        }
    }
    Some(builder.build(ctx))
}

/// When the handler uses the value read for more than the update, the read itself becomes
/// the atomic command, minus the change: the value just before this request's update.
fn read_becomes_old_value(
    ctx: &LintContext<'_, '_>,
    found: &WriteBack<'_>,
    command: &str,
    delta: &Delta,
    builder: &mut RewriteBuilder,
) -> Option<()> {
    // The amount must be known where the read is: a plain number.
    let amount = match delta.amount {
        None => "1".to_string(),
        Some(span) => {
            let text = ctx.text(span);
            text.parse::<i64>().ok()?;
            text.to_string()
        }
    };
    let sign = if delta.negative { '+' } else { '-' };
    let nodes = ctx.semantic.nodes();
    // The `await` around the read, replaced whole.
    let read_node = nodes
        .iter()
        .find(|n| matches!(n.kind(), AstKind::CallExpression(c) if c.span == found.read))?;
    let AstKind::AwaitExpression(awaited) = nodes.parent_kind(read_node.id()) else {
        return None;
    };
    let value = format!("(await {command}) {sign} {amount}");
    let bare = match nodes.parent_kind(read_node.id()) {
        AstKind::AwaitExpression(_) => match nodes.parent_kind(nodes.parent_id(read_node.id())) {
            AstKind::VariableDeclarator(_) | AstKind::ParenthesizedExpression(_) => true,
            AstKind::CallExpression(c) => c.callee.span() != awaited.span,
            _ => false,
        },
        _ => false,
    };
    builder.replace(
        awaited.span,
        if bare { value } else { format!("({value})") },
    );
    Some(())
}
