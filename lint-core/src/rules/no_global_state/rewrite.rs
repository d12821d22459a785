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
        Argument, AssignmentOperator, BinaryOperator, BindingPattern, Expression, LogicalOperator,
        UnaryOperator, UpdateOperator,
    },
};
use oxc_semantic::NodeId;
use oxc_span::{GetSpan, Span};

use super::{
    Holds, State,
    access::{Access, AccessKind, MUTATORS, Step},
};
use crate::{
    context::LintContext,
    diagnostic::StateKind,
    rules::rewrite::{REDIS_CLIENT, REDIS_CLIENT_SETUP, RewriteBuilder, async_point},
};

pub(super) fn rewrites(ctx: &LintContext<'_, '_>, state: &State<'_>) -> Vec<crate::Rewrite> {
    let mut out = Vec::new();
    if state.kind == StateKind::RequestContext {
        out.extend(res_locals_rewrite(ctx, state));
    } else if state.movable {
        out.extend(redis_rewrite(ctx, state));
    }
    out
}

const R: &str = "redisClient";

// ----- reading updates -----

/// `x`, `(x)`, `x || 0`, `x ?? 0`, `Number(x)`, `parseInt(x, 10)`, `+x`: the value read,
/// under the wrappers that turn a missing value into zero or text into a number.
pub(super) fn number_read<'e, 'a>(
    ctx: &LintContext<'_, 'a>,
    mut expr: &'e Expression<'a>,
) -> &'e Expression<'a> {
    for _ in 0..8 {
        expr = match expr.get_inner_expression() {
            Expression::LogicalExpression(l)
                if matches!(l.operator, LogicalOperator::Or | LogicalOperator::Coalesce)
                    && is_zero(&l.right) =>
            {
                &l.left
            }
            Expression::CallExpression(c)
                if ["Number", "parseInt", "parseFloat"]
                    .iter()
                    .any(|name| ctx.resolve.is_global(&c.callee, name)) =>
            {
                match c.arguments.first().and_then(Argument::as_expression) {
                    Some(arg) => arg,
                    None => return expr,
                }
            }
            Expression::UnaryExpression(u) if u.operator == UnaryOperator::UnaryPlus => &u.argument,
            inner => return inner,
        };
    }
    expr.get_inner_expression()
}

fn is_zero(expr: &Expression<'_>) -> bool {
    matches!(expr.get_inner_expression(), Expression::NumericLiteral(n) if n.value == 0.0)
}

fn is_text(expr: &Expression<'_>) -> bool {
    matches!(
        expr.get_inner_expression(),
        Expression::StringLiteral(_) | Expression::TemplateLiteral(_)
    )
}

/// How an update changes a number: by `amount`, added or taken away.
pub(super) struct Delta {
    /// The source span of the amount; `None` for `++`/`--`.
    pub amount: Option<Span>,
    pub negative: bool,
}

impl Delta {
    /// The amount as text, negated when it is taken away.
    pub(super) fn signed(&self, text: &dyn Fn(Span) -> String) -> String {
        let amount = self.amount.map_or_else(|| "1".to_string(), text);
        if !self.negative {
            amount
        } else if amount.chars().all(|c| c.is_ascii_digit()) {
            format!("-{amount}")
        } else {
            format!("-({amount})")
        }
    }

    /// `incr`/`decr` for one, `incrBy`/`decrBy` otherwise.
    fn command(&self, key: &str, text: &dyn Fn(Span) -> String) -> String {
        let (one, by) = if self.negative {
            ("decr", "decrBy")
        } else {
            ("incr", "incrBy")
        };
        match self.amount.map(text) {
            Some(amount) if amount != "1" => format!("await {R}.{by}({key}, {amount})"),
            _ => format!("await {R}.{one}({key})"),
        }
    }
}

/// `target + amount`, `amount + target` or `target - amount`, where `target` is the value
/// read (see [`number_read`]) and `is_target` recognises it.
pub(super) fn binary_delta<'a>(
    ctx: &LintContext<'_, 'a>,
    value: &Expression<'a>,
    is_target: &dyn Fn(&Expression<'a>) -> bool,
) -> Option<Delta> {
    let Expression::BinaryExpression(b) = value.get_inner_expression() else {
        return None;
    };
    let target = |e: &Expression<'a>| is_target(number_read(ctx, e));
    match b.operator {
        BinaryOperator::Addition if target(&b.left) && !is_text(&b.right) => Some(Delta {
            amount: Some(b.right.span()),
            negative: false,
        }),
        BinaryOperator::Addition if target(&b.right) && !is_text(&b.left) => Some(Delta {
            amount: Some(b.left.span()),
            negative: false,
        }),
        BinaryOperator::Subtraction if target(&b.left) => Some(Delta {
            amount: Some(b.right.span()),
            negative: true,
        }),
        _ => None,
    }
}

/// The change an access makes to a number it reads, if it is one: `x++`, `x += n`,
/// `x = x + n`, `x = (x || 0) + n`.
fn access_delta<'a>(ctx: &LintContext<'_, 'a>, access: &Access<'a>, target: Span) -> Option<Delta> {
    match access.kind {
        AccessKind::Update(op) => Some(Delta {
            amount: None,
            negative: op == UpdateOperator::Decrement,
        }),
        AccessKind::Compound(AssignmentOperator::Addition) if !is_text(access.rhs?) => {
            Some(Delta {
                amount: Some(access.rhs?.span()),
                negative: false,
            })
        }
        AccessKind::Compound(AssignmentOperator::Subtraction) => Some(Delta {
            amount: Some(access.rhs?.span()),
            negative: true,
        }),
        AccessKind::Assign => {
            let own = ctx.text(target);
            binary_delta(ctx, access.rhs?, &|e| ctx.text(e.span()) == own)
        }
        _ => None,
    }
}

/// `x++` gives the value before the change; `++x`, `x += n` and `x = x + n` the one after.
fn gives_old_value(access: &Access<'_>, ctx: &LintContext<'_, '_>) -> Option<i64> {
    let AccessKind::Update(op) = access.kind else {
        return None;
    };
    let AstKind::UpdateExpression(u) = ctx.semantic.nodes().kind(access.whole_node) else {
        return None;
    };
    if u.prefix {
        None
    } else if op == UpdateOperator::Increment {
        Some(-1)
    } else {
        Some(1)
    }
}

/// `command` (an awaited call) plus `offset`, in place of the expression doing the access:
/// in parentheses unless where it stands needs none.
fn in_place(ctx: &LintContext<'_, '_>, access: &Access<'_>, command: &str, offset: i64) -> String {
    let value = if offset == 0 {
        command.to_string()
    } else {
        plus(&format!("({command})"), offset)
    };
    let bare = match ctx.semantic.nodes().parent_kind(access.whole_node) {
        AstKind::ParenthesizedExpression(_)
        | AstKind::VariableDeclarator(_)
        | AstKind::ObjectProperty(_)
        | AstKind::ReturnStatement(_)
        | AstKind::TemplateLiteral(_)
        | AstKind::ArrayExpression(_) => true,
        AstKind::CallExpression(call) => call.callee.span() != access.whole,
        _ => false,
    };
    if bare { value } else { format!("({value})") }
}

/// The span of a statement with its line, when it stands alone on that line, so that
/// removing it leaves no blank line behind.
pub(super) fn whole_line(ctx: &LintContext<'_, '_>, statement: Span) -> Span {
    let source = ctx.source();
    let (start, end) = (statement.start as usize, statement.end as usize);
    let line_start = source[..start].rfind('\n').map_or(0, |i| i + 1);
    let rest = &source[end..];
    let line_end = rest.find('\n').map(|i| end + i + 1);
    match line_end {
        Some(line_end)
            if source[line_start..start].trim().is_empty()
                && source[end..line_end].trim().is_empty() =>
        {
            Span::new(line_start as u32, line_end as u32)
        }
        _ => statement,
    }
}

/// `value` plus a whole number, as text.
fn plus(value: &str, offset: i64) -> String {
    match offset {
        0 => value.to_string(),
        n if n > 0 => format!("{value} + {n}"),
        n => format!("{value} - {}", -n),
    }
}

// ----- where an update's answer can be kept -----

/// An access that is a statement of its own, directly in a block or function body.
struct OwnStatement {
    statement: Span,
    block: Span,
}

fn own_statement(ctx: &LintContext<'_, '_>, access: &Access<'_>) -> Option<OwnStatement> {
    let nodes = ctx.semantic.nodes();
    let statement = nodes.parent_node(access.whole_node);
    let AstKind::ExpressionStatement(s) = statement.kind() else {
        return None;
    };
    let block = match nodes.parent_kind(statement.id()) {
        AstKind::BlockStatement(b) => b.span,
        AstKind::FunctionBody(b) => b.span,
        _ => return None,
    };
    Some(OwnStatement {
        statement: s.span,
        block,
    })
}

/// Whether the value of the expression doing the access is used (`f(x++)`), or it is a
/// statement of its own (`x++;`).
fn value_used(ctx: &LintContext<'_, '_>, access: &Access<'_>) -> bool {
    let nodes = ctx.semantic.nodes();
    let mut id = access.whole_node;
    loop {
        let parent = nodes.parent_node(id);
        match parent.kind() {
            AstKind::ParenthesizedExpression(_) => id = parent.id(),
            AstKind::ExpressionStatement(_) => return false,
            _ => return true,
        }
    }
}

/// A write turned into `const local = await <atomic command>;`, so the reads after it in
/// its block use the answer of that command instead of reading again.
struct Declaring {
    write: Span,
    statement: Span,
    block: Span,
    local: String,
    /// For an object field, the text of the field access (`counts[k]`) its reads repeat.
    field: Option<String>,
}

impl Declaring {
    fn covers(&self, span: Span) -> bool {
        span.start >= self.statement.end && span.end <= self.block.end
    }
}

fn contains(outer: Span, inner: Span) -> bool {
    outer.start <= inner.start && inner.end <= outer.end
}

fn capitalised(name: &str) -> String {
    let mut chars = name.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// Everything a Redis rewrite of one state decides before rewriting its accesses.
struct Plan<'p, 'a> {
    ctx: &'p LintContext<'p, 'a>,
    holds: Holds,
    name: String,
    key: String,
    start: i64,
    /// An object of objects: `votes[poll][option]`, one Redis hash per outer key.
    nested: bool,
    declaring: Vec<Declaring>,
}

impl<'p, 'a> Plan<'p, 'a> {
    fn new(ctx: &'p LintContext<'p, 'a>, state: &State<'a>) -> Self {
        let name = state
            .name
            .rsplit('.')
            .next()
            .unwrap_or(&state.name)
            .to_string();
        let nested =
            state.holds == Holds::Object && state.accesses.iter().any(|a| a.steps.len() == 2);
        let mut plan = Self {
            ctx,
            holds: state.holds,
            key: format!("'{name}'"),
            name,
            start: state.start,
            nested,
            declaring: Vec::new(),
        };
        plan.declaring = plan.declarations(state);
        plan
    }

    /// The span an access's value is read at: the variable, or the field access.
    fn target(&self, access: &Access<'_>) -> Option<Span> {
        match access.steps.as_slice() {
            [] if self.holds == Holds::Number => Some(access.base),
            [field] if self.holds == Holds::Object && !self.nested => Some(field.span),
            [_, field] if self.nested => Some(field.span),
            [length]
                if self.holds == Holds::Array
                    && access.kind == AccessKind::Read
                    && length.name.as_deref() == Some("length") =>
            {
                Some(length.span)
            }
            _ => None,
        }
    }

    /// Writes whose answer later reads in the same block can use.
    fn declarations(&self, state: &State<'a>) -> Vec<Declaring> {
        let ctx = self.ctx;
        let mut found: Vec<Declaring> = Vec::new();
        for write in &state.writes {
            // What later reads repeat: the variable, the field access, or the list's length
            // (RPUSH and LPUSH answer the new length, as push and unshift do).
            let (read_text, field) = if self.holds == Holds::Array {
                let pushes = matches!(write.method(), Some("push" | "unshift"))
                    && write.call_args.len() == 1;
                if !pushes {
                    continue;
                }
                let length = format!("{}.length", ctx.text(write.base));
                (length.clone(), Some(length))
            } else {
                let Some(target) = self.target(write) else {
                    continue;
                };
                let counter = access_delta(ctx, write, target).is_some();
                let number_set = self.holds == Holds::Number && write.kind == AccessKind::Assign;
                if !(counter || number_set) {
                    continue;
                }
                let text = ctx.text(target).to_string();
                let field = (self.holds != Holds::Number).then(|| text.clone());
                (text, field)
            };
            let Some(own) = own_statement(ctx, write) else {
                continue;
            };
            // Another write in the block would assign to the constant.
            let alone = state
                .writes
                .iter()
                .all(|w| w.whole == write.whole || !contains(own.block, w.whole));
            if !alone {
                continue;
            }
            let local = match (&field, self.holds) {
                (None, _) => self.name.clone(),
                (Some(_), Holds::Array) => format!("{}Length", self.name),
                (Some(_), _) => format!("updated{}", capitalised(&self.name)),
            };
            let declaring = Declaring {
                write: write.whole,
                statement: own.statement,
                block: own.block,
                local,
                field,
            };
            let read_later = state.accesses.iter().any(|a| {
                a.kind == AccessKind::Read
                    && declaring.covers(a.whole)
                    && self.target(a).map(|t| ctx.text(t)) == Some(read_text.as_str())
            });
            if read_later {
                found.push(declaring);
            }
        }
        // One constant of a name per block.
        let blocks: Vec<(Span, String)> =
            found.iter().map(|d| (d.block, d.local.clone())).collect();
        found.retain(|d| {
            blocks
                .iter()
                .filter(|(b, l)| *b == d.block && *l == d.local)
                .count()
                == 1
        });
        found
    }

    /// The declaration a read uses instead of asking Redis again, if any.
    fn covering(&self, access: &Access<'_>) -> Option<&Declaring> {
        let text = self.target(access).map(|t| self.ctx.text(t));
        let same = |d: &Declaring| match &d.field {
            None => self.holds == Holds::Number,
            Some(field) => Some(field.as_str()) == text,
        };
        let covering = self
            .declaring
            .iter()
            .find(|d| same(d) && d.covers(access.whole))?;
        // A constant of the same name declared later in an enclosing block would shadow
        // the earlier one here, before it holds a value.
        let shadowed = self.declaring.iter().any(|d| {
            d.local == covering.local
                && contains(d.block, access.whole)
                && access.whole.start < d.statement.end
        });
        (!shadowed).then_some(covering)
    }

    fn declaring_write(&self, access: &Access<'_>) -> Option<&Declaring> {
        self.declaring.iter().find(|d| d.write == access.whole)
    }

    /// The hash key and field of a field access.
    fn hash(&self, access: &Access<'_>, text: &dyn Fn(Span) -> String) -> Option<(String, String)> {
        match access.steps.as_slice() {
            [field] if !self.nested => Some((self.key.clone(), field_text(field, text)?)),
            [outer, field] if self.nested => {
                Some((self.nested_key(outer, text)?, field_text(field, text)?))
            }
            _ => None,
        }
    }

    /// `votes[poll]` lives in the hash `votes:<poll>`.
    fn nested_key(&self, outer: &Step, text: &dyn Fn(Span) -> String) -> Option<String> {
        let name = &self.name;
        match (&outer.key, &outer.name) {
            (_, Some(literal)) if !literal.contains(['`', '$', '\\', '\'']) => {
                Some(format!("'{name}:{literal}'"))
            }
            (Some(key), _) => Some(format!("`{name}:${{{}}}`", text(*key))),
            _ => None,
        }
    }
}

/// A hash field as node-redis needs it: text. `'name'` for `.name`, `String(key)` for a
/// computed key that is not already text.
fn field_text(step: &Step, text: &dyn Fn(Span) -> String) -> Option<String> {
    match (&step.key, &step.name) {
        (Some(key), Some(literal)) if !literal.contains(['\'', '\\']) => {
            let _ = key;
            Some(format!("'{literal}'"))
        }
        (Some(key), _) => Some(format!("String({})", text(*key))),
        (None, Some(name)) => Some(format!("'{name}'")),
        _ => None,
    }
}

/// Every field of a hash, each parsed back from the JSON text it is stored as.
fn hash_object(key: &str) -> String {
    format!(
        "Object.fromEntries(Object.entries(await {R}.hGetAll({key})).map(([field, value]) => [field, JSON.parse(value)]))"
    )
}

/// The replacement for one access when the state moves to Redis, given the text of a span
/// with inner replacements applied. `Some((span, same text))` keeps the access as it is.
fn redis_access(
    plan: &Plan<'_, '_>,
    access: &Access<'_>,
    text: &dyn Fn(Span) -> String,
) -> Option<(Span, String)> {
    let ctx = plan.ctx;
    let rhs = || access.rhs.map(|e| text(e.span()));
    let arg = |i: usize| {
        access
            .call_args
            .get(i)
            .and_then(Argument::as_expression)
            .map(|e| text(e.span()))
    };
    let key = plan.key.as_str();
    let whole = access.whole;
    let base = access.base;
    let steps: Vec<Option<&str>> = access.steps.iter().map(|s| s.name.as_deref()).collect();
    let kind = access.kind;
    let replace_whole = |t: String| Some((whole, t));
    let used = value_used(ctx, access);
    match plan.holds {
        Holds::Number if steps.is_empty() => {
            let start = plan.start;
            if kind == AccessKind::Read {
                if plan.covering(access).is_some() {
                    return Some((base, ctx.text(base).to_string()));
                }
                let read = format!("Number(await {R}.get({key}))");
                return Some((
                    base,
                    if start == 0 {
                        read
                    } else {
                        format!("({})", plus(&read, start))
                    },
                ));
            }
            if let Some(delta) = access_delta(ctx, access, base) {
                let command = delta.command(key, text);
                let new_value = plus(&format!("({command})"), start);
                if let Some(declaring) = plan.declaring_write(access) {
                    let value = if start == 0 { command } else { new_value };
                    return replace_whole(format!("const {} = {value}", declaring.local));
                }
                if !used {
                    return replace_whole(command);
                }
                let offset = start + gives_old_value(access, ctx).unwrap_or(0);
                return replace_whole(in_place(ctx, access, &command, offset));
            }
            match kind {
                AccessKind::Assign if !used => {
                    let stored = |value: &str| {
                        if start == 0 {
                            value.to_string()
                        } else {
                            format!("{value} - {start}")
                        }
                    };
                    match plan.declaring_write(access) {
                        Some(declaring) => {
                            let local = &declaring.local;
                            replace_whole(format!(
                                "const {local} = {}; await {R}.set({key}, {})",
                                rhs()?,
                                stored(local)
                            ))
                        }
                        None => replace_whole(format!(
                            "await {R}.set({key}, {})",
                            stored(&format!("({})", rhs()?))
                        )),
                    }
                }
                _ => None,
            }
        }
        Holds::Value if steps.is_empty() => match kind {
            AccessKind::Assign => {
                replace_whole(format!("await {R}.set({key}, JSON.stringify({}))", rhs()?))
            }
            AccessKind::Read => Some((base, format!("JSON.parse(await {R}.get({key}))"))),
            _ => None,
        },
        Holds::Object => object_access(plan, access, text, used),
        Holds::Map => match (kind, steps.as_slice()) {
            (AccessKind::Method, [Some("set")]) => {
                let field = format!("String({})", arg(0)?);
                let value = access.call_args.get(1).and_then(Argument::as_expression)?;
                // `m.set(k, (m.get(k) || 0) + 1)`: an increment, done by Redis itself.
                let own_get = format!(
                    "{}.get({})",
                    ctx.text(base),
                    ctx.text(access.call_args[0].span())
                );
                let delta = binary_delta(ctx, value, &|e| ctx.text(e.span()) == own_get);
                match delta {
                    Some(delta) if !used => replace_whole(format!(
                        "await {R}.hIncrBy({key}, {field}, {})",
                        delta.signed(text)
                    )),
                    _ => replace_whole(format!(
                        "await {R}.hSet({key}, {field}, JSON.stringify({}))",
                        text(value.span())
                    )),
                }
            }
            (AccessKind::Method, [Some("get")]) => replace_whole(format!(
                "JSON.parse(await {R}.hGet({key}, String({})))",
                arg(0)?
            )),
            (AccessKind::Method, [Some("has")]) => replace_whole(format!(
                "((await {R}.hExists({key}, String({}))) === 1)",
                arg(0)?
            )),
            (AccessKind::Method, [Some("delete")]) => {
                replace_whole(format!("await {R}.hDel({key}, String({}))", arg(0)?))
            }
            (AccessKind::Method, [Some("clear")]) => replace_whole(format!("await {R}.del({key})")),
            (AccessKind::Method, [Some("values")]) if access.call_args.is_empty() => replace_whole(
                format!("(await {R}.hVals({key})).map((value) => JSON.parse(value))"),
            ),
            (AccessKind::Method, [Some("keys")]) if access.call_args.is_empty() => {
                replace_whole(format!("await {R}.hKeys({key})"))
            }
            (AccessKind::Method, [Some("entries")]) if access.call_args.is_empty() => {
                replace_whole(format!(
                    "Object.entries(await {R}.hGetAll({key})).map(([field, value]) => [field, JSON.parse(value)])"
                ))
            }
            (AccessKind::Read, [Some("size")]) => replace_whole(format!("await {R}.hLen({key})")),
            (AccessKind::Read, []) => Some((
                base,
                format!(
                    "new Map(Object.entries(await {R}.hGetAll({key})).map(([field, value]) => [field, JSON.parse(value)]))"
                ),
            )),
            _ => None,
        },
        Holds::Array => array_access(plan, access, text, used),
        Holds::Set => match (kind, steps.as_slice()) {
            (AccessKind::Method, [Some("add")]) => {
                replace_whole(format!("await {R}.sAdd({key}, String({}))", arg(0)?))
            }
            // node-redis answers SISMEMBER with 1 or 0, not a boolean.
            (AccessKind::Method, [Some("has")]) => replace_whole(format!(
                "((await {R}.sIsMember({key}, String({}))) === 1)",
                arg(0)?
            )),
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

/// A module-level object as a Redis hash (or, for an object of objects, one hash per
/// outer key).
fn object_access(
    plan: &Plan<'_, '_>,
    access: &Access<'_>,
    text: &dyn Fn(Span) -> String,
    used: bool,
) -> Option<(Span, String)> {
    let ctx = plan.ctx;
    let whole = access.whole;
    let kind = access.kind;
    let replace_whole = |t: String| Some((whole, t));
    let rhs = || access.rhs.map(|e| text(e.span()));
    // The whole object, or (nested) one inner object: every field of its hash.
    let whole_hash = match (access.steps.as_slice(), plan.nested) {
        ([], false) => Some(plan.key.clone()),
        ([outer], true) => Some(plan.nested_key(outer, text)?),
        _ => None,
    };
    if let Some(hash_key) = whole_hash {
        return match kind {
            AccessKind::Read if access.steps.is_empty() => {
                Some((access.base, hash_object(&hash_key)))
            }
            AccessKind::Read => replace_whole(hash_object(&hash_key)),
            // `votes[poll] ??= {}`, `votes[poll] = votes[poll] || {}`: a hash exists as soon
            // as a field is written, so the line has nothing left to do.
            AccessKind::Compound(
                AssignmentOperator::LogicalNullish | AssignmentOperator::LogicalOr,
            )
            | AccessKind::Assign
                if plan.nested && creates_empty_object(access) =>
            {
                Some((
                    whole_line(ctx, own_statement(ctx, access)?.statement),
                    String::new(),
                ))
            }
            _ => None,
        };
    }
    let (hash_key, field) = plan.hash(access, text)?;
    let target = plan.target(access)?;
    if kind == AccessKind::Read {
        if let Some(declaring) = plan.covering(access) {
            return replace_whole(declaring.local.clone());
        }
        return replace_whole(format!("JSON.parse(await {R}.hGet({hash_key}, {field}))"));
    }
    if let Some(delta) = access_delta(ctx, access, target) {
        let command = format!(
            "await {R}.hIncrBy({hash_key}, {field}, {})",
            delta.signed(text)
        );
        if let Some(declaring) = plan.declaring_write(access) {
            return replace_whole(format!("const {} = {command}", declaring.local));
        }
        if !used {
            return replace_whole(command);
        }
        let offset = gives_old_value(access, ctx).unwrap_or(0);
        return replace_whole(in_place(ctx, access, &command, offset));
    }
    match kind {
        AccessKind::Assign => replace_whole(format!(
            "await {R}.hSet({hash_key}, {field}, JSON.stringify({}))",
            rhs()?
        )),
        AccessKind::Delete => replace_whole(format!("await {R}.hDel({hash_key}, {field})")),
        _ => None,
    }
}

/// `x ??= {}`, `x ||= {}`, `x = {}`, `x = x || {}`.
fn creates_empty_object(access: &Access<'_>) -> bool {
    let empty = |e: &Expression<'_>| matches!(e.get_inner_expression(), Expression::ObjectExpression(o) if o.properties.is_empty());
    match access.rhs.map(Expression::get_inner_expression) {
        Some(Expression::LogicalExpression(l)) => {
            access.kind == AccessKind::Assign && empty(&l.right)
        }
        Some(e) => empty(e),
        None => false,
    }
}

/// A module-level array as a Redis list.
fn array_access(
    plan: &Plan<'_, '_>,
    access: &Access<'_>,
    text: &dyn Fn(Span) -> String,
    used: bool,
) -> Option<(Span, String)> {
    let ctx = plan.ctx;
    let key = plan.key.as_str();
    let whole = access.whole;
    let steps: Vec<Option<&str>> = access.steps.iter().map(|s| s.name.as_deref()).collect();
    let arg = |i: usize| {
        access
            .call_args
            .get(i)
            .and_then(Argument::as_expression)
            .map(|e| text(e.span()))
    };
    let replace_whole = |t: String| Some((whole, t));
    let all_items = format!("(await {R}.lRange({key}, 0, -1)).map((item) => JSON.parse(item))");
    match (access.kind, steps.as_slice()) {
        // RPUSH and LPUSH answer the new length, as push and unshift do.
        (AccessKind::Method, [Some(end @ ("push" | "unshift"))]) if access.call_args.len() == 1 => {
            let command = if *end == "push" { "rPush" } else { "lPush" };
            let call = format!("await {R}.{command}({key}, JSON.stringify({}))", arg(0)?);
            match plan.declaring_write(access) {
                Some(declaring) => replace_whole(format!("const {} = {call}", declaring.local)),
                None => replace_whole(call),
            }
        }
        (AccessKind::Read, [Some("length")]) if plan.covering(access).is_some() => {
            replace_whole(plan.covering(access)?.local.clone())
        }
        // `if (list.length > 50) list.shift();`: the list is kept to its last 50 items.
        (AccessKind::Method, [Some(end @ ("shift" | "pop"))]) if !used => {
            let (guard, limit) = length_guard(ctx, access)?;
            let kept = if *end == "shift" {
                format!("{}, -1", negated(&limit))
            } else {
                format!("0, {}", plus_text(&limit, -1))
            };
            Some((guard, format!("await {R}.lTrim({key}, {kept});")))
        }
        (AccessKind::Read, [Some("length")]) => replace_whole(format!("await {R}.lLen({key})")),
        (AccessKind::Read, []) => Some((access.base, all_items)),
        // `list = list.slice(-50)`: keep the items from that index on.
        (AccessKind::Assign, []) if !used => {
            let from = slice_of_self(ctx, access)?;
            replace_whole(format!("await {R}.lTrim({key}, {}, -1)", text(from)))
        }
        (AccessKind::Method, [Some(m)]) if !MUTATORS.contains(m) => Some((access.base, all_items)),
        _ => None,
    }
}

/// `list = list.slice(from)`: the span of `from`.
fn slice_of_self(ctx: &LintContext<'_, '_>, access: &Access<'_>) -> Option<Span> {
    let Expression::CallExpression(call) = access.rhs?.get_inner_expression() else {
        return None;
    };
    let member = call.callee.get_inner_expression().as_member_expression()?;
    let on_self = ctx.text(member.object().span()) == ctx.text(access.base);
    (on_self && member.static_property_name() == Some("slice") && call.arguments.len() == 1)
        .then(|| call.arguments[0].span())
}

/// The `if`/`while` around `list.shift()` that runs it while `list.length > limit`: its
/// span and the number of items it keeps, as text.
fn length_guard(ctx: &LintContext<'_, '_>, access: &Access<'_>) -> Option<(Span, String)> {
    let nodes = ctx.semantic.nodes();
    let mut id = nodes.parent_id(access.whole_node);
    if matches!(nodes.kind(id), AstKind::ExpressionStatement(_)) {
        let parent = nodes.parent_id(id);
        if let AstKind::BlockStatement(b) = nodes.kind(parent) {
            if b.body.len() != 1 {
                return None;
            }
            id = parent;
        }
    } else {
        return None;
    }
    let (span, test) = match nodes.parent_kind(id) {
        AstKind::IfStatement(s) if s.alternate.is_none() => (s.span, &s.test),
        AstKind::WhileStatement(s) => (s.span, &s.test),
        _ => return None,
    };
    let Expression::BinaryExpression(b) = test.get_inner_expression() else {
        return None;
    };
    let length = format!("{}.length", ctx.text(access.base));
    if ctx.text(b.left.span()) != length {
        return None;
    }
    let limit = ctx.text(b.right.span()).to_string();
    match b.operator {
        BinaryOperator::GreaterThan => Some((span, limit)),
        BinaryOperator::GreaterEqualThan => Some((span, plus_text(&limit, -1))),
        _ => None,
    }
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
    builder
        .import(ctx, REDIS_CLIENT)
        .setup(ctx, REDIS_CLIENT_SETUP);
    Some(builder.build(ctx))
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
