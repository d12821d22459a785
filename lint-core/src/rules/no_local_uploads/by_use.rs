//! Upload APIs recognised by how they are used rather than by the package they come from:
//! a vendored or monorepo copy (`require('./vendor/formidable')`) has no package name to go
//! by, but `form.parse(req, (err, fields, files) => …)` is formidable's API and writes each
//! file to the temp folder, and `req.files.<field>.mv(path)` is express-fileupload's.

use oxc_ast::{
    AstKind,
    ast::{Argument, CallExpression, Expression},
};
use oxc_semantic::NodeId;
use oxc_span::GetSpan;

use crate::{
    context::LintContext,
    resolve::{CALL, NEW, Origin, first_arg},
};

/// The package whose `req.files.<field>.mv()` API a use is matched against.
const FILE_UPLOAD: &str = "express-fileupload";

/// A formidable-style parse of the request by a form made from a relative module.
pub(super) struct VendoredForm<'a> {
    /// The module the form came from, as imported: `./vendor/formidable`.
    pub(super) module: String,
    /// The options the form was made with, when this file shows them.
    pub(super) options: Option<&'a Expression<'a>>,
}

/// `form.parse(req, (err, fields, files) => …)` or `await form.parse(req)` in a handler,
/// where `form` was made (called or constructed) from a relative import.
pub(super) fn vendored_form<'a>(
    ctx: &LintContext<'_, 'a>,
    node: NodeId,
    call: &'a CallExpression<'a>,
    origin: &Origin,
) -> Option<VendoredForm<'a>> {
    let [made @ .., last] = origin.steps.as_slice() else {
        return None;
    };
    let relative = origin.module.starts_with('.') || origin.module.starts_with('/');
    let made_here = made
        .last()
        .is_some_and(|step| step == CALL || step == NEW);
    if !relative || last != "parse" || !made_here {
        return None;
    }
    let handler = ctx.enclosing_handler(node)?;
    if !is_request_of(ctx, handler, first_arg(&call.arguments)?) {
        return None;
    }
    // formidable's answer carries the files: a callback taking them, or an awaited result.
    let callback_takes_files = call.arguments.get(1).and_then(Argument::as_expression).is_some_and(|cb| {
        match cb.get_inner_expression() {
            Expression::ArrowFunctionExpression(f) => f.params.items.len() >= 3,
            Expression::FunctionExpression(f) => f.params.items.len() >= 3,
            _ => false,
        }
    });
    let awaited = matches!(
        ctx.semantic.nodes().parent_kind(node),
        AstKind::AwaitExpression(_)
    );
    let awaited_alone = awaited && call.arguments.len() == 1;
    if !(callback_takes_files || awaited_alone) {
        return None;
    }
    let member = call.callee.get_inner_expression().as_member_expression()?;
    let form = ctx.resolve.value_of(member.object());
    let options = match form.get_inner_expression() {
        Expression::CallExpression(made) => first_arg(&made.arguments),
        Expression::NewExpression(made) => first_arg(&made.arguments),
        _ => None,
    };
    Some(VendoredForm {
        module: origin.module.clone(),
        options,
    })
}

/// Whether `expr` is the request parameter of the handler function `handler`.
fn is_request_of(ctx: &LintContext<'_, '_>, handler: NodeId, expr: &Expression<'_>) -> bool {
    let Some(symbol) = ctx.resolve.symbol_of(expr) else {
        return false;
    };
    let params = match ctx.semantic.nodes().kind(handler) {
        AstKind::ArrowFunctionExpression(f) => &f.params,
        AstKind::Function(f) => &f.params,
        _ => return false,
    };
    let names = crate::context::param_names(params);
    // `(req, res)`, or `(err, req, res, next)` for error middleware.
    let index = usize::from(names.len() == 4);
    params
        .items
        .get(index)
        .and_then(|p| p.pattern.get_binding_identifier())
        .and_then(|id| id.symbol_id.get())
        == Some(symbol)
}

/// True when the file imports express-fileupload by its package name, so that a `.mv()`
/// is the package's API rather than recognised by its use alone.
pub(super) fn imports_file_upload(ctx: &LintContext<'_, '_>) -> bool {
    let nodes = ctx.semantic.nodes();
    nodes.iter().any(|node| match node.kind() {
        AstKind::ImportDeclaration(import) => import.source.value == FILE_UPLOAD,
        AstKind::CallExpression(call) => ctx.resolve.require_specifier(call) == Some(FILE_UPLOAD),
        _ => false,
    })
}

/// Files reached through a callback over a list from `req.files`:
/// `req.files.photos.forEach((photo) => photo.mv(…))`: the list the callback walks.
pub(super) fn listed_by<'a>(
    ctx: &LintContext<'_, 'a>,
    parameter: NodeId,
) -> Option<&'a Expression<'a>> {
    let nodes = ctx.semantic.nodes();
    let params = nodes.parent_id(parameter);
    let callback = nodes.parent_node(params);
    if !callback.kind().is_function_like() {
        return None;
    }
    let AstKind::CallExpression(call) = nodes.parent_kind(callback.id()) else {
        return None;
    };
    let member = call.callee.get_inner_expression().as_member_expression()?;
    let walks = ["forEach", "map"].contains(&member.static_property_name()?);
    let first = call.arguments.first()?.as_expression()?;
    (walks && first.span() == callback.kind().span()).then(|| member.object())
}
