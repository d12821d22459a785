//! How an update changes a number: the value read under its wrappers (`x || 0`,
//! `Number(x)`), the amount added, and the same update written in place of a command.

use oxc_ast::{
    AstKind,
    ast::{
        Argument, AssignmentOperator, BinaryOperator, Expression, LogicalOperator, UnaryOperator,
        UpdateOperator,
    },
};
use oxc_span::{GetSpan, Span};

use super::access::{Access, AccessKind};
use crate::context::LintContext;

/// The name the rewrites give the shared Redis client.
pub(super) const R: &str = "redisClient";

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

pub(super) fn is_zero(expr: &Expression<'_>) -> bool {
    matches!(expr.get_inner_expression(), Expression::NumericLiteral(n) if n.value == 0.0)
}

pub(super) fn is_text(expr: &Expression<'_>) -> bool {
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
    pub(super) fn command(&self, key: &str, text: &dyn Fn(Span) -> String) -> String {
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
pub(super) fn access_delta<'a>(
    ctx: &LintContext<'_, 'a>,
    access: &Access<'a>,
    target: Span,
) -> Option<Delta> {
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
pub(super) fn gives_old_value(access: &Access<'_>, ctx: &LintContext<'_, '_>) -> Option<i64> {
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
pub(super) fn in_place(
    ctx: &LintContext<'_, '_>,
    access: &Access<'_>,
    command: &str,
    offset: i64,
) -> String {
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
pub(super) fn plus(value: &str, offset: i64) -> String {
    match offset {
        0 => value.to_string(),
        n if n > 0 => format!("{value} + {n}"),
        n => format!("{value} - {}", -n),
    }
}
