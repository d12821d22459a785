//! `no-local-uploads`: uploaded files kept on the server's own disk.
//!
//! Finds multer's `dest` and `diskStorage`, formidable's upload directory, express-fileupload
//! temp files and `.mv()`, and `fs` writes inside request handlers; labels where the upload
//! middleware is mounted and where the same folder is served back with `express.static`.

use std::collections::HashMap;

use oxc_ast::{
    AstKind,
    ast::{Argument, CallExpression, Expression},
};
use oxc_semantic::{AstNode, NodeId};
use oxc_span::{GetSpan, Span};

use super::{
    Rule, finding,
    rewrite::{
        BUCKET_CLIENT_SETUP, Import, MULTER_S3, PUT_OBJECT, RewriteBuilder, S3_CLIENT,
        top_level_statement,
    },
};
use crate::{
    context::LintContext,
    diagnostic::{Diagnostic, RuleId, Severity, StateInfo, StateKind, StateLocation},
    requirements::Service,
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

    fn report(
        &self,
        found: &Found<'a>,
        ctx: &LintContext<'_, 'a>,
        fields_by_route: &FieldsByRoute,
    ) -> Diagnostic {
        let folder = found.folder.clone();
        let where_ = match folder.as_deref() {
            None => "the operating system's temp folder".to_string(),
            Some(f) if f.starts_with("a folder") => f.to_string(),
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
        let routes = diagnostic
            .state
            .as_ref()
            .map(|s| s.routes.as_slice())
            .unwrap_or_default();
        let fields: Vec<FileField> = routes
            .iter()
            .filter_map(|route| fields_by_route.get(route))
            .flatten()
            .copied()
            .collect();
        let served: Vec<NodeId> = found
            .folder
            .iter()
            .flat_map(|folder| {
                self.served
                    .iter()
                    .filter(|s| same_folder(&s.folder, folder))
            })
            .map(|s| s.node)
            .collect();
        let app = AppFacts {
            fields: &fields,
            served: &served,
            bucket_env: self.bucket_env.unwrap_or("UPLOAD_BUCKET"),
        };
        diagnostic.rewrites = rewrites(found, ctx, &app);
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
            for served in &self.served {
                if same_folder(&served.folder, folder) {
                    labels.push(ctx.label(
                        served.span,
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
    origin.is_from_any(&["fs", "fs-extra", "graceful-fs"])
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

const FS_IMPORT: Import = Import {
    module: "fs",
    default: None,
    named: &["createReadStream"],
    commonjs_named: false,
    major: None,
    service: None,
};
const LIB_STORAGE: Import = Import {
    module: "@aws-sdk/lib-storage",
    default: None,
    named: &["Upload"],
    commonjs_named: false,
    major: Some("3"),
    service: Some(Service::ObjectStorage),
};
const STREAM: Import = Import {
    module: "stream",
    default: None,
    named: &["PassThrough", "Writable"],
    commonjs_named: false,
    major: None,
    service: None,
};
const RANDOM_UUID: Import = Import {
    module: "crypto",
    default: None,
    named: &["randomUUID"],
    commonjs_named: false,
    major: None,
    service: None,
};
const GET_OBJECT: Import = Import {
    module: "@aws-sdk/client-s3",
    default: None,
    named: &["GetObjectCommand", "NoSuchKey"],
    commonjs_named: false,
    major: Some("3"),
    service: Some(Service::ObjectStorage),
};

/// The name every upload rewrite reads the bucket from.
const BUCKET: &str = "uploadBucket";

/// A writable stream that uploads what is written to it into the bucket. It finishes only
/// once the object is stored and fails when storing fails: whoever waits for the stream
/// (formidable does before calling back) answers after the upload, and learns of errors.
const STREAM_TO_BUCKET_SETUP: (&str, &str) = (
    "streamToBucket",
    "function streamToBucket(key, contentType) {
  const body = new PassThrough();
  const params = { Bucket: uploadBucket, Key: key, Body: body, ContentType: contentType };
  const stored = new Upload({ client: bucketClient, params }).done();
  const sink = new Writable({
    write(chunk, encoding, callback) {
      body.write(chunk, encoding, callback);
    },
    final(callback) {
      body.end();
      stored.then(() => callback(), callback);
    },
  });
  stored.catch((err) => sink.destroy(err));
  return Object.assign(sink, { stored });
}",
);

/// Wraps formidable's parse callback: formidable drops a file stream's error once the
/// request has been read, which is when an upload to the bucket ends, so it would call
/// back as if the file were stored.
const WHEN_STORED_SETUP: (&str, &str) = (
    "whenStored",
    "function whenStored(res, callback) {
  return (err, fields, files) => {
    const uploads = Object.values(files ?? {}).flat().map((file) => file.upload?.stored);
    Promise.all(uploads).then(
      () => callback(err, fields, files),
      (storeErr) => res.status(502).json({ error: `The upload could not be stored: ${storeErr.message}` }),
    );
  };
}",
);

/// Keys are random and free of `/`, so one route parameter can carry them back.
const MULTER_S3_STORAGE: &str = "multerS3({
    s3: bucketClient,
    bucket: uploadBucket,
    contentType: multerS3.AUTO_CONTENT_TYPE,
    key: (req, file, cb) => cb(null, randomUUID()),
  })";

/// What a rewrite needs to know about the rest of the app.
struct AppFacts<'f> {
    /// `req.file.filename` / `.path` reads in the routes the upload middleware serves.
    fields: &'f [FileField],
    /// `express.static(…)` calls that serve the folder written to.
    served: &'f [NodeId],
    /// The environment variable naming the bucket: the app's own, else `UPLOAD_BUCKET`.
    bucket_env: &'f str,
}

/// The shared S3 client, and the bucket name read once at start-up: a server without it
/// stops at once instead of failing every upload later (and TypeScript sees a `string`).
fn with_bucket(builder: &mut RewriteBuilder, ctx: &LintContext<'_, '_>, bucket_env: &str) {
    let bucket = format!(
        "const {BUCKET} = process.env.{bucket_env};\nif (!{BUCKET}) throw new Error('Set {bucket_env} to the bucket that keeps uploads.');"
    );
    builder
        .import(ctx, S3_CLIENT)
        .setup(ctx, BUCKET_CLIENT_SETUP)
        .setup(ctx, (BUCKET, &bucket));
}

/// The routes' `req.file.filename` / `req.file.path` reads, by route.
type FieldsByRoute = HashMap<crate::Route, Vec<FileField>>;

/// multer-s3 describes a stored file by `key` and `location`; disk storage's `filename`
/// and `path` are undefined with it, so handlers reading them are switched over.
fn disk_file_field(member: &oxc_ast::ast::StaticMemberExpression<'_>) -> Option<FileField> {
    let multer_s3_name = match member.property.name.as_str() {
        "filename" => "key",
        "path" => "location",
        _ => return None,
    };
    match member.object.get_inner_expression() {
        Expression::StaticMemberExpression(object) if object.property.name == "file" => {
            Some(FileField {
                object: object.span,
                property: member.property.span,
                optional: member.optional,
                multer_s3_name,
            })
        }
        _ => None,
    }
}

/// `DOCUMENT_BUCKET` in `process.env.DOCUMENT_BUCKET`.
fn bucket_env_name<'a>(member: &oxc_ast::ast::StaticMemberExpression<'a>) -> Option<&'a str> {
    let Expression::StaticMemberExpression(env) = member.object.get_inner_expression() else {
        return None;
    };
    let is_process_env = env.property.name == "env"
        && matches!(env.object.get_inner_expression(), Expression::Identifier(p) if p.name == "process");
    let name = member.property.name.as_str();
    (is_process_env && name.to_ascii_uppercase().contains("BUCKET")).then_some(name)
}

fn use_multer_s3_file_fields(
    builder: &mut RewriteBuilder,
    ctx: &LintContext<'_, '_>,
    fields: &[FileField],
) {
    let typescript = ctx.semantic.nodes().program().source_type.is_typescript();
    for field in fields {
        builder.replace(field.property, field.multer_s3_name);
        if typescript {
            // `key` and `location` are declared on multer-s3's file type only.
            let undefined = if field.optional { " | undefined" } else { "" };
            let object = ctx.text(field.object);
            builder.replace(
                field.object,
                format!("({object} as Express.MulterS3.File{undefined})"),
            );
        }
    }
}

/// Replaces `app.use('/avatars', express.static(dir))` of the old folder with a route that
/// reads the same paths from the bucket, so links the app hands out keep working on every
/// instance. Mounts of another shape are left for a person to change.
fn serve_from_bucket(
    builder: &mut RewriteBuilder,
    ctx: &LintContext<'_, '_>,
    served: NodeId,
) -> Option<Span> {
    let nodes = ctx.semantic.nodes();
    let static_span = node_span(ctx, served);
    let AstKind::CallExpression(mount) = nodes.parent_kind(served) else {
        return None;
    };
    let member = mount.callee.get_inner_expression().as_member_expression()?;
    if member.static_property_name() != Some("use")
        || mount.arguments.last().map(GetSpan::span) != Some(static_span)
    {
        return None;
    }
    let prefix = match mount.arguments.as_slice() {
        [_] => "",
        [path, _] => match path.as_expression().and_then(string_value) {
            Some(path) => path.trim_end_matches('/'),
            None => return None,
        },
        _ => return None,
    };
    let statement = nodes.parent_node(nodes.parent_id(served));
    let AstKind::ExpressionStatement(statement) = statement.kind() else {
        return None;
    };
    let router = ctx.text(member.object().span());
    let indent = indentation(ctx, statement.span.start);
    let route = format!(
        "// Uploads are read back from the bucket, so any instance can serve any of them.
{router}.get('{prefix}/:key', async (req, res, next) => {{
  try {{
    const object = await bucketClient.send(new GetObjectCommand({{ Bucket: {BUCKET}, Key: req.params.key }}));
    if (!object.Body) return next();
    if (object.ContentType) res.type(object.ContentType);
    res.send(Buffer.from(await object.Body.transformToByteArray()));
  }} catch (err) {{
    next(err instanceof NoSuchKey ? undefined : err);
  }}
}});"
    )
    .replace('\n', &format!("\n{indent}"));
    builder
        .replace(statement.span, route)
        .import(ctx, GET_OBJECT);
    builder.remove_stale_comments(ctx, statement.span, statement.span, says_stored_locally);
    Some(statement.span)
}

/// The spaces and tabs before `at` on its line.
fn indentation<'s>(ctx: &LintContext<'s, '_>, at: u32) -> &'s str {
    let source = ctx.source();
    let line_start = source[..at as usize].rfind('\n').map_or(0, |i| i + 1);
    let before = &source[line_start..at as usize];
    if before.trim().is_empty() { before } else { "" }
}

/// Whether a comment describes the local folder the rewrite moves away from.
fn says_stored_locally(comment: &str) -> bool {
    let comment = comment.to_lowercase();
    ["disk", "folder", "directory", "local"]
        .iter()
        .any(|word| comment.contains(word))
}

/// A multer-s3 rewrite: `storage_span` becomes `storage_text`; handlers, the static mount
/// of the old folder, comments and requires follow.
fn multer_s3_rewrite(
    found: &Found<'_>,
    ctx: &LintContext<'_, '_>,
    app: &AppFacts<'_>,
    storage_span: Span,
    storage_text: String,
) -> crate::Rewrite {
    let mut s3 = RewriteBuilder::new("Store uploads in S3 with multer-s3");
    s3.replace(storage_span, storage_text)
        .import(ctx, MULTER_S3)
        .import(ctx, RANDOM_UUID);
    let mut replaced = vec![storage_span];
    // Before the bucket's set-up code, so that every import comes first.
    for &served in app.served {
        replaced.extend(serve_from_bucket(&mut s3, ctx, served));
    }
    with_bucket(&mut s3, ctx, app.bucket_env);
    use_multer_s3_file_fields(&mut s3, ctx, app.fields);
    if let Some(statement) = top_level_statement(ctx, found.span) {
        s3.remove_stale_comments(ctx, statement, storage_span, says_stored_locally);
    }
    s3.remove_unused_declarations(ctx, &replaced);
    s3.build(ctx)
}

/// For `const form = formidable(…)` in a handler: the callback of its
/// `form.parse(req, (err, fields, files) => …)` and the name of the handler's response.
fn parse_callback<'s>(found: &Found<'_>, ctx: &LintContext<'s, '_>) -> Option<(Span, &'s str)> {
    let nodes = ctx.semantic.nodes();
    let handler = ctx.enclosing_handler(found.node)?;
    let params = match nodes.kind(handler) {
        AstKind::ArrowFunctionExpression(f) => &f.params,
        AstKind::Function(f) => &f.params,
        _ => return None,
    };
    let res = params
        .items
        .get(1)?
        .pattern
        .get_binding_identifier()?
        .name
        .as_str();
    let form = ctx.assigned_symbol(found.node)?;
    ctx.semantic
        .scoping()
        .get_resolved_references(form)
        .find_map(|reference| {
            let AstKind::StaticMemberExpression(member) = nodes.parent_kind(reference.node_id())
            else {
                return None;
            };
            let member_id = nodes.parent_id(reference.node_id());
            let AstKind::CallExpression(call) = nodes.parent_kind(member_id) else {
                return None;
            };
            if member.property.name != "parse" || call.callee.span() != member.span {
                return None;
            }
            match call.arguments.as_slice() {
                [_, callback] if callback.as_expression()?.is_function() => {
                    Some((callback.span(), res))
                }
                _ => None,
            }
        })
}

/// A synchronous write answered before the handler went on; its replacement is a promise,
/// awaited so that the handler still answers after the write, and a failure reaches the
/// client (Express 5 turns a rejected handler into a 500). Only where the handler itself
/// writes: making a helper it calls async would change what its callers get back.
fn await_in_handler(builder: &mut RewriteBuilder, ctx: &LintContext<'_, '_>, found: &Found<'_>) {
    let nodes = ctx.semantic.nodes();
    let function = nodes
        .ancestors(found.node)
        .find(|n| n.kind().is_function_like())
        .map(AstNode::id);
    if function.is_some() && function == ctx.enclosing_handler(found.node) {
        builder
            .insert(found.span.start, "await ")
            .make_async(ctx, found.node);
    }
}

fn with_stream_to_bucket(
    builder: &mut RewriteBuilder,
    ctx: &LintContext<'_, '_>,
    bucket_env: &str,
) {
    builder.import(ctx, LIB_STORAGE).import(ctx, STREAM);
    with_bucket(builder, ctx, bucket_env);
    let (name, code) = STREAM_TO_BUCKET_SETUP;
    if ctx.semantic.nodes().program().source_type.is_typescript() {
        // `--strict` rejects parameters without a type.
        let typed = code.replacen(
            "(key, contentType)",
            "(key: string, contentType?: string)",
            1,
        );
        builder.setup(ctx, (name, &typed));
    } else {
        builder.setup(ctx, (name, code));
    }
}

/// `bucketClient.send(new PutObjectCommand({ … }))`, passing a node-style callback on.
fn put_object(key: &str, body: &str, content_type: Option<&str>, callback: Option<&str>) -> String {
    let content_type = content_type
        .map(|t| format!(", ContentType: {t}"))
        .unwrap_or_default();
    let put = format!(
        "bucketClient.send(new PutObjectCommand({{ Bucket: {BUCKET}, Key: {key}, Body: {body}{content_type} }}))"
    );
    match callback {
        Some(cb) => format!("{put}.then(() => ({cb})(null), (err) => ({cb})(err))"),
        None => put,
    }
}

fn rewrites(
    found: &Found<'_>,
    ctx: &LintContext<'_, '_>,
    app: &AppFacts<'_>,
) -> Vec<crate::Rewrite> {
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
    // multer's memory storage is not offered: on its own it stores nothing, and the
    // handlers behind it would still answer as if the file had been kept.
    match found.shape {
        Shape::MulterDest => {
            let Some(dest) = option_prop("dest") else {
                return out;
            };
            out.push(multer_s3_rewrite(
                found,
                ctx,
                app,
                dest,
                format!("storage: {MULTER_S3_STORAGE}"),
            ));
        }
        Shape::DiskStorage => {
            out.push(multer_s3_rewrite(
                found,
                ctx,
                app,
                found.span,
                MULTER_S3_STORAGE.replace("\n  ", "\n"),
            ));
        }
        Shape::Formidable => {
            // Kept on the file, so that `whenStored` finds the upload again.
            let handler = "fileWriteStreamHandler: (file) => (file.upload = streamToBucket(file.newFilename, file.mimetype))";
            let mut s3 = RewriteBuilder::new("Stream uploads to S3 with fileWriteStreamHandler");
            match arg(0)
                .and_then(|o| ctx.resolve.object_shape(o))
                .and_then(|s| s.literal)
            {
                // With a stream handler formidable no longer writes to `uploadDir`: the
                // handler takes its place rather than leaving a folder that is not used.
                Some(_) if option_prop("uploadDir").is_some() => {
                    if let Some(upload_dir) = option_prop("uploadDir") {
                        s3.replace(upload_dir, handler)
                            .remove_unused_declarations(ctx, &[upload_dir]);
                    }
                }
                Some(literal) => {
                    let separator = " ";
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
            with_stream_to_bucket(&mut s3, ctx, app.bucket_env);
            if let Some((callback, res)) = parse_callback(found, ctx) {
                s3.setup(ctx, WHEN_STORED_SETUP)
                    .insert(callback.start, format!("whenStored({res}, "))
                    .insert(callback.end, ")");
            }
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
            let file = ctx.text(member.object().span());
            let (body, content_type) = (format!("{file}.data"), format!("{file}.mimetype"));
            let mut s3 = RewriteBuilder::new("Put the file in S3 instead of moving it to disk");
            s3.replace(
                found.span,
                put_object(key, &body, Some(&content_type), callback),
            )
            .import(ctx, PUT_OBJECT);
            with_bucket(&mut s3, ctx, app.bucket_env);
            s3.remove_unused_declarations(ctx, &[found.span]);
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
                with_stream_to_bucket(&mut s3, ctx, app.bucket_env);
            } else if ["rename", "copyFile", "cp", "move"]
                .iter()
                .any(|m| method.starts_with(m))
            {
                let (Some(from), Some(to)) = (arg_text(0), arg_text(1)) else {
                    return out;
                };
                let body = format!("createReadStream({from})");
                s3.replace(found.span, put_object(to, &body, None, callback))
                    .import(ctx, PUT_OBJECT)
                    .import(ctx, FS_IMPORT);
                with_bucket(&mut s3, ctx, app.bucket_env);
            } else {
                let (Some(key), Some(data)) = (arg_text(0), arg_text(1)) else {
                    return out;
                };
                let body = if method.contains("Json") {
                    format!("JSON.stringify({data})")
                } else {
                    data.to_string()
                };
                s3.replace(found.span, put_object(key, &body, None, callback))
                    .import(ctx, PUT_OBJECT);
                with_bucket(&mut s3, ctx, app.bucket_env);
            }
            if method.ends_with("Sync") {
                await_in_handler(&mut s3, ctx, found);
            }
            s3.remove_unused_declarations(ctx, &[found.span]);
            out.push(s3.build(ctx));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::rules::tester::{Invalid, Tester, Valid, describe, invalid, positions};

    const TESTER: Tester = Tester::new(RULE);

    const INVALID: &[Invalid] = &[
        // ----- multer -----
        invalid(
            "multer dest literal",
            "app.js",
            "const multer = require('multer');
const upload = multer({ dest: 'uploads/' });",
            &[(2, 16, 2, 44)],
        ),
        invalid(
            "multer dest computed",
            "app.js",
            "const path = require('path');
const multer = require('multer');
const upload = multer({ dest: path.join(__dirname, 'uploads') });",
            &[(3, 16, 3, 65)],
        ),
        invalid(
            "multer options through a variable",
            "app.js",
            "const multer = require('multer');
const options = { dest: 'uploads/', limits: { fileSize: 1e6 } };
const upload = multer(options);",
            &[(3, 16, 3, 31)],
        ),
        invalid(
            "multer dest set by a later property write",
            "app.js",
            "const multer = require('multer');
const opts = { limits: { fileSize: 1e6 } };
opts.dest = 'uploads/';
const upload = multer(opts);",
            &[(4, 16, 4, 28)],
        )
        // The rewrite only edits a property of the options literal; rewriting the
        // assignment statement would have to change what else reads `opts`.
        .no_rewrite("`dest` is set by `opts.dest = …` on another line"),
        invalid(
            "multer dest next to a spread",
            "app.js",
            "const multer = require('multer');
const base = { limits: { fileSize: 1e6 } };
const dest = 'uploads/';
const upload = multer({ ...base, dest });",
            &[(4, 16, 4, 41)],
        ),
        invalid(
            "multer dest inside a spread",
            "app.js",
            "const multer = require('multer');
const base = { dest: 'uploads/' };
const upload = multer({ ...base, limits: { files: 1 } });",
            &[(3, 16, 3, 57)],
        )
        // Other code may share `base`: editing it could change more than this multer.
        .no_rewrite("`dest` comes from the spread `base` object"),
        invalid(
            "multer dest mounted on a route",
            "app.js",
            "const express = require('express');
const multer = require('multer');
const app = express();
const upload = multer({ dest: 'uploads/' });
app.post('/photos', upload.single('photo'), (req, res) => res.sendStatus(201));",
            &[(4, 16, 4, 44)],
        )
        .labels(&["this upload middleware is mounted on POST /photos"])
        .routes(&["POST /photos"]),
        invalid(
            "multer dest folder served back with express.static",
            "app.js",
            "const express = require('express');
const multer = require('multer');
const app = express();
const upload = multer({ dest: 'uploads/' });
app.use('/uploads', express.static('uploads'));",
            &[(4, 16, 4, 44)],
        )
        .labels(&["the same folder is served from this instance's disk here"]),
        invalid(
            "multer.diskStorage with destination, used by a mounted multer",
            "app.js",
            "const express = require('express');
const multer = require('multer');
const app = express();
const storage = multer.diskStorage({
  destination: 'uploads/',
  filename: (req, file, cb) => cb(null, file.originalname),
});
const upload = multer({ storage });
app.post('/photos', upload.single('photo'), (req, res) => res.sendStatus(201));",
            &[(4, 17, 7, 3)],
        )
        .labels(&["this upload middleware is mounted on POST /photos"]),
        invalid(
            "multer.diskStorage without destination (OS temp folder)",
            "app.js",
            "const multer = require('multer');
const storage = multer.diskStorage({
  filename(req, file, cb) { cb(null, Date.now() + '-' + file.originalname); },
});",
            &[(2, 17, 4, 3)],
        ),
        invalid(
            "named import of diskStorage",
            "app.mjs",
            "import multer, { diskStorage } from 'multer';
const storage = diskStorage({ destination: './storage/receipts' });
export const upload = multer({ storage });",
            &[(2, 17, 2, 67)],
        ),
        invalid(
            "ESM default import",
            "app.mjs",
            "import multer from 'multer';
const upload = multer({ dest: 'uploads/' });",
            &[(2, 16, 2, 44)],
        ),
        invalid(
            "alias of the package",
            "app.js",
            "const m = require('multer');
const makeUpload = m;
const upload = makeUpload({ dest: 'tmp/' });",
            &[(3, 16, 3, 44)],
        ),
        invalid(
            "inline require",
            "app.js",
            "const upload = require('multer')({ dest: 'uploads/' });",
            &[(1, 16, 1, 55)],
        ),
        // ----- formidable -----
        invalid(
            "formidable() with default options",
            "app.js",
            "const formidable = require('formidable');
app.post('/upload', (req, res) => {
  const form = formidable();
  form.parse(req, (err, fields, files) => res.json(files));
});",
            &[(3, 16, 3, 28)],
        ),
        invalid(
            "formidable({ uploadDir })",
            "app.js",
            "const path = require('path');
const formidable = require('formidable');
const form = formidable({ uploadDir: path.join(__dirname, 'uploads'), keepExtensions: true });",
            &[(3, 14, 3, 94)],
        ),
        invalid(
            "new IncomingForm()",
            "app.js",
            "const { IncomingForm } = require('formidable');
const form = new IncomingForm();",
            &[(2, 14, 2, 32)],
        ),
        invalid(
            "named import of formidable",
            "app.mjs",
            "import { formidable } from 'formidable';
const form = formidable({ multiples: true });",
            &[(2, 14, 2, 45)],
        ),
        // ----- express-fileupload -----
        invalid(
            "express-fileupload with useTempFiles",
            "app.js",
            "const express = require('express');
const fileUpload = require('express-fileupload');
const app = express();
app.use(fileUpload({ useTempFiles: true, tempFileDir: '/tmp/' }));",
            &[(4, 9, 4, 65)],
        )
        .labels(&["this upload middleware is mounted on USE /"]),
        invalid(
            "req.files.photo.mv(path) inside a handler",
            "app.js",
            "const path = require('path');
app.post('/avatar', (req, res) => {
  req.files.avatar.mv(path.join(__dirname, 'public/avatars', req.files.avatar.name), (err) => {
    if (err) return res.status(500).send(err);
    res.send('ok');
  });
});",
            &[(3, 3, 6, 5)],
        )
        .routes(&["POST /avatar"]),
        invalid(
            ".mv() on a file destructured from req.files",
            "app.js",
            "app.post('/docs', async (req, res) => {
  const { doc } = req.files;
  await doc.mv('./uploads/' + doc.name);
  res.sendStatus(201);
});",
            &[(3, 9, 3, 40)],
        ),
        // ----- busboy and raw streams -----
        invalid(
            "busboy >= 1 (name, stream, info) piped to a file",
            "app.js",
            "const busboy = require('busboy');
const fs = require('fs');
app.post('/upload', (req, res) => {
  const bb = busboy({ headers: req.headers });
  bb.on('file', (name, file, info) => {
    file.pipe(fs.createWriteStream(`uploads/${info.filename}`));
  });
  bb.on('close', () => res.end());
  req.pipe(bb);
});",
            &[(6, 15, 6, 63)],
        ),
        invalid(
            "older busboy (field, file, filename, ...) piped to a file",
            "app.js",
            "const Busboy = require('busboy');
const fs = require('fs');
const path = require('path');
router.post('/upload', function (req, res) {
  const busboy = new Busboy({ headers: req.headers });
  busboy.on('file', function (fieldname, file, filename, encoding, mimetype) {
    file.pipe(fs.createWriteStream(path.join('/var/uploads', filename)));
  });
  req.pipe(busboy);
});",
            &[(7, 15, 7, 72)],
        ),
        invalid(
            "raw request piped into a file",
            "app.js",
            "const fs = require('fs');
app.put('/raw/:name', (req, res) => {
  req.pipe(fs.createWriteStream('./uploads/' + req.params.name));
  req.on('end', () => res.sendStatus(201));
});",
            &[(3, 12, 3, 64)],
        ),
        // ----- fs writes inside handlers -----
        invalid(
            "fs.writeFileSync JSON file database",
            "app.js",
            "const fs = require('fs');
app.post('/notes', (req, res) => {
  const notes = JSON.parse(fs.readFileSync('db.json', 'utf8'));
  notes.push(req.body);
  fs.writeFileSync('db.json', JSON.stringify(notes));
  res.sendStatus(201);
});",
            &[(5, 3, 5, 53)],
        )
        .routes(&["POST /notes"]),
        invalid(
            "fs.promises.writeFile",
            "app.js",
            "const fs = require('fs');
app.post('/notes', async (req, res) => {
  await fs.promises.writeFile('notes/' + req.body.id + '.txt', req.body.text);
  res.sendStatus(201);
});",
            &[(3, 9, 3, 78)],
        ),
        invalid(
            "writeFile from require('fs/promises')",
            "app.js",
            "const { writeFile } = require('fs/promises');
app.post('/notes', async (req, res) => {
  await writeFile('notes.json', JSON.stringify(req.body));
  res.sendStatus(201);
});",
            &[(3, 9, 3, 58)],
        ),
        invalid(
            "appendFile from node:fs in ESM",
            "app.mjs",
            "import { appendFile } from 'node:fs';
app.post('/log', (req, res) => {
  appendFile('visits.log', req.body.line + '\\n', () => res.end());
});",
            &[(3, 3, 3, 66)],
        ),
        invalid(
            "rename of an upload inside a handler",
            "app.js",
            "const fs = require('fs');
app.post('/photos', upload.single('photo'), (req, res) => {
  fs.rename(req.file.path, 'public/photos/' + req.file.originalname, (err) => res.end());
});",
            &[(3, 3, 3, 89)],
        ),
        invalid(
            "handler passed by name, declared elsewhere in the file",
            "app.js",
            "const fs = require('fs');
function saveNote(q, s) {
  fs.writeFileSync('notes/' + q.params.id, q.body.text);
  s.end();
}
app.post('/notes/:id', saveNote);",
            &[(3, 3, 3, 56)],
        )
        .routes(&["POST /notes/:id"]),
        invalid(
            "router.route('/x').post(...)",
            "app.js",
            "const express = require('express');
const router = express.Router();
router.route('/photos').post((req, res) => {
  req.files.photo.mv('/srv/photos/' + req.files.photo.name);
  res.end();
});",
            &[(4, 3, 4, 60)],
        )
        .routes(&["POST /photos"]),
        invalid(
            "temp file written and deleted in the same handler",
            "app.js",
            "const fs = require('fs');
const os = require('os');
app.post('/convert', async (req, res) => {
  const tmp = os.tmpdir() + '/in.pdf';
  await fs.promises.writeFile(tmp, req.body);
  res.send(await convert(tmp));
  await fs.promises.unlink(tmp);
});",
            &[(5, 9, 5, 45)],
        )
        .info(),
        // ----- TypeScript -----
        invalid(
            "TypeScript multer dest with a type assertion",
            "app.ts",
            "import multer from 'multer';
const options: multer.Options = { dest: 'uploads/' };
const upload = multer(options as multer.Options);",
            &[(3, 16, 3, 49)],
        ),
        invalid(
            "TypeScript import = require",
            "app.ts",
            "import multer = require('multer');
const storage = multer.diskStorage({ destination: 'uploads/' });",
            &[(2, 17, 2, 64)],
        ),
        invalid(
            "TypeScript typed handler writing a file",
            "app.ts",
            "import * as fs from 'fs';
import { Request, Response } from 'express';
app.post('/notes', (req: Request, res: Response) => {
  fs.writeFileSync(`notes/${req.params.id}.json`, JSON.stringify(req.body));
  res.sendStatus(201);
});",
            &[(4, 3, 4, 76)],
        ),
        invalid(
            "TypeScript formidable with uploadDir",
            "app.ts",
            "import formidable from 'formidable';
const form = formidable({ uploadDir: './uploads' } satisfies formidable.Options);",
            &[(2, 14, 2, 81)],
        ),
        invalid(
            "UTF-16 columns after non-ASCII text",
            "app.js",
            "const multer = require('multer');
/* 上传 */ const upload = multer({ dest: '📁uploads/' });",
            &[(2, 25, 2, 55)],
        ),
    ];

    /// Look-alikes the rule must leave alone (domain.md, "Must NOT flag").
    const VALID: &[Valid] = &[
        (
            "multer() with no options keeps files in memory",
            "app.js",
            "const multer = require('multer');
const upload = multer();",
        ),
        (
            "multer memoryStorage",
            "app.js",
            "const multer = require('multer');
const upload = multer({ storage: multer.memoryStorage(), limits: { fileSize: 1e6 } });",
        ),
        (
            "multer-s3 storage",
            "app.js",
            "const multer = require('multer');
const multerS3 = require('multer-s3');
const upload = multer({ storage: multerS3({ s3, bucket: 'photos' }) });",
        ),
        (
            "dest next to a storage: multer uses the storage",
            "app.js",
            "const multer = require('multer');
const multerS3 = require('multer-s3');
const memory = multer({ dest: 'uploads/', storage: multer.memoryStorage() });
const s3 = multer({ dest: 'uploads/', storage: multerS3({ s3: client, bucket: 'b' }) });",
        ),
        (
            "Cloudinary storage",
            "app.js",
            "const multer = require('multer');
const { CloudinaryStorage } = require('multer-storage-cloudinary');
const upload = multer({ storage: new CloudinaryStorage({ cloudinary, params: { folder: 'uploads' } }) });",
        ),
        (
            "GridFS storage",
            "app.mjs",
            "import multer from 'multer';
import { GridFsStorage } from 'multer-gridfs-storage';
const storage = new GridFsStorage({ url: process.env.MONGO_URL });
export const upload = multer({ storage });",
        ),
        (
            "gulp dest('dist/')",
            "gulpfile.js",
            "const { src, dest } = require('gulp');
exports.build = () => src('src/*.js').pipe(dest('dist/'));",
        ),
        (
            "an unrelated { dest } object",
            "app.js",
            "const copy = require('./copy');
const job = { src: 'assets/', dest: 'uploads/' };
app.post('/jobs', (req, res) => res.json(copy(job)));",
        ),
        (
            "a local function named multer is not the package",
            "app.js",
            "function multer(options) { return options; }
const upload = multer({ dest: 'uploads/' });",
        ),
        (
            "a parameter shadowing multer",
            "app.js",
            "const realMulter = require('multer');
function configure(multer) { return multer({ dest: 'uploads/' }); }",
        ),
        (
            "reading templates inside a handler",
            "app.js",
            "const fs = require('fs');
app.get('/', (req, res) => {
  fs.readFile('views/index.html', 'utf8', (err, html) => res.send(html));
});",
        ),
        (
            "writes at start-up (module level)",
            "app.js",
            "const fs = require('fs');
fs.mkdirSync('logs', { recursive: true });
fs.writeFileSync('server.pid', String(process.pid));
app.listen(3000, () => fs.writeFileSync('ready', '1'));",
        ),
        (
            "a CLI script",
            "cli.js",
            "#!/usr/bin/env node
const fs = require('fs');
function main(argv) {
  fs.writeFileSync(argv[2], JSON.stringify({ created: Date.now() }));
}
main(process.argv);",
        ),
        (
            "a seeder",
            "seed.mjs",
            "import { writeFile } from 'node:fs/promises';
async function seed(users) {
  await writeFile('data/users.json', JSON.stringify(users));
}
await seed([{ name: 'ada' }]);",
        ),
        (
            "a test writing a fixture",
            "app.test.js",
            "const fs = require('fs');
describe('upload', () => {
  it('reads the fixture', () => {
    fs.writeFileSync('/tmp/fixture.txt', 'hello');
  });
});",
        ),
        (
            "express.static('public') alone",
            "app.js",
            "const express = require('express');
const app = express();
app.use(express.static('public'));",
        ),
        (
            "formidable with fileWriteStreamHandler",
            "app.js",
            "const formidable = require('formidable');
app.post('/upload', (req, res) => {
  const form = formidable({ fileWriteStreamHandler: (file) => toBucket(file) });
  form.parse(req, () => res.end());
});",
        ),
        (
            "express-fileupload without useTempFiles",
            "app.js",
            "const fileUpload = require('express-fileupload');
app.use(fileUpload());
app.use(fileUpload({ limits: { fileSize: 1e6 } }));
app.use(fileUpload({ useTempFiles: false }));",
        ),
        (
            ".mv on something that is not request files",
            "app.js",
            "app.post('/board', (req, res) => {
  const piece = board.find(req.body.id);
  piece.mv(req.body.x, req.body.y);
  req.body.token.mv(1);
  res.end();
});",
        ),
        (
            "a local variable named fs",
            "app.js",
            "app.post('/notes', (req, res) => {
  const fs = makeMemoryFs();
  fs.writeFileSync('notes.json', JSON.stringify(req.body));
  res.end();
});",
        ),
        (
            "cloud storage writes inside a handler",
            "app.js",
            "const { Storage } = require('@google-cloud/storage');
const bucket = new Storage().bucket('photos');
app.post('/photos', async (req, res) => {
  await bucket.file(req.body.name).save(req.body.data);
  res.end();
});",
        ),
        (
            "diskStorage from another module",
            "app.js",
            "const { diskStorage } = require('./storage');
const storage = diskStorage({ destination: 'uploads/' });",
        ),
        (
            "formidable and multer options we cannot see",
            "app.js",
            "const formidable = require('formidable');
const multer = require('multer');
const form = formidable(getOptions());
const upload = multer(config.upload);",
        ),
        (
            "TypeScript memory storage",
            "app.ts",
            "import multer from 'multer';
import type { Request } from 'express';
const upload = multer({ storage: multer.memoryStorage() } as multer.Options);",
        ),
    ];

    #[test]
    fn flags_every_invalid_case() {
        TESTER.test_invalid(INVALID);
    }

    #[test]
    fn leaves_every_valid_case() {
        TESTER.test_valid(VALID);
    }

    // ----- exact rewrite output (before → after), as insta snapshots -----

    const MULTER_S3: &str = "Store uploads in S3 with multer-s3";

    const MULTER_DEST_CJS: &str = "const express = require('express');
const multer = require('multer');

const app = express();
const upload = multer({ dest: 'uploads/' });
app.post('/photos', upload.single('photo'), (req, res) => res.sendStatus(201));
";

    #[test]
    fn rewrite_multer_dest_to_multer_s3_cjs() {
        let out = TESTER.rewritten(MULTER_DEST_CJS, "app.js", MULTER_S3);
        assert!(out.contains("const multerS3 = require('multer-s3');"));
        assert!(out.contains("const { S3Client } = require('@aws-sdk/client-s3');"));
        assert!(!out.contains("import "));
        insta::assert_snapshot!("multer_dest_to_multer_s3_cjs", out);
    }

    #[test]
    fn rewrite_multer_dest_to_multer_s3_esm() {
        let code = "import express from 'express';
import multer from 'multer';

const app = express();
const upload = multer({ dest: 'uploads/' });
app.post('/photos', upload.single('photo'), (req, res) => res.sendStatus(201));
";
        let out = TESTER.rewritten(code, "app.mjs", MULTER_S3);
        assert!(out.contains("import multerS3 from 'multer-s3';"));
        assert!(out.contains("import { S3Client } from '@aws-sdk/client-s3';"));
        assert!(!out.contains("require('multer-s3')"));
        insta::assert_snapshot!("multer_dest_to_multer_s3_esm", out);
    }

    #[test]
    fn rewrite_disk_storage_to_multer_s3_typescript() {
        let code = "import multer from 'multer';

const storage = multer.diskStorage({
  destination: 'uploads/',
  filename: (req, file, cb) => cb(null, file.originalname),
});
export const upload = multer({ storage });
";
        insta::assert_snapshot!(
            "disk_storage_to_multer_s3_ts",
            TESTER.rewritten(code, "app.ts", MULTER_S3)
        );
    }

    #[test]
    fn rewrite_file_mv_to_put_object() {
        let code = "const express = require('express');
const fileUpload = require('express-fileupload');

const app = express();
app.use(fileUpload());
app.post('/avatar', (req, res) => {
  req.files.avatar.mv('./uploads/' + req.files.avatar.name, (err) => {
    if (err) return res.status(500).send(err);
    res.sendStatus(201);
  });
});
";
        insta::assert_snapshot!(
            "file_mv_to_put_object",
            TESTER.rewritten(
                code,
                "app.js",
                "Put the file in S3 instead of moving it to disk"
            )
        );
    }

    #[test]
    fn rewrite_fs_write_in_handler_to_put_object() {
        let code = "const fs = require('fs');

app.post('/notes/:id', (req, res) => {
  fs.writeFile('notes/' + req.params.id + '.json', JSON.stringify(req.body), (err) => {
    res.sendStatus(err ? 500 : 201);
  });
});
";
        insta::assert_snapshot!(
            "fs_write_to_put_object",
            TESTER.rewritten(
                code,
                "app.js",
                "Write the file to S3 instead of the local disk"
            )
        );
    }

    #[test]
    fn rewrite_formidable_to_file_write_stream_handler() {
        let code = "import formidable from 'formidable';

app.post('/upload', (req, res) => {
  const form = formidable({ uploadDir: './uploads' });
  form.parse(req, (err, fields, files) => res.json(files));
});
";
        let out = TESTER.rewritten(
            code,
            "app.mjs",
            "Stream uploads to S3 with fileWriteStreamHandler",
        );
        assert!(out.contains("import { Upload } from '@aws-sdk/lib-storage';"));
        insta::assert_snapshot!("formidable_to_file_write_stream_handler", out);
    }

    // ----- known gaps in the shared context (context.rs); these fail until it is fixed -----

    /// `app.post('/photos', multer({ dest }).single('photo'), …)`: the multer call sits inside
    /// the mounted `.single()` call, and only the outermost call of a mounted argument is
    /// recorded (`LintContext::record_mount` → `mounts_by_call`), so the finding has neither
    /// the "mounted on" label nor the route. The same goes for the documented
    /// `multer({ storage }).single('receipt')` with a disk storage.
    #[test]
    fn inline_multer_in_a_route_gets_its_route() {
        let code = "const express = require('express');
const multer = require('multer');
const app = express();
app.post('/photos', multer({ dest: 'uploads/' }).single('photo'), (req, res) => res.end());
const storage = multer.diskStorage({ destination: 'receipts/' });
app.post('/receipts', multer({ storage }).single('receipt'), (req, res) => res.end());";
        let found = TESTER.findings(code, "app.js");
        assert_eq!(
            positions(&found),
            [(4, 21, 4, 49), (5, 17, 5, 65)],
            "{}",
            describe(&found, code)
        );
        for (finding, route) in found.iter().zip(["POST /photos", "POST /receipts"]) {
            let label = format!("this upload middleware is mounted on {route}");
            assert!(
                finding.labels.iter().any(|l| l.message == label),
                "missing label {label:?}:{}",
                describe(&found, code)
            );
            let routes: Vec<String> = finding
                .state
                .iter()
                .flat_map(|s| &s.routes)
                .map(ToString::to_string)
                .collect();
            assert_eq!(routes, [route], "{}", describe(&found, code));
        }
    }

    #[test]
    fn the_multer_s3_rewrite_reads_key_and_location_instead_of_disk_fields() {
        let source = "const express = require('express');
const multer = require('multer');
const app = express();
const upload = multer({ dest: 'uploads/' });
app.post('/photos', upload.single('photo'), (req, res) => {
  res.json({ id: req.file.filename, at: req.file.path });
});
";
        let found = TESTER.findings(source, "app.js");
        let after = found[0].rewrites[0].apply(source);
        assert!(
            after.contains("res.json({ id: req.file.key, at: req.file.location });"),
            "{after}"
        );
    }

    #[test]
    fn a_destination_callback_names_its_folder_and_links_the_static_route() {
        let source = "const express = require('express');
const multer = require('multer');
const path = require('path');
const app = express();
const avatarDir = path.join(__dirname, 'avatars');
const storage = multer.diskStorage({ destination: (req, file, cb) => cb(null, avatarDir) });
app.use('/avatars', express.static(avatarDir));
";
        let found = TESTER.findings(source, "app.js");
        assert_eq!(found.len(), 1, "{}", describe(&found, source));
        assert!(
            found[0]
                .message
                .contains("`path.join(__dirname, 'avatars')`"),
            "{}",
            found[0].message
        );
        assert!(
            found[0]
                .labels
                .iter()
                .any(|l| l.message.contains("served from this instance's disk")),
            "{}",
            describe(&found, source)
        );
    }

    // ----- rewrites that really work in production (issue 10) -----

    #[test]
    fn no_rewrite_keeps_uploads_in_memory_without_storing_them() {
        let disk_storage = "const express = require('express');
const multer = require('multer');
const app = express();
const storage = multer.diskStorage({ destination: 'uploads/' });
const upload = multer({ storage });
app.post('/photos', upload.single('photo'), (req, res) => res.status(201).json({ id: req.file.filename }));
";
        for (code, file) in [(MULTER_DEST_CJS, "app.js"), (disk_storage, "app.js")] {
            for finding in TESTER.findings(code, file) {
                for rewrite in &finding.rewrites {
                    let after = rewrite.apply(code);
                    assert!(
                        !after.contains("memoryStorage()") || after.contains("req.file.buffer"),
                        "`{}` keeps the file in memory and stores it nowhere:\n{after}",
                        rewrite.title
                    );
                }
            }
        }
    }

    #[test]
    fn multer_s3_serves_the_old_static_folder_from_the_bucket() {
        let (after, rewrite) = TESTER.first_rewrite(
            include_str!("../../../content/examples/local-uploads.js"),
            "app.js",
        );
        assert!(!after.contains("express.static"), "{after}");
        assert!(
            after.contains("contentType: multerS3.AUTO_CONTENT_TYPE"),
            "{after}"
        );
        assert!(
            after.contains("app.get('/avatars/:key', async (req, res, next) => {"),
            "{after}"
        );
        assert!(
            after.contains("new GetObjectCommand({ Bucket: uploadBucket, Key: req.params.key })"),
            "{after}"
        );
        assert!(
            after.contains("res.json({ url: `/avatars/${req.file.key}` });"),
            "{after}"
        );
        // `path` was only used for the old folder.
        assert!(!after.contains("require('path')"), "{after}");
        assert_eq!(rewrite.needs.env, ["S3_FORCE_PATH_STYLE", "UPLOAD_BUCKET"]);
        insta::assert_snapshot!("local_uploads_example_to_multer_s3", after);
    }

    #[test]
    fn multer_s3_uses_the_bucket_the_app_already_names() {
        let code = "const express = require('express');
const multer = require('multer');
const app = express();
const upload = multer({ dest: 'documents/' });
app.post('/documents', upload.single('document'), (req, res) => res.status(201).json({ id: req.file.filename }));
app.get('/bucket', (req, res) => res.json({ bucket: process.env.DOCUMENT_BUCKET }));
";
        let (after, rewrite) = TESTER.first_rewrite(code, "app.js");
        assert!(
            after.contains("const uploadBucket = process.env.DOCUMENT_BUCKET;"),
            "{after}"
        );
        assert!(!after.contains("UPLOAD_BUCKET"), "{after}");
        assert!(rewrite.needs.env.contains(&"DOCUMENT_BUCKET".to_string()));
    }

    #[test]
    fn stream_uploads_finish_only_once_the_object_is_stored() {
        let code = "import formidable from 'formidable';

app.post('/upload', (req, res) => {
  const form = formidable({ uploadDir: './uploads' });
  form.parse(req, (err, fields, files) => res.json(files));
});
";
        let (after, _) = TESTER.first_rewrite(code, "app.mjs");
        // Fire and forget: the upload's outcome went only to the console.
        assert!(!after.contains(".catch(console.error)"), "{after}");
        assert!(
            after.contains("final(callback) {\n      body.end();\n      stored.then(() => callback(), callback);"),
            "{after}"
        );
        assert!(
            after.contains("stored.catch((err) => sink.destroy(err));"),
            "{after}"
        );
        // formidable drops stream errors after the request is read: the callback is wrapped.
        assert!(
            after.contains(
                "form.parse(req, whenStored(res, (err, fields, files) => res.json(files)));"
            ),
            "{after}"
        );
        assert!(after.contains("(storeErr) => res.status(502)"), "{after}");
    }

    #[test]
    fn typescript_multer_s3_reads_multer_s3_file_fields_and_a_string_bucket() {
        let (after, _) = TESTER.first_rewrite(
            include_str!("../../../content/examples/typescript.ts"),
            "app.ts",
        );
        assert!(
            after.contains("(req.file as Express.MulterS3.File | undefined)?.location"),
            "{after}"
        );
        assert!(after.contains("bucket: uploadBucket,"), "{after}");
        assert!(after.contains("if (!uploadBucket) throw"), "{after}");
        insta::assert_snapshot!("typescript_example_to_multer_s3", after);
    }

    #[test]
    fn comments_about_the_local_disk_go_with_the_code_they_describe() {
        let code = "const express = require('express');
const multer = require('multer');
const app = express();

// Uploaded photos are written to this server's own disk.
const upload = multer({ dest: 'uploads/' });
app.post('/photos', upload.single('photo'), (req, res) => res.status(201).json({ id: req.file.filename }));
";
        let (after, _) = TESTER.first_rewrite(code, "app.js");
        assert!(!after.contains("own disk"), "{after}");
        assert!(
            after.contains("\nconst app = express();\n\nconst upload = multer({"),
            "{after}"
        );
    }

    #[test]
    fn the_old_folder_and_path_go_when_nothing_else_uses_them() {
        let code = "const path = require('node:path');
const express = require('express');
const multer = require('multer');

const app = express();
const avatarDir = path.join(__dirname, 'public', 'avatars');

const storage = multer.diskStorage({
  destination: (req, file, cb) => cb(null, avatarDir),
  filename: (req, file, cb) => cb(null, `${Date.now()}-${file.originalname}`),
});
const upload = multer({ storage });

// Serves back whatever was written to the same folder.
app.use('/avatars', express.static(avatarDir));

app.post('/avatars', upload.single('avatar'), (req, res) => {
  res.status(201).json({ url: `/avatars/${req.file.filename}` });
});
";
        let (after, _) = TESTER.first_rewrite(code, "app.js");
        for gone in ["avatarDir", "require('node:path')", "same folder"] {
            assert!(!after.contains(gone), "{gone} stayed:\n{after}");
        }
        // Still used elsewhere: stays.
        let kept = format!("{code}app.get('/where', (req, res) => res.send(avatarDir));\n");
        let (after, _) = TESTER.first_rewrite(&kept, "app.js");
        assert!(after.contains("const avatarDir = path.join("), "{after}");
        assert!(after.contains("require('node:path')"), "{after}");
    }

    #[test]
    fn a_synchronous_write_becomes_an_awaited_put_before_the_answer() {
        let code = "import * as fs from 'fs';
import { Request, Response } from 'express';
app.post('/notes', (req: Request, res: Response) => {
  fs.writeFileSync(`notes/${req.params.id}.json`, JSON.stringify(req.body));
  res.sendStatus(201);
});
";
        let (after, _) = TESTER.first_rewrite(code, "app.ts");
        assert!(
            after.contains("app.post('/notes', async (req: Request, res: Response) => {\n  await bucketClient.send(new PutObjectCommand({ Bucket: uploadBucket, Key: `notes/${req.params.id}.json`"),
            "{after}"
        );
        // `fs` was used for that write only.
        assert!(!after.contains("from 'fs'"), "{after}");
    }

    #[test]
    fn formidable_upload_dir_gives_way_to_the_stream_handler() {
        let code = "const formidable = require('formidable');
app.post('/upload', (req, res) => {
  const form = formidable({ uploadDir: './uploads', keepExtensions: true });
  form.parse(req, (err, fields, files) => res.json(files));
});
";
        let (after, _) = TESTER.first_rewrite(code, "app.js");
        assert!(!after.contains("uploadDir"), "{after}");
        assert!(
            after.contains("formidable({ fileWriteStreamHandler: (file) => (file.upload = streamToBucket(file.newFilename, file.mimetype)), keepExtensions: true })"),
            "{after}"
        );
    }

    #[test]
    fn typescript_streams_to_the_bucket_with_typed_parameters() {
        let code = "import fs from 'fs';
import busboy from 'busboy';
import express from 'express';
const app = express();
app.post('/upload', (req, res) => {
  const bb = busboy({ headers: req.headers });
  bb.on('file', (name, file, info) => {
    const out = fs.createWriteStream(`u-${info.filename}`);
    file.pipe(out);
    out.on('finish', () => res.status(201).json({ key: `u-${info.filename}` }));
    out.on('error', () => res.sendStatus(500));
  });
  req.pipe(bb);
});
";
        let (after, _) = TESTER.first_rewrite(code, "app.ts");
        assert!(
            after.contains("function streamToBucket(key: string, contentType?: string) {"),
            "{after}"
        );
        assert!(!after.contains("import fs from 'fs'"), "{after}");
    }
}
