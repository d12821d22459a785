//! How one access is rewritten when the state moves to Redis: the plan decided once per
//! state (key, hash or list, start value), where an update's answer can be kept, and the
//! command each access becomes.

use super::*;

// ----- where an update's answer can be kept -----

/// An access that is a statement of its own, directly in a block or function body.
pub(super) struct OwnStatement {
    statement: Span,
    block: Span,
}

pub(super) fn own_statement(
    ctx: &LintContext<'_, '_>,
    access: &Access<'_>,
) -> Option<OwnStatement> {
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
pub(super) fn value_used(ctx: &LintContext<'_, '_>, access: &Access<'_>) -> bool {
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
pub(super) struct Declaring {
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

pub(super) fn contains(outer: Span, inner: Span) -> bool {
    outer.start <= inner.start && inner.end <= outer.end
}

pub(super) fn capitalised(name: &str) -> String {
    let mut chars = name.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// Everything a Redis rewrite of one state decides before rewriting its accesses.
pub(super) struct Plan<'p, 'a> {
    ctx: &'p LintContext<'p, 'a>,
    holds: Holds,
    name: String,
    key: String,
    start: i64,
    /// An object of objects: `votes[poll][option]`, one Redis hash per outer key.
    nested: bool,
    /// A Map of lists grown by appending (`carts.set(id, [...carts.get(id), item])`):
    /// one Redis list per key, so that an append is one `RPUSH`. Kept as a hash of
    /// whole arrays, two appends at the same moment would both read the old array and
    /// one would write back over the other.
    lists: bool,
    /// In a Map of lists, each read of a key's list that the same function later drops
    /// (`const items = carts.get(id); … carts.delete(id)`), with the dropping statement.
    takes: Vec<(Span, Span)>,
    declaring: Vec<Declaring>,
}

impl<'p, 'a> Plan<'p, 'a> {
    pub(super) fn new(ctx: &'p LintContext<'p, 'a>, state: &State<'a>) -> Self {
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
            lists: state.holds == Holds::Map
                && state.writes.iter().any(|w| appended_item(ctx, w).is_some()),
            takes: Vec::new(),
            declaring: Vec::new(),
        };
        if plan.lists {
            plan.takes = takes(ctx, &state.accesses);
        }
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
    pub(super) fn covering(&self, access: &Access<'_>) -> Option<&Declaring> {
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
pub(super) fn field_text(step: &Step, text: &dyn Fn(Span) -> String) -> Option<String> {
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
pub(super) fn hash_object(key: &str) -> String {
    format!(
        "Object.fromEntries(Object.entries(await {R}.hGetAll({key})).map(([field, value]) => [field, JSON.parse(value)]))"
    )
}

/// The replacement for one access when the state moves to Redis, given the text of a span
/// with inner replacements applied. `Some((span, same text))` keeps the access as it is.
pub(super) fn redis_access(
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
        Holds::Map if plan.lists => list_map_access(plan, access, text),
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

/// `m.set(k, [...m.get(k), item])`, also through a local holding the `get` and with
/// `|| []` after it: the item appended to the list kept under `k`.
pub(super) fn appended_item<'a>(
    ctx: &LintContext<'_, 'a>,
    access: &Access<'a>,
) -> Option<&'a Expression<'a>> {
    if access.method() != Some("set") {
        return None;
    }
    let [key, value] = access.call_args else {
        return None;
    };
    let Expression::ArrayExpression(array) = value.as_expression()?.get_inner_expression() else {
        return None;
    };
    let [ArrayExpressionElement::SpreadElement(spread), item] = array.elements.as_slice() else {
        return None;
    };
    let own_get = format!("{}.get({})", ctx.text(access.base), ctx.text(key.span()));
    let is_own_get = |e: &Expression<'_>| {
        let e = match e.get_inner_expression() {
            Expression::LogicalExpression(l) => l.left.get_inner_expression(),
            other => other,
        };
        ctx.text(e.span()) == own_get
    };
    let list = spread.argument.get_inner_expression();
    let from_own_get = is_own_get(list)
        || ctx
            .resolve
            .symbol_of(list)
            .and_then(|symbol| ctx.resolve.initializer(symbol))
            .is_some_and(is_own_get);
    if !from_own_get {
        return None;
    }
    item.as_expression()
}

/// Reads of a key's list that the same function drops later, with nothing else reading or
/// writing that key in between: each read and the statement that drops it.
///
/// Done as two commands, an append another request makes between them (`RPUSH` after
/// `LRANGE`, before `DEL`) would be dropped without ever being read: a checkout would
/// lose an item added to the cart while it ran. Taken in one `MULTI` at the read, the
/// list and its drop are one step, and a later append starts a new list.
fn takes(ctx: &LintContext<'_, '_>, accesses: &[Access<'_>]) -> Vec<(Span, Span)> {
    let nodes = ctx.semantic.nodes();
    let function_of = |node: NodeId| {
        nodes.ancestor_ids(node).find(|id| {
            matches!(
                nodes.kind(*id),
                AstKind::Function(_) | AstKind::ArrowFunctionExpression(_)
            )
        })
    };
    let key_of = |a: &Access<'_>| {
        let key = a.call_args.first()?.as_expression()?;
        Some(ctx.text(key.span()))
    };
    let is = |a: &Access<'_>, method: &str| {
        a.kind == AccessKind::Method
            && matches!(a.steps.as_slice(), [step] if step.name.as_deref() == Some(method))
    };
    let mut found = Vec::new();
    for drop in accesses.iter().filter(|a| is(a, "delete")) {
        let AstKind::ExpressionStatement(statement) = nodes.parent_kind(drop.whole_node) else {
            continue;
        };
        let (function, key) = (function_of(drop.whole_node), key_of(drop));
        if function.is_none() || key.is_none() {
            continue;
        }
        let same_key = |a: &&Access<'_>| function_of(a.whole_node) == function && key_of(a) == key;
        let before: Vec<&Access<'_>> = accesses
            .iter()
            .filter(same_key)
            .filter(|a| a.whole.end <= drop.whole.start)
            .collect();
        // The last use of the key before the drop (the one ending last: an append ends
        // after the read inside it) must be the read itself.
        if let Some(read) = before.iter().max_by_key(|a| a.whole.end)
            && is(read, "get")
        {
            found.push((read.whole, statement.span));
        }
    }
    found
}

/// A Map of lists: each key's list in a Redis list of its own (`carts:<key>`), appended to
/// with `RPUSH`, read with `LRANGE`, dropped with `DEL` (taken with `MULTI` when the same
/// function reads and then drops it: [`takes`]). Anything else a Map of lists cannot do in
/// one command: no rewrite.
pub(super) fn list_map_access(
    plan: &Plan<'_, '_>,
    access: &Access<'_>,
    text: &dyn Fn(Span) -> String,
) -> Option<(Span, String)> {
    let ctx = plan.ctx;
    let key = |at: usize| -> Option<String> {
        let arg = access.call_args.get(at)?.as_expression()?;
        Some(format!("`{}:${{{}}}`", plan.name, text(arg.span())))
    };
    let replace_whole = |t: String| Some((access.whole, t));
    let steps: Vec<Option<&str>> = access.steps.iter().map(|s| s.name.as_deref()).collect();
    match (access.kind, steps.as_slice()) {
        (AccessKind::Method, [Some("set")]) => {
            let item = appended_item(ctx, access)?;
            replace_whole(format!(
                "await {R}.rPush({}, JSON.stringify({}))",
                key(0)?,
                text(item.span())
            ))
        }
        (AccessKind::Method, [Some("get")]) if plan.takes.iter().any(|(read, _)| *read == access.whole) => {
            let key = key(0)?;
            replace_whole(format!(
                "(await {R}.multi().lRange({key}, 0, -1).del({key}).exec())[0].map((item) => JSON.parse(item))"
            ))
        }
        (AccessKind::Method, [Some("get")]) => replace_whole(format!(
            "(await {R}.lRange({}, 0, -1)).map((item) => JSON.parse(item))",
            key(0)?
        )),
        (AccessKind::Method, [Some("delete")])
            if let Some((_, statement)) = plan
                .takes
                .iter()
                .find(|(_, statement)| statement.contains_inclusive(access.whole)) =>
        {
            Some((
                *statement,
                "// Dropped where it was read above, in the same MULTI.".to_owned(),
            ))
        }
        (AccessKind::Method, [Some("has")]) => {
            replace_whole(format!("((await {R}.exists({})) === 1)", key(0)?))
        }
        (AccessKind::Method, [Some("delete")]) => {
            replace_whole(format!("await {R}.del({})", key(0)?))
        }
        _ => None,
    }
}

/// A module-level object as a Redis hash (or, for an object of objects, one hash per
/// outer key).
pub(super) fn object_access(
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
pub(super) fn creates_empty_object(access: &Access<'_>) -> bool {
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
pub(super) fn array_access(
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
pub(super) fn slice_of_self(ctx: &LintContext<'_, '_>, access: &Access<'_>) -> Option<Span> {
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
pub(super) fn length_guard(
    ctx: &LintContext<'_, '_>,
    access: &Access<'_>,
) -> Option<(Span, String)> {
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
