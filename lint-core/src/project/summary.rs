//! Phase one of a whole-project lint: what each module gives to the modules that require
//! it (data, functions, routers, upload middleware, session options) and which relative
//! modules it mounts on its app or router.

use oxc_ast::{
    AstKind,
    ast::{
        Argument, AssignmentTarget, BindingPattern, Declaration, ExportDefaultDeclarationKind,
        Expression, ObjectPropertyKind, Statement, VariableDeclarationKind,
    },
};
use oxc_semantic::{NodeId, Semantic, SymbolId};
use oxc_span::{GetSpan, Span};

use crate::{
    context::ROUTE_METHODS,
    diagnostic::TextEdit,
    position::{LineIndex, SourceRange},
    resolve::{CALL, Origin, Resolver, first_arg, string_value},
    rules::{rewrite_builder::line_removal, starts_empty},
};

/// What kind of data a module exports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DataKind {
    Object,
    Array,
    Map,
    Set,
    /// A number kept in a `let` (or on an exported object): a counter.
    Counter,
}

impl DataKind {
    pub fn describe(self) -> &'static str {
        match self {
            Self::Object => "an object",
            Self::Array => "an array",
            Self::Map => "a Map",
            Self::Set => "a Set",
            Self::Counter => "a counter",
        }
    }
}

/// What one export of a module holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Exported {
    Data(DataKind),
    /// A function or class, or an object holding only functions (a controller).
    Functions,
    /// `express.Router()`.
    Router,
    /// A multer instance, with its `dest` when it is a literal.
    Multer {
        dest: Option<String>,
    },
    /// `session({...})`: the session middleware.
    Session,
    /// An options object for it (it has a `secret`).
    SessionOptions,
    /// Anything else (a client, a computed value): not known to be data.
    Other,
}

/// One export: what it holds and where it is declared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Export {
    pub value: Exported,
    pub range: SourceRange,
    /// The function node, for an exported function: it runs per request when another
    /// module registers it as a handler.
    pub(crate) function: Option<NodeId>,
    /// The local symbol exported, when there is one (`module.exports = router`).
    pub(crate) symbol: Option<SymbolId>,
    /// For data: the edits in this module that take the export out (its declaration and
    /// its export entry) once another file keeps the data elsewhere; or why it cannot go.
    pub(crate) removal: Result<Vec<TextEdit>, &'static str>,
}

/// Redis starts empty: data with a first value would lose it.
const NOT_EMPTY: &str = "its first value is not empty, and Redis starts empty";
/// Why an export that is not data stays where it is.
const NOT_DATA: &str = "it is not data";
/// The export is written in a way the summary does not take apart.
const OTHER_SHAPE: &str = "its export is not `module.exports = { name }`, `exports.name = …` or \
     `export const name = …`";

/// A value from a relative module handed to `app.use`/`router.get`/… in this file.
#[derive(Debug, Clone)]
pub struct UseOfModule {
    /// The relative specifier, as written.
    pub specifier: String,
    /// The export's path below the module (`["addItem"]` for `cart.addItem`).
    pub steps: Vec<String>,
    /// Upper-case method (`USE` for middleware and mounted routers).
    pub method: String,
    /// The path given, `/` for `use` without one.
    pub path: Option<String>,
    /// The registration is on this module's own exported router (its prefix applies),
    /// rather than on the app.
    pub on_exported_router: bool,
    pub range: SourceRange,
}

/// What phase two needs to know of a module.
#[derive(Debug, Clone, Default)]
pub struct ModuleSummary {
    /// `module.exports = …` / `export default …`.
    pub default: Option<Export>,
    /// `exports.name = …`, the properties of `module.exports = { … }`, `export const …`.
    pub named: Vec<(String, Export)>,
    /// Every relative specifier the module requires or imports.
    pub specifiers: Vec<String>,
    /// Values from relative modules mounted or registered as handlers here.
    pub uses: Vec<UseOfModule>,
}

impl ModuleSummary {
    /// The export reached by `steps` from the module value: a named export first, the
    /// default export (`module.exports`) for no steps.
    pub fn export(&self, steps: &[String]) -> Option<&Export> {
        match steps.first() {
            Some(name) => self.named.iter().find(|(n, _)| n == name).map(|(_, e)| e),
            None => self.default.as_ref(),
        }
    }

    /// True when everything the module exports is a function (a controller, a helper
    /// module): its callers cannot change shared data through it.
    pub fn only_functions(&self) -> bool {
        let mut all = self.default.iter().chain(self.named.iter().map(|(_, e)| e));
        let mut any = false;
        let only = all.all(|e| {
            any = true;
            e.value == Exported::Functions
        });
        any && only
    }

    /// The local symbol of the router this module exports, if it exports one.
    pub(crate) fn exported_router(&self) -> Option<SymbolId> {
        self.default
            .iter()
            .chain(self.named.iter().map(|(_, e)| e))
            .find(|e| e.value == Exported::Router)
            .and_then(|e| e.symbol)
    }
}

/// Summarises one parsed module.
pub fn summarise<'a>(semantic: &Semantic<'a>, index: &LineIndex<'_>) -> ModuleSummary {
    let summariser = Summariser {
        semantic,
        resolve: Resolver::new(semantic),
        index,
    };
    let mut summary = ModuleSummary::default();
    summariser.exports(&mut summary);
    summariser.walk(&mut summary);
    summary
}

struct Summariser<'s, 'a> {
    semantic: &'s Semantic<'a>,
    resolve: Resolver<'s, 'a>,
    index: &'s LineIndex<'s>,
}

impl<'s, 'a> Summariser<'s, 'a> {
    fn range(&self, span: Span) -> SourceRange {
        self.index.range(span.start, span.end)
    }

    /// The edits removing `span` (a statement: with its comment lines, and no blank line
    /// left; otherwise exactly the span).
    fn removal(&self, span: Span, statement: bool) -> Vec<TextEdit> {
        let edits = if statement {
            line_removal(
                self.semantic.source_text(),
                self.semantic.comments(),
                span,
                true,
            )
        } else {
            vec![(span, "")]
        };
        edits
            .into_iter()
            .map(|(span, text)| TextEdit {
                range: self.range(span),
                text: text.to_string(),
            })
            .collect()
    }

    /// The edits removing the declaration behind an exported value: none for a literal
    /// written in the export itself, the variable's statement for a variable whose only
    /// `references` uses are the export's.
    fn value_removal(
        &self,
        value: &'a Expression<'a>,
        references: usize,
    ) -> Result<Vec<TextEdit>, &'static str> {
        match self.resolve.symbol_of(value.get_inner_expression()) {
            Some(symbol) => self.declaration_removal(symbol, references),
            None if starts_empty(Some(value)) => Ok(Vec::new()),
            None => Err(NOT_EMPTY),
        }
    }

    /// The edits removing the top-level `const`/`let` declaring `symbol`, when it declares
    /// nothing else, starts empty as Redis does, and the module uses it only `references`
    /// times (its export).
    fn declaration_removal(
        &self,
        symbol: SymbolId,
        references: usize,
    ) -> Result<Vec<TextEdit>, &'static str> {
        let scoping = self.semantic.scoping();
        let nodes = self.semantic.nodes();
        let decl = scoping.symbol_declaration(symbol);
        let AstKind::VariableDeclarator(declarator) = nodes.kind(decl) else {
            return Err(OTHER_SHAPE);
        };
        let AstKind::VariableDeclaration(statement) = nodes.parent_kind(decl) else {
            return Err(OTHER_SHAPE);
        };
        if statement.declarations.len() != 1
            || scoping.symbol_scope_id(symbol) != scoping.root_scope_id()
        {
            return Err(OTHER_SHAPE);
        }
        if self.semantic.symbol_references(symbol).count() != references {
            return Err("the module that declares it uses it too");
        }
        if !starts_empty(declarator.init.as_ref()) {
            return Err(NOT_EMPTY);
        }
        // `export const x = …`: the caller removes the whole export statement.
        if matches!(
            nodes.parent_kind(nodes.parent_id(decl)),
            AstKind::ExportDeclaration(_)
        ) {
            return Ok(Vec::new());
        }
        Ok(self.removal(statement.span, true))
    }

    fn exports(&self, summary: &mut ModuleSummary) {
        for statement in &self.semantic.nodes().program().body {
            match statement {
                Statement::ExpressionStatement(s) => {
                    let Expression::AssignmentExpression(assign) =
                        s.expression.get_inner_expression()
                    else {
                        continue;
                    };
                    self.commonjs_export(&assign.left, &assign.right, s.span, summary);
                }
                Statement::ExportDefaultDeclaration(d) => {
                    let export = match &d.declaration {
                        ExportDefaultDeclarationKind::FunctionDeclaration(f) => Export {
                            value: Exported::Functions,
                            range: self.range(f.span),
                            function: Some(f.node_id.get()),
                            symbol: None,
                            removal: Err(NOT_DATA),
                        },
                        ExportDefaultDeclarationKind::ClassDeclaration(c) => Export {
                            value: Exported::Functions,
                            range: self.range(c.span),
                            function: None,
                            symbol: None,
                            removal: Err(NOT_DATA),
                        },
                        other => match other.as_expression() {
                            Some(expr) => self.export_of(expr, summary, true),
                            None => continue,
                        },
                    };
                    summary.default = Some(export);
                }
                Statement::ExportDeclaration(d) => {
                    self.declaration_exports(&d.declaration, d.span, summary)
                }
                Statement::ExportNamedDeclaration(d) => {
                    for spec in &d.specifiers {
                        let local = spec.local.name();
                        let Some(symbol) = self
                            .semantic
                            .scoping()
                            .get_root_binding(local.as_str().into())
                        else {
                            continue;
                        };
                        let export = self.symbol_export(symbol);
                        let name = spec.exported.name().to_string();
                        if name == "default" {
                            summary.default = Some(export);
                        } else {
                            summary.named.push((name, export));
                        }
                    }
                }
                _ => {}
            }
        }
    }

    /// `module.exports = x`, `module.exports.name = x`, `exports.name = x`.
    fn commonjs_export(
        &self,
        left: &'a AssignmentTarget<'a>,
        right: &'a Expression<'a>,
        statement: Span,
        summary: &mut ModuleSummary,
    ) {
        let Some(member) = left.as_member_expression() else {
            return;
        };
        let object = member.object().get_inner_expression();
        let property = member.static_property_name();
        let is_global = |e: &Expression<'a>, name| self.resolve.is_global(e, name);
        if is_global(object, "module") && property == Some("exports") {
            summary.default = Some(self.export_of(right, summary, true));
            return;
        }
        let on_exports = is_global(object, "exports")
            || matches!(object, Expression::StaticMemberExpression(m)
                if is_global(m.object.get_inner_expression(), "module") && m.property.name == "exports");
        if let (true, Some(name)) = (on_exports, property) {
            let mut export = self.export_of(right, summary, false);
            if matches!(export.value, Exported::Data(_)) {
                export.removal = self.value_removal(right, 1).map(|mut edits| {
                    edits.extend(self.removal(statement, true));
                    edits
                });
            }
            summary.named.push((name.to_string(), export));
        }
    }

    fn declaration_exports(
        &self,
        declaration: &'a Declaration<'a>,
        statement: Span,
        summary: &mut ModuleSummary,
    ) {
        match declaration {
            Declaration::VariableDeclaration(v) => {
                for d in &v.declarations {
                    if let BindingPattern::BindingIdentifier(id) = &d.id
                        && let Some(symbol) = id.symbol_id.get()
                    {
                        let mut export = self.symbol_export(symbol);
                        if matches!(export.value, Exported::Data(_)) {
                            // `export const carts = new Map();`: the statement is both.
                            export.removal = self
                                .declaration_removal(symbol, 0)
                                .map(|_| self.removal(statement, true));
                        }
                        summary.named.push((id.name.to_string(), export));
                    }
                }
            }
            Declaration::FunctionDeclaration(f) => {
                if let Some(id) = &f.id {
                    summary.named.push((
                        id.name.to_string(),
                        Export {
                            value: Exported::Functions,
                            range: self.range(id.span),
                            function: Some(f.node_id.get()),
                            symbol: id.symbol_id.get(),
                            removal: Err(NOT_DATA),
                        },
                    ));
                }
            }
            Declaration::ClassDeclaration(c) => {
                if let Some(id) = &c.id {
                    summary.named.push((
                        id.name.to_string(),
                        Export {
                            value: Exported::Functions,
                            range: self.range(id.span),
                            function: None,
                            symbol: id.symbol_id.get(),
                            removal: Err(NOT_DATA),
                        },
                    ));
                }
            }
            _ => {}
        }
    }

    /// An exported expression; for the module value itself (`module.exports = { … }`),
    /// its properties become named exports too.
    fn export_of(
        &self,
        expr: &'a Expression<'a>,
        summary: &mut ModuleSummary,
        module_value: bool,
    ) -> Export {
        let inner = expr.get_inner_expression();
        if let Some(symbol) = self.resolve.symbol_of(inner) {
            let export = self.symbol_export(symbol);
            if module_value
                && let Some(Expression::ObjectExpression(_)) = self.resolve.initializer(symbol)
            {
                // Entries of an object held in a variable: the variable may be used too.
                self.object_members(self.resolve.initializer(symbol), false, summary);
            }
            return export;
        }
        if module_value {
            self.object_members(Some(inner), true, summary);
        }
        let mut export = self.value_export(inner, None);
        export.range = self.range(inner.span());
        export
    }

    /// The properties of `module.exports = { items, add() {…} }` as named exports.
    /// `removable`: the object is the module's value itself, so an entry can be taken out.
    fn object_members(
        &self,
        expr: Option<&'a Expression<'a>>,
        removable: bool,
        summary: &mut ModuleSummary,
    ) {
        let Some(Expression::ObjectExpression(object)) = expr.map(Expression::get_inner_expression)
        else {
            return;
        };
        for (at, property) in object.properties.iter().enumerate() {
            let ObjectPropertyKind::ObjectProperty(p) = property else {
                continue;
            };
            let Some(name) = p.key.static_name() else {
                continue;
            };
            let export = match self.resolve.symbol_of(&p.value) {
                Some(symbol) => self.symbol_export(symbol),
                None => {
                    let mut export = self.value_export(&p.value, None);
                    // A number on the exported object is a counter whoever changes it.
                    if matches!(
                        p.value.get_inner_expression(),
                        Expression::NumericLiteral(_)
                    ) {
                        export.value = Exported::Data(DataKind::Counter);
                    }
                    export.range = self.range(p.span);
                    export
                }
            };
            let mut export = export;
            if matches!(export.value, Exported::Data(_)) {
                export.removal = if !removable || p.method || p.computed {
                    Err(OTHER_SHAPE)
                } else {
                    // The entry and the separator after it, so that taking out every
                    // entry, one rewrite each, never edits the same text twice: the last
                    // one leaves its preceding comma, which JavaScript allows.
                    let end = object
                        .properties
                        .get(at + 1)
                        .map_or(p.span.end, |next| next.span().start);
                    // The only entry: everything between the braces goes, `{}` is left.
                    let entry = if object.properties.len() == 1 {
                        Span::new(object.span.start + 1, object.span.end - 1)
                    } else {
                        Span::new(p.span.start, end)
                    };
                    self.value_removal(&p.value, 1).map(|mut edits| {
                        edits.extend(self.removal(entry, false));
                        edits
                    })
                };
            }
            summary.named.push((name.to_string(), export));
        }
    }

    /// What a top-level symbol holds, by its declaration.
    fn symbol_export(&self, symbol: SymbolId) -> Export {
        let scoping = self.semantic.scoping();
        let nodes = self.semantic.nodes();
        let decl = scoping.symbol_declaration(symbol);
        let range = self.range(scoping.symbol_span(symbol));
        let mut export = match nodes.kind(decl) {
            AstKind::Function(f) => Export {
                value: Exported::Functions,
                range,
                function: Some(f.node_id.get()),
                symbol: None,
                removal: Err(NOT_DATA),
            },
            AstKind::Class(_) => Export {
                value: Exported::Functions,
                range,
                function: None,
                symbol: None,
                removal: Err(NOT_DATA),
            },
            AstKind::VariableDeclarator(d) => {
                let reassignable = !matches!(
                    nodes.parent_kind(decl),
                    AstKind::VariableDeclaration(v) if v.kind == VariableDeclarationKind::Const
                );
                match d.init.as_ref() {
                    Some(init) => {
                        let mut export = self.value_export(init, Some(symbol));
                        if reassignable
                            && matches!(init.get_inner_expression(), Expression::NumericLiteral(_))
                        {
                            export.value = Exported::Data(DataKind::Counter);
                        }
                        export
                    }
                    None => Export {
                        value: Exported::Other,
                        range,
                        function: None,
                        symbol: None,
                        removal: Err(NOT_DATA),
                    },
                }
            }
            _ => Export {
                value: Exported::Other,
                range,
                function: None,
                symbol: None,
                removal: Err(NOT_DATA),
            },
        };
        export.range = range;
        export.symbol = Some(symbol);
        export
    }

    /// What an expression holds.
    fn value_export(&self, expr: &'a Expression<'a>, symbol: Option<SymbolId>) -> Export {
        let inner = expr.get_inner_expression();
        let mut function = None;
        let value = match inner {
            Expression::ArrowFunctionExpression(f) => {
                function = Some(f.node_id.get());
                Exported::Functions
            }
            Expression::FunctionExpression(f) => {
                function = Some(f.node_id.get());
                Exported::Functions
            }
            Expression::ClassExpression(_) => Exported::Functions,
            Expression::ObjectExpression(object) => {
                let props = &object.properties;
                let functions = !props.is_empty()
                    && props.iter().all(|p| match p {
                        ObjectPropertyKind::ObjectProperty(p) => {
                            p.method || self.holds_function(&p.value)
                        }
                        ObjectPropertyKind::SpreadProperty(_) => false,
                    });
                let session = props.iter().any(|p| {
                    matches!(p, ObjectPropertyKind::ObjectProperty(p)
                        if p.key.static_name().is_some_and(|n| n == "secret"))
                });
                if functions {
                    Exported::Functions
                } else if session {
                    Exported::SessionOptions
                } else {
                    Exported::Data(DataKind::Object)
                }
            }
            Expression::ArrayExpression(_) => Exported::Data(DataKind::Array),
            Expression::NewExpression(new) => {
                let global = |name| self.resolve.is_global(&new.callee, name);
                if global("Map") || global("WeakMap") {
                    Exported::Data(DataKind::Map)
                } else if global("Set") || global("WeakSet") {
                    Exported::Data(DataKind::Set)
                } else if global("Array") {
                    Exported::Data(DataKind::Array)
                } else if global("Object") {
                    Exported::Data(DataKind::Object)
                } else {
                    Exported::Other
                }
            }
            other => {
                let known = self
                    .resolve
                    .origin(other)
                    .map_or(Exported::Other, |origin| {
                        self.export_from_origin(&origin, other)
                    });
                function = wrapped_function(other);
                match (known, function) {
                    (Exported::Other, Some(_)) => Exported::Functions,
                    (known, _) => known,
                }
            }
        };
        Export {
            value,
            range: self.range(inner.span()),
            function,
            symbol,
            removal: Err(NOT_DATA),
        }
    }

    fn holds_function(&self, expr: &'a Expression<'a>) -> bool {
        match self.resolve.value_of(expr).get_inner_expression() {
            Expression::ArrowFunctionExpression(_)
            | Expression::FunctionExpression(_)
            | Expression::ClassExpression(_) => true,
            Expression::Identifier(_) => self.resolve.symbol_of(expr).is_some_and(|s| {
                let decl = self.semantic.scoping().symbol_declaration(s);
                matches!(
                    self.semantic.nodes().kind(decl),
                    AstKind::Function(_) | AstKind::Class(_)
                )
            }),
            _ => false,
        }
    }

    fn export_from_origin(&self, origin: &Origin, expr: &'a Expression<'a>) -> Exported {
        if origin.is("express", &["Router", CALL]) || origin.is("express", &[CALL, "Router", CALL])
        {
            Exported::Router
        } else if origin.is("multer", &[CALL]) {
            let dest = match expr {
                Expression::CallExpression(call) => first_arg(&call.arguments)
                    .and_then(|a| self.resolve.object_shape(a))
                    .and_then(|shape| shape.get("dest"))
                    .and_then(|d| string_value(self.resolve.value_of(d)))
                    .map(str::to_string),
                _ => None,
            };
            Exported::Multer { dest }
        } else if origin.is("express-session", &[CALL]) {
            Exported::Session
        } else {
            Exported::Other
        }
    }

    /// Relative specifiers, and relative modules' values handed to route registrations.
    fn walk(&self, summary: &mut ModuleSummary) {
        let exported_router = summary.exported_router();
        for node in self.semantic.nodes().iter() {
            match node.kind() {
                AstKind::ImportDeclaration(d) => push_relative(summary, d.source.value.as_str()),
                AstKind::ExportFromDeclaration(d) => {
                    push_relative(summary, d.source.value.as_str());
                }
                AstKind::ExportAllDeclaration(d) => push_relative(summary, d.source.value.as_str()),
                AstKind::ImportExpression(i) => {
                    if let Some(s) = string_value(&i.source) {
                        push_relative(summary, s);
                    }
                }
                AstKind::CallExpression(call) => {
                    if let Some(specifier) = self.resolve.require_specifier(call) {
                        push_relative(summary, specifier);
                        continue;
                    }
                    self.registration(call, exported_router, summary);
                }
                _ => {}
            }
        }
    }

    /// `app.use('/api', require('./routes/api'))`, `router.post('/', cart.addItem)`.
    fn registration(
        &self,
        call: &'a oxc_ast::ast::CallExpression<'a>,
        exported_router: Option<SymbolId>,
        summary: &mut ModuleSummary,
    ) {
        let Some(member) = call.callee.get_inner_expression().as_member_expression() else {
            return;
        };
        let Some(method) = member.static_property_name() else {
            return;
        };
        if !ROUTE_METHODS.contains(&method) {
            return;
        }
        let receiver = member.object().get_inner_expression();
        if self
            .resolve
            .origin(receiver)
            .is_none_or(|o| o.module != "express")
        {
            return;
        }
        let on_exported_router =
            exported_router.is_some() && self.resolve.symbol_of(receiver) == exported_router;
        let path = first_arg(&call.arguments)
            .map(|a| self.resolve.value_of(a))
            .and_then(string_value);
        let path = match (path, method) {
            (Some(p), _) => Some(p.to_string()),
            (None, "use") => Some("/".to_string()),
            (None, _) => None,
        };
        let method = match method {
            "del" => "DELETE".to_string(),
            other => other.to_ascii_uppercase(),
        };
        for arg in call.arguments.iter().filter_map(Argument::as_expression) {
            let Some(origin) = self.resolve.origin(arg) else {
                continue;
            };
            if !is_relative(&origin.module) || origin.steps.iter().any(|s| s == CALL) {
                continue;
            }
            summary.uses.push(UseOfModule {
                specifier: origin.module.clone(),
                steps: origin.steps.clone(),
                method: method.clone(),
                path: path.clone(),
                on_exported_router,
                range: self.range(arg.span()),
            });
        }
    }
}

/// The handler inside a wrapper call: `asyncHandler(async (req, res) => …)`.
fn wrapped_function(expr: &Expression<'_>) -> Option<NodeId> {
    let Expression::CallExpression(call) = expr else {
        return None;
    };
    call.arguments
        .iter()
        .find_map(|arg| match arg.as_expression()?.get_inner_expression() {
            Expression::ArrowFunctionExpression(f) => Some(f.node_id.get()),
            Expression::FunctionExpression(f) => Some(f.node_id.get()),
            _ => None,
        })
}

/// `./x`, `../x`: a module of the project rather than a package.
pub fn is_relative(specifier: &str) -> bool {
    specifier == "." || specifier.starts_with("./") || specifier.starts_with("../")
}

fn push_relative(summary: &mut ModuleSummary, specifier: &str) {
    if is_relative(specifier) && !summary.specifiers.iter().any(|s| s == specifier) {
        summary.specifiers.push(specifier.to_string());
    }
}
