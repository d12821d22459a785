//! How `no-local-uploads` rewrites a finding: uploads to S3 with multer-s3, or streamed to
//! a bucket with the AWS SDK, and served back from the bucket.

use std::collections::HashMap;

use oxc_ast::{
    AstKind,
    ast::{Argument, Expression},
};
use oxc_semantic::{AstNode, NodeId};
use oxc_span::{GetSpan, Span};

use super::{FileField, Found, NoLocalUploads, Shape, node_span, same_folder};
use crate::{
    context::LintContext,
    diagnostic::{Diagnostic, Rewrite},
    requirements::Service,
    resolve::string_value,
    rules::rewrite_builder::{
        BUCKET_CLIENT_SETUP, Import, MULTER_S3, PUT_OBJECT, RewriteBuilder, S3_CLIENT,
        top_level_statement,
    },
};

impl<'a> NoLocalUploads<'a> {
    /// The rewrites of a finding, with what they need to know about the rest of the app:
    /// the file fields its routes read and where its folder is served back.
    pub(super) fn rewrites(
        &self,
        found: &Found<'a>,
        ctx: &LintContext<'_, 'a>,
        diagnostic: &Diagnostic,
        fields_by_route: &FieldsByRoute,
    ) -> Vec<Rewrite> {
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
        rewrites_with(found, ctx, &app)
    }
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
pub(super) type FieldsByRoute = HashMap<crate::HttpRoute, Vec<FileField>>;

/// multer-s3 describes a stored file by `key` and `location`; disk storage's `filename`
/// and `path` are undefined with it, so handlers reading them are switched over.
pub(super) fn disk_file_field(
    member: &oxc_ast::ast::StaticMemberExpression<'_>,
) -> Option<FileField> {
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
pub(super) fn bucket_env_name<'a>(
    member: &oxc_ast::ast::StaticMemberExpression<'a>,
) -> Option<&'a str> {
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
/// The bucket key for a file the code wrote to the local path `path`: the path below the
/// app's folder when it is built from `__dirname` or `process.cwd()` (`path.join(__dirname,
/// 'scans', name)` is `` `scans/${name}` ``), since the folder differs between deployments
/// and would give each its own keys; otherwise the path's own text, without a leading `./`.
fn bucket_key(path: &Expression<'_>, ctx: &LintContext<'_, '_>) -> String {
    let mut text = ctx.text(path.span()).to_string();
    // `'./uploads/' + name`: a key does not start with `./`, and some clients would
    // normalise it away in the URL, storing the object under another key.
    if text.get(1..3) == Some("./") && matches!(text.chars().next(), Some('\'' | '"' | '`')) {
        text.replace_range(1..3, "");
    }
    let Expression::CallExpression(call) = path.get_inner_expression() else {
        return text;
    };
    let joins = ctx.origin(&call.callee).is_some_and(|o| {
        o.module == "path" && matches!(o.last_step(), Some("join" | "resolve"))
    });
    let parts: Vec<&Expression<'_>> = call.arguments.iter().filter_map(Argument::as_expression).collect();
    let from_app_folder = parts.first().is_some_and(|first| {
        let first = ctx.text(first.span());
        first == "__dirname" || first == "process.cwd()"
    });
    if !joins || !from_app_folder || parts.len() < 2 || parts.len() != call.arguments.len() {
        return text;
    }
    let mut key = String::from("`");
    for (i, part) in parts[1..].iter().enumerate() {
        if i > 0 {
            key.push('/');
        }
        match string_value(part) {
            // `..` or an absolute segment would climb out of the app's folder: keep the
            // code's own path then.
            Some(value) if value.starts_with('/') || value.contains("..") => return text,
            Some(value) => key.push_str(
                &value
                    .trim_matches('/')
                    .replace('\\', "\\\\")
                    .replace('`', "\\`")
                    .replace("${", "\\${"),
            ),
            None => {
                key.push_str("${");
                key.push_str(ctx.text(part.span()));
                key.push('}');
            }
        }
    }
    key.push('`');
    key
}

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

fn rewrites_with(
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
                arg(0).map(|path| bucket_key(path, ctx)),
                found.callee.get_inner_expression().as_member_expression(),
            ) else {
                return out;
            };
            let file = ctx.text(member.object().span());
            // With `useTempFiles: true`, express-fileupload leaves `data` empty and the
            // bytes in `tempFilePath`: sending `data` alone would store empty files.
            let body = format!(
                "{file}.tempFilePath ? createReadStream({file}.tempFilePath) : {file}.data"
            );
            let content_type = format!("{file}.mimetype");
            let mut s3 = RewriteBuilder::new("Put the file in S3 instead of moving it to disk");
            s3.replace(
                found.span,
                put_object(&key, &body, Some(&content_type), callback),
            )
            .import(ctx, PUT_OBJECT)
            .import(ctx, FS_IMPORT);
            with_bucket(&mut s3, ctx, app.bucket_env);
            s3.remove_unused_declarations(ctx, &[found.span]);
            out.push(s3.build(ctx));
        }
        // The copy's version, and so its options, are unknown: a stream handler it may not
        // support would leave files on disk while the code reads as fixed.
        Shape::VendoredForm => {}
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
