//! Building suggested rewrites: text edits, imports in the file's own module style, and
//! set-up code placed after the imports.

use oxc_ast::Comment;
use oxc_ast::{
    AstKind,
    ast::{BindingPattern, Expression, Statement, VariableDeclaration},
};
use oxc_semantic::NodeId;
use oxc_span::{GetSpan, Span};

use crate::{
    context::LintContext,
    diagnostic::{FixSafety, Rewrite, TextEdit},
    requirements::{Requirements, Service},
};

/// A module to import: `import Default, { named } from 'module'` or its `require` form.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Import {
    pub module: &'static str,
    pub default: Option<&'static str>,
    pub named: &'static [&'static str],
    /// CommonJS reaches the default export by its name: `const { MongoStore } =
    /// require('connect-mongo')` next to ESM's `import MongoStore from 'connect-mongo'`.
    /// Packages built for both module systems (connect-mongo 6) put the class on
    /// `module.exports` as a property, so the plain `require` is not the class.
    pub commonjs_named: bool,
    /// The npm major the rewrite was checked with; `None` for Node's built-in modules.
    pub major: Option<&'static str>,
    /// The backing service the package talks to.
    pub service: Option<Service>,
}

pub(crate) const S3_CLIENT: Import = Import {
    module: "@aws-sdk/client-s3",
    default: None,
    named: &["S3Client"],
    commonjs_named: false,
    major: Some("3"),
    service: Some(Service::ObjectStorage),
};
pub(crate) const PUT_OBJECT: Import = Import {
    module: "@aws-sdk/client-s3",
    default: None,
    named: &["PutObjectCommand"],
    commonjs_named: false,
    major: Some("3"),
    service: Some(Service::ObjectStorage),
};
pub(crate) const MULTER_S3: Import = Import {
    module: "multer-s3",
    default: Some("multerS3"),
    named: &[],
    commonjs_named: false,
    major: Some("3"),
    service: Some(Service::ObjectStorage),
};
pub(crate) const REDIS_CLIENT: Import = Import {
    module: "redis",
    default: None,
    named: &["createClient"],
    commonjs_named: false,
    major: Some("6"),
    service: Some(Service::Redis),
};

/// `bucketClient`: one S3 client shared by every upload rewrite. Region, credentials and
/// endpoint come from the SDK's own environment (`AWS_REGION`, `AWS_ENDPOINT_URL_S3`, …).
/// The SDK addresses an endpoint given as an IP address path-style by itself, but a host
/// name (`http://minio:9000`, `localhost`) virtual-hosted (`bucket.minio`), which most
/// S3-compatible servers do not answer: `S3_FORCE_PATH_STYLE=true` switches that off.
pub(crate) const BUCKET_CLIENT_SETUP: (&str, &str) = (
    "bucketClient",
    "const bucketClient = new S3Client({ forcePathStyle: process.env.S3_FORCE_PATH_STYLE === 'true' });",
);

/// `redisClient`: one node-redis client shared by the session and state rewrites. The
/// `error` listener matters: without one, a restart of Redis kills the process with an
/// unhandled `error` event; with one, the client reconnects by itself.
pub(crate) const REDIS_CLIENT_SETUP: (&str, &str) = (
    "redisClient",
    "const redisClient = createClient({ url: process.env.REDIS_URL });\nredisClient.on('error', (err) => console.error('Redis:', err.message));\nredisClient.connect().catch(console.error);",
);

pub(crate) struct RewriteBuilder {
    title: String,
    edits: Vec<(Span, String)>,
    needs: Requirements,
}

impl RewriteBuilder {
    pub fn new(title: impl Into<String>) -> Self {
        Self {
            title: title.into(),
            edits: Vec::new(),
            needs: Requirements::default(),
        }
    }

    pub fn replace(&mut self, span: Span, text: impl Into<String>) -> &mut Self {
        self.edits.push((span, text.into()));
        self
    }

    pub fn insert(&mut self, at: u32, text: impl Into<String>) -> &mut Self {
        self.edits.push((Span::new(at, at), text.into()));
        self
    }

    /// Adds an import (each binding on its own line, so that two rewrites applied together
    /// add it once), unless the name is already declared at the top of the file.
    pub fn import(&mut self, ctx: &LintContext<'_, '_>, import: Import) -> &mut Self {
        // Needed even when the file already imports it: the rewritten code uses it.
        if let Some(major) = import.major {
            self.needs.add_package(import.module, major, import.service);
        }
        let at = import_point(ctx);
        let esm = ctx.uses_esm();
        let bound = |name: &str| root_binding(ctx, name);
        if let Some(default) = import.default
            && !bound(default)
        {
            let line = if esm {
                format!("import {default} from '{}';", import.module)
            } else if import.commonjs_named {
                format!("const {{ {default} }} = require('{}');", import.module)
            } else {
                format!("const {default} = require('{}');", import.module)
            };
            self.insert(at.0, wrap(&line, at.1));
        }
        for &name in import.named {
            if bound(name) {
                continue;
            }
            let line = if esm {
                format!("import {{ {name} }} from '{}';", import.module)
            } else {
                format!("const {{ {name} }} = require('{}');", import.module)
            };
            self.insert(at.0, wrap(&line, at.1));
        }
        self
    }

    /// Adds set-up code after the imports, unless `name` is already declared.
    pub fn setup(&mut self, ctx: &LintContext<'_, '_>, (name, code): (&str, &str)) -> &mut Self {
        if !root_binding(ctx, name) {
            let at = import_point(ctx);
            self.insert(at.0, wrap(code, at.1));
        }
        self
    }

    /// Makes the function around `node` async, so the rewrite can `await`.
    pub fn make_async(&mut self, ctx: &LintContext<'_, '_>, node: NodeId) -> &mut Self {
        if let Some(at) = async_point(ctx, node)
            && !self
                .edits
                .iter()
                .any(|(s, t)| s.start == at && s.end == at && t == "async ")
        {
            self.insert(at, "async ");
        }
        self
    }

    /// Removes the top-level declarations that only the code `replaced` by this rewrite
    /// used, then those that only the removed ones used, each with the comment lines right
    /// above it: `const FileStore = require('session-file-store')(session)` goes once its
    /// `new FileStore()` is replaced, so the file no longer loads a package it stopped
    /// using. Only imports and values made from a module are removed; anything else may
    /// have side effects.
    pub fn remove_unused_declarations(
        &mut self,
        ctx: &LintContext<'_, '_>,
        replaced: &[Span],
    ) -> &mut Self {
        let program = ctx.semantic.nodes().program();
        let scoping = ctx.semantic.scoping();
        let nodes = ctx.semantic.nodes();
        let mut gone = replaced.to_vec();
        let mut removed: Vec<Span> = Vec::new();
        loop {
            // Only symbols used inside what is gone can have lost their last use.
            let mut candidates: Vec<_> = gone
                .iter()
                .flat_map(|g| ctx.root_references_in(*g))
                .collect();
            candidates.sort_unstable();
            candidates.dedup();
            let unused = candidates.into_iter().find_map(|symbol| {
                let references = scoping.get_resolved_reference_ids(symbol);
                let used_elsewhere = references.iter().any(|&id| {
                    let at = nodes.kind(scoping.get_reference(id).node_id()).span();
                    !gone.iter().any(|g| g.start <= at.start && at.end <= g.end)
                });
                if used_elsewhere {
                    return None;
                }
                let declared = nodes.kind(scoping.symbol_declaration(symbol)).span();
                // Top-level statements are in source order: find the one around it by search.
                let body = &program.body;
                let at = body.partition_point(|s| s.span().end < declared.end);
                body.get(at)
                    .filter(|s| s.span().start <= declared.start && declared.end <= s.span().end)
                    .filter(|s| !removed.contains(&s.span()) && removable(ctx, s))
                    .map(GetSpan::span)
            });
            let Some(statement) = unused else {
                break;
            };
            removed.push(statement);
            gone.push(statement);
        }
        for statement in removed {
            self.remove_lines(ctx, statement, true);
        }
        self
    }

    /// Removes comments in `within` that `stale` says describe what the rewrite changes,
    /// with the comment lines right above `within` (a statement being rewritten), so that
    /// no comment still says the data stays on this server. Comments inside `skip` (text
    /// the rewrite replaces anyway) are left to that edit.
    pub fn remove_stale_comments(
        &mut self,
        ctx: &LintContext<'_, '_>,
        within: Span,
        skip: Span,
        stale: fn(&str) -> bool,
    ) -> &mut Self {
        let first = leading_comments_start(ctx.source(), ctx.semantic.comments(), within.start);
        let comments = ctx.semantic.comments();
        let from = comments.partition_point(|c| c.span.start < first);
        for comment in &comments[from..] {
            let span = comment.span;
            if span.start >= within.end {
                break;
            }
            let inside = first <= span.start && span.end <= within.end;
            let skipped = skip.start <= span.start && span.end <= skip.end;
            if inside && !skipped && stale(ctx.text(span)) {
                self.remove_lines(ctx, span, false);
            }
        }
        self
    }

    /// Removes a statement the rewrite leaves without a purpose, with the comment lines
    /// right above it (they describe what is gone) and without leaving a blank line.
    pub fn remove_statement(&mut self, ctx: &LintContext<'_, '_>, statement: Span) -> &mut Self {
        self.remove_lines(ctx, statement, true);
        self
    }

    fn remove_lines(&mut self, ctx: &LintContext<'_, '_>, span: Span, statement: bool) {
        for (removed, text) in line_removal(ctx.source(), ctx.semantic.comments(), span, statement)
        {
            self.replace(removed, text);
        }
    }

    pub fn build(self, ctx: &LintContext<'_, '_>) -> Rewrite {
        let mut edits: Vec<(usize, Span, String)> = self
            .edits
            .into_iter()
            .enumerate()
            .map(|(i, (s, t))| (i, s, t))
            .collect();
        // Stable: insertions at one point keep the order they were added in.
        edits.sort_by_key(|(i, span, _)| (span.start, span.end, *i));
        edits.dedup_by(|b, a| a.1 == b.1 && a.2 == b.2);
        let mut needs = self.needs;
        for (_, _, text) in &edits {
            needs.add_env_from(text);
        }
        Rewrite {
            title: self.title,
            safety: FixSafety::Suggestion,
            needs,
            other_files: Vec::new(),
            edits: edits
                .into_iter()
                .map(|(_, span, text)| TextEdit {
                    range: ctx.range(span),
                    text,
                })
                .collect(),
        }
    }
}

fn wrap(line: &str, after_statement: bool) -> String {
    if after_statement {
        format!("\n{line}")
    } else {
        format!("{line}\n")
    }
}

/// The edits that remove `span` and, when nothing else shares its lines, the line break
/// before it, so no blank line is left; a statement takes the comment lines right above it
/// and a comment after it on its last line. The removal ends where `span` ends: imports
/// inserted right after the statement (the usual import point) still go in. Works from the
/// text and its comments alone, so a rewrite can remove a statement of another file.
pub(crate) fn line_removal(
    source: &str,
    comments: &[Comment],
    span: Span,
    statement: bool,
) -> Vec<(Span, &'static str)> {
    let start = if statement {
        leading_comments_start(source, comments, span.start)
    } else {
        span.start
    };
    let line_start = source[..start as usize].rfind('\n').map_or(0, |i| i + 1);
    let before = &source[line_start..start as usize];
    let line_end = source[span.end as usize..]
        .find('\n')
        .map_or(source.len(), |i| span.end as usize + i);
    let from = if !before.trim().is_empty() {
        // Code before it on the line stays; so does the line break.
        start - (before.len() - before.trim_end().len()) as u32
    } else if line_start == 0 {
        0
    } else {
        // Between two blank lines, one of them goes too.
        let previous_start = source[..line_start - 1].rfind('\n').map_or(0, |i| i + 1);
        let previous_blank =
            previous_start > 0 && source[previous_start..line_start - 1].trim().is_empty();
        let rest = &source[line_end..];
        let next_blank =
            rest.trim().is_empty() || rest.lines().nth(1).is_some_and(|l| l.trim().is_empty());
        if previous_blank && next_blank {
            previous_start as u32 - 1
        } else {
            line_start as u32 - 1
        }
    };
    let mut edits = vec![(Span::new(from, span.end), "")];
    if !statement {
        return edits;
    }
    // Its trailing comment, as a separate edit so that an insertion at the
    // statement's end still lands between the two.
    let after = comments.partition_point(|c| c.span.start < span.end);
    let trailing = comments[after..].iter().take(1).find(|c| {
        c.span.start >= span.end
            && c.span.end as usize <= line_end
            && source[span.end as usize..c.span.start as usize]
                .trim()
                .is_empty()
    });
    if let Some(comment) = trailing {
        edits.push((Span::new(span.end, comment.span.end), ""));
    }
    edits
}

/// Where the comment lines directly above `start` begin (`start` when there are none).
fn leading_comments_start(source: &str, comments: &[Comment], start: u32) -> u32 {
    let mut first = start;
    // Comments are in source order: start from the last one that ends before `start`.
    let before = comments.partition_point(|c| c.span.end <= start);
    for comment in comments[..before].iter().rev() {
        if comment.span.end > first {
            continue;
        }
        let between = &source[comment.span.end as usize..first as usize];
        // Directly above: only a line break and indentation between, no blank line.
        if between.trim().is_empty() && between.matches('\n').count() <= 1 {
            let line_start = source[..comment.span.start as usize]
                .rfind('\n')
                .map_or(0, |i| i + 1);
            if source[line_start..comment.span.start as usize]
                .trim()
                .is_empty()
            {
                first = comment.span.start;
                continue;
            }
        }
        break;
    }
    first
}

/// A statement that can go once nothing uses what it declares: an import, or a single
/// `const`/`let`/`var` whose value is made from a module (`require('x')(session)`).
fn removable(ctx: &LintContext<'_, '_>, statement: &Statement<'_>) -> bool {
    match statement {
        Statement::ImportDeclaration(import) => {
            import.specifiers.as_ref().is_some_and(|s| s.len() == 1)
        }
        Statement::VariableDeclaration(decl) => match decl.declarations.as_slice() {
            [only] => {
                matches!(only.id, BindingPattern::BindingIdentifier(_))
                    && only
                        .init
                        .as_ref()
                        .is_some_and(|init| ctx.origin(init).is_some())
            }
            _ => false,
        },
        _ => false,
    }
}

fn root_binding(ctx: &LintContext<'_, '_>, name: &str) -> bool {
    let scoping = ctx.semantic.scoping();
    scoping
        .get_binding(scoping.root_scope_id(), name.into())
        .is_some()
}

/// Where new imports and set-up go: after the leading run of imports and `require`
/// declarations (`(offset, true)`), or at the top of the file (`(offset, false)`).
fn import_point(ctx: &LintContext<'_, '_>) -> (u32, bool) {
    let program = ctx.semantic.nodes().program();
    let mut last = None;
    for statement in &program.body {
        let is_import = match statement {
            Statement::ImportDeclaration(_) | Statement::TSImportEqualsDeclaration(_) => true,
            Statement::VariableDeclaration(decl) => is_require_declaration(ctx, decl),
            _ => false,
        };
        if !is_import {
            break;
        }
        last = Some(statement.span().end);
    }
    match last {
        Some(end) => (end, true),
        None => {
            let start = program.directives.last().map_or_else(
                || program.hashbang.as_ref().map_or(0, |h| h.span.end + 1),
                |d| d.span.end + 1,
            );
            (start.min(ctx.source().len() as u32), false)
        }
    }
}

fn is_require_declaration(ctx: &LintContext<'_, '_>, decl: &VariableDeclaration<'_>) -> bool {
    decl.declarations.iter().all(|d| {
        d.init.as_ref().is_some_and(|init| {
            let mut inner = init.get_inner_expression();
            // `require('x').y`, `require('x')(session)`
            loop {
                match inner {
                    Expression::CallExpression(call) => {
                        if ctx.resolve.require_specifier(call).is_some() {
                            return true;
                        }
                        inner = call.callee.get_inner_expression();
                    }
                    Expression::StaticMemberExpression(m) => {
                        inner = m.object.get_inner_expression()
                    }
                    _ => return false,
                }
            }
        })
    })
}

/// Where `async ` goes to make the function around `node` async; `None` when it already is
/// or there is no function.
pub(crate) fn async_point(ctx: &LintContext<'_, '_>, node: NodeId) -> Option<u32> {
    let nodes = ctx.semantic.nodes();
    let function = nodes
        .ancestors(node)
        .find(|n| n.kind().is_function_like())?;
    match function.kind() {
        AstKind::ArrowFunctionExpression(f) if !f.r#async => Some(f.span.start),
        AstKind::Function(f) if !f.r#async => match nodes.parent_kind(function.id()) {
            AstKind::ObjectProperty(p) if p.method => Some(p.key.span().start),
            AstKind::MethodDefinition(m) => Some(m.key.span().start),
            _ => Some(f.span.start),
        },
        _ => None,
    }
}

/// The span of the top-level statement around `span`.
pub(crate) fn top_level_statement(ctx: &LintContext<'_, '_>, span: Span) -> Option<Span> {
    let body = &ctx.semantic.nodes().program().body;
    // In source order, so a search finds the only candidate.
    let at = body.partition_point(|s| s.span().end < span.end);
    body.get(at)
        .map(GetSpan::span)
        .filter(|s| s.start <= span.start && span.end <= s.end)
}
