//! State declared inside a setup function rather than at module level:
//! `module.exports = (io) => { const online = new Map(); io.on('connection', …) }`.
//!
//! The setup function runs once when the server starts, so its locals live as long as the
//! process and every request or connection its handlers serve shares them: module state by
//! another name. The finding says where the state lives. The rewrite that moves it to one
//! Redis key is the module state's, offered unless the function makes a copy per use: a
//! factory returning its handler, or a function this file calls more than once, whose
//! copies one key would merge.

use oxc_ast::{
    AstKind,
    ast::{ArrowFunctionBody, BindingPattern, Expression, Statement},
};
use oxc_semantic::NodeId;
use oxc_span::GetSpan;

use crate::{context::LintContext, diagnostic::StateKind};

/// The function whose scope holds a piece of state.
#[derive(Debug, Clone)]
pub(super) struct Setup {
    /// How the finding names it: "`setupSockets`", "exported as `module.exports`".
    pub(super) described: String,
    /// It registers handlers rather than returning one, and this file calls it at most
    /// once: one copy per process, which one Redis key can stand for. A factory that
    /// returns its handler (`rateLimit(10)`) makes a copy per use.
    pub(super) runs_once: bool,
}

/// The setup function around a declaration outside every handler; `None` at module level.
pub(super) fn setup_of(ctx: &LintContext<'_, '_>, declaration: NodeId) -> Option<Setup> {
    let nodes = ctx.semantic.nodes();
    let function = nodes
        .ancestors(declaration)
        .find(|n| n.kind().is_function_like())?;
    let symbol = function_symbol(ctx, function.id());
    let exported = exported_as(ctx, function.id());
    let described = match (symbol, &exported) {
        (Some(symbol), _) => format!("`{}`", ctx.semantic.scoping().symbol_name(symbol)),
        (None, Some(export)) if export == "export default" => "exported by default".to_string(),
        (None, Some(export)) => format!("exported as `{export}`"),
        (None, None) => "around it".to_string(),
    };
    // Called more than once here, each call makes its own copy.
    let calls = symbol.map_or(0, |symbol| {
        ctx.semantic
            .symbol_references(symbol)
            .filter(|r| {
                matches!(nodes.parent_kind(r.node_id()), AstKind::CallExpression(c)
                    if c.callee.span() == nodes.kind(r.node_id()).span())
            })
            .count()
    });
    let runs_once = calls <= 1 && !returns_function(function.kind());
    Some(Setup {
        described,
        runs_once,
    })
}

/// `return (req, res, next) => …`: a factory, called once per place it is used.
fn returns_function(function: AstKind<'_>) -> bool {
    let statements = match function {
        AstKind::Function(f) => match &f.body {
            Some(body) => &body.statements,
            None => return false,
        },
        AstKind::ArrowFunctionExpression(f) => match &f.body {
            ArrowFunctionBody::FunctionBody(body) => &body.statements,
            body => return body.as_expression().is_some_and(Expression::is_function),
        },
        _ => return false,
    };
    statements.iter().any(|statement| {
        matches!(statement, Statement::ReturnStatement(r)
            if r.argument.as_ref().is_some_and(|a| a.get_inner_expression().is_function()))
    })
}

/// The finding's message for state kept in a setup function's scope.
pub(super) fn message(name: &str, kind: StateKind, setup: &Setup) -> String {
    let what = match kind {
        StateKind::Counter => "is a counter",
        StateKind::Collection => "collects data",
        _ => "keeps data",
    };
    format!(
        "`{name}` {what} in the scope of the setup function {}, not the module's: a setup \
         function runs when the server starts, so this copy lives as long as the process and \
         every request and connection its handlers serve shares it.",
        setup.described
    )
}

/// The declaration's label.
pub(super) const DECLARED: &str = "declared in the setup function, which runs at start-up, not \
     per request: one copy per process, shared by every request and connection";

/// The name a function is called by: `function f() {}` or `const f = () => {}`.
fn function_symbol(ctx: &LintContext<'_, '_>, function: NodeId) -> Option<oxc_semantic::SymbolId> {
    let nodes = ctx.semantic.nodes();
    if let AstKind::Function(f) = nodes.kind(function)
        && let Some(id) = &f.id
    {
        return id.symbol_id.get();
    }
    match nodes.parent_kind(function) {
        AstKind::VariableDeclarator(d) => match &d.id {
            BindingPattern::BindingIdentifier(id) => id.symbol_id.get(),
            _ => None,
        },
        _ => None,
    }
}

/// `module.exports = fn`, `exports.setup = fn`, `module.exports.setup = fn`,
/// `export default fn`, `export function setup`, or a named function exported later.
fn exported_as(ctx: &LintContext<'_, '_>, function: NodeId) -> Option<String> {
    let nodes = ctx.semantic.nodes();
    let mut node = function;
    if let AstKind::VariableDeclarator(_) = nodes.parent_kind(function) {
        node = nodes.parent_id(nodes.parent_id(function));
    }
    match nodes.parent_kind(node) {
        AstKind::ExportDefaultDeclaration(_) => return Some("export default".to_string()),
        AstKind::ExportNamedDeclaration(_) => {
            let name = function_symbol(ctx, function)
                .map(|s| ctx.semantic.scoping().symbol_name(s).to_string())?;
            return Some(format!("export {name}"));
        }
        AstKind::AssignmentExpression(a) => {
            let target = ctx.text(a.left.span());
            if target.starts_with("module.exports") || target.starts_with("exports.") {
                return Some(target.to_string());
            }
        }
        _ => {}
    }
    // A named function exported by a later statement: `module.exports = setup`.
    let symbol = function_symbol(ctx, function)?;
    ctx.semantic.symbol_references(symbol).find_map(|r| {
        match nodes.parent_kind(r.node_id()) {
            AstKind::AssignmentExpression(a) => {
                let target = ctx.text(a.left.span());
                (target.starts_with("module.exports") || target.starts_with("exports."))
                    .then(|| target.to_string())
            }
            AstKind::ExportSpecifier(_) | AstKind::ExportDefaultDeclaration(_) => {
                Some("export".to_string())
            }
            _ => None,
        }
    })
}
