//! `no-local-uploads`: uploaded files kept on the server's own disk.
//!
//! Finds multer's `dest` and `diskStorage`, formidable's upload directory, express-fileupload
//! temp files and `.mv()`, and `fs` writes inside request handlers; labels where the upload
//! middleware is mounted and where the same folder is served back with `express.static`.

mod by_use;
mod diagnostic;
mod rewrite;
#[cfg(test)]
mod tests;

use std::collections::HashMap;

use oxc_ast::{
    AstKind,
    ast::{Argument, CallExpression, Expression},
};
use oxc_semantic::{AstNode, NodeId};
use oxc_span::{GetSpan, Span};

use self::rewrite::{FieldsByRoute, bucket_env_name, disk_file_field};
use super::{Rule, RuleMeta, finding};
use crate::{
    context::LintContext,
    diagnostic::{Diagnostic, RuleId, Severity, StateInfo, StateKind, StateLocation},
    resolve::{CALL, first_arg, string_value},
};

const RULE: RuleId = RuleId::NoLocalUploads;

pub(super) const META: RuleMeta = RuleMeta {
    id: "no-local-uploads",
    summary: "uploaded files kept on the server's own disk",
    kinds: &[StateKind::UploadedFiles],
};

/// `fs` (and `fs-extra`) functions that write a file.
const FS_WRITES: &[&str] = &[
    "writeFile",
    "writeFileSync",
    "appendFile",
    "appendFileSync",
    "createWriteStream",
    "rename",
    "renameSync",
    "copyFile",
    "copyFileSync",
    "cp",
    "cpSync",
    // fs-extra
    "outputFile",
    "outputFileSync",
    "writeJson",
    "writeJsonSync",
    "outputJson",
    "move",
    "moveSync",
];
const FS_REMOVES: &[&str] = &[
    "unlink",
    "unlinkSync",
    "rm",
    "rmSync",
    "remove",
    "removeSync",
];

/// What made the upload land on disk.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Shape {
    MulterDest,
    DiskStorage,
    Formidable,
    FileUploadTempFiles,
    FileMove,
    FsWrite,
    /// `form.parse(req, …)` on a form made from a relative copy of formidable.
    VendoredForm,
}

struct Found<'a> {
    shape: Shape,
    node: NodeId,
    span: Span,
    /// The folder written to, as written in the code.
    folder: Option<String>,
    callee: &'a Expression<'a>,
    arguments: &'a [Argument<'a>],
    /// What the API was recognised by when no package import names it.
    by_use: Option<ByUse>,
}

/// How an upload API was recognised without its package's import.
#[derive(Debug, Clone, PartialEq)]
enum ByUse {
    /// express-fileupload's `req.files.<field>.mv()`.
    FileMove,
    /// formidable's `form.parse(req, …)` on a form from this module.
    FormParse(String),
}

#[derive(Default)]
pub(crate) struct NoLocalUploads<'a> {
    found: Vec<Found<'a>>,
    /// `multer({ storage })` calls whose storage is a disk storage: (storage span, multer node).
    disk_storage_users: Vec<(Span, NodeId)>,
    /// Folders served with `express.static`.
    served: Vec<Served>,
    /// Handlers that also delete a file: a temp file used within one request.
    handlers_removing: Vec<NodeId>,
    /// `req.file.filename` / `req.file.path` reads.
    file_fields: Vec<(NodeId, FileField)>,
    /// The first `process.env.…BUCKET…` the app reads: the bucket it already names.
    bucket_env: Option<&'a str>,
}

/// `express.static(folder)`.
struct Served {
    folder: String,
    span: Span,
    node: NodeId,
}

/// A read of disk storage's `req.file.filename` or `req.file.path`.
#[derive(Debug, Clone, Copy)]
struct FileField {
    /// `req.file`
    object: Span,
    property: Span,
    /// `req.file?.path`
    optional: bool,
    /// What multer-s3 calls it.
    multer_s3_name: &'static str,
}

impl<'a> Rule<'a> for NoLocalUploads<'a> {
    fn run(&mut self, node: &AstNode<'a>, ctx: &LintContext<'_, 'a>) {
        match node.kind() {
            AstKind::CallExpression(call) => self.check_call(node.id(), call, ctx),
            AstKind::StaticMemberExpression(member) => {
                if let Some(field) = disk_file_field(member) {
                    self.file_fields.push((node.id(), field));
                }
                if self.bucket_env.is_none() {
                    self.bucket_env = bucket_env_name(member);
                }
            }
            AstKind::NewExpression(new) => {
                let origin = ctx.origin(&new.callee);
                if origin.is_some_and(|o| {
                    o.is("formidable", &["IncomingForm"]) || o.is("formidable", &["Formidable"])
                }) {
                    self.check_formidable(node.id(), new.span, &new.callee, &new.arguments, ctx);
                }
            }
            _ => {}
        }
    }

    fn finish(self: Box<Self>, ctx: &LintContext<'_, 'a>) -> Vec<Diagnostic> {
        let this = *self;
        // Grouped once, so each finding's rewrite looks up only its own routes.
        let mut fields_by_route: FieldsByRoute = HashMap::new();
        for &(node, field) in &this.file_fields {
            for route in ctx.routes_at(node) {
                fields_by_route.entry(route).or_default().push(field);
            }
        }
        this.found
            .iter()
            .map(|found| this.report(found, ctx, &fields_by_route))
            .collect()
    }
}

impl<'a> NoLocalUploads<'a> {
    fn check_call(&mut self, id: NodeId, call: &'a CallExpression<'a>, ctx: &LintContext<'_, 'a>) {
        let Some(origin) = ctx.origin(&call.callee) else {
            self.check_file_move(id, call, ctx);
            return;
        };
        let options = first_arg(&call.arguments);
        if origin.is("multer", &[]) {
            let Some(options) = options else { return };
            let Some(shape) = ctx.resolve.object_shape(options) else {
                return;
            };
            // multer uses `storage` when given and only falls back to `dest` without it.
            if let Some(storage) = shape.get("storage") {
                if ctx
                    .origin(storage)
                    .is_some_and(|o| o.is("multer", &["diskStorage", CALL]))
                {
                    let storage = ctx.resolve.value_of(storage);
                    self.disk_storage_users.push((storage.span(), id));
                }
            } else if shape.has("dest") && !shape.has("storage") {
                let folder = shape.get("dest").map(|v| folder_text(ctx, v));
                self.push(Shape::MulterDest, id, call, folder);
            }
        } else if origin.is("multer", &["diskStorage"]) {
            let destination = options
                .and_then(|o| ctx.resolve.object_shape(o))
                .and_then(|shape| shape.get("destination"))
                .map(|v| folder_text(ctx, v));
            self.push(Shape::DiskStorage, id, call, destination);
        } else if origin.is("formidable", &[]) || origin.is("formidable", &["formidable"]) {
            self.check_formidable(id, call.span, &call.callee, &call.arguments, ctx);
        } else if origin.is("express-fileupload", &[]) {
            let temp = options
                .and_then(|o| ctx.resolve.object_shape(o))
                .and_then(|shape| shape.get("useTempFiles"))
                .is_some_and(|v| !matches!(v.get_inner_expression(), Expression::BooleanLiteral(b) if !b.value));
            if temp {
                let folder = options
                    .and_then(|o| ctx.resolve.object_shape(o))
                    .and_then(|shape| shape.get("tempFileDir"))
                    .map(|v| folder_text(ctx, v));
                self.push(Shape::FileUploadTempFiles, id, call, folder);
            }
        } else if origin.is("express", &["static"]) {
            if let Some(folder) = options {
                self.served.push(Served {
                    folder: folder_text(ctx, folder),
                    span: call.span,
                    node: id,
                });
            }
        } else if is_fs(&origin) {
            let method = origin.last_step().unwrap_or_default();
            let Some(handler) = ctx.enclosing_handler(id) else {
                return;
            };
            if FS_REMOVES.contains(&method) {
                self.handlers_removing.push(handler);
            } else if FS_WRITES.contains(&method) {
                let target = if method.starts_with("rename")
                    || method.starts_with("copyFile")
                    || method.starts_with("cp")
                    || method.starts_with("move")
                {
                    call.arguments.get(1).and_then(Argument::as_expression)
                } else {
                    options
                };
                let folder = target.map(|t| folder_text(ctx, t));
                self.push(Shape::FsWrite, id, call, folder);
            }
        } else if let Some(form) = by_use::vendored_form(ctx, id, call, &origin) {
            self.push_vendored_form(id, call, form, ctx);
        } else {
            self.check_file_move(id, call, ctx);
        }
    }

    /// A formidable-style parse by a form from a relative module: reported at the parse,
    /// in the handler, with the folder its options name.
    fn push_vendored_form(
        &mut self,
        id: NodeId,
        call: &'a CallExpression<'a>,
        form: by_use::VendoredForm<'a>,
        ctx: &LintContext<'_, 'a>,
    ) {
        let Some(folder) = formidable_folder(ctx, form.options) else {
            return;
        };
        self.push(Shape::VendoredForm, id, call, folder);
        if let Some(found) = self.found.last_mut() {
            found.by_use = Some(ByUse::FormParse(form.module));
        }
    }

    fn check_formidable(
        &mut self,
        node: NodeId,
        span: Span,
        callee: &'a Expression<'a>,
        arguments: &'a [Argument<'a>],
        ctx: &LintContext<'_, 'a>,
    ) {
        let Some(folder) = formidable_folder(ctx, first_arg(arguments)) else {
            return;
        };
        self.found.push(Found {
            shape: Shape::Formidable,
            node,
            span,
            folder,
            callee,
            arguments,
            by_use: None,
        });
    }

    /// express-fileupload's `req.files.photo.mv(path)`.
    fn check_file_move(
        &mut self,
        id: NodeId,
        call: &'a CallExpression<'a>,
        ctx: &LintContext<'_, 'a>,
    ) {
        let Some(member) = call.callee.get_inner_expression().as_member_expression() else {
            return;
        };
        if member.static_property_name() != Some("mv") || ctx.enclosing_handler(id).is_none() {
            return;
        }
        if !comes_from_request_files(member.object(), ctx) {
            return;
        }
        let folder = first_arg(&call.arguments).map(|t| folder_text(ctx, t));
        self.push(Shape::FileMove, id, call, folder);
        if !by_use::imports_file_upload(ctx)
            && let Some(found) = self.found.last_mut()
        {
            found.by_use = Some(ByUse::FileMove);
        }
    }

    fn push(
        &mut self,
        shape: Shape,
        node: NodeId,
        call: &'a CallExpression<'a>,
        folder: Option<String>,
    ) {
        self.found.push(Found {
            shape,
            node,
            span: call.span,
            folder,
            callee: &call.callee,
            arguments: &call.arguments,
            by_use: None,
        });
    }

    /// The finding: what `run` found, in the rule's words, with its rewrites.
    fn report(
        &self,
        found: &Found<'a>,
        ctx: &LintContext<'_, 'a>,
        fields_by_route: &FieldsByRoute,
    ) -> Diagnostic {
        let state = StateInfo {
            location: StateLocation::LocalDisk,
            kind: StateKind::UploadedFiles,
            name: found
                .folder
                .clone()
                .unwrap_or_else(|| "temp folder".to_string()),
            routes: self.routes(found, ctx),
        };
        // A temp file deleted in the same request is only at risk while in flight.
        let temp_in_request = found.shape == Shape::FsWrite
            && ctx
                .enclosing_handler(found.node)
                .is_some_and(|h| self.handlers_removing.contains(&h));
        let message = diagnostic::message(found, temp_in_request);
        let mut diagnostic = finding(ctx, RULE, found.span, message, state);
        if temp_in_request {
            diagnostic.severity = Severity::Info;
        }
        diagnostic.labels = self.labels(found, ctx);
        diagnostic.help = Some(diagnostic::HELP.to_string());
        diagnostic.rewrites = self.rewrites(found, ctx, &diagnostic, fields_by_route);
        diagnostic
    }

    fn routes(&self, found: &Found<'a>, ctx: &LintContext<'_, 'a>) -> Vec<crate::HttpRoute> {
        let mut routes = ctx.routes_at(found.node);
        for (_, route) in self.mount_points(found, ctx) {
            if !routes.contains(&route) {
                routes.push(route);
            }
        }
        routes
    }

    /// Where the upload middleware built here is mounted on a route.
    fn mount_points(
        &self,
        found: &Found<'a>,
        ctx: &LintContext<'_, 'a>,
    ) -> Vec<(Span, crate::HttpRoute)> {
        let mut multer_nodes = vec![found.node];
        if found.shape == Shape::DiskStorage {
            multer_nodes = self
                .disk_storage_users
                .iter()
                .filter(|(span, _)| *span == found.span)
                .map(|(_, node)| *node)
                .collect();
        }
        let mut points = Vec::new();
        for node in multer_nodes {
            if let Some(route) = ctx.mount_of_call(node_span(ctx, node)) {
                points.push((node_span(ctx, node), route.clone()));
            }
            if let Some(symbol) = ctx.assigned_symbol(node) {
                for mount in ctx.mounts_of(symbol) {
                    points.push((mount.span, mount.route.clone()));
                }
            }
        }
        points
    }
}

pub(super) fn node_span(ctx: &LintContext<'_, '_>, node: NodeId) -> Span {
    ctx.semantic.nodes().kind(node).span()
}

fn is_fs(origin: &crate::resolve::Origin) -> bool {
    origin.is_from_any(&["fs", "fs-extra", "graceful-fs"])
        && origin.steps.len() <= 2
        && origin.steps.first().is_some_and(|s| s != CALL)
}

/// The folder formidable writes to with these options (`None` inside: its temp folder);
/// `None` when it writes nowhere local (`fileWriteStreamHandler`) or the options cannot be seen.
fn formidable_folder<'a>(
    ctx: &LintContext<'_, 'a>,
    options: Option<&'a Expression<'a>>,
) -> Option<Option<String>> {
    let shape = options.and_then(|o| ctx.resolve.object_shape(o));
    if options.is_some() && shape.is_none() {
        return None; // options we cannot see
    }
    if shape
        .as_ref()
        .is_some_and(|s| s.has("fileWriteStreamHandler") || s.unknown)
    {
        return None;
    }
    Some(
        shape
            .and_then(|s| s.get("uploadDir"))
            .map(|v| folder_text(ctx, v)),
    )
}

/// `req.files.x`, or a variable destructured from or assigned `req.files…` (also behind
/// `&&`, `||`, `??` and `?.`).
fn comes_from_request_files(expr: &Expression<'_>, ctx: &LintContext<'_, '_>) -> bool {
    let mut current = expr.get_inner_expression();
    for _ in 0..8 {
        match current {
            Expression::StaticMemberExpression(m) if m.property.name == "files" => return true,
            Expression::StaticMemberExpression(m) => current = m.object.get_inner_expression(),
            Expression::ComputedMemberExpression(m) => current = m.object.get_inner_expression(),
            // `req.files?.scan`
            Expression::ChainExpression(chain) => match chain.expression.as_member_expression() {
                Some(m) if m.static_property_name() == Some("files") => return true,
                Some(m) => current = m.object().get_inner_expression(),
                None => return false,
            },
            // `req.files && req.files.scan`, `req.files.scan || other`, `… ?? null`
            Expression::LogicalExpression(either) => {
                return comes_from_request_files(&either.right, ctx)
                    || comes_from_request_files(&either.left, ctx);
            }
            Expression::Identifier(_) => {
                let Some(symbol) = ctx.resolve.symbol_of(current) else {
                    return false;
                };
                let decl = ctx.semantic.scoping().symbol_declaration(symbol);
                let init = match ctx.semantic.nodes().kind(decl) {
                    AstKind::VariableDeclarator(d) => d.init.as_ref(),
                    // `req.files.photos.forEach((photo) => photo.mv(…))`
                    AstKind::FormalParameter(_) => by_use::listed_by(ctx, decl),
                    _ => None,
                };
                match init {
                    Some(init) => current = init.get_inner_expression(),
                    None => return false,
                }
            }
            _ => return false,
        }
    }
    false
}

/// The folder as written: a string's value, or the expression's source text.
fn folder_text<'a>(ctx: &LintContext<'_, 'a>, expr: &'a Expression<'a>) -> String {
    // A constant holding the folder reads as its value: `const dir = 'uploads'`.
    let expr = ctx.resolve.value_of(expr);
    if let Some(value) = string_value(expr) {
        return value.to_string();
    }
    if expr.is_function() {
        // multer's `destination: (req, file, cb) => cb(null, dir)` names the folder it picks.
        return callback_folder(expr).map_or_else(
            || "a folder picked per file".to_string(),
            |folder| folder_text(ctx, folder),
        );
    }
    // Whole expressions are shown cut at a word, in backticks by the message.
    let text = ctx
        .text(expr.span())
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if text.chars().count() <= 60 {
        return text;
    }
    let cut: String = text.chars().take(57).collect();
    format!("{}…", cut.trim_end())
}

/// The folder in `cb(null, folder)` when a destination function does only that.
fn callback_folder<'a>(function: &'a Expression<'a>) -> Option<&'a Expression<'a>> {
    let call = match function {
        Expression::ArrowFunctionExpression(arrow) => match &arrow.body {
            oxc_ast::ast::ArrowFunctionBody::FunctionBody(body) => match body.statements.last()? {
                oxc_ast::ast::Statement::ExpressionStatement(e) => &e.expression,
                _ => return None,
            },
            body => body.as_expression()?,
        },
        Expression::FunctionExpression(f) => match f.body.as_ref()?.statements.last()? {
            oxc_ast::ast::Statement::ExpressionStatement(e) => &e.expression,
            _ => return None,
        },
        _ => return None,
    };
    let Expression::CallExpression(call) = call.get_inner_expression() else {
        return None;
    };
    match call.arguments.as_slice() {
        [first, folder] if first.as_expression().is_some_and(Expression::is_null) => {
            folder.as_expression()
        }
        _ => None,
    }
}

fn same_folder(a: &str, b: &str) -> bool {
    let norm = |s: &str| s.trim_start_matches("./").trim_end_matches('/').to_string();
    norm(a) == norm(b)
}
