//! `no-local-uploads`: uploaded files kept on the server's own disk.
//!
//! Finds multer's `dest` and `diskStorage`, formidable's upload directory, express-fileupload
//! temp files and `.mv()`, and `fs` writes inside request handlers; labels where the upload
//! middleware is mounted and where the same folder is served back with `express.static`.

use oxc_ast::{
    AstKind,
    ast::{Argument, CallExpression, Expression},
};
use oxc_semantic::{AstNode, NodeId};
use oxc_span::{GetSpan, Span};

use super::{
    Rule, finding,
    rewrite::{BUCKET_CLIENT_SETUP, Import, MULTER_S3, PUT_OBJECT, RewriteBuilder, S3_CLIENT},
};
use crate::{
    context::LintContext,
    diagnostic::{Diagnostic, RuleId, Severity, StateInfo, StateKind, StateLocation},
    resolve::{CALL, first_arg, string_value},
};

const RULE: RuleId = RuleId::NoLocalUploads;

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
}

struct Found<'a> {
    shape: Shape,
    node: NodeId,
    span: Span,
    /// The folder written to, as written in the code.
    folder: Option<String>,
    callee: &'a Expression<'a>,
    arguments: &'a [Argument<'a>],
}

#[derive(Default)]
pub(crate) struct NoLocalUploads<'a> {
    found: Vec<Found<'a>>,
    /// `multer({ storage })` calls whose storage is a disk storage: (storage span, multer node).
    disk_storage_users: Vec<(Span, NodeId)>,
    /// Folders served with `express.static`: (folder text, call span).
    served: Vec<(String, Span)>,
    /// Handlers that also delete a file: a temp file used within one request.
    handlers_removing: Vec<NodeId>,
}

impl<'a> Rule<'a> for NoLocalUploads<'a> {
    fn run(&mut self, node: &AstNode<'a>, ctx: &LintContext<'_, 'a>) {
        match node.kind() {
            AstKind::CallExpression(call) => self.check_call(node.id(), call, ctx),
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
        this.found
            .iter()
            .map(|found| this.report(found, ctx))
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
                self.served.push((folder_text(ctx, folder), call.span));
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
        } else {
            self.check_file_move(id, call, ctx);
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
        let options = first_arg(arguments);
        let shape = options.and_then(|o| ctx.resolve.object_shape(o));
        if options.is_some() && shape.is_none() {
            return; // options we cannot see
        }
        if shape
            .as_ref()
            .is_some_and(|s| s.has("fileWriteStreamHandler") || s.unknown)
        {
            return;
        }
        let folder = shape
            .and_then(|s| s.get("uploadDir"))
            .map(|v| folder_text(ctx, v));
        self.found.push(Found {
            shape: Shape::Formidable,
            node,
            span,
            folder,
            callee,
            arguments,
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
        });
    }

    fn report(&self, found: &Found<'a>, ctx: &LintContext<'_, 'a>) -> Diagnostic {
        let folder = found.folder.clone();
        let where_ = match folder.as_deref() {
            None => "the operating system's temp folder".to_string(),
            Some(f) if f.contains(' ') && !f.contains('(') => f.to_string(),
            Some(f) => format!("`{f}`"),
        };
        let message = match found.shape {
            Shape::MulterDest => {
                format!("multer saves uploaded files to {where_} on this server's disk.")
            }
            Shape::DiskStorage => format!(
                "multer.diskStorage saves uploaded files to {where_} on this server's disk."
            ),
            Shape::Formidable => {
                format!("formidable writes uploaded files to {where_} on this server's disk.")
            }
            Shape::FileUploadTempFiles => format!(
                "express-fileupload writes uploads as temp files in {where_} on this server's disk."
            ),
            Shape::FileMove => {
                format!("`.mv()` moves the uploaded file to {where_} on this server's disk.")
            }
            Shape::FsWrite => {
                format!("This request handler writes a file to {where_} on this server's disk.")
            }
        };
        let state = StateInfo {
            location: StateLocation::LocalDisk,
            kind: StateKind::UploadedFiles,
            name: folder.clone().unwrap_or_else(|| "temp folder".to_string()),
            routes: self.routes(found, ctx),
        };
        let mut diagnostic = finding(ctx, RULE, found.span, message, state);
        diagnostic.labels = self.labels(found, ctx);
        diagnostic.help = Some(
            "Send uploads to object storage (S3, Google Cloud Storage, Azure Blob) so every \
             instance can read them and none is lost with a server; multer-s3 or presigned \
             URLs do this without touching the local disk."
                .to_string(),
        );
        let temp_in_request = found.shape == Shape::FsWrite
            && ctx
                .enclosing_handler(found.node)
                .is_some_and(|h| self.handlers_removing.contains(&h));
        if temp_in_request {
            diagnostic.severity = Severity::Info;
            diagnostic.message.push_str(
                " It is deleted within the same request, so only an in-flight upload is at risk.",
            );
        }
        diagnostic.rewrites = rewrites(found, ctx);
        diagnostic
    }

    fn routes(&self, found: &Found<'a>, ctx: &LintContext<'_, 'a>) -> Vec<crate::Route> {
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
    ) -> Vec<(Span, crate::Route)> {
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

    fn labels(&self, found: &Found<'a>, ctx: &LintContext<'_, 'a>) -> Vec<crate::Label> {
        let mut labels: Vec<crate::Label> = self
            .mount_points(found, ctx)
            .into_iter()
            .map(|(span, route)| {
                ctx.label(
                    span,
                    format!("this upload middleware is mounted on {route}"),
                )
            })
            .collect();
        if let Some(folder) = &found.folder {
            for (served, span) in &self.served {
                if same_folder(served, folder) {
                    labels.push(ctx.label(
                        *span,
                        "the same folder is served from this instance's disk here",
                    ));
                }
            }
        }
        labels
    }
}

fn node_span(ctx: &LintContext<'_, '_>, node: NodeId) -> Span {
    ctx.semantic.nodes().kind(node).span()
}

fn is_fs(origin: &crate::resolve::Origin) -> bool {
    origin.from_any(&["fs", "fs-extra", "graceful-fs"])
        && origin.steps.len() <= 2
        && origin.steps.first().is_some_and(|s| s != CALL)
}

/// `req.files.x`, or a variable destructured from or assigned `req.files…`.
fn comes_from_request_files(expr: &Expression<'_>, ctx: &LintContext<'_, '_>) -> bool {
    let mut current = expr.get_inner_expression();
    for _ in 0..8 {
        match current {
            Expression::StaticMemberExpression(m) if m.property.name == "files" => return true,
            Expression::StaticMemberExpression(m) => current = m.object.get_inner_expression(),
            Expression::ComputedMemberExpression(m) => current = m.object.get_inner_expression(),
            Expression::Identifier(_) => {
                let Some(symbol) = ctx.resolve.symbol_of(current) else {
                    return false;
                };
                let decl = ctx.semantic.scoping().symbol_declaration(symbol);
                let AstKind::VariableDeclarator(d) = ctx.semantic.nodes().kind(decl) else {
                    return false;
                };
                match &d.init {
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
fn folder_text(ctx: &LintContext<'_, '_>, expr: &Expression<'_>) -> String {
    match string_value(expr) {
        Some(value) => value.to_string(),
        None if expr.get_inner_expression().is_function() => "a folder picked per file".to_string(),
        None => {
            let text = ctx.text(expr.span());
            let text: String = text.chars().take(60).collect();
            text.split_whitespace().collect::<Vec<_>>().join(" ")
        }
    }
}

fn same_folder(a: &str, b: &str) -> bool {
    let norm = |s: &str| s.trim_start_matches("./").trim_end_matches('/').to_string();
    norm(a) == norm(b)
}

const FS_IMPORT: Import = Import {
    module: "fs",
    default: None,
    named: &["createReadStream"],
};
const LIB_STORAGE: Import = Import {
    module: "@aws-sdk/lib-storage",
    default: None,
    named: &["Upload"],
};
const PASS_THROUGH: Import = Import {
    module: "stream",
    default: None,
    named: &["PassThrough"],
};

/// A writable stream that uploads what is written to it into the bucket.
const STREAM_TO_BUCKET_SETUP: (&str, &str) = (
    "streamToBucket",
    "function streamToBucket(key) {
  const body = new PassThrough();
  new Upload({ client: bucketClient, params: { Bucket: process.env.UPLOAD_BUCKET, Key: key, Body: body } })
    .done()
    .catch(console.error);
  return body;
}",
);

const MULTER_S3_STORAGE: &str = "multerS3({
    s3: bucketClient,
    bucket: process.env.UPLOAD_BUCKET,
    key: (req, file, cb) => cb(null, `uploads/${Date.now()}-${file.originalname}`),
  })";

fn with_bucket_client(builder: &mut RewriteBuilder, ctx: &LintContext<'_, '_>) {
    builder
        .import(ctx, S3_CLIENT)
        .setup(ctx, BUCKET_CLIENT_SETUP);
}

fn with_stream_to_bucket(builder: &mut RewriteBuilder, ctx: &LintContext<'_, '_>) {
    builder.import(ctx, LIB_STORAGE).import(ctx, PASS_THROUGH);
    with_bucket_client(builder, ctx);
    builder.setup(ctx, STREAM_TO_BUCKET_SETUP);
}

/// `bucketClient.send(new PutObjectCommand({ … }))`, passing a node-style callback on.
fn put_object(key: &str, body: &str, callback: Option<&str>) -> String {
    let put = format!(
        "bucketClient.send(new PutObjectCommand({{ Bucket: process.env.UPLOAD_BUCKET, Key: {key}, Body: {body} }}))"
    );
    match callback {
        Some(cb) => format!("{put}.then(() => ({cb})(null), (err) => ({cb})(err))"),
        None => put,
    }
}

fn rewrites(found: &Found<'_>, ctx: &LintContext<'_, '_>) -> Vec<crate::Rewrite> {
    let arg = |i: usize| found.arguments.get(i).and_then(Argument::as_expression);
    let arg_text = |i: usize| arg(i).map(|e| ctx.text(e.span()));
    let callback = found
        .arguments
        .last()
        .and_then(Argument::as_expression)
        .filter(|e| e.get_inner_expression().is_function())
        .map(|e| ctx.text(e.span()));
    let option_prop = |name: &str| -> Option<Span> {
        let shape = ctx.resolve.object_shape(arg(0)?)?;
        let literal = shape.literal?;
        literal
            .properties
            .iter()
            .filter_map(|p| p.as_property())
            .find_map(|p| (p.key.static_name().as_deref() == Some(name)).then_some(p.span))
    };
    let mut out = Vec::new();
    match found.shape {
        Shape::MulterDest => {
            let Some(dest) = option_prop("dest") else {
                return out;
            };
            let mut s3 = RewriteBuilder::new("Store uploads in S3 with multer-s3");
            s3.replace(dest, format!("storage: {MULTER_S3_STORAGE}"))
                .import(ctx, MULTER_S3);
            with_bucket_client(&mut s3, ctx);
            out.push(s3.build(ctx));
            let mut memory = RewriteBuilder::new(
                "Keep uploads in memory and put them in object storage yourself",
            );
            memory.replace(
                dest,
                format!("storage: {}.memoryStorage()", ctx.text(found.callee.span())),
            );
            out.push(memory.build(ctx));
        }
        Shape::DiskStorage => {
            let mut s3 = RewriteBuilder::new("Store uploads in S3 with multer-s3");
            s3.replace(found.span, MULTER_S3_STORAGE.replace("\n  ", "\n"))
                .import(ctx, MULTER_S3);
            with_bucket_client(&mut s3, ctx);
            out.push(s3.build(ctx));
            if let Some(member) = found.callee.get_inner_expression().as_member_expression() {
                let mut memory = RewriteBuilder::new(
                    "Keep uploads in memory and put them in object storage yourself",
                );
                memory.replace(
                    found.span,
                    format!("{}.memoryStorage()", ctx.text(member.object().span())),
                );
                out.push(memory.build(ctx));
            }
        }
        Shape::Formidable => {
            let handler = "fileWriteStreamHandler: (file) => streamToBucket(file.newFilename)";
            let mut s3 = RewriteBuilder::new("Stream uploads to S3 with fileWriteStreamHandler");
            match arg(0)
                .and_then(|o| ctx.resolve.object_shape(o))
                .and_then(|s| s.literal)
            {
                Some(literal) => {
                    let separator = if literal.properties.is_empty() {
                        " "
                    } else {
                        " "
                    };
                    let trailing = if literal.properties.is_empty() {
                        " "
                    } else {
                        ","
                    };
                    s3.insert(
                        literal.span.start + 1,
                        format!("{separator}{handler}{trailing}"),
                    );
                }
                None if ctx.text(found.span).ends_with(')') => {
                    s3.insert(found.span.end - 1, format!("{{ {handler} }}"));
                }
                None => {
                    s3.insert(found.span.end, format!("({{ {handler} }})"));
                }
            }
            with_stream_to_bucket(&mut s3, ctx);
            out.push(s3.build(ctx));
        }
        Shape::FileUploadTempFiles => {
            let shape = arg(0).and_then(|o| ctx.resolve.object_shape(o));
            if let Some(value) = shape.and_then(|s| s.get("useTempFiles")) {
                let mut memory =
                    RewriteBuilder::new("Keep uploads in memory (useTempFiles: false)");
                memory.replace(value.span(), "false");
                out.push(memory.build(ctx));
            }
        }
        Shape::FileMove => {
            let (Some(key), Some(member)) = (
                arg_text(0),
                found.callee.get_inner_expression().as_member_expression(),
            ) else {
                return out;
            };
            let body = format!("{}.data", ctx.text(member.object().span()));
            let mut s3 = RewriteBuilder::new("Put the file in S3 instead of moving it to disk");
            s3.replace(found.span, put_object(key, &body, callback))
                .import(ctx, PUT_OBJECT);
            with_bucket_client(&mut s3, ctx);
            out.push(s3.build(ctx));
        }
        Shape::FsWrite => {
            let method = ctx
                .origin(found.callee)
                .and_then(|o| o.last_step().map(str::to_string));
            let method = method.unwrap_or_default();
            let mut s3 = RewriteBuilder::new("Write the file to S3 instead of the local disk");
            if method == "createWriteStream" {
                let Some(key) = arg_text(0) else { return out };
                s3.replace(found.span, format!("streamToBucket({key})"));
                with_stream_to_bucket(&mut s3, ctx);
            } else if ["rename", "copyFile", "cp", "move"]
                .iter()
                .any(|m| method.starts_with(m))
            {
                let (Some(from), Some(to)) = (arg_text(0), arg_text(1)) else {
                    return out;
                };
                let body = format!("createReadStream({from})");
                s3.replace(found.span, put_object(to, &body, callback))
                    .import(ctx, PUT_OBJECT)
                    .import(ctx, FS_IMPORT);
                with_bucket_client(&mut s3, ctx);
            } else {
                let (Some(key), Some(data)) = (arg_text(0), arg_text(1)) else {
                    return out;
                };
                let body = if method.contains("Json") {
                    format!("JSON.stringify({data})")
                } else {
                    data.to_string()
                };
                s3.replace(found.span, put_object(key, &body, callback))
                    .import(ctx, PUT_OBJECT);
                with_bucket_client(&mut s3, ctx);
            }
            out.push(s3.build(ctx));
        }
    }
    out
}
