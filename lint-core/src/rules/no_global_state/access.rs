//! How a reference to a piece of state is used: the member steps taken from it (`.name`,
//! `[key]`) and what is done at the end (read, assign, update, delete, call a mutator).

use oxc_ast::{
    AstKind,
    ast::{Argument, AssignmentOperator, Expression, UnaryOperator, UpdateOperator},
};
use oxc_semantic::NodeId;
use oxc_span::{GetSpan, Span};

use crate::context::LintContext;

/// Methods that change the container they are called on.
pub(super) const MUTATORS: &[&str] = &[
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

#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum AccessKind {
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
pub(super) struct Step {
    pub(super) name: Option<String>,
    pub(super) span: Span,
    /// The key expression of a computed access.
    pub(super) key: Option<Span>,
}

/// How a reference is used: the member steps taken from it and what is done at the end.
#[derive(Debug, Clone)]
pub(super) struct Access<'a> {
    pub(super) node: NodeId,
    /// The referenced expression itself (identifier, or `global.x`).
    pub(super) base: Span,
    pub(super) steps: Vec<Step>,
    pub(super) kind: AccessKind,
    /// The whole expression doing the access (assignment, update, call, …).
    pub(super) whole: Span,
    /// The node of `whole`.
    pub(super) whole_node: NodeId,
    pub(super) rhs: Option<&'a Expression<'a>>,
    pub(super) call_args: &'a [Argument<'a>],
}

impl Access<'_> {
    pub(super) fn method(&self) -> Option<&str> {
        if self.kind == AccessKind::Method {
            self.steps.last()?.name.as_deref()
        } else {
            None
        }
    }

    pub(super) fn is_write(&self) -> bool {
        match self.kind {
            AccessKind::Read => false,
            AccessKind::Method => self.method().is_some_and(|m| MUTATORS.contains(&m)),
            _ => true,
        }
    }
}

/// Climbs from a reference through member accesses to what is done with it.
pub(super) fn classify<'a>(ctx: &LintContext<'_, 'a>, node: NodeId) -> Access<'a> {
    let nodes = ctx.semantic.nodes();
    let base = nodes.kind(node).span();
    let mut steps = Vec::new();
    let mut current = node;
    let mut current_span = base;
    let mut kind = AccessKind::Read;
    let mut whole = base;
    let mut whole_node = node;
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
                whole_node = parent.id();
                rhs = Some(&a.right);
                break;
            }
            AstKind::UpdateExpression(u) => {
                kind = AccessKind::Update(u.operator);
                whole = u.span;
                whole_node = parent.id();
                break;
            }
            AstKind::UnaryExpression(u) if u.operator == UnaryOperator::Delete => {
                kind = AccessKind::Delete;
                whole = u.span;
                whole_node = parent.id();
                break;
            }
            AstKind::CallExpression(c) if c.callee.span() == current_span && !steps.is_empty() => {
                kind = AccessKind::Method;
                whole = c.span;
                whole_node = parent.id();
                call_args = &c.arguments;
                break;
            }
            _ => break,
        }
        current = parent.id();
        current_span = parent.kind().span();
        whole = current_span;
        whole_node = current;
    }
    Access {
        node,
        base,
        steps,
        kind,
        whole,
        whole_node,
        rhs,
        call_args,
    }
}
